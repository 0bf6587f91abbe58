"""The sidebar filters every page shares, kept in the session and mirrored in the URL.

Filters are seeded once per session from the URL (invalid values are dropped
with a notice), kept under their own session keys so they survive page
switches, and written back to ``st.query_params`` on every run, so the
address bar always shares the exact view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from analysis.emphasis.topics import DISCOVERED_PREFIX
from analysis.filters import Selection
from ui.literal import url_value

LIST_FILTERS = {"outlet": "Outlets", "topic": "Topics", "speaker": "Speakers"}
FLAG_FILTERS = {"discovered": "Offer discovered topics", "discount": "Discount shared copy"}
VIEW_LISTS = ("target",)
"""Lists a page keeps in the shared view without a sidebar widget (Framing's ad-hoc
targets, ``target=NAME=PATTERNS``): seeded from the URL, kept across pages."""
ALL_FILTERS = (*LIST_FILTERS, "q", "story", *FLAG_FILTERS, *VIEW_LISTS)
_STATE = "filter:"
_WIDGET = "widget:"
_SEEDED = "filters_seeded"
_NOTICE = "filter_notice"
MAX_PARAM_CHARS = 1000
"""Longest URL value read (longer ones are cut first, so a huge value costs nothing later)."""
MAX_PARAM_VALUES = 50
"""Most values of one URL parameter read."""
NOTICE_ITEMS = 10
"""Most ignored values a notice names."""


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter may take in the current corpus."""

    outlets: tuple[str, ...]
    topics: tuple[str, ...]
    discovered_topics: tuple[str, ...]
    speakers: tuple[str, ...]
    stories: dict[str, tuple[str, ...]] = field(default_factory=dict)  # label -> article ids


def _default(name: str) -> list[str] | str | bool:
    if name in LIST_FILTERS or name in VIEW_LISTS:
        return []
    return "" if name in ("q", "story") else False


def _state(name: str):
    return st.session_state.get(_STATE + name, _default(name))


def _seed_from_url(options: FilterOptions) -> None:
    """Copy the URL's filters into the session once, dropping values the corpus lacks."""
    if st.session_state.get(_SEEDED):
        return
    st.session_state[_SEEDED] = True
    params = _capped_params()
    allowed = {
        "outlet": options.outlets,
        "topic": options.topics + options.discovered_topics,
        "speaker": options.speakers,
    }
    dropped = []
    for name in LIST_FILTERS:
        values = params[name]
        kept = [v for v in dict.fromkeys(values) if v in allowed[name]]
        dropped += [f"{name}={v}" for v in values if v not in allowed[name]]
        st.session_state[_STATE + name] = kept
    st.session_state[_STATE + "q"] = (params["q"] or [""])[-1][:200]
    story = (params["story"] or [""])[-1]
    if story and story not in options.stories:
        dropped.append(f"story={story}")
    st.session_state[_STATE + "story"] = story if story in options.stories else ""
    for flag in FLAG_FILTERS:
        value = (params[flag] or [None])[-1]
        if value not in (None, "0", "1"):
            dropped.append(f"{flag}={value}")
        st.session_state[_STATE + flag] = value == "1"
    for name in VIEW_LISTS:
        st.session_state[_STATE + name] = list(dict.fromkeys(params[name]))[:20]
    if any(v.startswith(DISCOVERED_PREFIX) for v in params["topic"]):
        st.session_state[_STATE + "discovered"] = True
    if dropped:
        st.session_state[_NOTICE] = dropped


def _capped_params() -> dict[str, list[str]]:
    """Every filter's URL values, at most :data:`MAX_PARAM_VALUES` of at most
    :data:`MAX_PARAM_CHARS` characters: cut before anything else reads them."""
    return {
        name: [v[:MAX_PARAM_CHARS] for v in st.query_params.get_all(name)[:MAX_PARAM_VALUES]]
        for name in ALL_FILTERS
    }


def notice_text(dropped: list[str]) -> str:
    """The ignored URL values as literal Markdown, each cut to a readable length."""
    shown = ", ".join(url_value(v) for v in dropped[:NOTICE_ITEMS])
    more = len(dropped) - NOTICE_ITEMS
    return shown + (f" and {more:,} more" if more > 0 else "")


def _write_url() -> None:
    """Mirror the session's filters in the address bar (empty filters leave no trace).

    Parameters that are not filters (a page's own, such as Compare's articles) are kept.
    """
    wanted: dict[str, list[str]] = {}
    for name in LIST_FILTERS:
        if _state(name):
            wanted[name] = list(_state(name))
    if (_state("q") or "").strip():
        wanted["q"] = [_state("q").strip()]
    if _state("story"):
        wanted["story"] = [_state("story")]
    for flag in FLAG_FILTERS:
        if _state(flag):
            wanted[flag] = ["1"]
    for name in VIEW_LISTS:
        if _state(name):
            wanted[name] = list(_state(name))
    for name in ALL_FILTERS:
        current = st.query_params.get_all(name)
        if name in wanted and current != wanted[name]:
            st.query_params[name] = wanted[name]
        elif name not in wanted and current:
            del st.query_params[name]


def _keep(name: str) -> None:
    st.session_state[_STATE + name] = st.session_state[_WIDGET + name]


def _widget_value(name: str) -> None:
    """Give the widget its persistent value when it is first drawn on a page."""
    if _WIDGET + name not in st.session_state:
        st.session_state[_WIDGET + name] = _state(name)


def reset_filters() -> None:
    for name in ALL_FILTERS:
        st.session_state[_STATE + name] = _default(name)
        st.session_state.pop(_WIDGET + name, None)


def draw_sidebar(options: FilterOptions) -> Selection:
    """Draw the filters and return the analyst's selection."""
    _seed_from_url(options)
    sidebar = st.sidebar
    sidebar.header("Filters")
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        sidebar.warning(
            "Ignored from the link (not in this corpus): " + notice_text(notice), icon="⚠️"
        )
    if len(options.stories) > 1:
        _widget_value("story")
        sidebar.selectbox(
            "Story",
            ["", *options.stories],
            key=_WIDGET + "story",
            on_change=_keep,
            args=("story",),
            format_func=lambda s: s or "All stories",
            help="The news story the articles cover: the corpus's story field where given, "
            "else grouped by what the titles and leads report, who is in them and when. "
            "Claims, omissions and Compare work within the chosen story.",
        )
    _multiselect(sidebar, "outlet", options.outlets, "All outlets")
    if options.discovered_topics:
        _toggle(
            sidebar,
            "discovered",
            "Add topics found in the corpus itself (NMF on TF-IDF), labelled by their "
            "distinctive phrases.",
        )
    topics = options.topics + (options.discovered_topics if _state("discovered") else ())
    _multiselect(sidebar, "topic", topics, "All topics")
    if options.speakers:
        _multiselect(sidebar, "speaker", options.speakers, "All speakers")
    else:
        sidebar.caption("Speakers: no quotes with a known speaker in this corpus.")
    _widget_value("q")
    sidebar.text_input(
        "Search sentences",
        key=_WIDGET + "q",
        on_change=_keep,
        args=("q",),
        placeholder="e.g. ceasefire",
        help="Keeps the sentences that contain this phrase (case ignored).",
    )
    _toggle(
        sidebar,
        "discount",
        "Leave out passages an article shares with an earlier one (wire copy, "
        "syndication), so one story is not counted several times.",
    )
    sidebar.button("Reset filters", on_click=reset_filters, width="stretch")
    _write_url()
    topic_values = tuple(t for t in _state("topic") if t in topics)
    story = _state("story") if _state("story") in options.stories else ""
    return Selection(
        outlets=tuple(_state("outlet")),
        topics=topic_values,
        speakers=tuple(_state("speaker")),
        query=(_state("q") or "").strip(),
        story=story,
        story_articles=frozenset(options.stories.get(story, ())),
    )


def view_list(name: str) -> list[str]:
    """A list kept in the shared view (see :data:`VIEW_LISTS`)."""
    return list(_state(name))


def set_view_list(name: str, values: list[str]) -> None:
    """Keep ``values`` in the shared view; the URL follows on this run."""
    st.session_state[_STATE + name] = list(dict.fromkeys(values))
    _write_url()


def discount_shared_copy() -> bool:
    return bool(_state("discount"))


def _toggle(sidebar, name: str, help_text: str) -> None:
    _widget_value(name)
    sidebar.toggle(
        FLAG_FILTERS[name], key=_WIDGET + name, on_change=_keep, args=(name,), help=help_text
    )


def _multiselect(sidebar, name: str, options: tuple[str, ...], placeholder: str) -> None:
    st.session_state[_STATE + name] = [v for v in _state(name) if v in options]
    if _WIDGET + name in st.session_state:
        st.session_state[_WIDGET + name] = [
            v for v in st.session_state[_WIDGET + name] if v in options
        ]
    _widget_value(name)
    sidebar.multiselect(
        LIST_FILTERS[name],
        options,
        key=_WIDGET + name,
        on_change=_keep,
        args=(name,),
        placeholder=placeholder,
    )
