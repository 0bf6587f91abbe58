"""A built analysis: written once, opened without recomputing, the same tables by any engine."""

from __future__ import annotations

import io
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.load import load_corpus
from analysis.pipeline import analyse, load_knowledge
from analysis.store.build import TABLES, BuildError, build, corpus_files, local_map, open_build
from tests.test_derive import STORIES
from tests.test_pages import assert_ok, figures, open_app

STORY = STORIES / "river_flood"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("builds") / "flood"
    build(load_corpus(STORY), load_knowledge(STORY), out, workers=1)
    return out


def assert_same_analysis(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    pd.testing.assert_frame_equal(a.entities.table, b.entities.table, obj="entities")
    pd.testing.assert_frame_equal(a.entities.mentions, b.entities.mentions, obj="mentions")
    assert (a.term_counts.matrix != b.term_counts.matrix).nnz == 0
    assert list(a.term_counts.terms) == list(b.term_counts.terms)
    for term in a.term_counts.terms:  # a build keeps only the forms that differ from the term
        shown = a.term_counts.display.get(term, term)
        assert shown == b.term_counts.display.get(term, term)
        assert a.term_counts.key(shown) == b.term_counts.key(shown) == term
    assert a.names == b.names and a.topic_names == b.topic_names
    assert a.knowledge_sources == b.knowledge_sources and a.key == b.key


def test_a_build_opens_to_the_analysis_it_was_built_from(tmp_path: Path):
    corpus, knowledge = load_corpus(STORY), load_knowledge(STORY)
    build(corpus, knowledge, tmp_path / "b", workers=1)
    opened = open_build(tmp_path / "b")
    # against the analysis computed in memory: build() returns the build read back
    assert_same_analysis(analyse(corpus, knowledge), opened.analysis)
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["corpus_hash"] == corpus.content_hash()
    assert manifest["knowledge_hash"] == knowledge.key
    assert manifest["counts"]["articles"] == 3
    assert set(manifest["timings"]) >= {"per-article: segments and quotes", "term counts"}
    assert opened.stale(corpus, knowledge) == []


def test_a_build_says_when_it_is_stale(built: Path, tmp_path: Path):
    corpus = tmp_path / "flood"
    shutil.copytree(STORY, corpus)
    opened = open_build(built)
    assert opened.stale(load_corpus(corpus), load_knowledge(corpus)) == []
    (corpus / "metro.md").unlink()
    (corpus / "topics.csv").write_text("topic,patterns\nDrains,drains?\n", encoding="utf-8")
    reasons = opened.stale(load_corpus(corpus), load_knowledge(corpus))
    assert reasons == ["the corpus changed", "the knowledge files changed"]


def test_the_local_pool_reads_its_items_a_few_tasks_ahead():
    # A long map's items (claims' story batches) are made as tasks are handed out,
    # so they are never all held at once; results keep the items' order.
    drawn = []

    def items():
        for n in range(40):
            drawn.append(n)
            yield n

    with local_map(2) as run:
        results = run(abs, items())
        first = next(results)
        ahead = len(drawn)
        rest = list(results)
    assert [first, *rest] == list(range(40))
    assert ahead <= 5  # twice the workers submitted, and the one that found the limit


def test_a_folder_that_is_not_a_build_is_refused(tmp_path: Path):
    with pytest.raises(BuildError, match="holds no build"):
        open_build(tmp_path)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildError, match="is not a build"):
        build(load_corpus(STORY), load_knowledge(STORY), tmp_path, workers=1)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_cli_commands_give_the_same_answer_from_a_build(built: Path):
    for command in (["quotes"], ["stance"], ["keywords", "--top", "5"]):
        code, direct = run(*command, str(STORY), "--format", "csv")
        code_b, from_build = run(*command, str(STORY), "--format", "csv", "--analysis", str(built))
        assert code == code_b == 0
        assert direct == from_build, command


def test_cli_build_writes_the_tables_and_reports_them(tmp_path: Path):
    code, out = run("build", str(STORY), "--out", str(tmp_path / "b"), "--format", "csv")
    assert code == 0
    report = pd.read_csv(io.StringIO(out))
    counts = report[report["kind"] == "table"].set_index("name")["value"].astype(int)
    assert counts["articles"] == 3 and counts["sentences"] > 20
    assert {f"{name}.parquet" for name in TABLES} <= {p.name for p in (tmp_path / "b").iterdir()}
    code, _ = run("quotes", str(STORY), "--analysis", str(tmp_path / "nothing"))
    assert code == 2


def test_the_dask_engine_gives_identical_tables(built: Path, tmp_path: Path):
    pytest.importorskip("dask.distributed")
    corpus, knowledge = load_corpus(STORY), load_knowledge(STORY)
    made = build(corpus, knowledge, tmp_path / "dask", engine="dask", workers=2)
    assert made.manifest["engine"] == "dask"
    assert_same_analysis(open_build(built).analysis, made.analysis)


def test_the_dashboard_opens_a_build(built: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(STORY))
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(built))
    at = open_app("pages/4_Framing.py")
    assert figures(at)[0]["data"][0]["y"]
    assert not any("stale" in w.value for w in at.warning)


def test_the_dashboard_says_a_build_is_stale(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    corpus = tmp_path / "flood"
    shutil.copytree(STORY, corpus)
    (corpus / "metro.md").unlink()
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(built))
    at = open_app()
    assert_ok(at)
    assert any("stale: the corpus changed" in w.value for w in at.warning)


def test_the_dashboard_explains_a_missing_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(STORY))
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(tmp_path))
    at = open_app()
    assert any("holds no build" in e.value for e in at.error)


def test_the_manifest_names_the_corpus_it_was_built_from(built: Path):
    """So a build picked under a corpus root opens its own corpus for imports and checks."""
    assert Path(open_build(built).manifest["corpus"]) == STORY.resolve()


def test_a_build_carries_the_story_of_each_article(tmp_path: Path, monkeypatch):
    """The grouping is written once (stories.parquet) and read back, given stories kept."""
    from tests.test_overlap_summary import ARTICLES, write_articles

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_articles(corpus, {"bridge": "Tay bridge"})
    made = build(load_corpus(corpus), load_knowledge(corpus), tmp_path / "b", workers=1)
    table = pd.read_parquet(tmp_path / "b" / "stories.parquet")
    assert list(table.columns) == ["article_id", "story", "label"]
    story = dict(zip(table["article_id"], table["story"], strict=True))
    assert story["bridge-a"] == story["bridge-b"] == "Tay bridge"
    assert story["trial-a"] == story["trial-b"] != story["chess"]
    pd.testing.assert_frame_equal(open_build(tmp_path / "b").analysis.stories, table)
    assert made.manifest["counts"]["stories"] == len(ARTICLES)
    assert made.manifest["counts"]["distinct_stories"] == table["story"].nunique() < len(ARTICLES)
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(tmp_path / "b"))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    at = open_app()
    assert any("Tay bridge" in option for option in at.selectbox(key="widget:story").options)


def test_a_build_holds_the_overlap_tables_and_the_overlap_page_opens_them(
    built: Path, monkeypatch: pytest.MonkeyPatch
):
    from analysis.overlap.summary import analyse_overlap
    from tests.test_pages import goto

    opened = open_build(built)
    fresh = analyse_overlap(opened.analysis)
    for name in ("reuse", "copies", "shared_quotes", "claims", "members"):
        pd.testing.assert_frame_equal(
            getattr(opened.overlap, name), getattr(fresh, name), obj=name, check_dtype=False
        )
    assert opened.overlap.discounted == fresh.discounted
    assert len(opened.overlap.claims) > 0

    def recompute(analysis, progress=None):
        raise AssertionError("the Overlap page recomputed what the build holds")

    monkeypatch.setattr("ui.data.analyse_overlap", recompute)
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(built))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(STORY))
    at = goto(open_app(), "pages/3_Overlap.py")
    assert_ok(at)
    assert figures(at)


def test_cli_overlap_and_claims_read_the_builds_tables(built: Path, monkeypatch):
    commands = (["overlap"], ["overlap", "--shared-quotes"], ["claims"], ["claims", "--matrix"])
    direct = {tuple(c): run(*c, str(STORY), "--format", "csv") for c in commands}

    def recompute(analysis, progress=None):
        raise AssertionError("the CLI recomputed the overlap tables the build holds")

    monkeypatch.setattr("analysis.cli.analyse_overlap", recompute)
    for command in commands:
        code, from_build = run(*command, str(STORY), "--format", "csv", "--analysis", str(built))
        assert (code, from_build) == direct[tuple(command)], command
    assert len(direct[("claims",)][1].splitlines()) > 2


def _direct_evidence(analysis, folder: Path) -> pd.DataFrame:
    from analysis.framing.stance import stance_evidence
    from analysis.pipeline import load_framing
    from analysis.store.stored_framing import compact

    framing = load_framing(folder, analysis)
    return compact(stance_evidence(analysis.sentences, analysis.quotes, framing.targets,
                                   framing.lexicon))  # fmt: skip


def test_a_build_holds_the_framing_evidence_one_call_would_give(built: Path):
    opened = open_build(built)
    assert opened.framing is not None and not opened.framing.empty
    assert set(opened.framing["component"]) >= {"tone", "voice"}
    expected = _direct_evidence(opened.analysis, STORY)
    pd.testing.assert_frame_equal(opened.framing, expected, check_dtype=False)
    assert opened.manifest["counts"]["framing_evidence"] == len(expected)
    assert "framing: mentions, tone, cues" in opened.manifest["timings"]


def test_framing_in_processes_and_as_dask_tasks_gives_identical_tables(built: Path, tmp_path: Path):
    """Partitions of articles scored apart, in 2 processes or as Dask tasks, put back in order."""
    corpus, knowledge = load_corpus(STORY), load_knowledge(STORY)
    local = build(corpus, knowledge, tmp_path / "local", workers=2)
    one = open_build(built).framing
    pd.testing.assert_frame_equal(open_build(tmp_path / "local").framing, one, check_dtype=False)
    pd.testing.assert_frame_equal(local.framing, one, check_dtype=False)
    pytest.importorskip("dask.distributed")
    made = build(corpus, knowledge, tmp_path / "dask", engine="dask", workers=2)
    pd.testing.assert_frame_equal(open_build(tmp_path / "dask").framing, one, check_dtype=False)
    assert made.manifest["counts"]["framing_evidence"] == len(one)


def test_partitions_of_articles_give_the_evidence_of_the_whole_corpus():
    """Any cut of the articles (here 1 to 5 runs of the bundled five) gives the same rows."""
    from analysis.pipeline import analyse, load_framing
    from analysis.store.stored_framing import corpus_evidence

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    analysis = analyse(load_corpus(corpus), load_knowledge(corpus))
    framing = load_framing(corpus, analysis)
    whole = _direct_evidence(analysis, corpus)
    ids = analysis.articles["article_id"].tolist()
    for parts in (2, 3, 5):
        cut = corpus_evidence(analysis.sentences, analysis.quotes, ids, framing.targets,
                              framing.lexicon, parts=parts)  # fmt: skip
        pd.testing.assert_frame_equal(cut, whole, obj=f"{parts} partitions")


def test_a_target_edit_makes_framing_stale_and_rebuilds_framing_only(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "flood"
    shutil.copytree(STORY, corpus)
    build(load_corpus(corpus), load_knowledge(corpus), tmp_path / "b", workers=1)
    (corpus / "targets.csv").write_text(
        "target,patterns,affiliation\nFEMA,FEMA|Federal Emergency Management Agency,\n",
        encoding="utf-8",
    )
    opened = open_build(tmp_path / "b")
    reasons = opened.stale(load_corpus(corpus), load_knowledge(corpus))
    assert reasons == ["the framing targets or lexicon changed"]

    def no_analysis(*args, **kwargs):
        raise AssertionError("a target edit recomputed the analysis")

    monkeypatch.setattr("analysis.store.build.analyse", no_analysis)
    monkeypatch.setattr("analysis.store.build.analyse_overlap", no_analysis)
    made = build(load_corpus(corpus), load_knowledge(corpus), tmp_path / "b", workers=1)
    assert made.manifest["reused"] == ["analysis", "overlap"]
    again = open_build(tmp_path / "b")
    assert again.stale(load_corpus(corpus), load_knowledge(corpus)) == []
    assert set(again.framing["target"]) == {"FEMA"}
    pd.testing.assert_frame_equal(
        again.framing, _direct_evidence(again.analysis, corpus), check_dtype=False
    )
    sources = again.analysis.knowledge_sources
    kept = replace(opened.analysis, key=again.analysis.key, knowledge_sources=sources)
    assert_same_analysis(again.analysis, kept)


def test_an_older_build_is_refused(built: Path, tmp_path: Path):
    old = tmp_path / "old"
    shutil.copytree(built, old)
    manifest = json.loads((old / "manifest.json").read_text())
    (old / "manifest.json").write_text(json.dumps({**manifest, "format": 4}), encoding="utf-8")
    with pytest.raises(BuildError, match="built by another version; build it again"):
        open_build(old)


def test_the_framing_page_reads_the_build(built: Path, monkeypatch: pytest.MonkeyPatch):
    from tests.test_pages import goto

    def recompute(*args, **kwargs):
        raise AssertionError("the Framing page recomputed what the build holds")

    monkeypatch.setattr("ui.data.stance_evidence", recompute)
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(built))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(STORY))
    at = goto(open_app(), "pages/4_Framing.py")
    assert_ok(at)
    heat = figures(at)[0]["data"][0]
    assert heat["y"] and heat["x"]
    assert "reading" in at.get("html")[0].proto.body


def _open_without_loading(monkeypatch: pytest.MonkeyPatch, corpus: Path, built: Path) -> None:
    """Open the dashboard on ``built`` beside ``corpus``: it renders, says nothing is stale,
    and never loads the corpus."""

    def load(*args, **kwargs):
        raise AssertionError("the corpus was loaded beside its build")

    monkeypatch.setattr("ui.data.load_corpus", load)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(built))
    at = open_app()
    assert_ok(at)
    assert not any("stale" in w.value for w in at.warning)


def test_the_dashboard_on_a_current_build_never_loads_the_corpus(
    built: Path, monkeypatch: pytest.MonkeyPatch
):
    """The build's file listing shows the corpus is unchanged: no load, no hash, no copy."""
    _open_without_loading(monkeypatch, STORY, built)


def test_an_edit_that_keeps_the_file_size_is_still_seen(built: Path, tmp_path: Path):
    corpus = tmp_path / "flood"
    shutil.copytree(STORY, corpus)
    opened = open_build(built)
    assert opened.same_corpus_files(corpus)  # copied with their times: the same files
    metro = corpus / "metro.md"
    text = metro.read_text(encoding="utf-8")
    metro.write_text(text.replace("flood", "flows"), encoding="utf-8")
    assert metro.stat().st_size == len(text.encode("utf-8"))
    assert not opened.same_corpus_files(corpus)
    assert opened.stale(load_corpus(corpus), load_knowledge(corpus)) == ["the corpus changed"]


def test_the_overview_reads_only_the_tables_it_draws(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Term counts, entities, overlap and framing tables are read on first use, not on open."""
    copy = tmp_path / "b"
    shutil.copytree(built, copy)
    opened = open_build(copy)
    lazy = ["term_counts.npz", "terms.parquet", "mentions.parquet", "framing_evidence.parquet"]
    lazy += [p.name for p in copy.glob("overlap_*.parquet")]
    moved = tmp_path / "moved"
    moved.mkdir()
    for name in lazy:
        (copy / name).rename(moved / name)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(STORY))
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(copy))
    at = open_app()
    assert_ok(at)
    assert at.metric[0].value == "3"
    for name in lazy:
        (moved / name).rename(copy / name)
    assert opened.analysis.term_counts.matrix.shape[0] == len(opened.analysis.sentences)
    assert len(opened.overlap.claims) > 0 and not opened.framing.empty
    assert not opened.analysis.entities.mentions.empty


def test_a_copy_of_the_corpus_with_new_times_is_known_by_its_bytes(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Copied (new modification times, same bytes): current without loading the corpus."""
    corpus = tmp_path / "flood"
    shutil.copytree(STORY, corpus)
    for path in corpus.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    opened = open_build(built)
    assert opened.manifest["corpus_files"] != corpus_files(corpus)
    assert opened.same_corpus_files(corpus)

    _open_without_loading(monkeypatch, corpus, built)
    metro = corpus / "metro.md"
    metro.write_text(metro.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    assert not opened.same_corpus_files(corpus)
    assert opened.stale(load_corpus(corpus), load_knowledge(corpus)) == ["the corpus changed"]


def test_a_build_holds_the_overlap_views_of_the_whole_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Omissions, exclusives, passage words and order, shared speakers: stored, equal to
    working them out again, and read by the Overlap page instead of recomputing."""
    from analysis.filters import Selection, select_quotes
    from analysis.store.stored_overlap import whole_corpus
    from tests.test_pages import goto

    story = STORIES / "bakery_merger"  # its articles reuse a passage
    build(load_corpus(story), load_knowledge(story), tmp_path / "b", workers=1)
    opened = open_build(tmp_path / "b")
    analysis = opened.analysis
    fresh = whole_corpus(
        opened.overlap, select_quotes(analysis.quotes, analysis.sentences, Selection())
    )
    stored = opened.whole_overlap
    for name in ("omissions", "exclusives"):
        pd.testing.assert_frame_equal(
            getattr(stored, name), getattr(fresh, name), obj=name, check_dtype=False
        )
    assert len(stored.omissions) + len(stored.exclusives) > 0
    assert stored.reuse_words.tolist() == fresh.reuse_words.tolist()
    assert list(stored.most_similar) == list(fresh.most_similar)
    assert len(stored.reuse_words) == len(opened.overlap.reuse) > 0
    for got, want in zip(stored.speakers, fresh.speakers, strict=True):
        assert len(want) > 0
        pd.testing.assert_frame_equal(got, want, check_dtype=False)

    def recompute(*args, **kwargs):
        raise AssertionError("the Overlap page recomputed what the build holds")

    monkeypatch.setattr("ui.overlap_views.compute_whole_corpus", recompute)
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(tmp_path / "b"))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(story))
    at = goto(open_app(), "pages/3_Overlap.py")
    assert_ok(at)
    assert any("left out" in e.label for e in at.expander)


def test_columns_of_lists_read_as_one_shared_object_per_distinct_value(tmp_path: Path):
    """Lists of strings come back as the tuples (or lists) Arrow holds, empty and missing
    lists as empty ones, strings holding the key separator intact, records row by row."""
    from analysis.store.parquet import SEPARATOR, read_parquet

    topics = [["floods", "rain"], [], None, [""], ["floods", "rain"], [f"a{SEPARATOR}b"], ["x"]]
    members = [[{"quote_id": "q1", "coverage": 0.5}], [], None, [{"quote_id": "q2"}]] + [[]] * 3
    path = tmp_path / "t.parquet"
    pd.DataFrame({"id": range(7), "topics": topics, "members": members}).to_parquet(path)
    frame = read_parquet(path, {"topics": tuple, "members": list})
    assert list(frame.columns) == ["id", "topics", "members"]
    assert frame["topics"].tolist() == [
        ("floods", "rain"), (), (), ("",), ("floods", "rain"), (f"a{SEPARATOR}b",), ("x",),
    ]  # fmt: skip
    assert frame["topics"][0] is frame["topics"][4]
    assert frame["topics"][1] is not frame["topics"][3]
    assert frame["members"][0] == [{"quote_id": "q1", "coverage": 0.5}]
    assert frame["members"][2] == [] and isinstance(frame["members"][3], list)
    plain = tmp_path / "plain.parquet"  # no separator: the distinct values found by Arrow
    pd.DataFrame({"topics": topics[:5] * 2}).to_parquet(plain)
    read = read_parquet(plain, {"topics": tuple})["topics"]
    assert read.tolist() == frame["topics"].tolist()[:5] * 2
    assert read[0] is read[4] is read[5] and read[1] is read[2] is not read[3]
    backwards = read_parquet(path, {"members": list, "topics": tuple})
    assert list(backwards.columns) == ["id", "topics", "members"]
    only = read_parquet(path, {"topics": tuple}, columns=["id", "topics"])
    assert list(only.columns) == ["id", "topics"] and only["topics"][6] == ("x",)


def test_a_built_table_reads_the_same_as_arrows_own_conversion(built: Path):
    """The sentences' topic tuples and the claims' outlet lists equal Arrow's per-row values."""
    import pyarrow.parquet as pq

    opened = open_build(built)
    topics = pq.read_table(built / "sentences.parquet").column("topics").to_pylist()
    assert opened.analysis.sentences["topics"].tolist() == [tuple(t or ()) for t in topics]
    outlets = pq.read_table(built / "overlap_claims.parquet").column("outlets").to_pylist()
    assert opened.overlap.claims["outlets"].tolist() == [list(o or ()) for o in outlets]
    assert any(len(t) > 0 for t in topics) and any(len(o) > 1 for o in outlets)


def test_derived_targets_from_a_build_count_outlets_without_reading_every_mention(
    built: Path,
):
    """The targets a build derives equal those of the full entities, with mentions unread."""
    from analysis.knowledge.derive.targets import derive_targets

    full = open_build(built).analysis.entities
    want = derive_targets(full)
    assert not want.empty
    stored = open_build(built).analysis.entities
    read = []
    stored._mentions._load = lambda: read.append("mentions") or full.mentions
    pd.testing.assert_frame_equal(derive_targets(stored), want)
    assert read == []
    assert stored.mentioning_outlets() == full.mentions["outlet"].nunique() > 1
    assert stored.mentions is full.mentions and read == ["mentions"]


def test_the_stop_words_are_scikit_learns_and_the_pages_do_not_import_it():
    """scikit-learn (and scipy.stats) cost a page's first open about a second: the shared
    page code imports neither, and the stop words read without it are sklearn's own."""
    import subprocess
    import sys

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN

    from analysis.stop_words import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == SKLEARN and "the" in ENGLISH_STOP_WORDS
    probe = (
        "import sys; import analysis.stop_words as s; assert len(s.ENGLISH_STOP_WORDS) > 300; "
        "import ui.page, ui.data, ui.overlap_views, ui.framing_chart, analysis.emphasis.overview; "
        "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_every_table_of_a_build_is_written_in_the_fast_compression(built: Path):
    import pyarrow.parquet as pq

    from analysis.store.parquet import COMPRESSION

    files = sorted(built.glob("*.parquet"))
    assert len(files) >= len(TABLES) + 10
    for path in files:
        meta = pq.ParquetFile(path).metadata
        used = {meta.row_group(0).column(i).compression for i in range(meta.num_columns)}
        assert used == {COMPRESSION.upper()}, path.name


def _page_shows(at) -> list:
    """Everything a page run shows: texts, tables, labels, options, in page order."""
    shown: list = []
    for kind in ("markdown", "caption", "info", "warning", "metric", "expander", "html"):
        for element in at.get(kind):
            proto = element.proto
            shown.append((kind, str(getattr(proto, "body", "")), str(getattr(proto, "label", ""))))
    shown += [("table", frame.value.to_csv(index=False)) for frame in at.dataframe]
    shown += [("figure", json.dumps(figure, sort_keys=True)) for figure in figures(at)]
    shown += [("options", tuple(box.options)) for box in at.selectbox]
    shown += [("download", d.proto.label, d.key) for d in at.get("download_button")]
    return shown


def test_a_build_stores_no_text_other_tables_hold_and_the_pages_show_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Format 6: members, passages, omissions and exclusives are stored without the text
    the sentences, articles and claims hold; the Overlap and Compare pages (whole corpus,
    narrowed, by claim) and their downloads show what an analysis in memory shows."""
    import pyarrow.parquet as pq
    import streamlit as st

    from analysis.overlap.claims import exclusives
    from analysis.overlap.summary import analyse_overlap, omissions_by_story
    from analysis.store.stored_overlap import labelled, passage_text
    from tests.test_views import by_key

    story = STORIES / "bakery_merger"  # its articles reuse a passage
    build(load_corpus(story), load_knowledge(story), tmp_path / "b", workers=1)
    repeated = {
        "overlap_members": {"text"},
        "overlap_reuse": {"text_a", "text_b"},
        "view_omissions": {"label"},
        "view_exclusives": {"label"},
    }
    for name, columns in repeated.items():
        assert not columns & set(pq.read_schema(tmp_path / "b" / f"{name}.parquet").names), name
    opened = open_build(tmp_path / "b")
    stored, fresh = opened.stored_overlap, analyse_overlap(opened.analysis)
    assert len(stored.reuse) == len(fresh.reuse) > 0
    passages = passage_text(stored.reuse, opened.analysis.articles)
    assert list(passages.columns) == list(fresh.reuse.columns)
    for column in ("text_a", "text_b"):
        assert passages[column].tolist() == fresh.reuse[column].tolist()
    whole = opened.whole_overlap
    for table, made in (
        (whole.omissions, omissions_by_story(fresh.claims, fresh.members)),
        (whole.exclusives, exclusives(fresh.claims, fresh.members)),
    ):
        assert "label" not in table
        pd.testing.assert_frame_equal(labelled(table, stored.claims), made, check_dtype=False)

    outlets = sorted(opened.analysis.articles["outlet"].unique())
    views = [
        ("pages/3_Overlap.py", {}, None),
        ("pages/3_Overlap.py", {"outlet": outlets[:2]}, None),
        ("pages/5_Compare.py", {}, None),
        ("pages/5_Compare.py", {}, "By claim"),
    ]
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(story))
    for page, params, mode in views:
        seen = []
        for folder in (None, tmp_path / "b"):
            if folder is None:
                monkeypatch.delenv("COVERAGE_LENS_ANALYSIS", raising=False)
            else:
                monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(folder))
            st.cache_data.clear()
            st.cache_resource.clear()
            at = open_app(page, params)
            if mode:
                by_key(at, "button_group", "compare_mode").set_value(mode).run()
                assert_ok(at)
            seen.append(_page_shows(at))
        assert seen[0] == seen[1], (page, params, mode)
        assert len(seen[0]) > 10
