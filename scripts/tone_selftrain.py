"""Does self-training on unlabelled news sentences help the tone model? CV on train, dev as a check.

Usage:
    python scripts/tone_selftrain.py --data PATH/newsmtsc --pool POOL.jsonl.gz [--size N]

The pool is built by ``scripts/tone_pool.py`` (sentences of the AllSides
articles naming a person or organisation, none of them in NewsMTSC). For each
setting (``--per-class`` K, ``--weight`` w, ``--vocab labelled|all``): a
teacher (the shipped recipe) fitted on the labelled rows pseudo-labels the
pool; the K pool rows it is most sure of per predicted class (class-balanced,
so neutral does not swamp) join the labelled rows with weight w (labelled
rows keep their balanced class weights, normalised to mean 1), and a student
is fitted on both. ``--labels soft`` enters each picked row once per class,
weighed by the teacher's probability of it, instead of under its likeliest
class; ``--rounds 2`` lets the student label the pool again.

Judged as ``tone_cv``: the 5-fold split of train grouped by sentence, the
teacher fitted on the fold's training rows only and the pseudo-labelled rows
added to the training side only (never scored); macro-F1 of the pooled
out-of-fold predictions without and with CV-tuned class offsets, and a paired
bootstrap over train's sentences against the teacher. Checks on dev (teacher
and student fitted on all of train): rw_dev and mt_dev without offsets, with
the CV-tuned offsets, and a split-half simulation of re-tuned offsets (ten
seeded halves of each dev file by sentence: offsets tuned on half A of each
model's own logits, scored on half B). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from itertools import product
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tone_cv import (
    FOLDS,
    SHIPPED,
    Split,
    load_split,
    paired_bootstrap,
    raw_matrix,
    restrict,
    softmax,
    split_features,
    word_vectors,
)
from tone_dev_split import half_split
from train_tone import DEV_FILES, SEED, scores, tune_offsets, vader_lexicon

from analysis.knowledge.derive.actors import load_actors


def load_pool(path: Path, size: int, people_only: bool) -> Split:
    """The first ``size`` targets of a pool file, with their sentence's other mentions;
    ``people_only`` skips targets that name a default actor (country, party, body)."""
    actors = {n for a in load_actors() for n in a.names} if people_only else set()
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(rows) == size:
                break
            doc = json.loads(line)
            t = doc["targets"][0]
            if t["mention"] in actors:
                continue
            others = tuple((o["from"], o["to"]) for o in doc.get("others", []))
            rows.append((doc["sentence_normalized"], t["from"], t["to"], others))
    return Split(rows, np.full(len(rows), -1), np.arange(len(rows)))


def labelled_weights(y: np.ndarray) -> np.ndarray:
    """Balanced class weights per row (as sklearn's ``balanced``), normalised to mean 1."""
    counts = np.bincount(y, minlength=3)
    w = (len(y) / (3 * counts))[y]
    return w / w.mean()


def fit_lr(x: sp.csr_matrix, y: np.ndarray, weight: np.ndarray, c: float) -> LogisticRegression:
    """The shipped recipe's logistic regression, with per-row weights."""
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    return model.fit(x, y, sample_weight=weight)


def design(raw: sp.csr_matrix, dense: np.ndarray, df_rows: np.ndarray) -> sp.csr_matrix:
    """Sparse features seen in at least two of ``df_rows`` (row-normalised) beside the dense."""
    df = np.asarray((raw[df_rows] > 0).sum(axis=0)).ravel()
    return sp.hstack([restrict(raw, np.flatnonzero(df >= 2)), sp.csr_matrix(dense)]).tocsr()


def pick_confident(prob: np.ndarray, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    """Pool rows and pseudo-labels: the ``per_class`` most probable rows of each predicted class."""
    label = prob.argmax(1)
    rows = []
    for k in range(3):
        mine = np.flatnonzero(label == k)
        rows.append(mine[np.argsort(-prob[mine, k], kind="stable")[:per_class]])
    rows = np.concatenate(rows)
    return rows, label[rows]


def self_train(
    raw: sp.csr_matrix,
    dense: np.ndarray,
    y: np.ndarray,
    fit_rows: np.ndarray,
    pool_rows: np.ndarray,
    test_rows: np.ndarray,
    setting: tuple[int, float, str, int, str],
    c: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Teacher and student logits of test_rows; labelled fit_rows, unlabelled pool_rows."""
    per_class, w, vocab, rounds, labels_kind = setting
    soft = labels_kind == "soft"
    lab_w = labelled_weights(y[fit_rows])
    x = design(raw, dense, fit_rows)
    teacher = fit_lr(x[fit_rows], y[fit_rows], lab_w, c)
    z_teacher = teacher.decision_function(x[test_rows])
    model, xm = teacher, x
    for _ in range(rounds):
        prob = softmax(model.decision_function(xm[pool_rows]))
        picked, pseudo = pick_confident(prob, per_class)
        chosen = pool_rows[picked]
        xm = design(raw, dense, np.concatenate([fit_rows, chosen])) if vocab == "all" else x
        if soft:  # each chosen row once per class, weighed by the teacher's probability
            chosen = np.repeat(chosen, 3)
            pseudo = np.tile(np.arange(3), len(picked))
            pool_w = w * 3 * prob[picked].ravel()
        else:
            pool_w = np.full(len(chosen), w)
        rows = np.concatenate([fit_rows, chosen])
        labels = np.concatenate([y[fit_rows], pseudo])
        weight = np.concatenate([lab_w, pool_w])
        model = fit_lr(xm[rows], labels, weight, c)
    return z_teacher, model.decision_function(xm[test_rows])


def split_half_offsets(z: np.ndarray, y: np.ndarray, groups: np.ndarray, splits: int) -> float:
    """Mean macro-F1 on half B with offsets tuned on half A (seeded halves by sentence)."""
    out = []
    for seed in range(splits):
        a = half_split(groups, seed)
        off = tune_offsets(z[a], y[a])
        out.append(scores(y[~a], (z[~a] + off).argmax(1))[0])
    return float(np.mean(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC jsonl")
    ap.add_argument("--pool", type=Path, required=True, help="from scripts/tone_pool.py")
    ap.add_argument("--size", type=int, default=40000, help="pool targets read")
    ap.add_argument(
        "--people-only", action="store_true", help="leave out targets naming a default actor"
    )
    ap.add_argument("--cache", type=Path, default=Path("/tmp"))
    ap.add_argument("--c", type=float, default=2.0)
    ap.add_argument("--per-class", type=int, nargs="+", default=[2000])
    ap.add_argument("--weight", type=float, nargs="+", default=[0.5])
    ap.add_argument("--vocab", nargs="+", default=["labelled"], choices=("labelled", "all"))
    ap.add_argument("--rounds", type=int, nargs="+", default=[1])
    ap.add_argument("--labels", nargs="+", default=["hard"], choices=("hard", "soft"))
    ap.add_argument("--splits", type=int, default=10, help="dev split-half simulations")
    args = ap.parse_args()
    lexicon = vader_lexicon()
    emb = word_vectors(None)
    cfg = {**SHIPPED, "emb_scale": 1.0}
    parts = {"train": load_split(args.data / "train.jsonl")}
    parts.update({f: load_split(args.data / f) for f in DEV_FILES})
    parts["pool"] = load_pool(args.pool, args.size, args.people_only)
    digest = hashlib.sha1(args.pool.read_bytes()).hexdigest()[:12]
    pool_key = f"pool-{digest}-{args.size}{'-people' if args.people_only else ''}"
    feats = {
        n: split_features(s, pool_key if n == "pool" else n, cfg, args.cache, lexicon, emb)
        for n, s in parts.items()
    }
    seen = {k for sparse, _ in feats.values() for f in sparse for k in f}
    names = {k: i for i, k in enumerate(sorted(seen))}
    raw = sp.vstack([raw_matrix(s, names) for s, _ in feats.values()]).tocsr()
    dense = np.vstack([d for _, d in feats.values()])
    y = np.concatenate([s.y for s in parts.values()])
    source = np.concatenate([np.full(len(s.y), n) for n, s in parts.items()])
    rows = {n: np.flatnonzero(source == n) for n in parts}
    train = parts["train"]
    folds = list(GroupKFold(FOLDS).split(np.zeros(len(train.y)), train.y, train.groups))
    dev_rows = np.concatenate([rows[f] for f in DEV_FILES])
    print(f"train {len(train.y)}, pool {len(rows['pool'])}; CV macro-F1 raw / CV-tuned offsets")
    for setting in product(args.per_class, args.weight, args.vocab, args.rounds, args.labels):
        oof_t, oof_s = np.zeros((len(train.y), 3)), np.zeros((len(train.y), 3))
        for fit_idx, test_idx in folds:
            oof_t[test_idx], oof_s[test_idx] = self_train(
                raw,
                dense,
                y,
                rows["train"][fit_idx],
                rows["pool"],
                rows["train"][test_idx],
                setting,
                args.c,
            )
        z_t, z_s = self_train(raw, dense, y, rows["train"], rows["pool"], dev_rows, setting, args.c)
        print(
            f"per class {setting[0]}, weight {setting[1]:g}, vocab {setting[2]}, "
            f"rounds {setting[3]}, {setting[4]} labels:"
        )
        for name, oof, z in (("teacher", oof_t, z_t), ("student", oof_s, z_s)):
            off = tune_offsets(oof, train.y)
            cv = (scores(train.y, oof.argmax(1))[0], scores(train.y, (oof + off).argmax(1))[0])
            line = f"  {name:<8} CV {cv[0]:.2f} / {cv[1]:.2f} ({off[0]:+.1f}/{off[2]:+.1f})"
            start = 0
            for f in DEV_FILES:
                zf, yf = z[start : start + len(parts[f].y)], parts[f].y
                start += len(yf)
                half = split_half_offsets(zf, yf, parts[f].groups, args.splits)
                line += (
                    f" | {f[:2]} {scores(yf, zf.argmax(1))[0]:.1f}"
                    f" / {scores(yf, (zf + off).argmax(1))[0]:.1f} / halves {half:.2f}"
                )
            print(line, flush=True)
        diff = paired_bootstrap(train.y, train.groups, oof_t.argmax(1), oof_s.argmax(1))
        print(
            f"  CV student - teacher {diff.mean():+.2f} (sd {diff.std():.2f}), "
            f"not positive in {100 * (diff <= 0).mean():.1f}% of draws",
            flush=True,
        )
        start = 0
        for f in DEV_FILES:
            n = len(parts[f].y)
            d = paired_bootstrap(
                parts[f].y,
                parts[f].groups,
                z_t[start : start + n].argmax(1),
                z_s[start : start + n].argmax(1),
            )
            start += n
            print(
                f"  {f} student - teacher {d.mean():+.2f} (sd {d.std():.2f}), "
                f"not positive in {100 * (d <= 0).mean():.1f}%",
                flush=True,
            )


if __name__ == "__main__":
    main()
