"""The dashboard on a built analysis: first page, a filter change, resident memory.

Usage: ``python bench/dashboard_scale.py CORPUS [BUILD] [--page pages/3_Overlap.py ...]``

``BUILD`` is a folder written by ``python -m analysis build CORPUS --out BUILD``; without
it the dashboard analyses ``CORPUS`` itself on the first open (the bundled corpus:
``python bench/dashboard_scale.py corpus``).
Opens the page headlessly (Streamlit's AppTest, in this process) with
``COVERAGE_LENS_ANALYSIS=BUILD``: the first open (the build read, the page's own
computations), a second open (cached), then a filter change (the first outlet
alone, then all outlets again), and prints each in seconds with the process's
resident memory (wall and CPU seconds: on a busy machine the CPU figure is the
fairer one). Several ``--page`` values are opened one after the other in
the same process, as one server would (its memory then holds what every page
read); the peak RSS is printed last. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Resident memory of this process now, in MB (from /proc, Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, run) -> object:
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = [e.value for e in getattr(result, "exception", [])]
    print(
        f"{label:34s} {seconds:8.2f} s wall {cpu:8.2f} s CPU   RSS {rss_mb():6.0f} MB "
        f"{errors or ''}",
        flush=True,
    )
    return result


def measure(page: str, build: Path | None, app_test) -> None:
    """First open, cached open, one outlet, all outlets again, of one page."""

    def open_page():
        at = app_test.from_file(str(ROOT / "dashboard.py"), default_timeout=3600)
        if page != "dashboard.py":
            at.switch_page(page)
        return at.run()

    print(f"{page} on the build {build}" if build else f"{page}, no build")
    timed("first open", open_page)
    at = timed("second open (cached)", open_page)
    outlets = at.multiselect(key="widget:outlet")
    first = outlets.options[0]
    timed(f"filter: outlet = {first[:20]}", lambda: outlets.set_value([first]).run())
    timed(
        "filter: all outlets again", lambda: at.multiselect(key="widget:outlet").set_value([]).run()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("build", type=Path, nargs="?", help="a built analysis of CORPUS")
    parser.add_argument(
        "--page",
        nargs="+",
        default=["dashboard.py"],
        help="page files, e.g. pages/1_Keywords.py (several: one after the other)",
    )
    args = parser.parse_args()
    os.environ["COVERAGE_LENS_CORPUS"] = str(args.corpus.resolve())
    if args.build:
        os.environ["COVERAGE_LENS_ANALYSIS"] = str(args.build.resolve())
    else:
        os.environ.pop("COVERAGE_LENS_ANALYSIS", None)
    from streamlit.testing.v1 import AppTest

    for page in args.page:
        measure(page, args.build, AppTest)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
