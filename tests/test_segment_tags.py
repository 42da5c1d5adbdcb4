"""jieba's dictionary tables (prefix dictionary, total, parts of speech), read from a cache after the first process."""
from __future__ import annotations

import marshal
import os
import tempfile
import threading
from pathlib import Path

import pytest

from kg import segment
from kg.errors import KGError

DICTIONARY = "调解室 20 n\n挂牌成立 5 v\n\n税务局 300 nt\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(folder))
    return folder


def _dictionary(tmp_path: Path, text: str = DICTIONARY) -> Path:
    path = tmp_path / "dict.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _tags(dictionary: Path) -> dict[str, str]:
    return segment.dictionary_tables(dictionary).tags


def test_tables_are_read_from_the_dictionary_then_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    dictionary = _dictionary(tmp_path)
    tables = segment.dictionary_tables(dictionary)
    assert tables.tags == {"调解室": "n", "挂牌成立": "v", "税务局": "nt"}
    assert tables.total == 325
    assert tables.freq == {"调解室": 20, "调": 0, "调解": 0, "挂牌成立": 5, "挂": 0, "挂牌": 0, "挂牌成": 0,
                           "税务局": 300, "税": 0, "税务": 0}
    cached = list(cache_dir.glob("govkg-jieba-tables-*.marshal"))
    assert len(cached) == 1
    cached[0].write_bytes(marshal.dumps(({"调解室": 1}, 1, {"调解室": "cached"})))
    assert _tags(dictionary) == {"调解室": "cached"}   # the cache is read, not the file
    dictionary.write_bytes(b"")   # the same path, size and time would give the cached table; this changes both
    assert segment.dictionary_tables(dictionary) == ({}, 0, {})


def test_a_damaged_cache_is_read_again_from_the_dictionary(tmp_path: Path, cache_dir: Path) -> None:
    dictionary = _dictionary(tmp_path)
    segment.dictionary_tables(dictionary)
    cached = next(cache_dir.glob("govkg-jieba-tables-*.marshal"))
    cached.write_bytes(b"\x00half a table")
    assert _tags(dictionary)["税务局"] == "nt"
    assert segment.dictionary_tables(dictionary) == segment.dictionary_tables(dictionary)


def test_a_cache_someone_else_planted_is_not_read(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dictionary = _dictionary(tmp_path)
    segment.dictionary_tables(dictionary)
    cached = next(cache_dir.glob("govkg-jieba-tables-*.marshal"))
    cached.write_bytes(marshal.dumps(({"调解室": 1}, 1, {"调解室": "planted"})))
    owner = cached.stat().st_uid
    # the same cache name for a user who does not own the file: it is parsed over, not trusted
    monkeypatch.setattr(segment.os, "getuid", lambda: owner + 1)
    planted = cache_dir / cached.name.replace(f"-{owner}-", f"-{owner + 1}-")
    cached.rename(planted)
    assert _tags(dictionary)["调解室"] == "n"


def test_a_cache_folder_that_is_gone_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "missing"))
    assert _tags(_dictionary(tmp_path))["调解室"] == "n"


def test_the_tables_are_the_ones_jieba_reads(cache_dir: Path) -> None:
    import jieba
    import jieba.posseg

    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as default:   # (cache_dir: parsed here, never read from an older cache)
        tables = segment.dictionary_tables(Path(default.name))
    tokenizer.initialize()
    assert (tables.freq, tables.total) == (tokenizer.FREQ, tokenizer.total)
    assert tables.tags == jieba.posseg.dt.word_tag_tab


@pytest.mark.parametrize("second_line", ["税务局 many nt\n".encode(), "税务局 300 nt\n".encode("gbk")])
def test_a_broken_dictionary_line_names_the_file_and_line(tmp_path: Path, cache_dir: Path, second_line: bytes) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_bytes("调解室 20 n\n".encode() + second_line)
    with pytest.raises(KGError, match=r"dict\.txt, line 2: not a jieba dictionary entry"):
        segment.dictionary_tables(dictionary)
    assert list(cache_dir.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_planted_under_the_cache_name_does_not_hang_the_read(tmp_path: Path, cache_dir: Path) -> None:
    dictionary = _dictionary(tmp_path)
    segment.dictionary_tables(dictionary)
    cached = next(cache_dir.glob("govkg-jieba-tables-*.marshal"))
    cached.unlink()
    os.mkfifo(cached)
    read: list[dict[str, str]] = []
    reader = threading.Thread(target=lambda: read.append(_tags(dictionary)), daemon=True)
    reader.start()
    reader.join(20)
    assert read == [{"调解室": "n", "挂牌成立": "v", "税务局": "nt"}]   # parsed, not waited for


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(marshal, "dump", full_disk)
    assert _tags(_dictionary(tmp_path))["税务局"] == "nt"
    assert list(cache_dir.iterdir()) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_dictionary_stops_the_build_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    from kg import pipeline

    def broken(dictionary: Path) -> segment.Tables:
        raise KGError(f"{dictionary}, line 7: not a jieba dictionary entry")

    monkeypatch.setattr(segment, "_tokenizer", None)   # loaded again, with the broken table
    monkeypatch.setattr(segment, "dictionary_tables", broken)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("2024年,县司法局开展“法律进社区”活动。", encoding="utf-8")
    with pytest.raises(KGError, match="line 7"):   # the build's one error, not a line per report
        pipeline.build_dataset([tmp_path], jobs=jobs)
