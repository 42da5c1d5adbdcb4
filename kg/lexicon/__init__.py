"""Rule tables as data files: unit suffixes, units of measure, section cues.

Each table is a UTF-8 text file; ``#`` starts a comment line. Loaded once, cached.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files


def _lines(name: str) -> list[str]:
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def words(name: str) -> tuple[str, ...]:
    """One entry per line (first tab-separated field)."""
    return tuple(ln.split("\t")[0].strip() for ln in _lines(name))


@cache
def word_set(*names: str) -> frozenset[str]:
    """The entries of one or more word lists, as one set, for membership tests."""
    return frozenset(w for name in names for w in words(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows."""
    return tuple(tuple(f.strip() for f in ln.split("\t")) for ln in _lines(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """First column → second column."""
    return {row[0]: row[1] for row in table(name) if len(row) >= 2}


@cache
def alternation(name: str) -> str:
    """The words of table ``name`` as one regex matching the longest at a position (trie_pattern),
    built once however many extractors read the same table."""
    return trie_pattern(words(name))


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` at a position, as the alternation of the words
    sorted longest first does, but one branch per character instead of one per word (fast to scan)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}   # a word ends here
    return _trie_alt(trie)


def _trie_alt(node: dict[str, dict]) -> str:
    alts = [re.escape(ch) + _trie_alt(child) for ch, child in node.items() if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
    return body + "?" if "" in node else body   # greedy: a longer word is tried before the end here


def starts(rx: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of ``rx``'s match at every position where one starts, overlapping ones too:
    what finditer of ``(?=(rx))`` gives, but re skips to a possible first character."""
    pos = 0
    while m := rx.search(text, pos):
        yield m.span()
        pos = m.start() + 1


def by_first(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The words grouped by their first character, each group in the words' order: the first word
    that opens a text (in that order) is the first of its first character's group that does."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word:
            raise ValueError("an empty word opens every text")
        groups.setdefault(word[0], []).append(word)
    return {ch: tuple(group) for ch, group in groups.items()}


@cache
def words_by_first(name: str) -> dict[str, tuple[str, ...]]:
    """``words(name)`` grouped by first character (see by_first)."""
    return by_first(words(name))
