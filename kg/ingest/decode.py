"""Bytes → text: BOMs, UTF-8, GB18030 and BOM-less UTF-16 told apart, binary refused."""
from __future__ import annotations

import codecs
import re

from kg.errors import InputError

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
    """Byte-order mark first, then NUL bytes (UTF-16 without a BOM), then UTF-8, then GB18030."""
    found = _with_bom(data, source)
    if found is None and b"\x00" in data and not _stray_nuls(data):
        found = _utf16_without_bom(data, source)
    if found is None:
        found = _utf8(data, source)
    if found is None:
        found = _gb18030(data, source)
    return found


def _stray_nuls(data: bytes) -> bool:
    """A few NUL bytes in otherwise valid UTF-8 (a damaged line of a corpus): text, not UTF-16 or binary.

    Normalising drops them with the other control characters; a JSONL line
    holding one is that line's error, and the file's other lines are read.
    """
    if data.count(0) > max(4, len(data) // 100):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _with_bom(data: bytes, source: str) -> tuple[str, str] | None:
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
    return None


def _utf16_without_bom(data: bytes, source: str) -> tuple[str, str]:
    """The byte order whose NULs fall where ASCII's high bytes would; binary when neither reads as text."""
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


def _utf8(data: bytes, source: str) -> tuple[str, str] | None:
    """UTF-8, or None when the bytes are another encoding (damaged UTF-8 is an error, not GBK)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if _mostly_utf8(data):
            raise InputError(source, f"is not valid UTF-8 (bad byte at offset {err.start})",
                             "the file may be truncated or damaged; save it again as UTF-8") from None
        return None
    if _looks_binary(text):
        raise InputError(source, "is mostly control bytes: it looks like a binary file, not text", _BINARY_HINT)
    return text, "utf-8"


def _gb18030(data: bytes, source: str) -> tuple[str, str]:
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
