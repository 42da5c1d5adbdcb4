"""Choosing a media type from an HTTP ``Accept`` header (RFC 9110 q-values, wildcards)."""
from __future__ import annotations


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each entry; q=0 entries are kept so they can refuse a type."""
    out = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q, position))
    return out


def _specificity(media_range: str, offered: str) -> int:
    """3 exact, 2 type/*, 1 */*, 0 no match."""
    if media_range == offered:
        return 3
    kind, _, sub = media_range.partition("/")
    if sub == "*" and offered.startswith(kind + "/"):
        return 2
    if media_range in ("*/*", "*"):
        return 1
    return 0


def choose(accept: str | None, offered: list[str]) -> str | None:
    """The offered type the client prefers most; the first offered when Accept is absent; None if none fits.

    >>> choose("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+json",
    ...        "application/sparql-results+xml", "text/csv"])
    'application/sparql-results+xml'
    >>> choose("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for order, media in enumerate(offered):
        # the most specific range that matches decides this type's q
        matches = [(_specificity(r, media), q, pos) for r, q, pos in ranges if _specificity(r, media)]
        if not matches:
            continue
        spec, q, pos = max(matches, key=lambda m: m[0])
        if q <= 0:
            continue
        key = (q, spec, -pos, -order)
        if best is None or key > best:
            best, chosen = key, media
    return chosen


def wants_html(accept: str | None) -> bool:
    """A browser (text/html preferred over RDF types), as opposed to an RDF client."""
    return choose(accept, ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]) == "text/html"
