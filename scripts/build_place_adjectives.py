"""Build analysis/data/place_adjectives.txt: adjectives of places ('American', 'Chinese').

Usage: python scripts/build_place_adjectives.py WORDNET_DIR [OUT]

WORDNET_DIR holds WordNet 3.0's ``data.adj`` and ``data.noun`` (Debian package
``wordnet-base``: /usr/share/wordnet). A word is listed when WordNet has it as a
capitalised adjective that pertains to a place: its pertainym pointer leads to a noun
of ``noun.location`` (countries, states, cities: 'Texan') or ``noun.object`` (the
continents: 'European'). Adjectives of people ('Julian', 'Christian') are left out, as
they are also given names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PLACE_FILES = {"15", "17"}  # noun.location, noun.object
HEADER = """\
# Adjectives of places, for names (scripts/build_place_adjectives.py); one per line.
# Derived from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton University.
# All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
"""


def noun_files(wordnet: Path) -> dict[str, str]:
    """Synset offset -> lexicographer file number, for every noun synset."""
    files = {}
    for line in (wordnet / "data.noun").read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            offset, number = line.split()[:2]
            files[offset] = number
    return files


def place_adjectives(wordnet: Path) -> set[str]:
    """Capitalised adjectives whose pertainym is a place noun."""
    files = noun_files(wordnet)
    found = set()
    for line in (wordnet / "data.adj").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split("|")[0].split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]) for i in range(count)]
        at = 4 + 2 * count
        for i in range(int(fields[at])):
            symbol, offset, pos, source = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            if symbol != "\\" or pos != "n" or files.get(offset) not in PLACE_FILES:
                continue
            number = int(source[:2], 16)
            for word in [words[number - 1]] if number else words:
                if word[:1].isupper() and "_" not in word:
                    found.add(word)
    return found


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    wordnet = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else Path("analysis/data/place_adjectives.txt")
    words = sorted(place_adjectives(wordnet))
    out.write_text(HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} place adjectives -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
