"""Build the unlabelled (sentence, mention) pool the tone model is self-trained on.

Usage:
    python scripts/tone_pool.py ARTICLES.jsonl.gz --data PATH/newsmtsc --out POOL.jsonl.gz

Pairs shaped like NewsMTSC's targets: each article is segmented by the
analysis's own ``segment``; a mention is a full name or a surname that
``find_names`` finds in the article, or a name of one of the default actors
(countries, parties, bodies), in a sentence of 10-60 words. Sentences that
appear in NewsMTSC's files (``--data``: train and dev, whose sentences come
from the same AllSides articles) are left out, so no labelled sentence is
also pseudo-labelled. ``--size`` pairs are drawn with a fixed seed and
written in random order (the first N of the file are a sample too), at most
one mention per sentence; the output is in NewsMTSC's format without the
polarity (``sentence_normalized``, ``targets`` with ``from``, ``to``,
``mention``). Training-time only: nothing at run time reads the pool.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.corpus.text import segment
from analysis.emphasis.names import find_names
from analysis.emphasis.terms import is_headline
from analysis.knowledge.derive.actors import load_actors

SEED = 0
MIN_WORDS, MAX_WORDS = 10, 60
_SPACES = re.compile(r"\s+")


def labelled_sentences(data: Path) -> set[str]:
    """NewsMTSC's sentences (every file of ``data``), whitespace-normalised."""
    seen = set()
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            seen.update(
                _SPACES.sub(" ", json.loads(line)["sentence_normalized"]).strip() for line in fh
            )
    return seen


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """One case-sensitive pattern for the names, longest first, on word boundaries."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def article_pairs(text: str, actor_names: list[str], skip: set[str]) -> list[tuple[str, list]]:
    """(sentence, mention spans) of an article's sentences of 10-60 words naming someone
    (headlines left out)."""
    people = find_names([text])
    written = list(people.values()) + [k.title() for k in people if " " not in k]
    pattern = name_pattern(written + actor_names)
    out = []
    for s in segment(text)[2]:
        sentence = _SPACES.sub(" ", text[s.start : s.end]).strip()
        if (
            not MIN_WORDS <= len(sentence.split()) <= MAX_WORDS
            or sentence in skip
            or is_headline(sentence)
        ):
            continue
        spans = [(m.start(), m.end()) for m in pattern.finditer(sentence)]
        if spans:
            out.append((sentence, spans))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path, help="allsides-articles.jsonl.gz")
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC jsonl")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--size", type=int, default=40000)
    args = ap.parse_args()
    skip = labelled_sentences(args.data)
    actor_names = [n for a in load_actors() for n in a.names if len(n) > 2]
    pool: list[tuple[str, list]] = []
    seen: set[str] = set()
    with gzip.open(args.articles, "rt", encoding="utf-8") as fh:
        for line in fh:
            for sentence, spans in article_pairs(
                json.loads(line).get("text") or "", actor_names, skip
            ):
                if sentence not in seen:
                    seen.add(sentence)
                    pool.append((sentence, spans))
    rng = np.random.default_rng(SEED)
    chosen = rng.permutation(len(pool))[: args.size]
    with gzip.open(args.out, "wt", encoding="utf-8") as out:
        for i in chosen:
            sentence, spans = pool[i]
            a, b = spans[rng.integers(len(spans))]
            others = [
                {"from": x, "to": y, "mention": sentence[x:y]} for x, y in spans if (x, y) != (a, b)
            ]
            target = {"from": int(a), "to": int(b), "mention": sentence[a:b]}
            doc = {"sentence_normalized": sentence, "targets": [target], "others": others}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(
        f"{len(pool)} sentences naming someone (10-60 words, not in NewsMTSC); wrote {len(chosen)}"
    )


if __name__ == "__main__":
    main()
