#!/usr/bin/env bash
# Install govkg into .venv and build the bundled sample report: out/graph.ttl and out/graph.html.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/python build_graph.py "$@"
