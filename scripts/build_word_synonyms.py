"""Build analysis/data/word_synonyms.tsv: news words that can say the same thing as another.

Usage: python scripts/build_word_synonyms.py WORDNET_DIR [OUT]

WORDNET_DIR holds WordNet 3.0's ``index.*``, ``data.*`` and ``*.exc`` files (Debian
package ``wordnet-base``: /usr/share/wordnet). Candidate words are the vocabulary of the
shipped word vectors (``analysis/models/tone.json``, the 20,000 most frequent words of news
text) less stop words. Each word, in the part of speech of its commonest tagged use,
gets keys (``word<TAB>key key ...``); two words with a key in common are
evidence of one event for the claim rules (``analysis.overlap.claim_match``):

- ``=LEMMA``: its dictionary form, through WordNet's irregular forms and suffix rules
  ("accused" / "accusing" -> ``=accuse``, "died" -> ``=die``);
- ``+LEMMA``: its family of derived words, joined through the derivation links of first
  senses ("nominated" / "nomination", "accuse" / "accusation");
- a synset offset (``v00123456``): the first sense of its lemma, and the first senses of
  the lemmas that list it among their own first two senses ("soldiers" / "troops",
  "dismissed" / "fired"), and what a first verb sense causes ("killed" -> "died").

Only first senses are used (the commonest meaning of a news word), lemmas of more than
``VAGUE`` senses ("come", "call", "take") get no keys, and only keys two candidate words
share are written, so the table stays small.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_word_classes import SUFFIXES, exceptions, tagged_counts, uses

ROOT = Path(__file__).resolve().parent.parent
POS = {"n": "noun", "v": "verb", "a": "adj"}
HEADER = """\
# Words and their meaning keys for the claim rules (scripts/build_word_synonyms.py);
# word<TAB>key key ...: two words that share a key may report one event.
# Derived from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton University.
# All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
# Candidate words: the vocabulary of analysis/models/tone.json (news text).
"""
SENSES = 2  # a lemma joins a synset that is among its first two senses
VAGUE = 20  # a lemma of more senses says little of what happened


def senses(wordnet: Path) -> dict[tuple[str, str], list[str]]:
    """(lemma, part of speech) -> synset keys, most frequent sense first."""
    table = {}
    for pos, name in POS.items():
        for line in (wordnet / f"index.{name}").read_text().splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            n_senses, n_pointers = int(fields[2]), int(fields[3])
            offsets = fields[6 + n_pointers : 6 + n_pointers + n_senses]
            table[(fields[0], pos)] = [f"{pos}{offset}" for offset in offsets]
    return table


def synsets(wordnet: Path) -> tuple[dict[str, list[str]], dict[str, list[tuple]]]:
    """synset key -> its lemmas, and -> its pointers (symbol, target key, source, target word)."""
    lemmas: dict[str, list[str]] = {}
    pointers: dict[str, list[tuple]] = {}
    for pos, name in POS.items():
        for line in (wordnet / f"data.{name}").read_text().splitlines():
            if line.startswith(" "):
                continue
            fields = line.split("|")[0].split()
            key = f"{pos}{fields[0]}"
            n_words = int(fields[3], 16)
            words = [fields[4 + 2 * k].lower().split("(")[0] for k in range(n_words)]
            k = 4 + 2 * n_words
            n_pointers = int(fields[k])
            found = []
            for p in range(n_pointers):
                symbol, offset, target_pos, link = fields[k + 1 + 4 * p : k + 5 + 4 * p]
                target_pos = "a" if target_pos == "s" else target_pos
                if target_pos in POS:
                    found.append(
                        (symbol, f"{target_pos}{offset}", int(link[:2], 16), int(link[2:], 16))
                    )
            lemmas[key], pointers[key] = words, found
    return lemmas, pointers


def base_forms(word: str, pos: str, sense: dict, irregular: dict) -> set[str]:
    """The lemmas of ``pos`` that ``word`` can be a form of."""
    found = {word} if (word, pos) in sense else set()
    found.update(lemma for lemma in irregular.get((word, pos), []) if (lemma, pos) in sense)
    for suffix, replacement in SUFFIXES.get(pos, []):
        lemma = word[: -len(suffix)] + replacement
        if word.endswith(suffix) and (lemma, pos) in sense:
            found.add(lemma)
    return found


class Families:
    """Union-find over lemmas: families of derived words."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def main_parts(word: str, counts: dict, irregular: dict) -> list[str]:
    """The parts of speech of ``word``'s commonest tagged use ("state": noun, not
    "to state"); every part when WordNet's corpus never tags it."""
    tagged = uses(word, counts, irregular)
    top = max(tagged[pos] for pos in POS)
    return [pos for pos in POS if tagged[pos] == top]


def keys(vocabulary: list[str], wordnet: Path) -> dict[str, set[str]]:
    """Meaning keys per candidate word (see the module doc), before unshared keys go."""
    sense, irregular, counts = senses(wordnet), exceptions(wordnet), tagged_counts(wordnet)
    lemmas, pointers = synsets(wordnet)
    forms = {
        word: {
            (lemma, pos)
            for pos in main_parts(word, counts, irregular)
            for lemma in base_forms(word, pos, sense, irregular)
        }
        for word in vocabulary
    }
    forms = {word: {p for p in found if len(sense[p]) <= VAGUE} for word, found in forms.items()}
    used = {pair for found in forms.values() for pair in found}
    families = Families()
    joined: dict[str, set[str]] = defaultdict(set)  # synset -> extra keys (what it causes)
    members: dict[str, set[str]] = defaultdict(set)  # synset -> used lemmas that join it
    for lemma, pos in used:
        first = sense[(lemma, pos)][0]
        for symbol, target, source, target_word in pointers[first]:
            if symbol == "+" and source and lemmas[first][source - 1] == lemma:
                other = lemmas[target][target_word - 1]
                other_pos = target[0]
                if (other, other_pos) in sense and sense[(other, other_pos)][0] == target:
                    families.join(f"{lemma}.{pos}", f"{other}.{other_pos}")
            if symbol == ">":
                joined[first].add(target)
        for key in sense[(lemma, pos)][:SENSES]:
            if any(sense.get((member, pos), [None])[0] == key for member in lemmas[key]):
                members[key].add(lemma)
    result: dict[str, set[str]] = {}
    for word, found in forms.items():
        mine = set()
        for lemma, pos in found:
            first = sense[(lemma, pos)][0]
            family = families.root(f"{lemma}.{pos}")
            mine |= {f"={lemma}", f"+{family}", first, *joined[first]}
            mine |= {key for key in sense[(lemma, pos)][:SENSES] if lemma in members[key]}
        result[word] = mine
    return result


def main(wordnet: Path, out: Path) -> None:
    config = json.loads((ROOT / "analysis" / "models" / "tone.json").read_text(encoding="utf-8"))
    vocabulary = sorted(
        {
            w
            for w in config["embedding_vocab"]
            if w.isalpha() and w.isascii() and len(w) > 2 and w not in ENGLISH_STOP_WORDS
        }
    )
    found = keys(vocabulary, wordnet)
    holders: dict[str, set[str]] = defaultdict(set)
    for word, mine in found.items():
        for key in mine:
            holders[key].add(word)
    # Of keys held by the same words, one is kept (the first in sorted order): same matches.
    kept = {frozenset(words): key for key, words in sorted(holders.items(), reverse=True)}
    useful = {key for words, key in kept.items() if len(words) > 1}
    rows = []
    for word in vocabulary:
        shared = sorted(k for k in found[word] if k in useful)
        if shared:
            rows.append(f"{word}\t{' '.join(shared)}\n")
    out.write_text(HEADER + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} words written to {out}")


if __name__ == "__main__":
    default = ROOT / "analysis" / "data" / "word_synonyms.tsv"
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else default)
