"""Helpers the extractors share: entity registration by normalised name (kg.identity), mentions."""
from __future__ import annotations

import re

from kg.identity import norm_name
from kg.records import Entity, EntityKind, Extraction, Mention, Sentence

CJK = r"\u4e00-\u9fff"
QUOTES = re.compile(r"[“”\"‘’「」]")   # quote marks a name or a phrase is read without


def word_goes_on(text: str, at: int) -> bool:
    """True when a Chinese character stands at ``at``: the words after a quote run on (“…”工程),
    rather than the clause ending there (“…”。)."""
    return re.match(f"[{CJK}]", text[at:at + 1]) is not None


def quoted_span(longest: int) -> str:
    """A regex for one quoted phrase of at most ``longest`` characters: “…”, 「…」 or "…"."""
    return rf'(?:[“「][^“”「」\n]{{1,{longest}}}[”」]|"[^"\n]{{1,{longest}}}")'
# A note naming the unit in charge of a task line: （牵头单位：某局、某厅）. links reads the
# units in it; quote_sense takes a quote in such a line as the task's name.
UNIT_NOTE = r"[（(]\s*(?:牵头单位|牵头部门|责任单位|主责单位)\s*[:：]"


def entity_key(kind: EntityKind, name: str) -> str:
    return f"{kind}:{norm_name(name)}"


def mention(sentence: Sentence, start: int, end: int) -> Mention:
    """A mention of sentence-relative span [start, end)."""
    return Mention(sentence.start + start, sentence.start + end, sentence.text[start:end], sentence.index)


def add_entity(ex: Extraction, kind: EntityKind, label: str, m: Mention, *,
               aliases: tuple[str, ...] = (), org_kind: str | None = None,
               description: str | None = None) -> Entity:
    """Register ``label`` (or add a mention to the entity already known by that name)."""
    key = entity_key(kind, label)
    ent = ex.entities.get(key)
    if ent is None:
        ent = Entity(kind=kind, label=label, key=key, org_kind=org_kind, description=description)
        ex.entities[key] = ent
    ent.aliases.update(a for a in aliases if a and a != ent.label)
    ent.add_mention(m)
    return ent
