"""Fuzzing ingest and the CLI (issue 16): whatever the input, one line per failure, exit 0/1/2, good reports built.

Hypothesis makes the inputs: random bytes under random names (not UTF-8
either) and extensions, text in several encodings, JSON Lines of any shape
(deep nesting included), and random query text and parameters.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main

GOOD = "2024年，县司法局组织开展“法律进乡村”活动12场次。\n"
OTHER = "2023年，区税务局举办“税法讲堂”8期。"
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.binary(min_size=1, max_size=16).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))
extensions = st.sampled_from(["", ".txt", ".md", ".html", ".pdf", ".docx", ".jsonl", ".doc", ".TXT"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["content", "title", "year", "url", "province", "published", "other"]), inner, max_size=4),
    max_leaves=20)


def build(folder: Path) -> tuple[int, list[str], str]:
    """``kg build FOLDER`` in this process: exit code, stderr lines, the graph written ("" if none)."""
    out = folder.parent / "g.nq"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["build", str(folder), "-o", str(out), "-q", "-j", "1"])
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return code, err.getvalue().splitlines(), text


def check(code: int, lines: list[str], graph: str, good_count: int) -> None:
    assert code in (0, 1), (code, lines)
    assert all(line.startswith("kg build: ") for line in lines), lines
    assert not any("Traceback" in line for line in lines)
    assert graph.count("<http://purl.org/dc/terms/source>") >= good_count, lines
    assert (code == 1) == bool(lines)


def folder_with_good_report(base: str) -> Path:
    folder = Path(base) / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


@FUZZ
@given(data=st.binary(max_size=3000), name=names, ext=extensions)
def test_random_bytes_under_random_names(data, name, ext):
    with tempfile.TemporaryDirectory() as base:
        folder = folder_with_good_report(base)
        (folder / "sub" / (os.fsdecode(name) + ext)).write_bytes(data)
        check(*build(folder), good_count=1)


@FUZZ
@given(text=st.text(min_size=1, max_size=400),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "big5", "latin-1"]))
def test_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as base:
        folder = folder_with_good_report(base)
        (folder / "sub" / "r.txt").write_bytes(data)
        check(*build(folder), good_count=1)


@FUZZ
@given(records=st.lists(json_values, max_size=4), depth=st.integers(0, 200_000),
       raw=st.lists(st.text(max_size=30), max_size=2))
def test_jsonl_of_any_shape(records, depth, raw):
    lines = [json.dumps(r, ensure_ascii=i % 2 == 0) for i, r in enumerate(records)]
    lines += ['{"content": ' + "[" * depth + "]" * (depth // 2) + "}", *raw]
    lines.append(json.dumps({"content": OTHER, "year": 2023}, ensure_ascii=False))
    with tempfile.TemporaryDirectory() as base:
        folder = folder_with_good_report(base)
        (folder / "sub" / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        check(*build(folder), good_count=2)


_GRAPH: list[Path] = []


def small_graph() -> Path:
    if not _GRAPH:
        path = Path(tempfile.mkdtemp()) / "g.nq"
        path.write_text('<http://ex.org/a> <http://ex.org/p> "县司法局" <http://ex.org/g> .\n', encoding="utf-8")
        _GRAPH.append(path)
    return _GRAPH[0]


@FUZZ
@given(sparql=st.text(max_size=200), value=st.text(max_size=30), name=st.sampled_from(["text", "x", "", "?v"]))
def test_random_query_text_and_parameters(sparql, value, name):
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["query", f"--sparql={sparql}", "--graph", str(small_graph()), "--timeout", "20",
                     "--param", f"{name}={value}"])
    lines = err.getvalue().splitlines()
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    assert len(lines) == (0 if code == 0 else 1), lines
