"""Check a claim gold set against its articles.

Usage: python bench/gold/check_claims_gold.py ARTICLES.jsonl.gz [GOLD_DIR]

Every listed sentence must be an exact substring of its article's text (whitespace
normalised to single spaces), every fact must be reported by two or more outlets, and
every story must hold three or more outlets. Prints one line per story and the totals;
exits 1 on the first kind of problem it finds, listing every instance of it.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

DEFAULT_GOLD = Path(__file__).parent / "claims_test"


def _normal(text: str) -> str:
    """Collapse runs of whitespace, so line breaks in the article do not matter."""
    return re.sub(r"\s+", " ", text).strip()


def load_texts(path: Path, wanted: set[str]) -> dict[str, str]:
    """Normalised text of the wanted articles, read from a (gzipped) JSONL file."""
    opener = gzip.open if path.suffix == ".gz" else open
    texts: dict[str, str] = {}
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row.get("article_id") in wanted:
                texts[row["article_id"]] = _normal(row.get("text") or "")
    return texts


def story_problems(story: dict, texts: dict[str, str]) -> list[str]:
    """Every problem in one story file, as readable lines."""
    name = story.get("story", "?")
    outlet_of = {a["article_id"]: a["outlet"] for a in story["articles"]}
    problems = []
    if len(set(outlet_of.values())) < 3:
        problems.append(f"{name}: fewer than 3 outlets")
    for article_id in outlet_of:
        if article_id not in texts:
            problems.append(f"{name}: article {article_id} not in the articles file")
    for fact in story["facts"]:
        outlets = {outlet_of.get(a, f"unlisted {a}") for a in fact["sentences"]}
        if len(outlets) < 2:
            problems.append(f"{name}: fact {fact['fact']!r} has fewer than 2 outlets")
        for article_id, sentences in fact["sentences"].items():
            if article_id not in outlet_of:
                problems.append(f"{name}: fact {fact['fact']!r} cites unlisted {article_id}")
            for sentence in sentences:
                if _normal(sentence) not in texts.get(article_id, ""):
                    problems.append(f"{name}: not in {article_id}: {sentence[:80]!r}")
    return problems


def main(argv: list[str]) -> int:
    """Check every story file in the gold folder; print counts and problems."""
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2])
        return 2
    articles = Path(argv[1])
    gold = Path(argv[2]) if len(argv) == 3 else DEFAULT_GOLD
    if not articles.is_file() or not gold.is_dir():
        print(f"No such articles file or gold folder: {articles}, {gold}")
        return 2
    stories = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.json"))]
    wanted = {a["article_id"] for s in stories for a in s["articles"]}
    texts = load_texts(articles, wanted)
    problems = []
    totals = {"articles": 0, "facts": 0, "sentences": 0}
    outlets: set[str] = set()
    for story in stories:
        problems += story_problems(story, texts)
        listed = {s for f in story["facts"] for v in f["sentences"].values() for s in v}
        outlets |= {a["outlet"] for a in story["articles"]}
        totals["articles"] += len(story["articles"])
        totals["facts"] += len(story["facts"])
        totals["sentences"] += len(listed)
        print(
            f"{story['story']}: {len(story['articles'])} articles, "
            f"{len(story['facts'])} facts, {len(listed)} distinct sentences"
        )
    print(
        f"total: {len(stories)} stories, {totals['articles']} articles, {len(outlets)} outlets, "
        f"{totals['facts']} facts, {totals['sentences']} distinct sentences"
    )
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
