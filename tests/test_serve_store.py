"""kg serve over a store: opened read-only, so kg build can write the same store while it runs; views on demand."""
from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.cli import main
from kg.query import OxigraphStore
from kg.rdf_io import read_files
from kg.serve.app import create_app
from kg.store import replace_reports

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "two-reports.trig"
COUNT = "PREFIX gov: <https://w3id.org/govkg/ont#> SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a gov:Report }"
FIRST = "白沙县2024年法治政府建设工作报告\n\n一、主要工作\n\n县司法局牵头开展“法治乡村”建设,全年培训执法人员120人次。\n"
SECOND = "青山区2024年法治政府建设工作报告\n\n一、主要工作\n\n区司法局牵头推进“八五”普法,举办讲座15场。\n"


def reports(client) -> int:
    r = client.get("/sparql", params={"query": COUNT})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def store_of_first(tmp_path: Path) -> tuple[Path, Path]:
    """A store holding the first report, and the second report's file (not built yet)."""
    store = tmp_path / "store"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    assert main(["build", str(first), "--store", str(store)]) == 0
    return store, second


def build_elsewhere(source: Path, store: Path) -> None:
    """kg build of ``source`` into ``store`` from another process, as a user's second terminal would."""
    build = subprocess.run([sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))",
                            "build", str(source), "--store", str(store)], check=False, capture_output=True, text=True,
                           timeout=120)
    assert build.returncode == 0, build.stderr


def test_build_writes_the_store_while_a_server_reads_it(tmp_path):
    store, second = store_of_first(tmp_path)
    with TestClient(create_app(OxigraphStore(store))) as client:
        assert reports(client) == 1
        # another process writes the same store while this one serves it
        build_elsewhere(second, store)
        assert reports(client) == 2          # each query opens the store afresh: the new report is there
        assert client.get("/").status_code == 200   # and the pages made before it still serve
    with TestClient(create_app(OxigraphStore(store))) as client:
        assert reports(client) == 2          # a server started afterwards sees both reports


def test_not_a_store_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["serve", "--store", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg serve: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = tmp_path_factory.mktemp("views") / "store"
    replace_reports(store, read_files([FIXTURE]))
    with TestClient(create_app(OxigraphStore(store))) as c:
        yield c


def test_neighbourhood_view_on_demand(client):
    html = client.get("/view/id/programme/c000000000000001", params={"depth": "1"}).text
    assert '<script type="application/json" id="kg-data">' in html
    data = html[html.index('id="kg-data">'):]
    assert "法治医院" in data and "区人民医院" in data       # its pilot unit is one step away
    assert "东城区司法局" not in data                        # two steps away (through report A) only
    assert "connect-src 'none'" in client.get("/view/id/programme/c000000000000001").headers["content-security-policy"]


def test_neighbourhood_depth_is_one_or_two(client):
    assert client.get("/view/id/programme/c000000000000001", params={"depth": "3"}).status_code == 400
    assert client.get("/view/id/programme/ffffffffffffffff").status_code == 404


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_query_past_the_deadline_is_stopped_and_the_server_answers_on(tmp_path):
    store = tmp_path / "store"
    replace_reports(store, read_files([FIXTURE]))
    app = create_app(OxigraphStore(store), timeout=0.5, workers=1)
    with TestClient(app) as client:
        assert reports(client) == 2
        [worker] = app.state.pool.pids()
        r = client.get("/sparql", params={"query": SLOW})
        assert r.status_code == 503 and "stopped after 0.5 s" in r.text
        assert worker not in app.state.pool.pids()     # that process was killed with its query
        assert reports(client) == 2                    # a fresh one answers the next request
        assert client.get("/").status_code == 200
    assert app.state.pool.pids() == []                 # none left once the app has stopped


def test_a_page_whose_query_is_stopped_answers_503(tmp_path, monkeypatch):
    from kg.errors import QueryError
    from kg.serve.reader import Reader

    store = tmp_path / "store"
    replace_reports(store, read_files([FIXTURE]))
    with TestClient(create_app(OxigraphStore(store), workers=1)) as client:
        def stopped(self, text, **bindings):
            raise QueryError("kg serve select: stopped after 1 s (--timeout); narrow it with --param or --limit, "
                             "or raise --timeout")

        monkeypatch.setattr(Reader, "select", stopped)
        r = client.get("/id/programme/c000000000000001")
        assert r.status_code == 503 and "stopped after 1 s" in r.text and r.text.count("\n") == 1


def test_pages_follow_a_build_that_writes_the_store_while_serving(tmp_path):
    store, second = store_of_first(tmp_path)
    app = create_app(OxigraphStore(store))
    with TestClient(app) as client:
        home_before = client.get("/").text
        assert "区司法局" not in client.get("/search", params={"q": "司法局"}).text
        build_elsewhere(second, store)
        client.get("/")                      # the first request after the build notices it ...
        app.state.fresh.wait(60)             # ... and the pages are made again in the background
        assert "区司法局" in client.get("/search", params={"q": "司法局"}).text
        assert client.get("/").text != home_before   # the home page's counts are made again too
        seen = app.state.fresh.seen
        client.get("/")
        assert app.state.fresh.seen == seen  # an unchanged store is not read again
