"""Scale benchmark for reuse detection and claims.

Usage: python bench/overlap_scale.py PATH [--limit N]

PATH is a gzip JSON-lines corpus (article_id, outlet, title, text). Prints per
stage wall time, articles per second, peak resident memory, and how many
article and sentence pairs the blocking compares against all pairs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.text import segment
from analysis.overlap.claims import claims
from analysis.overlap.reuse import (
    PARAPHRASE,
    candidate_chunks,
    candidate_pairs,
    fingerprint_pairs,
    reuse_pairs,
    shingle_hashes,
    tfidf,
    tokens,
)


def load(path: Path, limit: int | None) -> pd.DataFrame:
    """The first ``limit`` articles of a gzip JSON-lines corpus."""
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record.get("text") or ""
            rows.append((str(record["article_id"]), record.get("outlet") or "", text))
            if limit and len(rows) >= limit:
                break
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "text"])
    return frame.assign(title="", words=frame["text"].str.split().str.len())


def sentence_frame(articles: pd.DataFrame) -> pd.DataFrame:
    """Sentences of every article via ``analysis.corpus.text.segment``."""
    rows = []
    for article in articles.itertuples():
        for s in segment(article.text)[2]:
            rows.append(
                (
                    f"{article.article_id}:{s.index}",
                    article.article_id,
                    article.outlet,
                    s.paragraph,
                    s.index,
                    s.start,
                    s.end,
                    article.text[s.start : s.end],
                )
            )
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    return pd.DataFrame(rows, columns=[*columns, "text"])


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def stage(name: str, n_articles: int):
    """Print wall time, articles/s and peak memory of a stage."""
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    print(
        f"{name:28s} {seconds:8.1f} s {n_articles / max(seconds, 1e-9):9.0f} articles/s "
        f"peak {peak_mb():7.0f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--claims-limit",
        type=int,
        default=1000,
        help="skip claims above this many articles (claims are meant for one story)",
    )
    args = parser.parse_args()

    articles = load(args.path, args.limit)
    n = len(articles)
    print(f"{n:,} articles, {int(articles['words'].sum()):,} words")
    with stage("segment", n):
        sentences = sentence_frame(articles)
    print(f"{len(sentences):,} sentences")

    with stage("shingles", n):
        hashes = [shingle_hashes(tokens(text)) for text in articles["text"]]
    with stage("minhash lsh blocking", n):
        lsh = candidate_pairs(hashes)
    all_article_pairs = n * (n - 1) // 2
    print(
        f"  article pairs: {len(lsh):,} LSH candidates of {all_article_pairs:,} "
        f"({len(lsh) / max(all_article_pairs, 1):.4%})"
    )
    with stage("winnowing blocking", n):
        prints = fingerprint_pairs(hashes)
    print(f"  article pairs: {len(prints):,} sharing 2+ fingerprints of {all_article_pairs:,}")
    with stage("sentence blocking", n):
        groups = pd.factorize(sentences["article_id"])[0]
        matrix = tfidf(sentences["text"].tolist())
        n_candidates = sum(len(r) for r, _ in candidate_chunks(matrix, groups, PARAPHRASE))
    m = len(sentences)
    print(
        f"  sentence pairs: {n_candidates:,} candidates of {m * (m - 1) // 2:,} "
        f"({n_candidates / max(m * (m - 1) // 2, 1):.5%}) at cosine {PARAPHRASE}"
    )

    with stage("reuse_pairs (end to end)", n):
        reuse = reuse_pairs(articles, sentences)
    counts = reuse["kind"].value_counts().to_dict()
    pairs = reuse[["article_a", "article_b"]].drop_duplicates()
    print(f"  {len(reuse):,} reuse rows {counts} over {len(pairs):,} article pairs")

    if n > args.claims_limit:
        print(f"claims skipped: {n:,} articles > --claims-limit {args.claims_limit:,}")
        return
    with stage("claims", n):
        table, _ = claims(sentences)
    multi = int((table["n_articles"] >= 2).sum())
    sizes = table.loc[table["n_articles"] >= 2, "n_articles"]
    print(
        f"  {len(table):,} claims, {multi:,} carried by 2+ articles "
        f"(largest {int(sizes.max()) if len(sizes) else 0}, median "
        f"{float(np.median(sizes)) if len(sizes) else 0:.0f} articles)"
    )


if __name__ == "__main__":
    main()
