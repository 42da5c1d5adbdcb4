"""Reading report files: bytes from disk, text out of PDF and .docx."""
from __future__ import annotations

import io
from pathlib import Path

from kg.errors import InputError


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes; an InputError naming ``source`` when it cannot be read."""
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(source, "permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder, not a file", "use iter_inputs to read a folder") from None
    except OSError as err:
        raise InputError(source, f"cannot be read ({err.strerror or err})", "check the path") from None


def pdf_text(data: bytes, source: str) -> str:
    """The text layer of a PDF, page by page (a scanned PDF without one is refused)."""
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


def docx_text(data: bytes, source: str) -> str:
    """Paragraphs and table rows of a .docx, in document order."""
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
