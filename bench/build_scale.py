"""The whole build against a bare TF-IDF, at several corpus sizes and process counts.

Usage: ``python bench/build_scale.py ARTICLES.jsonl[.gz] [--sizes 1000 3000 12400]
[--workers 1 2] [--keep DIR]``

For each size, the first N articles are copied (untimed) to a temporary file; then,
on the same texts, a bare ``TfidfVectorizer(ngram_range=(1, 2)).fit_transform``
(in this process) and ``python -m analysis build`` once per ``--workers`` value (a
fresh process each, so nothing is cached between runs). Prints one row per size and
process count: wall and CPU seconds (the build's worker processes included), the
CPU ratio to the bare uni+bigram vectoriser, CPU ms per article, the peak resident
memory of the largest process (the build's own or one of its workers) and, for two
or more processes, the speed-up in wall time against the first ``--workers`` value.
Then each stage's seconds from the manifest of the last build of each size. CPU is
the fairer figure on a shared machine; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from scale import first_lines  # noqa: E402

from analysis.corpus.load import load_corpus  # noqa: E402


def texts_of(path: Path) -> list[str]:
    """The article texts of a corpus as the build loads them (``bench/scale.py``'s baseline)."""
    return [article.text for article in load_corpus(path).articles]


def tfidf_cpu(texts: list[str]) -> float:
    """CPU seconds of a bare uni+bigram ``TfidfVectorizer`` fit on ``texts``."""
    start = time.process_time()
    TfidfVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    return time.process_time() - start


PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
"""Runs a command and prints the peak resident KiB of its largest process (itself or a worker)."""


def timed_build(corpus: Path, out: Path, workers: int) -> tuple[float, float, float]:
    """Wall s, CPU s (all processes) and the largest process's peak MB of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", "analysis", "build", str(corpus),
         "--out", str(out), "--workers", str(workers)],
        cwd=ROOT, check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 12400])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="keep each build in DIR/N-wW")
    args = parser.parse_args()
    print("articles  workers   wall s    CPU s  × TF-IDF  CPU ms/article  peak MB  speed-up")
    stages: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            corpus = first_lines(args.articles, size, Path(folder))
            texts = texts_of(corpus)
            baseline = tfidf_cpu(texts)
            first_wall = None
            for workers in args.workers:
                out = (args.keep or Path(folder)) / f"{len(texts)}-w{workers}"
                wall, cpu, peak = timed_build(corpus, out, workers)
                first_wall = first_wall or wall
                speed = f"{first_wall / wall:8.2f}×" if workers != args.workers[0] else ""
                print(
                    f"{len(texts):8d} {workers:8d} {wall:8.1f} {cpu:8.1f} {cpu / baseline:8.1f}×"
                    f" {1000 * cpu / len(texts):15.1f} {peak:8.0f} {speed}",
                    flush=True,
                )
                stages[len(texts)] = json.loads((out / "manifest.json").read_text())["timings"]
            corpus.unlink()
            print(f"{'':8} bare uni+bigram TfidfVectorizer: {baseline:.1f} CPU s", flush=True)
    for size, timings in stages.items():
        print(f"\nstage seconds at {size} articles (the last build's manifest)")
        for stage, seconds in timings.items():
            print(f"  {stage:58} {seconds:8.1f}")


if __name__ == "__main__":
    main()
