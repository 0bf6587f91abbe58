"""Bringing articles in: pasted text, JSONL and CSV uploads, each written as one checked file."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from analysis.corpus.ingest import (
    MAX_NAME_BYTES,
    add_articles,
    add_files,
    csv_articles,
    guess_mapping,
    pasted_article,
    read_csv_upload,
    read_jsonl_upload,
    safe_file_name,
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


# ------------------------------------------------------------ a JSON Lines corpus takes imports

OLD_LINES = (
    b'{"article_id": "p-1", "outlet": "Plains Post", "text": "The county opened a second '
    b'shelter on Friday as the storm cut power to 4,000 homes."}\r\n'
    b"\n"
    b"{this line is broken and stays exactly as it is}\n"
    b'{"outlet": "Ridge Radio", "text": "Crews restored power to most homes by Sunday '
    b'night, the utility said."}'
)
"""An existing corpus file: a CRLF line, a blank line, a broken line, no final newline."""


@pytest.fixture(params=[".jsonl", ".jsonl.gz"])
def jsonl_corpus(request, tmp_path):
    path = tmp_path / f"storm{request.param}"
    path.write_bytes(gzip.compress(OLD_LINES) if request.param.endswith(".gz") else OLD_LINES)
    return path


def stored_lines(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.name.endswith(".gz") else raw


def test_imports_append_to_a_jsonl_corpus_keeping_every_old_line(jsonl_corpus):
    corpus = load_corpus(jsonl_corpus)
    items = [
        pasted_article(BODY, title="Night buses", outlet="Metro Wire", published="2025-05-01"),
        pasted_article("   "),
        pasted_article(corpus.articles[0].text, outlet="Copycat"),
        pasted_article(BODY + " A second, longer version.", outlet="City Post"),
    ]
    result = add_articles(jsonl_corpus, items, corpus)
    assert [a.outlet for a in result.added] == ["Metro Wire", "City Post"]
    assert result.files == [f"{jsonl_corpus.name}:5", f"{jsonl_corpus.name}:6"]
    assert len(result.errors) == 2
    data = stored_lines(jsonl_corpus)
    assert data.startswith(OLD_LINES + b"\n") and data.count(b"\n") == 6
    reloaded = load_corpus(jsonl_corpus)
    by_outlet = {a.outlet: a for a in reloaded.articles}
    assert set(by_outlet) == {"Plains Post", "Ridge Radio", "Metro Wire", "City Post"}
    assert by_outlet["Metro Wire"].text == BODY and by_outlet["Metro Wire"].title == "Night buses"
    assert by_outlet["Metro Wire"].loaded_from == f"{jsonl_corpus.name}:5"
    assert by_outlet["Ridge Radio"].article_id == f"{Path(jsonl_corpus.name).stem}-4"
    assert not list(jsonl_corpus.parent.glob(".*.tmp"))


def test_an_id_that_exists_in_the_jsonl_corpus_is_reported_and_nothing_written(jsonl_corpus):
    raw = json.dumps({"article_id": "p-1", "text": BODY, "outlet": "Metro Wire"}).encode()
    articles, _ = read_jsonl_upload(raw, "feed.jsonl")
    before = jsonl_corpus.read_bytes()
    result = add_articles(jsonl_corpus, articles, load_corpus(jsonl_corpus))
    assert not result.added
    (error,) = result.errors
    assert (error.source, error.line) == ("feed.jsonl", 1)
    assert "article_id 'p-1' is used twice" in error.message
    assert jsonl_corpus.read_bytes() == before


def test_a_jsonl_corpus_that_cannot_be_read_to_the_end_is_not_rewritten(tmp_path):
    path = tmp_path / "storm.jsonl.gz"
    path.write_bytes(gzip.compress(OLD_LINES)[:-12])
    before = path.read_bytes()
    result = add_articles(path, [pasted_article(BODY, outlet="Metro Wire")], load_corpus(path))
    assert not result.added and "cannot be read to the end" in result.errors[0].message
    assert path.read_bytes() == before


def test_article_files_become_lines_of_a_jsonl_corpus(jsonl_corpus):
    files = [("buses.md", f'---\noutlet: "Metro Wire"\n---\n{BODY}'.encode()), ("e.txt", b" ")]
    result = add_files(jsonl_corpus, files, load_corpus(jsonl_corpus))
    assert [a.outlet for a in result.added] == ["Metro Wire"]
    assert [p.source for p in result.errors] == ["e.txt"]
    (new,) = [a for a in load_corpus(jsonl_corpus).articles if a.outlet == "Metro Wire"]
    assert new.source_file == "buses.md" and new.text == BODY


# ------------------------------------------------------------ names of uploaded files


def test_a_long_multibyte_name_is_cut_by_bytes_and_stays_unique(folder):
    names = ["é" * 300 + ".txt", "é" * 299 + "a.txt"]
    files = [(name, f"{BODY} Version {n}.".encode()) for n, name in enumerate(names)]
    result = add_files(folder, files, load_corpus(folder))
    assert not result.errors and len(result.files) == 2
    first, second = result.files
    assert first != second
    for saved in result.files:
        assert len(saved.encode("utf-8")) <= MAX_NAME_BYTES and saved.endswith(".txt")
        assert saved.startswith("é" * 50) and (folder / saved).is_file()
    notes = [p.message for p in result.problems if p.severity == "warning"]
    assert notes[0] == f"saved as {first}: the name is longer than {MAX_NAME_BYTES} bytes"
    assert {a.loaded_from for a in load_corpus(folder).articles} >= set(result.files)


def test_a_dot_file_is_saved_under_a_visible_name_and_loads(folder):
    result = add_files(folder, [(".hidden.txt", BODY.encode())], load_corpus(folder))
    assert result.files == ["hidden.txt"] and not result.errors
    (note,) = result.problems
    assert note.source == ".hidden.txt" and note.severity == "warning"
    assert "starts with a dot is hidden" in note.message
    assert "hidden.txt" in {a.loaded_from for a in load_corpus(folder).articles}


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.md", "report.md"),
        ("../../etc/passwd.md", "passwd.md"),
        ("C:\\Users\\me\\story.txt", "story.txt"),
        ("...md", "article.md"),
        (".txt", "article.txt"),
        ("line\nbreak.md", "line-break.md"),
    ],
)
def test_safe_file_names(name, safe):
    assert safe_file_name(name)[0] == safe
    assert bool(safe_file_name(name)[1]) == (name != safe)


def test_a_jsonl_corpus_changed_by_someone_else_meanwhile_is_not_overwritten(jsonl_corpus):
    theirs = pasted_article(BODY + " Added from another session.", outlet="City Post")

    def another_session_adds_first(fraction: float, message: str) -> None:
        if message.startswith("Writing"):
            assert add_articles(jsonl_corpus, [theirs], load_corpus(jsonl_corpus)).added

    corpus = load_corpus(jsonl_corpus)
    ours = pasted_article(BODY, outlet="Metro Wire")
    result = add_articles(jsonl_corpus, [ours], corpus, another_session_adds_first)
    assert not result.added and not result.files
    assert "the corpus file changed while the articles were checked" in result.errors[0].message
    outlets = [a.outlet for a in load_corpus(jsonl_corpus).articles]
    assert outlets == ["Plains Post", "Ridge Radio", "City Post"]


def test_long_imports_report_progress_with_counts(folder):
    seen: list[tuple[float, str]] = []
    items = [pasted_article(f"{BODY} Update number {n}.", outlet="Metro Wire") for n in range(3)]
    add_articles(folder, items, load_corpus(folder), lambda f, m: seen.append((f, m)))
    assert [round(f, 2) for f, _ in seen] == [0.33, 0.67, 1.0]
    assert [m.split(":")[0] for _, m in seen] == [f"Checking {n} of 3" for n in (1, 2, 3)]


@pytest.mark.parametrize("kind", ["folder", "jsonl"])
def test_the_same_article_twice_in_one_import_is_added_once(folder, tmp_path, kind):
    target = folder if kind == "folder" else tmp_path / "new.jsonl"
    if kind == "jsonl":
        target.write_bytes(b"")
    twice = [pasted_article(BODY, outlet="Metro Wire"), pasted_article(BODY, outlet="City Post")]
    result = add_articles(target, twice, load_corpus(target))
    assert [a.outlet for a in result.added] == ["Metro Wire"]
    (error,) = result.errors
    assert error.message.startswith("duplicate of article")


def test_a_csv_gz_upload_damaged_mid_stream_is_a_problem_not_a_traceback():
    from tests import hostile_files

    raw = hostile_files.jsonl_gz(hostile_files.articles(30))  # any gzip: its bytes are read
    for at in (0.3, 0.5, 0.6):  # zlib errors (invalid distance) and a failed checksum
        table = read_csv_upload(hostile_files.flipped(raw, at), "export.csv.gz")
        (problem,) = table.problems
        assert problem.message.startswith("not a readable gzip file")
