"""Benchmark the evidence-pack batch: cold and warm runs for every default area.

Prints the cold run time (every pack rebuilt), the warm run time (nothing changed, every
area skipped) and the median seconds per area. Targets on a 2-core machine: cold under
120 s, at most 3 CPU-seconds per area, warm under 2 s (and under 2 s for `make reports` from
the shell). Run with ``make bench`` (which sets LIS_DATA_MIRROR).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lis_analytics.report.batch import default_areas, run_reports


def busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy (Linux ``/proc/stat``), else ``None``.

    The machine's speed varies from run to run (shared cores), so the batch's CPU time per
    area is printed beside the wall-clock times to tell a slower machine from slower code.
    """
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def main(jobs: int = 2) -> None:
    out = Path(tempfile.mkdtemp(prefix="lis-bench-"))
    areas = [a.code for a in default_areas()]
    cpu_start = busy_cpu_seconds()
    start = time.perf_counter()
    cold = run_reports(areas, jobs=jobs, force=True, progress=False, out_root=out)
    cold_s = time.perf_counter() - start
    cpu_end = busy_cpu_seconds()
    start = time.perf_counter()
    warm = run_reports(areas, jobs=jobs, progress=False, out_root=out)
    warm_s = time.perf_counter() - start
    per_area = [r.seconds for r in cold if r.status == "succeeded"]
    failed = [r.area_code for r in cold if r.status == "failed"]
    print(f"areas: {len(areas)} (jobs={jobs}); failed: {len(failed)} {failed}")
    print(f"cold run: {cold_s:.1f} s (target < 120 s)")
    print(f"warm run: {warm_s:.1f} s (target < 2 s); skipped "
          f"{sum(r.status == 'skipped' for r in warm)} of {len(warm)}")
    if per_area:
        print(f"median per area (one worker): {statistics.median(per_area):.1f} s")
    if cpu_start is not None and cpu_end is not None:
        busy = cpu_end - cpu_start
        print(f"cold run CPU: {busy:.0f} core-seconds busy ({busy / cold_s:.2f} of "
              f"{os.cpu_count()} cores), {busy / len(areas):.1f} per area (target <= 3)")
    print(f"packs written to {out}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
