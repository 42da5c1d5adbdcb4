"""Shared fixtures: where the shared corpus, gold annotations and scorer live."""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pyoxigraph
import pytest
from query_fixtures import FIXTURE

from kg.query import GraphFiles


def find_shared() -> Path | None:
    """$GOVKG_SHARED, else the ``shared`` folder beside the checkout; None when absent."""
    env = os.environ.get("GOVKG_SHARED")
    for base in ([Path(env)] if env else []) + [Path(__file__).resolve().parents[2] / "shared"]:
        if (base / "corpus").is_dir():
            return base
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    base = find_shared()
    if base is None:
        pytest.skip("the shared corpus and gold folder is not available (set GOVKG_SHARED)")
    return base


# the query tests' two-report fixture, opened as files on each engine and as a store

@pytest.fixture(scope="module")
def query_oxigraph():
    return GraphFiles([FIXTURE])


@pytest.fixture(scope="module")
def query_rdflib():
    return GraphFiles([FIXTURE], engine="rdflib")


@pytest.fixture(scope="module")
def query_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "oxigraph"
    store = pyoxigraph.Store(str(path))
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return path
