"""Browser-test fixtures: a real Streamlit server and a real (system) Chromium.

No browser is downloaded: Playwright drives the Chromium found at
``$CHROMIUM_PATH``, ``/usr/bin/chromium``, ``/usr/bin/chromium-browser`` or on
``PATH``. Without one the browser tests skip and say how to get one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT = 60.0
INSTALL_HINT = (
    "no Chromium found for the browser tests: apt-get install -y chromium, "
    "or set CHROMIUM_PATH to a Chromium/Chrome executable"
)
# Without these, Chromium tries to reach Google services and, on a closed
# network, its own connections get refused.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS_WRITTEN: list[Path] = []


def chromium_path() -> str | None:
    candidates = [
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        shutil.which("chromium"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def screenshot_dir() -> Path:
    return Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "artifacts" / "screenshots")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    """Terminate the server and everything it started (it leads its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip(INSTALL_HINT)
    return path


@contextlib.contextmanager
def serve(log_dir: Path, corpus: Path | None = None):
    """Run ``streamlit run dashboard.py`` on a free loopback port (on ``corpus``, else the
    bundled one); yield its base URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = log_dir / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    env = dict(os.environ)
    env.pop("COVERAGE_LENS_CORPUS", None)
    if corpus is not None:
        env["COVERAGE_LENS_CORPUS"] = str(corpus)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with {process.returncode} before it was healthy:\n"
                    + log_path.read_text(errors="replace")[-4000:]
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy at {url} after {HEALTH_TIMEOUT:.0f} s:\n"
                    + log_path.read_text(errors="replace")[-4000:]
                )
            time.sleep(0.25)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def app_url(chromium_executable, tmp_path_factory):
    """The dashboard on the bundled corpus."""
    with serve(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="session")
def story_url(chromium_executable, tmp_path_factory):
    """The dashboard on a story it has never seen, with no knowledge file beside it."""
    corpus = tmp_path_factory.mktemp("story") / "water_bill"
    shutil.copytree(ROOT / "tests" / "fixtures" / "stories" / "water_bill", corpus)
    with serve(tmp_path_factory.mktemp("streamlit-story"), corpus) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (--user-data-dir).
        instance = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    context.set_default_timeout(60_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshots():
    """Where full-page screenshots go; returns a function that saves one and records it."""
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots go to {folder}")

    def save(tab, name: str) -> Path:
        path = folder / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        SCREENSHOTS_WRITTEN.append(path)
        return path

    yield save
    if SCREENSHOTS_WRITTEN:
        print(f"\n{len(SCREENSHOTS_WRITTEN)} browser screenshot(s) saved in {folder}")


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS_WRITTEN:
        folder = SCREENSHOTS_WRITTEN[0].parent
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(SCREENSHOTS_WRITTEN)} screenshot(s) in {folder}")
