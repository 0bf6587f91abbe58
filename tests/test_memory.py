"""Peak resident memory per stage: measured on its own, recorded in a build's manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus.load import load_corpus
from analysis.pipeline import load_knowledge
from analysis.store.build import OVERLAP_STAGE, build
from analysis.store.memory import StagePeaks, peak_mb

STORY = Path(__file__).resolve().parent / "fixtures" / "stories" / "river_flood"
linux = pytest.mark.skipif(peak_mb() is None, reason="peak memory is read from /proc (Linux)")


@linux
def test_each_stage_gets_its_own_peak():
    memory = StagePeaks()
    memory.enter("allocates")
    block = bytearray(200 * 2**20)
    block[::4096] = b"x" * len(block[::4096])  # touch every page so it is resident
    del block
    memory.enter("quiet")
    memory.enter("")
    assert memory.peaks["allocates"] - memory.peaks["quiet"] >= 150


@linux
def test_a_build_records_the_peak_of_every_timed_stage(tmp_path: Path):
    built = build(load_corpus(STORY), load_knowledge(STORY), tmp_path / "flood", workers=1)
    peaks, timings = built.manifest["peak_rss_mb"], built.manifest["timings"]
    assert set(peaks) == set(timings)
    assert all(mb > 0 for mb in peaks.values())
    steps = [
        mb
        for stage, mb in peaks.items()
        if stage.startswith("overlap: ") and stage != OVERLAP_STAGE
    ]
    assert peaks[OVERLAP_STAGE] == max(steps)


def test_release_hands_freed_memory_back_to_the_system():
    """Memory freed below a live allocation stays resident until released: the C
    allocator keeps those pages (200 MB here) unless asked to return them."""
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from analysis.store.memory import release, resident_mb\n"
        "base = resident_mb()\n"
        "held = [bytes(1000) + bytes([i % 256]) for i in range(200_000)]\n"
        "last = bytes(1000) + b'x'  # allocated after them: the heap cannot shrink from its top\n"
        "grown = resident_mb() - base\n"
        "del held\n"
        "gc.collect()\n"
        "kept = resident_mb() - base\n"
        "release()\n"
        "print(grown, kept, resident_mb() - base)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    grown, kept, left = map(float, out.split())
    assert grown > 150 and kept > grown / 2  # MB: freed, yet still resident
    assert left < grown / 4
