"""Bring articles into a corpus folder: pasted text, JSONL/CSV uploads, fetched pages.

Every way in ends the same way: each article is written as one ``.md`` file
with a front matter and checked by the loader's own file check
(:func:`analysis.corpus.load.add_article_file`) before it is written, atomically.
An item that fails its checks writes nothing; the others are still added.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.corpus.load import (
    JSONL_KEYS,
    METADATA_KEYS,
    UNKNOWN_OUTLET,
    Article,
    Corpus,
    add_article_file,
    decode_bytes,
    load_corpus,
)
from analysis.knowledge.files import Problem

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
        """One line for the analyst: how many added, from how many outlets, how many failed."""
        outlets = sorted({a.outlet for a in self.added})
        shown = ", ".join(outlets[:5]) + (
            f" and {len(outlets) - 5} more" if len(outlets) > 5 else ""
        )
        added = f"{len(self.added)} article(s) added" + (f" ({shown})" if outlets else "")
        failed = len({(p.source, p.line) for p in self.errors})
        return added + (f"; {failed} item(s) not added" if failed else "")


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


def add_articles(
    folder: Path, articles: Iterable[Article], corpus: Corpus, progress: Progress | None = None
) -> ImportResult:
    """Check and write each article as one file in ``folder``; a failure writes nothing."""
    folder = Path(folder)
    result = ImportResult()
    known = Corpus(list(corpus.articles))
    articles = list(articles)
    for number, article in enumerate(articles, start=1):
        name = file_name_for(article)
        if progress:
            progress(number / len(articles), f"Checking {number:,} of {len(articles):,}: {name}")
        if (folder / name).exists():
            problem = Problem(name, None, f"already in the corpus as {name}")
            result.problems.append(_located(problem, article))
            continue
        problems = add_article_file(folder, name, article_markdown(article).encode("utf-8"), known)
        result.problems += [_located(p, article) for p in problems]
        if any(p.severity == "error" for p in problems):
            continue
        result.added.append(article)
        result.files.append(name)
        known.articles.append(replace(article, article_id=given_id(article) or name[:-3]))
    return result


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
