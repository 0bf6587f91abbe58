"""A hostile pattern typed into the Framing page never keeps the server from answering.

Issue 11: ``Evil=(\\w+\\s*)+#`` typed into "Add targets for this view" froze the
whole server (Python's ``re`` backtracks without end on a long sentence of words).
While the pattern runs, a thread asks the server's health endpoint every 0.1 s:
no answer may take longer than a second, and the page answers with a message
naming what was typed.
"""

from __future__ import annotations

import threading
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve
from tests.browser.test_browser import (
    TIMEOUT,
    assert_no_errors,
    full_page_screenshot,
    wait_rendered,
)

pytestmark = pytest.mark.browser

LONG_SENTENCE = " ".join(["the", "council", "and", "the", "harbour", "board"] * 120)
RUN_OF_A = "a" * 40 + "b"  # where (a|aa)+$ is exponential even for the regex package
ARTICLES = {
    "ledger.md": (
        "Daily Ledger",
        "Mayor Ruth Okafor met the Greenport Harbour Board on Monday. Residents said "
        f"{LONG_SENTENCE}. Okafor said the quay would reopen in May.",
    ),
    "post.md": (
        "Evening Post",
        "Mayor Ruth Okafor denied that the Greenport Harbour Board had been warned. Engineers "
        f"wrote {RUN_OF_A} on the survey sheet. Okafor called the delay regrettable.",
    ),
    "radio.md": (
        "Valley Radio",
        "Mayor Ruth Okafor said Greenport would pay for the repairs. The Greenport Harbour "
        "Board said it had asked for the money twice.",
    ),
}
FREEZE_BOUND = 1.0  # seconds: the longest a health request may take while a pattern runs


@pytest.fixture(scope="module")
def hostile_url(chromium_executable, tmp_path_factory):
    """The dashboard on three articles of our own writing, one with a very long sentence."""
    corpus = tmp_path_factory.mktemp("hostile") / "harbour"
    corpus.mkdir()
    for name, (outlet, body) in ARTICLES.items():
        text = f"---\ntitle: {outlet} on the harbour\noutlet: {outlet}\n---\n{body}\n"
        (corpus / name).write_text(text, encoding="utf-8")
    with serve(tmp_path_factory.mktemp("streamlit-hostile"), corpus) as url:
        yield url


class HealthWatch:
    """Asks ``/_stcore/health`` every 0.1 s in a thread and keeps each answer's time."""

    def __init__(self, url: str) -> None:
        self.url, self.times, self.failures = f"{url}/_stcore/health", [], []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            start = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=30) as response:
                    response.read()
            except OSError as exc:
                self.failures.append(str(exc))
            self.times.append(time.monotonic() - start)
            self._stop.wait(0.1)

    def __enter__(self) -> HealthWatch:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join(35)


def type_targets(page: Page, text: str) -> None:
    """Open "Add targets for this view", type ``text`` and apply it (Ctrl+Enter)."""
    expander = page.get_by_text("Add targets for this view", exact=True)
    expander.click()
    box = page.get_by_label("One per line: NAME=pattern|pattern", exact=False)
    box.fill(text)
    box.press("Control+Enter")


@pytest.mark.parametrize(
    ("typed", "message", "shot"),
    [
        (r"Evil=(\w+\s*)+#", "Not shown (no mention in any outlet): Evil", "hostile-evil-pattern"),
        (
            "Slow=(a|aa)+$",
            "target 'Slow': pattern '(a|aa)+$' took longer than 0.5 s",
            "hostile-slow-pattern",
        ),
    ],
    ids=["evil", "slow"],
)
def test_a_catastrophic_pattern_never_freezes_the_server(
    page: Page, hostile_url, screenshots, typed, message, shot
):
    page.goto(hostile_url + "/Framing")
    wait_rendered(page, "Framing")
    with HealthWatch(hostile_url) as watch:
        type_targets(page, typed)
        expect(page.get_by_text(message, exact=False).first).to_be_visible(timeout=TIMEOUT)
        wait_rendered(page, "Framing")
        time.sleep(1.0)  # a few more health requests after the run
    assert_no_errors(page)
    assert watch.failures == []
    assert len(watch.times) >= 5
    assert max(watch.times) < FREEZE_BOUND, sorted(watch.times)[-5:]
    print(f"{typed}: {len(watch.times)} health requests, slowest {max(watch.times):.3f} s")
    full_page_screenshot(page, screenshots, shot)


def test_the_pattern_typed_is_kept_in_the_link(page: Page, hostile_url):
    page.goto(hostile_url + "/Framing")
    wait_rendered(page, "Framing")
    type_targets(page, r"Evil=(\w+\s*)+#")
    expect(page.get_by_text("Not shown (no mention in any outlet): Evil").first).to_be_visible(
        timeout=TIMEOUT
    )
    assert "target=Evil" in page.url
