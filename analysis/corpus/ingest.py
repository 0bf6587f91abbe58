"""Bring articles into a corpus: pasted text, article files, JSONL/CSV uploads, fetched pages.

Every way in ends the same way. In a corpus folder each article is written as one
``.md`` file with a front matter, checked by the loader's own file check
(:func:`analysis.corpus.load.add_article_file`) before it is written, atomically.
In a ``.jsonl``/``.jsonl.gz`` corpus each article becomes one line appended to the
file, checked by the loader's line check; the file is rewritten atomically with every
existing line kept byte for byte. An item that fails its checks writes nothing; the
others are still added.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.corpus.decode import decode_bytes
from analysis.corpus.load import (
    ARTICLE_SUFFIXES,
    JSONL_KEYS,
    MAX_NAME_BYTES,
    METADATA_KEYS,
    UNKNOWN_OUTLET,
    Article,
    Corpus,
    _deduplicate,
    add_article_file,
    load_corpus,
    normalised_text_key,
    parse_article_file,
)
from analysis.knowledge.files import Problem, write_bytes_atomic
from analysis.wording import plural

Progress = Callable[[float, str], None]

FIELD_GUESSES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "content",
        "body",
        "full_text",
        "fulltext",
        "article",
        "article_text",
    ),
    "title": ("title", "headline", "heading", "header", "subject"),
    "outlet": ("outlet", "source", "source_name", "publication", "publisher", "media", "site"),
    "published": ("published", "date", "publish_date", "pub_date", "published_at", "datetime"),
    "url": ("url", "link", "permalink", "article_url", "href"),
    "author": ("author", "authors", "byline", "writer", "journalist"),
    "article_id": ("article_id", "id", "doc_id", "document_id", "uid"),
    "story": ("story", "story_id", "event", "event_id", "cluster"),
    "wire": ("wire", "agency", "news_agency"),
    "source_file": ("source_file", "file_name", "filename"),
    "note": ("note", "notes", "comment"),
}
"""Column names that usually hold each field in exports of media-monitoring tools."""

UPLOAD_SUFFIXES = (".jsonl", ".jsonl.gz", ".csv")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


@dataclass
class ImportResult:
    """What an import wrote, and every problem met (errors: item not written)."""

    added: list[Article] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        """One line for the analyst: how many added, from which outlets, how many failed."""
        outlets = sorted({a.outlet for a in self.added if a.outlet != UNKNOWN_OUTLET})
        shown = ", ".join(outlets[:5]) + (
            f" and {len(outlets) - 5} more" if len(outlets) > 5 else ""
        )
        added = f"{plural(len(self.added), 'article')} added" + (f" ({shown})" if outlets else "")
        failed = len({(p.source, p.line) for p in self.errors})
        return added + (f"; {plural(failed, 'item')} not added" if failed else "")


def article_markdown(article: Article) -> str:
    """The article as a corpus file: a ``---`` front matter, then the body unchanged.

    Values are put on one line and always quoted, so the loader reads them back exactly.
    An id is written only when the source gave one; otherwise the file name is the id.
    """
    lines = ["---"]
    if given_id(article):
        lines.append(f'article_id: "{_one_line(article.article_id)}"')
    for key in METADATA_KEYS:
        value = _one_line(getattr(article, key))
        if value and not (key == "outlet" and value == UNKNOWN_OUTLET):
            lines.append(f'{key}: "{value}"')
    lines.append("---")
    return "\n".join(lines) + "\n" + article.text


def given_id(article: Article) -> str:
    """The article's id if its source named it, "" if the loader made it up from a line."""
    source, _, line = article.loaded_from.rpartition(":")
    if line.isdigit() and article.article_id == f"{Path(source).stem}-{line}":
        return ""
    return article.article_id


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def file_name_for(article: Article) -> str:
    """A readable, stable file name: outlet and title, plus a hash of the text."""
    digest = hashlib.sha1(article.text.encode("utf-8")).hexdigest()[:8]
    words = f"{article.outlet if article.outlet != UNKNOWN_OUTLET else ''} {article.title}"
    slug = re.sub(r"[^a-z0-9]+", "-", words.casefold()).strip("-")[:60].rstrip("-")
    return f"{slug or 'article'}-{digest}.md"


def is_jsonl_corpus(path: Path) -> bool:
    """Whether ``path`` is a JSON Lines corpus file (imports append lines to it)."""
    path = Path(path)
    return path.is_file() and path.name.lower().endswith(JSONL_SUFFIXES)


def add_articles(
    target: Path, articles: Iterable[Article], corpus: Corpus, progress: Progress | None = None
) -> ImportResult:
    """Check and add each article to the corpus ``target`` (a folder or a JSON Lines file).

    A failure writes nothing for that article; the others are still added.
    """
    if is_jsonl_corpus(target):
        return _append_jsonl(Path(target), list(articles), corpus, progress)
    return _write_files(Path(target), list(articles), corpus, progress)


def _write_files(
    folder: Path, articles: list[Article], corpus: Corpus, progress: Progress | None
) -> ImportResult:
    """Each article as one ``.md`` file in ``folder``, checked like an uploaded file."""
    result = ImportResult()
    known = _Known(corpus)
    for number, article in enumerate(articles, start=1):
        name = file_name_for(article)
        if progress:
            progress(number / len(articles), f"Checking {number:,} of {len(articles):,}: {name}")
        if (folder / name).exists():
            problem = Problem(name, None, f"already in the corpus as {name}")
            result.problems.append(_located(problem, article))
            continue
        article_id = given_id(article) or name[:-3]
        rivals = known.rivals(article.text, article_id)
        problems = add_article_file(folder, name, article_markdown(article).encode("utf-8"), rivals)
        result.problems += [_located(p, article) for p in problems]
        if any(p.severity == "error" for p in problems):
            continue
        result.added.append(article)
        result.files.append(name)
        known.add(replace(article, article_id=article_id))
    return result


class _Known:
    """The corpus's articles by normalised text and by id, so that each new article is
    checked for duplicates against the few it could clash with, not the whole corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.by_text: dict[str, Article] = {}
        self.by_id: dict[str, Article] = {}
        for article in corpus.articles:
            self.add(article)

    def add(self, article: Article) -> None:
        self.by_text.setdefault(normalised_text_key(article.text), article)
        self.by_id.setdefault(article.article_id, article)

    def rivals(self, text: str, article_id: str) -> Corpus:
        """The articles with the same text or the same id (what the loader would refuse)."""
        found = [self.by_text.get(normalised_text_key(text)), self.by_id.get(article_id)]
        return Corpus(list({id(a): a for a in found if a is not None}.values()))


def jsonl_record(article: Article) -> dict[str, str]:
    """The article as one JSON Lines record: its id (given, or made like a file name's
    stem so it does not depend on the line), its text and every metadata value it has."""
    record = {"article_id": given_id(article) or file_name_for(article)[:-3], "text": article.text}
    for key in METADATA_KEYS:
        value = getattr(article, key)
        if value and not (key == "outlet" and value == UNKNOWN_OUTLET):
            record[key] = value
    return record


def _append_jsonl(
    path: Path, articles: list[Article], corpus: Corpus, progress: Progress | None
) -> ImportResult:
    """Append the articles that pass the loader's line check to the corpus file ``path``."""
    result = ImportResult()
    if not articles:
        return result
    if progress:
        progress(0.0, f"Checking {plural(len(articles), 'article')} against {path.name}…")
    before = _stamp(path)
    try:
        existing = _jsonl_bytes(path)
    except (OSError, EOFError, zlib.error) as exc:
        message = f"not added: {path.name} cannot be read to the end ({exc}); nothing written"
        result.problems = [_located(Problem(path.name, None, message), a) for a in articles]
        return result
    lines = [json.dumps(jsonl_record(a), ensure_ascii=False) + "\n" for a in articles]
    plain_name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    checked, problems = read_jsonl_upload("".join(lines).encode("utf-8"), plain_name)
    _, duplicates = _deduplicate([*corpus.articles, *checked])
    by_line: dict[int, list[Problem]] = {}
    for problem in [*problems, *duplicates]:
        by_line.setdefault(_line_of(problem), []).append(problem)
    kept: list[str] = []
    next_line = _line_count(existing) + 1
    for number, (article, line) in enumerate(zip(articles, lines, strict=True), start=1):
        found = by_line.get(number, [])
        result.problems += [_located(p, article) for p in found]
        if any(p.severity == "error" for p in found):
            continue
        kept.append(line)
        result.added.append(article)
        result.files.append(f"{path.name}:{next_line}")
        next_line += 1
    if kept:
        if progress:
            progress(1.0, f"Writing {plural(len(kept), 'line')} to {path.name}…")
        _rewrite_jsonl(path, existing, kept, before, result)
    return result


def _line_of(problem: Problem) -> int:
    """The line a problem of a checked batch is about (duplicates name it in their source)."""
    line = problem.source.rpartition(":")[2]
    return problem.line or (int(line) if line.isdigit() else 0)


def _stamp(path: Path) -> tuple[int, int]:
    """Size and modification time: a file that changed since it was read shows it here."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _jsonl_bytes(path: Path) -> bytes:
    """The corpus file's lines as stored (decompressed for ``.gz``)."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.name.lower().endswith(".gz") else raw


def _line_count(data: bytes) -> int:
    """Lines as the loader numbers them (a last line without a newline counts)."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _rewrite_jsonl(
    path: Path, existing: bytes, lines: list[str], before: tuple[int, int], result: ImportResult
) -> None:
    """Write the old lines unchanged plus ``lines``, atomically; on failure undo ``result``."""
    data = existing + (b"\n" if existing and not existing.endswith(b"\n") else b"")
    data += "".join(lines).encode("utf-8")
    if path.name.lower().endswith(".gz"):
        data = gzip.compress(data)
    reason = None
    try:
        if _stamp(path) != before:
            reason = "the corpus file changed while the articles were checked (another session?)"
        else:
            write_bytes_atomic(path, data)
    except OSError as exc:
        reason = f"{path.name} could not be written ({exc.strerror or exc})"
    if reason:
        failed = [Problem(f, None, f"not added: {reason}; nothing written") for f in result.files]
        result.problems += [_located(p, a) for p, a in zip(failed, result.added, strict=True)]
        result.added, result.files = [], []


def safe_file_name(name: str) -> tuple[str, str]:
    """A name an uploaded article can be saved and loaded under, and why it was changed.

    Only the last part of a path is kept; control characters become "-"; leading dots
    go (the loader skips hidden files); a name over :data:`MAX_NAME_BYTES` of UTF-8 is
    cut at a character boundary and given a hash of the full name, so two long names
    that start alike stay apart. The reason is "" when the name is kept as it is.
    """
    base = re.split(r"[/\\]", name)[-1]
    clean = "".join("-" if unicodedata.category(c) == "Cc" else c for c in base)
    suffix = next((clean[-len(s) :] for s in ARTICLE_SUFFIXES if clean.lower().endswith(s)), "")
    reasons = []
    if clean.startswith("."):
        reasons.append("a name that starts with a dot is hidden and would never load")
    stem = clean[: len(clean) - len(suffix)].lstrip(".").strip() or "article"
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    if len(stem.encode("utf-8")) > budget:
        digest = hashlib.sha1(base.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cut = stem.encode("utf-8")[: budget - len(digest) - 1].decode("utf-8", "ignore")
        stem = f"{cut.rstrip()}-{digest}"
        reasons.append(f"the name is longer than {MAX_NAME_BYTES} bytes")
    safe = stem + suffix
    if safe != name and not reasons:
        reasons.append("folders and control characters are not kept in file names")
    return safe, "; ".join(reasons)


def add_files(
    target: Path,
    files: Sequence[tuple[str, bytes]],
    corpus: Corpus,
    progress: Progress | None = None,
) -> ImportResult:
    """Check and add uploaded ``.md``/``.txt`` article files (name, bytes) to the corpus.

    A folder gets each file under a safe name (see :func:`safe_file_name`; a change is
    reported as a warning); a JSON Lines corpus gets each file's article as one line.
    """
    if is_jsonl_corpus(target):
        return _add_files_as_lines(Path(target), files, corpus, progress)
    result = ImportResult()
    known = _Known(corpus)
    for number, (name, raw) in enumerate(files, start=1):
        if progress:
            progress(number / len(files), f"Checking {number:,} of {len(files):,}: {name}")
        safe, reason = safe_file_name(name)
        if reason:
            result.problems.append(Problem(name, None, f"saved as {safe}: {reason}", "warning"))
        parsed = [a for a in parse_article_file(raw, safe) if isinstance(a, Article)]
        rivals = known.rivals(parsed[0].text, parsed[0].article_id) if parsed else Corpus([])
        problems = add_article_file(Path(target), safe, raw, rivals)
        result.problems += [_renamed(p, safe, name) for p in problems]
        if any(p.severity == "error" for p in problems) or not parsed:
            continue
        result.added.append(parsed[0])
        result.files.append(safe)
        known.add(parsed[0])
    return result


def _add_files_as_lines(
    path: Path, files: Sequence[tuple[str, bytes]], corpus: Corpus, progress: Progress | None
) -> ImportResult:
    """Each file's article appended to the JSON Lines corpus ``path`` (one rewrite)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for name, raw in files:
        safe, _ = safe_file_name(name)
        parsed = list(parse_article_file(raw, safe))
        found = [_renamed(p, safe, name) for p in parsed if isinstance(p, Problem)]
        problems += found
        if not any(p.severity == "error" for p in found):
            articles += [replace(a, loaded_from=name) for a in parsed if isinstance(a, Article)]
    result = _append_jsonl(path, articles, corpus, progress)
    result.problems = [*problems, *result.problems]
    return result


def _renamed(problem: Problem, safe: str, name: str) -> Problem:
    """A problem of the saved file, named by the upload's own name."""
    source = name if problem.source == safe else problem.source
    return Problem(source, problem.line, problem.message, problem.severity)


def _located(problem: Problem, article: Article) -> Problem:
    """A problem found in the written form, reported where the item came from."""
    source, _, line = article.loaded_from.rpartition(":")
    if source and line.isdigit():
        return Problem(source, int(line), problem.message, problem.severity)
    return Problem(article.loaded_from or problem.source, None, problem.message, problem.severity)


def pasted_article(
    body: str,
    title: str = "",
    outlet: str = "",
    published: str = "",
    author: str = "",
    url: str = "",
) -> Article:
    """One article typed or pasted by the analyst (checked when it is added)."""
    values = {"title": title, "outlet": outlet, "published": published, "author": author}
    values["url"] = url
    meta = {k: _one_line(v) for k, v in values.items() if _one_line(v)}
    return Article(article_id="", text=body.replace("\r\n", "\n"), loaded_from="pasted", **meta)


def read_jsonl_upload(raw: bytes, name: str) -> tuple[list[Article], list[Problem]]:
    """The articles of an uploaded ``.jsonl``/``.jsonl.gz``, checked line by line by the loader."""
    name = Path(name).name
    with tempfile.TemporaryDirectory(prefix="coverage-lens-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        corpus = load_corpus(path)
    return corpus.articles, corpus.problems


@dataclass
class Table:
    """An uploaded CSV: its column names and its rows, each with the line it starts on."""

    name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    problems: list[Problem] = field(default_factory=list)


def read_csv_upload(raw: bytes, name: str) -> Table:
    """Decode and parse a CSV export (comma, semicolon or tab separated)."""
    name = Path(name).name
    if name.endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            return Table(name, [], [], [Problem(name, None, f"not a readable gzip file ({exc})")])
    text, problems = decode_bytes(raw, name)
    if text is None:
        return Table(name, [], [], problems)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return Table(
            name, [], [], [*problems, Problem(name, 1, "no header row: the file is empty")]
        )
    columns = [c.strip() for c in header]
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    try:
        for values in reader:
            if any(v.strip() for v in values):
                if len(values) > len(columns):
                    message = (
                        f"{len(values)} values for {len(columns)} columns; extra values ignored"
                    )
                    problems.append(Problem(name, line, message, "warning"))
                rows.append((line, dict(zip(columns, values, strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(name, line, f"not valid CSV ({exc}); the rest of the file skipped"))
    return Table(name, columns, rows, problems)


def guess_mapping(columns: Sequence[str]) -> dict[str, str | None]:
    """Which column most likely holds each article field (None when no column fits)."""
    folded = {re.sub(r"[^a-z0-9]+", "_", c.casefold()).strip("_"): c for c in columns}
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    for key in JSONL_KEYS:
        choice = next(
            (folded[g] for g in FIELD_GUESSES[key] if g in folded and folded[g] not in used), None
        )
        mapping[key] = choice
        if choice:
            used.add(choice)
    return mapping


def csv_articles(
    table: Table, mapping: dict[str, str | None]
) -> tuple[list[Article], list[Problem]]:
    """The table's rows as articles, each checked by the JSON Lines loader, by CSV line."""
    problems = list(table.problems)
    if not mapping.get("text"):
        message = "choose the column that holds the article text"
        return [], [*problems, Problem(table.name, None, message)]
    lines = [row_line for row_line, _ in table.rows]
    records = [
        {key: row.get(column, "") for key, column in mapping.items() if column}
        for _, row in table.rows
    ]
    raw = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    articles, found = read_jsonl_upload(raw, Path(table.name).stem + ".jsonl")
    problems += [_csv_problem(p, table.name, lines) for p in found]
    articles = [_csv_located(a, table.name, lines) for a in articles]
    return articles, problems


def _csv_problem(problem: Problem, name: str, lines: list[int]) -> Problem:
    line = lines[problem.line - 1] if problem.line else None
    message = problem.message.replace(Path(name).stem + ".jsonl", name)
    return Problem(name, line, message.replace("field 'text'", "the text column"), problem.severity)


def _csv_located(article: Article, name: str, lines: list[int]) -> Article:
    record = int(article.loaded_from.rpartition(":")[2])
    line = lines[record - 1]
    changes = {"loaded_from": f"{name}:{line}"}
    if article.source_file.endswith(f".jsonl:{record}"):
        changes["source_file"] = f"{name}:{line}"
    if article.article_id == f"{Path(name).stem}-{record}":
        changes["article_id"] = f"{Path(name).stem}-{line}"
    return replace(article, **changes)
