"""From a loaded corpus to the analysis tables every view, the CLI and the tests share.

``analyse`` runs the per-article stages (segmentation, quotes) and the corpus
stages that every view needs (topics, names). Views that need more (keywords
on a filtered selection, overlap, claims, stance) call their own module with
these tables. Everything here is a pure function of the corpus and the
knowledge files, so callers may cache it by ``Analysis.key``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from analysis.corpus.load import Article, Corpus
from analysis.corpus.stories import STORY_COLUMNS, stories
from analysis.corpus.text import Sentence, segment
from analysis.emphasis.names import find_names
from analysis.emphasis.terms import TermCounts, count_terms
from analysis.emphasis.topics import (
    DISCOVERED_PREFIX,
    Topic,
    discover_topics,
    load_topics,
    shared_terms,
    tag_topics,
)
from analysis.framing.stance import LexiconEntry, Target, load_lexicon, load_targets
from analysis.knowledge.derive.entities import Entities, entity_names, find_entities
from analysis.knowledge.derive.sides import SIDE_COLUMNS, derive_sides
from analysis.knowledge.derive.targets import derive_targets
from analysis.knowledge.files import KNOWLEDGE_FILES, KnowledgeError, Problem
from analysis.store.memory import StagePeaks
from analysis.voices.quotes import Quote, extract_quotes
from analysis.voices.speakers import SpeakerRegistry, canonical_speakers, story_speakers

UNKNOWN_SPEAKER = "Unknown speaker"
"""The affiliation group of quotes whose speaker could not be identified."""

DEFAULT_KNOWLEDGE = Path(__file__).resolve().parent.parent / "corpus"
GENERIC_LEXICON = Path(__file__).resolve().parent / "defaults" / "framing_lexicon.csv"
DERIVED = "derived from this corpus"
"""The source of a kind of knowledge that the corpus folder has no file for."""

Progress = Callable[[float, str], None]
PerArticle = Callable[[list[Article], SpeakerRegistry], Iterable[tuple[list, ...]]]
"""Runs the per-article stage over articles, yielding each one's rows in corpus order."""


@dataclass(frozen=True)
class Knowledge:
    """The analyst's editable knowledge files, loaded and validated.

    ``sources`` says, per kind (speakers, topics, targets, lexicon), which file
    is used or that the knowledge is :data:`DERIVED` from the corpus itself.
    """

    folder: Path
    topics: tuple[Topic, ...]
    registry: SpeakerRegistry
    problems: tuple[Problem, ...]
    key: str
    sources: dict[str, str] = field(default_factory=dict)

    def derives(self, kind: str) -> bool:
        """Whether ``kind`` comes from the corpus (the folder has no file for it)."""
        return self.sources.get(kind, DERIVED) == DERIVED

    def speaker_names(self) -> dict[str, str]:
        """Every speaker alias (lower-cased) and the canonical name it stands for."""
        return {
            alias.lower(): speaker.name
            for speaker in self.registry.speakers.values()
            if speaker.is_person
            for alias in (speaker.name, *speaker.aliases)
        }


def load_knowledge(folder: str | Path = DEFAULT_KNOWLEDGE) -> Knowledge:
    """Load the knowledge files of ``folder``; what it has no file for is derived later.

    The bundled files describe the bundled story only: another corpus never
    falls back to them.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    sources = {
        name: str(path) if (path := knowledge_path(folder, name)).exists() else DERIVED
        for name in KNOWLEDGE_FILES
    }
    sources["lexicon"] = lexicon_source(folder)
    topics: list[Topic] = []
    registry = SpeakerRegistry()
    if sources["topics"] != DERIVED:
        try:
            topics, topic_problems = load_topics(Path(sources["topics"]))
            problems.extend(topic_problems)
        except KnowledgeError as exc:
            problems.append(Problem(sources["topics"], None, f"{exc}; no defined topics used"))
    if sources["speakers"] != DERIVED:
        try:
            registry, speaker_problems = SpeakerRegistry.from_csv(sources["speakers"])
            problems.extend(speaker_problems)
        except KnowledgeError as exc:
            message = f"{exc}; no registered speakers used"
            problems.append(Problem(sources["speakers"], None, message))
    digest = hashlib.sha256()
    for name in sorted(KNOWLEDGE_FILES):
        path = knowledge_path(folder, name)
        digest.update(path.read_bytes() if path.exists() else b"")
    key = digest.hexdigest()[:16]
    return Knowledge(folder, tuple(topics), registry, tuple(problems), key, sources)


def knowledge_path(folder: Path, name: str) -> Path:
    """Where the knowledge file ``name`` of ``folder`` is (or is saved: beside the corpus)."""
    return Path(folder) / KNOWLEDGE_FILES[name]


GENERIC = "story-independent defaults"


def lexicon_source(folder: Path) -> str:
    """The framing lexicon always has the story-independent cues, plus the folder's file."""
    own = knowledge_path(folder, "lexicon")
    return f"{GENERIC} + {own}" if own.exists() else GENERIC


def knowledge_folder(corpus: str | Path) -> Path:
    """The folder whose knowledge files belong to ``corpus``: the corpus folder itself, or
    the folder of a ``.jsonl`` file."""
    path = Path(corpus)
    return path if path.is_dir() else path.parent


@dataclass
class Analysis:
    """The tables of one analysed corpus (see DESIGN.md for their columns)."""

    key: str
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    furniture: pd.DataFrame
    quotes: pd.DataFrame
    names: dict[str, str]
    term_counts: TermCounts
    problems: list[Problem] = field(default_factory=list)
    entities: Entities | None = None
    speakers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SIDE_COLUMNS))
    topic_names: tuple[str, ...] = ()
    stories: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STORY_COLUMNS))
    knowledge_sources: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    peaks: dict[str, float] = field(default_factory=dict)  # peak resident MB per stage

    def text_of(self, article_id: str) -> str:
        return self.articles.at[article_id, "text"]


ARTICLE_COLUMNS = [
    "article_id", "outlet", "title", "published", "url", "author", "wire", "note",
    "source_file", "loaded_from", "story", "words", "sentences", "text",
]  # fmt: skip
SENTENCE_COLUMNS = [
    "sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end", "text",
    "words", "voice", "topics", "discovered_topic",
]  # fmt: skip
QUOTE_COLUMNS = [
    "quote_id", "article_id", "outlet", "kind", "speaker", "speaker_mention", "affiliation",
    "cue", "text", "start", "end", "attribution", "words", "cue_start", "cue_end",
    "mention_start", "mention_end", "speaker_kind", "speaker_group",
]  # fmt: skip


PARALLEL_FROM = 500
"""Corpora at least this large spread the per-article stage over worker processes."""


class _Stopwatch:
    """Seconds spent in each stage, read off at each report of progress."""

    def __init__(self, report: Progress) -> None:
        self.timings: dict[str, float] = {}
        self.memory = StagePeaks()
        self._report = report
        self._stage, self._start = "", time.perf_counter()

    def __call__(self, fraction: float, message: str, stage: str | None = None) -> None:
        if stage is not None and stage != self._stage:
            now = time.perf_counter()
            if self._stage:
                self.timings[self._stage] = self.timings.get(self._stage, 0) + now - self._start
            self.memory.enter(stage)
            self._stage, self._start = stage, now
        self._report(fraction, message)


def analyse(
    corpus: Corpus,
    knowledge: Knowledge | None = None,
    discover: bool = True,
    progress: Progress | None = None,
    workers: int = 1,
    per_article: PerArticle | None = None,
    aside: Callable[[TermCounts], TermCounts] | None = None,
) -> Analysis:
    """Segment every article, tag topics and collect names; report progress in [0, 1].

    With ``workers`` > 1 and a corpus of ``PARALLEL_FROM`` articles or more, the
    per-article stage (segmentation, quotes), the passes of entities over the sentences
    and the term counts run in that many processes, and stories, names, the discovered
    topics and the speakers' sides run in them beside the other stages; ``per_article``
    runs the per-article stage elsewhere instead (a Dask cluster: :mod:`analysis.store.build`).
    The tables are the same either way. ``aside`` takes the term counts once the topics
    have read them (a build writes them to disk: no later stage reads them).
    """
    knowledge = knowledge or load_knowledge()
    report = _Stopwatch(progress or (lambda fraction, message: None))
    parallel = workers if len(corpus.articles) >= PARALLEL_FROM else 1
    with _pool(parallel) as pool:
        story_job = pool.submit(stories, _story_input(corpus.articles))
        tables = _tables(corpus, knowledge, report, per_article or partial(_per_article, pool=pool))
        article_frame, paragraph_frame, sentence_frame, furniture_frame, quote_frame = tables
        report(0.8, "Grouping the articles into stories", "stories")
        story_table = story_job.result()
        quote_frame["speaker"] = _story_speakers(quote_frame, story_table, knowledge.registry)
        names_job = pool.submit(find_names, sentence_frame["text"], knowledge.speaker_names())
        report(0.82, "Finding the actors", "entities")
        entities = find_entities(
            sentence_frame,
            article_frame["outlet"].unique(),
            speakers=quote_frame["speaker"].dropna(),
            pool=pool,
        )
        report(0.85, "Counting terms", "term counts")
        names = entity_names(entities) | names_job.result()
        term_counts = count_terms(sentence_frame, names, workers=parallel, pool=pool)
        report(0.88, "Discovering topics", "discovered topics")
        derived_topics = knowledge.derives("topics")
        topics_job = (
            pool.submit(
                discover_topics, sentence_frame["text"].tolist(), counts=shared_terms(term_counts)
            )
            if discover or derived_topics
            else None
        )
        if aside is not None:
            term_counts = aside(term_counts)
        report(0.9, "Finding the speakers' sides", "speakers' sides")
        speakers = pool.submit(
            _speaker_sides, *_sides_input(quote_frame, article_frame, entities), knowledge
        ).result()  # beside the topics, in the other process
        quote_frame["affiliation"] = _affiliations(quote_frame, speakers)
        report(0.94, "Discovering topics", "discovered topics")
        discovered = topics_job.result() if topics_job else []
    sentence_frame["discovered_topic"] = [d[0] if d else "" for d in discovered] or ""
    topic_names = tuple(t.name for t in knowledge.topics)
    if derived_topics:
        sentence_frame["topics"] = [
            (d[0].removeprefix(DISCOVERED_PREFIX),) if d else () for d in discovered
        ] or [()] * len(sentence_frame)
        counts = sentence_frame["topics"].explode().dropna().value_counts()
        topic_names = tuple(counts.index)
    report(1.0, "Done", "done")
    return Analysis(
        key=f"{corpus.content_hash()}-{knowledge.key}",
        articles=article_frame,
        paragraphs=paragraph_frame,
        sentences=sentence_frame,
        furniture=furniture_frame,
        quotes=quote_frame,
        names=names,
        term_counts=term_counts,
        problems=list(corpus.problems) + list(knowledge.problems),
        entities=entities,
        speakers=speakers,
        topic_names=topic_names,
        stories=story_table,
        knowledge_sources=dict(knowledge.sources),
        timings=report.timings,
        peaks=report.memory.peaks,
    )


def _tables(
    corpus: Corpus, knowledge: Knowledge, report: _Stopwatch, run: PerArticle
) -> tuple[pd.DataFrame, ...]:
    """The per-article stage and the tables made of its rows: articles, paragraphs,
    sentences (with voice and defined topics), furniture, quotes."""
    furniture, paragraphs, sentences, articles, quotes = [], [], [], [], []
    total = max(len(corpus.articles), 1)
    report(0.0, f"Segmenting {total:,} articles", "per-article: segments and quotes")
    rows_of = run(corpus.articles, knowledge.registry)
    for n, (article, rows) in enumerate(zip(corpus.articles, rows_of, strict=True)):
        if n % 200 == 0:
            report(0.8 * n / total, f"Segmenting article {n + 1:,} of {total:,}")
        f_rows, p_rows, s_rows, q_rows = rows
        furniture += f_rows
        paragraphs += p_rows
        sentences += s_rows
        quotes += q_rows
        words = sum(row[8] for row in s_rows)
        articles.append(_article_row(article, words, len(s_rows)))
    report(0.8, "Tagging topics", "tables and defined topics")
    quote_frame = _quote_frame(quotes, knowledge.registry)
    sentence_frame = pd.DataFrame(sentences, columns=SENTENCE_COLUMNS[:-2])
    paragraph_frame = pd.DataFrame(paragraphs, columns=["article_id", "paragraph", "start", "end"])
    furniture_frame = pd.DataFrame(
        furniture, columns=["article_id", "start", "end", "rule", "text"]
    )
    del quotes, sentences, paragraphs, furniture, rows_of  # the frames hold the rows now
    sentence_frame["topics"] = tag_topics(sentence_frame["text"].tolist(), knowledge.topics)
    article_frame = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    article_frame.index = article_frame["article_id"].to_numpy()
    return article_frame, paragraph_frame, sentence_frame, furniture_frame, quote_frame


def _story_input(articles: list[Article]) -> pd.DataFrame:
    """What grouping into stories reads of each article, in corpus order."""
    rows = [(a.article_id, a.title, a.text, a.published, a.story) for a in articles]
    return pd.DataFrame(rows, columns=["article_id", "title", "text", "published", "story"])


class _InProcess(Executor):
    """An executor that runs each task at once, in this process (no workers to spread to)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1) -> Iterator:
        """Lazily, in order: each result is made when it is read."""
        return map(fn, *iterables)


@contextmanager
def _pool(workers: int) -> Iterator[Executor]:
    """``workers`` processes that the stages share (tasks of independent stages run side
    by side), or this process alone."""
    if workers < 2:
        yield _InProcess()
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


def _speaker_sides(
    quotes: pd.DataFrame, articles: pd.DataFrame, entities: Entities, knowledge: Knowledge
) -> pd.DataFrame:
    """Each quoted speaker's side: from ``speakers.csv``, or read from the text."""
    if knowledge.derives("speakers"):
        return derive_sides(quotes, articles["text"].to_dict(), entities)
    known = quotes.dropna(subset=["speaker"]).groupby("speaker").size()
    registry = knowledge.registry
    rows = [
        (speaker, registry.affiliation(speaker), "speakers.csv" if speaker in registry.speakers
         else "", int(n))
        for speaker, n in known.items()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=SIDE_COLUMNS)


def _sides_input(
    quotes: pd.DataFrame, articles: pd.DataFrame, entities: Entities
) -> tuple[pd.DataFrame, pd.DataFrame, Entities]:
    """What the speakers' sides read of the tables: sent to a worker process, the rest of
    the quotes and the entities' mentions would only be copied there and back."""
    columns = ["article_id", "speaker", "speaker_mention", "mention_start", "mention_end"]
    return quotes[columns], articles[["text"]], Entities(entities.table, entities.mentions[:0])


def _affiliations(quotes: pd.DataFrame, speakers: pd.DataFrame) -> pd.Series:
    sides = dict(zip(speakers["speaker"], speakers["affiliation"]))
    return quotes["speaker"].map(lambda s: sides.get(s, UNKNOWN_SPEAKER) if s else UNKNOWN_SPEAKER)


@dataclass(frozen=True)
class FramingKnowledge:
    """Targets and framing lexicon in use, their problems and where they come from.

    ``derived_targets`` is the table behind targets derived from the corpus
    (mentions, outlets, patterns), empty when they come from ``targets.csv``.
    """

    targets: list[Target]
    lexicon: list[LexiconEntry]
    problems: list[Problem]
    sources: dict[str, str]
    derived_targets: pd.DataFrame


def load_framing(folder: str | Path, analysis: Analysis) -> FramingKnowledge:
    """The folder's ``targets.csv`` (else targets derived from the corpus) and the framing
    lexicon: the story-independent defaults plus the folder's ``framing_lexicon.csv``."""
    problems: list[Problem] = []
    targets_path = knowledge_path(Path(folder), "targets")
    derived = pd.DataFrame()
    if targets_path.exists():
        targets, found = _load_or_report(load_targets, targets_path)
        problems += found
        targets_source = str(targets_path)
    else:
        derived = derive_targets(analysis.entities) if analysis.entities else pd.DataFrame()
        targets = [
            Target(row.target, row.patterns, row.affiliation) for row in derived.itertuples()
        ]
        targets_source = DERIVED
    lexicon, found = _load_or_report(load_lexicon, GENERIC_LEXICON)
    problems += found
    own_path = knowledge_path(Path(folder), "lexicon")
    if own_path.exists():
        own, found = _load_or_report(load_lexicon, own_path)
        problems += found
        terms = {entry.term for entry in own}
        lexicon = [entry for entry in lexicon if entry.term not in terms] + own
    sources = {"targets": targets_source, "lexicon": lexicon_source(Path(folder))}
    return FramingKnowledge(targets, lexicon, problems, sources, derived)


def _load_or_report(load, path: Path) -> tuple[list, list[Problem]]:
    try:
        return load(path)
    except KnowledgeError as exc:
        return [], [Problem(str(path), None, str(exc))]


def _per_article(
    articles: list[Article], registry: SpeakerRegistry, pool: Executor
) -> Iterator[tuple[list, ...]]:
    """The per-article tables in corpus order, in the worker processes of ``pool``."""
    return pool.map(partial(analyse_article, registry=registry), articles, chunksize=64)


def analyse_article(article: Article, registry: SpeakerRegistry) -> tuple[list, ...]:
    text, aid, outlet = article.text, article.article_id, article.outlet_name
    furniture, paragraphs, sentences = segment(text)
    quotes = extract_quotes(
        text, [(p.start, p.end) for p in paragraphs], registry, article.published, outlet=outlet
    )
    full = [(q.start, q.end) for q in quotes if q.kind == "full"]
    return (
        [(aid, f.start, f.end, f.rule, text[f.start : f.end]) for f in furniture],
        [(aid, p.index, p.start, p.end) for p in paragraphs],
        [_sentence_row(text, aid, outlet, s, full) for s in sentences],
        [(aid, outlet, q) for q in quotes],
    )


def _sentence_row(
    text: str, aid: str, outlet: str, s: Sentence, full: list[tuple[int, int]]
) -> tuple:
    """A sentence's row; ``full`` are the spans of the article's direct (full) quotes."""
    body = text[s.start : s.end]
    sid = f"{aid}:{s.index}"
    voice = _voice(s.start, s.end, full)
    return (sid, aid, outlet, s.paragraph, s.index, s.start, s.end, body, len(body.split()), voice)


def _quote_frame(rows: list[tuple[str, str, Quote]], registry: SpeakerRegistry) -> pd.DataFrame:
    """One row per quote; surnames merged with full names across the corpus."""
    speakers = canonical_speakers([q.speaker for _, _, q in rows], registry)
    records = [
        (f"{aid}:q{n}", aid, outlet, q.kind, speaker, q.speaker_mention,
         registry.affiliation(speaker) if speaker else UNKNOWN_SPEAKER, q.cue, q.text, q.start,
         q.end, q.attribution, len(q.text.split()), q.cue_start, q.cue_end, q.mention_start,
         q.mention_end, q.speaker_kind, q.speaker_group)
        for n, ((aid, outlet, q), speaker) in enumerate(zip(rows, speakers, strict=True))
    ]  # fmt: skip
    frame = pd.DataFrame(records, columns=QUOTE_COLUMNS)
    for column in ("cue_start", "cue_end", "mention_start", "mention_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _story_speakers(
    quotes: pd.DataFrame, story_table: pd.DataFrame, registry: SpeakerRegistry
) -> list[str | None]:
    """Bare surnames merged with the one full name of that surname in their story."""
    story_of = dict(zip(story_table["article_id"], story_table["story"], strict=True))
    stories = [story_of.get(a, a) for a in quotes["article_id"]]
    return story_speakers(quotes["speaker"].tolist(), stories, registry)


def _voice(start: int, end: int, full: list[tuple[int, int]]) -> str:
    """'quoted' for a sentence mostly inside the direct (full) quotes, else 'narration'."""
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in full)
    return "quoted" if inside > (end - start) / 2 else "narration"


def _article_row(article: Article, words: int, sentences: int) -> tuple:
    return (
        article.article_id, article.outlet_name, article.title, article.published, article.url,
        article.author, article.wire, article.note, article.source_file, article.loaded_from,
        article.story, words, sentences, article.text,
    )  # fmt: skip


def validation_report(corpus: Corpus, knowledge: Knowledge) -> pd.DataFrame:
    """Every problem of the corpus and the knowledge files, one row each."""
    rows = [
        (scope, p.severity, p.source, p.line, p.message)
        for scope, problems in (("corpus", corpus.problems), ("knowledge", knowledge.problems))
        for p in problems
    ]
    report = pd.DataFrame(rows, columns=["scope", "severity", "source", "line", "message"])
    report["line"] = report["line"].astype("Int64")
    return report
