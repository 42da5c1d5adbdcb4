"""Text normalisation that keeps, for every output character, its offset in the input."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import chain

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
    if run == " " and _spaced_digit(text, start - 1, end):
        return ""                      # "1 9 9 7 年", "2 .5 亿": type set with a space after every digit
    return None


def _spaced_digit(text: str, left: int, right: int) -> bool:
    """True when ``text[left]`` and ``text[right]`` are digits (or a point before a digit) standing alone."""
    def lone_digit(i: int, step: int) -> bool:
        j = i + step
        return text[i].isdigit() and not (0 <= j < len(text) and text[j].isdigit())

    if right >= len(text) or not lone_digit(left, -1):
        return False
    if text[right] == "." and right + 1 < len(text):
        return text[right + 1].isdigit()
    return lone_digit(right, 1)


def _fix_blank(m: re.Match[str]) -> str:
    start, end = m.span()
    return "" if start == 0 or end == len(m.string) else "\n\n"


def tidy(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    text, offsets = _rewrite(text, offsets, _SPACES_OR_CR, _fix_space)
    return _rewrite(text, offsets, _BLANK_RUNS, _fix_blank)


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalise text; returns ``(normalised, offsets)``, ``offsets[i]`` the index in ``text`` of character i.

    Per character NFKC (（），：０-９ → (),:0-9; 。、“”《》 stay), ideographic
    and no-break spaces and tabs → space, zero-width characters and stray
    controls dropped, CRLF/CR → LF, spaces at line ends stripped, 3+ blank
    lines → one, 1–2 spaces between Chinese characters (or one and a digit or
    half-width punctuation) removed, spaces between lone digits ("1 9 9 7") removed, 3+ spaces inside a line (columns side by side) → a line break.

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
    return tidy(text, offsets)
