"""Would a small convolutional tone model, alone or beside the linear one, beat it?

Usage:
    python scripts/tone_cnn_cv.py --data /work/shared/data/newsmtsc [--epochs N ...]

Same honest protocol as ``scripts/tone_cv.py``: 5-fold CV on ``train.jsonl``
grouped by sentence, dev only as a check. Trains with PyTorch (a training-time
tool only, ``pip install torch``); prints CV macro-F1 of the linear model, the
CNN and their mean probabilities, then dev for the same three.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import torch
from sklearn.model_selection import GroupKFold
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tone_cv import (
    FOLDS,
    SHIPPED,
    VARIANTS,
    Split,
    fit_scores,
    load_split,
    raw_matrix,
    restrict,
    softmax,
    split_features,
    word_vectors,
)
from train_tone import DEV_FILES, scores, tune_offsets, vader_lexicon

from analysis.framing.tone_view import OTHER, TARGET, other_spans, target_view

MAX_DIST = 20


def encode(split: Split, index: dict[str, int]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Word ids (0 pad, 1 unknown, 2 target, 3 other mention) and distance ids per target."""
    words, dists = [], []
    for text, a, b, others in split.rows:
        tokens, t_idx, _ = target_view(text, a, b, other_spans(text, a, b, others))
        ids = []
        for tok in tokens:
            if tok.norm == TARGET:
                ids.append(2)
            elif tok.norm == OTHER:
                ids.append(3)
            else:
                ids.append(index.get(tok.norm, -3) + 4)
        pos = np.clip(np.arange(len(tokens)) - t_idx, -MAX_DIST, MAX_DIST) + MAX_DIST + 1
        words.append(np.array(ids))
        dists.append(pos)
    return words, dists


def batch(words, dists, idx):
    """Padded tensors of the targets idx."""
    n = max(len(words[i]) for i in idx)
    w = np.zeros((len(idx), n), dtype=np.int64)
    d = np.zeros((len(idx), n), dtype=np.int64)
    for r, i in enumerate(idx):
        w[r, : len(words[i])] = words[i]
        d[r, : len(dists[i])] = dists[i]
    return torch.from_numpy(w), torch.from_numpy(d)


class ToneCNN(nn.Module):
    """Word + distance embeddings, convolutions, max pooling near the target and overall."""

    def __init__(self, vectors: np.ndarray, filters: int, kernels: tuple[int, ...], dist_dim: int):
        super().__init__()
        dim = vectors.shape[1]
        emb = np.zeros((vectors.shape[0] + 4, dim), dtype=np.float32)
        emb[4:] = vectors
        emb[1:4] = np.random.default_rng(0).normal(0, 0.1, (3, dim))
        self.words = nn.Embedding.from_pretrained(
            torch.from_numpy(emb), freeze=False, padding_idx=0
        )
        self.dists = nn.Embedding(2 * MAX_DIST + 2, dist_dim, padding_idx=0)
        self.convs = nn.ModuleList(
            nn.Conv1d(dim + dist_dim, filters, k, padding=k // 2) for k in kernels
        )
        self.drop = nn.Dropout(0.5)
        self.out = nn.Linear(2 * filters * len(kernels), 3)

    def forward(self, w, d):
        x = torch.cat([self.words(w), self.dists(d)], dim=-1).transpose(1, 2)
        pad = (w == 0).unsqueeze(1)
        near = ((d - MAX_DIST - 1).abs() > 5).unsqueeze(1) | pad
        pooled = []
        for conv in self.convs:
            h = torch.relu(conv(x))[:, :, : w.shape[1]]
            pooled.append(h.masked_fill(pad, -1e4).max(dim=2).values)
            pooled.append(h.masked_fill(near, -1e4).max(dim=2).values)
        return self.out(self.drop(torch.cat(pooled, dim=1)))


def train_cnn(words, dists, y, fit_idx, vectors, args) -> ToneCNN:
    """A CNN fitted on fit_idx with class-balanced cross-entropy."""
    torch.manual_seed(args.seed)
    model = ToneCNN(vectors, args.filters, tuple(args.kernels), args.dist_dim)
    counts = np.bincount(y[fit_idx], minlength=3)
    weight = torch.tensor(len(fit_idx) / (3 * counts), dtype=torch.float32)
    loss_fn = nn.CrossEntropyLoss(weight=weight)
    opt = torch.optim.Adam(
        [
            {"params": model.words.parameters(), "lr": args.lr * args.emb_lr},
            {"params": [p for n, p in model.named_parameters() if not n.startswith("words")]},
        ],
        lr=args.lr,
        weight_decay=args.wd,
    )
    rng = np.random.default_rng(args.seed)
    yt = torch.from_numpy(y)
    for _ in range(args.epochs):
        model.train()
        order = rng.permutation(fit_idx)
        for s in range(0, len(order), args.batch):
            idx = order[s : s + args.batch]
            w, d = batch(words, dists, idx)
            opt.zero_grad()
            loss_fn(model(w, d), yt[idx]).backward()
            opt.step()
    return model


def predict(model: ToneCNN, words, dists, idx) -> np.ndarray:
    """Class probabilities of the targets idx."""
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, len(idx), 256):
            w, d = batch(words, dists, idx[s : s + 256])
            out.append(torch.softmax(model(w, d), dim=1).numpy())
    return np.concatenate(out)


def linear_scores(train, devs, folds, cache, lexicon, emb_index, vectors):
    """Out-of-fold and dev logits of the shipped linear model."""
    v = VARIANTS["shipped"]
    cfg = {**SHIPPED, **v.cfg, "emb_scale": 1.0}

    def features(split, name):
        return split_features(split, name, cfg, cache, lexicon, (emb_index, vectors))

    tr_s, tr_d = features(train, "train")
    names = {n: i for i, n in enumerate(sorted({k for f in tr_s for k in f}))}
    x_all = raw_matrix(tr_s, names)
    oof = np.zeros((len(train.y), 3))
    for fit_idx, test_idx in folds:
        df = np.asarray((x_all[fit_idx] > 0).sum(axis=0)).ravel()
        x = sp.hstack([restrict(x_all, np.flatnonzero(df >= 2)), sp.csr_matrix(tr_d)]).tocsr()
        oof[test_idx] = fit_scores(v, x[fit_idx], train.y[fit_idx], x[test_idx])
    df = np.asarray((x_all > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= 2)
    x = sp.hstack([restrict(x_all, cols), sp.csr_matrix(tr_d)]).tocsr()
    dev = {}
    for f, s in devs.items():
        ds, dd = features(s, f)
        dx = sp.hstack([restrict(raw_matrix(ds, names), cols), sp.csr_matrix(dd)]).tocsr()
        dev[f] = fit_scores(v, x, train.y, dx)
    return oof, dev


def report(name: str, train: Split, oof: np.ndarray, devs, dev: dict, multi) -> None:
    """One line: CV raw / with offsets / multi-target, and dev rw / mt raw and with offsets."""
    z = np.log(np.maximum(oof, 1e-9))
    offsets = tune_offsets(z, train.y)
    cv = scores(train.y, z.argmax(1))[0]
    cv_off = scores(train.y, (z + offsets).argmax(1))[0]
    cv_mt = scores(train.y[multi], z[multi].argmax(1))[0]
    raw = [scores(devs[f].y, np.log(dev[f]).argmax(1))[0] for f in DEV_FILES]
    off = [scores(devs[f].y, (np.log(dev[f]) + offsets).argmax(1))[0] for f in DEV_FILES]
    print(
        f"{name:<14}{cv:>7.1f}{cv_off:>8.1f}{cv_mt:>7.1f} | {raw[0]:5.1f} / {raw[1]:5.1f}"
        f" | {off[0]:5.1f} / {off[1]:5.1f}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=Path("/tmp"))
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--filters", type=int, default=64)
    ap.add_argument("--kernels", type=int, nargs="+", default=[3, 5])
    ap.add_argument("--dist-dim", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--emb-lr", type=float, default=0.1, help="word-vector lr, times --lr")
    ap.add_argument("--wd", type=float, default=0.0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--weight", type=float, nargs="+", default=[0.5], help="CNN share(s) in the mean"
    )
    args = ap.parse_args()
    torch.set_num_threads(1)
    train = load_split(args.data / "train.jsonl")
    devs = {f: load_split(args.data / f) for f in DEV_FILES}
    emb_index, vectors = word_vectors(None)
    folds = list(GroupKFold(FOLDS).split(np.zeros(len(train.y)), train.y, train.groups))
    multi = np.array([bool(o) for *_, o in train.rows])
    lin_oof, lin_dev = linear_scores(
        train, devs, folds, args.cache, vader_lexicon(), emb_index, vectors
    )
    lin_oof, lin_dev = softmax(lin_oof), {f: softmax(z) for f, z in lin_dev.items()}
    words, dists = encode(train, emb_index)
    vec32 = vectors.astype(np.float32)
    cnn_oof = np.zeros((len(train.y), 3))
    for fit_idx, test_idx in folds:
        model = train_cnn(words, dists, train.y, fit_idx, vec32, args)
        cnn_oof[test_idx] = predict(model, words, dists, test_idx)
    model = train_cnn(words, dists, train.y, np.arange(len(train.y)), vec32, args)
    cnn_dev = {}
    for f, s in devs.items():
        w, d = encode(s, emb_index)
        cnn_dev[f] = predict(model, w, d, np.arange(len(s.y)))
    print(f"{'model':<14}{'CV':>7}{'CV off':>8}{'CV mt':>7} | dev rw / mt | dev off rw / mt")
    report("linear", train, lin_oof, devs, lin_dev, multi)
    report("cnn", train, cnn_oof, devs, cnn_dev, multi)
    for share in args.weight:
        mix = share * cnn_oof + (1 - share) * lin_oof
        mix_dev = {f: share * cnn_dev[f] + (1 - share) * lin_dev[f] for f in DEV_FILES}
        report(f"mean {share:.2f}", train, mix, devs, mix_dev, multi)


if __name__ == "__main__":
    main()
