"""What a build holds in memory at its stage boundaries: each live table's size.

Usage: ``python bench/build_held.py ARTICLES.jsonl[.gz] [--workers N]``

Runs the stages of ``analysis.store.build.build`` one after the other (the analysis, the
overlap, the whole-corpus views, the framing evidence) and prints, after each, every
table it produced: rows, ``DataFrame.memory_usage(deep=True)`` in MB (a string shared
by many rows is counted once per row, so this over-states shared strings such as
outlet names) and, for the term counts, the sparse matrix's nnz and bytes and the
vocabulary's size; then this process's resident MB (``/proc/self/status`` VmRSS).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from analysis.corpus.load import load_corpus
from analysis.filters import Selection, select_quotes
from analysis.overlap.summary import analyse_overlap
from analysis.pipeline import analyse, knowledge_folder, load_framing, load_knowledge
from analysis.store.stored_framing import corpus_evidence
from analysis.store.stored_overlap import whole_corpus

MB = 2**20


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def frame_mb(frame: pd.DataFrame) -> float:
    return frame.memory_usage(index=True, deep=True).sum() / MB


def show(stage: str, tables: dict[str, pd.DataFrame], extra: dict[str, str] | None = None):
    print(f"\n== after {stage}  (RSS {rss_mb():,.0f} MB)")
    total = 0.0
    for name, frame in tables.items():
        size = frame_mb(frame)
        total += size
        print(f"  {name:<22} {len(frame):>9,} rows {size:>9,.1f} MB")
    for name, text in (extra or {}).items():
        print(f"  {name:<22} {text}")
    print(f"  {'tables (deep)':<22} {'':>14} {total:>9,.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    start, cpu = time.perf_counter(), time.process_time()
    corpus = load_corpus(args.corpus)
    knowledge = load_knowledge(knowledge_folder(args.corpus))
    print(f"{len(corpus.articles):,} articles; RSS after loading {rss_mb():,.0f} MB")
    analysis = analyse(corpus, knowledge, workers=args.workers)
    counts = analysis.term_counts
    matrix = counts.matrix
    entities = analysis.entities
    show(
        "the analysis",
        {
            name: getattr(analysis, name)
            for name in ("articles", "paragraphs", "sentences", "furniture", "quotes")
        }
        | {"speakers": analysis.speakers, "stories": analysis.stories}
        | {"entities": entities.table, "entity mentions": entities.mentions},
        {
            "term counts": f"{matrix.nnz:,} nnz, "
            f"{(matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes) / MB:,.1f} MB"
            f" matrix, {len(counts.terms):,} terms "
            f"{pd.Series(counts.terms).memory_usage(deep=True) / MB:,.1f} MB",
        },
    )
    overlap = analyse_overlap(analysis)
    show(
        "the overlap",
        {
            name: getattr(overlap, name)
            for name in ("reuse", "copies", "shared_quotes", "claims", "members")
        },
        {"discounted": f"{len(overlap.discounted):,} sentence ids"},
    )
    every = select_quotes(analysis.quotes, analysis.sentences, Selection())
    whole = whole_corpus(overlap, every)
    pairs, speakers = whole.speakers
    views = {"omissions": whole.omissions, "exclusives": whole.exclusives}
    show("the whole-corpus views", views | {"speaker pairs": pairs, "speakers": speakers})
    framing = load_framing(knowledge.folder, analysis)
    evidence = corpus_evidence(
        analysis.sentences,
        analysis.quotes,
        analysis.articles["article_id"].tolist(),
        framing.targets,
        framing.lexicon,
        run=map,
        parts=4,
    )
    show("the framing", {"framing evidence": evidence})
    print(
        f"\n{time.perf_counter() - start:,.0f} s wall, {time.process_time() - cpu:,.0f} s CPU "
        "(this process)"
    )


if __name__ == "__main__":
    main()
