"""URL import: fetching article pages from a local web site and extracting the article."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from analysis.cli import EXIT_REJECTED, EXIT_USAGE, main
from analysis.corpus.fetch import FetchError, fetch_articles, fetch_page, split_urls
from analysis.corpus.ingest import add_articles
from analysis.corpus.load import Article, load_corpus
from analysis.knowledge.files import Problem
from tests.article_site import article_site

ROOT = Path(__file__).resolve().parents[1]
LIMITS = {"timeout": 1.0, "max_bytes": 1_000_000}


@pytest.fixture(scope="module")
def site():
    with article_site() as base:
        yield base


def fetch_one(url: str) -> Article | Problem:
    (item,) = fetch_articles([url], **LIMITS)
    return item


def test_an_article_page_gives_its_text_and_metadata(site):
    article = fetch_one(f"{site}/harbour-flood.html")
    assert isinstance(article, Article)
    assert article.title == "Harbour wall gives way as river floods Eastwick"
    assert article.outlet == "The Valley Courier"
    assert article.author == "Maria Lindqvist"
    assert article.published == "2025-02-11"
    assert article.url == f"{site}/harbour-flood.html"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4 and paragraphs[0].startswith("A section of the old harbour wall")
    assert "said Councillor Peter Okafor" in article.text
    assert "© 2025" not in article.text and "By Maria Lindqvist" not in article.text


def test_boilerplate_never_reaches_the_article_text(site):
    article = fetch_one(f"{site}/boilerplate.html")
    assert isinstance(article, Article)
    assert article.outlet == "Northern Daily Post" and article.published == "2025-02-12"
    assert article.text.startswith("Questions grew on Wednesday")
    assert "said Anna Brook" in article.text
    for furniture in (
        "cookies", "Subscribe", "Sport", "newsletter", "Advertisement", "Related stories",
        "garden makeovers", "Comments", "floodwatcher99", "nobody from the council",
        "Terms and conditions",
    ):  # fmt: skip
        assert furniture not in article.text, furniture


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing.html", "answered 404"),
        ("/slow.html", "time-out"),
        ("/huge.html", "too large"),
        ("/endless.html", "too large"),
        ("/data.json", "not an HTML page (the server sent application/json)"),
        ("/index.html", "no article text"),
    ],
)
def test_each_failure_has_its_own_message(site, path, expected):
    problem = fetch_one(site + path)
    assert isinstance(problem, Problem) and problem.source == site + path
    assert expected in problem.message


def test_unknown_host_and_bad_scheme_are_explained():
    with pytest.raises(FetchError, match=r"not found \(DNS\)"):
        fetch_page("http://no-such-host.invalid/story", timeout=5)
    with pytest.raises(FetchError, match="not a web address"):
        fetch_page("file:///etc/passwd")


def test_a_closed_port_is_explained(site):
    with article_site() as closed:
        pass
    with pytest.raises(FetchError, match="connection refused"):
        fetch_page(f"{closed}/harbour-flood.html", timeout=2)


def test_pasted_links_are_split_and_deduplicated():
    text = "  https://a.test/1\nhttps://b.test/2 https://a.test/1\n\n"
    assert split_urls(text) == ["https://a.test/1", "https://b.test/2"]


def test_fetched_articles_are_added_and_failures_write_nothing(site, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    before = set(folder.iterdir())
    urls = [f"{site}/harbour-flood.html", f"{site}/missing.html", f"{site}/boilerplate.html"]
    items = list(fetch_articles(urls, **LIMITS))
    articles = [i for i in items if isinstance(i, Article)]
    result = add_articles(folder, articles, load_corpus(folder))
    assert len(result.added) == 2 and not result.errors
    assert {p.name for p in set(folder.iterdir()) - before} == set(result.files)
    corpus = load_corpus(folder)
    assert not corpus.errors
    loaded = {a.outlet: a for a in corpus.articles}
    assert loaded["The Valley Courier"].url == f"{site}/harbour-flood.html"
    assert loaded["Northern Daily Post"].text == articles[1].text


def test_cli_fetch_writes_the_articles_and_reports_each_url(site, tmp_path):
    out = io.StringIO()
    folder = tmp_path / "new-story"
    urls = [f"{site}/harbour-flood.html", f"{site}/data.json", f"{site}/boilerplate.html"]
    status = main(["fetch", *urls, "--out", str(folder), "--format", "csv"], out)
    assert status == EXIT_REJECTED
    rows = {r["url"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[urls[0]]["status"] == "added" and (folder / rows[urls[0]]["file"]).is_file()
    assert rows[urls[1]]["status"] == "not added" and "application/json" in rows[urls[1]]["message"]
    assert rows[urls[2]]["outlet"] == "Northern Daily Post"
    corpus = load_corpus(folder)
    assert len(corpus.articles) == 2 and not corpus.problems

    again = io.StringIO()
    assert main(["fetch", urls[0], "--out", str(folder)], again) == EXIT_REJECTED
    assert "already in the corpus" in again.getvalue()
    assert len(load_corpus(folder).articles) == 2


def test_cli_fetch_appends_to_a_jsonl_corpus(site, tmp_path):
    target = tmp_path / "corpus.jsonl"
    old = b'{"outlet": "Plains Post", "text": "The county opened a second shelter on Friday."}\n'
    target.write_bytes(old)
    urls = [f"{site}/harbour-flood.html", f"{site}/missing.html"]
    assert main(["fetch", *urls, "--out", str(target)], io.StringIO()) == EXIT_REJECTED
    assert target.read_bytes().startswith(old) and target.read_bytes().count(b"\n") == 2
    loaded = {a.outlet: a for a in load_corpus(target).articles}
    assert loaded["The Valley Courier"].url == urls[0]
    assert loaded["The Valley Courier"].loaded_from == "corpus.jsonl:2"


def test_cli_fetch_refuses_a_file_that_is_no_corpus_as_out(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("", encoding="utf-8")
    assert main(["fetch", "http://127.0.0.1:9/x", "--out", str(target)]) == EXIT_USAGE
    assert "--out must be a folder (one file per article) or a .jsonl" in capsys.readouterr().err
