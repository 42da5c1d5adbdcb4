"""The plain dataclasses every stage passes on. Nothing here knows RDF or jieba.

ingest → SourceText; structure → Report (sections, sentences);
extract → Extraction (entities, observations, links, citations, ...).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

EntityKind = Literal["organisation", "programme", "document", "problem", "plan", "place"]
SectionRole = Literal["preamble", "measures", "shortcomings", "leadership", "plans", "other"]


@dataclass
class SourceText:
    """A report's text after ingest: normalised, with a map back to the original.

    ``offsets[i]`` is the index in ``original`` of ``text[i]`` (same length as
    ``text``); ``meta`` carries fields a corpus line gives (title, year, url,
    province, published).
    """

    source: str
    text: str
    original: str
    offsets: list[int]
    encoding: str = "utf-8"
    format: str = "text"
    meta: dict[str, str] = field(default_factory=dict)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if not self.offsets:
            return start, end
        last = len(self.offsets) - 1
        a = self.offsets[min(start, last)]
        b = self.offsets[min(max(end - 1, 0), last)] + 1
        return a, b


@dataclass
class Section:
    """A numbered part of the report (一、 / (一) / 1. / 一是)."""

    index: int
    level: int
    number: str
    heading: str
    start: int
    end: int
    role: SectionRole = "other"
    parent: int | None = None
    follows: bool = False  # the role came from the sections before it, not from its own heading


@dataclass
class Sentence:
    """A sentence with its character offsets in the normalised text."""

    index: int
    start: int
    end: int
    text: str
    section: int | None = None


@dataclass
class Report:
    """A structured report: metadata plus sections and sentences."""

    source: SourceText
    title: str = ""
    publishers: list[str] = field(default_factory=list)
    year: int | None = None
    published: str | None = None
    place: str | None = None
    level: str | None = None
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # the sentences' ends, for sentence_at; rebuilt when the sentence list changes length
    _sentence_ends: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.source.text

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding offset ``pos``, else the first one after it; None past the last.

        A binary search over the sentence ends (sentences are in text order, without overlap):
        a scan per look-up made a long report cost the square of its sentences.
        """
        ends = self._sentence_ends
        if ends is None or len(ends) != len(self.sentences):
            ends = self._sentence_ends = [s.end for s in self.sentences]
        i = bisect_right(ends, pos)
        return self.sentences[i] if i < len(self.sentences) else None

    def section_of(self, sentence: Sentence) -> Section | None:
        return self.sections[sentence.section] if sentence.section is not None else None

    def role_of(self, sentence: Sentence) -> SectionRole:
        """The role of the innermost section with a known role, else "other"."""
        idx = sentence.section
        while idx is not None:
            sec = self.sections[idx]
            if sec.role != "other":
                return sec.role
            idx = sec.parent
        return "other"


@dataclass(frozen=True)
class Mention:
    """Where something was read: a span of the normalised text in one sentence."""

    start: int
    end: int
    surface: str
    sentence: int


@dataclass
class Entity:
    """An organisation, programme, document, problem or plan found in one report."""

    kind: EntityKind
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    org_kind: str | None = None
    description: str | None = None
    year: int | None = None
    key: str = ""
    # the mentions as a set, for add_mention; rebuilt when the list was changed directly
    _seen_mentions: set[Mention] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def labels(self) -> set[str]:
        return {self.label} | self.aliases

    def add_mention(self, m: Mention) -> None:
        """Add ``m`` unless the entity has it already.

        A set beside the list answers "has it": a long report names one body thousands of times,
        and a scan of the list per mention cost the square of that.
        """
        seen = self._seen_mentions
        if seen is None or len(seen) != len(self.mentions):
            seen = self._seen_mentions = set(self.mentions)
        if m not in seen:
            seen.add(m)
            self.mentions.append(m)


@dataclass
class Observation:
    """One reported quantity.

    ``value`` is the number as written (4.5 for 4.5万件, unit 万件);
    ``qualifiers`` keeps 余/近/约/以上/达 out of the unit; ``about`` is the
    key of the entity measured, where the text names one.
    """

    value: Decimal
    unit: str
    indicator: str
    mention: Mention
    year: int | None = None
    qualifiers: tuple[str, ...] = ()
    is_change: bool = False
    direction: str | None = None
    about: str | None = None
    label: str = ""
    # what the value is: a "result" or a "target"; the years it is about (a year, or a span for
    # totals and averages); the base of a change; a range or bound as low/high values
    kind: str = "result"
    period_start: int | None = None
    period_end: int | None = None
    base: str | None = None
    base_year: int | None = None
    aggregate: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    written: str = ""            # the indicator as the text words it; ``indicator`` is the canonical name
    better: str | None = None    # "higher" / "lower": which side of a target meets it


@dataclass
class Link:
    """``subject`` (an entity key) is the responsibility of ``unit`` (an organisation key)."""

    subject: str
    unit: str
    role: Literal["lead", "pilot", "founder", "organiser", "partner", "issuer"]
    mention: Mention


@dataclass
class Citation:
    """The report names a document, doing ``action`` with it (印发, 废止, 制定 ...)."""

    document: str
    action: str
    mention: Mention


@dataclass
class Extraction:
    """Everything extracted from one report, entities keyed by ``Entity.key``."""

    report: Report
    entities: dict[str, Entity] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    addresses: list[tuple[str, str]] = field(default_factory=list)  # (plan key, problem key)

    def of_kind(self, kind: EntityKind) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]
