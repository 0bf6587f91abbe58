"""Bringing a story in through the browser: an article pasted on the Corpus page appears there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.browser.test_browser import (
    TIMEOUT,
    assert_no_errors,
    coverage_text,
    full_page_screenshot,
    wait_rendered,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Court sends Millbrook housing case back to the board"
BODY = (
    "The regional appeals court on Monday overturned the zoning ruling that had halted the "
    "Millbrook housing project, sending the case back to the planning board.\n\n"
    '"The board applied the wrong test," said Judge Helen Marsh in a written opinion.'
)


@pytest.fixture
def import_url(chromium_executable, tmp_path):
    """The dashboard on a copy of a small story, so the test may add to it."""
    corpus = tmp_path / "river_flood"
    shutil.copytree(ROOT / "tests" / "fixtures" / "stories" / "river_flood", corpus)
    with serve(tmp_path, corpus) as url:
        yield url, corpus


def test_a_pasted_article_appears_on_the_corpus_page(page: Page, import_url, screenshots):
    url, corpus = import_url
    page.goto(url + "/Corpus")
    wait_rendered(page, "Corpus")
    assert "3 of 3 articles" in coverage_text(page)
    page.get_by_role("tab", name="Paste an article").click()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Outlet", exact=True).fill("Harbour Herald")
    page.get_by_label("Published", exact=True).fill("2025-03-03")
    page.get_by_label("Article text", exact=True).fill(BODY)
    page.get_by_role("button", name="Check and add the article").click()
    expect(page.get_by_text("1 article(s) added (Harbour Herald)")).to_be_visible(timeout=TIMEOUT)
    wait_rendered(page, "Corpus")
    assert_no_errors(page)
    assert "4 of 4 articles" in coverage_text(page)
    assert len(list(corpus.glob("harbour-herald-*.md"))) == 1
    articles = page.locator('[data-testid="stDataFrame"]').first
    articles.scroll_into_view_if_needed()
    expect(articles.get_by_text(TITLE, exact=True).first).to_be_attached(timeout=TIMEOUT)
    full_page_screenshot(page, screenshots, "corpus-pasted-article")
