"""Given names that show a person's gender, for pronouns: 'she' never stands for a 'Donald'.

The names are a data file (``analysis/data/given_names.tsv``), general-language knowledge
like the stop words: only names that are almost always one gender in English-language
news are listed (not 'Jordan', 'Taylor', 'Kim', 'Leslie'); a name not listed shows
nothing, and what the text shows ('Mr.', 'Ms.', an earlier 'she') still comes first.
"""

from __future__ import annotations

from pathlib import Path

GIVEN_NAMES = Path(__file__).resolve().parents[1] / "data" / "given_names.tsv"
PRONOUNS = ("he", "she")


def load_given_names(path: Path = GIVEN_NAMES) -> dict[str, str]:
    """Lower-case given name -> 'he' or 'she' (rows of other pronouns are left out)."""
    names = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, pronoun = line.partition("\t")
        if line[:1] != "#" and pronoun.strip() in PRONOUNS:
            names[name.strip().lower()] = pronoun.strip()
    return names


GENDER_OF = load_given_names()


def given_name_gender(name: str) -> str | None:
    """'he' or 'she' for a full name whose first word is a listed given name, else None."""
    first, _, rest = name.partition(" ")
    if not rest:
        return None
    return GENDER_OF.get(first.lower().strip("."))
