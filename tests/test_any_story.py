"""Every page on stories the tool has never seen, with no knowledge file beside them.

The pages must show each story's own actors, topics and sides (derived from
its text), say that they are derived, and let the analyst keep them as files.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.load import load_corpus
from analysis.pipeline import DERIVED, analyse, load_framing, load_knowledge
from tests.test_derive import BUNDLED_ACTORS, STORIES
from tests.test_pages import ALL_PAGES, assert_ok, figures, goto, open_app
from tests.test_views import by_key

FRAMING, VOICES, CORPUS = "pages/4_Framing.py", "pages/2_Voices.py", "pages/6_Corpus.py"
BUNDLED_TOPICS = {"Peace plan and ceasefire", "ICC warrant", "Trade and energy", "US reaction"}
BUNDLED_SIDES = {"China", "Russia", "Ukraine", "Europe/NATO"}


@pytest.fixture
def water_bill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The water-bill story as the dashboard's corpus, in a folder of its own."""
    folder = tmp_path / "water_bill"
    shutil.copytree(STORIES / "water_bill", folder)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(folder))
    return folder


def derived(folder: Path) -> tuple[list[str], tuple[str, ...]]:
    analysis = analyse(load_corpus(folder), load_knowledge(folder))
    return [t.name for t in load_framing(folder, analysis).targets], analysis.topic_names


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_renders_on_a_new_story(water_bill: Path, page: str):
    at = open_app(page)
    expander = next(e for e in at.sidebar.expander if e.label.startswith("Knowledge"))
    assert expander.label == "Knowledge: derived from this corpus"
    shown = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert not BUNDLED_TOPICS & {t for t in BUNDLED_TOPICS if t in shown}


def test_framing_rows_are_the_storys_actors(water_bill: Path):
    targets, _ = derived(water_bill)
    at = open_app(FRAMING)
    heat = figures(at)[0]
    rows = [y.replace("<br>", " ") for y in heat["data"][0]["y"]]
    assert rows and set(rows) <= set(targets)
    assert {"Maria Delgado", "Thomas Whitfield"} <= set(rows)
    assert not set(rows) & BUNDLED_ACTORS
    mentions = by_key(at, "selectbox", "framing_target")
    assert set(mentions.options) <= set(targets)
    assert any("Framing targets:** derived from this corpus" in c.value for c in at.caption)


def test_voices_sides_are_the_storys_parties(water_bill: Path):
    at = open_app(VOICES)
    share = next(f for f in figures(at) if len(f["data"]) > 1)
    sides = {trace["name"] for trace in share["data"]}
    assert {"Democrat", "Republican"} <= sides
    assert not sides & BUNDLED_SIDES


def test_overview_topics_are_the_storys_own(water_bill: Path):
    _, topics = derived(water_bill)
    at = open_app()
    heat = next(f for f in figures(at) if f["data"][0]["type"] == "heatmap")
    rows = {label.replace("<br>", " ").replace("  ", " ") for label in heat["data"][0]["y"]}
    assert rows and rows <= set(topics)
    assert not any(t.label == "Show discovered topics instead" for t in at.toggle)


def test_ad_hoc_targets_travel_in_the_link_and_across_pages(water_bill: Path):
    at = open_app(FRAMING, {"target": "Pipes=pipes?"})
    assert "Pipes" in figures(at)[0]["data"][0]["y"]
    goto(at, "dashboard.py")
    assert at.query_params["target"] == ["Pipes=pipes?"] or at.query_params["target"] == (
        "Pipes=pipes?"
    )
    goto(at, FRAMING)
    assert "Pipes" in figures(at)[0]["data"][0]["y"]
    assert "Pipes=pipes?" in by_key(at, "text_area", "framing_extra").value


def test_corpus_page_saves_the_derived_knowledge_as_files(water_bill: Path):
    at = open_app(CORPUS)
    next(b for b in at.button if b.label == "Save derived knowledge as files").click().run()
    assert_ok(at)
    for name in ("targets.csv", "speakers.csv", "topics.csv"):
        assert (water_bill / name).exists(), name
    assert any("Saved targets.csv" in s.value for s in at.success)
    speakers = pd.read_csv(water_bill / "speakers.csv")
    assert speakers.set_index("speaker").loc["Thomas Whitfield", "affiliation"] == "Republican"
    knowledge = load_knowledge(water_bill)
    assert knowledge.sources["speakers"] != DERIVED and knowledge.problems == ()
    at = open_app(CORPUS)
    assert not any(b.label == "Save derived knowledge as files" for b in at.button)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.mark.parametrize("story", ["water_bill", "bakery_merger", "river_flood"])
def test_cli_stance_reports_the_derived_targets_by_the_same_names(story: str):
    folder = STORIES / story
    targets, _ = derived(folder)
    code, out = run("stance", str(folder), "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(dict.fromkeys(table["target"])) == targets


def test_cli_knowledge_writes_drafts_and_merges(tmp_path: Path):
    folder = STORIES / "bakery_merger"
    code, out = run("knowledge", str(folder), "--format", "csv")
    assert code == 0
    sources = pd.read_csv(io.StringIO(out)).set_index("knowledge")["source"]
    assert sources["targets"] == sources["speakers"] == sources["topics"] == DERIVED
    code, out = run("knowledge", str(folder), "--out", str(tmp_path), "--format", "csv")
    assert code == 0
    written = pd.read_csv(io.StringIO(out)).set_index("knowledge")
    assert (written["rows_kept"] == 0).all() and (written["rows_added"] > 0).all()
    code, out = run("knowledge", str(folder), "--out", str(tmp_path), "--format", "csv")
    again = pd.read_csv(io.StringIO(out)).set_index("knowledge")
    assert (again["rows_added"] == 0).all()
    assert (again["rows_kept"] == written["rows_added"]).all()
