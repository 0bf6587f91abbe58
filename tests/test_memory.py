"""Peak resident memory per stage: measured on its own, recorded in a build's manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.build import OVERLAP_STAGE, build
from analysis.corpus.load import load_corpus
from analysis.memory import StagePeaks, peak_mb
from analysis.pipeline import load_knowledge

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
