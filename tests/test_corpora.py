"""Corpus switching under COVERAGE_LENS_ROOT: which names are corpora, and none leads out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ui.corpora import build_corpus, corpus_choices, resolve_choice

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "fixtures" / "stories"


@pytest.fixture
def root(tmp_path):
    """A corpus root holding two article folders, a JSONL file, a build marker and clutter,
    beside a folder outside it that no name may reach."""
    outside = tmp_path / "secret"
    shutil.copytree(STORIES / "bakery_merger", outside)
    base = tmp_path / "root"
    shutil.copytree(STORIES / "river_flood", base / "floods" / "river")
    shutil.copytree(STORIES / "water_bill", base / "water_bill")
    (base / "feeds").mkdir()
    (base / "feeds" / "week1.jsonl").write_text('{"text": "A short article."}\n', "utf-8")
    (base / "feeds" / "notes.txt.bak").write_text("not a corpus", "utf-8")
    (base / "builds" / "river").mkdir(parents=True)
    (base / "builds" / "river" / "manifest.json").write_text(
        f'{{"knowledge_folder": "{base / "floods" / "river"}"}}', "utf-8"
    )
    (base / "empty").mkdir()
    (base / ".hidden").mkdir()
    shutil.copy(STORIES / "river_flood" / "metro.md", base / ".hidden" / "metro.md")
    (base / "escape").symlink_to(outside, target_is_directory=True)
    (base / "feeds" / "leak.jsonl").symlink_to(outside / "commerce.md")
    return base


def test_the_corpora_under_the_root_are_offered(root):
    offered = {c.name: c.kind for c in corpus_choices(root.resolve())}
    assert offered == {
        "builds/river": "build",
        "feeds/week1.jsonl": "file",
        "floods/river": "folder",
        "water_bill": "folder",
    }


@pytest.mark.parametrize(
    "name",
    [
        "../secret",
        "floods/../../secret",
        "escape",
        "feeds/leak.jsonl",
        "",
        ".",
        "empty",
        "feeds/notes.txt.bak",
        "floods/river\\..\\..\\..\\secret",
        "~/secret",
    ],
)
def test_names_that_lead_out_or_hold_no_corpus_are_refused(root, name):
    assert resolve_choice(root.resolve(), name) is None


def test_an_absolute_path_is_refused_even_inside_the_root(root):
    root = root.resolve()
    assert resolve_choice(root, str(root / "water_bill")) is None
    assert resolve_choice(root, str(root.parent / "secret")) is None


def test_a_build_opens_with_its_corpus_when_that_is_under_the_root(root, tmp_path):
    root = root.resolve()
    assert build_corpus(root / "builds" / "river", root) == root / "floods" / "river"
    (root / "builds" / "river" / "manifest.json").write_text(
        f'{{"knowledge_folder": "{tmp_path / "secret"}"}}', "utf-8"
    )
    assert build_corpus(root / "builds" / "river", root) is None
