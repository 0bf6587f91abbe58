"""Given names that show a person's gender, for pronouns: 'she' never stands for a 'Donald'.

Only names that are almost always one gender in English-language news are listed
(not 'Jordan', 'Taylor', 'Kim', 'Leslie'); a name of neither list shows nothing, and
what the text shows ('Mr.', 'Ms.', an earlier 'she') still comes first.
"""

from __future__ import annotations

MALE_NAMES = frozenset(
    """aaron adam adrian alan albert alex alexander andrew anthony antonio arthur barack ben
    benjamin bernie bill billy bob bobby boris brad bradley brandon brett brian bruce bryan
    carl carlos charles chris christopher chuck clarence colin craig dan daniel danny david
    dennis derek donald doug douglas dwight ed eddie edward emmanuel eric frank fred gary
    george gerald gordon greg gregory harry henry howard ian jack jacob jake james jason
    jeff jeffrey jeremy jerome jerry jim jimmy joe joel john johnny jon jonathan jose joseph
    josh joshua juan justin keith ken kenneth kevin kyle larry lawrence mark martin
    matt matthew michael mike mitch mitt mohammed muhammad nathan neil nicholas
    nick oliver patrick paul pete peter phil philip ralph randy raymond richard rick robert
    roger ron ronald roy russell ryan sam samuel scott sean sergei stephen steve steven
    ted terry thomas tim timothy todd tom tony vladimir walter wayne william xi""".split()
)
"""Given names of men ('Donald', 'Barack', 'Mitch')."""

FEMALE_NAMES = frozenset(
    """alexandria alice alison amanda amy andrea angela ann anna anne barbara betsy betty
    beth brenda carol caroline carolyn catherine cheryl christina christine claire cynthia
    deborah debbie denise diana diane donna dorothy elizabeth ellen emily emma
    erin gina gretchen hannah heather helen hillary ilhan jane janet jennifer jessica jill
    joan joanna joyce judith judy julia julie karen kamala kate katherine kathleen kathy
    kayleigh kellyanne kirsten laura lauren linda lisa liz lori louise lucy
    margaret maria marie marjorie martha mary maxine megan melania melissa michelle
    monica nancy natalie nicole nikki olivia pamela patricia paula rachel rebecca rose
    ruth sandra sarah sharon shirley stephanie susan suzanne tammy teresa theresa tiffany
    tulsi ursula valerie victoria virginia wendy""".split()
)
"""Given names of women ('Nancy', 'Kellyanne', 'Margaret')."""


def given_name_gender(name: str) -> str | None:
    """'he' or 'she' for a full name whose first word is a listed given name, else None."""
    first, _, rest = name.partition(" ")
    if not rest:
        return None
    key = first.lower().strip(".")
    return "he" if key in MALE_NAMES else "she" if key in FEMALE_NAMES else None
