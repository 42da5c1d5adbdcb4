"""Helpers the extractors share: name normalisation, entity registration, mentions."""
from __future__ import annotations

import re
import unicodedata

from kg.records import Entity, EntityKind, Extraction, Mention, Sentence
from kg.script import to_simplified

_QUOTES = re.compile(r"[“”‘’\"'「」『』《》〈〉\s]")
CJK = r"\u4e00-\u9fff"


def norm_name(name: str) -> str:
    """The identity of a name: NFKC, no quotes or spaces, lower case, simplified script.

    >>> norm_name("“一村（社区）一法律顾问”"), norm_name("財政部")
    ('一村(社区)一法律顾问', '财政部')
    """
    return to_simplified(_QUOTES.sub("", unicodedata.normalize("NFKC", name)).lower())


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
    if m not in ent.mentions:
        ent.mentions.append(m)
    return ent
