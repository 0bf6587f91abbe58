"""Pair precision and fact recall of the claims on hand-labelled stories.

Usage: ``python bench/claims_gold.py ARTICLES.jsonl[.gz] GOLD_DIR [GOLD_DIR ...]``

Each gold file (``GOLD_DIR/*.json``, format in ``bench/gold/claims_dev/README.md``)
names a story's articles and every fact two or more of its outlets report,
with every sentence reporting it. The story's articles alone are loaded as
one small corpus (through the corpus loader, as the CLI would), each with the
gold story as its ``story`` field (the gold says they are one story; the
automatic story grouping is measured on its own and must not split a story
here, or its claims are never compared), and grouped into claims by
``analysis.overlap.summary.analyse_overlap``, the call behind the Overlap
page and the ``claims`` command. Printed per story and overall,
for strong matches alone (pairs of a claim's members that both belong to its
strong core, ``agrees``: what the tool calls the same fact; a claim of strength
``strong`` is all core) and for strong + related (every pair of a claim of
two or more articles):

- pair precision: of the sentence pairs from two outlets that one claim puts
  together, the share that some gold fact lists both of;
- fact recall: of the gold facts, the share for which one claim joins
  sentences of two of the fact's outlets, each listed under the fact.

A gold sentence and a tool sentence are the same sentence when, after
whitespace is normalised, one contains the other and is at least half its length, or
their character overlap (``difflib`` matching characters over the longer length) is at
least 0.8. A short piece inside a long sentence is not that sentence: "." or a headline
the segmenter split from a gold line would otherwise match every fact of that line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.load import load_corpus
from analysis.overlap.claim_match import RELATED, STRONG
from analysis.overlap.summary import analyse_overlap
from analysis.pipeline import analyse, load_knowledge

OVERLAP = 0.8
CONTAINED = 0.5  # the least share of the longer sentence a contained one must be
LEVELS = {"strong": True, "strong+related": False}


@dataclass
class Score:
    """Counts behind pair precision and fact recall."""

    pairs: int = 0
    correct: int = 0
    facts: int = 0
    found: int = 0

    def add(self, other: Score) -> None:
        self.pairs += other.pairs
        self.correct += other.correct
        self.facts += other.facts
        self.found += other.found

    def line(self) -> str:
        precision = self.correct / self.pairs if self.pairs else float("nan")
        recall = self.found / self.facts if self.facts else float("nan")
        return (
            f"precision {precision:.2f} ({self.correct}/{self.pairs} pairs)  "
            f"recall {recall:.2f} ({self.found}/{self.facts} facts)"
        )


def normal(text: str) -> str:
    """``text`` with runs of whitespace made single spaces."""
    return " ".join(text.split())


def same_sentence(a: str, b: str) -> bool:
    """Whether gold sentence ``a`` and tool sentence ``b`` are one sentence (see module doc)."""
    a, b = normal(a), normal(b)
    shorter, longer = sorted((a, b), key=len)
    if shorter in longer and len(shorter) >= CONTAINED * len(longer):
        return True
    matched = sum(block.size for block in SequenceMatcher(None, a, b).get_matching_blocks())
    return matched / max(len(a), len(b), 1) >= OVERLAP


def read_articles(path: Path, wanted: set[str]) -> list[dict]:
    """The JSONL records of ``path`` whose article_id is in ``wanted``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return [row for row in rows if row.get("article_id") in wanted]


def story_members(records: list[dict]) -> pd.DataFrame:
    """Claim members of the story's articles, with each claim's strength."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        corpus = load_corpus(path)
        analysis = analyse(corpus, load_knowledge(folder), discover=False)
    overlap = analyse_overlap(analysis)
    strength = overlap.claims.set_index("claim_id")["strength"]
    return overlap.members.assign(strength=overlap.members["claim_id"].map(strength))


def fact_sets(gold: dict, members: pd.DataFrame) -> list[frozenset[int]]:
    """Per member row, the gold facts whose sentences of that article include it."""
    found = []
    for article_id, text in zip(members["article_id"], members["text"], strict=True):
        facts = {
            k
            for k, fact in enumerate(gold["facts"])
            if any(same_sentence(s, text) for s in fact["sentences"].get(article_id, []))
        }
        found.append(frozenset(facts))
    return found


def score(gold: dict, members: pd.DataFrame, core_only: bool) -> Score:
    """Pair precision and fact recall counts of strong cores alone or of all claims."""
    members = members.assign(facts=fact_sets(gold, members))
    result = Score(facts=len(gold["facts"]))
    joined: set[int] = set()
    shown = members[members["strength"].isin([STRONG, RELATED])]
    if core_only:
        shown = shown[shown["agrees"]]
    for _, claim in shown.groupby("claim_id"):
        rows = list(claim[["outlet", "facts"]].itertuples(index=False))
        for (outlet_a, facts_a), (outlet_b, facts_b) in combinations(rows, 2):
            if outlet_a != outlet_b:
                result.pairs += 1
                result.correct += bool(facts_a & facts_b)
                joined |= facts_a & facts_b
    result.found = len(joined)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("gold", type=Path, nargs="+", help="folders of gold story files")
    parser.add_argument("--show", action="store_true", help="print each wrong pair")
    args = parser.parse_args()
    files = sorted(f for folder in args.gold for f in folder.glob("*.json"))
    stories = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    wanted = {a["article_id"] for story in stories for a in story["articles"]}
    records = read_articles(args.articles, wanted)
    totals = {level: Score() for level in LEVELS}
    for story in stories:
        ids = {a["article_id"] for a in story["articles"]}
        chosen = [{**r, "story": story["story"]} for r in records if r["article_id"] in ids]
        members = story_members(chosen)
        print(f"{story['story']} ({len(ids)} articles, {len(story['facts'])} facts)")
        for level, core_only in LEVELS.items():
            result = score(story, members, core_only)
            totals[level].add(result)
            print(f"  {level:15} {result.line()}")
        if args.show:
            show_wrong(story, members)
    print(f"overall ({len(stories)} stories)")
    for level, total in totals.items():
        print(f"  {level:15} {total.line()}")


def show_wrong(gold: dict, members: pd.DataFrame) -> None:
    """Print the pairs of strong and related claims that no gold fact lists together."""
    members = members.assign(facts=fact_sets(gold, members))
    shown = members[members["strength"].isin([STRONG, RELATED])]
    for claim_id, claim in shown.groupby("claim_id"):
        rows = list(claim[["outlet", "text", "facts", "agrees"]].itertuples(index=False))
        for a, b in combinations(rows, 2):
            if a.outlet != b.outlet and not a.facts & b.facts:
                match = "strong" if a.agrees and b.agrees else "related"
                print(f"    x {claim_id} {match}")
                print(f"      {a.outlet}: {normal(a.text)[:160]}")
                print(f"      {b.outlet}: {normal(b.text)[:160]}")


if __name__ == "__main__":
    main()
