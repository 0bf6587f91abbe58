"""Identity checks of quote speakers over a real corpus: split persons and sentence words.

Usage: python bench/speaker_identity.py BUILD_OR_CORPUS [--rerun] [--examples N] [--limit N]

BUILD_OR_CORPUS is a build folder (``python -m analysis build``: its quotes,
articles, paragraphs and stories tables are read) or a corpus (a ``.jsonl``,
``.jsonl.gz`` or folder: its quotes are extracted with the code of this tree).
``--rerun`` extracts a build's quotes again with this tree's code from the
build's own article texts and paragraphs, so the figures of the stored tables
("before") and of this tree ("after") are printed side by side.

Counts printed, each with the most frequent examples:

- bare surnames beside the one full name of that surname in the same article
  ("Cornyn" beside "John Cornyn"), then in the same story only (``--rerun``
  merges surnames in their story as the pipeline does);
- speakers that are sentence words: the first word a function word, determiner
  or conjunction, lower-case, or a common English word of
  ``analysis/data/word_classes.tsv`` ("However", "Some", "Despite Trump");
- speakers that name a group ("Senate Republicans"), which are never a person;
- a body quoted both with and without its article ("The CDC" and "CDC"), a speaker opened
  by an adjective ("Current ICE") and a bare party word ("Republican") as a speaker.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.corpus.load import load_corpus
from analysis.emphasis.terms import WORD_CLASS
from analysis.pipeline import analyse_article
from analysis.voices.cues import NAME_PARTICLES, SENTENCE_WORDS
from analysis.voices.kinds import names_many
from analysis.voices.phrases import NAME_STOP_WORDS
from analysis.voices.quotes import extract_quotes
from analysis.voices.speakers import (
    LEADING_ADJECTIVES,
    NOT_FIRST_NAMES,
    PARTY_WORDS,
    SpeakerRegistry,
    canonical_speakers,
    story_speakers,
)


def sentence_word(speaker: str) -> str | None:
    """Why a speaker's first word is a sentence word, not a name's; None when it is not.

    'function word' (a stop word, determiner or conjunction: 'However', 'Despite Trump';
    not 'Will O’Neill'), 'capitals' (one in capitals: 'MORE', but also 'WHO', 'US Army'),
    'lower-case' ('according Smith'), or 'common word' (word_classes.tsv: 'Current ICE',
    though given names such as 'James' are common words there too: read its examples).
    """
    first = speaker.split()[0].strip(".,")
    lower = first.lower()
    if lower in NAME_PARTICLES or re.match(r"[A-Z]\. [A-Z]\. ", speaker):
        return None  # 'de Blasio', 'A. J. Delgado'
    if lower in SENTENCE_WORDS:
        if first.isupper() and len(first) > 1:
            return "capitals"  # 'MORE', 'NOW WATCH', though 'US ...' and 'WHO' are bodies
        return None if lower in NAME_STOP_WORDS else "function word"
    if first[:1].islower():
        return "lower-case"
    return "common word" if lower in WORD_CLASS else None


def split_surnames(frame: pd.DataFrame, by: str) -> Counter:
    """Bare surnames quoted beside the one full name ending in them, per ``by`` (article, story);
    'The CDC' or 'General Jeff Sessions' is no full name ('CDC', 'Sessions' stay apart).

    Counts quotes of the surname, keyed by (surname, full name).
    """
    found: Counter = Counter()
    known = frame.dropna(subset=["speaker"])
    for _, group in known.groupby(by):
        names = set(group["speaker"])
        full: dict[str, set[str]] = {}
        for name in names:
            if " " in name and name.split()[0].lower().strip(".") not in NOT_FIRST_NAMES:
                full.setdefault(name.split()[-1].lower(), set()).add(name)
        for name, count in group["speaker"].value_counts().items():
            owners = full.get(name.lower(), set()) if " " not in name else set()
            if len(owners) == 1:
                found[(name, next(iter(owners)))] += count
    return found


def article_pairs(speakers: pd.Series) -> Counter:
    """Quotes of a speaker 'The X' while 'X' speaks too ('The CDC' beside 'CDC'), keyed by pair."""
    names = set(speakers)
    return Counter((s, s[4:]) for s in speakers if s.startswith("The ") and s[4:] in names)


def _counts(quotes: pd.DataFrame, stories: pd.DataFrame | None) -> dict[str, Counter]:
    speakers = quotes["speaker"].dropna()
    counts = {
        "surname beside its full name (article)": split_surnames(quotes, "article_id"),
        **{
            f"sentence-word speaker ({reason})": Counter(
                s for s in speakers if sentence_word(s) == reason
            )
            for reason in ("function word", "capitals", "lower-case", "common word")
        },
        "group as a speaker": Counter(s for s in speakers if names_many(s.split()[-1])),
        "body with and without 'The' (corpus)": article_pairs(speakers),
        "leading adjective ('Current ICE')": Counter(
            s for s in speakers if " " in s and s.split()[0].lower() in LEADING_ADJECTIVES
        ),
        "bare party word as a speaker": Counter(s for s in speakers if s.lower() in PARTY_WORDS),
    }
    if stories is not None:
        with_story = quotes.merge(stories[["article_id", "story"]], on="article_id")
        in_story = split_surnames(with_story, "story")
        in_article = counts["surname beside its full name (article)"]
        counts["surname beside its full name (story only)"] = Counter(
            {k: v for k, v in in_story.items() if k not in in_article}
        )
    return counts


def _report(title: str, quotes: pd.DataFrame, stories: pd.DataFrame | None, n: int) -> None:
    known = quotes["speaker"].dropna()
    print(f"{title}: {len(quotes):,} quotes, {len(known):,} with a speaker, "
          f"{known.nunique():,} speakers")  # fmt: skip
    for label, counter in _counts(quotes, stories).items():
        examples = ", ".join(f"{_show(k)} ({v})" for k, v in counter.most_common(n))
        print(f"  {label}: {sum(counter.values()):,} quotes, {len(counter):,} distinct")
        if examples:
            print(f"    {examples}")


def _show(key: str | tuple[str, str]) -> str:
    return f"{key[0]} ~ {key[1]}" if isinstance(key, tuple) else key


def _quote_rows(rows: Iterable[tuple[str, object]], registry: SpeakerRegistry) -> pd.DataFrame:
    rows = list(rows)
    speakers = canonical_speakers([q.speaker for _, q in rows], registry)
    return pd.DataFrame({"article_id": [a for a, _ in rows], "speaker": speakers})


def rerun(build: Path, stories: pd.DataFrame) -> pd.DataFrame:
    """The build's quotes extracted again by this tree's code, on its texts and paragraphs,
    surnames merged in the corpus and in their story as the pipeline does."""
    columns = ["article_id", "text", "published", "outlet"]
    articles = pd.read_parquet(build / "articles.parquet", columns=columns)
    paragraphs = pd.read_parquet(build / "paragraphs.parquet")
    spans = {
        aid: list(zip(g["start"], g["end"], strict=True))
        for aid, g in paragraphs.groupby("article_id", sort=False)
    }
    registry = SpeakerRegistry()
    rows = (
        (aid, q)
        for aid, text, published, outlet in articles.itertuples(index=False)
        for q in extract_quotes(
            text, spans.get(aid, []), registry, published or "", outlet=outlet or ""
        )
    )
    quotes = _quote_rows(rows, registry)
    story_of = dict(zip(stories["article_id"], stories["story"], strict=True))
    in_story = [story_of.get(a, a) for a in quotes["article_id"]]
    quotes["speaker"] = story_speakers(quotes["speaker"].tolist(), in_story, registry)
    return quotes


def from_corpus(path: Path, limit: int | None) -> pd.DataFrame:
    """Quotes of a corpus extracted with this tree's code (no speakers file)."""
    corpus = load_corpus(path)
    registry = SpeakerRegistry()
    rows = (
        (aid, q)
        for article in corpus.articles[:limit]
        for aid, _, q in analyse_article(article, registry)[3]
    )
    return _quote_rows(rows, registry)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="bench/speaker_identity.py", description=__doc__.split("\n")[0]
    )
    parser.add_argument("path", type=Path, metavar="BUILD_OR_CORPUS")
    parser.add_argument("--rerun", action="store_true", help="extract a build's quotes again")
    parser.add_argument("--examples", type=int, default=12, help="examples per count")
    parser.add_argument("--limit", type=int, help="first N articles of a corpus")
    args = parser.parse_args(argv)
    if not args.path.exists():
        raise SystemExit(f"no such build or corpus: {args.path}")
    if (args.path / "manifest.json").is_file():
        stories = pd.read_parquet(args.path / "stories.parquet")
        stored = pd.read_parquet(args.path / "quotes.parquet", columns=["article_id", "speaker"])
        _report("stored build", stored, stories, args.examples)
        if args.rerun:
            _report("this tree", rerun(args.path, stories), stories, args.examples)
        return
    _report("this tree", from_corpus(args.path, args.limit), None, args.examples)


if __name__ == "__main__":
    main(sys.argv[1:])
