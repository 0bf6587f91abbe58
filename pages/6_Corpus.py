"""Corpus: check what loaded, add articles, remove articles (recoverable)."""

import pandas as pd
import streamlit as st

from analysis.corpus.ingest import is_jsonl_corpus
from analysis.corpus.load import REMOVED_FOLDER, remove_article_file
from analysis.knowledge.derive.drafts import DRAFT_KINDS, knowledge_drafts, write_drafts
from analysis.knowledge.report import full_report
from analysis.pipeline import DERIVED
from analysis.wording import plural
from ui.charts import download
from ui.corpora import draw_switch
from ui.data import (
    corpus_path,
    get_corpus,
    get_framing_knowledge,
    get_knowledge,
    knowledge_folder,
    server_corpus,
)
from ui.imports import draw_imports
from ui.literal import md
from ui.page import KNOWLEDGE_LABELS, source_text, start_page

context = start_page(
    "Corpus",
    "What the dashboard analyses: the articles that loaded, every problem found in them and "
    "in the knowledge files, and the place to add or remove articles.",
    needs=None,
)
draw_switch(str(server_corpus()))
corpus, knowledge = get_corpus(), get_knowledge()
path = corpus_path()

st.subheader("Validation report")
problems, _ = full_report(corpus, knowledge)
loaded, rejected = len(corpus.articles), len(corpus.errors)
if problems.empty:
    st.success(f"All {plural(loaded, 'article')} and the knowledge files loaded without a problem.")
else:
    summary = (
        f"{plural(loaded, 'article')} loaded, {rejected} rejected, "
        f"{plural(len(corpus.warnings), 'warning')}."
    )
    (st.error if rejected else st.warning)(summary + " Details below: fix the file and reload.")
    st.dataframe(problems, hide_index=True, key="corpus_problems")
    download(problems, "validation-report")
st.caption(f"Corpus: `{path}`. Same report on the command line: `python -m analysis check {path}`.")

st.subheader("Articles")
if context is not None:
    articles = context.analysis.articles[
        ["outlet", "title", "published", "wire", "words", "loaded_from", "source_file", "note"]
    ]
    st.dataframe(
        articles,
        hide_index=True,
        key="corpus_articles",
        column_config={
            "outlet": st.column_config.TextColumn("Outlet", width="medium"),
            "title": st.column_config.TextColumn("Title", width="large"),
            "published": "Published",
            "wire": "Wire",
            "words": st.column_config.NumberColumn("Words", help="Words of content sentences"),
            "loaded_from": st.column_config.TextColumn("File", width="medium"),
            "source_file": st.column_config.TextColumn("Source file", width="medium"),
            "note": st.column_config.TextColumn("Note", width="large"),
        },
    )
    download(articles, "corpus-articles")

if context is not None:
    st.subheader("Knowledge")
    analysis = context.analysis
    framing = get_framing_knowledge(analysis)
    sources = {**analysis.knowledge_sources, **framing.sources}
    drafts = knowledge_drafts(framing.derived_targets, analysis.speakers, analysis.sentences)
    st.table(
        pd.DataFrame(
            [
                (
                    KNOWLEDGE_LABELS[kind],
                    source_text(source).replace("`", ""),
                    len(drafts[kind]) if source == DERIVED else None,
                )
                for kind, source in sources.items()
            ],
            columns=["Knowledge", "Source", "Derived rows"],
        ).astype({"Derived rows": "Int64"})
    )
    derived = tuple(k for k in DRAFT_KINDS if sources.get(k) == DERIVED)
    folder = knowledge_folder()
    if saved := st.session_state.get("corpus_drafts_saved"):
        st.success(saved)
    if derived:
        st.caption(
            "What the tool derived from this corpus can be kept as editable files beside it "
            f"(`{folder}`): the pages then use the files, and your edits. Nothing that is "
            "already there is overwritten. Same on the command line: "
            f"`python -m analysis knowledge {path} --out {folder}`."
        )
        if st.button("Save derived knowledge as files", key="corpus_save_drafts"):
            try:
                results = write_drafts(folder, drafts, derived)
            except OSError as exc:
                st.error(f"Not saved: {md(str(exc))}")
            else:
                st.session_state["corpus_drafts_saved"] = "Saved " + ", ".join(
                    f"{r.path.name} ({r.added} rows)" for r in results
                )
                st.rerun()
    else:
        st.caption("Every kind of knowledge comes from a file; edit the files to change it.")

if not (path.is_dir() or is_jsonl_corpus(path)):
    st.info("This corpus is a single article file; add articles in a folder or a JSONL file.")
    st.stop()

st.subheader("Add articles")
draw_imports(path, get_corpus)

if not path.is_dir():
    st.caption(f"To remove an article from {md(path.name)}, delete its line from the file.")
    st.stop()

st.subheader("Remove an article")


def _ask_removal(file: str, label: str) -> None:
    """Remember the article the analyst saw when clicking Remove (by file, never position)."""
    st.session_state["corpus_remove_pending"] = (file, label)


def _remove(file: str, label: str) -> None:
    """Move that very file out of the corpus, if it is still there; say what happened."""
    st.session_state.pop("corpus_remove_pending", None)
    try:
        moved = remove_article_file(path, file)
    except OSError:
        st.session_state["corpus_removed"] = (
            "warning",
            f"{md(label)} ({md(file)}) is no longer in the corpus (removed elsewhere?): "
            "nothing moved.",
        )
    else:
        st.session_state["corpus_removed"] = (
            "success",
            f"Removed {md(label)}: {md(file)} moved to {md(str(moved.relative_to(path)))}; "
            "move it back to "
            "restore it.",
        )


if removed := st.session_state.pop("corpus_removed", None):
    kind, message = removed
    (st.success if kind == "success" else st.warning)(message)
present = {a.loaded_from: a for a in corpus.articles if (path / a.loaded_from).is_file()}
files = sorted(present)
labels = {f: f"{present[f].outlet}: {present[f].title}" for f in files}
if pending := st.session_state.get("corpus_remove_pending"):
    file, label = pending
    st.warning(f"Remove {md(label)} ({md(file)})? It is moved to {REMOVED_FOLDER}/, not deleted.")
    yes, no = st.columns(2)
    yes.button(
        f"Yes, remove {file}",
        key="corpus_remove_confirm",
        type="primary",
        on_click=_remove,
        args=(file, label),
    )
    no.button(
        "Cancel",
        key="corpus_remove_cancel",
        on_click=st.session_state.pop,
        args=("corpus_remove_pending", None),
    )
elif files:
    chosen = st.selectbox(
        "Article file",
        files,
        format_func=lambda f: f"{f} · {labels[f]}",
        key="corpus_remove_file",
    )
    st.button("Remove…", key="corpus_remove", on_click=_ask_removal, args=(chosen, labels[chosen]))
st.caption(f"Removed files go to `{REMOVED_FOLDER}/` inside the corpus folder, never deleted.")
