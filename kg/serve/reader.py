"""The pages' own queries, run on the served source through its ``execute`` (the engine of kg query).

Page queries are fixed text written here, so they skip the refusal and syntax
checks user queries get; values (an entity's IRI) travel as bindings, never in
the text. Oxigraph binds only projected variables, so each query selects them.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache, partial
from typing import Any

from kg.namespaces import PREFIX_IRIS
from kg.query import Source, from_text
from kg.query.engines import Result
from kg.query.text import QueryText, Term, ntriples

PREFIXES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIX_IRIS.items())

Row = dict[str, Term]


# A page's independent queries wait on the query processes together (threads only wait on pipes);
# shared by all requests, so a busy server does not start threads for each page.
_WAITING = ThreadPoolExecutor(max_workers=8, thread_name_prefix="kg-page-query")


@lru_cache(maxsize=256)
def _query(text: str, form: str) -> QueryText:
    return from_text(PREFIXES + text, name=f"kg serve {form.lower()}")


def iri(value: str) -> Term:
    return Term("uri", value)


def together(*calls: Callable[[], Any]) -> list[Callable[[], Any]]:
    """Start ``calls`` (each making queries) together; each returned call waits for its result.

    A call must not use :func:`together` itself: with every waiting thread
    taken by calls that wait for their own calls, none would run.
    """
    futures: list[Future[Any]] = [_WAITING.submit(call) for call in calls]
    return [future.result for future in futures]


class Reader:
    """SELECT rows as ``{variable: Term}`` dicts (unbound variables left out) and CONSTRUCT results."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def select(self, text: str, **bindings: Term) -> list[Row]:
        result = self.source.execute(_query(text, "SELECT"), "SELECT", bindings, None)
        names = result.variables
        return [{n: t for n, t in zip(names, row) if t is not None} for row in result.rows]

    def at_once(self, *queries: tuple[str, dict[str, Term]]) -> list[Callable[[], list[Row]]]:
        """Start ``(text, bindings)`` SELECT queries together; each returned call waits for its rows."""
        return together(*(partial(self.select, text, **bindings) for text, bindings in queries))

    def select_each(self, text: str, name: str, iris: list[str]) -> list[Row]:
        """``text`` run for many IRIs at once: its ``#VALUES`` line becomes ``VALUES ?name { <…> … }``.

        One query over a VALUES block lets the engine start from those IRIs; the IRIs
        come from the graph and are spelled by :func:`ntriples`, which escapes them.
        """
        if not iris:
            return []
        block = f"VALUES ?{name} {{ " + " ".join(ntriples(iri(i)) for i in dict.fromkeys(iris)) + " }"
        return self.select(text.replace("#VALUES", block))

    def construct(self, text: str, **bindings: Term) -> Result:
        # materialised: callers test for emptiness (an unknown IRI is a 404), which a lazy iterator hides
        return self.source.execute(_query(text, "CONSTRUCT"), "CONSTRUCT", bindings, None).materialise()


def value(row: Row, name: str, default: str = "") -> str:
    term = row.get(name)
    return term.value if term is not None else default


def number(row: Row, name: str, default: int = 0) -> int:
    try:
        return int(float(value(row, name)))
    except ValueError:
        return default
