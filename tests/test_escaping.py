"""Text from articles, knowledge files and the URL reaches the screen as literal text."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings, strategies
from streamlit.testing.v1 import AppTest

from tests.test_pages import ALL_PAGES, assert_ok, open_app, page_id
from ui.charts import clicked_cell, wrap
from ui.literal import WORD_JOINER, md, plot, url_value
from ui.sidebar import MAX_PARAM_CHARS, notice_text

PIXEL = "![x](http://host/pixel)"
HOSTILE = f"{PIXEL} $$x^2$$ :red[alarm] <b>bold</b> [site](http://host/)"
ESCAPED_PIXEL = r"\!\[x\]\(http\:" + "\u2060" + r"//host/pixel\)"
RAW_SIGNS = (PIXEL, "$$x^2$$", ":red[alarm]", "<b>bold</b>", "[site](http://host/)")
BODIES = (
    "China and Russia signed deals on trade and energy on Tuesday.",
    "Ukraine's president said the war must end with a withdrawal of troops.",
    "Reporters waited outside the Kremlin while the dinner ran late into the night.",
)
MARKDOWN_KINDS = ("markdown", "caption", "info", "warning", "error", "success")


def test_md_escapes_every_markdown_sign_and_keeps_the_text():
    escaped = md(HOSTILE)
    for raw in RAW_SIGNS:
        assert raw not in escaped
    assert escaped.startswith(ESCAPED_PIXEL + r" \$\$x\^2\$\$ \:red\[alarm\]")
    assert r"\<b\>bold\</b\>" in escaped
    # Removing the escapes gives the text back: nothing is lost or added.
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == HOSTILE.replace("\\", "")


def test_md_keeps_bare_addresses_from_becoming_links():
    escaped = md("see http://host/x, www.host.com and a@b.com")
    for address in ("http://", "://host", "www.", "www\\.", "@b"):
        assert address not in escaped
    assert escaped.replace(WORD_JOINER, "").replace("\\", "") == (
        "see http://host/x, www.host.com and a@b.com"
    )


def test_md_puts_text_on_one_line_and_escapes_backslashes():
    assert md("# Heading\n\n- item\r\n1. one") == r"\# Heading \- item 1\. one"
    assert md("a\\b") == "a\\\\b"
    assert md("plain words, a=b; 50% / ok?") == "plain words, a=b; 50% / ok?"
    assert md(3) == "3"


def test_plot_escapes_tags_for_plotly():
    assert (
        plot('<a href="http://host/">x</a> & <b>')
        == '&lt;a href="http://host/"&gt;x&lt;/a&gt; &amp; &lt;b&gt;'
    )


def test_url_values_are_cut_and_escaped():
    long = "outlet=" + "A" * 100_000
    shown = url_value(long)
    assert len(shown) == 80 and shown.endswith("…")
    assert url_value(f"outlet={PIXEL}") == "outlet=" + ESCAPED_PIXEL
    notice = notice_text([f"outlet={i}" for i in range(25)])
    assert notice.endswith("outlet=9 and 15 more") and "outlet=10" not in notice


def test_wrapped_labels_are_escaped_and_clicks_give_the_label_back():
    label = "Evil <b>bold</b> & <a href='x'>link</a> outlet"
    wrapped = wrap(label, 12)
    assert "<b>" not in wrapped and "<a " not in wrapped and "&lt;b&gt;" in wrapped
    point = {"x": wrapped, "y": wrap("T & <i>", 30)}
    event = SimpleNamespace(selection=SimpleNamespace(points=[point]))
    state: dict = {}
    import streamlit as st

    original = st.session_state
    try:
        st.session_state = state  # type: ignore[assignment]
        assert clicked_cell(event, "k") == (label, "T & <i>")
    finally:
        st.session_state = original


@pytest.fixture
def markdown_corpus(tmp_path, monkeypatch):
    """Three articles whose outlet, title, wire, note and text carry Markdown and HTML."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    outlets = [f"Evil {PIXEL} <b>bold</b>", "Plain Post", "Daily :red[alarm]"]
    for i, outlet in enumerate(outlets):
        text = (
            f'---\ntitle: "Title {HOSTILE}"\noutlet: "{outlet}"\npublished: 2023-03-2{i}\n'
            f'wire: "AP {PIXEL}"\nnote: "Note $$x^2$$ {PIXEL}"\n---\n'
            f"Putin met Xi in Moscow {HOSTILE} to talk about the peace plan. "
            f"{BODIES[i]} “The talks {PIXEL} went well,” said Dmitry Peskov.\n"
        )
        (folder / f"{i:03d}.md").write_text(text, encoding="utf-8")
    (folder / "topics.csv").write_text(
        f'topic,patterns\n"Trade {PIXEL} $$t$$",trade|energy\n', encoding="utf-8"
    )
    (folder / "targets.csv").write_text(
        f'target,patterns,affiliation,places\n"Russia <b>bold</b> {PIXEL}",Russia|Putin,,\n'
        "China,China|Xi,,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(folder))
    return folder


def shown_markdown(at: AppTest) -> list[str]:
    """Every Markdown string on screen: text elements and the labels of widgets and boxes."""
    values = [str(e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    for kind in ("expander", "tab", "selectbox", "multiselect", "text_area", "text_input"):
        values += [str(getattr(e, "label", "")) for e in at.get(kind)]
    return values


def assert_literal(at: AppTest) -> None:
    """No Markdown string renders the hostile signs; no chart label carries their tags."""
    for value in shown_markdown(at):
        for raw in RAW_SIGNS:
            assert raw not in value, value[:300]
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert "<b>bold" not in spec and "<a href" not in spec, spec[:300]


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_hostile_outlets_titles_and_text_render_as_text(markdown_corpus, page):
    at = open_app(page)
    assert_literal(at)
    if page == "dashboard.py":
        shown = shown_markdown(at)
        # the article's outlet, wire and note are on screen, escaped
        assert any("wire: AP " + ESCAPED_PIXEL in v for v in shown), shown
        assert any(r"Note: Note \$\$x\^2\$\$" in v for v in shown), shown
        heat = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
        assert any("&lt;b&gt;bold&lt;/b&gt;" in json.dumps(f) for f in heat)


def test_hostile_url_values_are_cut_and_escaped_in_the_notice(markdown_corpus):
    huge = "Z" * 100_000
    at = open_app("dashboard.py", {"outlet": [f"Nope {PIXEL}", huge], "discount": "<b>bold</b>"})
    notice = next(w.value for w in at.sidebar.warning if "Ignored from the link" in w.value)
    assert PIXEL not in notice and "outlet=Nope " + ESCAPED_PIXEL in notice
    assert r"discount=\<b\>bold\</b\>" in notice
    assert "Z" * 80 not in notice and "Z" * 70 + "…" in notice
    assert len(notice) < 400
    assert_literal(at)


def test_url_values_are_capped_before_use(markdown_corpus):
    at = open_app("pages/4_Framing.py", {"target": "X=" + "a" * (MAX_PARAM_CHARS * 5)})
    assert_ok(at)
    kept = at.session_state["filter:target"]
    assert [len(v) for v in kept] == [MAX_PARAM_CHARS]


def test_hostile_adhoc_target_is_shown_as_text(markdown_corpus):
    at = open_app("pages/4_Framing.py", {"target": [f"Evil {PIXEL}=Moscow", "Bad=(oops"]})
    assert_literal(at)
    errors = [e.value for e in at.error]
    assert any(r"invalid pattern '\(oops'" in e for e in errors), errors


URL_TEXT = strategies.text(
    strategies.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | strategies.sampled_from([HOSTILE, PIXEL, "Z" * 5000, "1", "0", "CNN", "=", "(a|aa)+$"])
URL_PARAMS = strategies.dictionaries(
    strategies.sampled_from(["outlet", "topic", "speaker", "q", "discovered", "discount"])
    | strategies.just("target"),
    strategies.lists(URL_TEXT, min_size=1, max_size=3),
    max_size=4,
)


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=URL_PARAMS)
def test_any_url_parameters_give_a_page_without_a_traceback(page, url):
    at = open_app(page, url)
    assert at.title, "the page drew nothing"
    assert_literal(at)
    for value in shown_markdown(at):
        assert len(value) < 20_000
