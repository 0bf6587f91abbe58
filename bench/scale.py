"""Time the loader and the analysis pipeline, stage by stage, on a large JSON Lines corpus.

Usage: ``python bench/scale.py ARTICLES.jsonl[.gz] [--limit N] [--no-tracemalloc] [--analyse]
[--workers 1 2]``

Prints, per stage, the wall and CPU time (worker processes included), articles per
second, the tracemalloc peak of the stage and the process's max RSS so far; then the
whole run and each ``analyse()`` run against two baselines on the same article texts: a
bare ``TfidfVectorizer().fit_transform`` (unigrams) and a bare
``TfidfVectorizer(ngram_range=(1, 2))``, as wall and CPU ratios (CPU is the fairer figure
on a shared machine). The stages are the functions ``analysis.pipeline.analyse`` calls,
timed one by one:

  load and validate    ``load_corpus`` (decode, validate, deduplicate)
  clean and segment    ``text.segment`` per article, into the sentence table
  quotes and speakers  ``quotes.extract_quotes`` per article, canonical speakers
  entities             ``derive.entities.find_entities``: the actors named in the sentences
  speakers' sides      ``derive.sides.derive_sides``: each speaker's side from the text
  stories              ``corpus.stories.stories``: the articles grouped into stories
  names                ``find_names`` on the sentences
  term counts          ``count_terms``: every sentence's terms, counted once
  topics               ``tag_topics`` (topics.csv) and ``discover_topics`` (NMF)
  keywords per outlet  ``distinctive_terms(by="outlet")`` on all sentences, from the counts

``--limit N`` loads the first N lines (copied, untimed, to a temporary file so the
loader reads a file of that size). tracemalloc slows pure-Python code down; pass
``--no-tracemalloc`` for clean times. ``--analyse`` also times ``analyse()`` end to
end, as a check that the stages add up; ``--workers 1 2`` times ``analyse()`` with each
number of processes (the per-article stage in a process pool) and prints the speed-up.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import pipeline
from analysis.corpus.load import Corpus, load_corpus
from analysis.corpus.stories import stories
from analysis.corpus.text import segment
from analysis.emphasis.keywords import distinctive_terms
from analysis.emphasis.names import find_names
from analysis.emphasis.terms import count_terms
from analysis.emphasis.topics import discover_topics, tag_topics
from analysis.knowledge.derive.entities import find_entities
from analysis.knowledge.derive.sides import derive_sides
from analysis.voices.quotes import extract_quotes

T = TypeVar("T")
BASELINE = "bare TfidfVectorizer"
BIGRAMS = "bare uni+bigram TfidfV."
WHOLE = "analyse() end to end"


@dataclass
class Stage:
    name: str
    seconds: float
    cpu_seconds: float
    peak_bytes: int | None
    max_rss_bytes: int


class Timer:
    """Runs stages, recording wall time, tracemalloc peak and max RSS of each."""

    def __init__(self, trace: bool) -> None:
        self.trace = trace
        self.stages: list[Stage] = []

    def run(self, name: str, function: Callable[[], T]) -> T:
        with self._measure(name):
            result = function()
        return result

    @contextmanager
    def _measure(self, name: str) -> Iterator[None]:
        if self.trace:
            tracemalloc.start()
        start, cpu_start = time.perf_counter(), cpu_time()
        try:
            yield
        finally:
            seconds = time.perf_counter() - start
            cpu_seconds = cpu_time() - cpu_start
            peak = None
            if self.trace:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            self.stages.append(Stage(name, seconds, cpu_seconds, peak, max_rss_bytes()))
            print(f"  {name}: {seconds:.1f} s", file=sys.stderr, flush=True)


def cpu_time() -> float:
    """CPU seconds of this process and of its finished worker processes (a pool's workers
    count once the pool is shut down, as every stage here does before it returns)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def max_rss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    """Peak resident memory of this process so far, or of its largest finished worker
    process (``RUSAGE_CHILDREN``); ru_maxrss is in KiB on Linux."""
    rss = resource.getrusage(who).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def first_lines(path: Path, limit: int, folder: Path) -> Path:
    """A copy of the first ``limit`` non-empty lines of a JSON Lines file."""
    opener = gzip.open if path.name.endswith(".gz") else open
    target = folder / path.name
    with opener(path, "rb") as source, opener(target, "wb") as copy:
        kept = 0
        for line in source:
            if kept >= limit:
                break
            if line.strip():
                copy.write(line)
                kept += 1
    return target


def segment_articles(corpus: Corpus) -> tuple[pd.DataFrame, dict[str, list]]:
    """Segmentation as ``analyse`` does it: the sentence table and each article's paragraphs."""
    rows, paragraphs = [], {}
    for article in corpus.articles:
        _, article_paragraphs, sentences = segment(article.text)
        paragraphs[article.article_id] = [(p.start, p.end) for p in article_paragraphs]
        rows += [
            pipeline._sentence_row(article.text, article.article_id, article.outlet_name, s, [])
            for s in sentences
        ]  # voices come with the quotes, in analyse()
    return pd.DataFrame(rows, columns=pipeline.SENTENCE_COLUMNS[:-2]), paragraphs


def quote_articles(corpus: Corpus, paragraphs: dict[str, list], knowledge) -> pd.DataFrame:
    rows = [
        (article.article_id, article.outlet_name, quote)
        for article in corpus.articles
        for quote in extract_quotes(
            article.text, paragraphs[article.article_id], knowledge.registry
        )
    ]
    return pipeline._quote_frame(rows, knowledge.registry)


def tag_all_topics(sentences: pd.DataFrame, knowledge, counts) -> None:
    texts = sentences["text"].tolist()
    sentences["topics"] = tag_topics(texts, knowledge.topics)
    discovered = discover_topics(texts, counts=counts)
    sentences["discovered_topic"] = [d[0] if d else "" for d in discovered] or ""


def bare_tfidf(texts: list[str], ngram_range: tuple[int, int] = (1, 1)) -> object:
    return TfidfVectorizer(ngram_range=ngram_range).fit_transform(texts)


def report(stages: list[Stage], articles: int, trace: bool) -> None:
    print(f"{'stage':<22}{'wall s':>9}{'cpu s':>9}{'articles/s':>12}{'ms/article':>12}", end="")
    print(f"{'tracemalloc peak MB':>21}{'max RSS MB':>12}")
    for stage in stages:
        rate = articles / stage.seconds if stage.seconds else float("inf")
        peak = f"{stage.peak_bytes / 1e6:.0f}" if stage.peak_bytes is not None else "-"
        print(
            f"{stage.name:<22}{stage.seconds:>9.2f}{stage.cpu_seconds:>9.2f}{rate:>12,.0f}"
            f"{1000 * stage.seconds / articles:>12.2f}{peak:>21}{stage.max_rss_bytes / 1e6:>12.0f}"
        )
    run = [s for s in stages if s.name not in (BASELINE, BIGRAMS) and not s.name.startswith(WHOLE)]
    wall, cpu = sum(s.seconds for s in run), sum(s.cpu_seconds for s in run)
    print(f"{'whole run (stages)':<22}{wall:>9.2f}{cpu:>9.2f}{articles / wall:>12,.0f}", end="")
    print(f"{1000 * wall / articles:>12.2f}")
    for name in (BASELINE, BIGRAMS):
        baseline = next(s for s in stages if s.name == name)
        print(
            f"whole run / {name}: {wall / baseline.seconds:.1f}x wall, "
            f"{cpu / baseline.cpu_seconds:.1f}x cpu"
        )
    print(f"peak RSS {max(s.max_rss_bytes for s in stages) / 1e6:.0f} MB", end="")
    worker = max_rss_bytes(resource.RUSAGE_CHILDREN)
    print(f"; largest worker process {worker / 1e6:.0f} MB" if worker else "")
    whole = {s.name: s for s in stages if s.name.startswith(WHOLE)}
    bigrams = next(s for s in stages if s.name == BIGRAMS)
    for stage in whole.values():
        print(
            f"{stage.name} / {BIGRAMS}: {stage.seconds / bigrams.seconds:.1f}x wall, "
            f"{stage.cpu_seconds / bigrams.cpu_seconds:.1f}x cpu (all processes)"
        )
    one, two = whole.get(f"{WHOLE} (1 process)"), whole.get(f"{WHOLE} (2 processes)")
    if one and two:
        print(f"analyse() speed-up, 2 processes over 1: {one.seconds / two.seconds:.2f}x wall")
    if trace:
        print("(times include tracemalloc overhead; --no-tracemalloc for clean times)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a .jsonl or .jsonl.gz file of articles")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--no-tracemalloc", dest="trace", action="store_false")
    parser.add_argument("--analyse", action="store_true", help="also time analyse() whole")
    parser.add_argument(
        "--workers", type=int, nargs="*", default=[], help="time analyse() with N processes"
    )
    args = parser.parse_args(argv)

    timer = Timer(args.trace)
    with tempfile.TemporaryDirectory() as folder:
        path = args.path
        if args.limit is not None:
            path = first_lines(args.path, args.limit, Path(folder))
        corpus = timer.run("load and validate", lambda: load_corpus(path))
    n = len(corpus.articles)
    words = sum(len(a.text.split()) for a in corpus.articles)
    print(
        f"{n:,} articles loaded from {args.path} ({len(corpus.errors)} rejected, "
        f"{len(corpus.warnings)} warnings); {words:,} words"
    )
    knowledge = pipeline.load_knowledge(Path(tempfile.mkdtemp()))  # no files: derived

    sentences, paragraphs = timer.run("clean and segment", lambda: segment_articles(corpus))
    quotes = timer.run("quotes and speakers", lambda: quote_articles(corpus, paragraphs, knowledge))
    entities = timer.run(
        "entities",
        lambda: find_entities(sentences, sentences["outlet"].unique(), speakers=quotes["speaker"]),
    )
    texts = {a.article_id: a.text for a in corpus.articles}
    timer.run("speakers' sides", lambda: derive_sides(quotes, texts, entities))
    articles = pd.DataFrame(
        [(a.article_id, a.title, a.text, a.published, a.story) for a in corpus.articles],
        columns=["article_id", "title", "text", "published", "story"],
    )
    timer.run("stories", lambda: stories(articles))
    names = timer.run("names", lambda: find_names(sentences["text"], knowledge.speaker_names()))
    counts = timer.run("term counts", lambda: count_terms(sentences, names))
    timer.run("topics (csv + NMF)", lambda: tag_all_topics(sentences, knowledge, counts))
    terms = timer.run(
        "keywords per outlet",
        lambda: distinctive_terms(sentences, by="outlet", names=names, counts=counts),
    )
    outlets = sentences["outlet"].nunique()
    print(f"{len(sentences):,} sentences, {outlets:,} outlets, {len(terms):,} keyword rows")
    texts = [a.text for a in corpus.articles]
    timer.run(BASELINE, lambda: bare_tfidf(texts))
    timer.run(BIGRAMS, lambda: bare_tfidf(texts, (1, 2)))
    if args.analyse:
        timer.run(WHOLE, lambda: pipeline.analyse(corpus, knowledge))
    for workers in args.workers:
        name = f"{WHOLE} ({workers} process{'es' if workers > 1 else ''})"
        timer.run(name, lambda w=workers: pipeline.analyse(corpus, knowledge, workers=w))
    report(timer.stages, n, args.trace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
