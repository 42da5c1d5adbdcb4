"""Ingest: any input → ``SourceText`` (decoded, normalised, page clutter gone, offsets kept).

Text, HTML, PDF and .docx files, folders of them and JSON Lines corpora become
``SourceText`` records whose ``offsets`` map every character of the cleaned
text back to the decoded original, so spans found later can be shown in place.

>>> st = from_text("当前位置:首页 > 通知公告\\n发布日期:2025-03-24\\n召开会议 1 次。")
>>> st.text, st.meta["published"]
('召开会议1次。', '2025-03-24')
>>> st.original[slice(*st.original_span(0, 4))]
'召开会议'
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from html.parser import HTMLParser
from importlib.resources import files
from itertools import accumulate, chain, pairwise
from pathlib import Path
from typing import ClassVar

from kg.errors import InputError
from kg.records import SourceText

__all__ = [
    "SUPPORTED_EXTENSIONS", "decode_bytes", "from_text", "html_to_text", "iter_inputs", "iter_jsonl",
    "load_source", "normalise", "strip_clutter",
]

TEXT_EXTENSIONS = (".txt", ".text", ".md")
HTML_EXTENSIONS = (".html", ".htm", ".shtml")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + (".pdf", ".docx")
CORPUS_EXTENSION = ".jsonl"
META_FIELDS = ("title", "year", "url", "province", "published")
_SUPPORTED_HINT = "supported: " + ", ".join(SUPPORTED_EXTENSIONS) + ", no extension, or a .jsonl corpus"

# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Characters a Chinese report is made of; a weak guess (GB18030, BOM-less
# UTF-16) must decode to these almost only.
_UNCOMMON = re.compile(
    "[^\t\n\r\x0c -~\u00a0-\u024f\u0370-\u04ff\u2000-\u2bff\u2e80-\u2fdf\u3000-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\ufeff\uff00-\uffef\U00020000-\U0003134f]"
)
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BINARY_HINT = "give a report as .txt, .html, .pdf or .docx"


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) > 0.05 * len(sample)


def _plausible(text: str) -> bool:
    sample = text[:100_000]
    return not _looks_binary(sample) and len(_UNCOMMON.findall(sample)) <= 0.02 * len(sample)


def _mostly_utf8(data: bytes) -> bool:
    """True when nearly all non-ASCII bytes form UTF-8 sequences: UTF-8 with damage, not GBK."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    valid = sum(len(seq) for seq in _UTF8_SEQ.findall(data))
    return valid >= 6 and valid >= 0.9 * high


def _decode(data: bytes, source: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as err:
                raise InputError(source, f"starts with a {encoding} byte-order mark but is not valid "
                                 f"{encoding} (byte {err.start + len(bom)})", "save it again as UTF-8") from None
            if _looks_binary(text):
                raise InputError(source, "looks like a binary file, not text", _BINARY_HINT)
            return text, encoding
    if b"\x00" in data:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        orders = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
        for encoding in orders if len(data) % 2 == 0 else ():
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text, encoding
        raise InputError(source, "contains NUL bytes: it looks like a binary file, not text", _BINARY_HINT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if _mostly_utf8(data):
            raise InputError(source, f"is not valid UTF-8 (bad byte at offset {err.start})",
                             "the file may be truncated or damaged; save it again as UTF-8") from None
    else:
        if _looks_binary(text):
            raise InputError(source, "is mostly control bytes: it looks like a binary file, not text", _BINARY_HINT)
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise InputError(source, f"cannot be decoded as UTF-8, UTF-16 or GB18030 (bad byte at offset {err.start})",
                         "save it as UTF-8 text") from None
    if _looks_binary(text):
        raise InputError(source, "is mostly control bytes: it looks like a binary file, not text", _BINARY_HINT)
    if not _plausible(text):
        raise InputError(source, "cannot be decoded as UTF-8, UTF-16 or GB18030 (it decodes to unusual characters)",
                         "save it as UTF-8 text")
    return text, "gb18030"


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode a file's bytes, detecting the encoding; returns ``(text, encoding)``.

    Recognises UTF-8 (with or without BOM, "utf-8-sig" / "utf-8"), UTF-16 with a
    BOM or without one (by where the NUL bytes fall), UTF-32 with a BOM and
    GB18030 (a superset of GBK and GB2312). Binary, undecodable or empty input
    raises ``InputError`` naming ``source``.

    >>> decode_bytes("报告".encode("gbk"), "a.txt")
    ('报告', 'gb18030')
    """
    if not data.strip():
        raise InputError(source, "the file is empty", "give a file with the report's text")
    text, encoding = _decode(data, source)
    if not text.strip(" \t\r\n\x0b\x0c\u3000\u00a0\u200b\ufeff"):
        raise InputError(source, "the file is empty", "give a file with the report's text")
    return text, encoding


# ----------------------------------------------------------- normalisation

_LINE_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_CJK = re.compile(
    "[\u2018-\u201d\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
# what a space may be dropped between, next to a Chinese character: "会议 1 次", "会议, 下一步"
_NEAR_CJK = re.compile(_CJK.pattern[:-1] + "0-9,.;:!?()%]")
_SPACES_OR_CR = re.compile(r"\r\n?| +")
_BLANK_RUNS = re.compile(r"\A\n+|\n+\Z|\n{4,}")
Repl = Callable[["re.Match[str]"], "str | None"]


@lru_cache(maxsize=1 << 16)
def _map_char(c: str) -> str:
    """What one character becomes: NFKC, spaces and tabs → " ", other controls and zero-widths dropped."""
    if c in "\n\r":
        return c
    if c in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(c)
    if category == "Cc":
        return " " if c == "\t" else ""
    if category == "Cf":
        return ""
    mapped = unicodedata.normalize("NFKC", c)
    return "".join(" " if unicodedata.category(m) == "Zs" else m for m in mapped)


def _rewrite(text: str, offsets: list[int], pattern: re.Pattern[str], repl: Repl) -> tuple[str, list[int]]:
    """Replace matches of ``pattern`` by ``repl(match)`` (None keeps the match), carrying offsets.

    A replacement's k-th character takes the offset of the match's k-th
    character (its last one when the replacement is longer).
    """
    parts: list[str] = []
    spans: list[list[int]] = []
    last = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new is None:
            continue
        start, end = m.span()
        parts.append(text[last:start])
        spans.append(offsets[last:start])
        if new:
            parts.append(new)
            spans.append([offsets[start]] if len(new) == 1 else
                         [offsets[min(start + k, end - 1)] for k in range(len(new))])
        last = end
    if not parts:
        return text, offsets
    parts.append(text[last:])
    spans.append(offsets[last:])
    return "".join(parts), list(chain.from_iterable(spans))


def _fix_space(m: re.Match[str]) -> str | None:
    run = m.group()
    if run[0] == "\r":
        return "\n"
    text, (start, end) = m.string, m.span()
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in "\r\n" or after in "\r\n":
        return ""                      # leading or trailing spaces
    if len(run) >= 3:
        return "\n"                    # columns side by side: two lines
    if (_CJK.match(before) and _NEAR_CJK.match(after)) or (_NEAR_CJK.match(before) and _CJK.match(after)):
        return ""
    return None


def _fix_blank(m: re.Match[str]) -> str:
    start, end = m.span()
    return "" if start == 0 or end == len(m.string) else "\n\n"


def _tidy(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    text, offsets = _rewrite(text, offsets, _SPACES_OR_CR, _fix_space)
    return _rewrite(text, offsets, _BLANK_RUNS, _fix_blank)


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalise text; returns ``(normalised, offsets)``, ``offsets[i]`` the index in ``text`` of character i.

    Per character NFKC (（），：０-９ → (),:0-9; 。、“”《》 stay), ideographic
    and no-break spaces and tabs → space, zero-width characters and stray
    controls dropped, CRLF/CR → LF, spaces at line ends stripped, 3+ blank
    lines → one, 1–2 spaces between Chinese characters (or one and a digit or
    half-width punctuation) removed, 3+ spaces inside a line (columns side by side) → a line break.

    >>> normalise("会议　１ 次（全年）")
    ('会议1次(全年)', [0, 1, 3, 5, 6, 7, 8, 9])
    """
    changed = {c: v for c in set(text) if (v := _map_char(c)) != c}
    offsets = list(range(len(text)))
    if changed:
        text = text.translate({ord(c): v for c, v in changed.items() if len(v) == 1})   # offsets unchanged
        resized = {c: v for c, v in changed.items() if len(v) != 1}
        if resized:
            pattern = re.compile("[" + "".join(re.escape(c) for c in resized) + "]")
            text, offsets = _rewrite(text, offsets, pattern, lambda m: resized[m.group()])
    return _tidy(text, offsets)


# --------------------------------------------------------- clutter removal

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
    alternatives = "|".join(re.escape(label) for label in sorted(kinds, key=len, reverse=True))
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
    lines = text.split("\n")
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    n = len(lines)
    drop = [False] * n
    cuts: dict[int, list[tuple[int, int]]] = {}
    meta: dict[str, str] = {}
    strong, weak, fragment = _pattern("line"), _pattern("weak"), _pattern("fragment")
    value_next = _pattern("value_next", r"[(\[【]?\s*{}\s*:\s*")
    nonblank = [k for k in range(n) if lines[k].strip()]
    after = dict(pairwise(nonblank))

    def name_value(k: int | None) -> bool:
        return k is not None and not drop[k] and bool(_NAME_VALUE.fullmatch(lines[k].strip()))

    for k in nonblank:
        line = lines[k].strip()
        if len(line) <= 140 and strong.fullmatch(line):
            drop[k] = True
            if value_next.fullmatch(line) and name_value(after.get(k)):
                drop[after[k]] = True
            continue
        spans = [m.span() for m in fragment.finditer(lines[k])]
        if spans:
            rest = "".join(lines[k][a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [None]))
            if rest.strip(" |"):
                cuts[k] = spans
            else:
                drop[k] = True
    k = 0
    while k < n:
        end = _crumb_end(lines, k) if lines[k].strip() and not drop[k] else k
        for j in range(k, end):
            drop[j] = True
        k = max(end, k + 1)
    tail, all_short, trailer = _pattern("tail"), True, None
    for k in reversed(nonblank[-_TRAILER_WINDOW:]):
        if all_short and tail.fullmatch(lines[k].strip()):
            trailer = k                       # the earliest opener with only short lines after it
        all_short = all_short and (drop[k] or len(lines[k].strip()) <= _TRAILER_LINE_MAX)
    for j in range(trailer if trailer is not None else n, n):
        drop[j] = True
    content = [k for k in nonblank if not drop[k]]
    head, foot = _pattern("head"), _pattern("footer")
    for k in content[:_HEAD_LINES]:
        line = lines[k].strip()
        fields = _meta_fields(_cut(lines[k], cuts.get(k)))
        if fields is None:
            drop[k] = drop[k] or bool(head.fullmatch(line))
            continue
        drop[k] = True
        kind, value = fields[-1]
        if kind in ("published", "source") and not value and after.get(k) is not None:
            nxt = after[k]
            following = lines[nxt].strip()
            if (kind == "published" and _is_datetime(following)) or (
                    kind == "source" and not drop[nxt] and _NAME_VALUE.fullmatch(following)):
                fields[-1] = (kind, following)
                drop[nxt] = True
        for kind, value in fields:
            if kind == "published" and value and "published" not in meta and _iso_date(value):
                meta["published"] = _iso_date(value) or ""
            elif kind == "source" and value and "source_name" not in meta:
                meta["source_name"] = value
    for k in content[-_TAIL_LINES:]:
        line = lines[k].strip()
        fields = None if drop[k] else _meta_fields(line)
        if fields and all(kind in ("source", "field") for kind, _ in fields):
            drop[k] = True
            for kind, value in fields:
                if kind == "source" and value and "source_name" not in meta:
                    meta["source_name"] = value
        elif foot.fullmatch(line):
            drop[k] = True
    _spread(drop, lines, nonblank, weak)
    for k in range(1, n):                    # blank lines under a removed line go with it
        if not lines[k].strip() and drop[k - 1]:
            drop[k] = True
    pieces: list[str] = []
    kept: list[list[int]] = []
    for k in range(n):
        if drop[k]:
            continue
        a = starts[k]
        b = a + len(lines[k]) + (1 if k + 1 < n else 0)
        segments = [(a, b)]
        if k in cuts:
            marks = [(a + s, a + e) for s, e in cuts[k]]
            segments = list(zip([a] + [e for _, e in marks], [s for s, _ in marks] + [b]))
        for s, e in segments:
            pieces.append(text[s:e])
            kept.append(offsets[s:e])
    out, out_offsets = "".join(pieces), list(chain.from_iterable(kept))
    out, out_offsets = _tidy(out, out_offsets)
    return out, out_offsets, meta


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


# -------------------------------------------------------------------- HTML

_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"))
_SILENT = frozenset(("script", "style", "noscript", "template", "iframe", "head", "title", "svg", "canvas",
                     "object", "embed", "select", "button"))
_DROP_TAGS = _SILENT | {"nav", "header", "footer", "aside", "form"}
_DROP_WORDS = ("nav", "menu", "footer", "header", "share", "print", "breadcrumb", "sidebar", "crumb", "toolbar")
_BODY_WORDS = ("content", "article", "zoom", "trs_editor", "text", "detail", "main")
_BLOCK = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                    "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "main", "address",
                    "figure", "figcaption", "center", "caption", "fieldset", "body", "html", "title"))
_SOFT = "\x1e"                          # a block boundary, resolved to at most one line break
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_BREAKS = re.compile(r"[ \n\x1e]*\x1e[ \n\x1e]*")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜| - | — | – )\s*")


class _Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unknown end tags are ignored, open p/li/td/tr close implicitly."""

    _IMPLIED: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {"p": ("p", ()), "li": ("li", ("ul", "ol")), "td": ("td th", ("tr", "table")),
                "th": ("td th", ("tr", "table")), "tr": ("tr", ("table",))}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._IMPLIED:
            closes, bounds = self._IMPLIED[tag]
            for k in range(len(self.stack) - 1, 0, -1):
                if self.stack[k].tag in bounds:
                    break
                if self.stack[k].tag in closes.split():
                    del self.stack[k:]
                    break
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _ident(node: _Node) -> str:
    return (node.attrs.get("id", "") + " " + node.attrs.get("class", "")).lower()


def _walk_nodes(root: _Node) -> list[tuple[_Node, int]]:
    """Elements in document order with their depth (iterative: pages nest deeply)."""
    out: list[tuple[_Node, int]] = []
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        out.append((node, depth))
        stack.extend((c, depth + 1) for c in reversed(node.children) if isinstance(c, _Node))
    return out


def _text_lengths(nodes: list[tuple[_Node, int]], skip: set[int]) -> dict[int, int]:
    """Non-space characters of visible text under each element, leaving out ``skip`` subtrees."""
    length: dict[int, int] = {}
    for node, _ in reversed(nodes):          # children before parents
        if id(node) in skip or node.tag in _SILENT:
            length[id(node)] = 0
            continue
        length[id(node)] = sum(length.get(id(c), 0) if isinstance(c, _Node) else len("".join(c.split()))
                               for c in node.children)
    return length


def _render(node: _Node, skip: set[int]) -> str:
    out: list[str] = []
    stack: list[tuple[_Node | str, bool, bool]] = [(node, False, False)]
    while stack:
        item, closing, pre = stack.pop()
        if isinstance(item, str):
            out.append(item if pre else _HTML_SPACE.sub(" ", item))
        elif closing:
            out.append(_SOFT)
        elif id(item) not in skip and item.tag not in _SILENT:
            if item.tag == "br":
                out.append("\n")
            elif item.tag == "tr":
                out.append(_SOFT + _row(item, skip) + _SOFT)
            else:
                if item.tag in _BLOCK:
                    out.append(_SOFT)
                    stack.append((item, True, pre))
                inner = pre or item.tag == "pre"
                stack.extend((c, False, inner) for c in reversed(item.children))
    text = _BREAKS.sub(lambda m: "\n\n" if m.group().count("\n") >= 2 else "\n", "".join(out))
    return "\n".join(line.strip(" ") for line in text.split("\n")).strip("\n")


def _row(tr: _Node, skip: set[int]) -> str:
    cells = [_render(c, skip) for c in tr.children
             if isinstance(c, _Node) and c.tag in ("td", "th") and id(c) not in skip]
    cells = [c for c in cells if c.strip()]
    return " | ".join(cells) if len(cells) > 1 and not any("\n" in c for c in cells) else "\n".join(cells)


def _is_meta_line(line: str) -> bool:
    fields = _meta_fields(_pattern("fragment").sub("", normalise(line)[0]))
    return bool(fields) and any(kind in ("published", "source") and value for kind, value in fields or ())


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: the article body, one block per line.

    Drops scripts, styles, navigation, headers, footers, forms and elements
    whose id/class names a menu, share bar or breadcrumb; prefers the element
    that is obviously the article (id/class with content, article, zoom,
    TRS_Editor, text, detail, main) and puts the page's <h1>/<title> first
    when the body lacks it, followed by the page's date and source lines
    (which ``strip_clutter`` turns into metadata). Uses only the standard library's parser; nothing
    in the page is executed.

    >>> html_to_text("<title>报告_某某网</title><nav>首页</nav><div class='content'><p>一、成效</p></div>")
    '报告\\n一、成效'
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    nodes = _walk_nodes(builder.root)
    raw = _text_lengths(nodes, set())
    total = raw[id(builder.root)] or 1
    skip: set[int] = set()
    for node, _ in nodes:
        if node.tag in _SILENT:
            skip.add(id(node))
        elif node.tag not in ("html", "body", "#root") and raw[id(node)] < 0.5 * total and (
                node.tag in _DROP_TAGS or "hidden" in node.attrs
                or re.search(r"display\s*:\s*none", node.attrs.get("style", ""), re.IGNORECASE)
                or any(w in _ident(node) for w in _DROP_WORDS)):
            skip.add(id(node))               # never drop what holds most of the page's text
    shown = _text_lengths(nodes, skip)
    inside_skip: set[int] = set()
    for node, _ in nodes:
        if id(node) in skip or (node.parent is not None and id(node.parent) in inside_skip):
            inside_skip.add(id(node))
    candidates = [(shown[id(n)], depth, n) for n, depth in nodes if id(n) not in inside_skip
                  and (n.tag in ("article", "main") or any(w in _ident(n) for w in _BODY_WORDS))]
    body = builder.root
    best = max((c[0] for c in candidates), default=0)
    if best and best >= 0.25 * shown[id(builder.root)]:
        body = max((c for c in candidates if c[0] >= 0.7 * best), key=lambda c: c[1])[2]
    text = _render(body, skip)
    if body is not builder.root:                 # keep the page's date and source lines for the metadata
        info = [line for line in _render(builder.root, skip).split("\n")[:40] if _is_meta_line(line)]
        text = "\n".join([line for line in info if line not in text] + [text])
    heading = next((n for n, _ in nodes if n.tag == "h1" and _render(n, set()).strip()), None)
    title = _render(heading, set()) if heading else ""
    if not title:
        page_title = next((n for n, _ in nodes if n.tag == "title"), None)
        if page_title:
            words = "".join(c for c in page_title.children if isinstance(c, str)).split()
            parts = _TITLE_SPLIT.split(" ".join(words))
            title = next((p for p in parts if p.strip()), "")
    title = " ".join(title.split())
    if title and "".join(title.split()) not in "".join(text.split()):
        text = title + "\n" + text if text else title
    return text


# ----------------------------------------------------------------- loading

def from_text(original: str, source: str = "<text>", *, encoding: str = "utf-8", format: str = "text",
              meta: dict[str, str] | None = None) -> SourceText:
    """A ``SourceText`` from a decoded string: normalise, strip clutter, keep offsets.

    ``meta`` (fields a corpus line gives) wins over what the page header says.

    >>> from_text("会议 1 次", "memo").text
    '会议1次'
    """
    if not original.strip():
        raise InputError(source, "the text is empty", "give the report's text")
    text, offsets = normalise(original)
    text, offsets, found = strip_clutter(text, offsets)
    if not text:
        raise InputError(source, "holds only page furniture (menus, share buttons), no report text",
                         "check that the page's article was saved")
    return SourceText(source, text, original, offsets, encoding, format, {**found, **(meta or {})})


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(source, "permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder, not a file", "use iter_inputs to read a folder") from None
    except OSError as err:
        raise InputError(source, f"cannot be read ({err.strerror or err})", "check the path") from None


def _pdf_text(data: bytes, source: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source, "is an encrypted PDF", "remove its password and try again")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001  (pypdf raises many kinds on damaged files)
        raise InputError(source, f"is not a readable PDF ({type(err).__name__}: {err})",
                         "check that the file is a complete PDF") from None
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError(source, "has no extractable text: it may be a scanned image",
                         "run OCR on it first, or give the report as text")
    return text


def _docx_text(data: bytes, source: str) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_rows(block))
            else:
                lines.append(block.text)
    except Exception as err:  # noqa: BLE001  (python-docx raises zip, XML and key errors)
        raise InputError(source, f"is not a readable .docx file ({type(err).__name__}: {err})",
                         "open it in a word processor and save it again as .docx") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(source, "the file is empty", "the document has no paragraphs or table text")
    return text


def _table_rows(table: object) -> list[str]:
    rows: list[str] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:              # merged cells repeat
                seen.add(id(cell._tc))
                cells.append(cell.text.strip())
        cells = [c for c in cells if c]
        if len(cells) > 1 and not any("\n" in c for c in cells):
            rows.append(" | ".join(cells))
        else:
            rows.extend(cells)
    return rows


def load_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one report file by its extension: text (.txt/.text/.md/none), HTML, PDF or .docx.

    >>> load_source("report.gbk.txt").encoding          # doctest: +SKIP
    'gb18030'
    """
    source = os.fspath(path)
    file = Path(source)
    if not file.exists():
        raise InputError(source, "no such file", "check the path")
    if file.is_dir():
        raise InputError(source, "is a folder, not a file", "use iter_inputs to read a folder")
    ext = file.suffix.lower()
    if ext == ".doc":
        raise InputError(source, "is a .doc file (Word 97-2003), which is not supported",
                         "save it as .docx or PDF; " + _SUPPORTED_HINT)
    if ext == CORPUS_EXTENSION:
        raise InputError(source, "is a JSON Lines corpus, not one report", "use iter_jsonl or iter_inputs")
    if ext and ext not in SUPPORTED_EXTENSIONS:
        raise InputError(source, f"has an unsupported extension {ext!r}", _SUPPORTED_HINT)
    data = _read_bytes(file, source)
    if ext == ".pdf":
        return from_text(_pdf_text(data, source), source, encoding="n/a", format="pdf")
    if ext == ".docx":
        return from_text(_docx_text(data, source), source, encoding="n/a", format="docx")
    text, encoding = decode_bytes(data, source)
    if ext in HTML_EXTENSIONS:
        body = html_to_text(text)
        if not body.strip():
            raise InputError(source, "the page has no text", "check that the page's article was saved")
        return from_text(body, source, encoding=encoding, format="html")
    return from_text(text, source, encoding=encoding, format="text")


def _looks_like_html(content: str) -> bool:
    return bool(re.match(r"\s*<(?:[a-zA-Z]|!--|!doctype)", content, re.IGNORECASE))


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[SourceText | InputError]:
    """Yield one ``SourceText`` per line of a JSON Lines corpus (its ``content`` field).

    ``title``, ``year``, ``url``, ``province`` and ``published`` are copied into
    ``meta`` as strings; ``source`` is ``"path:line"``. A bad line yields an
    ``InputError`` naming file and line, and reading goes on.
    """
    name = os.fspath(path)
    try:
        whole, encoding = decode_bytes(_read_bytes(Path(name), name), name)
    except InputError as err:
        yield err
        return
    for lineno, line in enumerate(whole.split("\n"), 1):
        if not line.strip():
            continue
        source = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(source, f"line {lineno} is not valid JSON ({err.msg}, column {err.colno})",
                             "fix or remove that line")
            continue
        content = record.get("content") if isinstance(record, dict) else None
        if not isinstance(content, str):
            yield InputError(source, f"line {lineno} has no \"content\" text",
                             "each line needs a \"content\" field with the report's text")
            continue
        if not content.strip():
            yield InputError(source, f"line {lineno} has an empty \"content\"", "give the report's text")
            continue
        meta = {k: str(record[k]) for k in META_FIELDS if record.get(k) not in (None, "")}
        is_html = _looks_like_html(content)
        try:
            yield from_text(html_to_text(content) if is_html else content, source, encoding=encoding,
                            format="html" if is_html else "text", meta=meta)
        except InputError as err:
            yield err


def _walk(folder: str, errors: list[InputError]) -> list[str]:
    wanted = set(SUPPORTED_EXTENSIONS) | {CORPUS_EXTENSION, ".doc"}
    found: list[str] = []

    def failed(err: OSError) -> None:
        errors.append(InputError(str(err.filename), f"cannot be read ({err.strerror})", "check its permissions"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=failed):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(os.path.join(dirpath, f) for f in filenames
                     if not f.startswith(".") and os.path.splitext(f)[1].lower() in wanted)
    return sorted(found)


def _iter_file(name: str) -> Iterator[SourceText | InputError]:
    if name.lower().endswith(CORPUS_EXTENSION):
        yield from iter_jsonl(name)
        return
    try:
        yield load_source(name)
    except InputError as err:
        yield err


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[SourceText | InputError]:
    """Yield a ``SourceText`` (or the ``InputError`` of a bad input) for every report in ``paths``.

    Files, folders (recursively, supported extensions, sorted) and .jsonl
    corpora; nothing is raised for one bad input.

    >>> [type(x).__name__ for x in iter_inputs(["missing.txt"])]
    ['InputError']
    """
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            errors: list[InputError] = []
            found = _walk(name, errors)
            yield from errors
            for file in found:
                yield from _iter_file(file)
        elif not os.path.exists(name):
            yield InputError(name, "no such file or folder", "check the path")
        else:
            yield from _iter_file(name)
