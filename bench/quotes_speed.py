"""Time of the quote stage per article: extract_quotes on real articles, one core.

Usage: python bench/quotes_speed.py ARTICLES.jsonl[.gz] [N] [SPEAKERS.csv]
(JSONL with a ``text`` field and optionally ``published``, e.g. the AllSides
sample; the first N articles, 500 by default). Prints articles, words, total
seconds and milliseconds per article and per 1,000 words, and the CPU time per
article (the process's own time: the figure to compare on a shared machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.voices.quotes import extract_quotes
from analysis.voices.speakers import SpeakerRegistry


def _articles(path: Path, limit: int) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for _, line in zip(range(limit), lines, strict=False)]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="JSONL (.gz) with a text field")
    parser.add_argument("n", type=int, nargs="?", default=500, help="the first N articles")
    parser.add_argument("speakers", type=Path, nargs="?", help="a speakers.csv")
    args = parser.parse_args(argv)
    registry = SpeakerRegistry.from_csv(args.speakers)[0] if args.speakers else SpeakerRegistry()
    articles = _articles(args.articles, args.n)
    words = 0
    began, cpu_began = time.perf_counter(), time.process_time()
    for article in articles:
        text = article["text"]
        words += len(text.split())
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        published, outlet = article.get("published") or "", article.get("outlet") or ""
        extract_quotes(text, paragraphs, registry, published, outlet=outlet)
    elapsed = time.perf_counter() - began
    cpu = time.process_time() - cpu_began
    print(
        f"{len(articles)} articles, {words} words: {elapsed:.2f} s, "
        f"{1000 * elapsed / len(articles):.1f} ms per article, "
        f"{1000 * elapsed / words * 1000:.1f} ms per 1,000 words; "
        f"CPU time {1000 * cpu / len(articles):.1f} ms per article (steadier on a busy machine)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
