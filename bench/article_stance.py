"""Agreement of the article-level stance reading with annotators, test half first.

Usage: ``python bench/article_stance.py ARTICLES.jsonl[.gz] [--gold GOLD.jsonl] [--grid]``

``ARTICLES`` holds the gold set's articles (the allsides JSONL: article_id,
outlet, title, text...); ``GOLD`` is ``bench/gold/article_stance.jsonl`` by
default. The gold articles are analysed as one corpus with the
story-independent framing lexicon and one target per gold pair (its
patterns), as a new corpus would be. Each pair's article row of
``summarize(by="article")`` is read by ``calibration.stance_label``.

Printed for the test half (untouched when the thresholds were set), then the
dev half: pairs, how many the reading abstains on (``unclear``), macro-F1 over
negative/neutral/positive (``unclear`` counted as neutral, so abstaining is
never free), per-class precision and recall, and the same for the reading
before calibration (the sign of the score). ``--grid`` also prints the dev
search the thresholds came from. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from analysis.corpus.load import load_corpus
from analysis.framing import calibration
from analysis.framing.stance import Target, load_lexicon, stance_evidence, summarize
from analysis.pipeline import GENERIC_LEXICON, analyse, load_knowledge

GOLD = Path(__file__).resolve().parent / "gold" / "article_stance.jsonl"
CLASSES = ("negative", "neutral", "positive")


def read_gold(path: Path) -> pd.DataFrame:
    """The gold pairs, one row each."""
    with path.open(encoding="utf-8") as lines:
        return pd.DataFrame([json.loads(line) for line in lines if line.strip()])


def article_rows(articles_path: Path, gold: pd.DataFrame) -> pd.DataFrame:
    """Each gold pair with its article's framing row (score, mentions...)."""
    wanted = set(gold["article_id"])
    opener = gzip.open if articles_path.suffix == ".gz" else open
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "gold-articles.jsonl"
        with opener(articles_path, "rt", encoding="utf-8") as lines, subset.open("w") as out:
            out.writelines(line for line in lines if json.loads(line)["article_id"] in wanted)
        analysis = analyse(load_corpus(subset), load_knowledge(folder), discover=False)
    patterns: dict[str, set[str]] = {}
    for target, pattern in zip(gold["target"], gold["patterns"], strict=True):
        patterns.setdefault(target, set()).add(pattern)
    targets = [Target(name, "|".join(sorted(p))) for name, p in patterns.items()]
    lexicon, _ = load_lexicon(GENERIC_LEXICON)
    evidence = stance_evidence(analysis.sentences, analysis.quotes, targets, lexicon)
    table = summarize(evidence, analysis.articles, analysis.quotes, targets, by="article")
    return gold.merge(table, on=["article_id", "target"], how="left")


def sign_reading(score: float) -> str:
    """The reading before calibration: the sign of the score."""
    if pd.isna(score) or score == 0:
        return "neutral"
    return "negative" if score < 0 else "positive"


def scores(gold: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """Macro-F1 over the three classes (unclear as neutral), precision and recall per class."""
    answered = predicted.replace("unclear", "neutral")
    out: dict[str, float] = {}
    f1s = []
    for c in CLASSES:
        tp = int(((answered == c) & (gold == c)).sum())
        said, true = int((answered == c).sum()), int((gold == c).sum())
        precision = tp / said if said else float("nan")
        recall = tp / true if true else float("nan")
        f1s.append(2 * tp / (said + true) if said + true else 0.0)
        out[f"{c} precision"], out[f"{c} recall"], out[f"{c} said"] = precision, recall, said
    out["macro-F1"] = sum(f1s) / len(f1s)
    return out


def report(rows: pd.DataFrame, name: str) -> None:
    """Print one half's figures, calibrated and before calibration."""
    calibrated = pd.Series(
        [calibration.stance_label(s, n) for s, n in zip(rows["score"], rows["narrated_mentions"])],
        index=rows.index,
    )
    counts = rows["label"].value_counts().reindex(CLASSES, fill_value=0)
    print(f"\n{name}: {len(rows)} pairs ({', '.join(f'{c} {n}' for c, n in counts.items())})")
    print(f"  unclear (fewer than {calibration.MIN_EVIDENCE} narrated mentions): "
          f"{int((calibrated == 'unclear').sum())}")  # fmt: skip
    for label, predicted in (
        ("calibrated", calibrated),
        ("sign of score", rows["score"].map(sign_reading)),
    ):
        s = scores(rows["label"], predicted)
        per_class = "  ".join(
            f"{c} P={s[f'{c} precision']:.2f} R={s[f'{c} recall']:.2f} (said {s[f'{c} said']})"
            for c in CLASSES
        )
        print(f"  {label:14} macro-F1 {s['macro-F1']:.3f}  {per_class}")


def grid(dev: pd.DataFrame) -> None:
    """The dev search: negative precision first, then macro-F1, per threshold pair."""
    found = []
    for low, high in itertools.product(range(-30, 1), range(0, 31)):
        lo, hi = low / 100, high / 100
        predicted = pd.Series([
            "unclear" if n < calibration.MIN_EVIDENCE or pd.isna(s)
            else "negative" if s <= lo else "positive" if s >= hi else "neutral"
            for s, n in zip(dev["score"], dev["narrated_mentions"])
        ], index=dev.index)  # fmt: skip
        s = scores(dev["label"], predicted)
        found.append((lo, hi, s["negative said"], s["negative precision"], s["macro-F1"]))
    table = pd.DataFrame(found, columns=["negative_at", "positive_at", "said", "neg_P", "macro_F1"])
    table = table[table["said"] >= 4].sort_values(["neg_P", "macro_F1"], ascending=False)
    print("\ndev grid (at least 4 said negative), best first:")
    print(table.head(15).round(3).to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--grid", action="store_true", help="print the dev threshold search")
    args = parser.parse_args()
    rows = article_rows(args.articles, read_gold(args.gold))
    print(
        f"thresholds: negative <= {calibration.NEGATIVE_AT}, positive >= "
        f"{calibration.POSITIVE_AT}, unclear below {calibration.MIN_EVIDENCE} narrated mentions"
    )
    report(rows[rows["split"] == "test"], "test (untouched)")
    report(rows[rows["split"] == "dev"], "dev (thresholds set here)")
    if args.grid:
        grid(rows[rows["split"] == "dev"])


if __name__ == "__main__":
    main()
