"""Print each outlet's top keywords on one or more corpora (for before/after comparisons).

Usage: python bench/keyword_lists.py CORPUS [CORPUS ...] [--top 10] [--method tfidf|logodds]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.load import load_corpus
from analysis.emphasis.keywords import distinctive_terms
from analysis.pipeline import analyse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--method", choices=["tfidf", "logodds"], default="tfidf")
    args = parser.parse_args()
    for path in args.corpora:
        analysis = analyse(load_corpus(path))
        terms = distinctive_terms(
            analysis.sentences,
            top=args.top,
            names=analysis.names,
            counts=analysis.term_counts,
            method=args.method,
        )
        print(f"## {path} ({len(analysis.articles)} articles)")
        for outlet, group in terms.groupby("group"):
            print(f"- {outlet}: " + ", ".join(group.sort_values("rank")["term"]))
        print()


if __name__ == "__main__":
    main()
