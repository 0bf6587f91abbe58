"""Quote marks and sentences: pair the marks of each paragraph into pieces, find sentence
starts outside quotes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from analysis.voices.cues import ABBREVIATIONS, MARKS, OPENERS, SENTENCE_END, SINGLE_MARKS

HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,300}>")
"""Markup left in an article's text: the marks of its attributes quote nobody."""


@dataclass
class Piece:
    """Quote marks found in one paragraph: content offsets and mark positions."""

    start: int
    end: int
    open: int | None
    close: int | None
    continued: bool = False  # continues a quote left open in the previous paragraph
    continues: bool = False  # left open, continued by the next paragraph


NICKNAME = re.compile(r"[“\"‘']([A-Z][\w.\-]*)[”\"’']\s+[A-Z]")


def is_nickname(text: str, opening: int) -> bool:
    """Whether the quote mark at ``opening`` sets off a nickname: 'Howard “Buck” McKeon'."""
    return bool(
        NICKNAME.match(text, opening)
        and re.search(r"\b[A-Z][\w.\-]*\s$", text[max(0, opening - 30) : opening])
    )


def within_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def sentence_starts(text: str, start: int, end: int, pieces: list[Piece]) -> list[int]:
    """Sentence starts of the outlet's text in ``text[start:end]``, outside quotes."""
    spans = [(p.start, p.end) for p in pieces]
    found = []
    for match in SENTENCE_END.finditer(text, start, min(end + 2, len(text))):
        stop = match.start()
        if match.end() > end:
            break
        if within_spans(stop, spans) and not re.match(r"[.!?…]+[”\"’']", text[stop : match.end()]):
            continue
        word = re.search(r"([\w.]+)$", text[max(start, stop - 12) : stop])
        token = word.group(1).lower() if word else ""
        if text[stop] == "." and (
            token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)
        ):
            continue
        found.append(match.end())
    return found


def find_pieces(text: str, paragraphs: list[tuple[int, int]]) -> list[Piece]:
    """Quote pieces in every paragraph, linking quotes left open to the next paragraph."""
    pieces: list[Piece] = []
    open_left = False
    for index, (start, end) in enumerate(paragraphs):
        opens_with_mark = text[start:end].lstrip()[:1] in OPENERS
        found = _paragraph_pieces(text, start, end)
        if open_left and found and opens_with_mark and found[0].open is not None:
            found[0].continued = True
        open_left = False
        if found and found[-1].close is None and found[-1].open is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if next_start is not None and text[next_start:].lstrip()[:1] in OPENERS:
                found[-1].continues = open_left = True
        pieces.extend(found)
    return pieces


def _paragraph_pieces(text: str, start: int, end: int) -> list[Piece]:
    """Pair the quote marks of one paragraph (double marks first, then single)."""
    tags = [m.span() for m in HTML_TAG.finditer(text, start, end)]
    marks = [
        (m.start(), m.group())
        for m in MARKS.finditer(text, start, end)
        if not (tags and within_spans(m.start(), tags))
    ]
    doubles = [(p, c) for p, c in _typed_closings(text, marks) if c in '“”"']
    nested = sum(c == "“" for _, c in doubles) == sum(c == "”" for _, c in doubles)
    pieces: list[Piece] = []
    opened: int | None = None
    depth = 0
    straight = False
    last_close: int | None = None
    for index, (position, char) in enumerate(doubles):
        if opened is None:
            if char == "”":
                orphan = _orphan(text, start, position)
                if orphan and not pieces:
                    pieces.append(orphan)
                continue
            opened, depth, straight, last_close = position, 1, char == '"', None
        elif straight:
            if char == '"' or (char == "”" and _next_opens(text, doubles, index)):
                pieces.append(_piece(text, opened, position))  # '"…”' closes too
                opened = None
        elif char == "“":
            if nested:
                depth += 1
            else:
                pieces.append(_piece(text, opened, None, position))
                opened, depth = position, 1
        elif char == "”" or (
            char == '"' and _can_close(text, position) and "”" not in text[position:end]
        ):  # '“…," Blunt said': mixed marks, the last straight one closes
            depth -= 1
            last_close = position
            if depth == 0:
                pieces.append(_piece(text, opened, position))
                opened = None
    if opened is not None:
        close = last_close if depth > 0 and last_close else None
        pieces.append(_piece(text, opened, close, end))
    pieces.extend(_single_pieces(text, start, end, pieces, tags))
    pieces.sort(key=lambda p: p.start)
    return [p for p in pieces if re.search(r"[^\W\d_]", text[p.start : p.end])]


def _typed_closings(text: str, marks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Marks with two apostrophes closing a quote read as one closing mark on the second
    ('"…,'' the league said', as some wire copy types it)."""
    typed = []
    for position, char in marks:
        if (
            char == "'"
            and text[position + 1 : position + 2] == "'"
            and text[position - 1 : position].strip()
        ):
            continue
        if char == "'" and text[position - 1 : position] == "'" and _can_close(text, position):
            typed.append((position, "”"))
            continue
        typed.append((position, char))
    return typed


def _next_opens(text: str, doubles: list[tuple[int, str]], index: int) -> bool:
    """Whether the next mark after ``doubles[index]`` opens a quote: then ” closes the
    straight mark's quote ('"…,” he said. “…"' and '"…,” he said, "…"')."""
    for position, char in doubles[index + 1 :]:
        if char != "”":
            return char == "“" or not _can_close(text, position)
    return True


def _orphan(text: str, start: int, close: int) -> Piece | None:
    """A closing mark with no opening one, then a cue: the quote ran from the paragraph start."""
    if text[close - 1 : close] not in ",.?!" or not re.match(
        r"\s*(?:said|says|added|\w+(?:\s+\w+){0,4}\s+(?:said|says|added|told|wrote))\b",
        text[close + 1 : close + 80],
    ):
        return None
    return _piece(text, start - 1, close)


def _single_pieces(
    text: str, start: int, end: int, doubles: list[Piece], tags: list[tuple[int, int]]
) -> list[Piece]:
    """Agency-style ‘…’ and '…' quotes outside double quotes; ’ inside a word is an apostrophe."""
    covered = [(p.open if p.open is not None else p.start, (p.close or p.end) + 1) for p in doubles]
    covered += tags
    marks = [
        (m.start(), m.group())
        for m in SINGLE_MARKS.finditer(text, start, end)
        if not any(a <= m.start() < b for a, b in covered)
    ]
    closers = [p for p, c in marks if c in "’'" and _can_close(text, p)]
    closing = set(closers)
    pieces: list[Piece] = []
    opened: int | None = None
    depth = 0
    last_close: int | None = None
    for position, char in marks:
        if opened is None:
            if _can_open(text, position, start):
                opened, depth, last_close = position, 1, None
            continue
        if _can_open(text, position, start) and char == "‘":
            depth += 1
            continue
        if position not in closing or char != ("’" if text[opened] == "‘" else "'"):
            continue
        later = bisect.bisect_right(closers, position) < len(closers)
        if (
            text[position - 1] == "s"
            and text[position + 1 : position + 3].strip()[:1].islower()
            and later
        ):
            continue  # countries’ sovereignty: a plural possessive
        depth -= 1
        last_close = position
        if depth == 0:
            pieces.append(_piece(text, opened, position))
            opened = None
    if opened is not None and last_close is not None:
        pieces.append(_piece(text, opened, last_close))
    return pieces


def _can_open(text: str, position: int, start: int) -> bool:
    before = text[position - 1] if position > start else " "
    after = text[position + 1 : position + 2]
    if before.isalnum() or not (after.isalpha() or after in "[…"):
        return False
    return not re.match(r"['‘](?:em|n|til|cause|tis|twas)\b", text[position : position + 7], re.I)


def _can_close(text: str, position: int) -> bool:
    before = text[position - 1 : position]
    after = text[position + 1 : position + 2]
    if not before or before.isspace():
        return False
    return not (after.isalnum())


def _piece(text: str, opened: int, closed: int | None, end: int | None = None) -> Piece:
    """Content between the marks, trimmed of spaces and a trailing comma."""
    start = opened + 1
    stop = closed if closed is not None else end
    assert stop is not None
    while start < stop and text[start].isspace():
        start += 1
    if closed is not None and text[closed - 1 : closed + 1] == "''":
        stop -= 1  # the first of two apostrophes closing the quote
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
        stop -= 1
    return Piece(start, stop, opened if opened >= 0 and text[opened] in OPENERS else None, closed)
