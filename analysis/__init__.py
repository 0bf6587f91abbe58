"""Coverage Lens analysis library: corpus, text, keywords, topics, quotes, overlap, stance.

Plain data in, plain data out (dataclasses and pandas DataFrames); no UI code.
"""
