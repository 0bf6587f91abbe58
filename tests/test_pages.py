"""The dashboard's pages, driven headlessly with Streamlit's AppTest.

Pages are discovered from ``pages/`` at collection time, so a new page is
covered by the generic tests (renders, shows a title, keeps the filters across
a page switch, reports bad links, escapes article text, empty state) without
editing this file.
"""

from __future__ import annotations

import ast
import base64
import gzip
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from analysis.wording import plural
from tests.article_site import article_site
from ui.literal import WORD_JOINER
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


def shown(markdown: str) -> str:
    """The text a reader sees of Markdown that ui.literal.md made literal: no escapes."""
    return re.sub(r"\\(.)", r"\1", str(markdown)).replace(WORD_JOINER, "")


def texts(at: AppTest, kind: str) -> list[str]:
    return [shown(e.value) for e in at.get(kind)]


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


# ------------------------------------------------------------ import: paste, upload, URLs

CORPUS_PAGE = "pages/6_Corpus.py"
COURT_STORY = (
    "The regional appeals court on Monday overturned the zoning ruling that had halted the "
    "Millbrook housing project, sending the case back to the planning board.\n\n"
    '"The board applied the wrong test," said Judge Helen Marsh in a written opinion. '
    "Residents who opposed the project said they would study the decision before deciding "
    "whether to appeal again."
)


@pytest.fixture
def new_story(tmp_path, monkeypatch):
    """A copy of a story written for the tests, shown through COVERAGE_LENS_CORPUS."""
    folder = tmp_path / "river_flood"
    shutil.copytree(ROOT / "tests" / "fixtures" / "stories" / "river_flood", folder)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(folder))
    return folder


def article_titles(at: AppTest) -> list[str]:
    """The titles in the Corpus page's tables of articles."""
    return [t for d in at.dataframe if "title" in d.value for t in d.value["title"]]


def table_with(at: AppTest, *columns: str):
    """The one table shown whose columns include ``columns``."""
    (frame,) = (d.value for d in at.dataframe if set(columns) <= set(d.value.columns))
    return frame


def paste(at: AppTest, body: str, **fields: str) -> AppTest:
    for name, value in fields.items():
        at.text_input(key=f"paste_{name}").input(value)
    at.text_area(key="paste_body").input(body)
    next(b for b in at.button if b.label == "Check and add the article").click().run()
    assert_ok(at)
    return at


def test_pasted_article_is_written_and_shown(new_story):
    before = set(new_story.iterdir())
    at = paste(
        open_app(CORPUS_PAGE),
        COURT_STORY,
        title="Court sends Millbrook housing case back",
        outlet="Harbour Herald",
        published="2025-03-03",
    )
    (written,) = set(new_story.iterdir()) - before
    assert written.suffix == ".md" and "Harbour Herald" in written.read_text("utf-8")
    assert any("1 article added (Harbour Herald)" in s for s in texts(at, "success"))
    assert "Court sends Millbrook housing case back" in article_titles(at)
    assert (
        at.text_area(key="paste_body").value == "" and at.text_input(key="paste_title").value == ""
    )
    at = goto(at, "dashboard.py")
    assert metric(at, "Articles") == 4


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_an_imported_article_reaches_every_page(new_story, page):
    at = paste(open_app(CORPUS_PAGE), COURT_STORY, title="Millbrook case", outlet="Harbour Herald")
    at = goto(at, page)
    assert "Harbour Herald" in widget(at, "outlet").options
    assert coverage(at)["articles_total"] == 4


@pytest.mark.parametrize(
    ("body", "fields", "message"),
    [
        ("   ", {"title": "Empty"}, "the article text is empty"),
        (COURT_STORY, {"published": "last Monday"}, None),
    ],
)
def test_a_pasted_article_that_fails_writes_nothing(new_story, body, fields, message):
    before = set(new_story.iterdir())
    at = paste(open_app(CORPUS_PAGE), body, **fields)
    if message:
        assert any(message in e for e in texts(at, "error"))
        assert set(new_story.iterdir()) == before
    else:  # a date that is not a date is a warning only: the article is kept, and told
        assert len(set(new_story.iterdir()) - before) == 1
        assert any("is not a date" in m for m in table_with(at, "problem")["problem"])


def test_pasting_an_article_twice_is_refused_the_second_time(new_story):
    at = paste(open_app(CORPUS_PAGE), COURT_STORY, outlet="Harbour Herald")
    count = len(list(new_story.iterdir()))
    at = paste(at, COURT_STORY, outlet="Harbour Herald")
    assert any("already in the corpus" in e for e in texts(at, "error"))
    assert len(list(new_story.iterdir())) == count


MONITORING_EXPORT = (
    b"headline;source;date;content\n"
    b"Council approves new ferry timetable;Bay Gazette;2025-04-01;"
    b"The county council approved a new ferry timetable on Tuesday, adding two crossings "
    b"a day from June. Commuters had asked for earlier boats for years.\n"
    b"Empty row;Bay Gazette;2025-04-01;\n"
    b'"Ferry operator hires twelve crew";Coast Times;2025-04-02;'
    b'"The ferry operator said it would hire twelve crew members to run the extra crossings, '
    b'and that fares would not change this year."\n'
)


def upload(at: AppTest, name: str, raw: bytes, kind: str) -> AppTest:
    (uploader,) = (u for u in at.get("file_uploader") if u.key.startswith("import_upload_file_"))
    uploader.set_value((name, raw, kind))
    at.run()
    assert_ok(at)
    return at


def add_rows(at: AppTest) -> AppTest:
    at.button(key="import_upload_add").click().run()
    assert_ok(at)
    return at


def test_csv_upload_maps_other_headers_and_reports_bad_rows_by_line(new_story):
    before = set(new_story.iterdir())
    at = upload(open_app(CORPUS_PAGE), "export.csv", MONITORING_EXPORT, "text/csv")
    guessed = {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("import_map_")}
    assert guessed["Article text"] == "content" and guessed["Title"] == "headline"
    assert guessed["Outlet"] == "source" and guessed["Published"] == "date"
    assert guessed["URL"] == "(none)"
    at = add_rows(at)
    written = set(new_story.iterdir()) - before
    assert len(written) == 2
    summary = "2 articles added (Bay Gazette, Coast Times); 1 item not added"
    assert any(summary in w for w in texts(at, "warning"))
    problems = table_with(at, "problem")
    (bad,) = problems[problems["severity"] == "error"].itertuples()
    assert bad.item == "export.csv" and bad.line == 3 and "text" in bad.problem
    assert {"Council approves new ferry timetable", "Ferry operator hires twelve crew"} <= set(
        article_titles(at)
    )


def test_csv_mapping_can_be_changed_before_adding(new_story):
    at = upload(open_app(CORPUS_PAGE), "export.csv", MONITORING_EXPORT, "text/csv")
    mapping = [s for s in at.selectbox if s.key and s.key.startswith("import_map_")]
    next(s for s in mapping if s.label == "Outlet").set_value("(none)")
    next(s for s in mapping if s.label == "Note").set_value("source")
    at = add_rows(at.run())
    loaded = [p.read_text("utf-8") for p in new_story.glob("*ferry*.md")]
    assert len(loaded) == 2 and all('note: "' in t and "outlet:" not in t for t in loaded)


def test_csv_without_a_text_column_asks_for_one(new_story):
    raw = b"headline,source\nOne,Two\n"
    at = upload(open_app(CORPUS_PAGE), "titles.csv", raw, "text/csv")
    assert any("column that holds the article text" in e for e in texts(at, "error"))
    assert not [b for b in at.button if b.key == "import_upload_add"]


def test_jsonl_gz_upload_adds_good_lines_and_names_the_bad_one(new_story):
    lines = [
        {"title": "Dam inspection finds cracks", "outlet": "Upland News", "text": COURT_STORY},
        {"title": "No text here", "outlet": "Upland News"},
        "not json",
    ]
    raw = gzip.compress(
        "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines).encode("utf-8")
    )
    before = set(new_story.iterdir())
    at = add_rows(upload(open_app(CORPUS_PAGE), "feed.jsonl.gz", raw, "application/gzip"))
    assert len(set(new_story.iterdir()) - before) == 1
    errors = table_with(at, "problem").query("severity == 'error'")
    assert list(errors["line"]) == [2, 3] and set(errors["item"]) == {"feed.jsonl.gz"}
    assert "Dam inspection finds cracks" in article_titles(at)


@pytest.fixture(scope="module")
def site():
    with article_site() as base:
        yield base


def fetch_links(at: AppTest, urls: list[str]) -> AppTest:
    at.text_area(key="import_urls").input("\n".join(urls))
    at.button(key="import_fetch").click().run()
    assert_ok(at)
    return at


def test_url_import_reviews_each_page_then_adds_the_selected(new_story, site):
    urls = [f"{site}/harbour-flood.html", f"{site}/missing.html", f"{site}/boilerplate.html"]
    urls.append(f"{site}/data.json")
    at = fetch_links(open_app(CORPUS_PAGE), urls)
    failures = table_with(at, "url", "problem").set_index("url")["problem"]
    assert "answered 404" in failures[urls[1]] and "application/json" in failures[urls[3]]
    (review,) = at.get("data_editor")
    shown = review.value.set_index("url")
    assert list(shown.index) == [urls[0], urls[2]] and shown["add"].all()
    assert shown.loc[urls[0], "title"] == "Harbour wall gives way as river floods Eastwick"
    assert shown.loc[urls[0], "author"] == "Maria Lindqvist"
    assert shown.loc[urls[2], "outlet"] == "Northern Daily Post"
    assert shown.loc[urls[2], "beginning"].startswith("Questions grew on Wednesday")

    before = set(new_story.iterdir())
    at.session_state["import_review"] = {
        "edited_rows": {1: {"add": False}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    add = at.button(key="import_fetch_add")
    assert add.label == "Add the selected articles (1)"
    add.click().run()
    assert_ok(at)
    (written,) = set(new_story.iterdir()) - before
    assert "The Valley Courier" in written.read_text("utf-8")
    assert "Harbour wall gives way as river floods Eastwick" in article_titles(at)
    assert "missing.html" in " ".join(table_with(at, "item", "problem")["item"])
    assert not at.get("data_editor")


def test_url_import_with_nothing_fetched_adds_nothing(new_story, site):
    before = set(new_story.iterdir())
    at = fetch_links(open_app(CORPUS_PAGE), [f"{site}/index.html", "ftp://example.test/x"])
    problems = table_with(at, "url", "problem").set_index("url")["problem"]
    assert "no article text" in problems[f"{site}/index.html"]
    assert "not a web address" in problems["ftp://example.test/x"]
    assert not at.get("data_editor") and set(new_story.iterdir()) == before


# ------------------------------------------------------------ switching corpora under a root

STORIES = ROOT / "tests" / "fixtures" / "stories"


@pytest.fixture
def corpus_root(tmp_path, monkeypatch):
    """A corpus root with two stories and a build of one; a third story sits outside it."""
    shutil.copytree(STORIES / "bakery_merger", tmp_path / "secret")
    root = tmp_path / "root"
    shutil.copytree(STORIES / "water_bill", root / "water_bill")
    shutil.copytree(STORIES / "river_flood", root / "floods" / "river")
    (root / "escape").symlink_to(tmp_path / "secret", target_is_directory=True)
    monkeypatch.setenv("COVERAGE_LENS_ROOT", str(root))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(root / "floods" / "river"))
    return root


WATER = "Senate advances water bill after late deal"
FLOOD = "river"
BAKERY = "Halvern Foods to buy Brightmill Bakeries for $2.1 billion"


def shown_titles(at: AppTest) -> set[str]:
    return set(article_titles(at))


def test_a_link_opens_a_corpus_under_the_root_and_keeps_it_across_pages(corpus_root):
    at = open_app(CORPUS_PAGE, {"corpus": "water_bill"})
    assert WATER in shown_titles(at) and at.query_params["corpus"] == "water_bill"
    switch = at.selectbox(key="corpus_switch")
    assert switch.value == "water_bill"
    assert set(switch.options) >= {"water_bill (article folder)", "floods/river (article folder)"}
    at = goto(at, "dashboard.py")
    assert metric(at, "Articles") == 3 and at.query_params["corpus"] == "water_bill"


def test_the_corpus_page_switches_corpora_and_the_link_follows(corpus_root):
    at = open_app(CORPUS_PAGE)
    assert WATER not in shown_titles(at) and "corpus" not in at.query_params
    at.selectbox(key="corpus_switch").set_value("water_bill").run()
    assert_ok(at)
    assert WATER in shown_titles(at) and at.query_params["corpus"] == "water_bill"
    at.selectbox(key="corpus_switch").select_index(0).run()
    assert WATER not in shown_titles(at) and "corpus" not in at.query_params


@pytest.mark.parametrize(
    "name", ["../secret", "water_bill/../../secret", "escape", "{secret}", "{root}/water_bill"]
)
def test_a_link_never_reads_outside_the_root(corpus_root, name):
    name = name.format(secret=corpus_root.parent / "secret", root=corpus_root)
    at = open_app(CORPUS_PAGE, {"corpus": name})
    assert any("Ignored from the link: corpus=" in w for w in texts(at, "warning"))
    titles = shown_titles(at)
    assert BAKERY not in titles and WATER not in titles
    assert "corpus" not in at.query_params
    at = goto(at, "dashboard.py")
    assert metric(at, "Articles") == 3


def test_without_a_root_the_corpus_link_is_ignored(new_story, tmp_path):
    at = open_app(CORPUS_PAGE, {"corpus": str(STORIES / "water_bill")})
    assert any("started without COVERAGE_LENS_ROOT" in w for w in texts(at, "warning"))
    assert WATER not in shown_titles(at)
    assert not [s for s in at.selectbox if s.key == "corpus_switch"]


def test_a_build_under_the_root_opens_without_recomputing(corpus_root):
    from analysis.corpus.load import load_corpus
    from analysis.pipeline import load_knowledge
    from analysis.store.build import build

    folder = corpus_root / "water_bill"
    build(load_corpus(folder), load_knowledge(folder), corpus_root / "builds" / "water")
    at = open_app(CORPUS_PAGE, {"corpus": "builds/water"})
    assert at.selectbox(key="corpus_switch").value == "builds/water"
    assert WATER in shown_titles(at)
    assert not any("stale" in w for w in texts(at, "warning"))
    (folder / "tribune.md").unlink()
    at = open_app(CORPUS_PAGE, {"corpus": "builds/water"})
    assert any("stale" in w for w in texts(at, "warning"))


# ------------------------------------------------------------ bringing a story in (issue 13)


def test_a_slow_link_times_out_at_the_chosen_limit_while_good_links_are_added(new_story, site):
    at = open_app(CORPUS_PAGE)
    timeout = at.number_input(key="import_timeout")
    assert (timeout.label, timeout.value, timeout.min, timeout.max) == (
        "Time-out per link (s)",
        15,
        1,
        60,
    )
    assert any("size limit of 5 MB per page" in c for c in texts(at, "caption"))
    timeout.set_value(1)
    urls = [f"{site}/harbour-flood.html", f"{site}/slow.html", f"{site}/boilerplate.html"]
    at = fetch_links(at, urls)
    failures = table_with(at, "url", "problem").set_index("url")["problem"]
    assert list(failures.index) == [urls[1]]
    assert failures[urls[1]] == "no complete answer within 1 s (time-out); try again later"
    (review,) = at.get("data_editor")
    assert list(review.value["url"]) == [urls[0], urls[2]]
    before = set(new_story.iterdir())
    at.button(key="import_fetch_add").click().run()
    assert_ok(at)
    assert len(set(new_story.iterdir()) - before) == 2
    summary = "Import from URLs: 2 articles added (Northern Daily Post, The Valley Courier)"
    assert any(summary in w for w in texts(at, "warning"))


RULING = (
    "The state supreme court on Tuesday struck down the river authority's ban on night "
    "fishing, ruling that the authority had exceeded the powers the legislature gave it.\n\n"
    '"An agency cannot write a criminal law by press release," said Justice Ramona Ortiz, '
    "writing for a four-to-three majority.\n\n"
    "The authority said it would ask lawmakers for the power to restore the ban before the "
    "flood season."
)
"""A court ruling written for this test: a new kind of story, with a named speaker."""
RULING_TITLE = "Supreme court strikes down night fishing ban"
RULING_OUTLET = "Lakeside Ledger"
RULING_SPEAKER = "Ramona Ortiz"


def frame_with(at: AppTest, *columns: str) -> list:
    """Every table shown whose columns include ``columns``."""
    return [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]


def options_of(at: AppTest, key: str) -> list[str]:
    (picker,) = [w for kind in ("selectbox", "multiselect") for w in at.get(kind) if w.key == key]
    return [str(o) for o in picker.options]


def _overview(at: AppTest) -> None:
    (articles,) = [d.value for d in at.dataframe if d.key == "articles_table"]
    row = articles[articles["title"] == RULING_TITLE]
    assert list(row["outlet"]) == [RULING_OUTLET]
    assert any(RULING_TITLE in o for o in options_of(at, "reader_article"))
    # the ruling's outlet covered no article of the Moscow story: it leaves none of its topics
    # out, and covering the ruling's own story alone is no distinction
    said = " ".join(texts(at, "markdown"))
    assert f"but {RULING_OUTLET} covers" not in said and f"Only {RULING_OUTLET}" not in said
    assert "gives its stories the most words" in said


def _keywords(at: AppTest) -> None:
    assert any(RULING_OUTLET in p for p in keyword_panels(at))
    assert any(RULING_OUTLET in set(f["outlet"]) for f in frame_with(at, "outlet", "term"))


def _voices(at: AppTest) -> None:
    assert any(RULING_SPEAKER in set(f["speaker"]) for f in frame_with(at, "speaker", "quotes"))
    (quotes,) = [d.value for d in at.dataframe if d.key == "voices_browser"]
    ruling = quotes[quotes["outlet"] == RULING_OUTLET]
    named = ruling[ruling["speaker"] != "Unknown speaker"]  # "The authority said…" names nobody
    assert list(named["speaker"]) == [RULING_SPEAKER]
    assert "criminal law by press release" in ruling["text"].iloc[0]


def _overlap(at: AppTest) -> None:
    # The ruling is a story of its own: it shares no claim, but its speaker is its outlet's alone.
    assert any("spans 2 stories" in i.value for i in at.info)
    assert any(f"Only in {RULING_OUTLET}:** {RULING_SPEAKER}" in m for m in texts(at, "markdown"))


def _framing(at: AppTest) -> None:
    assert RULING_OUTLET in options_of(at, "framing_outlet")
    assert any(RULING_OUTLET in set(f["outlet"]) for f in frame_with(at, "outlet", "tone"))


def _compare(at: AppTest) -> None:
    assert f"{RULING_OUTLET} — {RULING_TITLE}" in options_of(at, "compare_articles")


def _corpus(at: AppTest) -> None:
    assert RULING_TITLE in article_titles(at)


ON_EACH_PAGE = {
    "dashboard": _overview,
    "1_Keywords": _keywords,
    "2_Voices": _voices,
    "3_Overlap": _overlap,
    "4_Framing": _framing,
    "5_Compare": _compare,
    "6_Corpus": _corpus,
}
"""Where each page shows an article of its own: its outlet, title or quote's speaker."""


def test_a_pasted_court_ruling_shows_on_every_page_where_it_should(new_story):
    at = paste(
        open_app(CORPUS_PAGE),
        RULING,
        title=RULING_TITLE,
        outlet=RULING_OUTLET,
        published="2025-06-10",
    )
    for page in ALL_PAGES:
        at = goto(at, page)
        assert coverage(at)["articles_total"] == 4, page
        assert RULING_OUTLET in widget(at, "outlet").options, page
        assert RULING_SPEAKER in widget(at, "speaker").options, page
        assert page_id(page) in ON_EACH_PAGE, f"say where {page} shows an imported article"
        ON_EACH_PAGE[page_id(page)](at)


def upload_articles(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    (uploader,) = (u for u in at.get("file_uploader") if u.key.startswith("corpus_upload_"))
    uploader.set_value([(name, raw, "text/plain") for name, raw in files])
    at.run()
    at.button(key="corpus_add").click().run()
    assert_ok(at)
    return at


def test_article_files_with_unsafe_names_are_saved_under_safe_ones(new_story):
    long_name = "é" * 300 + ".txt"
    files = [(long_name, RULING.encode()), (".hidden.txt", COURT_STORY.encode())]
    before = set(new_story.iterdir())
    at = upload_articles(open_app(CORPUS_PAGE), files)
    written = {p.name for p in set(new_story.iterdir()) - before}
    assert "hidden.txt" in written and len(written) == 2
    assert all(len(name.encode("utf-8")) <= 200 for name in written)
    assert "Upload of 2 article files: 2 articles added." in texts(at, "success")
    problems = table_with(at, "item", "problem").set_index("item")["problem"]
    assert "the name is longer than 200 bytes" in problems[long_name]
    assert "starts with a dot is hidden" in problems[".hidden.txt"]
    assert set(table_with(at, "file", "title")["file"]) == written
    (uploader,) = (u for u in at.get("file_uploader") if u.key.startswith("corpus_upload_"))
    assert not uploader.value, "the uploader is emptied once its files are added"
    at = goto(at, "dashboard.py")
    assert metric(at, "Articles") == 5


def test_the_import_summary_stays_on_screen_until_dismissed(new_story):
    at = paste(open_app(CORPUS_PAGE), RULING, title=RULING_TITLE, outlet=RULING_OUTLET)
    summary = f"Pasted article: 1 article added ({RULING_OUTLET})."
    assert summary in texts(at, "success")
    at.text_input(key="paste_title").input("a draft of the next one").run()
    at = goto(goto(at, "dashboard.py"), CORPUS_PAGE)
    assert summary in texts(at, "success")
    at.button(key="import_dismiss").click().run()
    assert summary not in texts(at, "success")


def jsonl_story(path: Path) -> bytes:
    """The river flood story as a JSON Lines corpus (and the bytes written), for imports."""
    from analysis.corpus.load import load_corpus

    articles = load_corpus(STORIES / "river_flood").articles
    lines = [json.dumps({"outlet": a.outlet, "title": a.title, "text": a.text}) for a in articles]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(raw) if path.name.endswith(".gz") else raw)
    return raw


@pytest.mark.parametrize("name", ["flood.jsonl", "flood.jsonl.gz"])
def test_a_jsonl_corpus_takes_pasted_uploaded_and_fetched_articles(
    tmp_path, monkeypatch, site, name
):
    path = tmp_path / name
    old = jsonl_story(path)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(path))
    at = paste(open_app(CORPUS_PAGE), RULING, title=RULING_TITLE, outlet=RULING_OUTLET)
    assert f"Pasted article: 1 article added ({RULING_OUTLET})." in texts(at, "success")
    at = add_rows(upload(at, "export.csv", MONITORING_EXPORT, "text/csv"))
    at = fetch_links(at, [f"{site}/harbour-flood.html"])
    at.button(key="import_fetch_add").click().run()
    assert_ok(at)
    at = upload_articles(
        at, [("dam.md", b'---\noutlet: "Upland News"\n---\n' + COURT_STORY.encode())]
    )
    stored = path.read_bytes()
    stored = gzip.decompress(stored) if name.endswith(".gz") else stored
    assert stored.startswith(old) and stored.count(b"\n") == old.count(b"\n") + 5
    assert RULING_TITLE in article_titles(
        at
    ) and "Ferry operator hires twelve crew" in article_titles(at)
    assert f"To remove an article from {name}, delete its line from the file." in texts(
        at, "caption"
    )
    assert not [s for s in at.selectbox if s.key == "corpus_remove_file"]
    at = goto(at, "dashboard.py")
    assert metric(at, "Articles") == 8


def test_an_id_already_in_the_jsonl_corpus_is_reported_and_nothing_written(tmp_path, monkeypatch):
    path = tmp_path / "flood.jsonl"
    path.write_bytes(json.dumps({"article_id": "a-1", "text": COURT_STORY}).encode() + b"\n")
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(path))
    before = path.read_bytes()
    line = json.dumps({"article_id": "a-1", "outlet": "Upland News", "text": RULING})
    at = add_rows(upload(open_app(CORPUS_PAGE), "feed.jsonl", line.encode(), "application/json"))
    (error,) = table_with(at, "item", "problem").itertuples()
    assert (error.item, error.line) == ("feed.jsonl", 1) and "'a-1' is used twice" in error.problem
    assert path.read_bytes() == before


def test_an_import_summary_belongs_to_its_corpus(corpus_root):
    at = paste(open_app(CORPUS_PAGE), RULING, title=RULING_TITLE, outlet=RULING_OUTLET)
    summary = f"Pasted article: 1 article added ({RULING_OUTLET})."
    assert summary in texts(at, "success")
    at.selectbox(key="corpus_switch").set_value("water_bill").run()
    assert_ok(at)
    assert summary not in texts(at, "success") and RULING_TITLE not in article_titles(at)
    at.selectbox(key="corpus_switch").select_index(0).run()
    assert summary in texts(at, "success") and RULING_TITLE in article_titles(at)


def test_an_added_upload_leaves_an_empty_uploader_so_rows_cannot_be_added_twice(new_story):
    at = add_rows(upload(open_app(CORPUS_PAGE), "export.csv", MONITORING_EXPORT, "text/csv"))
    (uploader,) = (u for u in at.get("file_uploader") if u.key.startswith("import_upload_file_"))
    assert uploader.value is None
    assert not [b for b in at.button if b.key == "import_upload_add"]
    assert len(list(new_story.glob("*ferry*.md"))) == 2


# ------------------------------------------------------------ a damaged corpus file


@pytest.fixture
def damaged_feed(tmp_path, monkeypatch):
    """A ``.jsonl.gz`` of 30 articles with bytes flipped mid-stream, as COVERAGE_LENS_CORPUS."""
    from tests import hostile_files

    raw = hostile_files.jsonl_gz(hostile_files.articles(30))
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(hostile_files.flipped(raw, 0.5))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(path))
    return path


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_a_damaged_gzip_corpus_opens_every_page_with_the_lines_before_the_damage(
    damaged_feed, page
):
    at = open_app(page)
    if page == "dashboard.py":
        assert 0 < metric(at, "Articles") < 30
    if page == CORPUS_PAGE:
        report = next(d.value for d in at.dataframe if "message" in d.value)
        damage = report[report["message"].str.startswith("the file is damaged")]
        assert list(damage["source"]) == ["feed.jsonl.gz"]
        assert list(damage["severity"]) == ["error"]
        assert "gzip -t feed.jsonl.gz" in damage["message"].iloc[0]


def test_the_corpus_report_lists_targets_and_lexicon_problems(new_story):
    (new_story / "targets.csv").write_text(
        "target,patterns,affiliation\nLevee,levee,works\nAnything,.*,none\n", encoding="utf-8"
    )
    (new_story / "framing_lexicon.csv").write_text(
        'term,kind,polarity,note\nslammed,"loaded,-1,\nbilled as,distancing,-1,\n',
        encoding="utf-8",
    )
    at = open_app(CORPUS_PAGE)
    report = next(d.value for d in at.dataframe if "message" in d.value)
    rows = {(Path(r.source).name, r.line): r.message for r in report.itertuples()}
    assert "pattern '.*' matches the empty string" in rows[("targets.csv", 3)]
    assert rows[("framing_lexicon.csv", 2)].startswith("the quote opened on line 2")


# ------------------------------------------------------------ compare: match strength

COMPARE_PAGE = "pages/5_Compare.py"
LETTERS = {
    "x": ("Capital Post", "Mattis gave the president his resignation letter on Thursday."),
    "y": ("Valley News", "McGurk sent a resignation letter to the president, aides said."),
    "z": ("Harbor Times", "On Thursday the president received the resignation letter from Mattis."),
}


@pytest.fixture
def letters_corpus(tmp_path, monkeypatch):
    """Three outlets: two report Mattis's letter, one McGurk's (a related passage)."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for name, (outlet, sentence) in LETTERS.items():
        body = f"{sentence}\n\nThe {outlet} covered the {name} beat this week.\n"
        text = (
            f"---\ntitle: Letter {name}\noutlet: {outlet}\npublished: 2018-12-20\n"
            f"story: Resignation letters\n---\n{body}"  # one story: claims are per story
        )
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(folder))
    return folder


def marked(at: AppTest, sentence: str) -> str:
    """The hover label of ``sentence`` in Compare's paragraph view."""
    for body in texts(at, "html"):
        for label, inner in re.findall(r'<span title="([^"]*)" style="[^"]*">(.*?)</span>', body):
            if inner.startswith(sentence[:25]):
                return label
    raise AssertionError(f"{sentence!r} not in the paragraph view")


def test_compare_marks_a_related_claim_as_related_not_the_same_claim(letters_corpus):
    # Article ids are the file names: x, y, z.
    at = open_app(COMPARE_PAGE, {"article": ["x", "y"]})
    assert marked(at, LETTERS["x"][1]).startswith("related passage")
    assert marked(at, LETTERS["y"][1]).startswith("related passage")
    assert not any("Both report" in m for m in texts(at, "markdown"))
    at = open_app(COMPARE_PAGE, {"article": ["x", "z"]})
    assert marked(at, LETTERS["x"][1]) == "same claim, other words"
    assert any("Both report" in m for m in texts(at, "markdown"))
    assert not any("all 2" in m.lower() for m in texts(at, "markdown"))


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_page_has_a_stray_string_that_streamlit_magic_would_draw(page):
    """A bare string below the module docstring is drawn on the page by Streamlit's magic."""
    tree = ast.parse((ROOT / page).read_text(encoding="utf-8"))
    stray = [
        node.lineno
        for node in tree.body[1:]
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    ]
    assert not stray, f"{page}: bare strings on lines {stray}"


def test_overlap_words_all_outlets_report_by_match_strength(monkeypatch):
    # water_bill: claims all three outlets carry are related passages, not the same fact.
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(STORIES / "water_bill"))
    at = open_app("pages/3_Overlap.py")
    assert_ok(at)
    strong = metric(at, "All 3 outlets report")
    from analysis.corpus.load import load_corpus
    from analysis.overlap.claim_match import RELATED
    from analysis.overlap.summary import analyse_overlap
    from analysis.pipeline import analyse, load_knowledge

    claims = analyse_overlap(
        analyse(load_corpus(STORIES / "water_bill"), load_knowledge(STORIES / "water_bill"))
    ).claims
    related = int(((claims["n_outlets"] == 3) & (claims["strength"] == RELATED)).sum())
    line = next(m.value for m in at.markdown if "in all 3" in m.value and "claim" in m.value)
    passages = "is a related passage" if related == 1 else "are related passages"
    assert f"{plural(related, 'claim')} {passages} in all 3" in line
    assert ("No claim is reported by all 3" in line) == (strong == 0)


def test_voices_shows_groups_as_a_speaker_kind_counted_only_when_asked(tmp_path, monkeypatch):
    from tests.test_speaker_kinds import HARBOUR

    path = tmp_path / "harbour.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in HARBOUR), encoding="utf-8")
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(path))
    at = open_app("pages/2_Voices.py")
    (browser,) = [d.value for d in at.dataframe if d.key == "voices_browser"]
    rows = browser.set_index("text")
    group = rows.loc["This is a tax on every fisherman"]
    assert (group["speaker"], group["speaker_kind"]) == ("group: Senate Republicans", "group")
    assert rows.loc["We were never asked about the levy", "speaker"] == "group: union"
    assert rows.loc["The levy keeps the channel open", "speaker_kind"] == "person"

    def sides() -> set[str]:
        return {t.get("name") for f in figures(at) for t in f["data"] if t.get("name")}

    assert "Group" not in sides()
    at.toggle(key="voices_groups").set_value(True).run()
    assert_ok(at)
    assert "Group" in sides()


def test_overview_summary_from_the_pages_own_tables_is_the_same():
    """The Overview passes its per-outlet counts and topic coverage to the summary."""
    from analysis.corpus.load import load_corpus
    from analysis.emphasis.overview import outlet_counts, summary, topic_coverage
    from analysis.pipeline import analyse, load_knowledge

    analysis = analyse(load_corpus(ROOT / "corpus"), load_knowledge(ROOT / "corpus"))
    articles, sentences = analysis.articles, analysis.sentences
    for part in (sentences, sentences[sentences["outlet"] != sentences["outlet"].iloc[0]]):
        counts, topics = outlet_counts(articles, part), topic_coverage(part)
        lines = summary(articles, part)
        assert len(lines) > 2 and summary(articles, part, counts, topics) == lines
