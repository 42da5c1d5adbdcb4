"""Reading report files: bytes from disk, text out of PDF and .docx."""
from __future__ import annotations

import io
import logging
import stat
import warnings
import zipfile
from pathlib import Path

from kg.errors import InputError
from kg.ingest.limits import DEFAULT, Limits, megabytes


def _too_large(source: str, what: str, size: int | None, limit: int, option: str) -> InputError:
    found = f" ({megabytes(size)})" if size is not None else ""
    return InputError(source, f"{what} is larger than the {megabytes(limit)} limit{found}",
                      f"raise it with {option} if this input is meant to be that large")


def read_bytes(path: Path, source: str, limit: int = DEFAULT.report_bytes,
               option: str = "--max-report-mb", what: str = "the file") -> bytes:
    """The file's bytes, at most ``limit`` of them; an InputError naming ``source`` when it cannot be read.

    A regular file's size is checked before reading; anything else (a device,
    a pipe) is read only up to the limit, so ``/dev/zero`` cannot fill memory.
    """
    try:
        info = path.stat()
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limit:
                raise _too_large(source, what, info.st_size, limit, option)
            data = path.read_bytes()
        else:
            with path.open("rb") as fh:
                data = fh.read(limit + 1)
        if len(data) > limit:
            raise _too_large(source, what, None, limit, option)
        return data
    except PermissionError:
        raise InputError(source, "permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder, not a file", "use iter_inputs to read a folder") from None
    except OSError as err:
        raise InputError(source, f"cannot be read ({err.strerror or err})", "check the path") from None


def pdf_text(data: bytes, source: str, limits: Limits = DEFAULT) -> str:
    """The text layer of a PDF, page by page (a scanned PDF without one is refused).

    pypdf's own warnings about damaged files are silenced: the one line govkg
    prints says what matters. Text beyond ``limits.expanded_bytes`` is refused.
    """
    from pypdf import PdfReader

    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(source, "is an encrypted PDF", "remove its password and try again")
            pages, size = [], 0
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                size += len(pages[-1].encode("utf-8", "surrogatepass"))
                if size > limits.expanded_bytes:
                    raise _too_large(source, "the PDF's text", None, limits.expanded_bytes, "--max-expanded-mb")
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001  (pypdf raises many kinds on damaged files)
        raise InputError(source, f"is not a readable PDF ({type(err).__name__}: {_first_line(err)})",
                         "check that the file is a complete PDF") from None
    finally:
        logger.setLevel(level)
        logger.propagate = propagate
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError(source, "has no extractable text: it may be a scanned image",
                         "run OCR on it first, or give the report as text")
    return text


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [""])[0][:300]


def _check_expanded(data: bytes, source: str, limit: int) -> None:
    """Refuse a .docx whose parts unpack to more than ``limit`` bytes, before unpacking any.

    The sizes come from the zip directory; Python's zipfile never inflates a
    member beyond the size declared there, so a lying header cannot get past.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as err:
        raise InputError(source, f"is not a readable .docx file (not a zip archive: {_first_line(err)})",
                         "open it in a word processor and save it again as .docx") from None
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limit:
            raise _too_large(source, f"its part {member.filename!r}", member.file_size, limit,
                             "--max-expanded-mb")
    if total > limit:
        raise _too_large(source, "the unpacked document", total, limit, "--max-expanded-mb")


def docx_text(data: bytes, source: str, limits: Limits = DEFAULT) -> str:
    """Paragraphs and table rows of a .docx, in document order (its unpacked size checked first)."""
    import docx
    from docx.table import Table

    _check_expanded(data, source, limits.expanded_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_rows(block))
            else:
                lines.append(block.text)
    except Exception as err:  # noqa: BLE001  (python-docx raises zip, XML and key errors)
        raise InputError(source, f"is not a readable .docx file ({type(err).__name__}: {_first_line(err)})",
                         "open it in a word processor and save it again as .docx") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(source, "the file is empty", "the document has no paragraphs or table text")
    return text


def _table_rows(table: object) -> list[str]:
    """One line per row, cells joined by " | " (a merged cell once); long cells on lines of their own."""
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
