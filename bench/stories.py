"""Pairwise "same story" precision, recall and F1 of ``analysis.corpus.stories`` on known groups.

Usage: ``python bench/stories.py ARTICLES.jsonl[.gz] [--gold FILE]... [--all]``

Each gold file lists article ids and the story each covers, picked by hand
from titles and dates before the grouping was run on them (the allsides
``topic`` field is a subject, not a story). The articles of one gold file are
grouped together with every other article of the file published within a
week of one of them (distractors that could join a wrong story); only pairs
of that file's articles are scored. The figures are printed per gold file and
pooled (pair counts summed over the files). ``--all`` also times the grouping
of the whole file.
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


def pair_counts(gold: dict[str, str], found: dict[str, str]) -> tuple[int, int, int]:
    """True positive, false positive and false negative same-story pairs of gold articles."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_found = gold[a] == gold[b], found[a] == found[b]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    return tp, fp, fn


def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from pair counts."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pool_for(articles: pd.DataFrame, dates: pd.Series, gold: dict[str, str]) -> pd.DataFrame:
    """The gold articles and every article published within a week of one of them."""
    is_gold = articles["article_id"].isin(gold)
    gold_days = dates[is_gold].dropna().unique()
    near = pd.Series(False, index=articles.index)
    for day in gold_days:
        near |= (dates - day).abs() <= pd.Timedelta(days=7)
    return articles[is_gold | near]


def read_gold(path: Path, known: set[str]) -> dict[str, str]:
    """article_id -> story of one gold file; exits with a message on unknown ids."""
    gold = pd.read_csv(path, dtype=str).set_index("article_id")["story"].to_dict()
    missing = sorted(set(gold) - known)
    if missing:
        sys.exit(f"{path}: {len(missing)} article ids not in the articles file, e.g. {missing[0]}")
    return gold


def line(name: str, tp: int, fp: int, fn: int) -> str:
    precision, recall, f1 = scores(tp, fp, fn)
    return (
        f"{name}: same-story pairs {tp + fn}, found {tp + fp}; "
        f"precision {precision:.2f} recall {recall:.2f} F1 {f1:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument(
        "--gold", type=Path, action="append", help=f"gold CSV (repeatable; default {GOLD.name})"
    )
    parser.add_argument("--all", action="store_true", help="also time the whole file")
    args = parser.parse_args()
    articles = read_articles(args.articles)
    dates = pd.to_datetime(articles["published"], errors="coerce", utc=True)
    known = set(articles["article_id"])
    totals = [0, 0, 0]
    for path in args.gold or [GOLD]:
        gold = read_gold(path, known)
        pool = pool_for(articles, dates, gold)
        found = stories(pool).set_index("article_id")["story"].to_dict()
        counts = pair_counts(gold, found)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        stories_n = len(set(gold.values()))
        print(f"{path.name}: {len(gold)} articles in {stories_n} stories; pool {len(pool)}")
        print(line(path.name, *counts))
    if len(args.gold or []) > 1:
        print(line("pooled", *totals))
    if args.all:
        start = time.perf_counter()
        grouped = stories(articles)
        seconds = time.perf_counter() - start
        print(
            f"all {len(articles)} articles: {grouped['story'].nunique()} stories, {seconds:.1f} s"
        )


if __name__ == "__main__":
    main()
