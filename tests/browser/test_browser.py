"""The dashboard in a real Chromium: every page renders, filters work through the UI and the URL.

Pages are discovered from ``pages/`` at collection time (``1_Keywords.py`` is
served at ``/Keywords``), so a new page is opened and screenshotted without
editing this file. Screenshots go to ``artifacts/screenshots/`` (or
``$SCREENSHOT_DIR``); the folder is printed at the end of the run.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60_000  # ms; a cold plotly chart can take 5-14 s


def _page_name(file: Path) -> str:
    """Streamlit's URL path for a pages/ file: the leading number and separator dropped."""
    return re.sub(r"^[0-9]+[_ -]*", "", file.stem)


PAGES = [("Overview", "/", "dashboard")] + [
    (_page_name(f).replace("_", " "), "/" + _page_name(f), f.stem)
    for f in sorted((ROOT / "pages").glob("*.py"))
    if not f.name.startswith(("_", "."))
]


def sidebar(page: Page):
    return page.locator('[data-testid="stSidebar"]')


def wait_rendered(page: Page, heading: str | None = None) -> None:
    """Wait for the h1, for the script run to finish and for every plotly chart to draw."""
    title = page.locator("h1").first
    title.wait_for(state="visible", timeout=TIMEOUT)
    if heading:
        expect(title).to_contain_text(heading, timeout=TIMEOUT)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=TIMEOUT
    )
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator(".js-plotly-plot .main-svg").first.wait_for(
            state="attached", timeout=TIMEOUT
        )
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT)


def assert_no_errors(page: Page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    if exceptions.count():
        pytest.fail("exception box on the page:\n" + exceptions.first.inner_text()[:2000])
    toasts = page.locator('[data-testid="stToast"]').filter(has_text="Error")
    if toasts.count():
        pytest.fail("error toast: " + toasts.first.inner_text()[:500])


def coverage_text(page: Page) -> str:
    caption = (
        sidebar(page).locator('[data-testid="stCaptionContainer"]').filter(has_text="Selection:")
    )
    caption.first.wait_for(state="visible", timeout=TIMEOUT)
    return caption.first.inner_text()


def tags(page: Page, label: str):
    """The selected values shown in the sidebar multiselect ``label``."""
    box = (
        sidebar(page)
        .locator('[data-testid="stMultiSelect"]')
        .filter(has=page.get_by_role("combobox", name=label, exact=True))
    )
    return box.locator("[data-tag]")


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def full_page_screenshot(page: Page, save, name: str) -> Path:
    """Streamlit scrolls inside its main area: grow the viewport so nothing is cut off."""
    height = page.evaluate(
        """() => Math.max(
            document.querySelector('[data-testid="stMain"]')?.scrollHeight || 0,
            document.querySelector('[data-testid="stSidebarContent"]')?.scrollHeight || 0,
            document.documentElement.scrollHeight)"""
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 900), 12_000)})
    page.wait_for_timeout(800)  # plotly relayouts to the new size
    try:
        return save(page, name)
    finally:
        page.set_viewport_size(size)


@pytest.mark.parametrize(("title", "path", "stem"), PAGES, ids=[p[2] for p in PAGES])
def test_page_renders(page: Page, app_url, screenshots, title, path, stem):
    page.goto(app_url + path)
    wait_rendered(page, None if path == "/" else title)
    assert_no_errors(page)
    expect(page.locator("h1").first).not_to_be_empty()
    coverage_text(page)  # the shared sidebar is drawn
    full_page_screenshot(page, screenshots, stem)
    assert_no_errors(page)


def test_outlet_filter_through_the_ui(page: Page, app_url, screenshots):
    page.goto(app_url + "/")
    wait_rendered(page)
    before = coverage_text(page)
    articles = page.locator('[data-testid="stMetric"]').filter(has_text="Articles")
    value_before = articles.locator('[data-testid="stMetricValue"]').inner_text()

    sidebar(page).get_by_role("combobox", name="Outlets", exact=True).click()
    page.get_by_role("option", name="CNN", exact=True).click()
    page.keyboard.press("Escape")

    page.wait_for_url(re.compile(r"[?&]outlet=CNN(&|$)"), timeout=TIMEOUT, wait_until="commit")
    expect(tags(page, "Outlets")).to_have_text(["CNN"])
    caption = (
        sidebar(page).locator('[data-testid="stCaptionContainer"]').filter(has_text="Selection:")
    )
    expect(caption.first).not_to_have_text(before, timeout=TIMEOUT)
    expect(caption.first).to_contain_text("1 of ")
    expect(articles.locator('[data-testid="stMetricValue"]')).to_have_text("1", timeout=TIMEOUT)
    assert value_before != "1"
    wait_rendered(page)
    assert_no_errors(page)
    full_page_screenshot(page, screenshots, "dashboard-outlet-CNN")


def test_shared_link_seeds_filters_and_they_survive_navigation(page: Page, app_url, screenshots):
    page.goto(app_url + "/Keywords?outlet=CNN&topic=ICC+warrant")
    wait_rendered(page, "Keywords")
    assert_no_errors(page)
    expect(tags(page, "Outlets")).to_have_text(["CNN"])
    expect(tags(page, "Topics")).to_have_text(["ICC warrant"])
    assert query(page) == {"outlet": ["CNN"], "topic": ["ICC warrant"]}
    full_page_screenshot(page, screenshots, "Keywords-shared-link")

    links = sidebar(page).locator(
        '[data-testid="stSidebarNav"] a, [data-testid="stPageLink-NavLink"]'
    )
    target = None
    for i in range(links.count()):
        href = urljoin(app_url + "/", links.nth(i).get_attribute("href") or "")
        if urlsplit(href).path.rstrip("/") != "/Keywords":
            target, target_path = links.nth(i), urlsplit(href).path
            break
    assert target is not None, "no sidebar navigation link to another page"
    target.click()

    page.wait_for_url(
        lambda url: urlsplit(url).path == target_path and "outlet=CNN" in url,
        timeout=TIMEOUT,
        wait_until="commit",  # Streamlit switches pages in the same document
    )
    wait_rendered(page)
    assert "Keywords" not in page.locator("h1").first.inner_text()
    assert_no_errors(page)
    expect(tags(page, "Outlets")).to_have_text(["CNN"])
    expect(tags(page, "Topics")).to_have_text(["ICC warrant"])
    assert query(page) == {"outlet": ["CNN"], "topic": ["ICC warrant"]}


def test_invalid_link_values_are_reported(page: Page, app_url):
    page.goto(app_url + "/?outlet=Nope&outlet=CNN&discount=maybe")
    wait_rendered(page)
    assert_no_errors(page)
    notice = (
        sidebar(page).locator('[data-testid="stAlert"]').filter(has_text="Ignored from the link")
    )
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("outlet=Nope")
    expect(notice).to_contain_text("discount=maybe")
    expect(tags(page, "Outlets")).to_have_text(["CNN"])
    page.wait_for_url(re.compile(r"\?outlet=CNN$"), timeout=TIMEOUT, wait_until="commit")


def evidence_text(page: Page) -> str:
    text = page.locator('[data-testid="stMain"]').inner_text()
    start = text.find("Evidence for one cell")
    return text[start : start + 300]


def test_clicking_a_framing_cell_opens_its_evidence(page: Page, app_url, screenshots):
    page.goto(urljoin(app_url, "/Framing"))
    wait_rendered(page, "Framing")
    before = evidence_text(page)
    outlet = page.get_by_role("combobox", name="Outlet", exact=True)
    expect(outlet).to_have_value("CNN")
    plot = page.locator(".js-plotly-plot").first.locator(".nsewdrag").first.bounding_box()
    page.wait_for_timeout(1500)  # plotly binds its click handlers after the first draw
    x, y = page.evaluate(
        "() => { const d = document.querySelector('.js-plotly-plot').data[0]; return [d.x, d.y]; }"
    )
    column, row = x.index("The Washington Post"), y.index("Russia")
    page.mouse.click(
        plot["x"] + plot["width"] * (column + 0.5) / len(x),
        plot["y"] + plot["height"] * (row + 0.5) / len(y),
    )
    expect(outlet).to_have_value("The Washington Post", timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Target", exact=True).first).to_have_value("Russia")
    wait_rendered(page, "Framing")
    assert evidence_text(page) != before
    assert_no_errors(page)
    full_page_screenshot(page, screenshots, "Framing-clicked-cell")


@pytest.mark.parametrize(("title", "path", "stem"), PAGES, ids=[p[2] for p in PAGES])
def test_page_renders_on_a_new_story(page: Page, story_url, screenshots, title, path, stem):
    """Every page on a story the tool has never seen: its own actors, sides and topics."""
    page.goto(urljoin(story_url + "/", path.lstrip("/")))
    wait_rendered(page, title)
    assert_no_errors(page)
    expect(sidebar(page)).to_contain_text("Knowledge: derived from this corpus")
    expect(page.get_by_text("Peace plan and ceasefire")).to_have_count(0)
    screenshots(page, f"story-{stem}")


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(("title", "path", "stem"), PAGES, ids=[p[2] for p in PAGES])
def test_page_at_phone_width(page: Page, app_url, screenshots, title, path, stem):
    """At 390 px: no chart narrower than most of the screen, no horizontal scrolling page."""
    page.set_viewport_size(PHONE)
    page.goto(app_url + path)
    wait_rendered(page, None if path == "/" else title)
    assert_no_errors(page)
    full_page_screenshot(page, screenshots, f"{stem}-phone")
    widths = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .nsewdrag')]
            .map(r => r.getBoundingClientRect().width)"""
    )
    # a third of the screen at least (the slivers were 49-64 px wide)
    assert all(w >= 120 for w in widths), f"plot areas too narrow at 390 px: {widths}"
    overflow = page.evaluate(
        """() => document.querySelector('[data-testid="stMain"]').scrollWidth
            - document.querySelector('[data-testid="stMain"]').clientWidth"""
    )
    assert overflow <= 1, f"the page scrolls sideways by {overflow} px"


def test_keywords_panel_titles_of_several_lines_are_drawn_whole(page: Page, app_url, screenshots):
    """Per article, a panel's title ("outlet · title") wraps; its first line stays inside."""
    page.goto(urljoin(app_url, "/Keywords"))
    wait_rendered(page, "Keywords")
    page.get_by_role("radio", name="Per article").or_(
        page.get_by_role("button", name="Per article")
    ).first.click()
    wait_rendered(page, "Keywords")
    page.wait_for_timeout(1500)
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].map(t => {
            const svg = t.ownerSVGElement.getBoundingClientRect();
            const box = t.getBoundingClientRect();
            return [t.querySelectorAll('tspan.line').length, box.top - svg.top];
        })"""
    )
    assert any(lines > 1 for lines, _ in tops), f"no panel title of several lines: {tops}"
    assert all(top >= 0 for _, top in tops), tops  # [lines, px below the plot's top edge]
    assert_no_errors(page)
    full_page_screenshot(page, screenshots, "Keywords-per-article")
