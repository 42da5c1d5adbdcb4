"""Hostile and accidental input to 'kg build' (issue 16): no report lost, no hang, one line per failure.

Every input is made here, small; where the old behaviour was to run away
(read /dev/zero, wait for workers), the command runs in a subprocess with
a time limit and a memory limit, so the test fails instead of hanging.
"""
from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.ingest.formats import docx_text
from kg.structure import split_sentences

GOOD = "2024年，县司法局组织开展“法律进乡村”活动12场次。\n"
OTHER = "2023年，区税务局举办“税法讲堂”8期，服务群众300余人次。\n"
KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]


def lines(err: str) -> list[str]:
    assert "Traceback" not in err, err
    return [line for line in err.splitlines() if line.strip()]


def run_kg(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """``kg`` in a subprocess with at most 3 GB of memory, so a runaway read fails instead of swapping."""
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run(check=False, args=[*KG, *args], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit_memory, **kwargs)


# ---------------------------------------------------------------- names and shapes

def test_a_file_name_that_is_not_utf8_is_built_and_the_others_too(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    gbk_name = os.fsdecode(b"\xb1\xa8\xb8\xe6.txt")   # 报告.txt in GBK, as unzip leaves it
    (folder / gbk_name).write_text(OTHER, encoding="utf-8")
    out = tmp_path / "g.nq"
    assert main(["build", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    assert lines(capsys.readouterr().err) == []
    text = out.read_text(encoding="utf-8")
    assert text.count("<http://purl.org/dc/terms/source>") == 2
    assert "\\\\xb1\\\\xa8\\\\xb8\\\\xe6.txt" in text   # the name's bytes, shown, not lost


def test_deeply_nested_json_is_one_line_and_the_good_lines_are_built(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    deep = '{"content": ' + "[" * 100_000 + "}"
    surrogate = '{"content": "\\ud800 年度报告"}'
    corpus.write_text("\n".join([deep, '{"content": "' + GOOD.strip() + '"}', surrogate]) + "\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(corpus), "-o", str(out), "-q", "-j", "1"]) == 1
    err = lines(capsys.readouterr().err)
    assert len(err) == 2 and "c.jsonl:1: line 1 nests" in err[0] and "c.jsonl:3" in err[1], err
    assert "县司法局" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- limits

def test_dev_zero_is_refused_at_the_limit_not_read_forever(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    done = run_kg("build", "/dev/zero", str(good), "-o", str(tmp_path / "g.ttl"), "-q", "-j", "1", timeout=60)
    assert done.returncode == 1
    (line,) = lines(done.stderr)
    assert line.startswith("kg build: /dev/zero: the file is larger than the 16.0 MB limit") and "--max-report-mb" in line
    assert "县司法局" in (tmp_path / "g.ttl").read_text(encoding="utf-8")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 200, encoding="utf-8")
    opened = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self) or real_read(self))
    assert main(["build", str(big), "-o", str(tmp_path / "g.ttl"), "-q", "--max-report-mb", "0.001"]) == 1
    (line,) = lines(capsys.readouterr().err)
    assert "larger than the 0.0 MB limit (0.0 MB)" in line and "--max-report-mb" in line
    assert big not in opened


def _docx(paragraph_chars: int) -> bytes:
    """A .docx whose one paragraph holds ``paragraph_chars`` characters (it packs to a few KB)."""
    import docx

    document = docx.Document()
    document.add_paragraph("县司法局开展活动。" + "a" * paragraph_chars)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_that_unpacks_beyond_the_limit_is_refused_before_unpacking():
    from kg.ingest.limits import Limits

    data = _docx(3_000_000)
    assert len(data) < 100_000
    with pytest.raises(InputError, match=r"its part 'word/document.xml' is larger than the 1.0 MB limit"):
        docx_text(data, "bomb.docx", Limits(expanded_bytes=1 << 20))
    assert "县司法局" in docx_text(_docx(10), "small.docx", Limits(expanded_bytes=1 << 20))


def test_a_zip_that_is_no_docx_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "no word document here")
    bad.write_bytes(buffer.getvalue())
    assert main(["build", str(bad), "-o", str(tmp_path / "g.ttl"), "-q"]) == 1
    (line,) = lines(capsys.readouterr().err)
    assert "bad.docx: is not a readable .docx file" in line


def _corrupt_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    data = data[: data.rfind(b"startxref")] + b"startxref\n99999\n%%EOF\n"   # points nowhere
    return data.replace(b"/Type /Page ", b"/Type /Pagx ", 1)


def test_a_corrupt_pdf_prints_one_line_only(tmp_path):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(_corrupt_pdf())
    done = run_kg("build", str(pdf), "-o", str(tmp_path / "g.ttl"), "-q")
    assert done.returncode == 1
    (line,) = lines(done.stderr)
    assert line.startswith("kg build: ") and "broken.pdf" in line


def test_a_long_run_without_sentence_ends_is_cut_into_bounded_pieces():
    text = ("县司法局组织开展法律服务活动" * 15_000)[:200_000]
    pieces = split_sentences(text, [], max_chars=2000)
    assert max(s.end - s.start for s in pieces) <= 2000
    assert "".join(s.text for s in pieces) == text          # nothing lost, nothing repeated
    clauses = ("县司法局开展活动，" * 1000)
    cut = split_sentences(clauses, [], max_chars=500)
    assert all(s.text.endswith("，") for s in cut[:-1])      # at a clause break where there is one


def test_a_long_paragraph_builds_with_sentences_of_bounded_size(tmp_path, capsys):
    report = tmp_path / "long.txt"
    report.write_text("2024年" + "县司法局组织开展法律服务活动区税务局举办讲座" * 600 + "。\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(report), "-o", str(out), "-q", "-j", "1", "--max-sentence", "300"]) == 0
    from rdflib import Graph, URIRef

    graph = Graph().parse(out)
    texts = [str(o) for o in graph.objects(None, URIRef("https://w3id.org/govkg/ont#sentence"))]
    assert texts and max(map(len, texts)) <= 300


def test_long_reports_say_what_step_they_are_in(tmp_path, capsys, monkeypatch):
    from kg import pipeline

    monkeypatch.setattr(pipeline, "LONG_REPORT", 100)
    report = tmp_path / "r.txt"
    report.write_text(GOOD * 10, encoding="utf-8")
    assert main(["build", str(report), "-o", str(tmp_path / "g.ttl"), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "r.txt (" in err and "extracting from" in err and "resolving" in err


# ---------------------------------------------------------------- output and stores

def test_an_unwritable_output_is_reported_before_any_extraction(tmp_path, capsys, monkeypatch):
    from kg import pipeline

    report = tmp_path / "r.txt"
    report.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(pipeline, "build_dataset", lambda *a, **k: pytest.fail("extraction started"))
    (tmp_path / "file").write_text("x")
    assert main(["build", str(report), "-o", str(tmp_path / "file" / "g.ttl")]) == 1
    (line,) = lines(capsys.readouterr().err)
    assert "cannot" in line and "file" in line


def test_a_part_file_left_by_a_killed_writer_is_removed_by_the_next_build(tmp_path, capsys):
    target = tmp_path / "g.ttl"
    killed = ("import os, sys; from kg.atomic import atomic_path\n"
              "with atomic_path(sys.argv[1]) as tmp:\n"
              "    tmp.write_text('half a graph'); os.kill(os.getpid(), 9)\n")
    subprocess.run(check=False, args=[sys.executable, "-c", killed, str(target)], timeout=60)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]
    report = tmp_path / "r.txt"
    report.write_text(GOOD, encoding="utf-8")
    assert main(["build", str(report), "-o", str(target), "-q"]) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def _store_states(tmp_path: Path) -> list[Path]:
    """Stores made by a process killed (-9) at moments during their creation."""
    states = []
    for i, delay in enumerate(x / 100 for x in range(4, 40, 3)):
        folder = tmp_path / f"s{i}"
        child = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph; pyoxigraph.Store(sys.argv[1])",
                                  str(folder)])
        time.sleep(delay)
        child.kill()
        child.wait()
        if folder.exists() and any(folder.iterdir()):
            states.append(folder)
    return states


def test_a_store_killed_while_being_created_gives_one_line_and_is_repaired(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text(GOOD, encoding="utf-8")
    states = _store_states(tmp_path)
    for folder in states:
        for command in (["reports", "--store", str(folder)],
                        ["export", "--store", str(folder), "-o", str(tmp_path / "x.nq")],
                        ["query", "reports", "--store", str(folder)]):
            assert main(command) in (0, 1)
            assert len(lines(capsys.readouterr().err)) <= 1
        assert main(["build", str(report), "--store", str(folder), "-q"]) == 0, capsys.readouterr().err
        assert main(["reports", "--store", str(folder), "--format", "tsv"]) == 0
        assert "r.txt" in capsys.readouterr().out


def test_a_store_is_created_whole_or_not_at_all(tmp_path, capsys):
    store = tmp_path / "store"
    killed = ("import os, sys; import kg.store_open as so\n"
              "so.os.rename = lambda *a: os.kill(os.getpid(), 9)\n"
              "so.open_store(sys.argv[1], write=True)\n")
    subprocess.run(check=False, args=[sys.executable, "-c", killed, str(store)], timeout=60)
    assert not store.exists()                               # no half-made store where the store goes
    assert [p for p in tmp_path.iterdir() if ".creating-" in p.name]
    report = tmp_path / "r.txt"
    report.write_text(GOOD, encoding="utf-8")
    assert main(["build", str(report), "--store", str(store), "-q"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "store"]   # the leftover went too


# ---------------------------------------------------------------- processes

def _batch(folder: Path, count: int = 6) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):   # sizes grow with the index: workers finish out of input order
        path = folder / f"r{i}.txt"
        path.write_text(f"{2015 + i}年，第{i}区司法局组织开展“法律进社区{i}”活动{i + 3}场次。\n" * (1 + 40 * i),
                        encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".nt"])
def test_the_same_inputs_give_the_same_bytes_whatever_jobs(tmp_path, suffix, capsys):
    _batch(tmp_path / "in")
    outputs = []
    for jobs in (1, 2, 4):
        out = tmp_path / f"j{jobs}{suffix}"
        assert main(["build", str(tmp_path / "in"), "-o", str(out), "-q", "-j", str(jobs)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_main_process_is_killed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"r{i}.txt").write_text(GOOD * 6000, encoding="utf-8")
    main_process = subprocess.Popen([*KG, "build", str(folder), "-o", str(tmp_path / "g.ttl"), "-q", "-j", "2"],
                                    stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.time() + 60
        while len(_children(main_process.pid)) < 2 and time.time() < deadline:
            time.sleep(0.1)
        workers = _children(main_process.pid)
        assert len(workers) >= 2
        main_process.kill()
        main_process.wait()
        deadline = time.time() + 10
        while any(map(_alive, workers)) and time.time() < deadline:
            time.sleep(0.1)
        assert not any(map(_alive, workers))
    finally:  # workers that outlived their parent belong to init now: end them by the ids seen
        for pid in workers + _children(main_process.pid):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_is_handled_like_ctrl_c(tmp_path, jobs):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"r{i}.txt").write_text(f"第{i}份。" + GOOD * 6000, encoding="utf-8")
    child = subprocess.Popen([*KG, "build", str(folder), "-o", str(tmp_path / "g.ttl"), "-q", "-j", jobs],
                             stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while jobs == "2" and len(_children(child.pid)) < 2 and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(2)
    workers = _children(child.pid)
    child.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _, err = child.communicate(timeout=60)
    assert time.monotonic() - started < 10          # the workers stop too, not after their report
    assert child.returncode == 143
    (line,) = lines(err)
    assert line == "kg build: stopped (SIGTERM); nothing half-written was left behind"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    time.sleep(1)
    assert not any(map(_alive, workers))


def test_a_store_build_killed_mid_way_keeps_whole_graphs_and_the_next_build_completes_it(tmp_path):
    import pyoxigraph as ox

    from kg.pipeline import build_dataset
    from kg.store import BUILD_DIGEST

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):   # about 45,000 quads each: new reports are bulk loaded two at a time
        (folder / f"r{i}.txt").write_text(f"第{i}份报告。\n" + (GOOD + OTHER) * 450, encoding="utf-8")
    store = tmp_path / "store"
    child = subprocess.Popen([*KG, "build", str(folder), "--store", str(store), "-j", "1"],
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stderr is not None
        for line in iter(child.stderr.readline, ""):   # progress: kill -9 once three reports are built
            if "built 3/4" in line:
                break
        child.kill()
    finally:
        child.wait()
    expected: dict[str, set[ox.Quad]] = {}
    for quad in build_dataset([folder]).store:
        expected.setdefault(quad.graph_name.value, set()).add(quad)
    held = ox.Store.read_only(str(store))
    try:
        stored: dict[str, set[ox.Quad]] = {}
        for quad in held:
            if quad.predicate != BUILD_DIGEST:
                stored.setdefault(quad.graph_name.value, set()).add(quad)
    finally:
        del held
    for graph, quads in stored.items():           # every graph there is whole, none half-written
        assert quads == expected[graph], graph
    again = run_kg("build", str(folder), "--store", str(store), "-j", "1")
    assert again.returncode == 0, again.stderr
    assert f"{4 - len(stored)} added" in again.stderr and f"{len(stored)} skipped" in again.stderr
