"""The people, organisations, countries and groups a corpus talks about.

Names are runs of capitalised words in the sentences ("Barack Obama", "the
National Rifle Association", "Sen. Joe Manchin"). Titles and honorifics are
dropped ("President Obama" is Obama), possessives too, and a capitalised
word that the corpus mostly writes in lower case ("However", "But",
"Despite") is a sentence opening, not a name. Variants are merged into one
entity: a surname with the one full name that ends with it, an acronym with
the name whose initials it spells ("NRA", "National Rifle Association"),
and the aliases of the story-independent actors ("Chinese", "Beijing",
"China"). Each entity keeps the variants that found it and its counts.

A mention right after a preposition of place ("in Florida", "arrives in
Moscow") names a location, not an actor: it is counted apart
(``located``) for countries and other places.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass

import pandas as pd

from analysis.emphasis.terms import WORD_CLASS, is_headline
from analysis.knowledge.derive.actors import Actor, alias_index, load_actors
from analysis.place_adjectives import is_place_adjective
from analysis.stop_words import ENGLISH_STOP_WORDS
from analysis.voices.given_names import GENDER_OF
from analysis.voices.speakers import TITLES

ENTITY_COLUMNS = [
    "entity", "kind", "side", "mentions", "located", "articles", "outlets", "variants",
]  # fmt: skip
MENTION_COLUMNS = ["sentence_id", "article_id", "outlet", "entity", "start", "end", "located"]

_WORD = r"[A-Z][\w'’.&-]*[\w.]|[A-Z]"
_CONNECTOR = r"(?:of the|of|for|de|du|la|van|von|bin|al|del)"
_SPAN = re.compile(rf"(?<![\w'’.-])(?:{_WORD})(?:\s(?:{_CONNECTOR}\s)?(?:{_WORD}))*")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
PLACE_SHARE = 0.25
"""A name written as a place ("in Florida") in at least this share of its mentions is a
place of its own, never a short form of a longer name."""
_BEFORE_NUMBER = re.compile(r"[ \u00a0-]\d")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
_PARTY_TAG = re.compile(r"^[RDI]-")
_CORPORATE_SUFFIX = re.compile(r",?\s+(?:Corp|Corporation|Inc|Co|Ltd|LLC|plc|PLC)\.?$")
_CONTRACTION = re.compile(r"^I$|['’](?:ve|m|ll|d|re|t)$")
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|across|throughout|to|from|into|outside|inside|around|toward|towards)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_ROLE_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|secretary|administrator|director|analyst|professor|"
    r"founder|executive|president|chairman|chairwoman|chief|minister|adviser|advisor|"
    r"economist|lawyer|attorney|researcher|hydrologist|scientist|coach|manager|official|"
    r"columnist|reporter|editor|baker|worker|resident|teacher|doctor|nurse|officer|judge)\s+$"
)
"""A lowercase role right before a name makes it a person ("press secretary Dana Rourke")."""
SENTENCE_OPENERS = frozenset(
    "despite like unlike meanwhile amid instead today yesterday tonight still asked "
    "according following".split()
)
"""Words that open sentences and are not in scikit-learn's stop words."""
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday".split()
)
"""Capitalised words that are dates, not actors."""
ORGANISATION_WORDS = frozenset(
    "association party department committee court congress senate house council union "
    "university college institute foundation agency administration bureau commission "
    "ministry office service corporation corp inc company co group bank fund board "
    "organization organisation network campaign coalition alliance league federation "
    "caucus assembly parliament society center centre club police army navy force forces "
    "guard tribunal authority reserve exchange times post news journal foods bakeries "
    "motors airlines airways industries holdings partners systems technologies securities "
    "energy pharmaceuticals communications entertainment studios labs capital bancorp "
    "insurance railways railroad brands stores markets media ltd llc plc".split()
)
"""Words that make a name an organisation ("Federal Reserve", "Justice Department")."""
_EXTRA_TITLES = frozenset(
    "majority minority whip assistant associate lieutenant candidate nominee presidential "
    "sens reps lawmaker officer agent detective sheriff coach assemblyman assemblywoman ceo "
    "cfo coo mp mep".split()
)
INSTITUTIONS = frozenset({"house", "senate", "congress", "parliament", "cabinet", "pentagon"})
"""Names made of title words only that still name an actor ("the Senate")."""


@dataclass(frozen=True)
class Entities:
    """Entities of a corpus (one row each) and every mention of them, by sentence."""

    table: pd.DataFrame  # ENTITY_COLUMNS, most mentioned first
    mentions: pd.DataFrame  # MENTION_COLUMNS

    def mentioning_outlets(self) -> int:
        """How many outlets mention an entity (a stored build counts them without reading
        every mention)."""
        return int(self.mentions["outlet"].nunique())

    def variants(self, entity: str) -> tuple[str, ...]:
        rows = self.table.loc[self.table["entity"] == entity, "variants"]
        return tuple(rows.iloc[0]) if len(rows) else ()


def is_title(word: str) -> bool:
    """Whether a word is a personal title or office ("Sen.", "Majority", "Whip")."""
    key = word.lower().strip(".")
    return key in TITLES or key in _EXTRA_TITLES


def _word_shape(counts_lower: Counter[str], counts_capital: Counter[str], word: str) -> bool:
    """Whether a capitalised word is written capitalised more than in lower case."""
    capital = counts_capital[word]
    return capital > 0 and capital >= counts_lower[word.lower()]


def _clean(
    span: str, start: int, initial: bool, keep, keep_always
) -> Iterable[tuple[str, int, bool]]:
    """The name parts of a capitalised span: (name, offset in the sentence, titled).

    A span is split at " of " unless its head is an organisation ("Department
    of Justice"), so "Cory Booker of New Jersey" is a person and a place; at a
    possessive ("Trump's Cabinet"); and after its last title word, whose
    qualifiers go with the title ("NRA President David Keene" is David Keene).
    ``initial`` spans open a sentence: their first words must look like names.
    ``titled`` says that a personal title stood before the name. Function words
    ("If", "No") are never names unless ``keep_always`` says so ("US").
    """
    parts = [(span, start)]
    if " of " in span:
        head, _, tail = span.partition(" of ")
        if not ORGANISATION_WORDS & {w.lower().strip(".") for w in head.split()}:
            parts = [(head, start), (tail.removeprefix("the "), start + len(head) + 4)]
    split = [piece for text, offset in parts for piece in _possessive_parts(text, offset)]
    for n, (text, offset) in enumerate(split):
        words = text.split(" ")
        titled = False
        if initial and n == 0 and words and not keep(words[0]) and not is_title(words[0]):
            offset += len(words[0]) + 1
            words.pop(0)
        last_title = max((i for i, w in enumerate(words) if is_title(w)), default=-1)
        if 0 <= last_title < len(words) - 1 and not _is_organisation(
            " ".join(words[last_title + 1 :])
        ):
            offset += sum(len(w) + 1 for w in words[: last_title + 1])
            words, titled = words[last_title + 1 :], True
        elif last_title == len(words) - 1 and not (
            _is_organisation(" ".join(words)) or " ".join(words).lower() in INSTITUTIONS
        ):
            continue
        while words and words[-1].lower() in {"of", "for", "on", "the", "de", "du", "la"}:
            words.pop()
        while (
            words
            and words[0].lower().strip(".") in ENGLISH_STOP_WORDS
            and not keep_always(words[0])
        ):
            offset += len(words[0]) + 1
            words.pop(0)
        if not words or _CONTRACTION.search(words[0]) or _PARTY_TAG.match(words[0]):
            continue
        name = _CORPORATE_SUFFIX.sub("", " ".join(words))
        if name.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", name):
            name = name[:-1]
        if len(name) < 2 or name.lower() in CALENDAR:
            continue
        yield name, offset, titled


def _possessive_parts(text: str, offset: int) -> Iterable[tuple[str, int]]:
    """``text`` cut at its possessives ("Trump's Cabinet" -> Trump, Cabinet), with offsets."""
    position = 0
    for match in [*_POSSESSIVE.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        if piece.strip():
            yield piece.strip(), offset + position + len(piece) - len(piece.lstrip())
        if match:
            position = match.end()


ENTITY_TASKS = 8
"""Tasks the passes over the sentences are cut into when they run in worker processes."""


def find_entities(
    sentences: pd.DataFrame,
    outlets: Iterable[str] = (),
    actors: tuple[Actor, ...] | None = None,
    speakers: Iterable[str] = (),
    pool: Executor | None = None,
) -> Entities:
    """Find and merge the entities named in ``sentences`` (columns text, sentence_id,
    article_id, outlet). Names of the corpus's own outlets are left out; names that
    ``speakers`` (the quoted people) hold are people.

    Two passes read the sentences: one counts how each word is written (capitalised or
    in lower case), the other finds the names by those counts; with a ``pool`` both run
    in its processes, ``ENTITY_TASKS`` runs of sentences at a time. Merging the names
    into entities reads them all, here.
    """
    actors = load_actors() if actors is None else actors
    by_alias = alias_index(actors)
    texts = sentences["text"].tolist()
    articles = sentences["article_id"].tolist()
    size = max(1, -(-len(texts) // ENTITY_TASKS)) if pool is not None else max(1, len(texts))
    starts = list(range(0, len(texts), size))
    chunks = [texts[k : k + size] for k in starts]
    run = pool.map if pool is not None else map
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    inside: set[str] = set()
    spans: list[list[tuple[str, int, bool]]] = []
    for chunk_lower, chunk_capital, chunk_inside, chunk_spans in run(_scan, chunks):
        lower.update(chunk_lower)
        capital.update(chunk_capital)
        inside |= chunk_inside
        spans.append(chunk_spans)
    namer = _Namer(by_alias, lower, capital, inside)
    found = [
        _Found(row, articles[row], *rest)
        for rows in run(namer.found, chunks, spans, starts)
        for row, *rest in rows
    ]
    own = {w for outlet in outlets for w in _outlet_words(outlet)}
    speakers = {s for s in speakers if isinstance(s, str) and " " in s}
    resolve, kinds = _merge(found, by_alias, own, speakers, lower)
    ids, outlet_of = sentences["sentence_id"].tolist(), sentences["outlet"].tolist()

    def common_noun(entity: str) -> bool:
        """One word the corpus writes in lower case more than capitalised ("the Government
        argues", "the Court held"): a noun of the story, not a name."""
        return (
            " " not in entity
            and not namer.keep_always(entity)
            and not _word_shape(lower, capital, entity)
        )

    resolved = [(f, entity) for f in found if (entity := resolve(f)) is not None]
    labels = _number_labels(resolved, texts)
    mention_rows = [
        (ids[f.row], f.article_id, outlet_of[f.row], entity, f.start, f.start + len(f.name),
         f.located)
        for f, entity in resolved
        if not common_noun(entity) and entity not in labels
    ]  # fmt: skip
    mentions = pd.DataFrame(mention_rows, columns=MENTION_COLUMNS)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for f, entity in resolved:
        surface[entity][f.name] += 1
    return Entities(_table(mentions, surface, kinds, by_alias), mentions)


def _variant_key(name: str) -> str | None:
    """What a name of several words is written as with spaces for hyphens and its last word
    singular ("Asian-Americans" and "Asian American": "Asian American")."""
    words = name.replace("-", " ").split()
    if len(words) < 2:
        return None
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _fold_variants(fixed: dict[str, str | None], kinds: dict[str, str], names: Counter) -> None:
    """Names that differ only by hyphens or a plural's "s" ("Asian Americans",
    "Asian-American") become one entity, written as the most frequent of them."""
    variants: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if fixed.get(name, name) == name and (key := _variant_key(name)):
            variants[key].append(name)
    for found in variants.values():
        if len(found) > 1:
            main = max(found, key=lambda n: (names[n], n))
            kind = kinds.get(main) or next((kinds[n] for n in found if n in kinds), "name")
            for name in found:
                fixed[name] = main
            kinds[main] = kind
    for name, entity in fixed.items():  # an acronym of a variant names the variants' entity
        if entity is not None and fixed.get(entity, entity) != entity:
            fixed[name] = fixed[entity]


def _number_labels(resolved: list[tuple[_Found, str]], texts: list[str]) -> set[str]:
    """One-word entities always written before a number ("Category 4", "Interstate 95"):
    the label of a number, not an actor."""
    numbered: dict[str, bool] = {}
    for f, entity in resolved:
        if " " not in entity:
            before = _BEFORE_NUMBER.match(texts[f.row], f.start + len(f.name)) is not None
            numbered[entity] = numbered.get(entity, True) and before
    return {entity for entity, always in numbered.items() if always}


def _scan(
    texts: list[str],
) -> tuple[Counter[str], Counter[str], set[str], list[list[tuple[str, int, bool]]]]:
    """The first pass: lower-case words, words capitalised mid-sentence, the spans of
    several words written mid-sentence, and each text's capitalised spans (text, start,
    opens the sentence)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    inside: set[str] = set()
    spans = []
    for text in texts:
        lower.update(_LOWER.findall(text))
        opening = _opening(text)
        found_spans = [(m.group(), m.start(), m.start() <= opening) for m in _SPAN.finditer(text)]
        spans.append(found_spans)
        for span, _, initial in found_spans:
            if not initial:
                capital.update(_POSSESSIVE.sub("", w) for w in span.split(" "))
                if " " in span:
                    inside.add(span)
    return lower, capital, inside, spans


class _Namer:
    """The second pass: the names in capitalised spans, by how the corpus writes each word
    (``lower`` and ``capital`` counts); its answers are remembered per word and span."""

    def __init__(
        self,
        by_alias: dict[str, Actor],
        lower: Counter[str],
        capital: Counter[str],
        inside: set[str] = frozenset(),
    ) -> None:
        self.by_alias, self.lower, self.capital = by_alias, lower, capital
        self.inside = inside  # spans of several words written mid-sentence somewhere
        self._always: dict[str, bool] = {}
        self._keep: dict[str, bool] = {}
        self._parts: dict[tuple[str, bool], list[tuple[str, int, bool]]] = {}

    def keep_always(self, word: str) -> bool:
        """An actor's alias or an acronym: a name even where function words are not."""
        known = self._always.get(word)
        if known is None:
            bare = _POSSESSIVE.sub("", word).strip(".")
            acronym = bare.isupper() and len(bare) > 1  # not the article 'A'
            known = self._always[word] = bare in self.by_alias or acronym
        return known

    def keep(self, word: str) -> bool:
        """Whether a sentence's first word is a name: not a function word ("But",
        "Despite"), nor a word the corpus writes in lower case more than capitalised
        mid-sentence ("Critics", "Workers"); a word never written in lower case is one."""
        known = self._keep.get(word)
        if known is None:
            known = self._keep[word] = self._keeps(word)
        return known

    def _keeps(self, word: str) -> bool:
        bare = _POSSESSIVE.sub("", word).strip(".")
        if self.keep_always(word):
            return True
        if bare.lower() in ENGLISH_STOP_WORDS or bare.lower() in SENTENCE_OPENERS:
            return False
        return self.lower[bare.lower()] == 0 or _word_shape(self.lower, self.capital, bare)

    def name_parts(self, span: str, initial: bool) -> list[tuple[str, int, bool]]:
        """``_clean``'s parts of a span, offsets from its start (the same span, the same parts).
        A sentence's opening span that the corpus also writes mid-sentence is that name
        ("Students for Fair Admissions said", not "Fair Admissions")."""
        initial = initial and span not in self.inside
        key = (span, initial)
        if key not in self._parts:
            self._parts[key] = list(_clean(span, 0, initial, self.keep, self.keep_always))
        return self._parts[key]

    def found(
        self, texts: list[str], spans: list[list[tuple[str, int, bool]]], first_row: int
    ) -> list[tuple[int, str, int, bool, bool]]:
        """(row, name, start, located, titled) of every name in ``texts`` (rows counted
        from ``first_row``)."""
        out = []
        for row, (text, text_spans) in enumerate(zip(texts, spans, strict=True), first_row):
            if is_headline(text) and not text.rstrip().endswith((".", '"', "”", "’")):
                continue  # a headline repeated in the body: Title Case, no full stop
            for span, start, initial in text_spans:
                role = bool(_ROLE_BEFORE.search(text[max(0, start - 30) : start]))
                for name, relative, titled in self.name_parts(span, initial):
                    offset = start + relative
                    located = bool(_LOCATIVE.search(text[max(0, offset - 30) : offset]))
                    out.append((row, name, offset, located, titled or (role and offset == start)))
        return out


@dataclass(frozen=True)
class _Found:
    row: int
    article_id: str
    name: str
    start: int
    located: bool
    titled: bool


def _opening(text: str) -> int:
    """Where the text's first word can start: after an opening quote or a dash. A span
    opens the sentence when it starts there or before (only punctuation before it)."""
    return len(text) - len(text.lstrip(" “\"'‘(—–-:"))


def _outlet_words(outlet: str) -> set[str]:
    """An outlet's name and its distinctive parts ("Fox News" -> Fox News, Fox)."""
    name = re.sub(r"\s*[(\-–].*$", "", outlet).strip()
    words = {name, outlet}
    first = name.split(" ")[0]
    if len(first) > 2:
        words.add(first)
    return words


def _initials(name: str) -> set[str]:
    """The acronyms a name may be written as: its words' initials, with and without its
    connecting words ("SFFA" and "SFA" for Students for Fair Admissions)."""
    words = name.split()
    return {
        "".join(w[0] for w in words if w.lower() not in {"of", "for", "the", "and"}),
        "".join(w[0].upper() for w in words if w.lower() not in {"the", "and"}),
    }


def _is_organisation(name: str) -> bool:
    return bool(ORGANISATION_WORDS & {w.lower().strip(".") for w in name.split()})


def _surname_stands_alone(name: str, single: set[str], lower: Counter[str]) -> bool:
    """Whether a name's last word is a name of its own in the corpus and its first word,
    never written in lower case, may be a given name: 'Storm Helena' and 'Federal Europe'
    are no persons, 'James Madison' is (a listed given name, though a common word)."""
    first, last = name.split()[0].lower(), name.split()[-1]
    return last in single and lower[first] == 0 and (first not in WORD_CLASS or first in GENDER_OF)


def _merge(
    found: list[_Found],
    by_alias: dict[str, Actor],
    own: set[str],
    speakers: set[str],
    lower: Counter[str],
):
    """A resolver from each found name to its entity (None: not an entity), and the kinds.

    Multi-word names are people when a title or a role stood before them, when they
    are quoted, or when their surname also stands alone and their first word is never
    written in lower case ("Storm Helena" is not a person). A one-word name goes to
    the one person of that surname in its article, else in the corpus; among several,
    to the only one that a title ever preceded ("President Barack Obama", not "Michelle
    Obama"); else to the one organisation whose name it opens ("Halvern" is Halvern
    Foods), or to the one other name it ends ("Irma" is Hurricane Irma), when that name
    is in its article: a short form refers back. A name often written as a place ("in
    Florida") is a place of its own, neither the opening of an organisation's name (the
    Florida National Guard) nor the end of another place's (South Florida).
    """
    names = Counter(f.name for f in found)
    located = Counter(f.name for f in found if f.located)
    places = {name for name, n in located.items() if n >= PLACE_SHARE * names[name]}
    titled = {f.name for f in found if f.titled}
    kinds: dict[str, str] = {}
    fixed: dict[str, str | None] = {}
    for name in names:
        if name in own:
            fixed[name] = None
        elif name in by_alias:
            fixed[name] = by_alias[name].name
            kinds[by_alias[name].name] = by_alias[name].kind
    multi = [n for n in names if n not in fixed and " " in n]
    expansions: dict[str, set[str]] = defaultdict(set)
    for name in multi:
        for acronym in _initials(name):
            expansions[acronym].add(name)
    single = {n for n in names if n not in fixed and " " not in n}
    people = {
        n
        for n in multi
        if not _is_organisation(n)
        and len(n.split()) <= 4
        and not any(
            (w.isupper() and len(w.strip(".")) > 1) or is_place_adjective(w) for w in n.split()
        )
        and (n in titled or n in speakers or _surname_stands_alone(n, single, lower))
    }
    for name in names:
        if name in fixed:
            continue
        if name in people:
            fixed[name], kinds[name] = name, "person"
        elif name.isupper() and len({_variant_key(n) for n in expansions.get(name, ())}) == 1:
            full = max(expansions[name], key=lambda n: (names[n], n))
            fixed[name] = full
            kinds[full] = "organisation"
        elif _is_organisation(name) or (name.isupper() and len(name) > 1):
            fixed[name] = name
            kinds.setdefault(name, "organisation")
        elif " " in name:
            fixed[name] = name
            kinds.setdefault(name, "name")
    _fold_variants(fixed, kinds, names)
    openings: dict[str, set[str]] = defaultdict(set)
    endings: dict[str, set[str]] = defaultdict(set)
    for name, entity in fixed.items():
        if entity and kinds.get(entity) == "organisation" and " " in name:
            openings[name.split()[0]].add(entity)
        if entity and kinds.get(entity) == "name" and " " in name:
            *before, last = name.split()
            describing = is_place_adjective(before[-1]) or before[-1].lower() in WORD_CLASS
            if not describing:  # 'North American Facebook', 'Federal Europe': not short forms
                endings[last].add(entity)
    named_in = defaultdict(set)  # the articles each multi-word entity is named in
    for f in found:
        if " " in f.name and fixed.get(f.name):
            named_in[fixed[f.name]].add(f.article_id)

    def refers_back(name: str, longer: dict[str, set[str]], article_id: str) -> str | None:
        """The one longer name ``name`` shortens, when its article names it."""
        entities = longer.get(name, ())
        if len(entities) != 1 or name in places:
            return None
        entity = next(iter(entities))
        return entity if article_id in named_in[entity] else None

    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    in_article: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in found:
        if f.name in people:
            by_surname[f.name.split()[-1]][f.name] += 1
            in_article[(f.article_id, f.name.split()[-1])].add(f.name)

    def resolve(f: _Found) -> str | None:
        if f.name in fixed:
            return fixed[f.name]
        local = in_article.get((f.article_id, f.name), set())
        if len(local) == 1:
            return next(iter(local))
        full = by_surname.get(f.name)
        if not full and (opened := refers_back(f.name, openings, f.article_id)):
            return opened
        if (
            not full
            and f.name.lower() not in INSTITUTIONS
            and (ended := refers_back(f.name, endings, f.article_id))
        ):
            return ended
        if full:
            candidates = local or set(full)
            with_title = {n for n in candidates if n in titled}
            if len(candidates) == 1 or len(with_title) == 1:
                return next(iter(with_title or candidates))
        kinds.setdefault(f.name, "person" if f.titled else "name")
        return f.name

    for f in found:
        if f.titled and f.name not in fixed and resolve(f) == f.name:
            kinds[f.name] = "person"
    return resolve, kinds


def _table(
    mentions: pd.DataFrame,
    surface: dict[str, Counter[str]],
    kinds: dict[str, str],
    by_alias: dict[str, Actor],
) -> pd.DataFrame:
    if mentions.empty:
        return pd.DataFrame(columns=ENTITY_COLUMNS)
    grouped = mentions.groupby("entity")
    table = pd.DataFrame(
        {
            "mentions": grouped.size(),
            "located": grouped["located"].sum().astype(int),
            "articles": grouped["article_id"].nunique(),
            "outlets": grouped["outlet"].nunique(),
        }
    ).reset_index()
    table["kind"] = table["entity"].map(lambda e: kinds.get(e, "name"))
    table["side"] = table["entity"].map(lambda e: by_alias[e].side if e in by_alias else "")
    table["variants"] = table["entity"].map(
        lambda e: tuple(v for v, _ in sorted(surface[e].items(), key=lambda kv: (-kv[1], kv[0])))
    )
    table = table.sort_values(["mentions", "entity"], ascending=[False, True], ignore_index=True)
    return table[ENTITY_COLUMNS]


def entity_names(entities: Entities, max_words: int = 4) -> dict[str, str]:
    """Lower-cased variants of the multi-word entities and the entity each names, for
    counting terms ("american water works association", "nra" -> National Rifle
    Association); a variant that names several entities ("obama") is left out."""
    owners: dict[str, set[str]] = defaultdict(set)
    table = entities.table
    for entity, variants in zip(table["entity"], table["variants"]):
        if " " not in entity or len(entity.split()) > max_words:
            continue
        for variant in (entity, *variants):
            owners[variant.lower()].add(entity)
    return {variant: next(iter(names)) for variant, names in owners.items() if len(names) == 1}
