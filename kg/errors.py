"""The errors govkg raises for users: one line each, naming what is at fault and what to do."""
from __future__ import annotations


class KGError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits 1."""


class InputError(KGError):
    """A source file cannot be read as a report (missing, empty, binary, undecodable)."""

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source, self.problem, self.hint = source, problem, hint
        super().__init__(f"{source}: {problem}" + (f" ({hint})" if hint else ""))

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        # Built again from its parts when a worker process hands it back.
        return InputError, (self.source, self.problem, self.hint)


class QueryError(KGError):
    """A SPARQL query is wrong, refused, missing a parameter, or timed out."""


class StoreError(KGError):
    """A store, output file or remote endpoint cannot be read or written."""


class UsageError(KGError):
    """The command line asks for something impossible; the CLI exits 2."""
