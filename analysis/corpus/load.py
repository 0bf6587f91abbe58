"""Load a corpus of articles from a folder or a JSON Lines file, with a validation report.

A folder holds one article per ``.md``/``.txt`` file: an optional front matter
between ``---`` lines (``key: value``), then the body exactly as published.
A ``.jsonl`` (or ``.jsonl.gz``) file holds one JSON object per line; only
``text`` is required. Knowledge files (``.csv``) in the folder are not
articles. A bad article is reported and skipped; it never stops the others.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from analysis.knowledge.files import Problem, write_text_atomic

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
_DECLARED_ENCODING = re.compile(rb"^(?:encoding|charset)\s*:\s*([A-Za-z0-9_\-]+)\s*$", re.M | re.I)


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
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(path)
        elif path.suffix.lower() not in KNOWLEDGE_SUFFIXES:
            message = "ignored: articles are .md or .txt files, knowledge files .csv"
            yield Problem(path.name, None, message, "warning")
    yield from _file_articles(files, max_bytes)


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
    meta, body, header_problems = split_front_matter(text, name)
    yield from header_problems
    if meta is None:
        return
    meta.setdefault("source_file", name)
    meta.setdefault("title", _first_line(body))
    article = _make_article(Path(name).stem, body, meta, name, None)
    if isinstance(article, Problem):
        yield article
        return
    yield from _content_warnings(article, name, None)
    yield article


def decode_bytes(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8, else a declared or likely encoding; reject binaries."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            note = Problem(name, None, "decoded as UTF-16; re-save as UTF-8", "warning")
            return raw.decode("utf-16"), [note]
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw or _control_share(raw) > 0.05:
        message = "binary file (not text); articles must be UTF-8 text (.md, .txt)"
        return None, [Problem(name, None, message)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _DECLARED_ENCODING.search(raw[:2000])
    for encoding in ([declared.group(1).decode()] if declared else []) + ["cp1252"]:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        message = f"not UTF-8 (byte {utf8_error.start}); decoded as {encoding}; re-save as UTF-8"
        return text, [Problem(name, None, message, "warning")]
    message = (
        f"not UTF-8 (invalid byte at position {utf8_error.start}) and no other likely "
        "encoding fits; re-save the file as UTF-8"
    )
    return None, [Problem(name, None, message)]


def _control_share(raw: bytes) -> float:
    sample = raw[:4096]
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def split_front_matter(text: str, name: str) -> tuple[dict[str, str] | None, str, list[Problem]]:
    """Split ``---`` front matter from the body; ``None`` metadata means reject."""
    if not text.startswith("---"):
        return {}, text, []
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, []
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if closing is None:
        message = "header opened on line 1 with '---' is never closed; add a '---' line after it"
        return None, "", [Problem(name, 1, message)]
    meta: dict[str, str] = {}
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
        meta[key] = _unquote(value.strip())
    body = "\n".join(lines[closing + 1 :])
    return meta, body, problems


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _jsonl_articles(path: Path, max_bytes: int) -> Iterator[Article | Problem]:
    name = path.name
    unknown: Counter[str] = Counter()
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                if len(raw) > max_bytes:
                    yield Problem(name, number, _too_large(len(raw), max_bytes))
                    continue
                yield from _jsonl_line(raw, name, number, unknown)
    except (OSError, EOFError) as exc:
        yield Problem(name, None, f"cannot read the file to the end ({exc}); later lines skipped")
    for key, count in sorted(unknown.items()):
        message = (
            f"unknown field '{key}' ignored on {count} line(s); known: {', '.join(JSONL_KEYS)}"
        )
        yield Problem(name, None, message, "warning")


def _jsonl_line(
    raw: bytes, name: str, number: int, unknown: Counter[str]
) -> Iterator[Article | Problem]:
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Problem(name, number, f"line is not UTF-8 (byte {exc.start}); line skipped")
        return
    except json.JSONDecodeError as exc:
        yield Problem(name, number, f"not valid JSON ({exc.msg} at column {exc.colno}); skipped")
        return
    if not isinstance(record, dict):
        yield Problem(name, number, "expected a JSON object {...}; line skipped")
        return
    unknown.update(k for k in record if k not in JSONL_KEYS)
    text = record.get("text")
    if not isinstance(text, str):
        yield Problem(name, number, "field 'text' is missing or not a string; line skipped")
        return
    meta = {k: _as_text(record[k]) for k in METADATA_KEYS if record.get(k) is not None}
    meta.setdefault("source_file", f"{name}:{number}")
    meta.setdefault("title", _first_line(text))
    given_id = record.get("article_id")
    article_id = _as_text(given_id) if given_id not in (None, "") else f"{Path(name).stem}-{number}"
    article = _make_article(article_id, text, meta, name, number)
    if isinstance(article, Problem):
        yield article
        return
    yield from _content_warnings(article, name, number)
    yield article


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _make_article(
    article_id: str, body: str, meta: dict[str, str], name: str, line: int | None
) -> Article | Problem:
    if not body.strip():
        return Problem(name, line, "the article text is empty; add the text or remove the file")
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
    write_text_atomic(target, text or "")
    return problems


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
