"""What a report page shows: metadata, outline, the normalised text with every mention marked, counts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from kg.serve.catalog import GOV, ID, Catalog, ReportInfo, kind_of
from kg.serve.entity_data import Link
from kg.serve.reader import Reader, Row, iri, value
from kg.serve.texts import ReportTexts
from kg.view.legend import term_label

# which class a mention is marked as; the first kind found wins for a span supporting several things
MARK_ORDER = ("organisation", "programme", "document", "indicator", "problem", "plan", "observation", "other")
SHOWN_META = {"http://purl.org/dc/terms/title", "http://purl.org/dc/terms/issued", "http://purl.org/dc/terms/source",
              "http://purl.org/dc/terms/publisher", GOV + "year", GOV + "province", GOV + "jurisdiction",
              GOV + "charCount"}


@dataclass
class Mark:
    start: int
    end: int
    surface: str
    kind: str
    target: Link | None
    sentence: str = ""


@dataclass
class Piece:
    text: str
    mark: Mark | None = None


@dataclass
class ReportView:
    info: ReportInfo
    meta: list[tuple[str, Link]]
    outline: list[tuple[str, str, int]] = field(default_factory=list)   # heading, role, first offset
    pieces: list[Piece] = field(default_factory=list)      # the whole text, cut at the marks
    sentences: list[Mark] = field(default_factory=list)    # when the text cannot be read again
    counts: list[tuple[str, int]] = field(default_factory=list)
    has_text: bool = False


def _mark_kind(iri_value: str) -> str:
    """The kind a mark is drawn as, from the IRI's kind segment (docs/graph-shape.md): no type look-up."""
    kind = kind_of(iri_value)
    if kind:
        return kind
    return "observation" if iri_value.startswith(ID + "obs/") else "other"


_MENTIONS = """
    SELECT ?r ?m ?start ?end ?surface ?sentence WHERE { GRAPH ?r {
      ?m gov:inReport ?r ; gov:start ?start ; gov:end ?end .
      OPTIONAL { ?m gov:surface ?surface } SENTENCE
    } }"""
_SUPPORTED = """
    SELECT ?r ?m ?x ?link WHERE { GRAPH ?r {
      ?m gov:inReport ?r . ?x prov:wasDerivedFrom ?m
      OPTIONAL { ?x gov:unitOf|gov:document ?link }
    } }"""


def _mentions(with_sentences: bool) -> str:
    # everything read from a report sits in its named graph: reading that graph alone is far
    # faster than the union, where each mention would be looked up among all reports' triples
    # sentences are long and needed only when the text cannot be read again
    return _MENTIONS.replace("SENTENCE", "OPTIONAL { ?m gov:sentence ?sentence }" if with_sentences else "")


def _marks(catalog: Catalog, mentions: list[Row], supported: list[Row]) -> list[Mark]:
    kinds: dict[str, tuple[str, Link | None]] = {}
    for row in supported:
        target = value(row, "link") or value(row, "x")
        kind = _mark_kind(target)
        old = kinds.get(value(row, "m"))
        if old is None or MARK_ORDER.index(kind) < MARK_ORDER.index(old[0]):
            link = Link(catalog.label(target), catalog.path(target)) if kind_of(target) else None
            kinds[value(row, "m")] = (kind, link)
    marks = []
    for row in mentions:
        kind, link = kinds.get(value(row, "m"), ("other", None))
        marks.append(Mark(int(value(row, "start")), int(value(row, "end")), value(row, "surface"), kind, link,
                          value(row, "sentence")))
    return sorted(marks, key=lambda m: (m.start, -m.end))


def cut(text: str, marks: list[Mark]) -> list[Piece]:
    """The text in pieces, marked where a mention is; a mark overlapping an earlier one is left out."""
    pieces, at = [], 0
    for mark in marks:
        if mark.start < at or mark.end > len(text) or mark.start >= mark.end:
            continue
        if mark.start > at:
            pieces.append(Piece(text[at:mark.start]))
        pieces.append(Piece(text[mark.start:mark.end], mark))
        at = mark.end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def text_html(pieces: list[Piece], kind_names: dict[str, str]) -> Markup:
    """The marked text as HTML, every piece of text escaped (made here, not in the template: a
    report has hundreds of marks, and a template loop over them is most of the page's time)."""
    out: list[str] = []
    for piece in pieces:
        mark = piece.mark
        if mark is None:
            out.append(escape(piece.text))
            continue
        title = kind_names.get(mark.kind, mark.kind) + (f":{mark.target.text}" if mark.target else "")
        inner = (f'<a href="{escape(mark.target.path)}">{escape(piece.text)}</a>' if mark.target and mark.target.path
                 else escape(piece.text))
        out.append(f'<mark id="at-{mark.start}" class="k-{escape(mark.kind)}" title="{escape(title)}">{inner}</mark>')
    return Markup("".join(out))


_META = "SELECT DISTINCT ?r ?p ?o WHERE { ?r ?p ?o } ORDER BY ?p"
_OUTLINE = """
    SELECT ?r ?section (SAMPLE(?role) AS ?sectionRole) (MIN(?start) AS ?first) WHERE {
      GRAPH ?r { ?m gov:inReport ?r ; gov:section ?section ; gov:start ?start .
                 OPTIONAL { ?m gov:sectionRole ?role } }
    } GROUP BY ?r ?section"""
_COUNTS = "SELECT DISTINCT ?r ?x WHERE { GRAPH ?r { ?x gov:mentionedIn ?r } }"


def _meta(catalog: Catalog, rows: list[Row]) -> tuple[list[tuple[str, Link]], str]:
    meta, source = [], ""
    for row in rows:
        p, obj = value(row, "p"), row["o"]
        if p not in SHOWN_META:
            continue
        if p.endswith("source"):
            source = obj.value
        link = Link(catalog.label(obj.value), catalog.path(obj.value)) if obj.kind == "uri" else Link(obj.value)
        meta.append((term_label(p), link))
    return meta, source


def _outline(rows: list[Row]) -> list[tuple[str, str, int]]:
    return sorted(((value(r, "section"), value(r, "sectionRole"), int(value(r, "first") or 0)) for r in rows),
                  key=lambda s: s[2])


def _counts(rows: list[Row], marks: list[Mark]) -> list[tuple[str, int]]:
    kinds = Counter(kind_of(value(row, "x")) or "observation" for row in rows)
    kinds["mention"] = len(marks)
    return sorted(kinds.items(), key=lambda kv: -kv[1])


def report_view(reader: Reader, catalog: Catalog, texts: ReportTexts, report: str) -> ReportView | None:
    info = catalog.reports.get(report)
    if info is None:
        return None
    # the queries run together in the query processes while the text is read again here;
    # the mentions come without their sentences, asked for only if the text cannot be read
    this = {"r": iri(report)}
    meta_rows, outline, counted, mentions, supported = reader.at_once(
        (_META, this), (_OUTLINE, this), (_COUNTS, this), (_mentions(False), this), (_SUPPORTED, this))
    meta, source = _meta(catalog, meta_rows())
    view = ReportView(info, meta, _outline(outline()))
    text = texts.get(report, source)
    mention_rows = mentions() if text is not None else reader.select(_mentions(True), **this)
    marks = _marks(catalog, mention_rows, supported())
    view.counts = _counts(counted(), marks)
    if text is not None:
        view.pieces, view.has_text = cut(text, marks), True
    else:
        view.sentences = marks
    return view
