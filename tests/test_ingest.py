"""Bringing articles in: pasted text, JSONL and CSV uploads, each written as one checked file."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from analysis.corpus.ingest import (
    add_articles,
    csv_articles,
    guess_mapping,
    pasted_article,
    read_csv_upload,
    read_jsonl_upload,
)
from analysis.corpus.load import load_corpus

ROOT = Path(__file__).resolve().parents[1]
BODY = (
    "The city's transit authority voted on Thursday to extend the night bus network to the "
    "airport, a change riders had campaigned for since the pandemic ended."
)


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "story"
    shutil.copytree(ROOT / "tests" / "fixtures" / "stories" / "river_flood", target)
    return target


def test_a_pasted_article_is_written_and_loads_back_exactly(folder):
    article = pasted_article(
        BODY + "\r\n\r\nMore to come.", title='Night buses "to the airport"', outlet="Metro Wire"
    )
    result = add_articles(folder, [article], load_corpus(folder))
    assert not result.errors and len(result.files) == 1
    loaded = {a.loaded_from: a for a in load_corpus(folder).articles}[result.files[0]]
    assert loaded.title == 'Night buses "to the airport"' and loaded.outlet == "Metro Wire"
    assert loaded.text.rstrip() == BODY + "\n\nMore to come."


def test_a_duplicate_or_empty_article_writes_nothing(folder):
    existing = load_corpus(folder).articles[0]
    before = set(folder.iterdir())
    items = [pasted_article(existing.text, outlet="Copycat"), pasted_article("  \n ")]
    result = add_articles(folder, items, load_corpus(folder))
    assert not result.added
    (duplicate, empty) = (p.message for p in result.errors)
    assert duplicate.startswith("duplicate of article") and "text is empty" in empty
    assert set(folder.iterdir()) == before


def test_monitoring_headers_are_guessed():
    columns = ["ID", "Headline", "Source Name", "Publish Date", "Content", "Link", "Byline"]
    mapping = guess_mapping(columns)
    assert mapping == {
        "article_id": "ID",
        "text": "Content",
        "title": "Headline",
        "outlet": "Source Name",
        "published": "Publish Date",
        "url": "Link",
        "author": "Byline",
        "wire": None,
        "source_file": None,
        "note": None,
        "story": None,
    }


def test_a_story_column_is_the_story_not_the_text():
    mapping = guess_mapping(["Headline", "Story", "Body"])
    assert (mapping["text"], mapping["story"]) == ("Body", "Story")


def test_csv_rows_are_checked_and_reported_by_their_line():
    raw = (
        "headline\tsource\tcontent\n"
        f"Buses to the airport\tMetro Wire\t{BODY}\n"
        "\n"
        "No body\tMetro Wire\t\n"
        f'"Two-line\nheadline"\tCity Post\t{BODY} Again, with a twist.\n'
    ).encode()
    table = read_csv_upload(raw, "export.csv")
    assert table.columns == ["headline", "source", "content"]
    articles, problems = csv_articles(table, guess_mapping(table.columns))
    assert [a.outlet for a in articles] == ["Metro Wire", "City Post"]
    assert [a.loaded_from for a in articles] == ["export.csv:2", "export.csv:5"]
    (error,) = [p for p in problems if p.severity == "error"]
    assert (error.source, error.line) == ("export.csv", 4)


def test_csv_without_a_text_column_is_refused():
    table = read_csv_upload(b"headline,source\nA,B\n", "titles.csv")
    articles, problems = csv_articles(table, guess_mapping(table.columns))
    assert not articles and "column that holds the article text" in problems[-1].message


def test_a_gzipped_jsonl_upload_keeps_good_lines():
    lines = [json.dumps({"text": BODY, "outlet": "Metro Wire"}), "{broken", json.dumps({})]
    articles, problems = read_jsonl_upload(gzip.compress("\n".join(lines).encode()), "f.jsonl.gz")
    assert [a.outlet for a in articles] == ["Metro Wire"]
    assert sorted(p.line for p in problems if p.severity == "error") == [2, 3]


def test_a_csv_gz_upload_damaged_mid_stream_is_a_problem_not_a_traceback():
    from tests import hostile_files

    raw = hostile_files.jsonl_gz(hostile_files.articles(30))  # any gzip: its bytes are read
    for at in (0.3, 0.5, 0.6):  # zlib errors (invalid distance) and a failed checksum
        table = read_csv_upload(hostile_files.flipped(raw, at), "export.csv.gz")
        (problem,) = table.problems
        assert problem.message.startswith("not a readable gzip file")
