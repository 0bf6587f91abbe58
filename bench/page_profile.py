"""Where a page's time goes on a built analysis: cProfile around each step of the dashboard bench.

Usage: ``python bench/page_profile.py CORPUS BUILD --page pages/2_Voices.py [--top 25]``

Runs the steps of ``bench/dashboard_scale.py`` (first open, cached open, one outlet, all
outlets again) in this process, profiles the script thread of each step (AppTest runs the
page in a thread of its own) and prints each step's wall and CPU seconds and its most costly
functions by cumulative CPU time (Streamlit's own machinery and plotly's serialisation
included, so the page's share is seen against the rest). Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


PROFILES: list[cProfile.Profile] = []


def profile_script_threads() -> None:
    """Run every AppTest script thread under a cProfile of its own, kept in ``PROFILES``."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    run_thread = LocalScriptRunner._run_script_thread

    def run_profiled(self) -> None:
        profile = cProfile.Profile()
        PROFILES.append(profile)
        profile.runcall(run_thread, self)

    LocalScriptRunner._run_script_thread = run_profiled


def profiled(label: str, run, top: int) -> object:
    """Run ``run``; print its wall and CPU seconds and the top functions of its script run."""
    PROFILES.clear()
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = [e.value for e in getattr(result, "exception", [])]
    print(f"== {label}: {seconds:.2f} s wall, {cpu:.2f} s CPU {errors or ''}", flush=True)
    out = io.StringIO()
    pstats.Stats(*PROFILES, stream=out).sort_stats("cumulative").print_stats(top)
    lines = out.getvalue().splitlines()
    start_at = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print("\n".join(lines[start_at:]), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("build", type=Path)
    parser.add_argument("--page", default="pages/2_Voices.py")
    parser.add_argument("--top", type=int, default=25, help="functions printed per step")
    args = parser.parse_args()
    os.environ["COVERAGE_LENS_CORPUS"] = str(args.corpus.resolve())
    os.environ["COVERAGE_LENS_ANALYSIS"] = str(args.build.resolve())
    from streamlit.testing.v1 import AppTest

    profile_script_threads()

    def open_page():
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=3600)
        if args.page != "dashboard.py":
            at.switch_page(args.page)
        return at.run()

    print(f"{args.page} on the build {args.build}")
    profiled("first open", open_page, args.top)
    at = profiled("second open (cached)", open_page, args.top)
    outlets = at.multiselect(key="widget:outlet")
    first = outlets.options[0]
    profiled(f"filter: outlet = {first[:20]}", lambda: outlets.set_value([first]).run(), args.top)
    profiled(
        "filter: all outlets again",
        lambda: at.multiselect(key="widget:outlet").set_value([]).run(),
        args.top,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
