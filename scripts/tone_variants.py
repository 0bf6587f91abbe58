"""Compare tone-model feature variants on the NewsMTSC dev files, without writing a model.

Usage:
    python scripts/tone_variants.py --data /work/shared/data/newsmtsc [VARIANT ...]

Reuses the shipped model's word vectors (``analysis/models``) so a variant costs
one feature pass and a few fits, not the word-vector training of
``scripts/train_tone.py``. Per variant and (C, word-vector scale): macro-F1 on
rw_dev and mt_dev without class offsets, then with offsets tuned on the union
of the dev files (as the shipped model's are). Variants are config switches of
:mod:`analysis.framing.tone` (``lex_decay``, ``lex_clause``, ``lex_negation``).
Figures are printed, never asserted; dev figures, so a gain under about one
point is noise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_tone import (
    DEV_FILES,
    build_vocab,
    dense_matrix,
    featurize,
    fit,
    load_examples,
    scores,
    sparse_matrix,
    tune_offsets,
    vader_lexicon,
)

from analysis.framing.tone import DEFAULT_CONFIG, MODEL_DIR

SHIPPED = {**DEFAULT_CONFIG, "negation": False, "lexicon": True, "embeddings": True}
VARIANTS = {  # name: config switches over the shipped model's
    "shipped": {},
    "decay": {"lex_decay": True},  # cue words weighted by 1 / (1 + distance)
    "decay-clause-negation": {"lex_decay": True, "lex_clause": True, "lex_negation": True},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with NewsMTSC jsonl")
    ap.add_argument("variants", nargs="*", help=f"some of {', '.join(VARIANTS)} (default all)")
    args = ap.parse_args()
    if unknown := set(args.variants) - set(VARIANTS):
        ap.error(
            f"unknown variant(s) {', '.join(sorted(unknown))}; choose from {', '.join(VARIANTS)}"
        )
    train = load_examples(args.data / "train.jsonl")
    devs = {f: load_examples(args.data / f) for f in DEV_FILES}
    y = np.array([r[3] for r in train])
    ys = {f: np.array([r[3] for r in rows]) for f, rows in devs.items()}
    union = np.concatenate([ys[f] for f in DEV_FILES])
    lexicon = vader_lexicon()
    meta = json.loads((MODEL_DIR / "tone.json").read_text(encoding="utf-8"))
    emb_index = {w: i for i, w in enumerate(meta["embedding_vocab"])}
    with np.load(MODEL_DIR / "tone.npz") as arrays:
        vectors = arrays["embeddings"].astype(np.float64)
    for name in args.variants or VARIANTS:
        cfg = {**SHIPPED, **VARIANTS[name]}
        feats = featurize(train, cfg, lexicon)
        names = build_vocab(feats, 2)
        xs, xd = sparse_matrix(feats, names), dense_matrix(train, cfg, emb_index, vectors)
        dev_x = {
            f: (
                sparse_matrix(featurize(r, cfg, lexicon), names),
                dense_matrix(r, cfg, emb_index, vectors),
            )
            for f, r in devs.items()
        }
        for c in (1.0, 2.0):
            for scale in (1.0, 1.5):
                model = fit(sp.hstack([xs, sp.csr_matrix(scale * xd)]).tocsr(), y, c)
                z = {
                    f: model.decision_function(sp.hstack([s, sp.csr_matrix(scale * d)]).tocsr())
                    for f, (s, d) in dev_x.items()
                }
                offsets = tune_offsets(np.concatenate([z[f] for f in DEV_FILES]), union)
                raw = [scores(ys[f], z[f].argmax(1))[0] for f in DEV_FILES]
                tuned = [scores(ys[f], (z[f] + offsets).argmax(1))[0] for f in DEV_FILES]
                print(
                    f"{name:22} C={c:g} scale={scale:g}  no offsets: rw {raw[0]:.1f} mt "
                    f"{raw[1]:.1f} | offsets {offsets[0]:+.1f}/{offsets[2]:+.1f}: rw "
                    f"{tuned[0]:.1f} mt {tuned[1]:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
