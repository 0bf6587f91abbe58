"""Quotes and their speakers: whom an article quotes, in its own words or reported.

Three kinds of quote are found, each with exact offsets into the article text:

- ``full``: a clause or more in quote marks (“…”, "…", or the agency style
  ‘…’ where ’ is also the apostrophe of Xi’s and don’t);
- ``partial``: a quoted phrase inside the outlet's own sentence (called the
  trip a “journey of friendship”); scare quotes have no speaker;
- ``indirect``: reported speech without quote marks ("X said that …",
  "according to X, …", "…, X said.").

One Quote is made per paragraph piece: a quote running over several
paragraphs (an unclosed quote continued by a paragraph that opens with a
quote mark) and a quote interrupted by its attribution (“…,” he said, “…”)
give one Quote per piece, all with the same speaker.

The speaker is found by rules of English news writing, precision first: a
name or organisation next to the cue ("explicit"), or a pronoun or role
("he added", "the Chinese leader said") carried from the last named person
("carried"), or the outlet itself ("we noted", "this newspaper's bureau":
"outlet", when the outlet is given); a role of an unregistered person ("the attorney") is carried
only to the last person introduced with that role, and "its foreign ministry"
only when the sentence's subject owns a registered one. Persons opening a
sentence ("Meg Brady, a nurse, …") are antecedents of a later "she"; a party
epithet ("the Kentucky Republican") stands for the last such person or
speaker; a body named by its proper name ("the Commerce Department") speaks
itself. Reported speech
shares the sentence's subject ("X did Y and said …", "…, saying …") and may
be set off by commas ("…, X said, …", "X, according to Y, …"). Anything
less certain gives no speaker ("none"); the words
naming the speaker are still kept in ``speaker_mention``. "told Reuters"
makes Reuters the recipient; "per the BBC" and "according to Reuters" make
the outlet the source.

Each quote has a speaker kind (:mod:`analysis.voices.kinds`): person,
organisation, group ("Senate Republicans", "officials", "the union": no
speaker, the group's name kept), unnamed ("a spokesman") or none.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.voices.attribution import Article
from analysis.voices.records import ATTRIBUTIONS, KINDS, Quote
from analysis.voices.speakers import SpeakerRegistry

__all__ = ["ATTRIBUTIONS", "KINDS", "Quote", "extract_quotes"]


def extract_quotes(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    registry: SpeakerRegistry | None = None,
    published: str = "",
    *,
    outlet: str = "",
) -> list[Quote]:
    """All quotes of one article, in text order.

    ``paragraphs`` are the ``(start, end)`` offsets of the content paragraphs
    (headlines, captions and other furniture left out). ``published`` (YYYY-MM-DD)
    lets a registered role with dates carry ("the president said"). ``outlet`` is the
    article's outlet: words it puts in its own mouth ("we noted", "this newspaper
    reported") are credited to it, with the attribution "outlet". Runs in time
    linear in the length of the article.
    """
    article = Article(text, paragraphs, registry or SpeakerRegistry(), published, outlet)
    return article.quotes()
