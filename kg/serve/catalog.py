"""What the pages need at hand, read once at start: every named entity and report, for search and the home page.

Shared entities repeat their labels in every report graph that names them;
DISTINCT reads each name once. Search is a substring scan over the folded
names (traditional characters made simplified, Latin letters case-folded), fast enough for tens of thousands of names.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.serve.reader import Reader, number, value

GOV = "https://w3id.org/govkg/ont#"
ID = "https://w3id.org/govkg/id/"
# URL segment of each page kind; organisations have many classes, all under org/
KINDS = {"org": "organisation", "programme": "programme", "document": "document", "indicator": "indicator",
         "problem": "problem", "plan": "plan", "report": "report", "place": "place"}
KIND_ZH = {"organisation": "机构", "programme": "工作项目", "document": "文件", "indicator": "指标",
           "problem": "问题", "plan": "计划", "report": "报告", "place": "地区"}


@dataclass
class Entry:
    iri: str
    kind: str                 # organisation, programme, … (from the IRI's kind segment)
    label: str = ""
    classes: set[str] = field(default_factory=set)   # class local names
    names: list[str] = field(default_factory=list)   # label first, then aliases
    reports: int = 0

    @property
    def path(self) -> str:
        return "/" + self.iri[len(ID) - 3:] if self.iri.startswith(ID) else "/resource?iri=" + self.iri

    @property
    def cls(self) -> str:
        specific = sorted(c for c in self.classes if c != "Organisation")
        return specific[0] if specific else (min(self.classes) if self.classes else self.kind)


@dataclass
class ReportInfo:
    iri: str
    title: str
    year: str
    place: str
    province: str
    mentions: int = 0

    @property
    def path(self) -> str:
        return "/id/report/" + self.iri.rsplit("/", 1)[-1]


def kind_of(iri: str) -> str | None:
    """organisation, programme … for an instance IRI of the project; None for other IRIs."""
    if not iri.startswith(ID):
        return None
    return KINDS.get(iri[len(ID):].split("/", 1)[0])


@lru_cache(maxsize=1)
def _to_simplified() -> Callable[[str], str]:
    from kg.script import to_simplified

    return to_simplified


_SIMPLE: dict[int, str] = {}  # character → its simplified form, learnt one character at a time


def fold(text: str) -> str:
    """The form names are compared in: simplified characters (OpenCC t2s, character by character,
    which is what a substring search needs), Latin letters case-folded."""
    new = {ord(ch) for ch in text if ord(ch) > 0x2E7F and ord(ch) not in _SIMPLE}
    if new:
        convert = _to_simplified()
        for code in new:
            simple = convert(chr(code))
            _SIMPLE[code] = simple if len(simple) == 1 else chr(code)
    return text.translate(_SIMPLE).casefold()


class Catalog:
    def __init__(self, reader: Reader) -> None:
        self.entries: dict[str, Entry] = {}
        self.reports: dict[str, ReportInfo] = {}
        self._load_names(reader)
        self._load_reports(reader)
        self._folded = [(fold(" ".join(e.names)), e) for e in self.entries.values()]
        self._folded.sort(key=lambda pair: (-pair[1].reports, pair[1].label))

    def _load_names(self, reader: Reader) -> None:
        rows = reader.select("""
            SELECT DISTINCT ?e ?type ?name ?pref WHERE {
              { ?e rdfs:label ?name BIND(true AS ?pref) } UNION { ?e skos:altLabel ?name BIND(false AS ?pref) }
              ?e a ?type .
            }""")
        for row in rows:
            iri = value(row, "e")
            kind = kind_of(iri)
            if kind is None or kind == "report":
                continue
            entry = self.entries.get(iri) or self.entries.setdefault(iri, Entry(iri, kind))
            cls = value(row, "type")
            if cls.startswith(GOV):
                entry.classes.add(cls[len(GOV):])
            name = value(row, "name")
            if value(row, "pref") == "true" and not entry.label:
                entry.label = name
                entry.names.insert(0, name)
            elif name not in entry.names:
                entry.names.append(name)
        # an indicator is named through its observations, each mentioned in its report
        for text in ("SELECT ?e (COUNT(DISTINCT ?r) AS ?n) WHERE { ?e gov:mentionedIn ?r } GROUP BY ?e",
                     "SELECT ?e (COUNT(DISTINCT ?r) AS ?n) WHERE { ?o gov:indicator ?e ; gov:mentionedIn ?r } GROUP BY ?e"):
            for row in reader.select(text):
                counted = self.entries.get(value(row, "e"))
                if counted is not None and counted.reports == 0:
                    counted.reports = number(row, "n")
        for entry in self.entries.values():
            entry.label = entry.label or (entry.names[0] if entry.names else entry.iri.rsplit("/", 1)[-1])

    def _load_reports(self, reader: Reader) -> None:
        rows = reader.select("""
            SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?pl) AS ?place) (SAMPLE(?pv) AS ?province)
            WHERE {
              ?r a gov:Report .
              OPTIONAL { ?r dcterms:title ?t } OPTIONAL { ?r gov:year ?y }
              OPTIONAL { ?r gov:jurisdiction/rdfs:label ?pl } OPTIONAL { ?r gov:province ?pv }
            } GROUP BY ?r""")
        for row in rows:
            iri = value(row, "r")
            self.reports[iri] = ReportInfo(iri, value(row, "title") or iri.rsplit("/", 1)[-1], value(row, "year"),
                                           value(row, "place"), value(row, "province"))
        for row in reader.select("SELECT ?r (COUNT(?m) AS ?n) WHERE { ?m gov:inReport ?r } GROUP BY ?r"):
            info = self.reports.get(value(row, "r"))
            if info is not None:
                info.mentions = number(row, "n")

    # ------------------------------------------------------------ look-ups

    def search(self, text: str, kind: str | None = None) -> list[Entry]:
        """Entries with a name containing ``text`` (case-folded), most reported first."""
        needle = fold(text.strip())
        if not needle:
            return []
        return [e for folded, e in self._folded if needle in folded and (kind is None or e.kind == kind)]

    def label(self, iri: str) -> str:
        if iri in self.entries:
            return self.entries[iri].label
        if iri in self.reports:
            return self.reports[iri].title
        return iri.rsplit("/", 1)[-1]

    def path(self, iri: str) -> str:
        if iri in self.entries:
            return self.entries[iri].path
        if iri in self.reports:
            return self.reports[iri].path
        return "/resource?iri=" + iri if not iri.startswith(ID) else "/" + iri[len(ID) - 3:]

    def reports_by_year(self) -> list[tuple[str, list[ReportInfo]]]:
        groups: dict[str, list[ReportInfo]] = defaultdict(list)
        for info in self.reports.values():
            groups[info.year or ""].append(info)   # "": the report states no year; listed last
        return [(year, sorted(groups[year], key=lambda r: (r.province, r.place, r.title)))
                for year in [*sorted((y for y in groups if y), reverse=True), *([""] if "" in groups else [])]]

    def kind_counts(self) -> Counter[str]:
        return Counter(e.kind for e in self.entries.values())

    def most_reported(self, kind: str, n: int = 20) -> list[Entry]:
        found = [e for e in self.entries.values() if e.kind == kind and e.reports > 1]
        return sorted(found, key=lambda e: (-e.reports, e.label))[:n]
