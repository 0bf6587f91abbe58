"""What every page does first: configure itself, load the analysis, draw the filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.filters import Selection, coverage, select_quotes, select_sentences
from analysis.knowledge.patterns import PatternTimeout
from analysis.pipeline import DERIVED, GENERIC, Analysis
from analysis.store.build import BuildError
from analysis.wording import plural
from ui.corpora import show_notice, sync_choice
from ui.data import ANALYSIS_ENV, build_staleness, get_analysis, get_overlap, get_stories
from ui.literal import md
from ui.sidebar import FilterOptions, discount_shared_copy, draw_sidebar

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    ("dashboard.py", "Overview", ":material/travel_explore:"),
    ("pages/1_Keywords.py", "Keywords", ":material/key:"),
    ("pages/2_Voices.py", "Voices", ":material/record_voice_over:"),
    ("pages/3_Overlap.py", "Overlap", ":material/join_inner:"),
    ("pages/4_Framing.py", "Framing", ":material/balance:"),
    ("pages/5_Compare.py", "Compare", ":material/view_column:"),
    ("pages/6_Corpus.py", "Corpus", ":material/folder_open:"),
)


def icon_of(title: str) -> str:
    return next(icon for _, label, icon in PAGES if label == title)


@dataclass(frozen=True)
class PageContext:
    """The analysis and the analyst's selection, as a page needs them."""

    analysis: Analysis
    selection: Selection
    sentences: pd.DataFrame  # the selected sentences
    quotes: pd.DataFrame  # the quotes in the selected sentences, by the selected speakers

    discounted: frozenset[str] = frozenset()  # shared-copy sentence ids left out

    @cached_property
    def articles(self) -> pd.DataFrame:
        """The articles that have at least one selected sentence (all of them: no copy)."""
        every = self.analysis.articles
        ids = self.sentences["article_id"].unique()
        if len(ids) == len(every) and (every.index == ids).all():
            return every
        return every.loc[ids]

    def all_outlets(self) -> pd.DataFrame:
        """The selected sentences of every outlet: the others an outlet is compared with."""
        selection = replace(self.selection, outlets=())
        return _select(self.analysis, selection, self.discounted)


def _select(analysis: Analysis, selection: Selection, discounted: frozenset[str]) -> pd.DataFrame:
    sentences = select_sentences(analysis.sentences, selection, analysis.quotes)
    return sentences[~sentences["sentence_id"].isin(discounted)] if discounted else sentences


def start_page(title: str, intro: str, needs: str | None = "sentences") -> PageContext | None:
    """Configure the page, draw the sidebar and return its context.

    When the corpus has no article the page stops with an explanation (unless
    ``needs`` is None: the page then gets None and explains itself). When the
    selection holds no ``needs`` ("sentences" or "quotes") the page stops with
    an empty state that names the filters to clear.
    """
    icon = icon_of(title)
    st.set_page_config(page_title=f"{title} · Coverage Lens", page_icon=icon, layout="wide")
    _navigation()
    sync_choice()
    try:
        analysis = get_analysis()
    except BuildError as exc:
        st.error(f"{ANALYSIS_ENV}: {md(exc)}")
        st.stop()
    except PatternTimeout as exc:
        st.error(f"{md(exc)}. Fix it in the knowledge file named, then reload.")
        st.stop()
    if stale := build_staleness():
        st.warning(
            "The built analysis is stale: "
            + " and ".join(stale)
            + " since it was built. Build it again: python -m analysis build CORPUS --out DIR.",
            icon="⏳",
        )
    st.title(f"{icon} {title}")
    st.caption(intro)
    show_notice()
    if analysis.articles.empty:
        st.error(
            "No article could be loaded. Open the **Corpus** page to see why, "
            "or point COVERAGE_LENS_CORPUS at a folder of .md/.txt files or a .jsonl file."
        )
        if needs is None:
            return None
        st.stop()
    selection = draw_sidebar(filter_options(analysis))
    _knowledge_sidebar(analysis)
    discounted = get_overlap(analysis).discounted if discount_shared_copy() else frozenset()
    sentences = _select(analysis, selection, discounted)
    if discount_shared_copy():
        st.sidebar.caption(
            f"Shared copy discounted: {plural(len(discounted), 'sentence')} that "
            f"{'repeats' if len(discounted) == 1 else 'repeat'} an earlier article's passage "
            f"{'is' if len(discounted) == 1 else 'are'} left out."
        )
    _coverage_line(analysis, sentences)
    quotes = select_quotes(analysis.quotes, sentences, selection)
    context = PageContext(analysis, selection, sentences, quotes, discounted)
    if needs and getattr(context, needs).empty:
        empty_state(selection, needs)
        st.stop()
    return context


def _navigation() -> None:
    """Links to every view (the entry file would otherwise be listed as "dashboard")."""
    st.sidebar.markdown("### Coverage Lens")
    for path, label, icon in PAGES:
        if (ROOT / path).exists():
            st.sidebar.page_link(path, label=label, icon=icon)
    st.sidebar.divider()


def filter_options(analysis: Analysis) -> FilterOptions:
    """The sidebar's choices: worked out once per analysis (they scan every table)."""
    return _filter_options(analysis.key, analysis)


@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_options(key: str, _analysis: Analysis) -> FilterOptions:
    analysis = _analysis
    sentences = analysis.sentences
    derived = analysis.knowledge_sources.get("topics") == DERIVED
    discovered = () if derived else sorted(t for t in sentences["discovered_topic"].unique() if t)
    return FilterOptions(
        outlets=tuple(sorted(analysis.articles["outlet"].unique())),
        topics=analysis.topic_names,
        discovered_topics=tuple(discovered),
        speakers=tuple(analysis.quotes["speaker"].dropna().value_counts().index),
        stories=story_options(get_stories(analysis)),
    )


def story_options(table: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Story choices for the sidebar: "label (N articles)" -> article ids, largest first.

    Stories of one article are left out: there is nothing to compare in them (and they
    are most of a large corpus's stories, so they are dropped before grouping).
    """
    shared = table[table.duplicated("story", keep=False)]
    groups = shared.groupby("story")
    rows, label = groups.indices, groups["label"].first()
    ids = shared["article_id"].to_numpy()
    options: dict[str, tuple[str, ...]] = {}
    for story, size in groups.size().sort_values(ascending=False, kind="stable").items():
        name = f"{label[story]} ({size} articles)"
        options[name if name not in options else f"{name} · {story}"] = tuple(
            ids[rows[story]].tolist()
        )
    return options


KNOWLEDGE_LABELS = {
    "speakers": "Speakers and sides",
    "topics": "Topics",
    "targets": "Framing targets",
    "lexicon": "Framing lexicon",
}


def source_text(source: str) -> str:
    """Where one kind of knowledge comes from, in words (Markdown)."""
    if source == DERIVED:
        return "derived from this corpus"
    parts = []
    for part in source.split(" + "):
        if part == GENERIC:
            parts.append(GENERIC)
        else:
            path = Path(part)
            parts.append(f"`{path.name}` in `{path.parent}`".replace("``", "`"))
    return " + ".join(parts)


def knowledge_note(sources: Mapping[str, str]) -> None:
    """Say which knowledge the page's figures rest on and where it comes from."""
    st.caption(
        "Knowledge in use — "
        + " · ".join(f"**{KNOWLEDGE_LABELS[k]}:** {source_text(v)}" for k, v in sources.items())
        + ". Derived knowledge can be saved as editable files on the **Corpus** page."
    )


def _knowledge_sidebar(analysis: Analysis) -> None:
    sources = analysis.knowledge_sources
    derived = [KNOWLEDGE_LABELS[k].lower() for k, v in sources.items() if v == DERIVED]
    label = "Knowledge: derived from this corpus" if derived else "Knowledge: from files"
    with st.sidebar.expander(label, icon=":material/school:"):
        for kind, source in sources.items():
            st.markdown(f"**{KNOWLEDGE_LABELS[kind]}:** {source_text(source)}")


def _coverage_line(analysis: Analysis, sentences: pd.DataFrame) -> None:
    c = coverage(analysis.sentences, sentences)
    st.sidebar.caption(
        f"**Selection:** {c['articles']:,} of {c['articles_total']:,} articles · "
        f"{c['sentences']:,} of {c['sentences_total']:,} sentences · "
        f"{c['words']:,} of {c['words_total']:,} words"
    )


def empty_state(selection: Selection, what: str = "sentences") -> None:
    """Say why nothing is shown and how to get something back."""
    st.info(
        f"No {what} match {md(selection.describe())}. Clear a filter in the sidebar "
        "(or press **Reset filters**) to see more.",
        icon="🔎",
    )
