"""scikit-learn's English stop words, read without importing scikit-learn.

Importing any part of scikit-learn imports the whole package and scipy.stats
(about 1.2 s), which every page would pay on a server's first open for this one
word list. The list is read from scikit-learn's own file, so it is always the
one ``TfidfVectorizer(stop_words="english")`` uses.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

MODULE = "sklearn.feature_extraction._stop_words"


def _english_stop_words() -> frozenset[str]:
    if MODULE in sys.modules:
        return sys.modules[MODULE].ENGLISH_STOP_WORDS
    package = importlib.util.find_spec("sklearn")
    if package is None or package.origin is None:
        raise ImportError("scikit-learn is not installed: pip install -r requirements.txt")
    path = Path(package.origin).parent / "feature_extraction" / "_stop_words.py"
    namespace: dict = {}
    try:
        exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)
        return frozenset(namespace["ENGLISH_STOP_WORDS"])
    except (OSError, SyntaxError, KeyError):  # a scikit-learn that keeps the list elsewhere
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return ENGLISH_STOP_WORDS


ENGLISH_STOP_WORDS: frozenset[str] = _english_stop_words()
