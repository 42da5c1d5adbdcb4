"""Web-page furniture (menus, breadcrumbs, share bars, page headers) removed from text; rules in kg/lexicon/clutter.txt."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from itertools import accumulate, chain, pairwise

from kg import lexicon
from kg.ingest.normalise import normalise, tidy

_SECTION = re.compile(r"\[([a-z_]+)\]")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"\s*\d{1,2}\s*[:时]\s*\d{1,2}(?:\s*[:分]\s*\d{1,2}\s*秒?|\s*分)?")
_SHORT_VALUE = re.compile(r"[^。，,;；!！?？]{1,30}")
_SOURCE_VALUE = re.compile(r"[^。，,;；!！?？:]{1,30}")
_NAME_VALUE = re.compile(r"[^、。，,;；:!！?？“”《》()]{1,20}")     # a source or editor on a line of its own
_HEAD_LINES = 15
_TAIL_LINES = 15
_TRAILER_WINDOW = 30
_TRAILER_LINE_MAX = 80


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[str]]:
    """The sections of kg/lexicon/clutter.txt: section name → patterns."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in files("kg.lexicon").joinpath("clutter.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _SECTION.fullmatch(line)
        if header:
            current = sections.setdefault(header.group(1), [])
        elif current is not None:
            current.append(line)
    return sections


@cache
def _pattern(section: str, template: str = "{}") -> re.Pattern[str]:
    """One regex for a section's alternatives (longest first), put into ``template``."""
    patterns = sorted(_rules().get(section, []), key=len, reverse=True)
    body = "|".join(f"(?:{p})" for p in patterns) or "(?!)"
    return re.compile(template.format(f"(?:{body})"))


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {label: kind for kind in ("field", "source", "published") for label in _rules().get(kind, [])}
    alternatives = lexicon.trie_pattern(kinds)
    return re.compile(rf"(?P<label>{alternatives})\s*:"), kinds


def _iso_date(value: str) -> str | None:
    m = _DATE.search(value)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _is_datetime(value: str, need_time: bool = False) -> bool:
    m = _DATE.match(value)
    if not m:
        return False
    rest = value[m.end():]
    t = _TIME.match(rest)
    if need_time and not t:
        return False
    return not rest[t.end():].strip() if t else not rest.strip()


def _valid_field(kind: str, value: str) -> bool:
    if not value:
        return True
    if kind == "published":
        return _is_datetime(value)
    if kind == "source":
        return bool(_SOURCE_VALUE.fullmatch(value))
    return len(value) <= 20 and not re.search(r"[。，,;；!！?？]", value)


def _meta_fields(line: str) -> list[tuple[str, str]] | None:
    """``[(kind, value)]`` when ``line`` holds page-metadata fields and nothing else, else None."""
    line = line.strip().strip("()（）[]【】")
    labels, kinds = _labels()
    found = list(labels.finditer(line))
    fields: list[tuple[str, str]] = []
    prefix = line[:found[0].start()] if found else line
    prefix = prefix.strip(" |/丨")
    if prefix:
        if not _is_datetime(prefix, need_time=True):
            return None
        fields.append(("published", prefix))
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(line)
        kind, value = kinds[m.group("label")], line[m.end():end].strip(" |/丨")
        if not _valid_field(kind, value):
            return None
        fields.append((kind, value))
    return fields or None


def _crumb_parts(line: str) -> list[str] | None:
    """A line split at breadcrumb separators (each kept as ">"), or None when a part is too long for a crumb."""
    parts: list[str] = []
    for i, part in enumerate(_pattern("crumb_sep", r"\s*({})\s*").split(line)):
        if i % 2:
            parts.append(">")
        elif part.strip():
            if not _SHORT_VALUE.fullmatch(part.strip()):
                return None
            parts.append(part.strip())
    return parts


def _crumb_end(lines: list[str], i: int) -> int:
    """Index just past a breadcrumb that starts at line ``i`` (``i`` itself when none does).

    A crumb opens with an anchor (当前位置:), a home link (首页) or a separator,
    and goes on over lines while each segment follows a separator.
    """
    first = lines[i].strip()
    anchor = _pattern("crumb_anchor", r"{}\s*:?\s*").match(first)
    if anchor:
        first = first[anchor.end():]
    if not anchor and not (_pattern("crumb_home").match(first) or _pattern("crumb_sep").match(first)):
        return i
    items = _crumb_parts(first)
    if items is None or not anchor and not (items and (items[0] == ">" or _pattern("crumb_home").fullmatch(items[0]))):
        return i
    end = i + 1

    def following(k: int) -> int:                # the next non-blank line
        while k < len(lines) and not lines[k].strip():
            k += 1
        return k

    j = following(end)
    while j < len(lines):
        parts = _crumb_parts(lines[j].strip())
        if not parts or not (parts[0] == ">" or not items or items[-1] == ">"):
            break
        items += parts
        end = j + 1
        j = following(end)
    segments = [p for p in items if p != ">"]
    if not (">" in items or anchor and segments):
        return i
    if j < len(lines) and segments and lines[j].strip() == segments[-1]:
        end = j + 1                              # the column's name repeated as a heading
    return end


@dataclass
class _Page:
    """The lines of one text and what is decided about them: dropped lines, cut spans, header values."""

    lines: list[str]
    drop: list[bool] = field(init=False)
    cuts: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    nonblank: list[int] = field(init=False)
    after: dict[int, int] = field(init=False)     # a non-blank line → the next non-blank line

    def __post_init__(self) -> None:
        self.drop = [False] * len(self.lines)
        self.nonblank = [k for k, line in enumerate(self.lines) if line.strip()]
        self.after = dict(pairwise(self.nonblank))

    def keep_meta(self, kind: str, value: str) -> None:
        """The first publication date and the first source name seen are kept."""
        if kind == "published" and value and "published" not in self.meta and _iso_date(value):
            self.meta["published"] = _iso_date(value) or ""
        elif kind == "source" and value and "source_name" not in self.meta:
            self.meta["source_name"] = value


def strip_clutter(text: str, offsets: list[int] | None = None) -> tuple[str, list[int], dict[str, str]]:
    """Remove web-page furniture from normalised text; returns ``(text, offsets, meta)``.

    Cues live in kg/lexicon/clutter.txt. Whole lines go (widgets, share
    buttons, breadcrumbs, related-link trailers, copyright footers), and
    bracketed widgets inside lines; header lines that only carry a
    publication date or a source are removed with the values kept in
    ``meta["published"]`` (ISO date) and ``meta["source_name"]``.

    >>> strip_clutter("打印\\n来源:某某日报\\n一、工作成效")[::2]
    ('一、工作成效', {'source_name': '某某日报'})
    """
    offsets = list(range(len(text))) if offsets is None else offsets
    page = _Page(text.split("\n"))
    _drop_cue_lines(page)
    _drop_crumbs(page)
    _drop_trailer(page)
    content = [k for k in page.nonblank if not page.drop[k]]
    _read_head(page, content[:_HEAD_LINES])
    _read_foot(page, content[-_TAIL_LINES:])
    _spread(page.drop, page.lines, page.nonblank, _pattern("weak"))
    for k in range(1, len(page.lines)):          # blank lines under a removed line go with it
        if not page.lines[k].strip() and page.drop[k - 1]:
            page.drop[k] = True
    out, out_offsets = _kept_text(page, text, offsets)
    out, out_offsets = tidy(out, out_offsets)
    return out, out_offsets, page.meta


def _drop_cue_lines(page: _Page) -> None:
    """Lines that are furniture by their cue; bracketed widgets inside other lines become cuts."""
    strong, fragment = _pattern("line"), _pattern("fragment")
    value_next = _pattern("value_next", r"[(\[【]?\s*{}\s*:\s*")
    lines, drop = page.lines, page.drop
    for k in page.nonblank:
        line = lines[k].strip()
        if len(line) <= 140 and strong.fullmatch(line):
            drop[k] = True
            nxt = page.after.get(k)           # a label line (来源:) whose value stands on the next line
            if value_next.fullmatch(line) and nxt is not None and not drop[nxt] \
                    and _NAME_VALUE.fullmatch(lines[nxt].strip()):
                drop[nxt] = True
            continue
        spans = [m.span() for m in fragment.finditer(lines[k])]
        if spans:
            if _cut(lines[k], spans).strip(" |"):
                page.cuts[k] = spans
            else:
                drop[k] = True


def _drop_crumbs(page: _Page) -> None:
    k = 0
    while k < len(page.lines):
        end = _crumb_end(page.lines, k) if page.lines[k].strip() and not page.drop[k] else k
        for j in range(k, end):
            page.drop[j] = True
        k = max(end, k + 1)


def _drop_trailer(page: _Page) -> None:
    """From the earliest trailer opener (相关链接 …) with only short lines after it, to the end."""
    tail, all_short, trailer = _pattern("tail"), True, None
    for k in reversed(page.nonblank[-_TRAILER_WINDOW:]):
        line = page.lines[k].strip()
        if all_short and tail.fullmatch(line):
            trailer = k
        all_short = all_short and (page.drop[k] or len(line) <= _TRAILER_LINE_MAX)
    for j in range(trailer if trailer is not None else len(page.lines), len(page.lines)):
        page.drop[j] = True


def _read_head(page: _Page, head_lines: list[int]) -> None:
    """Header lines of date and source go, their values kept; a value may stand on the next line."""
    head, lines, drop = _pattern("head"), page.lines, page.drop
    for k in head_lines:
        fields = _meta_fields(_cut(lines[k], page.cuts.get(k)))
        if fields is None:
            drop[k] = drop[k] or bool(head.fullmatch(lines[k].strip()))
            continue
        drop[k] = True
        kind, value = fields[-1]
        nxt = page.after.get(k)
        if kind in ("published", "source") and not value and nxt is not None:
            following = lines[nxt].strip()
            if (kind == "published" and _is_datetime(following)) or (
                    kind == "source" and not drop[nxt] and _NAME_VALUE.fullmatch(following)):
                fields[-1] = (kind, following)
                drop[nxt] = True
        for kind, value in fields:
            page.keep_meta(kind, value)


def _read_foot(page: _Page, foot_lines: list[int]) -> None:
    """Closing lines of source and editor fields, and footers (copyright …), go."""
    foot, lines, drop = _pattern("footer"), page.lines, page.drop
    for k in foot_lines:
        line = lines[k].strip()
        fields = None if drop[k] else _meta_fields(line)
        if fields and all(kind in ("source", "field") for kind, _ in fields):
            drop[k] = True
            for kind, value in fields:
                if kind == "source":
                    page.keep_meta(kind, value)
        elif foot.fullmatch(line):
            drop[k] = True


def _kept_text(page: _Page, text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """The text of the kept lines, cut spans left out, with the offsets of what is kept."""
    lines, n = page.lines, len(page.lines)
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    pieces: list[str] = []
    kept: list[list[int]] = []
    for k in range(n):
        if page.drop[k]:
            continue
        a = starts[k]
        b = a + len(lines[k]) + (1 if k + 1 < n else 0)
        segments = [(a, b)]
        if k in page.cuts:
            marks = [(a + s, a + e) for s, e in page.cuts[k]]
            segments = list(zip([a] + [e for _, e in marks], [s for s, _ in marks] + [b]))
        for s, e in segments:
            pieces.append(text[s:e])
            kept.append(offsets[s:e])
    return "".join(pieces), list(chain.from_iterable(kept))


def _cut(line: str, spans: list[tuple[int, int]] | None) -> str:
    if not spans:
        return line
    return "".join(line[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(line)]))


def _spread(drop: list[bool], lines: list[str], nonblank: list[int], weak: re.Pattern[str]) -> None:
    """Drop weak lines (大/中/小 ...) that touch a dropped line, in chains both ways."""
    for order in (nonblank, nonblank[::-1]):
        for prev, k in pairwise(order):
            if drop[prev] and not drop[k] and weak.fullmatch(lines[k].strip()):
                drop[k] = True


def is_meta_line(line: str) -> bool:
    """True for a page-header line of publish date or source (发布日期:…, 来源:…)."""
    fields = _meta_fields(_pattern("fragment").sub("", normalise(line)[0]))
    return bool(fields) and any(kind in ("published", "source") and value for kind, value in fields or ())
