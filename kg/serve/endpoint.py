"""``/sparql``: a SPARQL 1.1 Protocol query endpoint over the served graph (reads only).

Requests: GET with ``query=``; POST form-encoded with ``query=``; POST with
``Content-Type: application/sparql-query`` and the query as the body. Each
may carry ``default-graph-uri`` and ``named-graph-uri`` (repeatable), which
replace the query's FROM clauses; without them the default graph is the union
of the report graphs, as for ``kg query``. Queries run through
:func:`kg.query.run`, so SERVICE, LOAD and updates are refused by the same
check, and ``timeout``/``limit`` act as ``--timeout``/``--limit`` do.

Status codes: 400 for a malformed or refused query (the message says why and
where), 405 for other methods, 406 when no offered format is acceptable, 415
for a body of another media type, 503 when the query ran out of time.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.errors import KGError, QueryError
from kg.query import QueryText, Source, from_text, run
from kg.query.syntax import check
from kg.serve.dataset import with_dataset
from kg.serve.negotiate import choose
from kg.serve.results import GRAPH_TYPES, SELECT_TYPES, graph_body, select_body

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Request_:
    """What a protocol request asks for."""

    query: str | None
    update: str | None
    default_graphs: list[str]
    named_graphs: list[str]


@dataclass
class EndpointLimits:
    timeout: float | None = None   # seconds, as kg query --timeout (None: its default, 300 s)
    limit: int | None = None       # rows, as kg query --limit (default: none)


def _one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name, [])
    if len(values) > 1:
        raise ProtocolError(400, f"give one '{name}' parameter, not {len(values)}")
    return values[0] if values else None


def _media_type(request: Request) -> tuple[str, str]:
    raw = request.headers.get("content-type", "")
    media, _, params = raw.partition(";")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _decode(body: bytes, charset: str) -> str:
    if charset and charset.replace("-", "") not in ("utf8", "usascii", "ascii"):
        raise ProtocolError(415, f"send the query as UTF-8 (charset={charset} is not accepted)")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8 text") from None


async def read_request(request: Request) -> Request_:
    """The query (or update) and dataset of a GET or POST request, checked against the protocol."""
    url_fields = parse_qs(request.url.query, keep_blank_values=True)
    if request.method in ("GET", "HEAD"):
        fields = url_fields
    elif request.method == "POST":
        media, charset = _media_type(request)
        body = _decode(await request.body(), charset)
        if media == FORM:
            fields = parse_qs(body, keep_blank_values=True)
            for name in ("query", "update"):
                if name in url_fields:
                    raise ProtocolError(400, f"put '{name}' in the form body only, not also in the URL")
            for name in ("default-graph-uri", "named-graph-uri"):
                fields.setdefault(name, []).extend(url_fields.get(name, []))
        elif media in (DIRECT, UPDATE):
            if "query" in url_fields or "update" in url_fields:
                raise ProtocolError(400, "with a direct POST the query is the body; drop 'query=' from the URL")
            fields = {k: v for k, v in url_fields.items()}
            fields["query" if media == DIRECT else "update"] = [body]
        elif not media:
            raise ProtocolError(415, f"say what the POST body is: Content-Type {FORM} or {DIRECT}")
        else:
            raise ProtocolError(415, f"cannot read a body of type {media}; send {FORM} or {DIRECT}")
    else:
        raise ProtocolError(405, f"{request.method} is not a SPARQL query method; use GET or POST")
    query, update = _one(fields, "query"), _one(fields, "update")
    if query is not None and update is not None:
        raise ProtocolError(400, "give either 'query' or 'update', not both")
    if query is None and update is None:
        raise ProtocolError(400, "no query: give it as ?query=… (GET), a form field 'query' (POST) "
                                 f"or the body of a POST with Content-Type {DIRECT}")
    return Request_(query, update, fields.get("default-graph-uri", []), fields.get("named-graph-uri", []))


def _refuse_update(text: str) -> ProtocolError:
    """Updates get the same refusal message as in kg query, from the same check."""
    try:
        check(from_text(text, name="update"))
    except QueryError as exc:
        return ProtocolError(400, str(exc))
    return ProtocolError(400, "this endpoint only answers queries; change stores with 'kg store'")


def _respond(result, accept: str | None) -> Response:  # type: ignore[no-untyped-def]
    graph = result.form in ("CONSTRUCT", "DESCRIBE")
    offered = GRAPH_TYPES if graph else SELECT_TYPES
    media = choose(accept, offered)
    if media is None:
        raise ProtocolError(406, f"cannot answer in {accept}; this query can be had as {', '.join(offered)}")
    body: bytes | str = graph_body(result, media) if graph else select_body(result, media)
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["X-KG-Truncated"] = f"first {len(result.rows)} rows; there are more"
    ctype = media if media != "text/plain" else "application/n-triples"
    return Response(body, media_type=f"{ctype}; charset=utf-8", headers=headers)


async def answer(request: Request, source: Source, limits: EndpointLimits) -> Response:
    try:
        asked = await read_request(request)
        if asked.update is not None:
            raise _refuse_update(asked.update)
        assert asked.query is not None
        text = with_dataset(asked.query, asked.default_graphs, asked.named_graphs)
        query = QueryText(text, name="query")  # a protocol query has no parameters, whatever its comments say
        result = await run_in_threadpool(run, query, source, None, limit=limits.limit, timeout=limits.timeout)
        return _respond(result, request.headers.get("accept"))
    except ProtocolError as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=exc.status)
    except QueryError as exc:
        status = 503 if "stopped after" in str(exc) else 400
        return PlainTextResponse(str(exc) + "\n", status_code=status)
    except KGError as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=500)
