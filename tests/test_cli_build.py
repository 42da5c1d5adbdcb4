"""'kg build' driven in-process: help, output formats, bad inputs, bad outputs, atomic writes; build_graph.py."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF
from script_module import load_script

from kg.cli import main, make_parser
from kg.namespaces import DCTERMS, GOV

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = [".ttl", ".trig", ".nq", ".nt", ".jsonld"]
QUAD = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}
TRIPLE = {".ttl": "turtle", ".nt": "nt"}

A = "柳溪县2024年法治政府建设工作报告\n2024年,县司法局组织开展“法律进乡村”活动120余场,审查规范性文件26件。\n"
B = "云岭县2024年法治政府建设工作报告\n2024年,县司法局组织开展“法律进乡村”活动80场。\n"


@pytest.fixture
def reports(tmp_path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    return a, b


def kg(*args: object) -> int:
    return main([str(a) for a in args])


def stderr_lines(captured) -> list[str]:
    return stderr_lines_of(captured.err)


def stderr_lines_of(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.strip()]


def _subparser(name: str):
    parser = make_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return parser, sub, sub.choices[name]


# ---------------------------------------------------------------- help

def test_kg_help_mentions_every_option_and_command(capsys):
    assert kg("--help") == 0
    out = capsys.readouterr().out
    parser, sub, _ = _subparser("build")
    for action in parser._actions:
        for opt in action.option_strings:
            assert opt in out
    for command in sub.choices:
        assert command in out


def test_kg_build_help_mentions_every_option_and_format(capsys):
    assert kg("build", "--help") == 0
    out = capsys.readouterr().out
    _, _, build = _subparser("build")
    options = [opt for action in build._actions for opt in action.option_strings]
    assert {"-o", "--output", "--store", "--jobs", "--quiet"} <= set(options)
    for opt in options:
        assert opt in out
    for ext in EXTENSIONS:
        assert ext in out


def test_kg_without_a_command_is_a_usage_error(capsys):
    assert kg() == 2
    assert "usage" in capsys.readouterr().err.lower()


def test_build_without_an_output_is_a_usage_error(capsys, reports):
    assert kg("build", reports[0], "-q") == 2
    lines = stderr_lines(capsys.readouterr())
    assert len(lines) == 1 and "-o" in lines[0]


# ---------------------------------------------------------------- output formats

@pytest.mark.parametrize("ext", EXTENSIONS)
def test_each_output_format_parses_back(ext, reports, tmp_path, capsys):
    out = tmp_path / "out" / f"graph{ext}"
    assert kg("build", *reports, "-o", out, "-q", "--jobs", 1) == 0
    assert capsys.readouterr().err == ""
    assert out.is_file()
    if ext in QUAD:
        ds = Dataset()
        ds.parse(out, format=QUAD[ext])
        named = {g.identifier: g for g in ds.graphs() if len(g)}
        assert len(named) == 2
        for iri, g in named.items():
            assert set(g.subjects(RDF.type, GOV.Report)) == {iri}
    else:
        g = Graph().parse(out, format=TRIPLE[ext])
        assert len(set(g.subjects(RDF.type, GOV.Report))) == 2
        assert len(set(g.subjects(RDF.type, GOV.Programme))) == 1  # shared across both reports


def test_triple_and_quad_outputs_hold_the_same_statements(reports, tmp_path):
    ttl, nq = tmp_path / "g.ttl", tmp_path / "g.nq"
    assert kg("build", *reports, "-o", ttl, "-q", "--jobs", 1) == 0
    assert kg("build", *reports, "-o", nq, "-q", "--jobs", 1) == 0
    ds = Dataset()
    ds.parse(nq, format="nquads")
    quads = {by_value(t) for t in ds.quads((None, None, None, None))}
    triples = {by_value(t) for t in Graph().parse(ttl, format="turtle")}
    assert quads == triples and len(triples) > 20


def by_value(statement) -> tuple:
    """A statement with literals compared by value (Turtle writes decimal 26 as 26.0)."""
    s, p, o = statement[:3]
    return s, p, (o.datatype, o.language, o.toPython()) if isinstance(o, Literal) else o


def test_worker_processes_give_the_same_output(reports, tmp_path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    assert kg("build", *reports, "-o", one, "-q", "--jobs", 1) == 0
    assert kg("build", *reports, "-o", two, "-q", "--jobs", 2) == 0
    assert sorted(one.read_text(encoding="utf-8").splitlines()) == sorted(two.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("name", ["graph.xyz", "graph"])
def test_bad_extension_is_a_usage_error(name, reports, tmp_path, capsys):
    out = tmp_path / name
    assert kg("build", reports[0], "-o", out, "-q") == 2
    lines = stderr_lines(capsys.readouterr())
    assert len(lines) == 1
    assert str(out) in lines[0] and ".ttl" in lines[0]
    assert not out.exists()


# ---------------------------------------------------------------- bad inputs

def test_bad_inputs_fail_one_line_each_and_the_rest_is_built(reports, tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "graph.ttl"
    code = kg("build", reports[0], missing, empty, binary, reports[1], "-o", out, "-q", "--jobs", 1)
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = stderr_lines_of(err)
    assert len(lines) == 3
    for bad in (missing, empty, binary):
        assert sum(str(bad) in ln for ln in lines) == 1, (bad, lines)
    g = Graph().parse(out, format="turtle")
    assert len(set(g.subjects(RDF.type, GOV.Report))) == 2


def test_bad_input_with_progress_still_one_line_naming_it(reports, tmp_path, capsys):
    missing = tmp_path / "nowhere.txt"
    assert kg("build", reports[0], missing, "-o", tmp_path / "g.ttl", "--jobs", 1) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert sum(str(missing) in ln for ln in err.splitlines()) == 1


def test_only_bad_inputs_write_nothing(tmp_path, capsys):
    out = tmp_path / "graph.ttl"
    assert kg("build", tmp_path / "missing.txt", "-o", out, "-q") == 1
    assert not out.exists()
    assert len(stderr_lines(capsys.readouterr())) == 1


def corpus_line(tmp_path: Path, **fields) -> Path:
    record = {"title": "柳溪县2024年法治政府建设工作报告", "year": 2024, "content": A, **fields}
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_corpus_line_with_quotes_and_backslashes_builds(tmp_path, capsys):
    corpus = corpus_line(tmp_path, title='柳溪县2024年"法治"报告\\附件', province="某省",
                         content=A.replace("审查", "审查\\") + "再办理\t案件3件。\r\n")
    out = tmp_path / "g.trig"
    assert kg("build", corpus, "-o", out, "-q", "--jobs", 1) == 0
    ds = Dataset()
    ds.parse(out, format="trig")
    assert len([g for g in ds.graphs() if len(g)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_corpus_line_with_an_unusual_url_still_builds(tmp_path, capsys):
    corpus = corpus_line(tmp_path, url="https://example.org/report 2024.html")
    out = tmp_path / "g.ttl"
    try:
        code = kg("build", corpus, "-o", out, "-q", "--jobs", 1)
    except Exception as exc:  # noqa: BLE001  (a crash is the failure this test describes)
        pytest.fail(f"kg build raised {type(exc).__name__}: {exc}")
    assert code == 0
    assert len(set(Graph().parse(out, format="turtle").subjects(RDF.type, GOV.Report))) == 1


# ---------------------------------------------------------------- bad outputs, atomic writes

def test_output_in_an_unwritable_place_fails_cleanly(reports, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "graph.ttl"
    assert kg("build", reports[0], "-o", out, "-q", "--jobs", 1) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = stderr_lines_of(err)
    assert len(lines) == 1 and str(blocker) in lines[0]
    assert blocker.read_text(encoding="utf-8") == "x"


def part_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".part" in p.name or p.name.startswith(".graph"))


def fail_when_moving_onto(out: Path, exc: BaseException, monkeypatch) -> None:
    """Make the final move onto ``out`` fail, as a full disk or a Ctrl-C at that moment would."""
    real = {name: getattr(os, name) for name in ("replace", "rename")}

    def patched(name):
        def move(src, dst, *args, **kwargs):
            if Path(dst) == out:
                raise exc
            return real[name](src, dst, *args, **kwargs)
        return move

    for name in real:
        monkeypatch.setattr(os, name, patched(name))


def test_a_failed_write_leaves_the_old_file_and_no_part_file(reports, tmp_path, capsys, monkeypatch):
    out = tmp_path / "graph.ttl"
    out.write_text("old graph", encoding="utf-8")
    fail_when_moving_onto(out, OSError(28, "No space left on device"), monkeypatch)
    assert kg("build", reports[0], "-o", out, "-q", "--jobs", 1) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(stderr_lines_of(err)) == 1 and str(out) in err
    assert out.read_text(encoding="utf-8") == "old graph"
    assert part_files(tmp_path) == []


def test_an_interrupted_write_leaves_no_part_file(reports, tmp_path, capsys, monkeypatch):
    out = tmp_path / "graph.trig"
    fail_when_moving_onto(out, KeyboardInterrupt(), monkeypatch)
    assert kg("build", reports[0], "-o", out, "-q", "--jobs", 1) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert not out.exists()
    assert part_files(tmp_path) == []


def test_an_output_path_that_is_a_folder_fails_cleanly(reports, tmp_path, capsys):
    out = tmp_path / "graph.nq"
    out.mkdir()
    assert kg("build", reports[0], "-o", out, "-q", "--jobs", 1) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(stderr_lines_of(err)) == 1 and str(out) in err
    assert out.is_dir() and list(out.iterdir()) == []
    assert part_files(tmp_path) == []


def test_a_successful_write_replaces_the_old_file(reports, tmp_path):
    out = tmp_path / "graph.ttl"
    out.write_text("old graph", encoding="utf-8")
    assert kg("build", reports[0], "-o", out, "-q", "--jobs", 1) == 0
    assert len(set(Graph().parse(out, format="turtle").subjects(RDF.type, GOV.Report))) == 1
    assert part_files(tmp_path) == []


# ---------------------------------------------------------------- build_graph.py

def test_build_graph_script_writes_turtle_and_html(tmp_path, capsys):
    module = load_script("build_graph.py")
    out = tmp_path / "out"
    assert module.main(["--out", str(out)]) == 0
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(set(g.subjects(RDF.type, GOV.Report))) == 1
    sources = [str(s) for s in g.objects(None, DCTERMS.source)]
    assert sources and not any(os.path.isabs(s) for s in sources), f"the building machine's path leaked: {sources}"
    assert "graph.ttl" in capsys.readouterr().out
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<html" in html.lower()


def test_a_folder_without_reports_says_so_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    out = tmp_path / "graph.ttl"
    assert kg("build", tmp_path, "-o", out, "-q") == 1
    (line,) = stderr_lines(capsys.readouterr())
    assert "no report files" in line and str(tmp_path) in line and ".docx" in line
    assert not out.exists()


def test_summary_counts_a_programme_named_by_two_reports_once(reports, tmp_path, capsys):
    """Both reports name “法律进乡村”: one programme node, counted once (per-report tallies said 2)."""
    assert kg("build", *reports, "-o", tmp_path / "g.trig") == 0
    err = capsys.readouterr().err
    assert "2 report(s)" in err and " 1 programmes," in err, err
