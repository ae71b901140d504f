"""Benchmark the evidence-pack batch: cold and warm runs for every default area.

Prints the cold run time (every pack rebuilt), the warm run time (nothing changed, every
area skipped) and the median seconds per area. Targets on a 2-core machine: cold under
3 minutes, warm under 5 seconds. Run with ``make bench`` (which sets LIS_DATA_MIRROR).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from lis_analytics.report.batch import default_areas, run_reports


def main(jobs: int = 2) -> None:
    out = Path(tempfile.mkdtemp(prefix="lis-bench-"))
    areas = [a.code for a in default_areas()]
    start = time.perf_counter()
    cold = run_reports(areas, jobs=jobs, force=True, progress=False, out_root=out)
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    warm = run_reports(areas, jobs=jobs, progress=False, out_root=out)
    warm_s = time.perf_counter() - start
    per_area = [r.seconds for r in cold if r.status == "succeeded"]
    failed = [r.area_code for r in cold if r.status == "failed"]
    print(f"areas: {len(areas)} (jobs={jobs}); failed: {len(failed)} {failed}")
    print(f"cold run: {cold_s:.1f} s (target < 180 s)")
    print(f"warm run: {warm_s:.1f} s (target < 5 s); skipped "
          f"{sum(r.status == 'skipped' for r in warm)} of {len(warm)}")
    if per_area:
        print(f"median per area (one worker): {statistics.median(per_area):.1f} s")
    print(f"packs written to {out}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
