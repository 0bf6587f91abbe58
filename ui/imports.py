"""The Corpus page's ways in: article files, a pasted article, a JSONL/CSV upload, links.

Each way ends in :func:`analysis.corpus.ingest.add_articles` (or ``add_files``): every
item is checked like a file and written as one ``.md`` in a corpus folder, or as one
line of a JSON Lines corpus; an item that fails writes nothing. The outcome is kept in
the session and shown after the rerun (until the next import or "Dismiss"), so the
page (and its cached analysis, keyed by the corpus's content) redraws with the new
articles and the summary stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.corpus.fetch import MAX_PAGE_SIZE, TIMEOUT_SECONDS, fetch_articles, split_urls
from analysis.corpus.ingest import (
    ImportResult,
    add_articles,
    add_files,
    csv_articles,
    guess_mapping,
    is_jsonl_corpus,
    pasted_article,
    read_csv_upload,
    read_jsonl_upload,
)
from analysis.corpus.load import JSONL_KEYS, MAX_ARTICLE_BYTES, Article, Corpus
from analysis.knowledge.files import Problem
from analysis.wording import plural
from ui.literal import md

_OUTCOME = "import_outcome"
_FETCHED = "import_fetched"
_FILES_ROUND = "import_files_round"
_UPLOAD_ROUND = "import_upload_round"
NO_COLUMN = "(none)"
FIELD_LABELS = {
    "text": "Article text",
    "title": "Title",
    "outlet": "Outlet",
    "published": "Published",
    "url": "URL",
    "author": "Author",
    "article_id": "Article id",
    "wire": "Wire",
    "source_file": "Source file",
    "note": "Note",
    "story": "Story",
}
PREVIEW_CHARACTERS = 160
TIMEOUT_RANGE = (1, 60)
"""Seconds the analyst may allow per link: 1 for a quick check, 60 for a slow site."""
PASTE_FIELDS = ("title", "outlet", "published", "author", "url", "body")


def draw_imports(target: Path, corpus: Callable[[], Corpus]) -> None:
    """Files, Paste, Upload and URLs tabs that add articles to the corpus ``target``."""
    _show_outcome(target)
    st.caption(f"Every article is checked first, then {_written(target)}; {_KEPT}")
    files, paste, upload, links = st.tabs(
        ["Article files", "Paste an article", "Upload JSONL or CSV", "Import from URLs"]
    )
    with files:
        _files(target, corpus)
    with paste:
        _paste(target, corpus)
    with upload:
        _upload(target, corpus)
    with links:
        _links(target, corpus)


_KEPT = "an article that fails its checks writes nothing, and existing articles never change."


def _written(target: Path) -> str:
    if is_jsonl_corpus(target):
        return f"appended as one line to {md(target.name)} (its other lines kept as they are)"
    return "written as one file in the corpus folder"


def _outcome_key(target: Path) -> str:
    """Where the last import into ``target`` is kept (another corpus shows its own)."""
    return f"{_OUTCOME}:{target}"


def _show_outcome(target: Path) -> None:
    """The last import's summary and its problems, by item and line, until dismissed."""
    outcome: tuple[str, ImportResult] | None = st.session_state.get(_outcome_key(target))
    if outcome is None:
        return
    what, result = outcome
    message = f"{what}: {result.summary()}."
    with st.container(border=True, key="import_outcome_box"):
        (st.success if result.added and not result.errors else st.warning)(md(message))
        if result.added:
            st.dataframe(
                pd.DataFrame(
                    {
                        "file": result.files,
                        "outlet": [a.outlet for a in result.added],
                        "title": [a.title for a in result.added],
                    }
                ),
                hide_index=True,
                key="import_added",
            )
        if result.problems:
            st.dataframe(problem_table(result.problems), hide_index=True, key="import_problems")
        st.button(
            "Dismiss this summary",
            key="import_dismiss",
            on_click=st.session_state.pop,
            args=(_outcome_key(target), None),
        )


def problem_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table (shown as literal text): where, how bad, what."""
    return pd.DataFrame(
        {
            "item": [p.source for p in problems],
            "line": pd.array([p.line for p in problems], dtype="Int64"),
            "severity": [p.severity for p in problems],
            "problem": [p.message for p in problems],
        }
    )


def _finish(target: Path, what: str, result: ImportResult) -> None:
    """Keep the outcome for the next run and rerun, so the page shows the new corpus."""
    st.session_state[_outcome_key(target)] = (what, result)
    st.rerun()


def _progress_bar(label: str):
    bar = st.progress(0.0, text=label)
    return bar, lambda fraction, message: bar.progress(min(fraction, 1.0), text=message)


def _files(target: Path, corpus: Callable[[], Corpus]) -> None:
    st.caption(
        f"`.md` or `.txt` files, UTF-8, at most {MAX_ARTICLE_BYTES / 1e6:.0f} MB each, with "
        "an optional front matter (see the README). A name the corpus cannot keep (a hidden "
        "dot file, a name too long for the disk) is saved under a safe name, and told."
    )
    round_ = st.session_state.get(_FILES_ROUND, 0)
    uploads = st.file_uploader(
        "Article files",
        type=["md", "txt"],
        accept_multiple_files=True,
        key=f"corpus_upload_{round_}",
    )
    if uploads and st.button("Check and add", type="primary", key="corpus_add"):
        bar, progress = _progress_bar(f"Checking {plural(len(uploads), 'file')}…")
        files = [(u.name, u.getvalue()) for u in uploads]
        result = add_files(target, files, corpus(), progress)
        bar.empty()
        st.session_state[_FILES_ROUND] = round_ + 1  # a fresh, empty uploader after the rerun
        _finish(target, f"Upload of {plural(len(files), 'article file')}", result)


def _paste(target: Path, corpus: Callable[[], Corpus]) -> None:
    st.caption(
        "One article: its text as published and what you know of it. It is checked like a "
        "file (not empty, not a duplicate, a date as YYYY-MM-DD)."
    )
    with st.form("import_paste", clear_on_submit=False):
        title = st.text_input("Title", key="paste_title")
        left, right = st.columns(2)
        outlet = left.text_input("Outlet", key="paste_outlet", placeholder="e.g. The Times")
        published = right.text_input("Published", key="paste_published", placeholder="YYYY-MM-DD")
        left, right = st.columns(2)
        author = left.text_input("Author", key="paste_author")
        url = right.text_input("URL", key="paste_url")
        body = st.text_area("Article text", key="paste_body", height=240)
        submitted = st.form_submit_button("Check and add the article", type="primary")
    if not submitted:
        return
    if not body.strip():
        st.error("Not added: the article text is empty; paste the body of the article.")
        return
    article = pasted_article(body, title, outlet, published, author, url)
    result = add_articles(target, [article], corpus())
    if result.errors:
        for problem in result.errors:
            st.error(md(f"Not added: {problem.message}"))
        return
    for name in PASTE_FIELDS:
        st.session_state.pop(f"paste_{name}", None)
    _finish(target, "Pasted article", result)


def _upload(target: Path, corpus: Callable[[], Corpus]) -> None:
    st.caption(
        "A `.jsonl` or `.jsonl.gz` file (one JSON object per line, the fields of the README) "
        "or a `.csv` export (comma, semicolon or tab separated). Each row is checked; good "
        "rows are added, bad rows are reported by line and written nowhere."
    )
    upload = st.file_uploader(
        "JSONL or CSV file",
        type=["jsonl", "gz", "csv"],
        key=f"import_upload_file_{st.session_state.get(_UPLOAD_ROUND, 0)}",
    )
    if upload is None:
        return
    name = upload.name
    if name.lower().endswith((".jsonl", ".jsonl.gz")):
        if st.button("Check and add the rows", type="primary", key="import_upload_add"):
            articles, problems = read_jsonl_upload(upload.getvalue(), name)
            _add_rows(target, corpus, name, articles, problems)
    elif name.lower().endswith((".csv", ".csv.gz")):
        _csv_upload(target, corpus, name, upload.getvalue(), upload.file_id)
    else:
        st.error(md(f"{name}: give a .jsonl, .jsonl.gz or .csv file."))


def _csv_upload(
    target: Path, corpus: Callable[[], Corpus], name: str, raw: bytes, file_id: str
) -> None:
    table = read_csv_upload(raw, name)
    if not table.columns:
        st.dataframe(problem_table(table.problems), hide_index=True, key="import_csv_problems")
        return
    guesses = guess_mapping(table.columns)
    st.markdown("**Which column holds each field?** Guesses are pre-selected; check them.")
    options = [NO_COLUMN, *table.columns]
    mapping: dict[str, str | None] = {}
    columns = st.columns(3)
    for number, key in enumerate(JSONL_KEYS):
        guess = guesses.get(key)
        choice = columns[number % 3].selectbox(
            FIELD_LABELS[key],
            options,
            index=options.index(guess) if guess else 0,
            key=f"import_map_{key}_{file_id}",
        )
        mapping[key] = None if choice == NO_COLUMN else choice
    st.caption(f"{plural(len(table.rows), 'row')} in {md(name)}; the first ones:")
    st.dataframe(
        pd.DataFrame([row for _, row in table.rows[:5]], columns=table.columns),
        hide_index=True,
        key="import_csv_preview",
    )
    if not mapping["text"]:
        st.error("Choose the column that holds the article text.")
        return
    if st.button("Check and add the rows", type="primary", key="import_upload_add"):
        articles, problems = csv_articles(table, mapping)
        _add_rows(target, corpus, name, articles, problems)


def _add_rows(
    target: Path,
    corpus: Callable[[], Corpus],
    name: str,
    articles: list[Article],
    problems: list[Problem],
) -> None:
    bar, progress = _progress_bar(f"Checking {plural(len(articles), 'article')}…")
    result = add_articles(target, articles, corpus(), progress)
    bar.empty()
    result.problems = [*problems, *result.problems]
    # a fresh, empty uploader after the rerun: a second click cannot add the rows again
    st.session_state[_UPLOAD_ROUND] = st.session_state.get(_UPLOAD_ROUND, 0) + 1
    _finish(target, f"Upload of {name}", result)


def _links(target: Path, corpus: Callable[[], Corpus]) -> None:
    st.caption(
        "Article links, one per line. Each page is fetched (with a time-out and a size limit "
        f"of {MAX_PAGE_SIZE} per page) and its article extracted without "
        "navigation, adverts or comments; review them, then add the ones you keep."
    )
    text = st.text_area("Links", key="import_urls", placeholder="https://…", height=120)
    timeout = st.columns([1, 3])[0].number_input(
        "Time-out per link (s)",
        min_value=TIMEOUT_RANGE[0],
        max_value=TIMEOUT_RANGE[1],
        value=int(TIMEOUT_SECONDS),
        step=1,
        key="import_timeout",
        help="How long one page may take to arrive in full; a slower page is reported "
        f"as a time-out and the other links are still fetched. Pages over "
        f"{MAX_PAGE_SIZE} are refused.",
    )
    if st.button("Fetch the pages", key="import_fetch"):
        urls = split_urls(text)
        if not urls:
            st.error("Paste at least one link.")
        else:
            st.session_state[_FETCHED] = _fetch(urls, float(timeout))
    fetched: list[Article | Problem] | None = st.session_state.get(_FETCHED)
    if not fetched:
        return
    articles = [i for i in fetched if isinstance(i, Article)]
    failures = [i for i in fetched if isinstance(i, Problem)]
    if failures:
        alert = st.warning if articles else st.error
        alert(f"{len(failures)} of {plural(len(fetched), 'link')} gave no article:")
        st.dataframe(
            pd.DataFrame(
                {"url": [p.source for p in failures], "problem": [p.message for p in failures]}
            ),
            hide_index=True,
            key="import_fetch_failures",
        )
    if not articles:
        return
    edited = st.data_editor(
        review_table(articles),
        hide_index=True,
        key="import_review",
        disabled=["title", "outlet", "author", "published", "beginning", "url"],
        column_config={
            "add": st.column_config.CheckboxColumn("Add", default=True),
            "title": st.column_config.TextColumn("Title", width="medium"),
            "outlet": "Outlet",
            "author": "Author",
            "published": "Published",
            "beginning": st.column_config.TextColumn("First lines", width="large"),
            "url": st.column_config.LinkColumn("URL"),
        },
    )
    chosen = [a for a, keep in zip(articles, edited["add"], strict=True) if keep]
    if st.button(
        f"Add the selected articles ({len(chosen)})",
        type="primary",
        key="import_fetch_add",
        disabled=not chosen,
    ):
        result = add_articles(target, chosen, corpus())
        result.problems = [*failures, *result.problems]
        del st.session_state[_FETCHED]
        _finish(target, "Import from URLs", result)


def _fetch(urls: list[str], timeout: float) -> list[Article | Problem]:
    bar, progress = _progress_bar(f"Fetching {plural(len(urls), 'page')}…")
    items: list[Article | Problem] = []
    for number, item in enumerate(fetch_articles(urls, timeout), start=1):
        items.append(item)
        failed = sum(isinstance(i, Problem) for i in items)
        progress(
            number / len(urls),
            f"Fetched {number:,} of {plural(len(urls), 'page')}: "
            f"{plural(number - failed, 'article')}, "
            f"{failed:,} failed",
        )
    bar.empty()
    return items


def review_table(articles: Sequence[Article]) -> pd.DataFrame:
    """What was extracted from each page, for the analyst to check before adding it."""
    return pd.DataFrame(
        {
            "add": [True] * len(articles),
            "title": [a.title for a in articles],
            "outlet": [a.outlet for a in articles],
            "author": [a.author for a in articles],
            "published": [a.published for a in articles],
            "beginning": [_beginning(a.text) for a in articles],
            "url": [a.url for a in articles],
        }
    )


def _beginning(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARACTERS else flat[:PREVIEW_CHARACTERS] + "…"
