"""Knowledge derived from stories the tool has never seen, and what deriving it costs.

    python bench/knowledge_stories.py PATH/allsides-articles.jsonl.gz [--limit 3000]

Five stories are assembled from the file by article id (US politics, business,
a court case, a disaster, sport; none about China or Russia). For each, the
script prints the derived targets with their mentions and outlets, the sides
found for the quoted speakers and the discovered topics. Then it times the
derivation (entities, sides, targets) on the first ``--limit`` articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.load import load_corpus
from analysis.knowledge.derive.entities import find_entities
from analysis.knowledge.derive.sides import derive_sides
from analysis.knowledge.derive.targets import derive_targets
from analysis.pipeline import analyse, load_framing, load_knowledge

STORIES = {
    "US politics: Senate gun background-check vote, April 2013": {
        "topic": "gun_control_and_gun_rights",
        "dates": ("2013-04-10", "2013-04-17", "2013-04-18"),
    },
    "Business: Comcast's bid for Time Warner Cable": {
        "ids": ("M6yewwHCsDMohINi", "ot6wNuxxLLhWNNJ1", "xsCkwcGgIMcoD79a", "Sx2jPEbnYUaOMpWI"),
    },
    "Court: the Supreme Court and the travel ban, 2017": {
        "topic": "supreme_court",
        "dates": ("2017-06-26",),
        "ids": ("bBhxuGhaA1jGCDe8", "KuVtvB91S4NJyl5r"),
    },
    "Disaster: Hurricane Irma and FEMA, 2017": {
        "ids": ("GoHhURSqncb7UYB9", "5BvnKsMruGs5q79R", "JGllBEaNiet9KrM0", "S7Cyop5sNWaq4h9T"),
    },
    "Sport: NFL anthem protests, 2017": {
        "ids": (
            "NnQMVi6xw30RCxLf", "FLyRcE6BLEftVL2j", "1ucj1Np03KkI1B0v", "3baQlhzOJxf5B51G",
            "pPm9sHVSJCUxxSyj", "Sx8SDXlRgvHCD6TS",
        ),
    },
}  # fmt: skip


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def pick(rows: list[dict], spec: dict) -> list[dict]:
    ids = set(spec.get("ids", ()))
    chosen = [r for r in rows if r["article_id"] in ids]
    if "topic" in spec:
        chosen += [
            r
            for r in rows
            if r["topic"] == spec["topic"] and (r["published"] or "")[:10] in spec["dates"]
        ]
    return chosen


def write(rows: list[dict], folder: Path) -> Path:
    path = folder / "story.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for r in rows:
            record = {
                "article_id": r["article_id"],
                "outlet": r["outlet"],
                "title": r["title"],
                "published": (r["published"] or "")[:10] or None,
                "text": r["text"],
            }
            handle.write(json.dumps(record) + "\n")
    return path


def report_story(name: str, rows: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(rows, Path(tmp))
        analysis = analyse(load_corpus(path), load_knowledge(tmp), discover=False)
        framing = load_framing(tmp, analysis)
    outlets = len({r["outlet"] for r in rows})
    print(f"\n## {name} ({len(rows)} articles, {outlets} outlets)")
    targets = framing.derived_targets
    print(
        "targets: "
        + "; ".join(
            f"{t.target} ({t.mentions} mentions, {t.outlets} outlets)" for t in targets.itertuples()
        )
    )
    sides = analysis.speakers.groupby("affiliation")["quotes"].sum().sort_values(ascending=False)
    print("sides (quotes): " + "; ".join(f"{side} {n}" for side, n in sides.items()))
    print("topics: " + "; ".join(analysis.topic_names))


def time_derivation(rows: list[dict], limit: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(rows[:limit], Path(tmp))
        start = time.perf_counter()
        analysis = analyse(load_corpus(path), load_knowledge(tmp), discover=False)
        whole = time.perf_counter() - start
    sentences, quotes = analysis.sentences, analysis.quotes
    texts = analysis.articles["text"].to_dict()
    start = time.perf_counter()
    entities = find_entities(
        sentences, analysis.articles["outlet"].unique(), speakers=quotes["speaker"].dropna()
    )
    found = time.perf_counter()
    derive_sides(quotes, texts, entities)
    sided = time.perf_counter()
    derive_targets(entities)
    done = time.perf_counter()
    print(f"\n## Derivation on {len(analysis.articles):,} articles ({len(sentences):,} sentences)")
    print(
        f"entities {found - start:.1f} s · sides {sided - found:.1f} s · "
        f"targets {done - sided:.2f} s"
    )
    print(f"whole analysis (without NMF topics) {whole:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int, default=3000)
    args = parser.parse_args()
    rows = read(args.data)
    for name, spec in STORIES.items():
        report_story(name, pick(rows, spec))
    time_derivation(rows, args.limit)


if __name__ == "__main__":
    main()
