"""Rebuild the golden ``figures.csv`` files (``make golden``): a deliberate, reviewed act.

Run it only when a change to the packs' numbers is intended, then review ``git diff tests/golden``
and say in the commit message why the figures changed.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

from lis_analytics.report import batch

GOLDEN_DIR = Path(__file__).resolve().parent
GOLDEN_AREAS = ("E37000015", "E08000010", "oxford_cambridge_arc")
"""Greater Manchester LEP, Wigan (a single district) and the Oxford-Cambridge Arc (custom)."""


def golden_path(area_code: str) -> Path:
    """The committed golden ``figures.csv`` of one area, gzip-compressed.

    ``figures.csv`` holds every number of a pack (a district's pack has about 6,000 rows), so
    the golden copies are kept compressed; ``pandas.read_csv`` reads them as they are.
    """
    return GOLDEN_DIR / f"figures_{area_code}.csv.gz"


def write_golden(source: Path, target: Path) -> None:
    """Compress ``source`` to ``target`` byte-for-byte reproducibly (no name or time stored)."""
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                  mtime=0, compresslevel=9) as out:
        out.write(source.read_bytes())


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        results = batch.run_reports(list(GOLDEN_AREAS), jobs=2, force=True, out_root=out)
        failed = [r.area_code for r in results if r.status != "succeeded"]
        if failed:
            print(f"golden: packs failed for {', '.join(failed)}; nothing updated", file=sys.stderr)
            return 1
        for code in GOLDEN_AREAS:
            write_golden(out / code / "figures.csv", golden_path(code))
            print(f"golden: {golden_path(code).relative_to(Path.cwd())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
