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
import math
import os
import re
import stat
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg import lexicon
from kg.errors import KGError

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
                with tok.get_dict_file() as dictionary:
                    tables = dictionary_tables(Path(dictionary.name))
                # what tok.initialize() would set, from our cache (jieba's own loads three times slower)
                tok.FREQ, tok.total, tok.initialized = tables.freq, tables.total, True
                _tags.update(tables.tags)
                for line in lexicon.words("user_words.txt"):
                    word, _, pos = line.partition(" ")   # an optional part of speech after the word
                    tok.add_word(word, freq=2000)
                    if pos:
                        _tags[word] = pos
                _tokenizer = tok
    return _tokenizer


# the layout of the cached tables and the way they are parsed: a change here gets a new cache file
_TABLES_FORMAT = 1


class Tables(NamedTuple):
    """What jieba reads from its dictionary file: the prefix dictionary (every word with its
    frequency, every prefix of a word with 0 unless a word itself), the sum of the frequencies,
    and each word's part of speech (``word freq tag`` lines, as jieba.posseg reads them)."""

    freq: dict[str, int]
    total: int
    tags: dict[str, str]


def dictionary_tables(dictionary: Path) -> Tables:
    """The :class:`Tables` of a jieba dictionary file, from a cache after the first process.

    Parsing the 349k lines takes a second or two; jieba keeps its prefix dictionary in a cache
    of its own, but reads it object by object from the file (about 1 s). These tables are kept in
    one marshal file in the temporary folder (named by the dictionary's path, size and time, so
    a changed dictionary is read again) and read whole, in about a third of that. A cache that
    cannot be read or written is no error: the dictionary is parsed instead.
    """
    found = dictionary.stat()
    key = hashlib.sha1(f"{_TABLES_FORMAT}|{dictionary.resolve()}|{found.st_size}|{found.st_mtime_ns}".encode()) \
        .hexdigest()[:16]
    user = os.getuid() if hasattr(os, "getuid") else 0   # one cache a user: another's cannot be replaced
    cache = Path(tempfile.gettempdir()) / f"govkg-jieba-tables-{user}-{key}.marshal"
    try:
        cached = marshal.loads(_own_file_bytes(cache))
        if isinstance(cached, tuple) and len(cached) == 3 and isinstance(cached[0], dict) \
                and isinstance(cached[1], int) and isinstance(cached[2], dict):
            return Tables(*cached)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tables = _parse_dictionary(dictionary)
    try:   # written whole, then renamed: a reader never sees half a table
        fd, temporary = tempfile.mkstemp(prefix=cache.name, dir=cache.parent)
    except OSError:
        return tables
    try:
        with os.fdopen(fd, "wb") as out:
            marshal.dump(tuple(tables), out)
        os.replace(temporary, cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)   # a full disk leaves no half-written file behind
    return tables


def _own_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``, a regular file this user owns (OSError otherwise): anyone may put
    something in a shared temporary folder under any name, marshal data is trusted data, and a
    FIFO or a link planted there must not hang or redirect the read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode) or hasattr(os, "getuid") and status.st_uid != os.getuid():
            raise PermissionError(f"{path} is not a file of this user's")
        return handle.read()


def _parse_dictionary(dictionary: Path) -> Tables:
    """jieba's gen_pfdict and posseg's tag table in one pass, reading the lines as they do
    (bytes stripped, then decoded; blank lines skipped)."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with dictionary.open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            try:
                line = raw.strip().decode("utf-8")
                if not line:
                    continue
                parts = line.split(" ")
                word, count = parts[0], int(parts[1])
            except (IndexError, ValueError):   # (UnicodeDecodeError is a ValueError)
                raise KGError(f"{dictionary}, line {number}: not a jieba dictionary entry (UTF-8: word, "
                              "frequency, optional part of speech); reinstall jieba") from None
            freq[word] = count
            total += count
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
            if len(parts) == 3:
                tags[word] = parts[2]
    return Tables(freq, total, tags)


@lru_cache(maxsize=65536)
def words(text: str) -> list[str]:
    """Words of a short text (dictionary only, no HMM guessing of new words): jieba's
    ``cut(text, HMM=False)``, word for word, in one loop instead of its chain of generators
    (extraction segments some 50,000 phrases a corpus; this takes about half of jieba's time)."""
    tok = tokenizer()
    han, skip = _block_patterns()
    out: list[str] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            _cut_block(block, tok.FREQ, math.log(tok.total), out)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append(piece)
            else:
                out.extend(piece)   # a mark or symbol is a word of its own
    return out


@lru_cache(maxsize=1)
def _block_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """jieba's own split of a text into runs of words and the marks between them."""
    import jieba

    return jieba.re_han_default, jieba.re_skip_default


def _cut_block(block: str, freq: dict[str, int], logtotal: float, out: list[str]) -> None:
    """The most probable path through the words of ``block`` (jieba's get_DAG, calc and
    __cut_DAG_NO_HMM, with the same arithmetic and the same tie-break: the longer word)."""
    n = len(block)
    score = [0.0] * (n + 1)
    last = list(range(n + 1))
    log = math.log
    for start in range(n - 1, -1, -1):
        best: float | None = None
        end, piece = start, block[start]
        while end < n and piece in freq:
            count = freq[piece]
            if count:
                value = log(count) - logtotal + score[end + 1]
                if best is None or value >= best:   # (value, end) tuples in max(): a tie goes to the later end
                    best, last[start] = value, end
            end += 1
            piece = block[start:end + 1]
        if best is None:   # no word starts here: the character alone
            best = log(freq.get(block[start]) or 1) - logtotal + score[start + 1]
            last[start] = start
        score[start] = best
    pos, run = 0, ""
    while pos < n:
        word = block[pos:last[pos] + 1]
        if len(word) == 1 and _ENGLISH.match(word):   # single letters and digits run together
            run += word
        else:
            if run:
                out.append(run)
                run = ""
            out.append(word)
        pos = last[pos] + 1
    if run:
        out.append(run)


_ENGLISH = re.compile(r"[a-zA-Z0-9]")


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
