"""Whether two runs of the overlap stage gave the same tables.

Usage: python bench/overlap_same.py BEFORE AFTER

BEFORE and AFTER are folders written by ``bench/overlap_scale.py --build DIR
--save OUT`` (one per version of the code, on the same build). Prints, per
table (reuse pairs, shared copy, shared quotes, claims, claim members, the
discounted sentences), its rows and whether it is identical, value for value
and in the same order; exits 1 when one differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.store.build import OVERLAP_TABLES, _from_parquet


def difference(before: pd.DataFrame, after: pd.DataFrame) -> str:
    """'' when the two tables are identical, else what differs first."""
    try:
        pd.testing.assert_frame_equal(before, after, check_exact=True)
    except AssertionError as exc:
        return str(exc).splitlines()[0] + " " + " ".join(str(exc).splitlines()[1:4])
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    same = True
    for name in OVERLAP_TABLES:
        before = _from_parquet(args.before / f"{name}.parquet", name)
        after = _from_parquet(args.after / f"{name}.parquet", name)
        differs = difference(before, after)
        same &= not differs
        print(f"{name:14s} {len(before):>9,} rows before {len(after):>9,} after: "
              + (f"DIFFERENT: {differs}" if differs else "identical"))  # fmt: skip
    before = json.loads((args.before / "discounted.json").read_text())
    after = json.loads((args.after / "discounted.json").read_text())
    same &= before == after
    print(f"{'discounted':14s} {len(before):>9,} ids  before {len(after):>9,} after: "
          + ("identical" if before == after else "DIFFERENT"))  # fmt: skip
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
