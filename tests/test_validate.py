"""kg validate and kg.validate: the shipped SHACL shapes on hand-made graphs, the sample, and the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main
from kg.pipeline import build_dataset
from kg.validate import load_shapes, validate, validate_oxigraph

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"

PREFIXES = """\
@prefix gov: <https://w3id.org/govkg/ont#> .
@prefix report: <https://w3id.org/govkg/id/report/> .
@prefix org: <https://w3id.org/govkg/id/org/> .
@prefix programme: <https://w3id.org/govkg/id/programme/> .
@prefix resp: <https://w3id.org/govkg/id/resp/> .
@prefix indicator: <https://w3id.org/govkg/id/indicator/> .
@prefix obs: <https://w3id.org/govkg/id/obs/> .
@prefix mention: <https://w3id.org/govkg/id/mention/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# One small report graph that keeps every promise of docs/graph-shape.md; each line
# is one statement, so a test can drop exactly the statements it wants missing.
GOOD_LINES = [
    'report:t a gov:Report .',
    'report:t dcterms:title "某某县2023年法治政府建设工作报告"@zh .',
    'report:t gov:year "2023"^^xsd:gYear .',
    'report:t dcterms:publisher org:gov .',
    'org:gov a gov:Organisation , gov:Government .',
    'org:gov rdfs:label "某某县人民政府"@zh .',
    'org:gov gov:mentionedIn report:t .',
    'org:gov prov:wasDerivedFrom mention:m1 .',
    'org:bureau a gov:Department .',                       # typed only by a subclass of gov:Organisation
    'org:bureau rdfs:label "县文旅局"@zh .',
    'org:bureau gov:mentionedIn report:t .',
    'org:bureau prov:wasDerivedFrom mention:m2 .',
    'programme:p a gov:Programme .',
    'programme:p rdfs:label "送戏下乡"@zh .',
    'programme:p gov:mentionedIn report:t .',
    'programme:p prov:wasDerivedFrom mention:m2 .',
    'programme:p gov:leadUnit org:bureau .',
    'programme:p gov:responsibleUnit org:bureau .',
    'programme:p gov:qualifiedResponsibility resp:r .',
    'resp:r a gov:Responsibility .',
    'resp:r gov:unitOf org:bureau .',
    'resp:r gov:role "lead" .',
    'resp:r prov:wasDerivedFrom mention:m2 .',
    'indicator:i a gov:Indicator .',
    'indicator:i rdfs:label "演出场次"@zh .',
    'obs:o a gov:Observation .',
    'obs:o gov:value 120.0 .',
    'obs:o gov:unit "场" .',
    'obs:o gov:indicator indicator:i .',
    'obs:o gov:year "2023"^^xsd:gYear .',
    'obs:o gov:mentionedIn report:t .',
    'obs:o prov:wasDerivedFrom mention:m2 .',
    'mention:m1 a gov:Mention .',
    'mention:m1 gov:inReport report:t .',
    'mention:m1 gov:sentence "某某县人民政府印发实施方案。" .',
    'mention:m1 gov:start 0 .',
    'mention:m1 gov:end 7 .',
    'mention:m2 a gov:Mention .',
    'mention:m2 gov:inReport report:t .',
    'mention:m2 gov:sentence "县文旅局牵头开展送戏下乡,全年演出120场。" .',
    'mention:m2 gov:start 20 .',
    'mention:m2 gov:end 24 .',
]


def trig(lines: list[str]) -> str:
    return PREFIXES + "report:t {\n" + "\n".join("  " + line for line in lines) + "\n}\n"


def write(tmp_path: Path, lines: list[str], name: str = "g.trig") -> Path:
    path = tmp_path / name
    path.write_text(trig(lines), encoding="utf-8")
    return path


def without(*dropped: str) -> list[str]:
    missing = [d for d in dropped if d not in GOOD_LINES]
    assert not missing, missing
    return [line for line in GOOD_LINES if line not in dropped]


def grouped(result) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {g.name: [f.focus.rsplit("/id/", 1)[-1] for f in g.findings] for g in result.groups}


def test_a_graph_that_keeps_every_promise_conforms(tmp_path):
    result = validate([write(tmp_path, GOOD_LINES)])
    assert result.conforms, grouped(result)
    assert result.groups == [] and result.graphs == 1 and result.triples >= len(GOOD_LINES)


def test_missing_year_unit_and_mention_give_exactly_those_results_grouped_by_shape(tmp_path):
    broken = without('report:t gov:year "2023"^^xsd:gYear .', 'obs:o gov:unit "场" .',
                     'programme:p prov:wasDerivedFrom mention:m2 .')
    result = validate([write(tmp_path, broken)])
    assert not result.conforms
    assert grouped(result) == {"entity-mention": ["programme/p"], "observation-unit": ["obs/o"],
                               "report-year": ["report/t"]}
    assert [(g.name, g.severity) for g in result.groups] == [
        ("entity-mention", "Violation"), ("observation-unit", "Violation"), ("report-year", "Warning")]
    assert (result.violations, result.warnings) == (2, 1)
    by_name = {g.name: g for g in result.groups}
    programme = by_name["entity-mention"].findings[0]
    assert programme.label == "送戏下乡" and programme.graph.endswith("/id/report/t")
    assert "mention" in programme.message and "gov:unit" in by_name["observation-unit"].message
    assert by_name["report-year"].findings[0].label == "某某县2023年法治政府建设工作报告"


def test_a_report_without_title_or_year_is_a_warning_that_strict_counts(tmp_path):
    path = write(tmp_path, without('report:t gov:year "2023"^^xsd:gYear .',
                                   'report:t dcterms:title "某某县2023年法治政府建设工作报告"@zh .'))
    lenient, strict = validate([path]), validate([path], strict=True)
    assert lenient.conforms and not strict.conforms
    for result in (lenient, strict):
        assert grouped(result) == {"report-title": ["report/t"], "report-year": ["report/t"]}
        assert (result.violations, result.warnings) == (0, 2)
    assert not validate([write(tmp_path, GOOD_LINES + ['report:t gov:year "2022"^^xsd:gYear .'])]).conforms


@pytest.mark.parametrize("dropped,shape,focus", [
    ('org:bureau rdfs:label "县文旅局"@zh .', "entity-label", "org/bureau"),
    ('obs:o gov:value 120.0 .', "observation-value", "obs/o"),
    ('obs:o gov:year "2023"^^xsd:gYear .', "observation-year", "obs/o"),
    ('resp:r gov:unitOf org:bureau .', "responsibility-unit", "resp/r"),
    ('resp:r gov:role "lead" .', "responsibility-role", "resp/r"),
    ('mention:m1 gov:sentence "某某县人民政府印发实施方案。" .', "mention-sentence", "mention/m1"),
    ('mention:m2 gov:inReport report:t .', "mention-report", "mention/m2"),
    ('mention:m2 gov:end 24 .', "mention-end", "mention/m2"),
    ('indicator:i rdfs:label "演出场次"@zh .', "named-label", "indicator/i"),
])
def test_each_promise_has_its_shape(tmp_path, dropped, shape, focus):
    result = validate([write(tmp_path, without(dropped))])
    assert not result.conforms
    assert shape in grouped(result) and focus in grouped(result)[shape], grouped(result)


def test_wrong_kinds_of_value_are_named_with_the_value(tmp_path):
    lines = without('obs:o gov:value 120.0 .', 'mention:m2 gov:start 20 .', 'org:gov a gov:Organisation , gov:Government .')
    lines += ['obs:o gov:value "一百二十" .', 'mention:m2 gov:start 30 .', 'org:gov a gov:Place .']
    groups = {g.name: g for g in validate([write(tmp_path, lines)]).groups}
    assert groups["observation-value"].findings[0].value == "一百二十"
    assert groups["mention-start"].findings[0].focus.endswith("mention/m2")      # starts after its end
    assert groups["report-publisher"].findings[0].value.endswith("/id/org/gov")  # publisher not an organisation


def test_report_counts_are_whole_numbers_when_written(tmp_path):
    counted = GOOD_LINES + ['report:t gov:organisationCount 2 .', 'report:t gov:planCount 0 .']
    assert validate([write(tmp_path, counted)]).conforms
    for bad in ('report:t gov:programmeCount -1 .', 'report:t gov:documentCount "三" .', 'report:t gov:problemCount 1.5 .'):
        groups = {g.name: g for g in validate([write(tmp_path, counted + [bad])]).groups}
        assert {f.focus.rsplit("/id/", 1)[-1] for f in groups["report-counts"].findings} == {"report/t"}, bad


def test_each_named_graph_is_validated_on_its_own(tmp_path):
    # the mention lives in another report's graph: within its own graph the programme has none
    good = trig(without('mention:m2 a gov:Mention .'))
    other = "report:u {\n  mention:m2 a gov:Mention .\n}\n"
    path = tmp_path / "two.trig"
    path.write_text(good + other, encoding="utf-8")
    result = validate([path])
    assert result.graphs == 2
    assert "entity-mention" in grouped(result) and "programme/p" in grouped(result)["entity-mention"]


def test_a_turtle_file_is_validated_as_one_graph(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(PREFIXES + "\n".join(without('obs:o gov:unit "场" .')) + "\n", encoding="utf-8")
    result = validate([path])
    assert result.graphs == 1 and grouped(result) == {"observation-unit": ["obs/o"]}


def test_the_sample_report_conforms():
    built = build_dataset(sorted(SAMPLE.glob("*.txt")))
    assert built.reports and not built.errors
    result = validate_oxigraph(built.store)
    assert result.conforms, grouped(result)
    assert result.graphs == len(built.reports) and result.triples > 1000


def test_the_shipped_shapes_name_every_shape_and_message():
    from rdflib import RDF, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = load_shapes()
    property_shapes = set(shapes.subjects(RDF.type, sh.PropertyShape))
    assert len(property_shapes) >= 20
    for shape in property_shapes:
        assert str(shape).startswith("https://w3id.org/govkg/shapes#"), shape
        assert shapes.value(shape, sh.message) is not None, shape
        assert any(shapes.triples((shape, p, None)) for p in (sh.targetClass, sh.targetSubjectsOf,
                                                              sh.targetObjectsOf)), shape


def test_the_docs_name_every_shipped_shape_and_the_command():
    from rdflib import RDF, Namespace

    from kg.validate import SHAPES_NS

    sh = Namespace("http://www.w3.org/ns/shacl#")
    names = {str(s).removeprefix(SHAPES_NS) for s in load_shapes().subjects(RDF.type, sh.PropertyShape)}
    doc = (ROOT / "docs" / "graph-shape.md").read_text(encoding="utf-8")
    assert {n for n in names if f"`{n}`" not in doc} == set()
    assert "`kg validate" in (ROOT / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the command

def test_cli_exit_0_when_it_conforms(tmp_path, capsys):
    assert main(["validate", str(write(tmp_path, GOOD_LINES))]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("conforms: 1 graph") and captured.err == ""


def test_cli_warnings_are_listed_and_fail_only_with_strict(tmp_path, capsys):
    path = str(write(tmp_path, without('report:t gov:year "2023"^^xsd:gYear .')))
    assert main(["validate", path]) == 0
    out = capsys.readouterr().out
    assert out.startswith("conforms: 1 warning in 1 graph") and "report-year  1  [warning]" in out
    assert main(["validate", path, "--strict"]) == 1
    assert capsys.readouterr().out.startswith("does not conform: 1 warning")


def test_cli_exit_1_and_groups_by_shape(tmp_path, capsys):
    broken = without('obs:o gov:unit "场" .', 'org:gov prov:wasDerivedFrom mention:m1 .',
                     'org:bureau prov:wasDerivedFrom mention:m2 .')
    assert main(["validate", str(write(tmp_path, broken)), "--examples", "1"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("does not conform: 3 violations in 1 graph")
    heads = [line for line in lines if line and not line.startswith(" ") and line != lines[0]]
    assert [h.split()[:2] for h in heads] == [["entity-mention", "2"], ["observation-unit", "1"]]
    assert "县文旅局" in out or "某某县人民政府" in out
    assert "… and 1 more" in out


def test_cli_validates_a_store(tmp_path, capsys):
    from kg.rdf_io import read_files
    from kg.store import replace_reports

    store = tmp_path / "store"
    replace_reports(store, read_files([write(tmp_path, without('obs:o gov:year "2023"^^xsd:gYear .'))]))
    assert main(["validate", "--store", str(store)]) == 1
    assert "observation-year  1" in capsys.readouterr().out


@pytest.mark.parametrize("argv_tail,expected", [
    (["missing.trig"], "missing.trig: no such file"),
    (["bad.trig"], "bad.trig: not valid trig"),
    (["g.txt"], "g.txt: unknown RDF file extension"),
    (["--store", "nostore"], "no store here yet"),
    (["good.trig", "--shapes", "missing-shapes.ttl"], "missing-shapes.ttl: cannot read the shapes file"),
    (["good.trig", "--shapes", "bad.trig"], "bad.trig: not valid Turtle"),
    (["good.trig", "--shapes", "wrong.ttl"], "pySHACL cannot use the shapes"),
    ([], "give RDF files or --store DIR"),
    (["good.trig", "--store", "nostore"], "give RDF files or --store DIR"),
])
def test_cli_exit_2_with_one_line_when_nothing_could_be_checked(tmp_path, capsys, monkeypatch, argv_tail, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.trig").write_text(PREFIXES + "report:t { report:t a }\n", encoding="utf-8")
    (tmp_path / "g.txt").write_text("not rdf", encoding="utf-8")
    (tmp_path / "wrong.ttl").write_text(       # a count that is not a number
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a sh:PropertyShape ; sh:targetNode <urn:x> ;"
        ' sh:path <urn:p> ; sh:minCount "one" .\n', encoding="utf-8")
    write(tmp_path, GOOD_LINES, "good.trig")
    assert main(["validate", *argv_tail]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert expected in err and "Traceback" not in err and len(err.splitlines()) == 1, err
    assert captured.out == ""


def test_cli_help_explains_the_checks_and_exit_codes(capsys):
    assert main(["validate", "--help"]) == 0
    out = capsys.readouterr().out
    assert "SHACL" in out and "exit codes" in out and "--store" in out and "observation" in out
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_an_observation_without_an_indicator_is_a_warning_and_two_are_a_violation(tmp_path):
    alone = validate([write(tmp_path, without('obs:o gov:indicator indicator:i .'))])
    assert alone.conforms and grouped(alone) == {"observation-indicated": ["obs/o"]}
    two = validate([write(tmp_path, GOOD_LINES + ['obs:o gov:indicator indicator:j .',
                                                  'indicator:j a gov:Indicator ; rdfs:label "场次"@zh .'])])
    assert not two.conforms and "obs/o" in grouped(two)["observation-indicator"]


def test_a_pilot_place_may_be_a_unit_but_a_programme_may_not(tmp_path):
    place = ['<https://w3id.org/govkg/id/place/p> a gov:Place .',
             '<https://w3id.org/govkg/id/place/p> rdfs:label "东川"@zh .',
             'programme:p gov:pilotUnit <https://w3id.org/govkg/id/place/p> .',
             'programme:p gov:responsibleUnit <https://w3id.org/govkg/id/place/p> .']
    result = validate([write(tmp_path, GOOD_LINES + place)])
    assert result.conforms, grouped(result)
    wrong = ['programme:p gov:responsibleUnit programme:p .']
    result = validate([write(tmp_path, GOOD_LINES + wrong, "bad.trig")])
    assert grouped(result) == {"responsible-unit": ["programme/p"]}
