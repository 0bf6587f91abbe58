"""Are two builds' tables the same, value for value? One line per table.

Usage: ``python bench/build_same.py BUILD_A BUILD_B``

Compares every Parquet table both builds hold with
``pandas.testing.assert_frame_equal(check_exact=True)`` and the term counts
(``term_counts.npz``) entry for entry; prints OK or the first difference, and
the tables only one build has. Exits 1 when anything differs. Timings and
paths in the manifests are not compared (they differ between any two builds).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from scipy import sparse


def same_table(a: Path, b: Path) -> str:
    """ "OK", or the first difference of two Parquet tables."""
    try:
        pd.testing.assert_frame_equal(pd.read_parquet(a), pd.read_parquet(b), check_exact=True)
    except AssertionError as exc:
        return "DIFFERS: " + " ".join(str(exc).split())[:300]
    return "OK"


def same_counts(a: Path, b: Path) -> str:
    """ "OK", or how two sparse count matrices differ."""
    x, y = sparse.load_npz(a), sparse.load_npz(b)
    if x.shape != y.shape:
        return f"DIFFERS: shape {x.shape} against {y.shape}"
    changed = (x != y).nnz
    return "OK" if changed == 0 else f"DIFFERS: {changed:,} entries"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    args = ap.parse_args()
    names = {p.name for p in args.a.iterdir()} | {p.name for p in args.b.iterdir()}
    differs = False
    for name in sorted(n for n in names if n.endswith((".parquet", ".npz"))):
        left, right = args.a / name, args.b / name
        if not (left.exists() and right.exists()):
            verdict = f"only in {args.a if left.exists() else args.b}"
        else:
            verdict = (same_counts if name.endswith(".npz") else same_table)(left, right)
        differs |= verdict != "OK"
        print(f"{name:<34} {verdict}")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
