"""Rule tables as data files: unit suffixes, units of measure, section cues.

Each table is a UTF-8 text file; ``#`` starts a comment line. Loaded once, cached.
"""
from __future__ import annotations

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
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows."""
    return tuple(tuple(f.strip() for f in ln.split("\t")) for ln in _lines(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """First column → second column."""
    return {row[0]: row[1] for row in table(name) if len(row) >= 2}
