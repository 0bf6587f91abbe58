"""Stories: which articles cover the same news event.

An article's ``story`` from the corpus (front matter ``story:`` or the JSONL
field) is kept as given. The others are grouped automatically: two articles
are neighbours when the TF-IDF cosine of their whole texts (title included:
analysis and opinion pieces often name the event only past their lead) is at
least ``NEIGHBOUR``, they share at least one capitalised name of the title and
lead (the first ``LEAD_WORDS`` words, where a news article says who), and
their dates (when both are known) lie at most ``MAX_DAYS`` apart: one story is
one event and its immediate coverage, so the same saga a week later is
another story. Neighbours come from blocked row chunks compared only with the
articles of nearby dates (never an n x n dense matrix); stories are the
average-linkage clusters of that sparse graph (``analysis.overlap.claims.
average_linkage``: missing pairs count as 0, merging stops below ``LINK``),
which, unlike connected components, do not chain thousands of articles
through one shared word at a time. ``NEIGHBOUR`` is below ``LINK`` so that a
cluster's average sees its weak pairs too, not zeros in their place. A
story's label is the title of its most central article.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from analysis.overlap.claim_match import lowercase_words, names
from analysis.overlap.claims import average_linkage

LEAD_WORDS = 80
NEIGHBOUR = 0.05
LINK = 0.08
MAX_DAYS = 4
CHUNK = 500
STORY_COLUMNS = ["article_id", "story", "label"]


def _leads(articles: pd.DataFrame) -> list[str]:
    """Title and the first ``LEAD_WORDS`` words of each article."""
    return [
        f"{title}. {' '.join(str(text).split()[:LEAD_WORDS])}"
        for title, text in zip(articles["title"], articles["text"], strict=True)
    ]


def _name_matrix(leads: list[str]) -> csr_matrix:
    """Article x name incidence of the capitalised names in each lead."""
    common = lowercase_words(leads)
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for k, lead in enumerate(leads):
        for word in {w for run in names(lead, common) for w in run}:
            rows.append(k)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    shape = (len(leads), max(1, len(vocabulary)))
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)


def _bodies(articles: pd.DataFrame) -> list[str]:
    """Title and whole text of each article."""
    return [
        f"{title}. {text}" for title, text in zip(articles["title"], articles["text"], strict=True)
    ]


def _days(articles: pd.DataFrame) -> np.ndarray:
    """Day number of each article's date (its YYYY-MM-DD start, as the loader checks it),
    NaN when unknown or unreadable."""
    day = articles["published"].fillna("").astype(str).str.slice(0, 10)
    dates = pd.to_datetime(day, format="%Y-%m-%d", errors="coerce", utc=True)
    return (dates - pd.Timestamp("1970-01-01", tz="UTC")).dt.days.to_numpy(dtype=float)


def _row_chunks(day: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(rows, columns) blocks: rows in date order, each with the columns it may pair with.

    Dated rows meet the articles within ``MAX_DAYS`` of the block's dates and
    every undated one; a block with an undated row meets everything.
    """
    order = np.argsort(day, kind="stable")  # NaN last
    undated = np.flatnonzero(np.isnan(day))
    everything = np.arange(len(day))
    blocks = []
    for start in range(0, len(order), CHUNK):
        rows = order[start : start + CHUNK]
        known = day[rows][~np.isnan(day[rows])]
        if len(known) < len(rows):
            blocks.append((rows, everything))
            continue
        near = (day >= known.min() - MAX_DAYS) & (day <= known.max() + MAX_DAYS)
        blocks.append((rows, np.union1d(np.flatnonzero(near), undated)))
    return blocks


def neighbours(articles: pd.DataFrame, threshold: float = NEIGHBOUR) -> pd.DataFrame:
    """Pairs (i, j, similarity), i < j, of articles close enough to be one story."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # on use: 1 s to import

    empty = pd.DataFrame({"i": [], "j": [], "similarity": []})
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        vectors = vectorizer.fit_transform(_bodies(articles))
    except ValueError:  # no word in any article
        return empty
    vectors = vectors.tocsr().astype(np.float32)
    named = _name_matrix(_leads(articles))
    day = _days(articles)
    found = []
    for rows, columns in _row_chunks(day):
        similar = (vectors[rows] @ vectors[columns].T).tocoo()
        i, j, w = rows[similar.row], columns[similar.col], similar.data
        keep = (i < j) & (w >= threshold)
        i, j, w = i[keep], j[keep], w[keep]
        keep = ~(np.abs(day[i] - day[j]) > MAX_DAYS)  # an unknown date (NaN) never splits
        i, j, w = i[keep], j[keep], w[keep]
        keep = np.asarray(named[i].multiply(named[j]).sum(axis=1)).ravel() > 0
        found.append(pd.DataFrame({"i": i[keep], "j": j[keep], "similarity": w[keep]}))
    return pd.concat(found, ignore_index=True) if found else empty


def stories(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: article_id, story, label.

    ``articles`` needs article_id, title, text and published; a non-empty
    ``story`` column value is kept as given (its label is the story itself).
    Grouped stories are numbered ``S001``... by size, then first article.
    """
    articles = articles.reset_index(drop=True)
    given = articles["story"].fillna("") if "story" in articles else pd.Series("", articles.index)
    free = articles[given == ""].reset_index(drop=True)
    result = pd.DataFrame({"article_id": articles["article_id"], "story": given, "label": given})
    if free.empty:
        return result[STORY_COLUMNS]
    edges = neighbours(free)
    n = len(free)
    i, j = edges["i"].to_numpy(dtype=int), edges["j"].to_numpy(dtype=int)
    component = average_linkage(n, i, j, edges["similarity"].to_numpy(dtype=float), LINK)
    centrality = np.bincount(edges["i"].astype(int), edges["similarity"], n) + np.bincount(
        edges["j"].astype(int), edges["similarity"], n
    )
    frame = pd.DataFrame({"component": component, "centrality": centrality, "order": range(n)})
    sizes = frame.groupby("component")["order"].agg(["size", "min"])
    ranked = sizes.sort_values(["size", "min"], ascending=[False, True]).index
    width = max(3, len(str(len(ranked))))
    name = {c: f"S{k:0{width}d}" for k, c in enumerate(ranked, start=1)}
    central = frame.sort_values(["centrality", "order"], ascending=[False, True])
    central = central.drop_duplicates("component").set_index("component")["order"]
    label = {c: str(free.at[central[c], "title"]) for c in ranked}
    story_of = dict(zip(free["article_id"], (name[c] for c in component), strict=True))
    label_of = dict(zip(free["article_id"], (label[c] for c in component), strict=True))
    free_rows = given == ""
    result.loc[free_rows, "story"] = articles.loc[free_rows, "article_id"].map(story_of)
    result.loc[free_rows, "label"] = articles.loc[free_rows, "article_id"].map(label_of)
    return result[STORY_COLUMNS]
