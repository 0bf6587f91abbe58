"""Does training on the dev parts help on unseen dev sentences? A split-half simulation.

Usage:
    python scripts/tone_dev_split.py --data /work/shared/data/newsmtsc [--splits 10]

The hidden test parts of NewsMTSC come from the same sources as rw_dev and
mt_dev, and mt_dev is the only multi-target data there is, so a model trained
on train + both dev files may score better on the test. This measures that
before shipping it: each seeded split halves each dev file by sentence (all
targets of a sentence in one half); a model trained on train + half A of both
files is scored on half B against the train-only model on the same half B.
Printed per file: macro-F1 of both on B without class offsets (raw), with the
shipped offsets +0.3/0/+0.3 (off, tuned on the whole dev files) and with
offsets tuned on half A for the train-only model (offA), and the mean and
spread (standard deviation, min, max) of the gain over the splits.
``--dev-weight`` weighs the dev targets in the fit.
Features come from ``tone_cv``'s cache; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tone_cv import SHIPPED, load_split, raw_matrix, restrict, split_features, word_vectors
from train_tone import DEV_FILES, SEED, scores, tune_offsets, vader_lexicon

SHIPPED_OFFSETS = np.array([0.3, 0.0, 0.3])


def fit_logits(
    raw: sp.csr_matrix,
    dense: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    fit_rows: np.ndarray,
    test_rows: np.ndarray,
    c: float,
) -> np.ndarray:
    """Logits of test_rows from the shipped recipe fitted on fit_rows.

    The vocabulary is the features seen in at least two fitted targets, as
    ``train_tone.build_vocab``; class weights are balanced on the fitted rows.
    """
    df = np.asarray((raw[fit_rows] > 0).sum(axis=0)).ravel()
    x = sp.hstack([restrict(raw, np.flatnonzero(df >= 2)), sp.csr_matrix(dense)]).tocsr()
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=SEED)
    model.fit(x[fit_rows], y[fit_rows], sample_weight=weight[fit_rows])
    return model.decision_function(x[test_rows])


def half_split(groups: np.ndarray, seed: int) -> np.ndarray:
    """Boolean mask of half A: a seeded half of the sentences, all their targets."""
    sentences = np.unique(groups)
    rng = np.random.default_rng(seed)
    chosen = rng.permutation(sentences)[: len(sentences) // 2]
    return np.isin(groups, chosen)


def summary(gains: list[float]) -> str:
    """Mean, standard deviation, min and max of per-split gains."""
    g = np.array(gains)
    return f"{g.mean():+5.2f} (sd {g.std(ddof=1):.2f}, {g.min():+.1f} .. {g.max():+.1f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC jsonl")
    ap.add_argument("--cache", type=Path, default=Path("/tmp"))
    ap.add_argument("--splits", type=int, default=10)
    ap.add_argument("--c", type=float, default=2.0)
    ap.add_argument("--dev-weight", type=float, nargs="+", default=[1.0])
    args = ap.parse_args()
    lexicon = vader_lexicon()
    emb = word_vectors(None)
    cfg = {**SHIPPED, "emb_scale": 1.0}
    parts = {"train": load_split(args.data / "train.jsonl")}
    parts.update({f: load_split(args.data / f) for f in DEV_FILES})
    feats = {n: split_features(s, n, cfg, args.cache, lexicon, emb) for n, s in parts.items()}
    seen = {k for sparse, _ in feats.values() for f in sparse for k in f}
    names = {k: i for i, k in enumerate(sorted(seen))}
    raw = sp.vstack([raw_matrix(s, names) for s, _ in feats.values()]).tocsr()
    dense = np.vstack([d for _, d in feats.values()])
    y = np.concatenate([s.y for s in parts.values()])
    source = np.concatenate([np.full(len(s.y), n) for n, s in parts.items()])
    groups = np.concatenate([s.groups for s in parts.values()])
    is_train = source == "train"
    all_rows = np.arange(len(y))
    base = fit_logits(raw, dense, y, np.ones(len(y)), all_rows[is_train], all_rows, args.c)
    print(f"{len(y)} targets; {args.splits} seeded half splits of each dev file by sentence")
    for w in args.dev_weight:
        weight = np.where(is_train, 1.0, w)
        gains: dict[tuple[str, str], list[float]] = {}
        for seed in range(args.splits):
            half_a = np.zeros(len(y), dtype=bool)
            for f in DEV_FILES:
                mine = source == f
                half_a[mine] = half_split(groups[mine], seed)
            fit_rows = all_rows[is_train | half_a]
            offsets = tune_offsets(base[half_a], y[half_a])
            both = fit_logits(raw, dense, y, weight, fit_rows, all_rows, args.c)
            for f in DEV_FILES:
                b = (source == f) & ~half_a
                modes = (("raw", 0.0), ("off", SHIPPED_OFFSETS), ("offA", offsets))
                for off_name, off in modes:
                    before = scores(y[b], (base[b] + off).argmax(1))[0]
                    after = scores(y[b], (both[b] + off).argmax(1))[0]
                    gains.setdefault((f, off_name), []).append(after - before)
                    gains.setdefault((f, off_name + "_before"), []).append(before)
                    gains.setdefault((f, off_name + "_after"), []).append(after)
            print(
                f"  weight {w:g} split {seed} (offsets {offsets[0]:+.1f}/{offsets[2]:+.1f}): "
                + ", ".join(f"{f} {gains[(f, 'off')][-1]:+.1f}" for f in DEV_FILES),
                flush=True,
            )
        print(f"dev weight {w:g}, C {args.c:g}: half B macro-F1 train-only -> train + half A")
        for f in DEV_FILES:
            for off_name in ("raw", "off", "offA"):
                before = np.mean(gains[(f, off_name + "_before")])
                after = np.mean(gains[(f, off_name + "_after")])
                print(
                    f"  {f:<13} {off_name:<4} {before:5.1f} -> {after:5.1f}"
                    f"  gain {summary(gains[(f, off_name)])}"
                )


if __name__ == "__main__":
    main()
