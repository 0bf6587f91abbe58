"""Pairwise "same story" precision, recall and F1 of ``analysis.corpus.stories`` on known groups.

Usage: ``python bench/stories.py ARTICLES.jsonl[.gz] [--gold bench/gold/stories.csv] [--all]``

The gold file lists article ids and the story each covers, picked by hand
from titles and dates before the grouping was run on them (the allsides
``topic`` field is a subject, not a story). The gold articles are grouped
together with every other article of the file published within a week of one
of them (distractors that could join a wrong story); only pairs of gold
articles are scored. ``--all`` also times the grouping of the whole file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.stories import stories

GOLD = Path(__file__).resolve().parent / "gold" / "stories.csv"


def read_articles(path: Path) -> pd.DataFrame:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    frame = pd.DataFrame(rows)[["article_id", "title", "text", "published"]]
    return frame.fillna("")


def pairwise(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_found = gold[a] == gold[b], found[a] == found[b]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--all", action="store_true", help="also time the whole file")
    args = parser.parse_args()
    articles = read_articles(args.articles)
    gold = pd.read_csv(args.gold, dtype=str).set_index("article_id")["story"].to_dict()
    dates = pd.to_datetime(articles["published"], errors="coerce", utc=True)
    gold_dates = dates[articles["article_id"].isin(gold)].dropna()
    near = articles["article_id"].isin(gold) | dates.apply(
        lambda d: pd.notna(d) and bool(((gold_dates - d).abs() <= pd.Timedelta(days=7)).any())
    )
    pool = articles[near]
    found = stories(pool).set_index("article_id")["story"].to_dict()
    precision, recall, f1 = pairwise(gold, found)
    print(f"gold articles {len(gold)} in {len(set(gold.values()))} stories; pool {len(pool)}")
    print(f"same-story pairs: precision {precision:.2f} recall {recall:.2f} F1 {f1:.2f}")
    if args.all:
        start = time.perf_counter()
        grouped = stories(articles)
        seconds = time.perf_counter() - start
        print(
            f"all {len(articles)} articles: {grouped['story'].nunique()} stories, {seconds:.1f} s"
        )


if __name__ == "__main__":
    main()
