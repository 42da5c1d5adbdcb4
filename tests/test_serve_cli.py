"""'kg serve' as a process: prints its URL, answers on 127.0.0.1, stops cleanly on Ctrl-C (SIGINT)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"


def test_serve_prints_url_answers_and_stops_on_ctrl_c():
    code = "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", str(FIXTURE), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("kg serve: http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[2]
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(f"{url}sparql?{query}", timeout=20) as response:
            assert json.load(response)["boolean"] is True
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_needs_one_source(capsys):
    assert main(["serve"]) == 2
    assert "--store DIR" in capsys.readouterr().err


def test_missing_store_is_one_line(tmp_path, capsys):
    assert main(["serve", "--store", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert "no store here yet" in err and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("flag", [["--limit", "-1"], ["--timeout", "-2"], ["--port", "70000"]])
def test_bad_numbers_are_usage_errors(flag, capsys):
    assert main(["serve", str(FIXTURE), *flag]) == 2


def _descendants(pid: int) -> set[int]:
    """Every process started by ``pid``, and by those, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError):
            continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _ended(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_no_query_process_outlives_the_server(tmp_path, stop):
    from kg.rdf_io import read_files
    from kg.store import replace_reports

    store = tmp_path / "store"
    replace_reports(store, read_files([FIXTURE]))
    code = "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--store", str(store), "--port", "0",
                             "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().split()[2]
        with urllib.request.urlopen(f"{url}sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                                    timeout=20) as response:
            assert json.load(response)["boolean"] is True
        workers = _descendants(proc.pid)
        assert len(workers) >= 2            # the query processes (and the fork server that starts them)
        proc.send_signal(stop)
        assert proc.wait(timeout=30) == 0
        assert "Traceback" not in proc.stderr.read()
        deadline = time.monotonic() + 10
        while not all(map(_ended, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if not _ended(pid)] == []
    finally:
        if proc.poll() is None:
            proc.kill()
