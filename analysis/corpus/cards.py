"""Name cards a scrape glued into an article's text.

Some sites put a hidden card after each politician's name: the full legal name,
the headlines of related stories and a "MORE" link. A scrape keeps the card as
text, so "Sen. Chuck Grassley (R-Iowa) said" reads "Sen. Chuck Grassley Charles
(Chuck) Ernest GrassleySpeaker Pelosi, it's time to … MORE (R-Iowa) said": the
card breaks the sentence, makes a speaker of "Chuck Grassley Charles (Chuck)
Ernest GrassleySpeaker" and repeats the same headlines across articles as if
they were shared copy. A card is recognised by its shape only (the written
surname repeated within a few name words, then a capitalised word, and a "MORE"
on the same line within 700 characters), never by the site's name.
"""

from __future__ import annotations

import re

MORE = re.compile(r"MORE(?![A-Za-z])")
CARD_OPENING = re.compile(
    r"(?<![A-Za-z.])(?=(?P<surname>[A-Z][a-z'’\-]+(?:[A-Z][a-z'’\-]+)?)(?: |(?=[A-Z]))"
    r"(?:(?:[A-Z(][\w.()'’\-]*|de|del|da|van|von|bin|al|la|le) ){1,4}"
    r"(?P=surname)(?= ?[A-Z0-9‘'“\"]))"
)
"""A written surname ('Grassley', 'McCain'), then (after a space or glued to it) the full
name ending in that surname and the card's first headline, glued to it or not. A lookahead,
so that every candidate is seen: in 'Elena Kagan Elena KaganOvernight …' the surname is the
last candidate ('Kagan'), not the first ('Elena')."""
REACH = 700
"""The most characters a card runs from the name to its 'MORE'."""


def strip_name_cards(text: str) -> tuple[str, int]:
    """``text`` without its name cards, and how many were taken out."""
    cuts: list[tuple[int, int]] = []
    floor = 0
    for more in MORE.finditer(text):
        line_start = text.rfind("\n", 0, more.start()) + 1
        start = max(floor, line_start, more.start() - REACH)
        openings = list(CARD_OPENING.finditer(text, start, more.end()))
        floor = more.end()  # a card holds no 'MORE': each stretch of text is read once
        if openings:
            card = openings[-1]
            cuts.append((card.start("surname") + len(card.group("surname")), more.end()))
    if not cuts:
        return text, 0
    pieces, cursor = [], 0
    for cut_from, cut_to in cuts:
        pieces.append(text[cursor:cut_from])
        cursor = cut_to
    pieces.append(text[cursor:])
    return "".join(pieces), len(cuts)
