"""Train the target-dependent tone model (analysis.framing.tone) on NewsMTSC.

Usage:
    python scripts/train_tone.py --data /work/shared/data/newsmtsc --out analysis/models

Steps: learn word vectors (PPMI + truncated SVD) from an unlabelled news corpus,
take VADER's word list as a prior-polarity lexicon (training-time only: the
values are baked into tone.json), extract target-aware features with the SAME
code the runtime uses (analysis.framing.tone), fit the chosen model on
train.jsonl only and write it. The choices (``--model``, ``--c``,
``--emb-scale``, ``--features``, the vector size) were made by 5-fold CV on
train grouped by sentence (``scripts/tone_cv.py``); dev is a check. Only the
two class offsets are tuned on dev (a correction of the class balance, which
differs between train and the test sets); the script prints how offsets tuned
on one dev file carry over to the other, and the dev figures without them.
``--vectors`` reuses word vectors saved earlier instead of learning them
(minutes); ``--compare`` also fits the sparse feature comparisons.
Deterministic: fixed seeds, no shuffling.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.framing.tone import (
    DEFAULT_CONFIG,
    LABELS,
    dense_features,
    extract_features,
    group_weights,
    vectorize,
)
from analysis.framing.tone_view import tokenize

POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}  # NewsMTSC codes -> index into LABELS
DEV_FILES = ("rw_dev.jsonl", "mt_dev.jsonl")
SEED = 0

Example = tuple[str, int, int, int, tuple[tuple[int, int], ...]]


def load_examples(path: Path) -> list[Example]:
    """(sentence, from, to, label index, other targets' spans) for every target of a file.

    The other targets of the sentence are what the runtime passes as ``others``
    (the sentence's mentions of other people and organisations).
    """
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            spans = [(t["from"], t["to"]) for t in doc["targets"]]
            for t in doc["targets"]:
                others = tuple(s for s in spans if s != (t["from"], t["to"]))
                label = POLARITY[t["polarity"]]
                rows.append((doc["sentence_normalized"], t["from"], t["to"], label, others))
    return rows


def vader_lexicon() -> dict[str, float]:
    """Single-word entries of VADER's lexicon, valence scaled to about [-1, 1]."""
    try:
        import vaderSentiment
    except ImportError:
        sys.exit("training needs the vaderSentiment package: pip install vaderSentiment")
    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, valence = line.split("\t")[:2]
        if re.fullmatch(r"[a-z]+(?:'[a-z]+)*", word):
            lexicon[word] = round(float(valence) / 4.0, 3)
    return lexicon


def vader_sentence_baseline(rows: list[Example]) -> np.ndarray:
    """Reference only: VADER compound score of the whole sentence, +-0.05."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    out = []
    for text, *_ in rows:
        c = analyzer.polarity_scores(text)["compound"]
        out.append(2 if c >= 0.05 else 0 if c <= -0.05 else 1)
    return np.array(out)


def train_embeddings(corpus: Path, n_words: int, dim: int) -> tuple[list[str], np.ndarray]:
    """Word vectors from unlabelled news: PPMI of a +-5 window, truncated SVD."""
    docs = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = (doc.get("title") or "") + "\n" + (doc.get("text") or "")
            docs.append([t.norm for t in tokenize(text)])
    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n_words]]
    index = {w: i for i, w in enumerate(vocab)}
    pad = [-1] * 5
    ids = np.array([index.get(w, -1) for d in docs for w in [*d, *pad]], dtype=np.int64)
    n = len(vocab)
    cooc = sp.csr_matrix((n, n))
    for k in range(1, 6):
        a, b = ids[:-k], ids[k:]
        ok = (a >= 0) & (b >= 0)
        m = sp.coo_matrix((np.full(ok.sum(), 1.0 / k), (a[ok], b[ok])), shape=(n, n)).tocsr()
        cooc = cooc + m + m.T
    cooc = cooc.tocoo()
    total = cooc.sum()
    p_word = np.asarray(cooc.sum(axis=1)).ravel() / total
    p_ctx = p_word**0.75 / (p_word**0.75).sum()
    pmi = np.log((cooc.data / total) / (p_word[cooc.row] * p_ctx[cooc.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (cooc.row[keep], cooc.col[keep])), shape=(n, n))
    rng = np.random.default_rng(SEED)
    u, s, _ = svds(ppmi, k=dim, v0=rng.standard_normal(n))
    vectors = u[:, ::-1] * np.sqrt(s[::-1])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vocab, vectors.astype(np.float16).astype(np.float64)


def featurize(rows: list[Example], cfg: dict, lexicon: dict) -> list[dict[str, float]]:
    """extract_features() (the runtime's own code) for every target."""
    return [extract_features(text, a, b, cfg, lexicon, o) for text, a, b, _, o in rows]


def build_vocab(feats: list[dict[str, float]], min_df: int) -> list[str]:
    """Sparse feature names seen in at least min_df training targets."""
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    return sorted(k for k, v in df.items() if v >= min_df)


def sparse_matrix(
    feats: list[dict[str, float]], names: list[str], group_scale: dict[str, float] | None = None
) -> sp.csr_matrix:
    """Rows of vectorize() (the runtime's own scaling and group weights) as a CSR matrix."""
    vocab = {n: i for i, n in enumerate(names)}
    weights = group_weights(names, group_scale or {})
    ind, dat, ptr = [], [], [0]
    for f in feats:
        i, v = vectorize(f, vocab, weights)
        ind.extend(i)
        dat.extend(v)
        ptr.append(len(ind))
    return sp.csr_matrix((dat, ind, ptr), shape=(len(feats), len(names)))


def dense_matrix(rows: list[Example], cfg: dict, emb_index: dict, vectors: np.ndarray):
    """Rows of dense_features() with emb_scale 1 (scaled per candidate later)."""
    cfg = {**cfg, "emb_scale": 1.0}
    return np.array([dense_features(t, a, b, emb_index, vectors, cfg) for t, a, b, *_ in rows])


def scores(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    """Macro-F1 and accuracy in percent."""
    return 100 * f1_score(y, pred, average="macro"), 100 * accuracy_score(y, pred)


def fit(x, y: np.ndarray, c: float) -> LogisticRegression:
    """Multinomial logistic regression with balanced class weights."""
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=SEED)
    return model.fit(x, y)


@dataclass
class SummedLinear:
    """Several linear models as one: weighted sums of their weights and biases.

    Summing logits multiplies the members' (softmax) probabilities, so the
    result is still one linear model the runtime reads as it reads one.
    """

    coef_: np.ndarray
    intercept_: np.ndarray
    classes_: np.ndarray

    def decision_function(self, x) -> np.ndarray:
        return np.asarray(x @ self.coef_.T) + self.intercept_

    def predict(self, x) -> np.ndarray:
        return self.classes_[self.decision_function(x).argmax(1)]


def fit_model(kind: str, x, y: np.ndarray, c: float):
    """``lr``: logistic regression; ``lr*svm``: LR logits / 2 + 1.5 x linear-SVM margins."""
    lr = fit(x, y, c)
    if kind == "lr":
        return lr
    svm = LinearSVC(C=0.1, class_weight="balanced", random_state=SEED).fit(x, y)
    return SummedLinear(
        0.5 * lr.coef_ + 1.5 * svm.coef_,
        0.5 * lr.intercept_ + 1.5 * svm.intercept_,
        lr.classes_,
    )


def load_vectors(path: Path) -> tuple[list[str], np.ndarray]:
    """Word vectors saved earlier: an npz with ``vocab`` and ``embeddings``, or a model folder."""
    if path.is_dir():
        meta = json.loads((path / "tone.json").read_text(encoding="utf-8"))
        vocab, path = meta["embedding_vocab"], path / "tone.npz"
    else:
        with np.load(path) as arrays:
            vocab = [str(w) for w in arrays["vocab"]]
    with np.load(path) as arrays:
        return vocab, arrays["embeddings"].astype(np.float64)


def tune_offsets(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-class offsets added to the logits, picked by macro-F1 on dev.

    Neutral stays fixed; negative and positive move on a 0.1 grid in [-1, 1]
    (ties go to the smaller shift). Balanced class weights still leave the
    model leaning to neutral; macro-F1 rewards the polar classes.
    """
    grid = np.round(np.arange(-1.0, 1.01, 0.1), 1)
    best = max(
        ((a, c) for a in grid for c in grid),
        key=lambda g: (
            f1_score(y, (z + np.array([g[0], 0.0, g[1]])).argmax(1), average="macro"),
            -abs(g[0]) - abs(g[1]),
        ),
    )
    return np.array([best[0], 0.0, best[1]])


def dev_row(name: str, preds: dict[str, np.ndarray], ys: dict[str, np.ndarray]) -> dict:
    """Macro-F1/accuracy per dev file and on their union."""
    row: dict = {"model": name}
    for f in DEV_FILES:
        row[f] = scores(ys[f], preds[f])
    row["union"] = scores(
        np.concatenate([ys[f] for f in DEV_FILES]), np.concatenate([preds[f] for f in DEV_FILES])
    )
    return row


def print_table(rows: list[dict]) -> None:
    """Dev macro-F1 / accuracy table."""
    head = f"{'model':<46}" + "".join(f"{c:>18}" for c in (*DEV_FILES, "union"))
    print(head + "\n" + f"{'':<46}" + "   macro-F1    acc" * 3)
    for r in rows:
        cells = "".join(f"{r[c][0]:>11.1f}{r[c][1]:>7.1f}" for c in (*DEV_FILES, "union"))
        print(f"{r['model']:<46}{cells}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC jsonl")
    ap.add_argument("--out", type=Path, default=Path("analysis/models"))
    ap.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="unlabelled news (allsides-articles.jsonl.gz); default: DATA/../scale/",
    )
    ap.add_argument("--emb-words", type=int, default=20000)
    ap.add_argument("--emb-dim", type=int, default=64)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="reuse word vectors (npz with vocab and embeddings, or a model folder)",
    )
    ap.add_argument("--compare", action="store_true", help="also fit the sparse comparisons")
    # The choices below were made by 5-fold CV on train (scripts/tone_cv.py), not on dev.
    ap.add_argument("--model", choices=("lr", "lr*svm"), default="lr")
    ap.add_argument("--c", type=float, default=2.0)
    ap.add_argument("--emb-scale", type=float, default=1.0)
    ap.add_argument(
        "--sentence-weight",
        type=float,
        default=1.0,
        help="weight of the sentence-wide words and bigrams (groups s, sb) beside the rest",
    )
    ap.add_argument(
        "--features",
        nargs="*",
        default=[],
        choices=("clause", "emb_clause", "weighted", "others", "target_ngrams"),
    )
    args = ap.parse_args()
    corpus = args.corpus or args.data.parent / "scale" / "allsides-articles.jsonl.gz"
    t0 = time.time()

    train = load_examples(args.data / "train.jsonl")
    devs = {f: load_examples(args.data / f) for f in DEV_FILES}
    y = np.array([r[3] for r in train])
    ys = {f: np.array([r[3] for r in rows]) for f, rows in devs.items()}
    lexicon = vader_lexicon()
    print(f"train {len(train)} targets; dev {', '.join(f'{f} {len(r)}' for f, r in devs.items())}")

    table = []
    majority = int(np.bincount(y).argmax())
    table.append(dev_row("majority class", {f: np.full(len(ys[f]), majority) for f in ys}, ys))
    table.append(
        dev_row(
            "VADER on the sentence (reference)",
            {f: vader_sentence_baseline(devs[f]) for f in devs},
            ys,
        )
    )

    def sparse_run(name: str, cfg: dict, lex: dict | None = None):
        feats = featurize(train, cfg, lex or {})
        names = build_vocab(feats, args.min_df)
        model = fit(sparse_matrix(feats, names), y, 4.0)
        preds = {
            f: model.predict(sparse_matrix(featurize(devs[f], cfg, lex or {}), names)) for f in devs
        }
        table.append(dev_row(name, preds, ys))

    if args.compare:
        bow_only = {"window": 0, "near": 0, "mention": False, "bigrams": True}
        sparse_run("baseline: sentence words+bigrams, LR", bow_only)
        sparse_run("target-aware sparse (l/r/near/mention/sent.)", {"negation": False})
        sparse_run("  + negation scope", {"negation": True})
        sparse_run("  + lexicon (no negation)", {"negation": False, "lexicon": True}, lex=lexicon)
        print(f"[{time.time() - t0:.0f}s] sparse comparisons done", flush=True)

    if args.vectors:
        emb_vocab, vectors = load_vectors(args.vectors)
    else:
        emb_vocab, vectors = train_embeddings(corpus, args.emb_words, args.emb_dim)
    emb_index = {w: i for i, w in enumerate(emb_vocab)}
    print(f"[{time.time() - t0:.0f}s] word vectors {vectors.shape}", flush=True)

    cfg = {**DEFAULT_CONFIG, "negation": False, "lexicon": True, "embeddings": True}
    cfg.update({k: True for k in args.features})
    if args.sentence_weight != 1.0:
        cfg["group_scale"] = {"s": args.sentence_weight, "sb": args.sentence_weight}
    feats = featurize(train, cfg, lexicon)
    names = build_vocab(feats, args.min_df)
    scale = args.emb_scale
    x = sp.hstack(
        [
            sparse_matrix(feats, names, cfg["group_scale"]),
            sp.csr_matrix(scale * dense_matrix(train, cfg, emb_index, vectors)),
        ]
    )
    dev_sets = {
        f: sp.hstack(
            [
                sparse_matrix(featurize(r, cfg, lexicon), names, cfg["group_scale"]),
                sp.csr_matrix(scale * dense_matrix(r, cfg, emb_index, vectors)),
            ]
        ).tocsr()
        for f, r in devs.items()
    }
    model = fit_model(args.model, x.tocsr(), y, args.c)
    choice = f"{args.model} C={args.c:g} emb_scale={scale:g} {'+'.join(args.features) or ''}"
    table.append(
        dev_row(f"selected: {choice}", {f: model.predict(x) for f, x in dev_sets.items()}, ys)
    )
    print(f"[{time.time() - t0:.0f}s] fitted on train.jsonl only\n")
    z = {f: model.decision_function(x) for f, x in dev_sets.items()}
    for tuned, other in (DEV_FILES, DEV_FILES[::-1]):
        cross = tune_offsets(z[tuned], ys[tuned])
        before, after = (scores(ys[other], (z[other] + o).argmax(1))[0] for o in (0, cross))
        print(
            f"offsets tuned on {tuned} ({cross[0]:+.1f}/0/{cross[2]:+.1f}): "
            f"{other} macro-F1 {before:.1f} -> {after:.1f}"
        )
    offsets = tune_offsets(
        np.concatenate([z[f] for f in DEV_FILES]), np.concatenate([ys[f] for f in DEV_FILES])
    )
    model.intercept_ = model.intercept_ + offsets
    row = dev_row(
        f"  + class offsets {offsets[0]:+.1f}/0/{offsets[2]:+.1f} (tuned on dev)",
        {f: model.predict(x) for f, x in dev_sets.items()},
        ys,
    )
    table.append(row)
    print_table(table)
    c, n_sparse = args.c, len(names)
    cfg = {**cfg, "emb_scale": scale}
    write_model(
        args.out,
        model,
        names,
        n_sparse,
        cfg,
        lexicon,
        emb_vocab,
        vectors,
        row,
        c,
        table,
        offsets,
        args.model,
    )
    print(f"wrote {args.out}/tone.npz, tone.json in {time.time() - t0:.0f}s")


def write_model(
    out, model, names, n_sparse, cfg, lexicon, emb_vocab, vectors, row, c, table, offsets, kind
):
    """Plain arrays in tone.npz; vocabularies, config and metadata in tone.json."""
    out.mkdir(parents=True, exist_ok=True)
    assert list(model.classes_) == [0, 1, 2]  # indices into LABELS
    coef = model.coef_
    np.savez_compressed(
        out / "tone.npz",
        weights=coef[:, :n_sparse].astype(np.float16),
        dense_weights=coef[:, n_sparse:].astype(np.float32),
        bias=model.intercept_.astype(np.float32),
        embeddings=vectors.astype(np.float16),
    )
    meta = {
        "labels": list(LABELS),
        "config": cfg,
        "features": names,
        "embedding_vocab": emb_vocab,
        "lexicon": dict(sorted(lexicon.items())),
        "training": {
            "model": {
                "lr": "multinomial logistic regression, balanced class weights",
                "lr*svm": "LR logits / 2 + 1.5 x linear-SVM margins (C=0.1), balanced weights",
            }[kind],
            "C": c,
            "class_offsets": {
                "note": "added to the bias; negative/positive picked by macro-F1 on dev",
                "negative": float(offsets[0]),
                "positive": float(offsets[2]),
            },
            "trained_on": ["newsmtsc/train.jsonl"],
            "selected_on": "5-fold CV on train grouped by sentence (scripts/tone_cv.py)",
            "offsets_tuned_on": [f"newsmtsc/{f}" for f in DEV_FILES],
            "word_vectors": "PPMI+SVD on allsides-articles.jsonl.gz (unlabelled)",
            "lexicon": "VADER lexicon (single words), valence / 4",
            "dev": {
                k: {"macro_f1": round(v[0], 2), "accuracy": round(v[1], 2)}
                for k, v in row.items()
                if k != "model"
            },
            "comparisons": [
                {"model": r["model"].strip(), "union_macro_f1": round(r["union"][0], 2)}
                for r in table
            ],
        },
    }
    (out / "tone.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
