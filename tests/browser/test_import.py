"""Bringing a story in through the browser: an article pasted on the Corpus page appears there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.article_site import article_site
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


def paste_article(page: Page, **fields: str) -> None:
    """Fill the Paste tab (the title, outlet and text every paste test uses) and add it."""
    page.get_by_role("tab", name="Paste an article").click()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Outlet", exact=True).fill("Harbour Herald")
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Article text", exact=True).fill(BODY)
    page.get_by_role("button", name="Check and add the article").click()
    expect(page.get_by_text("1 article added (Harbour Herald)")).to_be_visible(timeout=TIMEOUT)
    wait_rendered(page, "Corpus")
    assert_no_errors(page)
    assert "4 of 4 articles" in coverage_text(page)


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
    paste_article(page, Published="2025-03-03")
    assert len(list(corpus.glob("harbour-herald-*.md"))) == 1
    articles = page.locator('[data-testid="stDataFrame"]').first
    articles.scroll_into_view_if_needed()
    expect(articles.get_by_text(TITLE, exact=True).first).to_be_attached(timeout=TIMEOUT)
    full_page_screenshot(page, screenshots, "corpus-pasted-article")


@pytest.fixture(scope="module")
def site():
    with article_site() as base:
        yield base


def test_a_slow_link_times_out_while_the_good_ones_are_reviewed(
    page: Page, import_url, site, screenshots
):
    url, _ = import_url
    page.goto(url + "/Corpus")
    wait_rendered(page, "Corpus")
    page.get_by_role("tab", name="Import from URLs").click()
    expect(page.get_by_text("size limit of 5 MB per page")).to_be_visible(timeout=TIMEOUT)
    timeout = page.get_by_role("spinbutton", name="Time-out per link (s)")
    expect(timeout).to_have_value("15")
    timeout.fill("1")
    timeout.press("Enter")
    links = [f"{site}/harbour-flood.html", f"{site}/slow.html?a", f"{site}/slow.html?b"]
    links.append(f"{site}/boilerplate.html")
    page.get_by_label("Links", exact=True).fill("\n".join(links))
    page.get_by_label("Links", exact=True).press("Control+Enter")
    wait_rendered(page, "Corpus")
    page.get_by_role("button", name="Fetch the pages").click()
    progress = page.locator('[data-testid="stProgress"]')
    expect(progress).to_contain_text("of 4 pages", timeout=TIMEOUT)
    full_page_screenshot(page, screenshots, "corpus-url-import-progress")
    expect(page.get_by_text("2 of 4 links gave no article")).to_be_visible(timeout=TIMEOUT)
    wait_rendered(page, "Corpus")
    assert_no_errors(page)
    failures = page.locator('[data-testid="stDataFrame"]').filter(has_text="time-out")
    expect(failures).to_have_count(1)
    full_page_screenshot(page, screenshots, "corpus-url-import-slow-link")
    page.get_by_role("button", name="Add the selected articles (2)").click()
    summary = page.get_by_text("Import from URLs: 2 articles added")
    expect(summary).to_be_visible(timeout=TIMEOUT)
    wait_rendered(page, "Corpus")
    assert "5 of 5 articles" in coverage_text(page)
    full_page_screenshot(page, screenshots, "corpus-url-import-summary")


def test_article_files_with_unsafe_names_are_saved_and_told(page: Page, import_url, screenshots):
    url, corpus = import_url
    page.goto(url + "/Corpus")
    wait_rendered(page, "Corpus")
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Article files")
    files = [
        {"name": "é" * 300 + ".txt", "mimeType": "text/plain", "buffer": BODY.encode()},
        {"name": ".hidden.txt", "mimeType": "text/plain", "buffer": b"A short note " * 20},
    ]
    uploader.locator('input[type="file"]').set_input_files(files)
    page.get_by_role("button", name="Check and add", exact=True).click()
    expect(page.get_by_text("Upload of 2 article files: 2 articles added.")).to_be_visible(
        timeout=TIMEOUT
    )
    wait_rendered(page, "Corpus")
    assert_no_errors(page)
    assert "5 of 5 articles" in coverage_text(page)
    assert (corpus / "hidden.txt").is_file()
    full_page_screenshot(page, screenshots, "corpus-unsafe-upload-names")


@pytest.fixture
def jsonl_url(chromium_executable, tmp_path):
    """The dashboard on a JSON Lines corpus of a small story, so the test may add to it."""
    from analysis.corpus.load import load_corpus

    corpus = tmp_path / "river_flood.jsonl"
    articles = load_corpus(ROOT / "tests" / "fixtures" / "stories" / "river_flood").articles
    lines = [json.dumps({"outlet": a.outlet, "title": a.title, "text": a.text}) for a in articles]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with serve(tmp_path, corpus) as url:
        yield url, corpus


def test_a_pasted_article_is_appended_to_a_jsonl_corpus(page: Page, jsonl_url, screenshots):
    url, corpus = jsonl_url
    before = corpus.read_bytes()
    page.goto(url + "/Corpus")
    wait_rendered(page, "Corpus")
    paste_article(page)
    assert corpus.read_bytes().startswith(before)
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="appended as")
    expect(caption).to_contain_text("appended as one line to river_flood.jsonl")
    full_page_screenshot(page, screenshots, "corpus-jsonl-pasted-article")
