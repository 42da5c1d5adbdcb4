"""One jieba tokenizer for the whole process, taught the genre's words from kg/lexicon.

Extraction asks it two things: where word boundaries fall inside a short
window, and the dictionary part of speech of a word (a table look-up, not
jieba's slow HMM tagger). jieba's start-up chatter goes nowhere near stdout.

>>> words("县税务局挂牌成立调解室")[:3]
['县', '税务局', '挂牌成立']
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

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

                jieba.setLogLevel(logging.ERROR)
                logging.getLogger("jieba").setLevel(logging.ERROR)
                tok = jieba.Tokenizer()
                tok.initialize()
                with tok.get_dict_file() as dictionary:
                    _tags.update(dictionary_tags(Path(dictionary.name)))
                for line in lexicon.words("user_words.txt"):
                    word, _, pos = line.partition(" ")   # an optional part of speech after the word
                    tok.add_word(word, freq=2000)
                    if pos:
                        _tags[word] = pos
                _tokenizer = tok
    return _tokenizer


def dictionary_tags(dictionary: Path) -> dict[str, str]:
    """The part of speech of every word of jieba's dictionary file (``word freq tag`` lines).

    Parsing the 349k lines takes about 0.5 s of every process's start; the table is kept in a
    marshal file beside jieba's own cache (named by the dictionary's path, size and time, so a
    changed dictionary is read again), which loads in about 0.2 s. A cache that cannot be read
    or written is no error: the dictionary is parsed instead.
    """
    stat = dictionary.stat()
    key = hashlib.sha1(f"{dictionary.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    user = os.getuid() if hasattr(os, "getuid") else 0   # one cache a user: another's cannot be replaced
    cache = Path(tempfile.gettempdir()) / f"govkg-jieba-tags-{user}-{key}.marshal"
    try:
        tags = marshal.loads(cache.read_bytes())
        if isinstance(tags, dict):
            return tags
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tags = {}
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.strip().split(" ")
            if len(parts) == 3:   # as jieba.posseg reads it: word, frequency, tag
                tags[parts[0]] = parts[2]
    try:   # written whole, then renamed: a reader never sees half a table
        fd, temporary = tempfile.mkstemp(prefix=cache.name, dir=cache.parent)
    except OSError:
        return tags
    try:
        with os.fdopen(fd, "wb") as out:
            marshal.dump(tags, out)
        os.replace(temporary, cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)   # a full disk leaves no half-written file behind
    return tags


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
