"""A local web site of article pages for URL-import tests (loopback, free port, a thread).

Pages: two articles of our own writing (one wrapped in heavy boilerplate),
a page with no article, a 404, a slow answer, a huge page (with and without
Content-Length) and a JSON response.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ARTICLES = {"/harbour-flood.html": "harbour-flood.html", "/boilerplate.html": "boilerplate.html"}
SLOW_SECONDS = 3.0
HUGE_BYTES = 3_000_000
INDEX = b"<html><body><nav><a href='/a'>News</a> <a href='/b'>Sport</a></nav></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path in ARTICLES:
            self._send(200, "text/html; charset=utf-8", (PAGES / ARTICLES[path]).read_bytes())
        elif path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self._send(200, "text/html", (PAGES / "harbour-flood.html").read_bytes())
        elif path == "/huge.html":
            self._stream_huge(declare_length=True)
        elif path == "/endless.html":
            self._stream_huge(declare_length=False)
        elif path == "/data.json":
            self._send(200, "application/json", b'{"text": "not a page"}')
        elif path == "/index.html":
            self._send(200, "text/html", INDEX)
        else:
            self._send(404, "text/html", b"<html><body><h1>Not found</h1></body></html>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up first
            self.wfile.write(body)

    def _stream_huge(self, declare_length: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declare_length:
            self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        chunk = b"<p>" + b"filler " * 1000 + b"</p>\n"
        try:
            for _ in range(HUGE_BYTES // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        """Quiet: the tests assert on what the client saw."""


@contextmanager
def article_site() -> Iterator[str]:
    """Serve the pages on a free loopback port; yields the base URL, stops the server after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
