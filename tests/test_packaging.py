"""The package as a user installs it: wheel and sdist built, the wheel installed (not editable)
into a fresh venv, and `kg` run from a folder outside the checkout.

The fresh venv sees this venv's site-packages through a .pth file so that the
dependencies need not be downloaded again; .pth files of that folder (such as an
editable install's finder) are not processed, so `kg` can only come from the wheel.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
DATA_SUFFIXES = (".txt", ".tsv", ".ttl", ".rq", ".html", ".js", ".css")

pytestmark = pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import build"], check=False, capture_output=True).returncode != 0,
    reason="the 'build' package is missing: install govkg with its test extras (pip install -e '.[test]')",
)


def run(cmd: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(c) for c in cmd], check=False, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done


# What a checkout holds besides the project: left-overs of earlier builds (an editable
# install's egg-info lists files that a stale package list would leave out) are not copied.
NOT_PROJECT = shutil.ignore_patterns(".*", "*.egg-info", "build", "dist", "out", "__pycache__")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    clean = tmp_path_factory.mktemp("checkout") / "govkg"
    shutil.copytree(ROOT, clean, ignore=NOT_PROJECT)
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", out, clean], cwd=out)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", home], cwd=home)
    python = home / "bin" / "python"
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=home).stdout.strip()
    (Path(site) / "outer-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(dist.glob("*.whl"))
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel],
        cwd=home)
    return home


def package_files() -> set[str]:
    """Every module and data file the wheel must hold, as paths inside it."""
    found = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*")
             if p.suffix in (".py",) + DATA_SUFFIXES and "__pycache__" not in p.parts}
    found |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg" / "serve" / "static").rglob("*") if p.is_file()}
    for top in ("ontology", "queries"):
        found |= {f"kg/{top}/{p.name}" for p in (ROOT / top).iterdir() if p.suffix in (".py",) + DATA_SUFFIXES}
    return found


def test_wheel_holds_every_module_and_data_file(dist):
    names = set(zipfile.ZipFile(next(dist.glob("*.whl"))).namelist())
    missing = sorted(package_files() - names)
    assert not missing, f"the wheel lacks {missing[:10]}"


def test_sdist_holds_what_a_wheel_is_built_from(dist):
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for needed in ("pyproject.toml", "setup.py", "README.md", "ontology/gov.ttl", "queries/programme-units.rq",
                   "kg/ingest/__init__.py", "kg/lexicon/units.txt"):
        assert needed in names, f"the sdist lacks {needed}"


def test_installed_kg_builds_queries_and_draws_from_any_folder(venv, tmp_path):
    bindir = venv / "bin"
    where = run([bindir / "python", "-c", "import kg; print(kg.__file__)"], cwd=tmp_path).stdout
    assert str(venv) in where, f"kg was imported from {where}, not from the installed wheel"
    run([bindir / "kg", "build", SAMPLE, "-o", "graph.trig", "--quiet"], cwd=tmp_path)
    rows = run([bindir / "kg", "query", "programme-units", "--graph", "graph.trig", "--format", "csv"],
               cwd=tmp_path).stdout.splitlines()
    assert len(rows) > 1, "programme-units gave no row on the sample"
    listing = run([bindir / "kg", "query", "--list"], cwd=tmp_path).stdout
    assert "programme-units" in listing and "indicator-series" in listing
    run([bindir / "kg", "view", "graph.trig", "-o", "view.html"], cwd=tmp_path)
    page = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert "<html" in page.lower() and len(page) > 10_000


def test_build_graph_script_runs_in_a_checkout_after_a_plain_install(venv, tmp_path):
    """The checkout's own kg/ comes first on the path and has no kg/ontology: the top-level folders serve."""
    done = run([venv / "bin" / "python", ROOT / "build_graph.py", "--out", tmp_path], cwd=ROOT)
    assert "view:" in done.stdout
    assert (tmp_path / "graph.ttl").stat().st_size > 1000 and (tmp_path / "graph.html").is_file()
