#!/usr/bin/env bash
# Install govkg with its test dependencies into .venv and run the whole test suite.
# Browser tests need Debian's chromium, the Virtuoso tests Debian's virtuoso-opensource:
# both installed here with apt-get when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
if [ ! -x /usr/lib/chromium/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser tests ..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "could not install chromium: browser tests will be skipped" >&2
fi
if ! command -v virtuoso-t >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's virtuoso-opensource for the Virtuoso tests ..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null) \
    || echo "could not install virtuoso-opensource: Virtuoso tests will be skipped" >&2
fi
exec .venv/bin/python -m pytest -q "$@"
