"""Scan a corpus with ``analysis.corpus.text.segment`` to audit the furniture rules.

Usage: ``python bench/furniture_scan.py ARTICLES.jsonl[.gz] [--examples 3] [--seed 0]``

Prints, per rule, how many lines it claimed and a few seeded random examples;
the articles per second of ``segment`` alone (reading and JSON decoding are
not timed); and the most common short content lines, where missed
boilerplate shows up first.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.text import segment

SHORT_LINE = 60
TOP_SHORT = 30


def read_texts(path: Path) -> Iterator[str]:
    """Yield the ``text`` field of each JSON line (gzip if the name ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line).get("text") or ""


def scan(path: Path, examples: int, seed: int) -> None:
    """Segment every article and print the audit report."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    short_content: Counter[str] = Counter()
    articles = chars = 0
    elapsed = 0.0
    for text in read_texts(path):
        began = time.perf_counter()
        furniture, paragraphs, _ = segment(text)
        elapsed += time.perf_counter() - began
        articles += 1
        chars += len(text)
        for item in furniture:
            counts[item.rule] += 1
            # Reservoir sampling keeps a uniform sample without holding every line.
            kept = samples[item.rule]
            line = text[item.start : item.end]
            if len(kept) < examples:
                kept.append(line)
            elif (slot := rng.randrange(counts[item.rule])) < examples:
                kept[slot] = line
        for paragraph in paragraphs:
            if paragraph.end - paragraph.start < SHORT_LINE:
                short_content[text[paragraph.start : paragraph.end]] += 1

    print(f"{articles} articles, {chars / 1e6:.1f} M characters")
    print(f"segment(): {articles / elapsed:,.0f} articles/s, {chars / elapsed / 1e6:.1f} M chars/s")
    print(f"\nFurniture lines per rule ({sum(counts.values())} in all):")
    for rule, count in counts.most_common():
        print(f"  {rule:<14}{count:>7}")
        for line in samples[rule]:
            print(f"      {line[:110]!r}")
    print(f"\n{TOP_SHORT} most common short content lines (< {SHORT_LINE} chars):")
    for line, count in short_content.most_common(TOP_SHORT):
        print(f"  {count:>6}  {line!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="JSON Lines file of articles with a text field")
    parser.add_argument("--examples", type=int, default=3, help="examples shown per rule")
    parser.add_argument("--seed", type=int, default=0, help="seed for picking examples")
    args = parser.parse_args()
    scan(args.path, args.examples, args.seed)


if __name__ == "__main__":
    main()
