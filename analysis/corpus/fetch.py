"""Fetch article pages by URL and extract the article from each (trafilatura).

Each page is fetched with a time-out (the whole download, not only each read)
and a size limit, and every failure becomes one clear message (not found,
time-out, too large, not HTML, unknown address). Trafilatura keeps the main
text and leaves out navigation, cookie banners, comments and related links;
it also reads the title, site name, author and date from the page.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from analysis.corpus.load import MAX_ARTICLE_BYTES, UNKNOWN_OUTLET, Article, _size
from analysis.knowledge.files import Problem

TIMEOUT_SECONDS = 15.0
MAX_PAGE_BYTES = 5_000_000
"""Largest page downloaded: article pages are well under 1 MB even with their markup."""
MAX_PAGE_SIZE = _size(MAX_PAGE_BYTES)
"""The size limit as the analyst reads it ("5 MB")."""
MIN_WORDS = 20
"""Fewer words of main text means an index, a login wall or a page made by script."""
USER_AGENT = "CoverageLens/1.0 (article import for media analysis)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 65_536


class FetchError(Exception):
    """A page that could not be fetched, with the message to show."""


@dataclass(frozen=True)
class Page:
    """A downloaded HTML page."""

    url: str  # the address it was finally read from (after redirects)
    html: bytes


def fetch_page(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES) -> Page:
    """Download one HTML page; raises :class:`FetchError` with a readable reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("not a web address: give a link that starts with http:// or https://")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in HTML_TYPES:
                raise FetchError(f"not an HTML page (the server sent {kind})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_large(int(length), max_bytes))
            return Page(response.geturl(), _read(response, deadline, max_bytes, timeout))
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(_network_reason(exc.reason, parts.hostname, timeout)) from None
    except TimeoutError:
        raise FetchError(_timed_out(timeout)) from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"the page could not be read ({exc})") from None


def _read(response, deadline: float, max_bytes: int, timeout: float) -> bytes:
    """Read the body in chunks, stopping at the size limit or the deadline."""
    body = bytearray()
    while chunk := response.read(_CHUNK):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(_too_large(len(body), max_bytes, at_least=True))
        if time.monotonic() > deadline:
            raise FetchError(_timed_out(timeout))
    return bytes(body)


def _network_reason(reason: object, host: str, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"the address {host} was not found (DNS): check the link"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(timeout)
    if isinstance(reason, ConnectionRefusedError):
        return f"nothing answers at {host} (connection refused)"
    return f"the site could not be reached ({reason})"


def _timed_out(timeout: float) -> str:
    return f"no complete answer within {timeout:g} s (time-out); try again later"


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    amount = f"more than {_size(limit)}" if at_least else _size(size)
    return f"the page is too large ({amount}; the limit is {_size(limit)})"


def extract_article(page: Page) -> Article:
    """The article of a page: main text, title, outlet (site name), author and date.

    Raises :class:`FetchError` when the page holds no article text. Trafilatura is
    imported here, on first use, so pages and commands that fetch nothing do not pay
    for its memory.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        page.html,
        url=page.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (document.text or "").strip() if document else ""
    if len(text.split()) < MIN_WORDS:
        raise FetchError("no article text found on the page (an index, a login wall or a script?)")
    title = _one_line(document.title)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise FetchError(f"the article text is over {_size(MAX_ARTICLE_BYTES)}")
    outlet = _one_line(document.sitename) or _one_line(document.hostname) or _host(page.url)
    return Article(
        article_id="",
        text=body,
        title=title,
        outlet=outlet or UNKNOWN_OUTLET,
        published=_one_line(document.date),
        url=page.url,
        author=_one_line(document.author),
        loaded_from=page.url,
    )


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def fetch_articles(
    urls: Iterable[str], timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES
) -> Iterator[Article | Problem]:
    """Fetch and extract each URL in turn: an article, or a problem named by its URL."""
    for url in dict.fromkeys(u.strip() for u in urls if u.strip()):
        try:
            yield extract_article(fetch_page(url, timeout, max_bytes))
        except FetchError as exc:
            yield Problem(url, None, str(exc))


def split_urls(text: str) -> list[str]:
    """The links in a pasted block: one per line or separated by spaces, blanks ignored."""
    return list(dict.fromkeys(text.split()))
