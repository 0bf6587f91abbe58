"""Time the claims on the first N articles of a JSON-lines corpus.

Usage: ``python bench/claims_scale.py ARTICLES.jsonl[.gz] [--sizes 300 3000] [--by-story]``

Articles are segmented with ``analysis.corpus.text.segment`` (not timed), then
``analysis.overlap.claims.claims`` runs on all their sentences at once, as
the Overlap page and the ``claims`` command do on a corpus; with
``--by-story``, articles are first grouped into stories
(``analysis.corpus.stories``, timed apart) and claims are found within each
story. Printed per size: sentences, claims of two or more articles, sentences
in strong matches, seconds and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.stories import stories
from analysis.corpus.text import segment
from analysis.overlap.claims import claims

COLUMNS = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end", "text"]


def read_articles(path: Path, limit: int) -> list[dict]:
    """The first ``limit`` records of ``path``."""
    opener = gzip.open if path.suffix == ".gz" else open
    records = []
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(records) >= limit:
                break
            records.append(json.loads(line))
    return records


def read_sentences(records: list[dict]) -> pd.DataFrame:
    """Sentences of the articles ``records``."""
    rows = []
    for record in records:
        text, article_id = record.get("text") or "", str(record["article_id"])
        for k, s in enumerate(segment(text)[2]):
            rows.append(
                (
                    f"{article_id}:{k}",
                    article_id,
                    record.get("outlet") or "",
                    s.paragraph,
                    k,
                    s.start,
                    s.end,
                    text[s.start : s.end],
                )
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--by-story", action="store_true", help="claims within each story")
    args = parser.parse_args()
    for size in args.sizes:
        records = read_articles(args.articles, size)
        sentences = read_sentences(records)
        if args.by_story:
            start = time.perf_counter()
            articles = pd.DataFrame(records).reindex(
                columns=["article_id", "title", "text", "published"]
            )
            grouped = stories(articles.fillna("").astype(str))
            story = grouped.set_index("article_id")["story"]
            sentences["story"] = sentences["article_id"].map(story)
            print(f"  stories: {story.nunique():,} in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        table, members = claims(sentences)
        seconds = time.perf_counter() - start
        shared = int((table["n_articles"] >= 2).sum())
        strong = int(members["agrees"].sum())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{sentences['article_id'].nunique():>6,} articles {len(sentences):>8,} sentences: "
            f"{shared:,} claims of 2+ articles, {strong:,} sentences in strong matches, "
            f"{seconds:.1f} s, peak {peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
