"""Reading an endpoint's answer without holding it whole: a capped byte stream, a streaming JSON parser.

A SPARQL results JSON document is read binding by binding, so that
``--limit 5`` reads five bindings (and one more) and hangs up, and no answer
costs more memory than its rows kept. Every byte counts against a cap.
"""
from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from kg.errors import QueryError, StoreError

CHUNK = 64 * 1024
_SPACE = re.compile(r"[ \t\r\n]*")


def capped_chunks(response: Any, max_bytes: int, where: str) -> Iterator[bytes]:
    """The body's bytes as they arrive (``read1``: never waits for a full buffer); more than ``max_bytes`` fails."""
    seen = 0
    read = getattr(response, "read1", None) or response.read
    try:
        while True:
            chunk = read(CHUNK)
            if not chunk:
                return
            seen += len(chunk)
            if seen > max_bytes:
                raise QueryError(f"{where} answered with more than {max_bytes / 2**20:,.0f} MB; narrow the "
                                 "query (--param, --limit, a LIMIT clause) or raise --max-response-mb")
            yield chunk
    finally:  # also when the reader stops early (--limit): hang up instead of reading the rest
        response.close()


class ChunkFile(io.RawIOBase):
    """A file-like view of the chunks, for parsers that read a file (N-Triples)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks, self.rest = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.rest:
            self.rest = next(self.chunks, b"")
        size = min(len(buffer), len(self.rest))
        buffer[:size] = self.rest[:size]
        self.rest = self.rest[size:]
        return size


class _Text:
    """JSON values read one at a time from a stream of UTF-8 chunks."""

    def __init__(self, chunks: Iterator[bytes], where: str, ctype: str) -> None:
        self.chunks, self.where, self.ctype = chunks, where, ctype
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.buf, self.pos = "", 0
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        chunk = next(self.chunks, None)
        if chunk is None:
            return False
        try:
            text = self.utf8.decode(chunk)
        except UnicodeDecodeError:
            raise StoreError(f"{self.where} answered with {self.ctype} that is not UTF-8, "
                             "not SPARQL results JSON") from None
        self.buf, self.pos = self.buf[self.pos:] + text, 0
        return True

    def _bad(self) -> StoreError:
        return StoreError(f"{self.where} answered with {self.ctype}, not SPARQL results JSON")

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self._bad()
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value; more chunks are read (doubling the text held) until it is whole."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                wanted = 2 * (len(self.buf) - self.pos) + CHUNK
                grew = False
                while len(self.buf) - self.pos < wanted and self._more():
                    grew = True
                if not grew:
                    raise self._bad() from None
                continue
            except RecursionError:
                raise self._bad() from None
            self.pos = end
            return value

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here, each followed by reading its value."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self._bad()
            self.expect(":")
            yield key
            sep = self.peek()
            self.pos += 1
            if sep == "}":
                return
            if sep != ",":
                raise self._bad()

    def items(self) -> Iterator[Any]:
        """The values of the array that starts here, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            sep = self.peek()
            self.pos += 1
            if sep == "]":
                return
            if sep != ",":
                raise self._bad()


def json_results(chunks: Iterator[bytes], where: str, ctype: str) -> tuple[list[str] | None, bool | None, Iterator[dict]]:
    """(variables, boolean, bindings) of a SPARQL results JSON stream; bindings are read as they are taken.

    When the bindings come before the head (allowed, rarely done) they are read
    whole first, to learn the variables.
    """
    text = _Text(chunks, where, ctype)
    names: list[str] | None = None
    early: list[dict] | None = None
    keys = text.members()
    for key in keys:
        if key == "head":
            head = text.value()
            names = [str(v) for v in head.get("vars", [])] if isinstance(head, dict) else []
            if early is not None:
                break
        elif key == "boolean":
            return None, bool(text.value()), iter(())
        elif key == "results":
            for inner in text.members():
                if inner != "bindings":
                    text.value()
                    continue
                if names is not None:
                    return names, None, _rest(text.items(), text)
                early = list(text.items())
        else:
            text.value()
    return names or [], None, iter(early or [])


def _rest(bindings: Iterator[Any], text: _Text) -> Iterator[dict]:
    for binding in bindings:
        if not isinstance(binding, dict):
            raise text._bad()
        yield binding
