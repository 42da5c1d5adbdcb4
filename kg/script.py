"""Traditional → simplified folding of Chinese script, for identity and matching only:
labels stay as written (財政部 is labelled 財政部 and is one node with 财政部).

OpenCC's ``t2s`` conversion (the ``opencc`` package on PyPI: maintained, a compiled
converter with the dictionaries inside the wheel, no download at run time).

>>> to_simplified("財政部")
'财政部'
"""
from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_converter = None


def _t2s():
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """``text`` in simplified characters; unchanged when it is already simplified or has no Chinese."""
    if text.isascii():
        return text
    return _t2s().convert(text)


@lru_cache(maxsize=8)   # each sentence is folded by more than one step (organisations, metrics)
def fold_same_length(text: str) -> str:
    """``text`` folded to simplified characters when that keeps every offset, else ``text``.

    Extraction reads the folded text and takes labels from the original at the same
    offsets; a conversion that changes the length (rare phrase rewrites) is not used.
    """
    folded = _t2s().convert(text) if not text.isascii() else text
    return folded if len(folded) == len(text) else text
