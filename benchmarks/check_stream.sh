#!/bin/sh
# Same statements before and after a change to kg build: both corpora built to N-Quads by two
# kg commands (e.g. the venv of a worktree of the old commit, and this one's), sorted lines compared;
# the new one also builds into a store, whose export must hold the same lines.
#
#   benchmarks/check_stream.sh /tmp/old/.venv/bin/kg .venv/bin/kg [CORPUS...]
set -eu
old=$1 new=$2
shift 2
[ $# -gt 0 ] || set -- ../shared/corpus/government_work_reports.jsonl ../shared/corpus/provincial_work_reports_2026.jsonl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$old" build "$@" -o "$work/old.nq" -q
"$new" build "$@" -o "$work/new.nq" --store "$work/store" -q
"$new" export --store "$work/store" -o "$work/store.nq" -q
for f in old new store; do LC_ALL=C sort "$work/$f.nq" > "$work/$f.sorted"; done
cmp "$work/old.sorted" "$work/new.sorted"
cmp "$work/old.sorted" "$work/store.sorted"
echo "same $(wc -l < "$work/old.sorted") statements: file and store"
