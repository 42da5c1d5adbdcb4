"""One jieba tokenizer for the whole process, taught the genre's words from kg/lexicon.

Extraction asks it two things: where word boundaries fall inside a short
window, and the dictionary part of speech of a word (a table look-up, not
jieba's slow HMM tagger). jieba's start-up chatter goes nowhere near stdout.

>>> words("县税务局挂牌成立调解室")[:3]
['县', '税务局', '挂牌成立']
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache

from kg import lexicon

_lock = threading.Lock()
_tokenizer = None
_tags: dict[str, str] = {}

# Tags of words that end a name when met walking left or right from a unit suffix.
BREAK_TAGS = {"v", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "y", "e", "o", "m", "q", "f", "t", "ad", "vd"}


def tokenizer():
    """The shared jieba.Tokenizer, initialised once with the genre's user words."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba
                import jieba.posseg

                jieba.setLogLevel(logging.ERROR)
                logging.getLogger("jieba").setLevel(logging.ERROR)
                tok = jieba.Tokenizer()
                tok.initialize()
                _tags.update(jieba.posseg.dt.word_tag_tab)
                for line in lexicon.words("user_words.txt"):
                    word, _, pos = line.partition(" ")   # an optional part of speech after the word
                    tok.add_word(word, freq=2000)
                    if pos:
                        _tags[word] = pos
                _tokenizer = tok
    return _tokenizer


@lru_cache(maxsize=65536)
def words(text: str) -> list[str]:
    """Words of a short text (dictionary only, no HMM guessing of new words)."""
    return list(tokenizer().cut(text, HMM=False))


@lru_cache(maxsize=16384)
def boundaries(text: str) -> frozenset[int]:
    """Offsets between jieba's words of ``text``, 0 and ``len(text)`` included (建设|用地, not 建|设用地)."""
    out, pos = {0}, 0
    for word in words(text):
        pos += len(word)
        out.add(pos)
    return frozenset(out)


def tag(word: str) -> str | None:
    """jieba's dictionary part of speech of ``word`` (None when unknown)."""
    tokenizer()
    return _tags.get(word)
