"""Load a corpus of articles from a folder or a JSON Lines file, with a validation report.

A folder holds one article per ``.md``/``.txt`` file: an optional front matter
between ``---`` lines (``key: value``), then the body exactly as published.
A ``.jsonl`` (or ``.jsonl.gz``) file holds one JSON object per line; only
``text`` is required. Knowledge files (``.csv``) in the folder are not
articles. A bad article is reported and skipped; it never stops the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import BinaryIO

from analysis.corpus.cards import strip_name_cards
from analysis.corpus.decode import decode_bytes
from analysis.knowledge.files import Problem, write_text_atomic
from analysis.knowledge.patterns import shorten
from analysis.wording import plural

MAX_ARTICLE_BYTES = 2_000_000
"""Largest article accepted (2 MB of text, about 300,000 words): larger files are
almost always a whole site dump or a binary by mistake."""

METADATA_KEYS = (
    "title", "outlet", "published", "url", "author", "wire", "source_file", "note", "story",
)  # fmt: skip
JSONL_KEYS = ("article_id", "text", *METADATA_KEYS)
ARTICLE_SUFFIXES = (".md", ".txt")
KNOWLEDGE_SUFFIXES = (".csv",)
UNKNOWN_OUTLET = "unknown"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")
_HTML_TAG = re.compile(r"<\s*(script|iframe|style|object|embed|img|a|div|span|p|br)\b", re.I)
_HEADER_LINE = re.compile(r"^\s*[A-Za-z_]+\s*:")
_LONE_CR = re.compile(r"\r(?!\n)")


@dataclass(frozen=True)
class Article:
    """One news article: its metadata and its body text exactly as published."""

    article_id: str
    text: str
    title: str = ""
    outlet: str = UNKNOWN_OUTLET
    published: str = ""
    url: str = ""
    author: str = ""
    wire: str = ""
    source_file: str = ""
    note: str = ""
    story: str = ""  # the news story it covers, when the corpus says (else grouped: stories.py)
    loaded_from: str = ""  # the corpus file (and line, for JSON Lines) it was read from

    @property
    def outlet_name(self) -> str:
        """The outlet as shown and grouped: articles of unknown outlet never pool together."""
        if self.outlet and self.outlet.lower() != UNKNOWN_OUTLET:
            return self.outlet
        return f"unknown ({self.article_id[:12]})"


@dataclass
class Corpus:
    """The articles that loaded, and every problem found on the way."""

    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)
    source: str = ""
    _hash: str = field(default="", init=False, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def content_hash(self) -> str:
        """A key that changes whenever any article's text or metadata changes (computed once)."""
        if self._hash:
            return self._hash
        digest = hashlib.sha256()
        for article in self.articles:
            for f in fields(article):
                digest.update(str(getattr(article, f.name)).encode("utf-8"))
                digest.update(b"\x00")
        self._hash = digest.hexdigest()[:16]
        return self._hash


def load_corpus(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
    """Load a folder of article files or a ``.jsonl``/``.jsonl.gz`` file.

    Never raises for bad content: problems are collected in ``Corpus.problems``.
    Raises ``FileNotFoundError`` only when ``path`` itself does not exist.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.is_dir():
        candidates = _folder_articles(path, max_bytes)
    elif path.name.endswith((".jsonl", ".jsonl.gz")):
        candidates = _jsonl_articles(path, max_bytes)
    elif path.suffix in ARTICLE_SUFFIXES:
        candidates = _file_articles([path], max_bytes)
    else:
        problem = Problem(
            str(path), None, "not a corpus: give a folder of .md/.txt files or a .jsonl file"
        )
        return Corpus([], [problem], str(path))
    articles, problems = _deduplicate(candidates)
    return Corpus(articles, problems, str(path))


def _deduplicate(
    candidates: Iterable[Article | Problem],
) -> tuple[list[Article], list[Problem]]:
    """Keep the first of articles with the same normalised text or the same id."""
    articles: list[Article] = []
    problems: list[Problem] = []
    by_text: dict[str, str] = {}
    by_id: set[str] = set()
    for item in candidates:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        key = normalised_text_key(item.text)
        source = item.loaded_from or item.article_id
        if key in by_text:
            message = f"duplicate of article '{by_text[key]}' (same text); skipped"
            problems.append(Problem(source, None, message))
            continue
        if item.article_id in by_id:
            message = f"article_id '{item.article_id}' is used twice; skipped; give it a unique id"
            problems.append(Problem(source, None, message))
            continue
        by_text[key] = item.article_id
        by_id.add(item.article_id)
        articles.append(item)
    return articles, problems


def normalised_text_key(text: str) -> str:
    """Hash of the text with case, quote style and whitespace normalised (duplicate test)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("“”‘’«»", '""\'\'""'))
    text = " ".join(text.split())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _folder_articles(folder: Path, max_bytes: int) -> Iterator[Article | Problem]:
    files, folders = [], []
    for path in sorted(folder.iterdir()):
        if path.is_dir():
            folders += [] if path.name.startswith(".") else [path.name]
            continue
        if path.name.startswith("."):
            yield Problem(path.name, None, _hidden(path), "warning")
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(path)
        elif path.suffix.lower() not in KNOWLEDGE_SUFFIXES:
            message = "ignored: articles are .md or .txt files, knowledge files .csv"
            yield Problem(path.name, None, message, "warning")
    if not files:
        yield Problem(folder.name or str(folder), None, _no_articles(folders), "warning")
    yield from _file_articles(files, max_bytes)


def _no_articles(folders: list[str]) -> str:
    """Why an article folder gave nothing: sub-folders are not searched."""
    inside = ""
    if folders:
        named = ", ".join(shorten(f, 40) for f in folders[:3]) + (", …" if len(folders) > 3 else "")
        inside = f"; its sub-folders ({named}) are not searched: open one of them instead"
    return f"no article in this folder: articles are .md or .txt files directly in it{inside}"


def _hidden(path: Path) -> str:
    """Why a dot-file in a corpus folder is skipped, and what to do if it is an article."""
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return "skipped: a hidden file (name starts with '.'); rename it without the dot to load it"
    return "skipped: a hidden file (its name starts with '.'), not an article"


def _file_articles(files: list[Path], max_bytes: int) -> Iterator[Article | Problem]:
    for path in files:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                yield Problem(path.name, None, _too_large(size, max_bytes))
                continue
            raw = path.read_bytes()
        except OSError as exc:
            yield Problem(path.name, None, f"cannot read the file ({exc.strerror or exc})")
            continue
        yield from parse_article_file(raw, path.name)


def parse_article_file(raw: bytes, name: str) -> Iterator[Article | Problem]:
    """Decode and parse one article file (front matter optional), with its problems."""
    text, problems = decode_bytes(raw, name)
    yield from problems
    if text is None:
        return
    if _LONE_CR.search(text):
        text = _LONE_CR.sub("\n", text)
        message = "lines end in a lone CR (old Mac style); read as line breaks"
        yield Problem(name, None, message, "warning")
    meta, body, header_problems = split_front_matter(text, name)
    yield from header_problems
    if meta is None:
        return
    meta.setdefault("source_file", name)
    meta.setdefault("title", _first_line(body))
    body, card_problems = _without_name_cards(body, name, None)
    yield from card_problems
    article = _make_article(Path(name).stem, body, meta, name, None)
    if isinstance(article, Problem):
        yield article
        return
    yield from _content_warnings(article, name, None)
    yield article


def split_front_matter(text: str, name: str) -> tuple[dict[str, str] | None, str, list[Problem]]:
    """Split ``---`` front matter from the body; ``None`` metadata means reject.

    A ``---`` first line followed by no ``key: value`` line and never closed is a rule
    in the text, not a header. A key given twice keeps its last value, with a warning.
    """
    if not text.startswith("---"):
        return {}, text, []
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, []
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if closing is None:
        first = next((line for line in lines[1:] if line.strip()), "")
        if not _HEADER_LINE.match(first):
            return {}, text, []
        message = "header opened on line 1 with '---' is never closed; add a '---' line after it"
        return None, "", [Problem(name, 1, message)]
    meta: dict[str, str] = {}
    given: dict[str, int] = {}
    problems: list[Problem] = []
    for number, line in enumerate(lines[1:closing], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not re.fullmatch(r"[a-z_]+", key):
            message = f"header line is not 'key: value' ({line.strip()[:60]!r}); line ignored"
            problems.append(Problem(name, number, message, "warning"))
            continue
        if key not in (*METADATA_KEYS, "article_id", "encoding", "charset"):
            message = f"unknown header key '{key}' ignored; known keys: {', '.join(METADATA_KEYS)}"
            problems.append(Problem(name, number, message, "warning"))
            continue
        if key in given:
            message = (
                f"header key '{key}' is given twice (lines {given[key]} and {number}); "
                f"the value on line {number} ({shorten(value.strip(), 60)!r}) is kept"
            )
            problems.append(Problem(name, number, message, "warning"))
        given[key] = number
        meta[key] = _unquote(value.strip())
    body = "\n".join(lines[closing + 1 :])
    return meta, body, problems


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _jsonl_articles(path: Path, max_bytes: int) -> Iterator[Article | Problem]:
    """Articles line by line; a damaged file keeps the lines read before the damage."""
    name = path.name
    unknown: list[tuple[int, str]] = []  # (line, field) of fields not in JSONL_KEYS
    numbered: list[tuple[int, Article | Problem]] = []
    number = 0
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as handle:
            for number, raw in _numbered_lines(handle, max_bytes):
                if isinstance(raw, int):
                    numbered.append((number, Problem(name, number, _too_large(raw, max_bytes))))
                elif raw.strip():
                    numbered += [(number, i) for i in _jsonl_line(raw, name, number, unknown)]
    except (OSError, EOFError, zlib.error) as exc:
        numbered = _cut_at_damage(numbered, path, exc, number + 1)
    yield from (item for _, item in numbered)
    kept = {n for n, _ in numbered}
    for key, count in sorted(Counter(k for n, k in unknown if n in kept).items()):
        message = (
            f"unknown field '{key}' ignored on {plural(count, 'line')}; "
            f"known: {', '.join(JSONL_KEYS)}"
        )
        yield Problem(name, None, message, "warning")


def _cut_at_damage(
    numbered: list[tuple[int, Article | Problem]], path: Path, exc: BaseException, end: int
) -> list[tuple[int, Article | Problem]]:
    """What was read before a file turned out damaged, and one problem saying where.

    A damaged compressed file garbles what follows the damage, often without breaking
    the JSON at once: the first line that cannot be read and the one before it (where
    the damage mostly starts) are dropped with the rest. A cut-off file keeps every
    line it has; a file failing only its checksum at the end is kept, with an error.
    """
    first = next(
        (n for n, item in numbered if isinstance(item, Problem) and item.severity == "error"),
        end,
    )
    unlocated = first == end and "CRC check failed" in str(exc)
    cut = first if first == end else max(1, first - 1)
    kept = [(n, item) for n, item in numbered if n < cut]
    loaded = sum(isinstance(item, Article) for _, item in kept)
    message = _damaged(path, exc, loaded, unlocated)
    return [*kept, (cut, Problem(path.name, None if unlocated else cut, message))]


def _numbered_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """The lines of a binary file with their numbers; one longer than ``max_bytes`` is not
    kept in memory: it comes as its size."""
    number = 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        if len(raw) <= max_bytes:
            yield number, raw
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := handle.readline(1 << 20)):
            size += len(raw)
        yield number, size


def _damaged(path: Path, exc: BaseException, loaded: int, unlocated: bool) -> str:
    """What is wrong with a file that cannot be read to its end, and what to do."""
    check = f" (check it with 'gzip -t {path.name}')" if path.name.endswith(".gz") else ""
    if isinstance(exc, gzip.BadGzipFile) and not loaded and "CRC" not in str(exc):
        return f"not a gzip file ({exc}); if it is plain JSON Lines, name it {path.stem}"
    if isinstance(exc, EOFError):
        return (
            f"the file is cut off here (an interrupted download or copy?); the "
            f"{plural(loaded, 'article')} before it loaded: copy or download it again{check}"
        )
    if unlocated:
        return (
            f"the file is damaged: its checksum fails at the end, so words of the "
            f"{plural(loaded, 'article')} loaded may be garbled and where cannot be told: "
            f"download it again or re-compress the original{check}"
        )
    return (
        f"the file is damaged from about this line on ({exc}); the {plural(loaded, 'article')} "
        f"before it loaded, this line and the rest are skipped: download it again or "
        f"re-compress the original{check}"
    )


def _jsonl_line(
    raw: bytes, name: str, number: int, unknown: list[tuple[int, str]]
) -> Iterator[Article | Problem]:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Problem(name, number, f"line is not UTF-8 (byte {exc.start}); line skipped")
        return
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")
        yield Problem(name, number, f"not valid JSON ({reason} at column {exc.colno}); skipped")
        return
    except (ValueError, RecursionError) as exc:  # nested too deep, a number too long
        message = f"JSON that cannot be read ({shorten(str(exc), 80)}); line skipped"
        yield Problem(name, number, message)
        return
    if not isinstance(record, dict):
        yield Problem(name, number, "expected a JSON object {...}; line skipped")
        return
    unknown.extend((number, k) for k in record if k not in JSONL_KEYS)
    text = record.get("text")
    if not isinstance(text, str):
        yield Problem(name, number, "field 'text' is missing or not a string; line skipped")
        return
    meta = {k: _as_text(record[k]) for k in METADATA_KEYS if record.get(k) is not None}
    meta.setdefault("source_file", f"{name}:{number}")
    meta.setdefault("title", _first_line(text))
    given_id = record.get("article_id")
    article_id = _as_text(given_id) if given_id not in (None, "") else f"{Path(name).stem}-{number}"
    text, card_problems = _without_name_cards(text, name, number)
    yield from card_problems
    article = _make_article(article_id, text, meta, name, number)
    if isinstance(article, Problem):
        yield article
        return
    yield from _content_warnings(article, name, number)
    yield article


def _without_name_cards(text: str, name: str, line: int | None) -> tuple[str, list[Problem]]:
    """The text without the name cards a scrape glued into it (:mod:`analysis.corpus.cards`),
    and a warning that says how many were taken out."""
    text, cards = strip_name_cards(text)
    if not cards:
        return text, []
    message = (
        f"{plural(cards, 'name card')} taken out (a scraped name repeated in full, related "
        "headlines, 'MORE'); the file is unchanged"
    )
    return text, [Problem(name, line, message, "warning")]


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _make_article(
    article_id: str, body: str, meta: dict[str, str], name: str, line: int | None
) -> Article | Problem:
    if not body.strip():
        return Problem(name, line, "the article text is empty; add the text or remove the file")
    if not any(ch.isalnum() for ch in body):
        message = "the article text has no words, only punctuation; add the text or remove the file"
        return Problem(name, line, message)
    values = {k: meta[k] for k in METADATA_KEYS if meta.get(k)}
    loaded_from = f"{name}:{line}" if line else name
    article_id = meta.get("article_id") or article_id
    return Article(article_id=article_id, text=body, loaded_from=loaded_from, **values)


def _content_warnings(article: Article, name: str, line: int | None) -> Iterator[Problem]:
    if article.published and not _DATE.match(article.published):
        message = f"published '{article.published}' is not a date (YYYY-MM-DD); kept as text"
        yield Problem(name, line, message, "warning")
    if _HTML_TAG.search(article.text):
        message = "the text contains HTML markup; it is analysed and shown as plain text"
        yield Problem(name, line, message, "warning")


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= 120 else line[:117].rstrip() + "…"


def _too_large(size: int, limit: int) -> str:
    return (
        f"too large ({_size(size)}); the limit is {_size(limit)} per article "
        f"(about {limit * 3 // 20:,} words): split it into articles"
    )


def _size(count: int) -> str:
    """A byte count as people read it: 2 MB, 1.5 MB, 250 kB, 120 bytes."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count:,} bytes"


REMOVED_FOLDER = ".removed"


def add_article_file(folder: Path, name: str, raw: bytes, corpus: Corpus) -> list[Problem]:
    """Validate an uploaded article and write it into the corpus folder atomically.

    Returns the problems; the file is written only when none of them is an error
    (empty, binary, undecodable, oversized, malformed header, duplicate, name taken).
    """
    name = Path(name).name
    if Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
        return [Problem(name, None, "only .md and .txt articles can be added")]
    if refused := _unusable_name(name):
        return [Problem(shorten(name), None, refused)]
    if len(raw) > MAX_ARTICLE_BYTES:
        return [Problem(name, None, _too_large(len(raw), MAX_ARTICLE_BYTES))]
    target = Path(folder) / name
    if target.exists():
        return [Problem(name, None, "a file of this name is already in the corpus; rename it")]
    parsed = list(parse_article_file(raw, name))
    problems = [p for p in parsed if isinstance(p, Problem)]
    new = [a for a in parsed if isinstance(a, Article)]
    if new:
        _, duplicates = _deduplicate([*corpus.articles, *new])
        problems += duplicates
    if any(p.severity == "error" for p in problems) or not new:
        return problems
    text, _ = decode_bytes(raw, name)
    try:
        write_text_atomic(target, text or "")
    except OSError as exc:
        return [*problems, Problem(name, None, f"cannot write the file ({exc.strerror or exc})")]
    return problems


MAX_NAME_BYTES = 200
"""Longest file name written, in UTF-8 bytes: file systems allow 255, and the atomic
write's temporary name and a removal's ``-hash`` suffix need room beside it."""


def _unusable_name(name: str) -> str | None:
    """Why an article file could not be added under ``name``, if it could not."""
    if name.startswith("."):
        return (
            "a name starting with '.' makes a hidden file, which the corpus skips; "
            f"rename it (e.g. {name.lstrip('.')!r})"
        )
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"the file name is too long ({size} bytes; at most {MAX_NAME_BYTES}): shorten it"
    return None


def remove_article_file(folder: Path, file_name: str) -> Path:
    """Move an article file out of the corpus into ``.removed/`` (nothing is deleted)."""
    source = Path(folder) / Path(file_name).name
    if not source.is_file():
        raise FileNotFoundError(f"{file_name}: not in the corpus folder")
    trash = Path(folder) / REMOVED_FOLDER
    trash.mkdir(exist_ok=True)
    target = trash / source.name
    if target.exists():
        target = (
            trash
            / f"{source.stem}-{hashlib.sha1(source.read_bytes()).hexdigest()[:8]}{source.suffix}"
        )
    source.replace(target)
    return target
