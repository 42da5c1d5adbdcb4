"""Ingest: any input → ``SourceText`` (decoded, normalised, page clutter gone, offsets kept).

Text, HTML, PDF and .docx files, folders of them and JSON Lines corpora become
``SourceText`` records whose ``offsets`` map every character of the cleaned
text back to the decoded original, so spans found later can be shown in place.

One job per module: ``decode`` (bytes → text), ``normalise``, ``clutter``
(page furniture), ``pages`` (HTML → text), ``formats`` (PDF, .docx) and
``load`` (files, folders, corpora).

>>> st = from_text("当前位置:首页 > 通知公告\\n发布日期:2025-03-24\\n召开会议 1 次。")
>>> st.text, st.meta["published"]
('召开会议1次。', '2025-03-24')
>>> st.original[slice(*st.original_span(0, 4))]
'召开会议'
"""
from __future__ import annotations

from kg.ingest.clutter import strip_clutter
from kg.ingest.decode import decode_bytes
from kg.ingest.load import (
    CORPUS_EXTENSION,
    SUPPORTED_EXTENSIONS,
    SUPPORTED_HINT,
    Pending,
    from_text,
    iter_inputs,
    iter_jsonl,
    iter_pending,
    load_source,
)
from kg.ingest.normalise import normalise
from kg.ingest.pages import html_to_text

__all__ = [
    "CORPUS_EXTENSION", "SUPPORTED_EXTENSIONS", "SUPPORTED_HINT", "Pending", "decode_bytes", "from_text", "html_to_text",
    "iter_inputs", "iter_jsonl", "iter_pending", "load_source", "normalise", "strip_clutter",
]
