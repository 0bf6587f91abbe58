"""The corpus loader: folders, plain text and JSON Lines, with a validation report."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

from analysis.corpus.load import MAX_ARTICLE_BYTES, UNKNOWN_OUTLET, Corpus, load_corpus
from analysis.wording import plural
from tests import hostile_files

BUNDLED = Path(__file__).resolve().parent.parent / "corpus"

ARTICLE = """---
title: Talks open in Geneva
outlet: Example Times
published: 2024-05-01
---
Negotiators met in Geneva on Wednesday.

They agreed to meet again next week.
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def write_jsonl(path: Path, lines: list[object]) -> Path:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def problems_of(corpus: Corpus, source: str) -> list:
    return [p for p in corpus.problems if p.source == source]


def only_problem(corpus: Corpus, source: str):
    found = problems_of(corpus, source)
    assert len(found) == 1, found
    return found[0]


# --- good inputs -------------------------------------------------------------------------


def test_folder_of_markdown_with_front_matter(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    (article,) = corpus.articles
    assert article.article_id == "a"
    assert article.title == "Talks open in Geneva"
    assert article.outlet == "Example Times"
    assert article.outlet_name == "Example Times"
    assert article.published == "2024-05-01"
    assert article.source_file == "a.md"
    assert article.text == (
        "Negotiators met in Geneva on Wednesday.\n\nThey agreed to meet again next week.\n"
    )


def test_plain_text_without_header_is_unknown_outlet_titled_by_first_line(tmp_path):
    write(tmp_path, "story.txt", "\n\n  Floods hit the coast  \nRoads were closed overnight.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    (article,) = corpus.articles
    assert article.outlet == UNKNOWN_OUTLET
    assert article.outlet_name == "unknown (story)"
    assert article.title == "Floods hit the coast"
    assert article.text == "\n\n  Floods hit the coast  \nRoads were closed overnight.\n"


def test_a_single_article_file_can_be_loaded(tmp_path):
    path = write(tmp_path, "one.md", ARTICLE)
    corpus = load_corpus(path)
    assert [a.article_id for a in corpus.articles] == ["one"]


def test_header_article_id_overrides_the_file_name(tmp_path):
    write(tmp_path, "a.md", "---\narticle_id: geneva-1\n---\nBody text here.\n")
    (article,) = load_corpus(tmp_path).articles
    assert article.article_id == "geneva-1"


# --- JSON Lines ------------------------------------------------------------------------


def test_jsonl_keeps_article_id_and_needs_only_text(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"article_id": "x-1", "text": "First story text.", "outlet": "Daily", "title": "T1"},
            {"text": "Second story\nwith two lines."},
        ],
    )
    corpus = load_corpus(path)
    assert corpus.problems == []
    first, second = corpus.articles
    assert (first.article_id, first.outlet, first.title) == ("x-1", "Daily", "T1")
    assert first.source_file == "news.jsonl:1"
    assert second.article_id == "news-2"
    assert second.outlet == UNKNOWN_OUTLET
    assert second.title == "Second story"
    assert second.text == "Second story\nwith two lines."


def test_jsonl_bad_lines_are_reported_by_line_and_the_rest_load(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"text": "Good one."},
            {"title": "no text here"},
            '{"text": "unterminated',
            '["a", "list"]',
            {"text": 42},
            {"text": "Good two."},
        ],
    )
    corpus = load_corpus(path)
    assert [a.text for a in corpus.articles] == ["Good one.", "Good two."]
    by_line = {p.line: p for p in corpus.problems}
    assert sorted(by_line) == [2, 3, 4, 5]
    assert all(p.severity == "error" for p in corpus.problems)
    assert "'text' is missing" in by_line[2].message
    assert "not valid JSON" in by_line[3].message
    assert "expected a JSON object" in by_line[4].message
    assert "not a string" in by_line[5].message


def test_jsonl_unknown_fields_give_one_aggregated_warning_per_field(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"text": "One.", "sentiment": 1},
            {"text": "Two.", "sentiment": 2},
            {"text": "Three.", "sentiment": 3, "lang": "en"},
        ],
    )
    corpus = load_corpus(path)
    assert len(corpus.articles) == 3
    assert corpus.errors == []
    messages = sorted(p.message for p in corpus.warnings)
    assert len(messages) == 2
    assert messages[0].startswith("unknown field 'lang' ignored on 1 line;")
    assert messages[1].startswith("unknown field 'sentiment' ignored on 3 lines;")


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"article_id": "g1", "text": "Zipped story."}) + "\n")
        handle.write(json.dumps({"article_id": "g2", "text": "Another one."}) + "\n")
    corpus = load_corpus(path)
    assert corpus.problems == []
    assert [(a.article_id, a.text) for a in corpus.articles] == [
        ("g1", "Zipped story."),
        ("g2", "Another one."),
    ]


def test_a_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    records = hostile_files.articles(60)
    raw = hostile_files.jsonl_gz(records)
    path = write(tmp_path, "feed.jsonl.gz", raw[: len(raw) * 2 // 3])
    corpus = load_corpus(path)
    assert 0 < len(corpus.articles) < 60
    assert [a.text for a in corpus.articles] == [r["text"] for r in records][: len(corpus.articles)]
    (problem,) = corpus.problems
    assert (problem.severity, problem.line) == ("error", len(corpus.articles) + 1)
    assert problem.message.startswith("the file is cut off here")
    assert "gzip -t feed.jsonl.gz" in problem.message


@pytest.mark.parametrize("at", [0.3, 0.45, 0.5, 0.55, 0.7, 0.8])
def test_bytes_flipped_mid_gzip_keep_the_good_lines_and_say_where(tmp_path, at):
    records = hostile_files.articles(120)
    texts = {r["article_id"]: r["text"] for r in records}
    path = write(
        tmp_path, "feed.jsonl.gz", hostile_files.flipped(hostile_files.jsonl_gz(records), at)
    )
    corpus = load_corpus(path)
    (problem,) = corpus.errors
    assert problem.message.startswith("the file is damaged")
    assert "gzip -t feed.jsonl.gz" in problem.message
    loaded = [a.article_id for a in corpus.articles]
    assert loaded and loaded == [f"n{i}" for i in range(len(loaded))]  # the lines before
    if problem.line is not None:  # located: nothing garbled from the damage on is loaded
        assert all(texts[a.article_id] == a.text for a in corpus.articles)
        assert len(corpus.articles) == problem.line - 1
        assert f"the {plural(problem.line - 1, 'article')} before it loaded" in problem.message
    else:
        assert "may be garbled" in problem.message


def test_a_gzip_that_fails_only_its_checksum_loads_with_an_error(tmp_path):
    records = hostile_files.articles(10)
    raw = bytearray(hostile_files.jsonl_gz(records))
    raw[-8] ^= 0xFF  # the CRC in the trailer
    corpus = load_corpus(write(tmp_path, "feed.jsonl.gz", bytes(raw)))
    (problem,) = corpus.errors
    assert problem.line is None
    assert "its checksum fails at the end" in problem.message
    assert len(corpus.articles) >= 9


def test_a_plain_file_named_gz_says_so(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl.gz", [{"text": "One story."}])
    (problem,) = load_corpus(path).problems
    assert problem.line == 1
    assert problem.message.startswith("not a gzip file")
    assert problem.message.endswith("if it is plain JSON Lines, name it feed.jsonl")


def test_json_nested_too_deep_or_numbers_too_long_are_line_problems(tmp_path):
    path = write_jsonl(
        tmp_path / "n.jsonl", ["[" * 100_000, '{"text": 1' + "1" * 5000 + "}", {"text": "Fine."}]
    )
    corpus = load_corpus(path)
    assert [a.text for a in corpus.articles] == ["Fine."]
    assert [(p.line, p.severity) for p in corpus.problems] == [(1, "error"), (2, "error")]
    assert all(p.message.startswith("JSON that cannot be read") for p in corpus.problems)


def test_a_huge_jsonl_line_is_measured_not_loaded(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"text": "' + "w" * 5_000 + '"}\n{"text": "Next."}', encoding="utf-8")
    corpus = load_corpus(path, max_bytes=1_000)
    assert [a.text for a in corpus.articles] == ["Next."]
    (problem,) = corpus.problems
    assert problem.line == 1
    assert "too large (5 kB)" in problem.message


def test_jsonl_duplicate_article_id_is_rejected(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [{"article_id": "same", "text": "One story."}, {"article_id": "same", "text": "Other."}],
    )
    corpus = load_corpus(path)
    assert [a.text for a in corpus.articles] == ["One story."]
    problem = only_problem(corpus, "news.jsonl:2")
    assert problem.severity == "error"
    assert "article_id 'same' is used twice" in problem.message


# --- empty, binary and encodings -------------------------------------------------------


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_and_whitespace_only_text_is_rejected(tmp_path, content):
    write(tmp_path, "blank.txt", content)
    write(tmp_path, "ok.txt", "A real article.")
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == ["ok"]
    assert "text is empty" in only_problem(corpus, "blank.txt").message


def test_header_with_empty_body_is_rejected(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Nothing\n---\n\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    assert "text is empty" in only_problem(corpus, "a.md").message


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"Text\x00with\x00NUL\x00bytes\x00between\x00every\x00word",
    ],
)
def test_binary_file_is_rejected(tmp_path, content):
    write(tmp_path, "scan.md", content)
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    problem = only_problem(corpus, "scan.md")
    assert problem.severity == "error"
    assert "binary file" in problem.message


def test_cp1252_file_is_decoded_with_a_warning(tmp_path):
    text = "He called it “a turning point” – and left."
    write(tmp_path, "old.txt", text.encode("cp1252"))
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.text == text
    problem = only_problem(corpus, "old.txt")
    assert problem.severity == "warning"
    assert "not UTF-8" in problem.message
    assert "decoded as cp1252" in problem.message


def test_declared_latin1_encoding_is_used(tmp_path):
    content = "---\ntitle: Café\nencoding: latin-1\n---\nLe café était fermé.\n"
    write(tmp_path, "fr.md", content.encode("latin-1"))
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.title == "Café"
    assert article.text == "Le café était fermé.\n"
    problem = only_problem(corpus, "fr.md")
    assert problem.severity == "warning"
    assert "decoded as latin-1" in problem.message


def test_utf16_with_bom_is_decoded_with_a_warning(tmp_path):
    write(tmp_path, "wide.md", "---\noutlet: Wire\n---\nKyiv said “no”.\n".encode("utf-16"))
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.outlet == "Wire"
    assert article.text == "Kyiv said “no”.\n"
    assert not article.text.startswith("\ufeff")
    problem = only_problem(corpus, "wide.md")
    assert (problem.severity, "UTF-16" in problem.message) == ("warning", True)


def test_stray_nul_bytes_are_removed_with_a_warning_naming_the_first(tmp_path):
    write(tmp_path, "paste.md", b"Some text\x00 with a NUL byte in the middle.")
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.text == "Some text with a NUL byte in the middle."
    problem = only_problem(corpus, "paste.md")
    assert problem.severity == "warning"
    assert problem.message.startswith("1 NUL byte removed (the first at byte 9)")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_with_a_warning_not_called_binary(tmp_path, encoding):
    text = "---\noutlet: Valley Radio\n---\nThe dam “held”, officials said.\n"
    write(tmp_path, "wide.md", text.encode(encoding))
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert (article.outlet, article.text) == ("Valley Radio", "The dam “held”, officials said.\n")
    problem = only_problem(corpus, "wide.md")
    assert problem.severity == "warning"
    assert problem.message == (
        f"decoded as {encoding.upper()} (no byte-order mark); re-save as UTF-8"
    )


def test_utf32_with_bom_is_not_mistaken_for_utf16(tmp_path):
    write(tmp_path, "w.md", "---\noutlet: Ledger\n---\nFloods closed the road.\n".encode("utf-32"))
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert (article.outlet, article.text) == ("Ledger", "Floods closed the road.\n")
    assert "decoded as UTF-32 (byte-order mark)" in only_problem(corpus, "w.md").message


def test_cp1252_bytes_inside_utf8_text_are_decoded_each_in_its_encoding(tmp_path):
    raw = "Zürich and Kraków agreed.\n".encode() + "The café “reopened”.\n".encode("cp1252")
    write(tmp_path, "mixed.txt", raw)
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.text == "Zürich and Kraków agreed.\nThe café “reopened”.\n"
    problem = only_problem(corpus, "mixed.txt")
    assert problem.severity == "warning"
    first = len("Zürich and Kraków agreed.\nThe caf".encode())
    assert problem.message.startswith(
        f"mixed encodings: UTF-8 text with bytes in another encoding (the first at byte {first})"
    )


def test_undecodable_bytes_are_rejected_with_the_reason(tmp_path):
    # 0x81 is invalid UTF-8 and undefined in cp1252
    write(tmp_path, "bad.txt", b"Prices rose \x81 sharply.")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    problem = only_problem(corpus, "bad.txt")
    assert problem.severity == "error"
    assert "not UTF-8 (invalid byte at position 12)" in problem.message
    assert "re-save the file as UTF-8" in problem.message


# --- size -----------------------------------------------------------------------------


def test_oversized_file_is_rejected_with_the_limit(tmp_path):
    write(tmp_path, "big.txt", "word " * 50)  # 250 bytes
    write(tmp_path, "small.txt", "short")
    corpus = load_corpus(tmp_path, max_bytes=100)
    assert [a.article_id for a in corpus.articles] == ["small"]
    problem = only_problem(corpus, "big.txt")
    assert problem.severity == "error"
    assert "too large (250 bytes)" in problem.message
    assert "the limit is 100 bytes per article" in problem.message


def test_oversized_jsonl_line_is_rejected_by_line(tmp_path):
    path = write_jsonl(tmp_path / "n.jsonl", [{"text": "x" * 300}, {"text": "fits"}])
    corpus = load_corpus(path, max_bytes=100)
    assert [a.text for a in corpus.articles] == ["fits"]
    (problem,) = corpus.problems
    assert (problem.line, "too large" in problem.message) == (1, True)


def test_default_limit_is_stated_in_the_message(tmp_path):
    assert MAX_ARTICLE_BYTES == 2_000_000
    write(tmp_path, "dump.txt", b"a" * (MAX_ARTICLE_BYTES + 100_000))
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    message = only_problem(corpus, "dump.txt").message
    assert "too large (2.1 MB)" in message
    assert "the limit is 2 MB per article (about 300,000 words)" in message


# --- front matter -------------------------------------------------------------------------


def test_header_never_closed_is_rejected_at_line_1(tmp_path):
    write(tmp_path, "open.md", "---\ntitle: Open\noutlet: X\nBody text, but no closing line.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    problem = only_problem(corpus, "open.md")
    assert (problem.source, problem.line, problem.severity) == ("open.md", 1, "error")
    assert "never closed" in problem.message


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_old_mac_and_windows_line_endings_keep_the_header(tmp_path, newline):
    write(tmp_path, "a.md", ARTICLE.replace("\n", newline).encode())
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert (article.title, article.outlet) == ("Talks open in Geneva", "Example Times")
    assert article.text.replace("\r\n", "\n").startswith("Negotiators met in Geneva")
    if newline == "\r":
        problem = only_problem(corpus, "a.md")
        assert problem.severity == "warning"
        assert problem.message == "lines end in a lone CR (old Mac style); read as line breaks"
    else:
        assert corpus.problems == []


def test_bom_before_the_front_matter_keeps_the_header(tmp_path):
    write(tmp_path, "a.md", b"\xef\xbb\xbf" + ARTICLE.encode())
    (article,) = load_corpus(tmp_path).articles
    assert (article.title, article.outlet) == ("Talks open in Geneva", "Example Times")


def test_duplicated_header_key_keeps_the_last_value_and_says_so(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: First\noutlet: Ledger\ntitle: Second\n---\nBody.\n")
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert (article.title, article.outlet) == ("Second", "Ledger")
    problem = only_problem(corpus, "a.md")
    assert (problem.line, problem.severity) == (4, "warning")
    assert problem.message == (
        "header key 'title' is given twice (lines 2 and 4); the value on line 4 ('Second') is kept"
    )


@pytest.mark.parametrize("content", ["---\n", "---", "---\n---\n", "--- \n\n\n"])
def test_a_header_of_only_dashes_is_an_empty_article(tmp_path, content):
    write(tmp_path, "rule.md", content)
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    problem = only_problem(corpus, "rule.md")
    assert problem.severity == "error"
    assert "add the text or remove the file" in problem.message


def test_a_leading_rule_without_header_lines_is_text(tmp_path):
    write(tmp_path, "a.md", "---\n\nThe bridge reopened on Monday.\n")
    (article,) = load_corpus(tmp_path).articles
    assert article.text == "---\n\nThe bridge reopened on Monday.\n"
    assert article.title == "---"


def test_header_line_without_key_value_is_a_warning_with_its_line(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: T\nthis line has no colon\n---\nBody.\n")
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert (article.title, article.text) == ("T", "Body.\n")
    problem = only_problem(corpus, "a.md")
    assert (problem.line, problem.severity) == (3, "warning")
    assert "not 'key: value'" in problem.message


def test_unknown_header_key_is_a_warning_with_its_line(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: T\noutlet: O\nmood: grim\n---\nBody.\n")
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.outlet == "O"
    problem = only_problem(corpus, "a.md")
    assert (problem.line, problem.severity) == (4, "warning")
    assert "unknown header key 'mood'" in problem.message


# --- duplicates -------------------------------------------------------------------------


def test_duplicate_text_modulo_case_whitespace_and_quotes_names_the_first(tmp_path):
    write(tmp_path, "a.md", "---\noutlet: A\n---\nShe said “we will win”.\nThe end.\n")
    write(tmp_path, "b.md", '---\noutlet: B\n---\n  SHE said  "we will WIN".   the end.')
    write(tmp_path, "c.md", "---\noutlet: C\n---\nShe said “we will lose”.\nThe end.\n")
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == ["a", "c"]
    problem = only_problem(corpus, "b.md")
    assert problem.severity == "error"
    assert "duplicate of article 'a'" in problem.message


def test_duplicate_article_id_in_a_folder_is_rejected(tmp_path):
    write(tmp_path, "a.md", "---\narticle_id: shared\n---\nOne text.\n")
    write(tmp_path, "b.md", "---\narticle_id: shared\n---\nAnother text.\n")
    corpus = load_corpus(tmp_path)
    assert [a.text for a in corpus.articles] == ["One text.\n"]
    assert "article_id 'shared' is used twice" in only_problem(corpus, "b.md").message


# --- what else is in the folder --------------------------------------------------------


def test_knowledge_other_and_hidden_files(tmp_path):
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "topics.csv", "topic,patterns\nTalks,talks\n")
    write(tmp_path, "notes.docx", b"PK\x03\x04 not an article")
    write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path, ".draft.md", "A hidden draft.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "nested.md", "Not loaded from subfolders.")
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == ["a"]
    assert sorted(p.source for p in corpus.problems) == [".DS_Store", ".draft.md", "notes.docx"]
    assert {p.severity for p in corpus.problems} == {"warning"}
    assert "ignored" in only_problem(corpus, "notes.docx").message
    draft = only_problem(corpus, ".draft.md").message
    assert draft == (
        "skipped: a hidden file (name starts with '.'); rename it without the dot to load it"
    )
    other = only_problem(corpus, ".DS_Store").message
    assert other == "skipped: a hidden file (its name starts with '.'), not an article"


def test_html_in_text_is_warned_and_kept_verbatim(tmp_path):
    body = 'Officials met.<p>Read <a href="x">more</a></p>\n'
    write(tmp_path, "web.txt", body)
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.text == body
    problem = only_problem(corpus, "web.txt")
    assert (problem.severity, "HTML" in problem.message) == ("warning", True)


def test_bad_files_never_stop_the_others_and_nothing_raises(tmp_path):
    write(tmp_path, "01_binary.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "02_good.md", ARTICLE)
    write(tmp_path, "03_open.md", "---\ntitle: never closed\n")
    write(tmp_path, "04_empty.txt", "")
    write(tmp_path, "05_undecodable.txt", b"\x81\x8d\x8f")
    write(tmp_path, "06_dup.md", ARTICLE)
    write(tmp_path, "07_good.txt", "Another article entirely.")
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == ["02_good", "07_good"]
    assert sorted(p.source for p in corpus.errors) == [
        "01_binary.md",
        "03_open.md",
        "04_empty.txt",
        "05_undecodable.txt",
        "06_dup.md",
    ]


def test_missing_path_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nowhere")


def test_file_of_another_type_is_not_a_corpus(tmp_path):
    path = write(tmp_path, "data.xlsx", b"PK")
    corpus = load_corpus(path)
    assert corpus.articles == []
    assert "not a corpus" in corpus.problems[0].message


# --- the bundled corpus and the content hash ---------------------------------------------


def test_bundled_corpus_loads_five_articles():
    corpus = load_corpus(BUNDLED)
    assert corpus.problems == []
    outlets = [a.outlet for a in corpus.articles]
    assert outlets[:3] == ["TIME", "The Washington Post", "CNN"]
    assert outlets[3:] == [UNKNOWN_OUTLET, UNKNOWN_OUTLET]
    unknown_names = [a.outlet_name for a in corpus.articles[3:]]
    assert unknown_names[0] != unknown_names[1]
    assert all(name.startswith("unknown (") for name in unknown_names)


def test_bundled_body_is_exactly_the_text_after_the_header():
    (path,) = sorted(BUNDLED.glob("000_*.md"))
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    closing = lines.index("---", 1)
    body = "\n".join(lines[closing + 1 :])
    article = next(a for a in load_corpus(BUNDLED).articles if a.article_id == path.stem)
    assert article.text == body
    seed = Path(__file__).parent / "fixtures" / "seeds" / article.source_file
    assert article.text == seed.read_text(encoding="utf-8")


def test_content_hash_is_stable_and_changes_with_one_character():
    corpus = load_corpus(BUNDLED)
    first = corpus.content_hash()
    assert load_corpus(BUNDLED).content_hash() == first
    article = corpus.articles[2]
    text = article.text
    i = text.index("Moscow")
    changed_text = dataclasses.replace(article, text=text[:i] + "N" + text[i + 1 :])
    changed_meta = dataclasses.replace(article, published="2023-03-21")
    for changed in (changed_text, changed_meta):
        articles = [*corpus.articles[:2], changed, *corpus.articles[3:]]
        assert Corpus(articles).content_hash() != first
    assert Corpus(list(corpus.articles)).content_hash() == first


def test_a_folder_without_articles_says_so_and_names_its_sub_folders(tmp_path):
    (tmp_path / "floods").mkdir()
    (tmp_path / ".removed").mkdir()
    write(tmp_path, "topics.csv", "topic,patterns\nFloods,flood\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    (problem,) = corpus.problems
    assert (problem.source, problem.severity) == (tmp_path.name, "warning")
    assert problem.message == (
        "no article in this folder: articles are .md or .txt files directly in it; "
        "its sub-folders (floods) are not searched: open one of them instead"
    )


def test_a_json_error_reads_as_a_sentence(tmp_path):
    path = write_jsonl(tmp_path / "n.jsonl", ['{"text": "unterminated', {"text": "Fine."}])
    (problem,) = load_corpus(path).problems
    assert problem.message == "not valid JSON (Unterminated string starting at column 10); skipped"


def test_an_added_article_with_a_hidden_or_overlong_name_is_refused_with_the_reason(tmp_path):
    from analysis.corpus.load import add_article_file

    (hidden,) = add_article_file(tmp_path, ".hidden.txt", b"The levee held.", Corpus([]))
    assert (hidden.source, hidden.severity) == (".hidden.txt", "error")
    assert hidden.message == (
        "a name starting with '.' makes a hidden file, which the corpus skips; "
        "rename it (e.g. 'hidden.txt')"
    )
    (long,) = add_article_file(tmp_path, "é" * 200 + ".md", b"The quay reopened.", Corpus([]))
    assert long.message == "the file name is too long (403 bytes; at most 200): shorten it"
    assert len(long.source) == 80
    assert list(tmp_path.iterdir()) == []
