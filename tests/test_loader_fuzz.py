"""The loader under random input: it never raises, and every file and line is accounted for.

Random bytes, random front matter, random JSON Lines and random knowledge CSVs:
each article either loads or has a problem naming it, and the validation report
is well formed (a severity, a source, a line that is a positive number or none,
a message). Kept to a few seconds with ``max_examples``.
"""

from __future__ import annotations

import codecs
import gzip
import json
import string
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings, strategies

from analysis.corpus.load import METADATA_KEYS, Corpus, load_corpus
from analysis.knowledge.files import Problem
from analysis.knowledge.report import full_report
from analysis.pipeline import load_knowledge

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REPORT_COLUMNS = ["scope", "severity", "source", "line", "message"]

WORD = strategies.text(string.ascii_letters + "éü“”’", min_size=1, max_size=12)
NASTY = strategies.text(
    strategies.sampled_from([*string.printable, "\x00", "\ufeff", "\u2028", "é", "“"]),
    max_size=60,
)
NAME = strategies.builds(
    lambda stem, hidden, suffix: ("." if hidden else "") + stem + suffix,
    strategies.text(string.ascii_lowercase + string.digits + "_-", min_size=1, max_size=10),
    strategies.booleans(),
    strategies.sampled_from([".md", ".txt", ".MD", ".json", ""]),
)


def assert_well_formed(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.severity in ("error", "warning")
        assert isinstance(problem.source, str) and problem.source
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        assert isinstance(problem.message, str) and problem.message.strip()


def assert_report_well_formed(corpus: Corpus, folder: Path) -> None:
    report, knowledge_problems = full_report(corpus, load_knowledge(folder))
    assert list(report.columns) == REPORT_COLUMNS
    assert len(report) == len(corpus.problems) + knowledge_problems
    assert report["message"].map(lambda m: isinstance(m, str) and bool(m.strip())).all()
    assert set(report["severity"]) <= {"error", "warning"}


def accounted_files(corpus: Corpus, names: list[str]) -> None:
    """Every file either loaded as an article or has a problem naming it."""
    loaded = {a.loaded_from for a in corpus.articles}
    named = {p.source for p in corpus.problems}
    for name in names:
        assert name in loaded or name in named, (name, corpus.problems)


@FAST
@given(files=strategies.dictionaries(NAME, strategies.binary(max_size=300), max_size=4))
def test_random_bytes_in_a_folder_never_raise_and_every_file_is_accounted_for(files):
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, raw in files.items():
            (folder / name).write_bytes(raw)
        written = [p.name for p in folder.iterdir()]  # names that differ only in case may merge
        corpus = load_corpus(folder)
        assert_well_formed(corpus.problems)
        accounted_files(corpus, written)
        assert_report_well_formed(corpus, folder)


FRONT_MATTER_LINE = strategies.one_of(
    strategies.tuples(strategies.sampled_from(METADATA_KEYS), NASTY).map(": ".join),
    strategies.tuples(WORD, NASTY).map(": ".join),
    NASTY,
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252")


@FAST
@given(
    lines=strategies.lists(FRONT_MATTER_LINE, max_size=6),
    closed=strategies.booleans(),
    body=NASTY,
    newline=strategies.sampled_from(["\n", "\r\n", "\r"]),
    encoding=strategies.sampled_from(ENCODINGS),
)
def test_random_front_matter_never_raises(lines, closed, body, newline, encoding):
    text = newline.join(["---", *lines, *(["---"] if closed else []), body])
    raw = text.encode(encoding, errors="replace")
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.md").write_bytes(raw)
        corpus = load_corpus(folder)
        assert_well_formed(corpus.problems)
        accounted_files(corpus, ["a.md"])
        assert_report_well_formed(corpus, folder)


@FAST
@given(
    title=WORD,
    outlet=WORD,
    duplicate=strategies.booleans(),
    body=strategies.lists(WORD, min_size=1, max_size=8).map(
        lambda words: " ".join(["Text", *words])
    ),  # a word, not only marks
    newline=strategies.sampled_from(["\n", "\r\n", "\r"]),
    encoding=strategies.sampled_from(ENCODINGS),
    bom=strategies.booleans(),
)
def test_a_well_formed_header_is_read_whatever_the_line_endings_and_encoding(
    title, outlet, duplicate, body, newline, encoding, bom
):
    lines = ["---", "title: ignored"] * duplicate + ["---"][duplicate:]
    lines += [f"title: {title}", f"outlet: {outlet}", "---", body, ""]
    raw = newline.join(lines).encode(encoding, errors="strict")
    if bom and encoding == "utf-8":
        raw = codecs.BOM_UTF8 + raw
    with TemporaryDirectory() as tmp:
        (Path(tmp) / "a.md").write_bytes(raw)
        corpus = load_corpus(tmp)
        (article,) = corpus.articles
        assert (article.title, article.outlet) == (title, outlet)
        assert article.text.strip() == body
        assert corpus.errors == []
        twice = [p for p in corpus.warnings if "given twice" in p.message]
        assert len(twice) == duplicate


JSON_VALUE = strategies.recursive(
    strategies.none() | strategies.booleans() | strategies.integers() | NASTY,
    lambda inner: (
        strategies.lists(inner, max_size=3) | strategies.dictionaries(NASTY, inner, max_size=3)
    ),
    max_leaves=6,
)
JSON_RECORD = strategies.fixed_dictionaries(
    {},
    optional={
        "text": NASTY | JSON_VALUE,
        "article_id": NASTY | strategies.integers(),
        "outlet": NASTY | JSON_VALUE,
        "title": NASTY,
        "published": NASTY,
        "extra": JSON_VALUE,
    },
)
JSONL_LINE = strategies.one_of(
    JSON_RECORD.map(lambda r: json.dumps(r).encode()),
    JSON_VALUE.map(lambda v: json.dumps(v).encode()),
    NASTY.map(lambda s: s.replace("\n", " ").encode()),
    strategies.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ")),
)


@FAST
@given(lines=strategies.lists(JSONL_LINE, max_size=8))
def test_random_jsonl_lines_each_load_or_have_a_problem_with_their_line(lines):
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes(b"\n".join(lines))
        corpus = load_corpus(path)
        assert_well_formed(corpus.problems)
        loaded = {a.loaded_from for a in corpus.articles}
        lines_with_problems = {p.line for p in corpus.problems} | {
            p.source for p in corpus.problems
        }
        for number, raw in enumerate(lines, start=1):
            if raw.strip():
                where = f"feed.jsonl:{number}"
                assert (
                    where in loaded
                    or number in lines_with_problems
                    or (where in lines_with_problems)
                ), (number, raw, corpus.problems)
        assert_report_well_formed(corpus, Path(tmp))


@FAST
@given(
    lines=strategies.lists(JSON_RECORD.map(lambda r: json.dumps(r).encode()), max_size=8),
    damage=strategies.lists(
        strategies.tuples(strategies.floats(0, 1), strategies.integers(1, 255)), max_size=4
    ),
    cut=strategies.floats(0.2, 1),
)
def test_damaged_or_cut_gzip_never_raises(lines, damage, cut):
    raw = bytearray(gzip.compress(b"\n".join(lines)))
    for at, mask in damage:
        raw[min(int(at * len(raw)), len(raw) - 1)] ^= mask
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl.gz"
        path.write_bytes(bytes(raw[: max(1, int(len(raw) * cut))]))
        corpus = load_corpus(path)
        assert_well_formed(corpus.problems)
        assert_report_well_formed(corpus, Path(tmp))


CELL = strategies.one_of(
    WORD,
    NASTY,
    strategies.sampled_from([".*", "|", r"\w*", "(a+)+$", "(", '"', '""', "a,b", "x\ny"]),
)
KNOWLEDGE_HEADERS = {
    "topics.csv": "topic,patterns,description",
    "targets.csv": "target,patterns,affiliation",
    "framing_lexicon.csv": "term,kind,polarity,note",
    "speakers.csv": "speaker,aliases,affiliation,role",
}


@FAST
@given(
    name=strategies.sampled_from(sorted(KNOWLEDGE_HEADERS)),
    header=strategies.booleans(),
    rows=strategies.lists(strategies.lists(CELL, min_size=1, max_size=5), max_size=5),
    quoted=strategies.booleans(),
)
def test_random_knowledge_files_never_raise_and_the_report_is_well_formed(
    name, header, rows, quoted
):
    def cell(value: str) -> str:
        return f'"{value}' if quoted and value == rows[0][0] else value

    lines = [KNOWLEDGE_HEADERS[name]] * header + [",".join(map(cell, row)) for row in rows]
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.md").write_text("The levee held overnight.\n", encoding="utf-8")
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        corpus = load_corpus(folder)
        assert [a.article_id for a in corpus.articles] == ["a"]
        report, _ = full_report(corpus, load_knowledge(folder))
        assert list(report.columns) == REPORT_COLUMNS
        assert set(report["scope"]) <= {"knowledge"}
        assert report["message"].map(lambda m: isinstance(m, str) and bool(m.strip())).all()
