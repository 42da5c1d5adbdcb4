"""What an entity page shows, read from the graph: properties, units and roles, reports, sentences, observations."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from kg.serve.catalog import GOV, Catalog, kind_of
from kg.serve.reader import Reader, iri, together, value
from kg.view.legend import term_label

HIDDEN = {  # shown elsewhere on the page, or plumbing
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
    GOV + "mentionedIn", "http://www.w3.org/ns/prov#wasDerivedFrom", GOV + "qualifiedResponsibility",
    GOV + "qualifiedCitation", GOV + "responsibleUnit", GOV + "leadUnit", GOV + "pilotUnit", GOV + "founder",
    GOV + "organiser",
}
ROLE_ZH = {"lead": "牵头", "pilot": "试点", "founder": "创建", "organiser": "组织"}


@dataclass
class Link:
    text: str
    path: str | None = None


@dataclass
class Sentence:
    before: str
    span: str
    after: str
    report: Link
    at: str                    # the report page's anchor for the span
    section: str = ""
    role: str = ""
    year: str = ""


@dataclass
class EntityView:
    iri: str
    label: str
    kind: str
    classes: list[str]
    aliases: list[str]
    props: list[tuple[str, Link]] = field(default_factory=list)
    units: list[tuple[Link, str]] = field(default_factory=list)           # unit, role
    responsible_for: list[tuple[Link, str]] = field(default_factory=list)
    reports: list[Link] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    observations: list[dict[str, Any]] = field(default_factory=list)


def split_sentence(sentence: str, surface: str) -> tuple[str, str, str]:
    """The sentence cut around the mentioned words (the first place they occur), or all before."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], surface, sentence[at + len(surface):]


def _link(catalog: Catalog, term_iri: str) -> Link:
    return Link(catalog.label(term_iri), catalog.path(term_iri))


def _props(reader: Reader, catalog: Catalog, subject: str) -> list[tuple[str, Link]]:
    out = []
    for row in reader.select("SELECT DISTINCT ?e ?p ?o WHERE { ?e ?p ?o } ORDER BY ?p ?o", e=iri(subject)):
        p = value(row, "p")
        if p in HIDDEN:
            continue
        obj = row["o"]
        link = _link(catalog, obj.value) if obj.kind == "uri" else Link(obj.value)
        out.append((term_label(p), link))
    return out


# who is responsible for what, with the role where the graph says it; bound on either side
_RESPONSIBILITIES = """
    SELECT DISTINCT ?thing ?unit ?role WHERE {
      { ?thing gov:qualifiedResponsibility ?q . ?q gov:unitOf ?unit . OPTIONAL { ?q gov:role ?role } }
      UNION { ?thing gov:leadUnit ?unit BIND("lead" AS ?role) } UNION { ?thing gov:pilotUnit ?unit BIND("pilot" AS ?role) }
      UNION { ?thing gov:founder ?unit BIND("founder" AS ?role) } UNION { ?thing gov:organiser ?unit BIND("organiser" AS ?role) }
      UNION { ?thing gov:responsibleUnit ?unit }
    }"""


def _units(reader: Reader, catalog: Catalog, subject: str) -> list[tuple[Link, str]]:
    return _roles(catalog, reader.select(_RESPONSIBILITIES, thing=iri(subject)), "unit")


def _responsible_for(reader: Reader, catalog: Catalog, subject: str) -> list[tuple[Link, str]]:
    return _roles(catalog, reader.select(_RESPONSIBILITIES, unit=iri(subject)), "thing")


def _roles(catalog: Catalog, rows: list, column: str) -> list[tuple[Link, str]]:
    roles: dict[str, set[str]] = {}
    for row in rows:
        roles.setdefault(value(row, column), set()).update({value(row, "role")} - {""})
    return sorted(((_link(catalog, k), "、".join(ROLE_ZH.get(r, r) for r in sorted(v)) or "负责")
                   for k, v in roles.items()), key=lambda pair: pair[0].text)


def _sentences(reader: Reader, catalog: Catalog, subject: str) -> list[Sentence]:
    found = reader.select("""
        SELECT DISTINCT ?e ?m WHERE { { ?e prov:wasDerivedFrom ?m } UNION { ?q gov:unitOf ?e ; prov:wasDerivedFrom ?m } }
        """, e=iri(subject))
    rows = reader.select_each("""
        SELECT DISTINCT ?m ?r ?sentence ?surface ?start ?section ?role WHERE {
          #VALUES
          ?m gov:inReport ?r ; gov:sentence ?sentence ; gov:start ?start .
          OPTIONAL { ?m gov:surface ?surface } OPTIONAL { ?m gov:section ?section }
          OPTIONAL { ?m gov:sectionRole ?role }
        }""", "m", [value(row, "m") for row in found])
    out = []
    for row in rows:
        report = value(row, "r")
        info = catalog.reports.get(report)
        before, span, after = split_sentence(value(row, "sentence"), value(row, "surface"))
        out.append(Sentence(before, span, after, _link(catalog, report), f"at-{value(row, 'start')}",
                            value(row, "section"), value(row, "role"), info.year if info else ""))
    return sorted(out, key=lambda s: (s.year, s.report.text, int(s.at[3:] or 0)))


def observations(reader: Reader, catalog: Catalog, subject: str) -> list[dict[str, Any]]:
    found = reader.select("SELECT DISTINCT ?e ?o WHERE { { ?o gov:indicator ?e } UNION { ?o gov:about ?e } }",
                          e=iri(subject))
    rows = reader.select_each("""
        SELECT DISTINCT ?o ?label ?value ?unit ?year ?ryear ?change ?dir ?ind ?r ?sentence WHERE {
          #VALUES
          ?o gov:value ?value .
          OPTIONAL { ?o rdfs:label ?label } OPTIONAL { ?o gov:unit ?unit } OPTIONAL { ?o gov:year ?year }
          OPTIONAL { ?o gov:isChange ?change } OPTIONAL { ?o gov:changeDirection ?dir }
          OPTIONAL { ?o gov:indicator ?ind } OPTIONAL { ?o gov:mentionedIn ?r OPTIONAL { ?r gov:year ?ryear } }
          OPTIONAL { ?o prov:wasDerivedFrom/gov:sentence ?sentence }
        }""", "o", [value(row, "o") for row in found])
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = value(row, "o")
        if key in seen:
            continue
        report = value(row, "r")
        seen[key] = {
            "label": value(row, "label"), "value": value(row, "value"), "unit": value(row, "unit"),
            "year": value(row, "year") or value(row, "ryear"), "change": value(row, "change") == "true",
            "direction": value(row, "dir"), "indicator": _link(catalog, value(row, "ind")) if "ind" in row else None,
            "report": _link(catalog, report) if report else None, "sentence": value(row, "sentence"),
        }
    return sorted(seen.values(), key=lambda o: (o["year"], o["label"]))


def _reports(reader: Reader, catalog: Catalog, subject: str) -> list[Link]:
    rows = reader.select("SELECT DISTINCT ?e ?r WHERE { ?e gov:mentionedIn ?r }", e=iri(subject))
    reports = [catalog.reports[value(r, "r")] for r in rows if value(r, "r") in catalog.reports]
    return [Link(f"{r.title}", r.path) for r in sorted(reports, key=lambda r: (r.year, r.title))]


def entity_view(reader: Reader, catalog: Catalog, subject: str) -> EntityView | None:
    entry = catalog.entries.get(subject)
    kind = entry.kind if entry else (kind_of(subject) or "other")
    # the page's queries run together in the query processes (an unknown IRI's are wasted, and rare)
    parts = [partial(f, reader, catalog, subject) for f in (_props, _units, _reports, _sentences, observations)]
    if kind in ("organisation", "place"):   # a place can be the unit of a pilot it was chosen for
        parts.append(partial(_responsible_for, reader, catalog, subject))
    props, units, reports, sentences, found, *responsible = together(*parts)
    if entry is None and not props():
        return None
    view = EntityView(subject, entry.label if entry else subject.rsplit("/", 1)[-1], kind,
                      sorted(entry.classes) if entry else [], entry.names[1:] if entry else [], props())
    view.units = units()
    if responsible:
        view.responsible_for = responsible[0]()
    view.reports = reports()
    view.sentences = sentences()
    view.observations = found()
    return view
