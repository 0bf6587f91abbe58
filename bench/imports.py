"""Time a large import: N rows of a JSON Lines file added to an empty corpus folder and to
a JSON Lines corpus, as the Corpus page's upload does (check every row, then write).

Usage: ``python bench/imports.py ARTICLES.jsonl[.gz] [--limit N]``

Prints, for each kind of target corpus, the rows read, added and refused, the wall time
and rows per second of reading and of adding. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.corpus.ingest import add_articles, read_jsonl_upload
from analysis.corpus.load import load_corpus


def first_lines(path: Path, limit: int) -> bytes:
    """The first ``limit`` lines of the file, as an upload would bring them."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return b"".join(itertools.islice(handle, limit))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="a .jsonl or .jsonl.gz file of articles")
    parser.add_argument("--limit", type=int, default=1000, help="rows to import (1000)")
    args = parser.parse_args()
    raw = first_lines(args.articles, args.limit)
    start = time.perf_counter()
    articles, problems = read_jsonl_upload(raw, "upload.jsonl")
    read = time.perf_counter() - start
    print(f"read {len(articles):,} rows ({len(problems)} problems) in {read:.2f} s")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "folder"
        folder.mkdir()
        jsonl = Path(scratch) / "corpus.jsonl"
        jsonl.write_bytes(b"")
        for label, target in (("folder", folder), ("jsonl", jsonl)):
            start = time.perf_counter()
            result = add_articles(target, articles, load_corpus(target))
            took = time.perf_counter() - start
            loaded = len(load_corpus(target).articles)
            print(
                f"{label:6} added {len(result.added):,}, refused {len(result.errors):,}, "
                f"loads back {loaded:,}: {took:.2f} s ({len(articles) / took:,.0f} rows/s)"
            )


if __name__ == "__main__":
    main()
