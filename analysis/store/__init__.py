"""A built analysis: the build engine, its Parquet tables and what reads them on first use."""
