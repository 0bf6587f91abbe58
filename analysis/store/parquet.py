"""Parquet tables of a build read as pandas frames whose columns are one Arrow chunk each.

Arrow reads a large file in several chunks per column, and pandas keeps them: taking
rows from a chunked string column then copies whole chunks (41 rows of the sentences
of 12,000 articles took 130 ms, 1 ms from one chunk). A build's tables are read
once and filtered on every page run, so they are joined into one chunk on reading.

Columns of lists of strings (a sentence's topics, a claim's outlets) are read as
tuples or lists with one Python object per distinct value, found by Arrow over the
whole column: half a million rows hold a few thousand distinct topic tuples, and
making one array, then one tuple, per row cost more than reading the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

COMPRESSION = "lz4"
"""How a build's tables are written: read about 1.7x faster than Parquet's default (snappy)
at the same size (the 12,399-article build's tables: 2.1 -> 1.3 s CPU); any Parquet reader
opens either."""
SEPARATOR = "\x1f"
"""Joins the strings of one list into the key its distinct value is found by (a list
whose strings hold it is read row by row instead)."""


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` (without its index) as the Parquet file ``path``, as every build table."""
    frame.to_parquet(path, index=False, compression=COMPRESSION)


def read_parquet(
    path: Path,
    lists: Mapping[str, type] | None = None,
    columns: list[str] | None = None,
    categories: Sequence[str] = (),
) -> pd.DataFrame:
    """The table at ``path`` (its ``columns``, else all), each column one chunk.

    ``lists`` maps columns of lists to the type their rows are read as (``tuple`` or
    ``list``); equal rows share one object. ``categories`` are string columns read as
    categoricals straight from the file's dictionary (no Python string per row: the
    455,000 reused passages' article ids and outlets took 0.6 s as strings, 0.1 s so).
    Arrow's decode buffers are given back.
    """
    wanted = [c for c in categories if c in pq.read_schema(path).names] if categories else None
    table = pq.read_table(path, columns=columns, read_dictionary=wanted).combine_chunks()
    made = {
        name: shared_values(table.column(name), kind)
        for name, kind in (lists or {}).items()
        if name in table.column_names
    }
    names = table.column_names
    frame = table.drop_columns(list(made)).to_pandas()
    del table
    pa.default_memory_pool().release_unused()
    for name in sorted(made, key=names.index):  # left to right: each lands at its place
        frame.insert(names.index(name), name, made[name])
    return frame


def shared_values(column: pa.ChunkedArray, kind: type) -> np.ndarray:
    """A column of lists as an object array of ``kind`` values, one object per distinct
    list (a missing list reads as an empty one)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if not _joinable(array):
        return _row_by_row(array, kind)
    keys = pc.binary_join_element_wise(
        pc.cast(pc.fill_null(pc.list_value_length(array), 0), pa.string()),
        pc.fill_null(pc.binary_join(array, SEPARATOR), ""),
        SEPARATOR,
    )
    encoded = pc.dictionary_encode(keys)
    distinct = np.empty(len(encoded.dictionary), dtype=object)
    for i, key in enumerate(encoded.dictionary.to_pylist()):
        length, _, joined = key.partition(SEPARATOR)
        distinct[i] = kind(joined.split(SEPARATOR) if int(length) else ())
    return distinct[encoded.indices.to_numpy(zero_copy_only=False)]


def _joinable(array: pa.Array) -> bool:
    """Whether each row's strings can be joined into a key that gives them back."""
    if not pa.types.is_list(array.type) and not pa.types.is_large_list(array.type):
        return False
    element = array.type.value_type
    if not (pa.types.is_string(element) or pa.types.is_large_string(element)):
        return False
    flat = pc.list_flatten(array)
    if flat.null_count:
        return False
    return not pc.any(pc.match_substring(flat, SEPARATOR)).as_py()


def _row_by_row(array: pa.Array, kind: type) -> np.ndarray:
    """Lists of other items (the members of shared quotes are records) or of strings that
    hold the separator, from Arrow's Python values: equal rows of hashable items share
    one object, records get one per row."""
    values = np.empty(len(array), dtype=object)
    made: dict = {}
    for i, value in enumerate(array.to_pylist()):
        items = tuple(value or ())
        try:
            values[i] = made.setdefault(items, kind(items))
        except TypeError:
            values[i] = kind(items)
    return values
