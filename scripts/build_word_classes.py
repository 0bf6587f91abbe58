"""Build analysis/data/word_classes.tsv: general English words that are rarely content words.

Usage: python scripts/build_word_classes.py WORDNET_DIR [OUT]

WORDNET_DIR holds WordNet 3.0's ``cntlist.rev``, ``index.*`` and ``*.exc`` files (Debian
package ``wordnet-base``: /usr/share/wordnet). Candidate words are the 40,000 most frequent
English words of the ``wordfreq`` package (a dev-time tool only: ``pip install wordfreq``).
For each word, WordNet's sense-tagged counts (SemCor) say how often it is a noun, verb,
adjective or adverb; the counts of every lemma the word can inflect from are summed.

- ``filler``: a common word (wordfreq Zipf frequency 4 or more, about the 6,000 most
  frequent) that is almost never a noun (at most 2 tagged noun uses, at least 3 others):
  "expressed", "following", "seen", "going", "let", "likely"; or one of the most frequent
  words (Zipf 5.7 or more, about the top 300) that is a noun in under a quarter of its
  tagged uses ("want", "make"). Rarer verbs ("indicted", "protested") say what happened
  and stay.
- ``modifier``: an adjective or adverb in at least 15% of tagged uses ("key", "potential");
  the keyword analyser drops such a word where it modifies the next word ("key ally").
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

KINDS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SUFFIXES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}  # fmt: skip
HEADER = """\
# Word classes for the keyword analyser (scripts/build_word_classes.py); word<TAB>class.
# Derived from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton University.
# All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
# Candidate words: the most frequent English words of wordfreq (Robyn Speer, CC BY-SA 4.0).
"""


def tagged_counts(wordnet: Path) -> dict[str, Counter[str]]:
    """lemma -> tagged uses per part of speech (every indexed lemma, even with 0 uses)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in (wordnet / "cntlist.rev").read_text().splitlines():
        key, _, count = line.split()
        lemma, sense = key.split("%")
        counts[lemma][KINDS[sense[0]]] += int(count)
    for pos, name in FILES.items():
        for line in (wordnet / f"index.{name}").read_text().splitlines():
            if not line.startswith(" "):
                counts[line.split()[0]][pos] += 0
    return counts


def exceptions(wordnet: Path) -> dict[tuple[str, str], list[str]]:
    """(inflected form, part of speech) -> lemmas, for irregular forms ("seen" -> "see")."""
    table: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pos, name in FILES.items():
        for line in (wordnet / f"{name}.exc").read_text().splitlines():
            form, *lemmas = line.split()
            table[(form, pos)].extend(lemmas)
    return table


def uses(word: str, counts, irregular) -> Counter[str]:
    """Tagged uses of ``word`` per part of speech, over every lemma it can come from."""
    total: Counter[str] = Counter()
    for pos in FILES:
        lemmas = {word} if pos in counts.get(word, {}) else set()
        lemmas.update(irregular.get((word, pos), []))
        for suffix, replacement in SUFFIXES[pos]:
            lemma = word[: -len(suffix)] + replacement
            if word.endswith(suffix) and pos in counts.get(lemma, {}):
                lemmas.add(lemma)
        total[pos] += sum(counts[lemma][pos] for lemma in lemmas)
    return total


def word_class(tagged: Counter[str], zipf: float) -> str | None:
    """``filler``, ``modifier`` or None (a content word), from tagged uses and frequency."""
    others = tagged["v"] + tagged["a"] + tagged["r"]
    if tagged["n"] <= 2 and others >= 3 and zipf >= 4.0:
        return "filler"
    if zipf >= 5.7 and tagged["n"] < 0.25 * tagged.total():
        return "filler"
    if tagged["a"] + tagged["r"] >= 3 and (tagged["a"] + tagged["r"]) >= 0.15 * tagged.total():
        return "modifier"
    return None


def main(wordnet: Path, out: Path) -> None:
    from wordfreq import top_n_list, zipf_frequency

    counts, irregular = tagged_counts(wordnet), exceptions(wordnet)
    rows = []
    for word in sorted(set(top_n_list("en", 40_000))):
        if word.isalpha() and word.isascii() and len(word) > 1:
            kind = word_class(uses(word, counts, irregular), zipf_frequency(word, "en"))
            if kind:
                rows.append(f"{word}\t{kind}\n")
    out.write_text(HEADER + "".join(rows))
    print(f"{len(rows)} words written to {out}")


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "analysis" / "data" / "word_classes.tsv"
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else default)
