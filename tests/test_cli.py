"""``python -m analysis``: exit codes, output formats and error messages."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.load import load_corpus
from analysis.emphasis.keywords import distinctive_terms
from analysis.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpus"
CHECK_FIELDS = ["scope", "severity", "source", "line", "message"]
KEYWORD_FIELDS = ["rank", "term", "score", "count", "articles", "outlets"]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def folder_with_rejected(tmp_path) -> Path:
    (tmp_path / "good.md").write_text("---\noutlet: Daily\n---\nTalks resumed.\n", "utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: never closed\nBody.\n", "utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    return tmp_path


# --- check -------------------------------------------------------------------------------


def test_check_on_the_bundled_corpus_exits_0():
    code, out = run("check", str(BUNDLED))
    assert code == 0
    assert "5 articles loaded, 0 rejected" in out


def test_check_lists_a_rejected_file_and_exits_1(folder_with_rejected):
    code, out = run("check", str(folder_with_rejected))
    assert code == 1
    assert "broken.md" in out
    assert "never closed" in out
    assert "1 article loaded, 1 rejected, 1 warning" in out


def test_check_csv_parses(folder_with_rejected):
    code, out = run("check", str(folder_with_rejected), "--format", "csv")
    assert code == 1
    report = pd.read_csv(io.StringIO(out))
    assert list(report.columns) == CHECK_FIELDS
    rows = {row.source: row for row in report.itertuples()}
    assert set(rows) == {"broken.md", "notes.docx"}
    assert (rows["broken.md"].scope, rows["broken.md"].severity) == ("corpus", "error")
    assert rows["broken.md"].line == 1
    assert rows["notes.docx"].severity == "warning"


def test_check_jsonl_parses_with_stable_fields(folder_with_rejected):
    code, out = run("check", str(folder_with_rejected), "--format", "jsonl")
    assert code == 1
    records = jsonl(out)
    assert len(records) == 2
    assert all(list(r) == CHECK_FIELDS for r in records)
    broken = next(r for r in records if r["source"] == "broken.md")
    assert broken["line"] == 1
    assert broken["severity"] == "error"
    docx = next(r for r in records if r["source"] == "notes.docx")
    assert docx["line"] is None


def test_check_reports_knowledge_problems(tmp_path):
    (tmp_path / "a.md").write_text("A story about talks.\n", "utf-8")
    (tmp_path / "topics.csv").write_text("topic,patterns\nTalks,talks\nBad,(oops\n", "utf-8")
    code, out = run("check", str(tmp_path), "--format", "jsonl")
    assert code == 0  # a bad knowledge row rejects no article
    (record,) = jsonl(out)
    assert (record["scope"], record["line"]) == ("knowledge", 3)
    assert record["source"].endswith("topics.csv")


# --- keywords -----------------------------------------------------------------------------


def test_keywords_table():
    code, out = run("keywords", str(BUNDLED), "--top", "3")
    assert code == 0
    header = out.splitlines()[0].split()
    assert header == ["outlet", *KEYWORD_FIELDS]
    assert "The Washington Post" in out


def test_keywords_csv_parses():
    code, out = run("keywords", str(BUNDLED), "--format", "csv", "--top", "4")
    assert code == 0
    terms = pd.read_csv(io.StringIO(out))
    assert list(terms.columns) == ["outlet", *KEYWORD_FIELDS]
    assert terms.groupby("outlet")["rank"].max().tolist() == [4] * 5
    assert set(terms["outlet"]) >= {"TIME", "The Washington Post", "CNN"}


def test_keywords_jsonl_parses_by_outlet_and_by_article():
    code, out = run("keywords", str(BUNDLED), "--format", "jsonl", "--top", "2")
    assert code == 0
    records = jsonl(out)
    assert len(records) == 10  # 5 outlets x 2 terms
    assert all(list(r) == ["outlet", *KEYWORD_FIELDS] for r in records)
    assert all(isinstance(r["score"], float) and r["score"] > 0 for r in records)
    code, out = run("keywords", str(BUNDLED), "--format", "jsonl", "--top", "1", "--by", "article")
    assert code == 0
    records = jsonl(out)
    assert all(list(r) == ["article_id", *KEYWORD_FIELDS] for r in records)
    assert {r["article_id"][:3] for r in records} == {"000", "001", "002", "003", "004"}


def test_keywords_outlet_filter():
    code, out = run("keywords", str(BUNDLED), "--format", "jsonl", "--outlet", "CNN")
    assert code == 0
    assert {r["outlet"] for r in jsonl(out)} == {"CNN"}


def test_keywords_spread_follows_the_outlet_filter():
    code, out = run("keywords", str(BUNDLED), "--format", "jsonl", "--outlet", "CNN")
    assert code == 0
    records = jsonl(out)
    assert records and all(r["outlets"] == 1 for r in records)
    cnn_articles = sum(1 for f in BUNDLED.glob("*.md") if "outlet: CNN" in f.read_text())
    assert all(1 <= r["articles"] <= cnn_articles for r in records)


def test_keywords_log_odds_method():
    code, out = run("keywords", str(BUNDLED), "--format", "jsonl", "--method", "logodds")
    assert code == 0
    records = jsonl(out)
    assert records and all(list(r) == ["outlet", *KEYWORD_FIELDS] for r in records)
    analysis = analyse(load_corpus(BUNDLED))
    expected = distinctive_terms(
        analysis.sentences, names=analysis.names, counts=analysis.term_counts, method="logodds"
    )
    assert [(r["outlet"], r["term"]) for r in records] == list(
        zip(expected["group"], expected["term"])
    )
    np.testing.assert_allclose([r["score"] for r in records], expected["score"], rtol=1e-9)
    assert all(r["score"] > 0 for r in records)
    for outlet in {r["outlet"] for r in records}:
        scores = [r["score"] for r in records if r["outlet"] == outlet]
        assert scores == sorted(scores, reverse=True)


def test_unknown_topic_exits_2_listing_known_topics(capsys):
    code, out = run("keywords", str(BUNDLED), "--topic", "Sport")
    assert code == 2
    assert out == ""
    err = capsys.readouterr().err
    assert "unknown topic 'Sport'" in err
    assert "Trade and energy" in err and "US reaction" in err
    assert "Traceback" not in err


def test_empty_topic_is_unknown(capsys):
    code, _ = run("keywords", str(BUNDLED), "--topic", "")
    assert code == 2
    assert "unknown topic ''" in capsys.readouterr().err


def test_missing_corpus_exits_2_without_traceback(tmp_path, capsys):
    for command in ("check", "keywords"):
        code, _ = run(command, str(tmp_path / "missing"))
        assert code == 2
        err = capsys.readouterr().err
        assert "no such file or folder" in err
        assert "Traceback" not in err


def test_top_0_is_rejected_by_argparse(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["keywords", str(BUNDLED), "--top", "0"], out=io.StringIO())
    assert exit_info.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err


# --- a real process -------------------------------------------------------------------------


def python_m_analysis(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_subprocess_check_and_keywords():
    check = python_m_analysis("check", str(BUNDLED), "--format", "csv")
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == ",".join(CHECK_FIELDS)  # no problems: the header only
    keywords = python_m_analysis("keywords", str(BUNDLED), "--format", "jsonl", "--top", "1")
    assert keywords.returncode == 0, keywords.stderr
    assert len(jsonl(keywords.stdout)) == 5


def test_subprocess_errors_exit_2_without_traceback(tmp_path):
    missing = python_m_analysis("keywords", str(tmp_path / "missing"))
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
    assert missing.stderr.startswith("error: ")
    top = python_m_analysis("keywords", str(BUNDLED), "--top", "0")
    assert top.returncode == 2
    assert "Traceback" not in top.stderr


QUOTE_FIELDS = {
    "quote_id", "article_id", "outlet", "title", "source_file", "kind", "speaker",
    "speaker_mention", "affiliation", "cue", "attribution", "text", "start", "end",
}  # fmt: skip


def test_quotes_jsonl_fields_and_offsets_into_the_stored_body():
    code, out = run("quotes", str(BUNDLED), "--format", "jsonl")
    assert code == 0
    rows = jsonl(out)
    assert rows and all(set(row) >= QUOTE_FIELDS for row in rows)
    assert {row["kind"] for row in rows} == {"full", "partial", "indirect"}
    bodies = {a.article_id: a.text for a in load_corpus(BUNDLED).articles}
    for row in rows:
        assert bodies[row["article_id"]][row["start"] : row["end"]] == row["text"]
    peskov = [r for r in rows if r["speaker"] == "Dmitry Peskov"]
    assert {r["outlet"] for r in peskov} >= {"CNN"}
    assert all(r["affiliation"] == "Russia" for r in peskov)


def test_quotes_by_speaker_counts_per_outlet():
    code, out = run("quotes", str(BUNDLED), "--by", "speaker", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["speaker", "affiliation", "outlet", "quotes", "words"]
    xi = table[table["speaker"] == "Xi Jinping"]
    assert xi["outlet"].nunique() >= 4 and (xi["quotes"] >= 1).all()


def test_quotes_speaker_filter_keeps_only_that_speaker():
    code, out = run("quotes", str(BUNDLED), "--speaker", "Xi Jinping", "--format", "jsonl")
    assert code == 0
    assert {row["speaker"] for row in jsonl(out)} == {"Xi Jinping"}


STANCE_FIELDS = {
    "outlet", "target", "mentions", "narrated_mentions", "tone", "tone_neg", "tone_neu",
    "tone_pos", "loaded_count", "loaded_sum", "distancing", "voice_share", "score", "low_count",
}  # fmt: skip


def test_stance_jsonl_by_outlet_and_article_with_an_adhoc_target():
    code, out = run(
        "stance",
        str(BUNDLED),
        "--format",
        "jsonl",
        "--target",
        "ICC=International Criminal Court|ICC",
    )
    assert code == 0
    rows = jsonl(out)
    assert all(set(row) >= STANCE_FIELDS for row in rows)
    icc = [r for r in rows if r["target"] == "ICC"]
    assert len(icc) == 5 and sum(r["mentions"] for r in icc) >= 4
    assert all(-1 <= r["score"] <= 1 for r in rows if r["score"] is not None)
    code, out = run("stance", str(BUNDLED), "--by", "article", "--format", "jsonl",
                    "--only-given-targets", "--target", "Kremlin=Kremlin")  # fmt: skip
    rows = jsonl(out)
    assert code == 0 and {r["target"] for r in rows} == {"Kremlin"}
    assert {"article_id", "title", "outlet"} <= set(rows[0])


def test_stance_bad_target_exits_2(capsys):
    assert main(["stance", str(BUNDLED), "--target", "no equals sign"], out=io.StringIO()) == 2
    assert "NAME=pattern" in capsys.readouterr().err


def test_claims_jsonl_members_point_into_the_text():
    code, out = run("claims", str(BUNDLED), "--format", "jsonl", "--min-outlets", "2")
    assert code == 0
    rows = jsonl(out)
    assert rows and all({"claim_id", "label", "outlets", "members"} <= set(r) for r in rows)
    bodies = {a.article_id: a.text for a in load_corpus(BUNDLED).articles}
    icc = next(r for r in rows if "International Criminal Court" in r["label"])
    assert len(set(icc["outlets"])) >= 4
    assert icc["strength"] == "strong"
    china = next(r for r in rows if "China has not formally endorsed" in r["label"])
    assert china["strength"] == "related"  # joined with "Ukraine did not formally condemn Xi"
    for member in icc["members"]:
        assert {"article_id", "outlet", "source_file", "text", "start", "end"} <= set(member)
        assert bodies[member["article_id"]][member["start"] : member["end"]] == member["text"]


def test_claims_matrix_csv_and_table():
    code, out = run("claims", str(BUNDLED), "--matrix", "--format", "csv", "--min-outlets", "3")
    assert code == 0
    matrix = pd.read_csv(io.StringIO(out))
    assert {"claim_id", "label", "CNN", "TIME"} <= set(matrix.columns)
    assert (matrix.drop(columns=["claim_id", "label"]) > 0).sum(axis=1).min() >= 3
    code, out = run("claims", str(BUNDLED), "--format", "table", "--min-outlets", "4")
    assert code == 0 and "C0001" in out


def test_overlap_reuse_and_shared_quotes():
    code, out = run("overlap", str(BUNDLED), "--format", "jsonl")
    assert code == 0
    rows = jsonl(out)
    assert rows and {r["kind"] for r in rows} <= {"verbatim", "near-verbatim", "paraphrase"}
    assert all({"article_a", "article_b", "similarity", "shared_copy"} <= set(r) for r in rows)
    code, out = run("overlap", str(BUNDLED), "--shared-quotes", "--format", "csv")
    quotes = pd.read_csv(io.StringIO(out))
    friendship = quotes[quotes["label"].str.contains("journey of friendship")]
    assert code == 0 and friendship["n_outlets"].iloc[0] >= 3


def test_stories_prints_one_story_per_article(tmp_path):
    code, out = run("stories", str(BUNDLED), "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["article_id", "story", "label"]
    assert len(table) == 5 and table["story"].nunique() == 1  # five reports of one visit
    (tmp_path / "x.md").write_text("---\nstory: Harbour fire\n---\nA fire broke out.\n")
    code, out = run("stories", str(tmp_path), "--format", "csv")
    assert code == 0 and "Harbour fire" in out


# --- check: every knowledge file beside the articles --------------------------------------


@pytest.fixture
def folder_with_bad_knowledge(tmp_path) -> Path:
    (tmp_path / "good.md").write_text("---\noutlet: Daily\n---\nThe levee held.\n", "utf-8")
    files = {
        "topics.csv": "topic,patterns\nEverything,.*\nFloods,flood|levee\n",
        "speakers.csv": "speaker,aliases,affiliation,role\n,Mayor Lee,city,mayor\n",
        "targets.csv": "target,patterns,affiliation\nLevee,levee,works\nAnything,|,none\n",
        "framing_lexicon.csv": (
            "term,kind,polarity,note\nwords,loaded,-1,\n\\w*,loaded,-1,\n"
            'slammed,"loaded,-1,\nbilled as,distancing,-1,\n'
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def test_check_lists_the_problems_of_every_knowledge_file(folder_with_bad_knowledge):
    folder = folder_with_bad_knowledge
    code, out = run("check", str(folder), "--format", "csv")
    assert code == 0  # no article was rejected
    report = pd.read_csv(io.StringIO(out))
    found = {(Path(r.source).name, r.line): r.message for r in report.itertuples()}
    assert set(found) == {
        ("topics.csv", 2),
        ("speakers.csv", 2),
        ("targets.csv", 3),
        ("framing_lexicon.csv", 3),
        ("framing_lexicon.csv", 4),
    }
    assert set(report["scope"]) == {"knowledge"}
    for where, pattern in ((("topics.csv", 2), ".*"), (("targets.csv", 3), "|")):
        assert f"pattern '{pattern}' matches the empty string" in found[where]
    assert "pattern '\\\\w*' matches the empty string" in found[("framing_lexicon.csv", 3)]
    assert found[("framing_lexicon.csv", 4)].startswith("the quote opened on line 4")
    assert "empty speaker" in found[("speakers.csv", 2)]
    code, out = run("check", str(folder))
    assert "1 article loaded, 0 rejected, 0 warnings, 5 knowledge problems" in out


FROM_BUILD = [
    ["quotes"],
    ["quotes", "--by", "speaker"],
    ["keywords", "--top", "5"],
    ["stance"],
    ["stance", "--by", "article"],
    ["overlap"],
    ["overlap", "--shared-quotes"],
    ["claims"],
    ["claims", "--matrix"],
    ["stories"],
    ["knowledge"],
]


@pytest.fixture(scope="module")
def flood_build(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of a test story (editable) and a build of it."""
    import shutil

    from analysis.pipeline import load_knowledge
    from analysis.store.build import build

    base = tmp_path_factory.mktemp("flood")
    corpus = base / "flood"
    shutil.copytree(ROOT / "tests" / "fixtures" / "stories" / "river_flood", corpus)
    build(load_corpus(corpus), load_knowledge(corpus), base / "build", workers=1)
    return corpus, base / "build"


def test_every_command_reads_a_build_without_recomputing(flood_build, monkeypatch, capsys):
    corpus, built = flood_build
    direct = {}
    for command in FROM_BUILD:
        code, direct[tuple(command)] = run(*command, str(corpus), "--format", "csv")
        assert code == 0, command

    def recompute(*args, **kwargs):
        raise AssertionError("recomputed what the build holds")

    for name in ("analyse", "analyse_overlap", "stance_evidence", "stories", "load_corpus"):
        monkeypatch.setattr(f"analysis.cli.{name}", recompute)
    capsys.readouterr()
    for command in FROM_BUILD:
        code, from_build = run(*command, str(corpus), "--format", "csv", "--analysis", str(built))
        assert (code, from_build) == (0, direct[tuple(command)]), command
    assert "stale" not in capsys.readouterr().err


def test_a_command_on_a_stale_build_says_what_changed(flood_build, tmp_path, capsys):
    import shutil

    corpus, built = flood_build
    edited = tmp_path / "flood"
    shutil.copytree(corpus, edited)
    (edited / "metro.md").unlink()
    code, _ = run("quotes", str(edited), "--analysis", str(built))
    assert code == 0
    assert "the build in" in (err := capsys.readouterr().err)
    assert "is stale: the corpus changed" in err


def test_stance_on_a_build_with_edited_targets_scores_them_and_says_so(
    flood_build, tmp_path, capsys
):
    """A target edit leaves the analysis current: only the framing evidence is computed."""
    import shutil

    corpus, built = flood_build
    edited = tmp_path / "flood"
    shutil.copytree(corpus, edited)
    (edited / "targets.csv").write_text(
        "target,patterns,affiliation\nFEMA,FEMA|Federal Emergency Management Agency,\n",
        encoding="utf-8",
    )
    code, out = run("stance", str(edited), "--format", "jsonl", "--analysis", str(built))
    assert code == 0
    assert {row["target"] for row in jsonl(out)} == {"FEMA"}
    err = capsys.readouterr().err
    assert "is stale: the framing targets or lexicon changed" in err
    assert "the corpus changed" not in err
