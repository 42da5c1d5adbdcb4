"""Entity resolution within a report: a body's full name and its short forms are
one node with every form kept as a label (县人民政府/县政府,
州委依法治州办公室/州委依法治州办, 某某开发区党工委/开发区党工委/党工委).

Across reports, identity is decided by the IRI minted in kg/rdf.py:
programmes, documents and indicators by normalised name (with safe variants
folded by :func:`variant_key`), organisations by name within the report's
jurisdiction.
"""
from __future__ import annotations

import re

from kg.identity import canonical_org
from kg.records import Entity, Extraction

LEVEL_START = re.compile(r"^(?:[省市区县州旗盟镇乡村]|街道|新区|开发区|高新区)")
BARE_BODIES = {"党工委", "管委会", "党委", "党组", "人大常委会", "政协"}


def _short_form_of(short: str, full: str) -> bool:
    cs, cf = canonical_org(short), canonical_org(full)
    if cs == cf:
        return True
    if not cf.endswith(cs) or len(cf) <= len(cs):
        return False
    return short in BARE_BODIES or bool(LEVEL_START.match(short))


def _by_ending(orgs: list[Entity]) -> dict[str, list[Entity]]:
    """Each organisation under every ending of its canonical name (longest names first).

    A short form is looked up by its own canonical name, so resolution costs one
    look-up per name (names are short) instead of a comparison with every other name.
    """
    index: dict[str, list[Entity]] = {}
    for ent in orgs:
        canon = canonical_org(ent.label)
        for i in range(len(canon)):
            index.setdefault(canon[i:], []).append(ent)
    return index


def resolve_report(ex: Extraction) -> None:
    """Merge each organisation's short forms into its full form, in place."""
    orgs = sorted(ex.of_kind("organisation"), key=lambda e: len(e.label), reverse=True)
    publishers = set(ex.report.publishers)
    remap: dict[str, str] = {}
    index = _by_ending(orgs)
    for short in orgs:
        fulls = [f for f in index.get(canonical_org(short.label), ()) if f is not short and f.key not in remap
                 and len(f.label) > len(short.label) and _short_form_of(short.label, f.label)]
        if not fulls:
            continue
        # A bare form belongs to the publisher when one of them fits, else to the only candidate.
        pubs = [f for f in fulls if f.label in publishers]
        target = pubs[0] if len(pubs) == 1 else fulls[0] if len({canonical_org(f.label) for f in fulls}) == 1 else None
        if target is None or short.key in remap:
            continue
        _merge(target, short)
        remap[short.key] = target.key
    for key in remap:
        ex.entities.pop(key, None)
    if not remap:
        return
    for link in ex.links:
        link.subject = remap.get(link.subject, link.subject)
        link.unit = remap.get(link.unit, link.unit)
    for obs in ex.observations:
        if obs.about:
            obs.about = remap.get(obs.about, obs.about)
    ex.report.publishers = list(dict.fromkeys(
        next((e.label for e in ex.entities.values() if e.kind == "organisation" and p in e.labels), p)
        for p in ex.report.publishers))


def _merge(target: Entity, other: Entity) -> None:
    target.aliases |= other.labels - {target.label}
    for m in other.mentions:
        target.add_mention(m)
    if target.org_kind in (None, "other"):
        target.org_kind = other.org_kind
