"""How much one input may hold: sizes checked before reading it all, so no input can exhaust memory.

Every limit has a command-line option to raise it (see ``kg build --help``).
The defaults are far above any real work report (the largest of the shared
corpora is well under 1 MB) and far below what would take a machine down.
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits for one build; the option named in each message raises it."""

    report_bytes: int = 16 * MB       # one report file, or one corpus line's text (--max-report-mb)
    corpus_bytes: int = 2048 * MB     # one .jsonl corpus file (--max-corpus-mb)
    expanded_bytes: int = 128 * MB    # the unpacked XML of a .docx, or the text of a PDF (--max-expanded-mb)
    sentence_chars: int = 1000        # longer runs without a sentence end are cut into pieces (--max-sentence)


DEFAULT = Limits()


def megabytes(size: int) -> str:
    """``size`` bytes as megabytes, for messages."""
    return f"{size / MB:,.1f} MB"
