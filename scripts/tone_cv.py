"""Compare tone-model variants by 5-fold cross-validation on train, dev as a check.

Usage:
    python scripts/tone_cv.py --data /work/shared/data/newsmtsc [VARIANT ...]

Honest selection: a variant is judged by macro-F1 pooled over the out-of-fold
predictions of a 5-fold split of ``train.jsonl`` grouped by sentence (all the
targets of one sentence stay in one fold), so no choice is tuned on dev. The
class offsets (added to the negative and positive logits, see
``train_tone.tune_offsets``) are tuned on those out-of-fold predictions too.
Dev (rw_dev, mt_dev) is printed as a check: the variant is trained on all of
train, then scored without offsets and with the CV-tuned offsets. Each variant
after the first is also compared with the first on the same out-of-fold
predictions: a paired bootstrap over train's sentences (1,000 draws) gives the
mean and sd of the macro-F1 difference and the share of draws where it is not
positive.

Reuses the shipped model's word vectors (``analysis/models``); the sparse
features of a config are cached under ``--cache`` (default /tmp), so a second
run costs the fits only. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_tone import DEV_FILES, POLARITY, SEED, scores, tune_offsets, vader_lexicon

from analysis.framing.tone import (
    DEFAULT_CONFIG,
    MODEL_DIR,
    _scale,
    dense_features,
    extract_features,
    group_weights,
)

SHIPPED = {**DEFAULT_CONFIG, "negation": False, "lexicon": True, "embeddings": True}
FOLDS = 5


@dataclass(frozen=True)
class Split:
    """One NewsMTSC file: targets (with the sentence's other targets), gold labels, groups."""

    rows: list[tuple[str, int, int, tuple[tuple[int, int], ...]]]
    y: np.ndarray
    groups: np.ndarray


@dataclass(frozen=True)
class Variant:
    """Feature config switches over the shipped ones, and how to fit."""

    cfg: dict
    model: str = "lr"  # lr | svm | lr+svm (mean probabilities) | lr*svm (summed logits)
    c: float = 2.0
    emb_scale: float = 1.0
    balanced: bool = True  # class weights inversely proportional to class frequency
    group_scale: tuple[tuple[str, float], ...] = ()  # sparse groups ("s", "sb"...) weighed


VARIANTS: dict[str, Variant] = {
    "shipped": Variant({}),
    "C=1": Variant({}, c=1.0),
    "C=4": Variant({}, c=4.0),
    "svm": Variant({}, model="svm", c=0.1),
    "lr+svm": Variant({}, model="lr+svm"),
    "lr*svm": Variant({}, model="lr*svm"),
    "clause lr*svm": Variant({"clause": True}, model="lr*svm"),
    "clause": Variant({"clause": True}),
    "clause+emb": Variant({"clause": True, "emb_clause": True}),
    "weighted": Variant({"weighted": True}),
    "clause+weighted": Variant({"clause": True, "weighted": True}),
    "others": Variant({"others": True}),
    "others lr*svm": Variant({"others": True}, model="lr*svm"),
    "unbalanced": Variant({}, balanced=False),
    "target ngrams": Variant({"target_ngrams": True}),
    "target ngrams+others": Variant({"target_ngrams": True, "others": True}),
    "sentence x0.5": Variant({}, group_scale=(("s", 0.5), ("sb", 0.5))),
    "sentence x0.7": Variant({}, group_scale=(("s", 0.7), ("sb", 0.7))),
    "near x1.5": Variant({}, group_scale=(("l3", 1.5), ("r3", 1.5))),
    "sentence x0.3": Variant({}, group_scale=(("s", 0.3), ("sb", 0.3))),
    "tng sentence x0.5": Variant({"target_ngrams": True}, group_scale=(("s", 0.5), ("sb", 0.5))),
    "tng sentence x0.5 C=1": Variant(
        {"target_ngrams": True}, c=1.0, group_scale=(("s", 0.5), ("sb", 0.5))
    ),
    "tng sentence x0.5 C=4": Variant(
        {"target_ngrams": True}, c=4.0, group_scale=(("s", 0.5), ("sb", 0.5))
    ),
    "tng+others sentence x0.5": Variant(
        {"target_ngrams": True, "others": True}, group_scale=(("s", 0.5), ("sb", 0.5))
    ),
}


def load_split(path: Path) -> Split:
    """Targets of a NewsMTSC file, grouped by their sentence."""
    rows, y, groups = [], [], []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            doc = json.loads(line)
            spans = [(t["from"], t["to"]) for t in doc["targets"]]
            for t in doc["targets"]:
                others = tuple(s for s in spans if s != (t["from"], t["to"]))
                rows.append((doc["sentence_normalized"], t["from"], t["to"], others))
                y.append(POLARITY[t["polarity"]])
                groups.append(n)
    return Split(rows, np.array(y), np.array(groups))


FEATURE_CODE = [
    Path(__file__).resolve().parents[1] / "analysis" / "framing" / name
    for name in ("tone.py", "tone_view.py")
]


def cached(cache: Path, key: object, compute: Callable[[], object]) -> object:
    """compute() once per key and version of the feature code, pickled under cache.

    The code is part of the key: a config whose features were changed in the
    code since is computed afresh, never read back stale.
    """
    code = b"".join(path.read_bytes() for path in FEATURE_CODE)
    digest = hashlib.sha1(repr(key).encode() + code).hexdigest()[:16]
    path = cache / f"h12t_tone_{digest}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = compute()
    path.write_bytes(pickle.dumps(value))
    return value


def split_features(
    split: Split, name: str, cfg: dict, cache: Path, lexicon: dict, emb, vectors: str = "None"
) -> tuple[list[dict], np.ndarray]:
    """Sparse feature dicts and dense rows of a split, cached under the settings and
    ``vectors`` (the word vectors' folder: the dense rows depend on it)."""
    emb_index, table = emb
    key = sorted(cfg.items())
    sparse = cached(
        cache,
        ("sparse", name, key),
        lambda: [extract_features(t, a, b, cfg, lexicon, o) for t, a, b, o in split.rows],
    )
    dense = cached(
        cache,
        ("dense", name, key, vectors),
        lambda: np.array(
            [dense_features(t, a, b, emb_index, table, cfg) for t, a, b, _ in split.rows]
        ),
    )
    return sparse, dense


def raw_matrix(feats: list[dict[str, float]], names: dict[str, int]) -> sp.csr_matrix:
    """Log-scaled counts (vectorize()'s scaling before its norm) of known features."""
    ind, dat, ptr = [], [], [0]
    for f in feats:
        for k, v in f.items():
            if k in names:
                ind.append(names[k])
                dat.append(_scale(v))
        ptr.append(len(ind))
    return sp.csr_matrix((dat, ind, ptr), shape=(len(feats), len(names)))


def weigh_groups(
    x: sp.csr_matrix, names: dict[str, int], scale: tuple[tuple[str, float], ...]
) -> sp.csr_matrix:
    """Multiply the columns of the named feature groups (before the row norm), as the
    runtime's ``vectorize`` does with a config's ``group_scale``."""
    weights = group_weights(list(names), dict(scale))
    return x if weights is None else (x @ sp.diags(weights)).tocsr()


def restrict(x: sp.csr_matrix, columns: np.ndarray) -> sp.csr_matrix:
    """Keep columns, then L2-normalise rows as vectorize() does over its vocabulary."""
    x = x[:, columns].tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sp.diags(1.0 / np.maximum(norms, 1e-12)) @ x


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def fit_scores(variant: Variant, x_train, y_train, x_test) -> np.ndarray:
    """Class scores (logits) of x_test from the variant's model fitted on x_train."""
    lr = svm = None
    weights = "balanced" if variant.balanced else None
    if variant.model in ("lr", "lr+svm", "lr*svm"):
        lr = LogisticRegression(
            C=variant.c, max_iter=5000, class_weight=weights, random_state=SEED
        ).fit(x_train, y_train)
    if variant.model in ("svm", "lr+svm", "lr*svm"):
        svm = LinearSVC(
            C=variant.c if variant.model == "svm" else 0.1,
            class_weight=weights,
            random_state=SEED,
        ).fit(x_train, y_train)
    if variant.model == "lr":
        return lr.decision_function(x_test)
    if variant.model == "svm":
        return svm.decision_function(x_test)
    return np.log(
        0.5 * softmax(lr.decision_function(x_test))
        + 0.5 * softmax(3 * svm.decision_function(x_test))
    )


def paired_bootstrap(
    y: np.ndarray, groups: np.ndarray, first: np.ndarray, second: np.ndarray, draws: int = 1000
) -> np.ndarray:
    """Macro-F1 of second minus first (percent) on sentence-level bootstrap resamples."""
    rng = np.random.default_rng(SEED)
    order = np.argsort(groups, kind="stable")
    sentences, starts = np.unique(groups[order], return_index=True)
    by_sentence = np.split(order, starts[1:])
    out = []
    for _ in range(draws):
        rows = np.concatenate(
            [by_sentence[i] for i in rng.integers(0, len(sentences), len(sentences))]
        )
        out.append(scores(y[rows], second[rows])[0] - scores(y[rows], first[rows])[0])
    return np.array(out)


def word_vectors(path: Path | None) -> tuple[dict[str, int], np.ndarray]:
    """Word index and vectors: the shipped model's, or those of an npz (embeddings, vocab)."""
    if path is None:
        meta = json.loads((MODEL_DIR / "tone.json").read_text(encoding="utf-8"))
        vocab = meta["embedding_vocab"]
        path = MODEL_DIR / "tone.npz"
    else:
        with np.load(path) as arrays:
            vocab = [str(w) for w in arrays["vocab"]]
    with np.load(path) as arrays:
        vectors = arrays["embeddings"].astype(np.float64)
    return {w: i for i, w in enumerate(vocab)}, vectors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC jsonl")
    ap.add_argument("--cache", type=Path, default=Path("/tmp"))
    ap.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="npz with 'embeddings' and 'vocab' to use instead of the shipped word vectors",
    )
    ap.add_argument("variants", nargs="*", help=f"some of {', '.join(VARIANTS)} (default all)")
    args = ap.parse_args()
    if unknown := set(args.variants) - set(VARIANTS):
        ap.error(f"unknown variant(s) {', '.join(sorted(unknown))}")
    train = load_split(args.data / "train.jsonl")
    devs = {f: load_split(args.data / f) for f in DEV_FILES}
    lexicon = vader_lexicon()
    emb_index, vectors = word_vectors(args.vectors)
    folds = list(GroupKFold(FOLDS).split(np.zeros(len(train.y)), train.y, train.groups))
    print(
        f"{'variant':<16}{'CV raw':>8}{'CV off':>8}{'CV mt':>7}  offsets   "
        "| dev raw rw / mt | dev off rw / mt"
    )
    first: tuple[str, np.ndarray] | None = None
    for name in args.variants or VARIANTS:
        v = VARIANTS[name]
        cfg = {**SHIPPED, **v.cfg, "emb_scale": 1.0}

        def features(split: Split, name: str, cfg=cfg) -> tuple[list[dict], np.ndarray]:
            emb = (emb_index, vectors)
            return split_features(split, name, cfg, args.cache, lexicon, emb, str(args.vectors))

        tr_s, tr_d = features(train, "train")
        dev_f = {f: features(s, f) for f, s in devs.items()}
        names = {n: i for i, n in enumerate(sorted({k for f in tr_s for k in f}))}
        x_all = weigh_groups(raw_matrix(tr_s, names), names, v.group_scale)
        oof = np.zeros((len(train.y), 3))
        for fit_idx, test_idx in folds:
            df = np.asarray((x_all[fit_idx] > 0).sum(axis=0)).ravel()
            cols = np.flatnonzero(df >= 2)
            xs = restrict(x_all, cols)
            x = sp.hstack([xs, sp.csr_matrix(v.emb_scale * tr_d)]).tocsr()
            oof[test_idx] = fit_scores(v, x[fit_idx], train.y[fit_idx], x[test_idx])
        offsets = tune_offsets(oof, train.y)
        cv_raw = scores(train.y, oof.argmax(1))[0]
        multi = np.array([bool(o) for *_, o in train.rows])
        cv_mt = scores(train.y[multi], oof[multi].argmax(1))[0]
        cv_off = scores(train.y, (oof + offsets).argmax(1))[0]
        df = np.asarray((x_all > 0).sum(axis=0)).ravel()
        cols = np.flatnonzero(df >= 2)
        x = sp.hstack([restrict(x_all, cols), sp.csr_matrix(v.emb_scale * tr_d)]).tocsr()
        dev_x = {
            f: sp.hstack(
                [
                    restrict(weigh_groups(raw_matrix(s, names), names, v.group_scale), cols),
                    sp.csr_matrix(v.emb_scale * d),
                ]
            ).tocsr()
            for f, (s, d) in dev_f.items()
        }
        stacked = sp.vstack(list(dev_x.values())).tocsr()
        z_all = fit_scores(v, x, train.y, stacked)
        bounds = np.cumsum([0] + [m.shape[0] for m in dev_x.values()])
        z = {f: z_all[bounds[i] : bounds[i + 1]] for i, f in enumerate(dev_x)}
        raw = [scores(devs[f].y, z[f].argmax(1))[0] for f in DEV_FILES]
        off = [scores(devs[f].y, (z[f] + offsets).argmax(1))[0] for f in DEV_FILES]
        print(
            f"{name:<16}{cv_raw:>8.1f}{cv_off:>8.1f}{cv_mt:>7.1f}"
            f"  {offsets[0]:+.1f}/{offsets[2]:+.1f}"
            f"  | {raw[0]:>6.1f} / {raw[1]:<6.1f} | {off[0]:>6.1f} / {off[1]:<6.1f}",
            flush=True,
        )
        if first is None:
            first = (name, oof.argmax(1))
        else:
            diff = paired_bootstrap(train.y, train.groups, first[1], oof.argmax(1))
            print(
                f"  CV raw against {first[0]}: {diff.mean():+.2f} (sd {diff.std():.2f}), "
                f"not positive in {100 * (diff <= 0).mean():.1f}% of draws",
                flush=True,
            )


if __name__ == "__main__":
    main()
