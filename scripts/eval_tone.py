"""Evaluate the shipped tone model on NewsMTSC-format JSONL files.

Usage:
    python scripts/eval_tone.py FILE.jsonl [FILE.jsonl ...]

Goes through the public analysis.framing.tone.tone() function, so it measures
exactly what the app shows; the sentence's other targets are passed as
``others`` (read only by a model trained with them). Prints, per file and for
the union of the files: macro-F1, accuracy, per-class precision/recall/F1 and
the confusion matrix.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from train_tone import load_examples

from analysis.framing.tone import LABELS, tone


def load_targets(path: Path) -> list[tuple[str, int, int, str, tuple[tuple[int, int], ...]]]:
    """(sentence, from, to, gold label, other targets' spans) for every target in the file."""
    return [(text, a, b, LABELS[label], o) for text, a, b, label, o in load_examples(path)]


def metrics(gold: list[str], pred: list[str]) -> dict:
    """Macro-F1, accuracy, per-class precision/recall/F1, confusion matrix."""
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    per_class = {}
    for lab in LABELS:
        tp = confusion[lab][lab]
        predicted = sum(confusion[g][lab] for g in LABELS)
        actual = sum(confusion[lab].values())
        prec = tp / predicted if predicted else 0.0
        rec = tp / actual if actual else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[lab] = (prec, rec, f1, actual)
    return {
        "macro_f1": sum(v[2] for v in per_class.values()) / len(LABELS),
        "accuracy": sum(confusion[lab][lab] for lab in LABELS) / max(1, len(gold)),
        "per_class": per_class,
        "confusion": confusion,
    }


def report(name: str, gold: list[str], pred: list[str]) -> dict:
    """Print the metrics of one evaluation set and return them."""
    m = metrics(gold, pred)
    print(f"\n== {name}: {len(gold)} targets")
    print(f"macro-F1 {100 * m['macro_f1']:.1f}   accuracy {100 * m['accuracy']:.1f}")
    print(f"{'class':<10}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
    for lab, (p, r, f, n) in m["per_class"].items():
        print(f"{lab:<10}{100 * p:>10.1f}{100 * r:>8.1f}{100 * f:>8.1f}{n:>9}")
    print("confusion (rows gold, columns predicted):")
    print(f"{'':<10}" + "".join(f"{lab:>10}" for lab in LABELS))
    for g in LABELS:
        print(f"{g:<10}" + "".join(f"{m['confusion'][g][p]:>10}" for p in LABELS))
    return m


def evaluate(paths: list[Path]) -> dict:
    """Evaluate every file and their union; returns the union's metrics."""
    all_gold, all_pred = [], []
    for path in paths:
        rows = load_targets(path)
        gold = [r[3] for r in rows]
        pred = [tone(text, a, b, others=o).label for text, a, b, _, o in rows]
        report(path.name, gold, pred)
        all_gold += gold
        all_pred += pred
    if len(paths) > 1:
        return report("union", all_gold, all_pred)
    return metrics(all_gold, all_pred)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="NewsMTSC-format JSONL files")
    args = ap.parse_args()
    t0 = time.time()
    evaluate(args.files)
    print(f"\n({time.time() - t0:.1f}s)")


if __name__ == "__main__":
    main()
