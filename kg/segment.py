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
from math import log

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
                tok = _tight_tokenizer(jieba.Tokenizer)()
                tok.initialize()
                for word in lexicon.words("user_words.txt"):
                    tok.add_word(word, freq=2000)
                _tags.update(jieba.posseg.dt.word_tag_tab)
                _tokenizer = tok
    return _tokenizer


def _tight_tokenizer(base: type) -> type:
    """jieba's Tokenizer with its two hot loops (get_DAG, calc) written with local look-ups and no
    generator: the same DAG and the same route (max keeps the first best; x differs in every pair)."""

    class Tight(base):  # type: ignore[valid-type,misc]
        def get_DAG(self, sentence: str) -> dict[int, list[int]]:
            self.check_initialized()
            get = self.FREQ.get   # values are counts: None only for a fragment no word starts with
            dag: dict[int, list[int]] = {}
            n = len(sentence)
            for k in range(n):
                ends = []
                i, frag = k, sentence[k]
                while i < n:
                    freq = get(frag)
                    if freq is None:
                        break
                    if freq:
                        ends.append(i)
                    i += 1
                    frag = sentence[k:i + 1]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, dag: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
            n = len(sentence)
            route[n] = (0, 0)
            logtotal = log(self.total)
            get = self.FREQ.get
            for idx in range(n - 1, -1, -1):
                best = None
                for x in dag[idx]:
                    cand = (log(get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                    if best is None or cand > best:
                        best = cand
                route[idx] = best  # type: ignore[assignment]

    return Tight


@lru_cache(maxsize=65536)
def words(text: str) -> list[str]:
    """Words of a short text (dictionary only, no HMM guessing of new words)."""
    return list(tokenizer().cut(text, HMM=False))


def tag(word: str) -> str | None:
    """jieba's dictionary part of speech of ``word`` (None when unknown)."""
    tokenizer()
    return _tags.get(word)
