"""Careless and damaged corpus files for the loader tests, built from texts of our own writing."""

from __future__ import annotations

import gzip
import json
import random

SUBJECTS = (
    "The council", "The mayor", "Residents of the east bank", "The river authority",
    "Two engineers", "The school board", "Police", "Volunteers", "The harbour master",
    "Shopkeepers", "The regional court", "A union spokeswoman",
)  # fmt: skip
VERBS = ("said", "warned", "confirmed", "denied", "reported", "announced", "argued")
CLAIMS = (
    "the levee would hold until Friday", "repairs would cost 4 million", "the bridge was shut",
    "buses would run on the old route", "the vote was postponed", "nobody had been hurt",
    "the schools stay open", "water rationing ends next week", "the fine was too low",
    "a second inquiry is planned", "the contract went to a local firm", "pumps failed at 3 am",
)  # fmt: skip


def article_text(rng: random.Random, sentences: int = 30) -> str:
    """A short news-like article: varied sentences, so compression is not trivial."""
    parts = []
    for _ in range(sentences):
        number = rng.randint(2, 9_999)
        claim = rng.choice(CLAIMS)
        parts.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {claim} ({number}).")
    return " ".join(parts)


def articles(count: int, seed: int = 0) -> list[dict[str, str]]:
    """``count`` JSON Lines records with ids, outlets and distinct texts."""
    rng = random.Random(seed)
    outlets = ("Daily Ledger", "Evening Post", "Valley Radio")
    return [
        {"article_id": f"n{i}", "outlet": outlets[i % 3], "text": article_text(rng)}
        for i in range(count)
    ]


def jsonl_gz(records: list[dict[str, str]]) -> bytes:
    """The records as a gzip-compressed JSON Lines file."""
    return gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode("utf-8"))


def flipped(raw: bytes, at: float, width: int = 4) -> bytes:
    """``raw`` with ``width`` bytes inverted from the fraction ``at`` of its length on."""
    damaged = bytearray(raw)
    start = int(len(raw) * at)
    for i in range(start, start + width):
        damaged[i] ^= 0xFF
    return bytes(damaged)
