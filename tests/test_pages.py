"""The dashboard's pages, driven headlessly with Streamlit's AppTest.

Pages are discovered from ``pages/`` at collection time, so a new page is
covered by the generic tests (renders, shows a title, keeps the filters across
a page switch, reports bad links, escapes article text, empty state) without
editing this file.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui.sidebar import ALL_FILTERS

ROOT = Path(__file__).resolve().parents[1]
ENTRY = ROOT / "dashboard.py"
PAGE_FILES = [
    f"pages/{p.name}"
    for p in sorted((ROOT / "pages").glob("*.py"))
    if not p.name.startswith(("_", "."))
]
ALL_PAGES = ["dashboard.py", *PAGE_FILES]
KEYWORDS = next((p for p in PAGE_FILES if p.endswith("_Keywords.py")), None)
SELECTION = re.compile(
    r"([\d,]+) of ([\d,]+) articles · ([\d,]+) of ([\d,]+) sentences · ([\d,]+) of ([\d,]+) words"
)
HOSTILE = "<script>alert(1)</script><b>bold</b>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"

needs_keywords = pytest.mark.skipif(KEYWORDS is None, reason="no Keywords page in pages/")


def page_id(page: str) -> str:
    return Path(page).stem


def open_app(page: str = "dashboard.py", params: dict | None = None) -> AppTest:
    """A fresh session on ``page``, with ``params`` in the URL before the first run."""
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != "dashboard.py":
        at.switch_page(page)
    at.run()
    assert_ok(at)
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert_ok(at)
    return at


def assert_ok(at: AppTest) -> None:
    assert not at.exception, "\n".join(e.message for e in at.exception)


def params(at: AppTest) -> dict[str, list[str]]:
    """The URL's filter parameters after the run, every value as a list.

    A page's own parameters (Compare's ``article``) are not filters and are left out.
    """
    return {
        key: list(value) if isinstance(value, (list, tuple)) else [value]
        for key, value in dict(at.query_params).items()
        if key in ALL_FILTERS
    }


def coverage(at: AppTest) -> dict[str, int]:
    """The sidebar's 'Selection: a of A articles · s of S sentences · w of W words' numbers."""
    for caption in at.sidebar.caption:
        match = SELECTION.search(caption.value)
        if match:
            n = [int(g.replace(",", "")) for g in match.groups()]
            keys = ("articles", "articles_total", "sentences", "sentences_total", "words")
            return dict(zip(keys, n[:5])) | {"words_total": n[5]}
    raise AssertionError(
        "no 'Selection: ...' coverage caption in the sidebar: "
        f"{[c.value for c in at.sidebar.caption]}"
    )


def metric(at: AppTest, label: str) -> int:
    for m in at.metric:
        if m.label == label:
            return int(str(m.value).replace(",", ""))
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def figures(at: AppTest) -> list[dict]:
    """The plotly figures shown, with plotly's base64 typed arrays decoded to lists."""
    return [_decode(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def _decode(value):
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return (
            [None if v != v else v for v in array.tolist()]
            if array.ndim == 1
            else [[None if v != v else v for v in row] for row in array.tolist()]
        )
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def panel_titles(figure: dict) -> list[str]:
    """Subplot titles (make_subplots writes them as layout annotations)."""
    return [a["text"] for a in figure["layout"].get("annotations", [])]


def keyword_panels(at: AppTest) -> list[str]:
    """The Keywords page's panel titles: one figure per outlet or article, titled by it."""
    return [f["layout"]["title"]["text"].replace("<br>", " ") for f in figures(at)]


def widget(at: AppTest, name: str):
    """A sidebar filter widget by its filter name (keys are 'widget:<name>')."""
    key = f"widget:{name}"
    for kind in ("multiselect", "toggle", "text_input", "selectbox"):
        for element in getattr(at.sidebar, kind):
            if element.key == key:
                return element
    raise AssertionError(f"no sidebar widget {key!r}")


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in at.get(kind)]


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_page_renders_with_a_title(page):
    at = open_app(page)
    assert at.title, f"{page} shows no st.title"
    assert at.title[0].value.strip()
    assert not at.error, [e.value for e in at.error]
    coverage(at)  # every page draws the shared sidebar with its coverage line


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_every_chart_has_a_csv_download(page):
    at = open_app(page)
    charts, downloads = at.get("plotly_chart"), at.get("download_button")
    assert len(downloads) >= len(charts), (
        f"{page}: {len(charts)} chart(s) but only {len(downloads)} download button(s)"
    )


@pytest.mark.parametrize("page", PAGE_FILES, ids=page_id)
def test_url_filters_seed_widgets_and_survive_page_switch(page):
    at = open_app("dashboard.py", {"outlet": ["CNN"]})
    assert widget(at, "outlet").value == ["CNN"]
    assert params(at) == {"outlet": ["CNN"]}
    goto(at, page)
    assert widget(at, "outlet").value == ["CNN"]
    assert params(at) == {"outlet": ["CNN"]}
    assert coverage(at)["articles"] == 1
    goto(at, "dashboard.py")
    assert widget(at, "outlet").value == ["CNN"]
    assert params(at) == {"outlet": ["CNN"]}


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_invalid_url_values_are_named_and_valid_ones_kept(page):
    at = open_app(
        page,
        {"outlet": ["Nope", "CNN"], "topic": ["Nope", "ICC warrant"], "discount": "maybe"},
    )
    notices = [w.value for w in at.sidebar.warning]
    notice = next((n for n in notices if "Ignored from the link" in n), None)
    assert notice, f"no 'Ignored from the link' notice in the sidebar: {notices}"
    for bad in ("outlet=Nope", "topic=Nope", "discount=maybe"):
        assert bad in notice
    assert "CNN" not in notice.replace("outlet=Nope", "")
    assert widget(at, "outlet").value == ["CNN"]
    assert widget(at, "topic").value == ["ICC warrant"]
    assert widget(at, "discount").value is False
    assert params(at) == {"outlet": ["CNN"], "topic": ["ICC warrant"]}
    # The notice is said once, not on every rerun.
    at.run()
    assert_ok(at)
    assert not any("Ignored from the link" in w.value for w in at.sidebar.warning)


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_empty_selection_explains_itself(page):
    plain = open_app(page)
    if not plain.get("plotly_chart"):
        pytest.skip(f"{page} draws no chart from the selection")
    at = open_app(page, {"q": "zzzzqqq"})
    assert coverage(at)["sentences"] == 0
    infos = [i.value for i in at.info]
    assert any("zzzzqqq" in i for i in infos), f"no empty-state info naming the search: {infos}"
    assert not at.get("plotly_chart")
    assert not at.get("download_button")


# ------------------------------------------------------------------ filters


def test_outlet_filter_changes_overview_metrics():
    at = open_app()
    before = coverage(at)
    articles, words = metric(at, "Articles"), metric(at, "Words")
    assert articles == before["articles_total"] and words == before["words_total"]
    widget(at, "outlet").set_value(["CNN"]).run()
    assert_ok(at)
    after = coverage(at)
    assert metric(at, "Articles") == after["articles"] == 1
    assert 0 < metric(at, "Words") == after["words"] < words
    assert after["sentences"] < before["sentences"]
    assert params(at) == {"outlet": ["CNN"]}
    bars = figures(at)[0]
    assert [y for trace in bars["data"] for y in trace["y"]] == ["CNN"]


@needs_keywords
def test_outlet_filter_gives_one_keyword_panel_per_outlet():
    at = open_app(KEYWORDS)
    outlets = widget(at, "outlet").options
    assert len(keyword_panels(at)) >= len(outlets)
    chosen = sorted(outlets)[:2]
    widget(at, "outlet").set_value(chosen).run()
    assert_ok(at)
    assert sorted(keyword_panels(at)) == chosen
    everyone = figures(at)[0]
    widget(at, "outlet").set_value(chosen[:1]).run()
    assert_ok(at)
    alone = figures(at)
    assert keyword_panels(at) == chosen[:1]
    # one outlet is still scored against all the others: same terms and scores as before
    first = everyone["data"][0]
    assert alone[0]["data"][0]["y"] == first["y"] and alone[0]["data"][0]["x"] == first["x"]
    assert not any("compared with nothing" in w.value for w in at.warning)


@needs_keywords
def test_keywords_warn_when_the_filters_leave_a_single_outlet():
    at = open_app(KEYWORDS, {"q": "Dushanbe"})
    assert len(keyword_panels(at)) == 1
    assert any("compared with nothing" in w.value for w in at.warning)


def test_topic_filter_narrows_sentences():
    at = open_app()
    total = coverage(at)
    topic = widget(at, "topic").options[0]
    widget(at, "topic").set_value([topic]).run()
    assert_ok(at)
    narrowed = coverage(at)
    assert 0 < narrowed["sentences"] < total["sentences"]
    assert narrowed["sentences_total"] == total["sentences_total"]
    assert metric(at, "Sentences") == narrowed["sentences"]
    assert params(at) == {"topic": [topic]}


def test_search_narrows_sentences_and_combines_with_topic():
    at = open_app()
    total = coverage(at)["sentences"]
    widget(at, "q").input("Putin").run()
    assert_ok(at)
    searched = coverage(at)["sentences"]
    assert 0 < searched < total
    assert params(at) == {"q": ["Putin"]}
    widget(at, "topic").set_value(["ICC warrant"]).run()
    assert_ok(at)
    both = coverage(at)["sentences"]
    assert 0 < both < searched


def test_discovered_topics_toggle_adds_options():
    at = open_app()
    plain = widget(at, "topic").options
    assert not any(o.startswith("Discovered: ") for o in plain)
    widget(at, "discovered").set_value(True).run()
    assert_ok(at)
    offered = widget(at, "topic").options
    discovered = [o for o in offered if o.startswith("Discovered: ")]
    assert discovered
    assert set(plain) <= set(offered)
    assert params(at) == {"discovered": ["1"]}
    widget(at, "topic").set_value([discovered[0]]).run()
    assert_ok(at)
    assert 0 < coverage(at)["sentences"] < coverage(at)["sentences_total"]


def test_discovered_topic_in_link_turns_the_toggle_on():
    at = open_app()
    widget(at, "discovered").set_value(True).run()
    discovered = next(o for o in widget(at, "topic").options if o.startswith("Discovered: "))
    at = open_app("dashboard.py", {"topic": [discovered]})
    assert widget(at, "discovered").value is True
    assert widget(at, "topic").value == [discovered]


def test_reset_filters_clears_everything():
    at = open_app(
        "dashboard.py",
        {
            "outlet": ["CNN"],
            "topic": ["ICC warrant"],
            "q": "Putin",
            "discovered": "1",
            "discount": "1",
        },
    )
    assert coverage(at)["sentences"] < coverage(at)["sentences_total"]
    next(b for b in at.sidebar.button if b.label == "Reset filters").click().run()
    assert_ok(at)
    assert widget(at, "outlet").value == []
    assert widget(at, "topic").value == []
    assert widget(at, "q").value == ""
    assert widget(at, "discovered").value is False
    assert widget(at, "discount").value is False
    assert params(at) == {}
    c = coverage(at)
    assert c["sentences"] == c["sentences_total"]
    if KEYWORDS:  # and it stays cleared on the next page
        goto(at, KEYWORDS)
        assert widget(at, "outlet").value == []
        assert params(at) == {}


# ----------------------------------------------------------------- Keywords


@needs_keywords
def test_keywords_per_article_mode_has_one_panel_per_article():
    at = open_app(KEYWORDS)
    articles = coverage(at)["articles"]
    at.get("button_group")[0].set_value("Per article").run()
    assert_ok(at)
    titles = keyword_panels(at)
    assert len(titles) == min(articles, 12)
    assert len(set(titles)) == len(titles)
    # long titles are wrapped onto lines of their own panel, so they cannot overlap
    for figure in figures(at):
        lines = figure["layout"]["title"]["text"].split("<br>")
        assert all(len(line) <= 40 for line in lines)
        assert figure["layout"]["margin"]["t"] >= 34 + 18 * (len(lines) - 1)
    assert at.dataframe[0].value.columns[0] == "article"
    widget(at, "outlet").set_value(["CNN"]).run()
    assert_ok(at)
    assert len(keyword_panels(at)) == coverage(at)["articles"] == 1


@needs_keywords
def test_keywords_term_explorer_shows_sentences_with_the_term():
    at = open_app(KEYWORDS)
    explorer = at.selectbox(key="kw_term")
    assert explorer.options
    term = next((t for t in explorer.options if " " not in t), explorer.options[0])
    explorer.set_value(term).run()
    assert_ok(at)
    count_line = next(c.value for c in at.caption if c.value.startswith(f"“{term}” occurs in"))
    count = int(re.search(r"occurs in ([\d,]+)", count_line).group(1).replace(",", ""))
    assert count >= 1
    blocks = [b for h in texts(at, "html") for b in h.split("<div ")[1:]]
    assert len(blocks) == count
    for block in blocks:
        marked = re.findall(r"<mark[^>]*>(.*?)</mark>", block)
        assert marked and all(m.lower() == term.lower() for m in marked), block[:300]


@needs_keywords
def test_keywords_log_odds_method_scores_and_drills_down():
    at = open_app(KEYWORDS)
    tfidf = figures(at)[0]
    assert all(len(f["data"]) == 1 for f in figures(at))
    assert "TF-IDF score" in json.dumps(tfidf["layout"])
    method = next(b for b in at.get("button_group") if b.key == "kw_method")
    method.set_value("Log-odds (z)").run()
    assert_ok(at)
    logodds = figures(at)[0]
    assert "z-score" in json.dumps(logodds["layout"])
    assert [t["x"] for t in logodds["data"]] != [t["x"] for t in tfidf["data"]]
    assert "download-keywords-logodds-outlet" in [d.key for d in at.get("download_button")]
    table = at.dataframe[0].value
    assert (table["score"] > 0).all()
    # the same drill-down: every term of the table opens on its sentences
    term = table["term"].iloc[0]
    at.selectbox(key="kw_term").set_value(term).run()
    count_line = next(c.value for c in at.caption if c.value.startswith(f"“{term}” occurs in"))
    assert int(re.search(r"occurs in ([\d,]+)", count_line).group(1)) >= 1


@needs_keywords
def test_keywords_spread_columns_follow_the_outlet_filter():
    at = open_app(KEYWORDS)
    outlet = sorted(widget(at, "outlet").options)[0]
    widget(at, "outlet").set_value([outlet]).run()
    assert_ok(at)
    table = at.dataframe[0].value
    assert not table.empty
    assert (table["outlets"] == 1).all()
    assert (table["articles"] <= coverage(at)["articles"]).all()


@needs_keywords
def test_keywords_offers_csv_downloads():
    at = open_app(KEYWORDS)
    keys = [d.key for d in at.get("download_button")]
    assert "download-keywords-outlet" in keys  # the chart's and the table's terms
    assert any(k.startswith("download-term-") for k in keys)  # the term explorer's sentences
    assert all(d.proto.label for d in at.get("download_button"))
    at.get("button_group")[0].set_value("Per article").run()
    assert "download-keywords-article-id" in [d.key for d in at.get("download_button")]


# ------------------------------------------------------------ hostile input


@pytest.fixture
def hostile_corpus(tmp_path, monkeypatch):
    """A small corpus whose articles carry markup, shown through COVERAGE_LENS_CORPUS."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    bodies = {
        "CNN": f"Putin met Xi in Moscow {HOSTILE} to talk about the peace plan.",
        "TIME": f"Xi said the peace plan {HOSTILE} was fair, and Putin agreed.",
        "Reuters": "Putin hosted Xi for a state dinner in Moscow. The ICC warrant loomed.",
    }
    for i, (outlet, body) in enumerate(bodies.items()):
        text = (
            f"---\ntitle: {outlet} story <i>about</i> Xi\noutlet: {outlet}\n"
            f"published: 2023-03-2{i}\n---\n"
            f"{body}\n\nChina and Russia signed deals on trade and energy on Tuesday. "
            "Ukraine's president said the war must end with a withdrawal.\n"
        )
        (folder / f"{i:03d}_{outlet.lower()}.md").write_text(text, encoding="utf-8")
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(folder))
    return folder


def assert_no_raw_markup(at: AppTest) -> list[str]:
    """No html element and no HTML-enabled markdown carries the article's raw tags."""
    rendered = texts(at, "html")
    for body in rendered:
        assert "<script" not in body.lower(), body[:500]
        assert "<b>bold" not in body, body[:500]
    for md in at.get("markdown"):
        if md.proto.allow_html:
            assert "<script" not in md.value.lower(), md.value[:500]
    return rendered


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_article_markup_is_escaped(hostile_corpus, page):
    at = open_app(page)
    assert metric(at, "Articles") == 3 if page == "dashboard.py" else True
    assert_no_raw_markup(at)
    if page == "dashboard.py":
        # The reader shows the whole first article: the markup must be visible as text.
        assert any(ESCAPED in body for body in texts(at, "html"))
    if page == KEYWORDS:
        at.sidebar.text_input(key="widget:q").input("peace plan").run()
        assert_ok(at)
        explorer = at.selectbox(key="kw_term")
        term = next((t for t in explorer.options if t in ("alert", "bold", "script")), None)
        if term:
            explorer.set_value(term).run()
            assert_ok(at)
        rendered = assert_no_raw_markup(at)
        if term:
            assert any("&lt;script&gt;" in body for body in rendered)
