"""Layers only point down: what each part of kg/ may import (docs/architecture.md).

The extraction side knows nothing of RDF, stores or queries; the read side
(query, view, store, server) knows nothing of the extractors; nothing below the
command line imports it. Imports are read from the source with ast, including
those inside functions.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

EXTRACTION = ("kg.ingest", "kg.structure", "kg.extract", "kg.resolve", "kg.segment")
READ_SIDE = ("kg.query", "kg.view", "kg.store", "kg.remote", "kg.serve",
             "kg.validate")
WRITE_SIDE = ("kg.rdf", "kg.rdf_io", "kg.http_client", "kg.store", "kg.query", "kg.view", "kg.remote",
              "kg.serve", "kg.validate", "kg.pipeline")

# (who, may not import, why)
RULES = [
    (("kg",), ("kg.cli",), "only the command line parses argv; everything else is library"),
    (EXTRACTION, WRITE_SIDE, "extraction knows nothing of RDF, stores, queries or views"),
    (("kg.rdf", "kg.identity", "kg.document_kinds"), EXTRACTION,
     "writing RDF and telling names apart load no extractor (name identity lives in kg.identity)"),
    # kg.ingest is allowed: the server's report page reads a report's text again (the graph keeps sentences)
    (READ_SIDE, ("kg.structure", "kg.extract", "kg.resolve", "kg.segment", "kg.pipeline"),
     "query, view and stores read graphs, never the extractors"),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package upwards
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith((p + ".", p + "_")) for p in prefixes)


MODULES = sorted(p for p in KG.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("who,forbidden,why", RULES, ids=[r[2][:40] for r in RULES])
def test_layers_point_down(who, forbidden, why):
    broken = []
    for path in MODULES:
        name = module_name(path)
        if not within(name, who) or within(name, forbidden) or name == "kg.__main__":   # python -m kg: the CLI
            continue
        bad = sorted(i for i in imports(path) if within(i, forbidden))
        if bad:
            broken.append(f"{name} imports {', '.join(bad)}")
    assert not broken, f"{why}:\n" + "\n".join(broken)


def test_the_rules_see_real_imports():
    """A guard for the guard: the reader finds imports that are known to be there."""
    assert "kg.errors" in imports(KG / "pipeline.py")
    assert any(i.startswith("kg.extract") for i in imports(KG / "pipeline.py"))
    assert within("kg.query.engines", READ_SIDE) and not within("kg.queryx", ("kg.query",))


MAX_LINES = 400     # docs/architecture.md: small modules with one job each


def test_no_module_is_over_400_lines():
    long = {module_name(p): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules (lines): {long}"
