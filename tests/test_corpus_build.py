"""Corpus builds: JSONL with metadata, bad lines, mixed inputs, --jobs, progress."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from kg.cli import main
from kg.namespaces import GOV

REPORTS = [
    {"title": "某甲市2024年法治政府建设情况报告", "year": 2024, "province": "某省", "published": "2025-02-01",
     "url": "https://example.org/a report.html",
     "content": "某甲市2024年法治政府建设情况报告\n2024年,市司法局组织开展“法律进万家”活动,全年办理案件12件。"},
    {"title": "某乙县2024年法治政府建设情况报告", "year": 2024,
     "content": "2024年,县司法局组织开展“法律进万家”活动36场次。\n二、存在的不足\n基层法治力量薄弱。"},
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in REPORTS]
    lines.insert(1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_metadata_becomes_the_report_and_a_bad_line_is_named(corpus, tmp_path, capsys):
    out = tmp_path / "g.trig"
    assert main(["build", str(corpus), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{corpus}:2" in err and "Traceback" not in err
    ds = Dataset()
    ds.parse(out, format="trig")
    reports = {s for s, _, _, _ in ds.quads((None, None, GOV.Report, None))}
    assert len(reports) == 2
    titles = {str(o) for _, _, o, _ in ds.quads((None, DCTERMS.title, None, None))}
    assert titles == {r["title"] for r in REPORTS}
    issued = {str(o) for _, _, o, _ in ds.quads((None, DCTERMS.issued, None, None))}
    assert issued == {"2025-02-01"}
    assert any(True for _ in ds.quads((None, GOV.province, Literal("某省"), None)))
    assert any(isinstance(o, URIRef) and "%20" in str(o) for _, _, o, _ in ds.quads((None, RDFS.seeAlso, None, None)))


def test_the_same_programme_in_two_reports_is_one_node_mentioned_in_both(corpus, tmp_path):
    out = tmp_path / "g.nq"
    main(["build", str(corpus), "-o", str(out), "-q"])
    ds = Dataset()
    ds.parse(out, format="nquads")
    progs = {s for s, _, o, _ in ds.quads((None, RDFS.label, None, None)) if str(o) == "法律进万家"}
    assert len(progs) == 1
    (prog,) = progs
    assert len({o for _, _, o, _ in ds.quads((prog, GOV.mentionedIn, None, None))}) == 2
    # 市司法局 and 县司法局 of two places are two bodies
    orgs = {s for s, _, o, _ in ds.quads((None, RDFS.label, None, None)) if str(o).endswith("司法局")}
    assert len(orgs) == 2


def test_jobs_two_writes_the_same_file_as_jobs_one(corpus, tmp_path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    main(["build", str(corpus), str(corpus.parent), "-o", str(one), "--jobs", "1", "-q"])
    main(["build", str(corpus), str(corpus.parent), "-o", str(two), "--jobs", "2", "-q"])
    assert one.read_bytes() == two.read_bytes()
    assert one.stat().st_size > 1000


def test_progress_goes_to_stderr_and_quiet_silences_it(corpus, tmp_path, capsys):
    main(["build", str(corpus), str(corpus), "-o", str(tmp_path / "a.ttl")])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "reports" in captured.err and "chars/s" in captured.err
    main(["build", str(corpus), "-o", str(tmp_path / "b.ttl"), "--quiet"])
    captured = capsys.readouterr()
    assert "chars/s" not in captured.err and "report(s)" not in captured.err


def test_workers_finishing_out_of_order_keep_reports_and_errors_in_input_order(tmp_path):
    # The large report is handed out first and finishes last; lists must still follow the inputs.
    from kg.pipeline import build_dataset

    small = [tmp_path / f"{i}.txt" for i in range(3)]
    for i, path in enumerate(small):
        path.write_text(f"第{i}区2024年工作报告\n区司法局组织开展“法律进社区{i}”活动{i + 3}场。\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("大县2024年工作报告\n" + "县司法局组织开展“法律进乡村”活动12场。\n" * 400, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    inputs = [small[0], empty, small[1], big, tmp_path / "missing.txt", small[2]]
    one, two = build_dataset(inputs, jobs=1), build_dataset(inputs, jobs=2)
    assert two.reports == one.reports and len(one.reports) == 4
    assert [e.source for e in two.errors] == [e.source for e in one.errors]
    assert [e.source for e in one.errors] == [str(empty), str(tmp_path / "missing.txt")]
    assert two.characters == one.characters and set(two.store) == set(one.store)


def test_finding_inputs_reads_no_report(tmp_path):
    # Reading is the workers' job: finding a file that will fail only names it.
    from kg.errors import InputError
    from kg.ingest import iter_pending

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"content": "<p>县司法局开展活动3场。</p>", "year": 2024}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    found = list(iter_pending([bad, corpus]))
    assert [p.source for p in found] == [str(bad), f"{corpus}:1"]
    with pytest.raises(InputError, match="binary"):
        found[0].load()
    line = found[1].load()
    assert line.format == "html" and line.text == "县司法局开展活动3场。" and line.meta["year"] == "2024"
    assert found[1].size == len("<p>县司法局开展活动3场。</p>")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_report_that_trips_a_bug_is_named_and_the_others_are_built(tmp_path, monkeypatch, jobs):
    from kg import pipeline

    real = pipeline.extract_source

    def flaky(source, *args):  # extract_source also takes the limits and a stage callback
        if "坏" in source.text:
            raise ValueError("boom")
        return real(source, *args)

    monkeypatch.setattr(pipeline, "extract_source", flaky)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("县司法局组织开展“法律进乡村”活动12场。\n", encoding="utf-8")
    bad.write_text("坏县司法局组织开展活动3场。\n", encoding="utf-8")
    result = pipeline.build_dataset([bad, good], jobs=jobs)
    assert len(result.reports) == 1
    (err,) = result.errors
    assert err.source == str(bad) and "ValueError: boom" in str(err) and "bug" in str(err)


@pytest.mark.parametrize("url, iri", [
    ("https://example.org/a.html?p=50%", "https://example.org/a.html?p=50%25"),   # a stray %
    ("https://example.org/a.html?a[]=1#x#y", "https://example.org/a.html?a%5B%5D=1#x%23y"),
])
@pytest.mark.parametrize("suffix", [".trig", "store", ".nq"])
def test_a_url_an_iri_cannot_hold_is_encoded_and_every_output_takes_it(tmp_path, url, iri, suffix):
    # nothing parses a report's graph between the writer and the output, so the writer must write
    # an IRI every output (a strict parse, a lenient bulk load) reads the same
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({**REPORTS[0], "url": url}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / ("s" if suffix == "store" else f"g{suffix}")
    assert main(["build", str(path), "-q", *(["--store", str(out)] if suffix == "store" else ["-o", str(out)])]) == 0
    import pyoxigraph as ox
    store = ox.Store(str(out)) if suffix == "store" else ox.Store()
    if suffix != "store":
        store.load(path=str(out), format=ox.RdfFormat.TRIG if suffix == ".trig" else ox.RdfFormat.N_QUADS)
    seen = [q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.seeAlso)), None, None)]
    assert seen == [iri]


def test_a_line_separator_inside_a_literal_survives_an_ntriples_file(tmp_path):
    # U+2028 is written raw, as a store writes it; the .nt writer must not read it as the end of a line
    path = tmp_path / "c.jsonl"
    title = "某甲市2024年\u2028法治政府建设情况报告"
    path.write_text(json.dumps({**REPORTS[0], "title": title}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "g.nt"
    assert main(["build", str(path), "-q", "-o", str(out)]) == 0
    import pyoxigraph as ox
    triples = list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))
    assert title in {t.object.value for t in triples if t.predicate.value == str(DCTERMS.title)}
