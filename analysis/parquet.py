"""Parquet tables of a build read as pandas frames whose columns are one Arrow chunk each.

Arrow reads a large file in several chunks per column, and pandas keeps them: taking
rows from a chunked string column then copies whole chunks (41 rows of the sentences
of 12,000 articles took 130 ms, 1 ms from one chunk). A build's tables are read
once and filtered on every page run, so they are joined into one chunk on reading.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def read_parquet(path: Path) -> pd.DataFrame:
    """The table at ``path``, each column one chunk (Arrow's decode buffers given back)."""
    table = pq.read_table(path)
    frame = table.combine_chunks().to_pandas()
    del table
    pa.default_memory_pool().release_unused()
    return frame
