"""How the loader treats a ``.jsonl.gz`` damaged mid-stream: what it keeps, what it drops.

Usage: ``python bench/damaged_gzip.py ARTICLES.jsonl[.gz] [--articles 300] [--trials 100]
[--seed 0]``

Takes the first ``--articles`` records of the file, compresses them, then in each
trial changes 1-8 bytes at a seeded random position of the compressed file and
loads it. Prints how often the damage was located (one problem at a line) or not
(the checksum fails at the end only), the articles loaded intact, and the
articles loaded with garbled text (compared with the originals), for each case.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.load import load_corpus


def records(path: Path, count: int) -> list[str]:
    """The first ``count`` JSON lines of ``path`` that have a text."""
    opener = gzip.open if path.name.endswith(".gz") else open
    lines: list[str] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(lines) == count:
                break
            if line.strip() and isinstance(json.loads(line).get("text"), str):
                lines.append(line.rstrip("\n"))
    return lines


def damaged(raw: bytes, rng: random.Random) -> bytes:
    """``raw`` with 1-8 bytes changed from a random position past the gzip header."""
    out = bytearray(raw)
    start = rng.randrange(20, len(out) - 20)
    for i in range(start, start + rng.randint(1, 8)):
        out[i] ^= rng.randrange(1, 256)
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    lines = records(args.data, args.articles)
    originals = {}
    for number, line in enumerate(lines, start=1):
        record = json.loads(line)
        originals[str(record.get("article_id") or f"feed-{number}")] = record["text"]
    raw = gzip.compress("\n".join(lines).encode("utf-8"))
    rng = random.Random(args.seed)
    figures: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl.gz"
        for _ in range(args.trials):
            path.write_bytes(damaged(raw, rng))
            corpus = load_corpus(path)
            errors = [p for p in corpus.errors if p.source == path.name]
            case = "located" if errors and errors[-1].line is not None else "unlocated"
            garbled = sum(originals.get(a.article_id) != a.text for a in corpus.articles)
            figures[f"{case} trials"] += 1
            figures[f"{case} intact articles loaded"] += len(corpus.articles) - garbled
            figures[f"{case} garbled articles loaded"] += garbled
            figures[f"{case} trials with a garbled article"] += garbled > 0
    print(f"{len(lines)} articles, {len(raw):,} compressed bytes, {args.trials} trials")
    for key in sorted(figures):
        print(f"{key}: {figures[key]:,}")


if __name__ == "__main__":
    main()
