"""'kg query' in-process: listing, sources, parameters, every output format, errors as one line."""
from __future__ import annotations

import csv
import gc
import io
import json
import re
from pathlib import Path

import pyoxigraph
import pytest

from kg.cli import main, make_parser
from kg.query import list_queries
from kg.query.results import truncate, width

FIXTURE = str(Path(__file__).parent / "fixtures" / "query" / "two-reports.trig")
ID = "https://w3id.org/govkg/id/"


def kg(capsys, *argv):
    code = main(["query", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err):
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("kg query: "), err
    return err


def test_help_and_list(capsys):
    code, out, _ = kg(capsys, "--help")
    assert code == 0 and "--param NAME=VALUE" in out and "--endpoint URL" in out
    code, out, _ = kg(capsys, "--list")
    assert code == 0
    for q in list_queries():
        assert re.search(rf"^{re.escape(q.name)}\s+{re.escape(q.title)}$", out, re.MULTILINE), q.name
        for p in q.params:
            assert f"?{p.name}" in out
    flat = " ".join(out.split())
    assert "?unit — name (substring of any label) of the unit, or its IRI; required; example: 区司法局" in flat
    assert "?minReports (integer)" in out and "default: 2" in out


def test_table_aligns_chinese_text(capsys):
    code, out, _ = kg(capsys, "organisations-by-kind", "--graph", FIXTURE)
    assert code == 0
    lines = out.splitlines()
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    for line in lines[2:-1]:
        for label_column in (1, 2):
            label = line.split()[label_column]
            assert width(line[: line.index(label)]) == starts[label_column], line
    assert lines[-1] == "(8 rows)"


def test_table_cuts_long_cells_but_csv_keeps_them(capsys):
    sentence = "创新开展“法治医院”建设,以区人民医院为试点,建成试点医院3家。"
    code, out, _ = kg(capsys, "programme-units", "-g", FIXTURE, "-p", "unit=区人民医院", "--max-width", "12")
    assert code == 0 and sentence not in out and "创新开展“法…" in out
    assert all(width(cell) <= 12 for line in out.splitlines()[2:-1] for cell in line.split("  ") if cell)
    code, out, _ = kg(capsys, "programme-units", "-g", FIXTURE, "-p", "unit=区人民医院", "--max-width", "0")
    assert sentence in out
    code, out, _ = kg(capsys, "programme-units", "-g", FIXTURE, "-p", "unit=区人民医院", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["programmeLabel", "unitLabel", "role", "reportTitle", "sentence", "programmeIri",
                       "unitIri", "reportIri"]
    assert rows[1][4] == sentence and rows[1][6] == ID + "org/0a00000000000003"


def test_width_and_truncate():
    assert width("区司法局") == 8 and width("abc") == 3 and width("e\u0301") == 1
    assert truncate("区司法局abc", 5) == "区司…" and truncate("abc", 5) == "abc"


def test_csv_for_excel(capsys):
    code, out, _ = kg(capsys, "reports", "-g", FIXTURE, "-f", "csv", "--excel")
    assert code == 0 and out.startswith("\ufeffreportTitle,") and out.count("\r\n") == 3


def test_tsv_escapes_tabs_and_newlines(capsys):
    code, out, _ = kg(capsys, "--sparql", r'SELECT ?x ?y WHERE { BIND("a\tb\nc\\d" AS ?x) BIND(2 AS ?y) }',
                      "-g", FIXTURE, "-f", "tsv")
    assert code == 0
    assert out == "x\ty\na\\tb\\nc\\\\d\t2\n"


def test_json_is_sparql_results_json(capsys):
    code, out, _ = kg(capsys, "programme-units", "-g", FIXTURE, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"][:3] == ["programmeLabel", "unitLabel", "role"]
    assert len(data["results"]["bindings"]) == 5
    first = data["results"]["bindings"][0]
    assert first["programmeLabel"] == {"type": "literal", "value": "一村(社区)一法律顾问", "xml:lang": "zh"}
    assert first["programmeIri"]["type"] == "uri"
    parsed = pyoxigraph.parse_query_results(out.encode(), format=pyoxigraph.QueryResultsFormat.JSON)
    assert len(list(parsed)) == 5
    code, out, _ = kg(capsys, "--sparql", "ASK { ?s ?p ?o }", "-g", FIXTURE, "-f", "json")
    assert json.loads(out) == {"head": {}, "boolean": True}


def test_ask_and_construct_in_every_format(capsys):
    for fmt, expected in (("table", "true\n"), ("csv", "boolean\ntrue\n"), ("tsv", "boolean\ntrue\n")):
        assert kg(capsys, "--sparql", "ASK { ?s ?p ?o }", "-g", FIXTURE, "-f", fmt)[1] == expected
    code, out, _ = kg(capsys, "--sparql", "CONSTRUCT { ?r a ?t } WHERE { ?r a <https://w3id.org/govkg/ont#Report> ; a ?t }",
                      "-g", FIXTURE, "-f", "csv")
    assert code == 0 and out.splitlines()[0] == "subject,predicate,object" and len(out.splitlines()) == 3


def test_limit_says_there_is_more(capsys):
    code, out, err = kg(capsys, "provenance", "-g", FIXTURE, "-p", "target=", "--limit", "2", "-f", "csv")
    assert code == 0 and len(out.splitlines()) == 3
    assert "kept the first 2 rows (--limit); there are more" in err
    code, out, _ = kg(capsys, "provenance", "-g", FIXTURE, "-p", "target=", "--limit", "2")
    assert out.splitlines()[-1] == "(first 2 rows; there are more: raise --limit)"


def test_engines_print_the_same_rows(capsys):
    for q in list_queries():
        params = {"unit-programmes": ["-p", "unit=区司法局"], "indicator-series": ["-p", "indicator=出庭应诉率"],
                  "label-search": ["-p", "text=法治"]}.get(q.name, [])
        outputs = [sorted(kg(capsys, q.name, "-g", FIXTURE, "-f", "csv", "--engine", e, *params)[1].splitlines())
                   for e in ("oxigraph", "rdflib")]
        assert outputs[0] == outputs[1], q.name


def test_several_graph_files_and_the_query_after_them(capsys, tmp_path):
    second = tmp_path / "extra.ttl"
    second.write_text('<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "额外法治"@zh .\n', encoding="utf-8")
    code, out, _ = kg(capsys, "--graph", FIXTURE, str(second), "label-search", "-p", "text=额外")
    assert code == 0 and "额外法治" in out
    code, out, _ = kg(capsys, "label-search", "-g", FIXTURE, "-g", str(second), "-p", "text=额外", "-f", "csv")
    assert "urn:x" in out


def test_store_directory(capsys, tmp_path):
    store = pyoxigraph.Store(str(tmp_path / "store"))
    store.load(path=FIXTURE, format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    code, out, _ = kg(capsys, "unit-programmes", "--store", str(tmp_path / "store"), "-p", "unit=区司法局", "-f", "csv")
    assert code == 0 and len(out.splitlines()) == 3


def test_show_query_lists_bindings(capsys):
    code, out, _ = kg(capsys, "unit-programmes", "-g", FIXTURE, "-p", "unit=区司法局", "--show-query")
    assert code == 0 and out.startswith("# title: Programmes of a unit")
    assert out.rstrip().endswith('# bound: ?unit = "区司法局"')


@pytest.mark.parametrize("argv,code,message", [
    (["programe-units", "-g", FIXTURE], 1, "unknown query 'programe-units'; did you mean programme-units"),
    (["unit-programmes", "-g", FIXTURE], 1, "unit-programmes: parameter ?unit is required"),
    (["unit-programmes", "-g", FIXTURE, "-p", "unit"], 2, "--param needs NAME=VALUE, got 'unit'"),
    (["reports", "-g", FIXTURE, "-p", "year=1", "-p", "year=2"], 2, "--param year is given twice"),
    (["reports"], 2, "say where to run the query: --graph FILE, --store DIR or --endpoint URL"),
    (["reports", "-g", FIXTURE, "--store", "x"], 2, "give one of --graph, --store or --endpoint"),
    (["-g", FIXTURE], 2, "give a query NAME or FILE.rq, or --sparql TEXT"),
    (["reports", "--sparql", "ASK {}", "-g", FIXTURE], 2, "give a query NAME or FILE.rq, or --sparql TEXT"),
    (["reports", "-g", "missing.ttl"], 1, "missing.ttl: no such file"),
    (["reports", "--store", "missing-store"], 1, "missing-store: no store here yet; create one with"),
    (["reports", "-g", FIXTURE, "--user", "u"], 2, "--user, --password and --token go with --endpoint"),
    (["reports", "--store", "x", "--ontology"], 2, "--ontology works with --graph"),
    (["reports", "-g", FIXTURE, "--limit", "-1"], 2, "--limit must be 0 or more"),
    (["--sparql", "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "-g", FIXTURE], 1,
     "--sparql: SERVICE at line 1, column 18 is refused"),
    (["--sparql", "DELETE WHERE { ?s ?p ?o }", "-g", FIXTURE], 1, "--sparql: DELETE at line 1, column 1 is refused"),
    (["reports", "-g", FIXTURE, "-p", "bogus=1"], 2, "reports: unknown parameter ?bogus; it takes ?year, ?place"),
    (["--sparql", "SELECT * WHERE {\n ?s ?p \n}", "-g", FIXTURE], 1, "--sparql: syntax error at line 2, column 2"),
    (["reports", "--endpoint", "ftp://example.org/sparql"], 2, "--endpoint needs an http:// or https:// URL"),
])
def test_errors_are_one_line_with_the_right_exit_code(capsys, argv, code, message):
    got, out, err = kg(capsys, *argv)
    assert got == code and out == ""
    assert message in one_line_error(err)


def test_syntax_error_in_a_file_names_the_file(capsys, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("# title: broken\nSELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER(\n}\n", encoding="utf-8")
    code, _, err = kg(capsys, str(path), "-g", FIXTURE)
    assert code == 1 and one_line_error(err).startswith(f"kg query: {path}: syntax error at line ")


def test_timeout_from_the_command_line(capsys, tmp_path):
    path = tmp_path / "slow.nt"
    path.write_text("".join(f"<urn:s:{i}> <urn:p> <urn:o:{i % 5}> .\n" for i in range(2500)), encoding="utf-8")
    code, out, err = kg(capsys, "--sparql", "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                        "-g", str(path), "--timeout", "0.5")
    assert code == 1 and out == ""
    assert "stopped after 0.5 s (--timeout)" in one_line_error(err)


def test_the_refusal_of_an_update_names_commands_that_exist(capsys):
    code, _, err = kg(capsys, "--sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "-g", FIXTURE)
    assert code == 1
    named = re.findall(r"'kg (\w+)", one_line_error(err))
    assert named, err
    commands = {a.dest for a in make_parser()._subparsers._group_actions[0]._choices_actions}
    assert set(named) <= commands, f"{named} are not all kg commands ({sorted(commands)})"


def test_an_unknown_option_prints_the_usage_of_its_command(capsys):
    assert main(["build", FIXTURE, "--bogus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: kg build ") and "unrecognized arguments: --bogus" in err
