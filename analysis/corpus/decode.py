"""Article bytes to text: UTF-8 first, else the encoding they show or declare.

Binaries that people mistake for articles are named; every fallback decoding is a
warning that says how to re-save the file.
"""

from __future__ import annotations

import codecs
import re

from analysis.knowledge.files import Problem
from analysis.wording import plural

_DECLARED_ENCODING = re.compile(rb"^(?:encoding|charset)\s*:\s*([A-Za-z0-9_\-]+)\s*$", re.M | re.I)


def decode_bytes(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8, else the encoding they show or declare; reject binaries.

    UTF-16/32 (with a byte-order mark, or UTF-16 without one), a declared
    ``encoding:``, and cp1252 bytes mixed into UTF-8 text are decoded with a warning;
    stray NUL bytes in text are removed with a warning.
    """
    kind = next((kind for magic, kind in _SIGNATURES if raw.startswith(magic)), None)
    if kind:
        message = f"binary file ({kind}, not text); articles must be UTF-8 text (.md, .txt)"
        return None, [Problem(name, None, message)]
    wide = _wide_encoding(raw)
    if wide:
        encoding, how = wide
        try:
            text = raw.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            pass
        else:
            note = f"decoded as {encoding.upper()} ({how}); re-save as UTF-8"
            return text, [Problem(name, None, note, "warning")]
    problems: list[Problem] = []
    nuls = raw.count(b"\x00")
    if nuls:
        if nuls > max(2, len(raw) // 100):
            message = "binary file (not text); articles must be UTF-8 text (.md, .txt)"
            return None, [Problem(name, None, message)]
        first = raw.index(b"\x00")
        message = (
            f"{plural(nuls, 'NUL byte')} removed (the first at byte {first}); "
            "text files never contain them: re-export the article as plain text"
        )
        problems.append(Problem(name, None, message, "warning"))
        raw = raw.replace(b"\x00", b"")
    if _control_share(raw) > 0.05:
        message = "binary file (not text); articles must be UTF-8 text (.md, .txt)"
        return None, [Problem(name, None, message)]
    try:
        return raw.decode("utf-8-sig"), problems
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _DECLARED_ENCODING.search(raw[:2000])
    if declared:
        encoding = declared.group(1).decode()
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            message = (
                f"not UTF-8 (byte {utf8_error.start}); decoded as {encoding}; re-save as UTF-8"
            )
            return text, [*problems, Problem(name, None, message, "warning")]
    try:
        text = raw.decode("utf-8-sig", errors=_CP1252_FALLBACK)
    except UnicodeDecodeError:
        message = (
            f"not UTF-8 (invalid byte at position {utf8_error.start}) and no other likely "
            "encoding fits; re-save the file as UTF-8"
        )
        return None, [*problems, Problem(name, None, message)]
    if _UTF8_CHAR.search(raw):
        message = (
            f"mixed encodings: UTF-8 text with bytes in another encoding (the first at byte "
            f"{utf8_error.start}), decoded as cp1252; re-save as UTF-8"
        )
    else:
        message = f"not UTF-8 (byte {utf8_error.start}); decoded as cp1252; re-save as UTF-8"
    return text, [*problems, Problem(name, None, message, "warning")]


_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive, or a Word or OpenDocument file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
)
"""How common binaries that people mistake for articles begin, and what they are."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_encoding(raw: bytes) -> tuple[str, str] | None:
    """UTF-32/16 shown by a byte-order mark, or UTF-16 without one (its NULs alternate)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding, "byte-order mark"
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.3 * half and even.count(0) < 0.05 * half:
        return "utf-16-le", "no byte-order mark"
    if even.count(0) > 0.3 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be", "no byte-order mark"
    return None


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    """Decode one byte that is not UTF-8 as cp1252 (a byte cp1252 lacks stays an error)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start : error.start + 1]
    return byte.decode("cp1252"), error.start + 1


_CP1252_FALLBACK = "coverage-lens-cp1252"
codecs.register_error(_CP1252_FALLBACK, _cp1252_byte)
_UTF8_CHAR = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
"""A multi-byte UTF-8 character: beside bytes that are not UTF-8, two encodings are mixed."""


def _control_share(raw: bytes) -> float:
    sample = raw[:4096]
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)
