"""Inputs → ``SourceText``: single files by extension, folders, and JSON Lines corpora."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.ingest.clutter import strip_clutter
from kg.ingest.decode import decode_bytes
from kg.ingest.formats import docx_text, pdf_text, read_bytes
from kg.ingest.limits import DEFAULT, Limits, megabytes
from kg.ingest.normalise import normalise
from kg.ingest.pages import html_to_text
from kg.records import SourceText

TEXT_EXTENSIONS = (".txt", ".text", ".md")
HTML_EXTENSIONS = (".html", ".htm", ".shtml")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + (".pdf", ".docx")
CORPUS_EXTENSION = ".jsonl"
META_FIELDS = ("title", "year", "url", "province", "published")
SUPPORTED_HINT = "supported: " + ", ".join(SUPPORTED_EXTENSIONS) + ", no extension, or a .jsonl corpus"


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


def shown_name(name: str) -> str:
    """A file name as text that can be printed and stored: bytes that are not UTF-8 become ``\\xNN``.

    A name from an archive made on a Chinese Windows machine is often GBK
    bytes; Python hands it over with lone surrogates that no UTF-8 output takes.

    >>> shown_name(os.fsdecode(b"a\\xb1\\xa8.txt"))
    'a\\\\xb1\\\\xa8.txt'
    """
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    # a line break in a name would break the one line a message gets
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\u0100" else f"\\u{ord(m.group()):04x}",
                        text)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _is_text(value: str) -> bool:
    """False for a string holding lone surrogates (JSON allows "\\ud800"; UTF-8 does not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_source(path: str | os.PathLike[str], limits: Limits = DEFAULT) -> SourceText:
    """Read one report file by its extension: text (.txt/.text/.md/none), HTML, PDF or .docx.

    The file may hold at most ``limits.report_bytes``, checked before reading it.

    >>> load_source("report.gbk.txt").encoding          # doctest: +SKIP
    'gb18030'
    """
    file = Path(os.fspath(path))
    source = shown_name(os.fspath(path))
    if not file.exists():
        raise InputError(source, "no such file", "check the path")
    if file.is_dir():
        raise InputError(source, "is a folder, not a file", "use iter_inputs to read a folder")
    ext = file.suffix.lower()
    if ext == ".doc":
        raise InputError(source, "is a .doc file (Word 97-2003), which is not supported",
                         "save it as .docx or PDF; " + SUPPORTED_HINT)
    if ext == CORPUS_EXTENSION:
        raise InputError(source, "is a JSON Lines corpus, not one report", "use iter_jsonl or iter_inputs")
    if ext and ext not in SUPPORTED_EXTENSIONS:
        raise InputError(source, f"has an unsupported extension {ext!r}", SUPPORTED_HINT)
    data = read_bytes(file, source, limits.report_bytes)
    if ext == ".pdf":
        return from_text(pdf_text(data, source, limits), source, encoding="n/a", format="pdf")
    if ext == ".docx":
        return from_text(docx_text(data, source, limits), source, encoding="n/a", format="docx")
    text, encoding = decode_bytes(data, source)
    if ext in HTML_EXTENSIONS:
        body = html_to_text(text)
        if not body.strip():
            raise InputError(source, "the page has no text", "check that the page's article was saved")
        return from_text(body, source, encoding=encoding, format="html")
    return from_text(text, source, encoding=encoding, format="text")


def _looks_like_html(content: str) -> bool:
    return bool(re.match(r"\s*<(?:[a-zA-Z]|!--|!doctype)", content, re.IGNORECASE))


@dataclass(frozen=True)
class Pending:
    """One report found but not yet read: a file to load, or a corpus line's ``content``.

    Finding inputs is cheap and stays in the calling process; ``load`` (decode,
    HTML, normalise, clutter) is the costly part and can run in a worker.
    """

    source: str
    path: str | None = None
    content: str = ""
    encoding: str = "utf-8"
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Roughly how many characters the report holds (to hand out the largest first)."""
        if self.path is None:
            return len(self.content)
        try:
            return os.path.getsize(self.path) // 3  # a CJK character is three bytes of UTF-8
        except OSError:
            return 0

    def load(self, limits: Limits = DEFAULT) -> SourceText:
        """The ``SourceText``; raises ``InputError`` when the input cannot be read."""
        if self.path is not None:
            return load_source(self.path, limits)
        is_html = _looks_like_html(self.content)
        return from_text(html_to_text(self.content) if is_html else self.content, self.source,
                         encoding=self.encoding, format="html" if is_html else "text", meta=self.meta)


def _loaded(items: Iterable[Pending | InputError]) -> Iterator[SourceText | InputError]:
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield item.load()
        except InputError as err:
            yield err


def _line_error(source: str, lineno: int, line: str, limits: Limits) -> InputError | None:
    """Why a corpus line cannot be a report before it is parsed (too large), or None."""
    if len(line) * 3 > limits.report_bytes and len(line.encode("utf-8", "surrogatepass")) > limits.report_bytes:
        return InputError(source, f"line {lineno} is larger than the {megabytes(limits.report_bytes)} limit "
                          "for one report", "raise it with --max-report-mb if the report is meant to be that large")
    return None


def _parse_line(source: str, lineno: int, line: str) -> object | InputError:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        return InputError(source, f"line {lineno} is not valid JSON ({err.msg}, column {err.colno})",
                          "fix or remove that line")
    except RecursionError:
        return InputError(source, f"line {lineno} nests JSON arrays or objects too deeply",
                          "each line should be one flat object with a \"content\" field")


def _jsonl_lines(path: str | os.PathLike[str], limits: Limits = DEFAULT) -> Iterator[Pending | InputError]:
    name = shown_name(os.fspath(path))
    try:
        data = read_bytes(Path(os.fspath(path)), name, limits.corpus_bytes, "--max-corpus-mb", "the corpus file")
        whole, encoding = decode_bytes(data, name)
    except InputError as err:
        yield err
        return
    del data
    for lineno, line in enumerate(whole.split("\n"), 1):
        if not line.strip():
            continue
        source = f"{name}:{lineno}"
        record = _line_error(source, lineno, line, limits) or _parse_line(source, lineno, line)
        if isinstance(record, InputError):
            yield record
            continue
        content = record.get("content") if isinstance(record, dict) else None
        if not isinstance(content, str):
            yield InputError(source, f"line {lineno} has no \"content\" text",
                             "each line needs a \"content\" field with the report's text")
            continue
        if not content.strip():
            yield InputError(source, f"line {lineno} has an empty \"content\"", "give the report's text")
            continue
        assert isinstance(record, dict)  # it holds a "content" text
        meta = {k: str(record[k]) for k in META_FIELDS
                if isinstance(record.get(k), (str, int, float)) and record.get(k) != ""}
        if not all(map(_is_text, [content, *meta.values()])):
            yield InputError(source, f"line {lineno} holds a lone surrogate escape (such as \\ud800), "
                             "which is not text", "fix the program that wrote the corpus")
            continue
        yield Pending(source, content=content, encoding=encoding, meta=meta)


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[SourceText | InputError]:
    """Yield one ``SourceText`` per line of a JSON Lines corpus (its ``content`` field).

    ``title``, ``year``, ``url``, ``province`` and ``published`` are copied into
    ``meta`` as strings; ``source`` is ``"path:line"``. A bad line yields an
    ``InputError`` naming file and line, and reading goes on.
    """
    return _loaded(_jsonl_lines(path))


def _walk(folder: str, errors: list[InputError]) -> list[str]:
    wanted = set(SUPPORTED_EXTENSIONS) | {CORPUS_EXTENSION, ".doc"}
    found: list[str] = []

    def failed(err: OSError) -> None:
        errors.append(InputError(shown_name(str(err.filename)), f"cannot be read ({err.strerror})", "check its permissions"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=failed):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(os.path.join(dirpath, f) for f in filenames
                     if not f.startswith(".") and os.path.splitext(f)[1].lower() in wanted)
    return sorted(found)


def _file(name: str, limits: Limits) -> Iterator[Pending | InputError]:
    if name.lower().endswith(CORPUS_EXTENSION):
        yield from _jsonl_lines(name, limits)
    else:
        yield Pending(shown_name(name), path=name)


def iter_pending(paths: Iterable[str | os.PathLike[str]], limits: Limits = DEFAULT) -> Iterator[Pending | InputError]:
    """Every report in ``paths`` as a ``Pending`` to load, or the ``InputError`` of what cannot be found.

    Files, folders (recursively, supported extensions, sorted) and .jsonl
    corpora (read and split into lines here; each line's text is loaded later).
    """
    for path in paths:
        name = os.fspath(path)
        if os.path.isdir(name):
            errors: list[InputError] = []
            found = _walk(name, errors)
            yield from errors
            for file in found:
                yield from _file(file, limits)
        elif not os.path.exists(name):
            yield InputError(shown_name(name), "no such file or folder", "check the path")
        else:
            yield from _file(name, limits)


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[SourceText | InputError]:
    """Yield a ``SourceText`` (or the ``InputError`` of a bad input) for every report in ``paths``.

    Files, folders (recursively, supported extensions, sorted) and .jsonl
    corpora; nothing is raised for one bad input.

    >>> [type(x).__name__ for x in iter_inputs(["missing.txt"])]
    ['InputError']
    """
    return _loaded(iter_pending(paths))
