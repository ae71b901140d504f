"""Main-text and appendix word counts and printed pages of every pack in a reports folder.

Usage::

    python benchmarks/pack_lengths.py [REPORTS_DIR] [--no-print]

Words follow :func:`lis_analytics.report.assemble.pack_word_counts` (visible words outside the
Appendix; image alt text, the Data-as-at panel's collapsed source lists and navigation are not
counted). Pages: with Chromium on the PATH each pack is printed to PDF on A4 (the pack's own
print stylesheet) twice, whole and cut at the ``## Appendix`` heading, and the pages counted;
without it (or with ``--no-print``) pages are estimated from words and charts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lis_analytics.report.assemble import pack_word_counts
from lis_analytics.report.batch import reports_dir

WORDS_PER_PAGE = 450
"""For the estimate without Chromium: words on a printed A4 page of prose and tables."""
CHARTS_PER_PAGE = 2
TARGET_MAIN_WORDS = 4000


def main_part(html: str) -> str:
    """The pack cut before the cell holding the ``## Appendix`` heading (or all of it)."""
    at = html.find('<h2 id="Appendix"')
    if at < 0:
        return html
    cell = html.rfind('<div class="jp-Cell', 0, at)
    cell = html.rfind("<div", 0, cell + 1) if cell >= 0 else at
    return html[:cell] + "</body></html>"


def printed_pages(html: str, chromium: str) -> int:
    """Pages of ``html`` printed to PDF by headless Chromium."""
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "pack.html", Path(tmp) / "pack.pdf"
        page.write_text(html, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", page.as_uri()], check=True,
                       capture_output=True, timeout=180)
        counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)",
                            pdf.read_bytes())
        return max(int(a or b) for a, b in counts)


def estimated_pages(html: str, words: int) -> float:
    """Pages from words and charts, for machines without Chromium."""
    charts = len(re.findall(r"<img\b", html))
    return round(words / WORDS_PER_PAGE + charts / CHARTS_PER_PAGE, 1)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else reports_dir()
    chromium = None if "--no-print" in argv else (shutil.which("chromium")
                                                  or shutil.which("chromium-browser")
                                                  or shutil.which("google-chrome"))
    packs = sorted(folder.glob("*/index.html"))
    if not packs:
        print(f"no packs in {folder}")
        return 1
    kind = "printed A4 pages" if chromium else "estimated pages"
    print(f"{'area':<24} {'main words':>10} {'appendix':>9} {'main pp':>8} {'all pp':>7}  ({kind})")
    longest = (0, "")
    for path in packs:
        html = path.read_text(encoding="utf-8")
        words = pack_word_counts(html)
        main_html = main_part(html)
        if chromium:
            main_pages = printed_pages(main_html, chromium)
            all_pages = printed_pages(html, chromium)
        else:
            main_pages = estimated_pages(main_html, words["main"])
            all_pages = estimated_pages(html, words["main"] + words["appendix"])
        flag = "  over target" if words["main"] >= TARGET_MAIN_WORDS else ""
        print(f"{path.parent.name:<24} {words['main']:>10,} {words['appendix']:>9,} "
              f"{main_pages:>8} {all_pages:>7}{flag}")
        longest = max(longest, (words["main"], path.parent.name))
    print(f"longest main text: {longest[1]} ({longest[0]:,} words; target under "
          f"{TARGET_MAIN_WORDS:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
