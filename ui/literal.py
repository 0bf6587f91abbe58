"""Text from an article, a knowledge file or the URL, shown as literal text.

Streamlit renders Markdown in ``st.markdown``, captions, alerts and widget labels:
links and images (``![x](http://host/pixel)`` makes every visitor's browser fetch
it), KaTeX (``$…$``), colour directives (``:red[…]``) and HTML. Plotly renders a
few HTML tags (``<a>``, ``<b>``, ``<br>``) in labels, titles and hover text. Every
string of data goes through :func:`md` or :func:`plot` before it reaches either,
so only the markup written in our code is rendered.
"""

from __future__ import annotations

import html
import re

from analysis.knowledge.patterns import shorten

URL_VALUE_CHARS = 80
"""How much of a URL value a notice echoes (the rest is cut, with "…")."""

_MARKDOWN_SIGNS = "\\`*_{}[]()<>#+-.!|~$:&@^"
"""The ASCII punctuation that starts Markdown, HTML, an entity, math, a directive or a link
(``=``, ``,``, ``;``, ``/``, ``?``, quotes and ``%`` start nothing once on one line)."""
_PUNCTUATION = re.compile("([" + re.escape(_MARKDOWN_SIGNS) + "])")
_SPACE = re.compile(r"\s+")
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\\\.)|(?<=:)(?=//)|(?<=@)")
"""Where GFM would start a bare link (``www.``, ``://``, ``a@b.com``): a word joiner there
stops it."""
WORD_JOINER = "\u2060"


def md(value: object) -> str:
    """``value`` as Markdown that renders as exactly its text, on one line.

    Every sign that starts Markdown is backslash-escaped (CommonMark renders ``\\*``
    as ``*``), which leaves no link, image, emphasis, heading, list, HTML tag,
    entity, ``$`` math or ``:directive[…]`` to parse; runs of whitespace
    (newlines included) become one space, so nothing starts a block. Bare web
    addresses, which GFM links after escapes are resolved, get an invisible word
    joiner after ``www``, ``:`` and ``@`` so they stay plain text.
    """
    escaped = _PUNCTUATION.sub(r"\\\1", _SPACE.sub(" ", str(value)).strip())
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def plot(value: object) -> str:
    """``value`` for a plotly label, title or hover text: its ``<``, ``>`` and ``&`` escaped."""
    return html.escape(str(value), quote=False)


def url_value(value: object, limit: int = URL_VALUE_CHARS) -> str:
    """A value taken from the URL, cut to a readable length and made literal Markdown."""
    return md(shorten(str(value), limit))
