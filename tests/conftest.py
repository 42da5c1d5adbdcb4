"""Shared fixtures: where the shared corpus, gold annotations and scorer live."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


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
