"""Extraction: from a structured Report to plain records (no RDF here).

One module per kind; this module runs them sentence by sentence and ties the
results together (which programme an observation is about, which unit is
responsible for what, which plan answers which problem).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kg import lexicon, segment
from kg.extract import (
    doc_aliases,
    documents,
    indicator_names,
    links,
    measure_shape,
    metrics,
    organisations,
    programmes,
    report_meta,
    sections,
)
from kg.extract.common import QUOTES, add_entity, mention
from kg.extract.observation_kind import Context
from kg.records import Citation, Extraction, Link, Mention, Observation, Report, Sentence
from kg.script import fold_same_length

Span = tuple[int, int, str]


def extract(report: Report) -> Extraction:
    """Run every extractor over ``report``: report metadata, then SENTENCE_STEPS on each sentence,
    then the publishers and the problems and plans of the report's sections."""
    ex = Extraction(report=report)
    report.publishers = report_meta.find_publishers(report)
    report.place = report_meta.find_place(report, report.publishers)
    for s in report.sentences:
        _sentence(ex, s)
    _publishers(ex)
    _problems_and_plans(ex)
    return ex


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


ADVERBS = frozenset({"全面", "严格", "认真", "深入", "持续", "切实", "不断"})
# verbs that put a campaign in force: its name starts after them; a verb of what it does is its own
# (实施提升行政执法质量三年行动: 提升 is the action's)
IN_FORCE_VERBS = frozenset({"推行", "执行", "实行", "落实", "实施"})
LAUNCH_VERBS = IN_FORCE_VERBS | {"开展", "推进", "深化", "启动", "部署", "组织", "组织开展", "贯彻落实"}


def _trim_verbs(name: str, launch_only: bool = False) -> tuple[int, str]:
    """Drop leading verbs and adverbs from a listed system's name (全面推行X制度 → X制度); with
    ``launch_only``, only the verbs that put it in force (a campaign's own verb stays) and the
    adverbs before them (持续深入开展…), not those that open the name (全面振兴…三年行动)."""
    verbs = (LAUNCH_VERBS if launch_only else set(lexicon.words("org_left_verbs.txt")) | IN_FORCE_VERBS) | ADVERBS
    words = segment.words(name)
    adverbs = [w in ADVERBS or segment.tag(w) in ("d", "ad") for w in words]

    def is_verb(word: str) -> bool:   # jieba keeps 全面推行 whole: an adverb and a verb
        return word in verbs or word[:2] in ADVERBS and word[2:] in verbs

    cut = 0
    for i, tok in enumerate(words):
        if not (is_verb(tok) or adverbs[i]):
            break
        after = next((w for w, adverb in zip(words[i:], adverbs[i:]) if not adverb), "")
        if launch_only and adverbs[i] and not is_verb(after):
            break   # 实施全面振兴新突破三年行动: adverbs not before a launch verb open the campaign's name
        cut += len(tok)
    return cut, name[cut:]


@dataclass
class Found:
    """What the earlier steps found in one sentence, for the later ones to respect or use."""

    doc_spans: list[tuple[int, int]]       # names inside a title (a document's or a film's) are part of it
    doc_keys: list[Span] = field(default_factory=list)
    prog_spans: list[Span] = field(default_factory=list)
    org_spans: list[Span] = field(default_factory=list)
    quote_spans: list[tuple[int, int]] = field(default_factory=list)


def _documents(ex: Extraction, s: Sentence, found: Found) -> None:
    aliases = doc_aliases.alias_map(ex.report.text)  # cached: one pass per report
    for a, b, title, action in documents.find_documents(s.text, aliases, s.start):
        m = mention(s, a, b)
        ent = add_entity(ex, "document", title, m)
        found.doc_keys.append((a, b, ent.key))
        ex.citations.append(Citation(ent.key, action, m))


def _quoted(ex: Extraction, s: Sentence, found: Found) -> None:
    """Quoted names: programmes, or organisations when the quote names a body."""
    for a, b, label, aliases, kind in programmes.find_quoted(s.text):
        if _overlaps(a, b, found.doc_spans):
            continue
        if kind == "organisation":
            ent = add_entity(ex, "organisation", label, mention(s, a, b), org_kind=organisations.kind_of(label))
            found.org_spans.append((a, b, ent.key))
            continue
        ent = add_entity(ex, "programme", label, mention(s, a, b), aliases=aliases)
        found.prog_spans.append((a, b, ent.key))
        found.quote_spans.append((a, b))


def _unquoted_programmes(ex: Extraction, s: Sentence, found: Found) -> None:
    """Programmes from the lexicon, named activities (…行动) and listed systems (…制度)."""
    text, prog_spans, quote_spans, doc_spans = s.text, found.prog_spans, found.quote_spans, found.doc_spans
    for a, b, label in programmes.find_known(text):
        if _overlaps(a, b, quote_spans) or _overlaps(a, b, doc_spans):
            continue
        ent = add_entity(ex, "programme", label, mention(s, a, b))
        prog_spans.append((a, b, ent.key))
    for a, b, label in programmes.find_named_activities(text):
        cut, name = _trim_verbs(label, launch_only=True)
        if len(name) < 4 or _overlaps(a + cut, b, quote_spans) or _overlaps(a, b, doc_spans) \
                or _overlaps(a + cut, b, [(p[0], p[1]) for p in prog_spans]):
            continue
        written = text[a + cut:b].strip()  # A防控 of “A防控、B提质等行动”, named A防控行动: kept as an alias
        ent = add_entity(ex, "programme", name, mention(s, a + cut, b),
                         aliases=(written,) if written != name else ())
        prog_spans.append((a + cut, b, ent.key))
    for a, b, label in programmes.find_listed_systems(text):
        cut, name = _trim_verbs(label)
        if len(name) < 5 or _overlaps(a + cut, b, quote_spans) or _overlaps(a, b, doc_spans):
            continue
        ent = add_entity(ex, "programme", name, mention(s, a + cut, b))
        prog_spans.append((a + cut, b, ent.key))


def _organisations(ex: Extraction, s: Sentence, found: Found) -> None:
    national = ex.report.place == "中国"
    for a, b, name, kind in organisations.find_in_text(s.text):
        if _overlaps(a, b, found.doc_spans) or _overlaps(a, b, found.quote_spans):
            continue
        if national and organisations.BARE_LEVEL_BODY.fullmatch(name):
            continue  # a national report's 乡政府, 市政府: the bodies of a level, no one body
        ent = add_entity(ex, "organisation", name, mention(s, a, b), org_kind=kind)
        found.org_spans.append((a, b, ent.key))


def _observations(ex: Extraction, s: Sentence, found: Found) -> None:
    """Numbers with their indicator, unit, kind and period; about a programme the label names."""
    text, prog_spans = s.text, found.prog_spans
    previous = ex.report.sentences[s.index - 1].text if s.index > 0 else ""
    when = Context(report_year=ex.report.year, in_plans=ex.report.role_of(s) == "plans", previous=fold_same_length(previous))
    folded = fold_same_length(text)   # 較上年增長 reads as 较上年增长; the value's phrase stays as written
    for q in metrics.find_metrics(folded, when):
        if folded != text:
            q.label = metrics.written_label(q, text)
        about = next((p[2] for p in prog_spans if q.indicator and ex.entities[p[2]].label in q.label), None)
        k = q.kind
        counted_after = bool(q.post) and q.indicator == QUOTES.sub("", q.post)   # N个甲: 甲 is all of its name
        bare = bool(q.indicator) and measure_shape.too_bare(q.indicator, counted_after) and not indicator_names.known(q.indicator)
        ex.observations.append(Observation(   # a bare name (投资, 学校) stays as the written words only
            value=q.value, unit=q.unit, indicator="" if bare else q.indicator, mention=mention(s, q.start, q.end),
            year=(k.period_end if k else None) or q.year or ex.report.year, qualifiers=q.qualifiers,
            is_change=q.is_change, direction=q.direction, about=about, label=q.label,
            kind=k.kind if k else "result", period_start=k.period_start if k else None,
            period_end=k.period_end if k else None, base=q.base, base_year=k.base_year if k else None,
            aggregate=k.aggregate if k else None, low=k.low if k else None, high=k.high if k else None,
            written=q.written or (q.indicator if bare else ""), better=None if bare else q.better,
        ))


def _links(ex: Extraction, s: Sentence, found: Found) -> None:
    """Responsible-unit links between what the steps above found."""
    for link in links.find_links(s.text, found.org_spans, found.prog_spans, found.doc_keys):
        subj, unit = _link_ref(ex, s, link.subject), _link_ref(ex, s, link.unit)
        if subj != unit:
            ex.links.append(Link(subj, unit, link.role, mention(s, *link.at)))  # type: ignore[arg-type]


# The sentence steps, in order: each later step sees (and avoids or uses) the spans of
# the earlier ones, so documents come first and links last.
SENTENCE_STEPS: list[tuple[str, Callable[[Extraction, Sentence, Found], None]]] = [
    ("documents", _documents),
    ("quoted", _quoted),
    ("programmes", _unquoted_programmes),
    ("organisations", _organisations),
    ("observations", _observations),
    ("links", _links),
]


def _sentence(ex: Extraction, s: Sentence) -> None:
    found = Found(doc_spans=documents.title_spans(s.text))
    for _name, step in SENTENCE_STEPS:
        step(ex, s, found)


def _link_ref(ex: Extraction, s: Sentence, ref: str | links.NewName) -> str:
    """The entity key of a link end; a name only the link rules read is registered here."""
    if isinstance(ref, str):
        return ref
    kind = organisations.kind_of(ref.label) if ref.kind == "organisation" and not ref.org_kind else ref.org_kind
    return add_entity(ex, ref.kind, ref.label, mention(s, ref.start, ref.end),  # type: ignore[arg-type]
                      aliases=ref.aliases, org_kind=kind).key


def _publishers(ex: Extraction) -> None:
    """Publishers are organisations too, mentioned where the text first names them."""
    report = ex.report
    for pub in report.publishers:
        pos = report.text.find(pub)
        sent = next((s for s in report.sentences if s.start <= pos < s.end), None) if pos >= 0 else None
        if sent is None:
            sent = report.sentences[0] if report.sentences else Sentence(0, 0, 0, "")
            pos = sent.start
        m = Mention(pos, pos + len(pub), pub, sent.index) if pos >= 0 else Mention(0, 0, pub, sent.index)
        kind = organisations.kind_of(pub)
        add_entity(ex, "organisation", pub, m, org_kind=kind if kind != "other" else "government")


def _problems_and_plans(ex: Extraction) -> None:
    items = sections.find_items(ex.report)
    probs = [i for i in items if i.role == "shortcomings"]
    plans = [i for i in items if i.role == "plans"]
    keys: dict[int, str] = {}
    for item in probs + plans:
        if len(item.label) < 4:
            continue
        kind = "problem" if item.role == "shortcomings" else "plan"
        at = ex.report.text.find(item.label, item.start, max(item.end, item.start + len(item.label)))
        at = at if at >= 0 else item.start
        found = ex.report.sentence_at(at)
        sent = found if found is not None and found.start <= at else item.sentence
        m = Mention(at, at + len(item.label), ex.report.text[at:at + len(item.label)], sent.index)
        ent = add_entity(ex, kind, item.label, m, description=item.description)  # type: ignore[arg-type]
        if kind == "plan" and ex.report.year:
            ent.year = ex.report.year + 1
        keys[id(item)] = ent.key
    for li, pi in sections.match_addresses(probs, plans):
        a, b = keys.get(id(plans[li])), keys.get(id(probs[pi]))
        if a and b:
            ex.addresses.append((a, b))


__all__ = ["extract"]
