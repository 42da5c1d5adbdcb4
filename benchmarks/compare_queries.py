"""Named queries before and after a change: same rows? how long? (one store, runs interleaved)

    .venv/bin/python benchmarks/compare_queries.py STORE [--base REV] [--runs 3] [--only NAME ...] [--dumps]
                                                       [--case NAME K=V ...]

For every named query (with the parameters of benchmarks/bench_query.py: PARAMS,
then TYPICAL; with --dumps also its DUMPS), the
query text at git revision --base (default HEAD) and the one in queries/ now are
run through kg.query.run on the Oxigraph store STORE, as `kg query` runs them:
one warm-up each, then --runs timed runs, old and new alternating so that both
see the same load. It prints, per case, the rows of each, whether the columns
and the multiset of rows are the same, whether the order is the same, and the
median seconds of each. Exit status 1 when any case gives other rows.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_query import DUMPS, PARAMS, TYPICAL

from kg.query import OxigraphStore, list_queries, run


def _key(row: tuple) -> tuple:
    return tuple(None if term is None else str(term) for term in row)


def _timed(path: Path, store: OxigraphStore, params: dict[str, str]) -> tuple[float, object]:
    start = time.perf_counter()
    result = run(path, store, params, timeout=0)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="an Oxigraph store directory (kg build --store)")
    parser.add_argument("--base", default="HEAD", help="git revision of the queries to compare with (default HEAD)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--only", nargs="*", help="only these named queries")
    parser.add_argument("--dumps", action="store_true", help="also the whole-graph dumps")
    parser.add_argument("--case", nargs="+", action="append", default=[], metavar="NAME [K=V ...]",
                        help="a case of its own (repeatable): a named query and its parameters")
    args = parser.parse_args(argv)

    cases = [(q.name, PARAMS.get(q.name, {})) for q in list_queries()] + TYPICAL
    if args.dumps:
        cases += DUMPS
    if args.only:
        cases = [c for c in cases if c[0] in args.only]
    cases += [(name, dict(kv.split("=", 1) for kv in kvs)) for name, *kvs in args.case]
    store = OxigraphStore(args.store)
    load = os.getloadavg()
    print(f"# store {args.store}; base {args.base}; medians of {args.runs}, after a warm-up, old and new alternating; "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at start")
    print(f"{'case':<48}{'rows old':>9}{'rows new':>9}  same rows  same order{'old s':>9}{'new s':>9}")
    differ = 0
    with tempfile.TemporaryDirectory(prefix="compare-queries-") as tmp:
        for name, params in cases:
            new_path = ROOT / "queries" / f"{name}.rq"
            old_path = Path(tmp) / f"{name}.rq"
            old_path.write_text(subprocess.run(["git", "show", f"{args.base}:queries/{name}.rq"], cwd=ROOT,
                                               check=True, capture_output=True, text=True).stdout, encoding="utf-8")
            _, old = _timed(old_path, store, params)  # warm-ups
            _, new = _timed(new_path, store, params)
            old_times, new_times = [], []
            for _ in range(args.runs):
                seconds, old = _timed(old_path, store, params)
                old_times.append(seconds)
                seconds, new = _timed(new_path, store, params)
                new_times.append(seconds)
            old_rows = [_key(r) for r in old.rows]
            new_rows = [_key(r) for r in new.rows]
            same = old.variables == new.variables and Counter(old_rows) == Counter(new_rows)
            order = same and old_rows == new_rows
            differ += not same
            label = name + "".join(f" {k}={v}" for k, v in params.items())
            print(f"{label:<48}{len(old_rows):>9}{len(new_rows):>9}  {'yes' if same else 'NO ':<9}  "
                  f"{'yes' if order else 'no ':<10}{statistics.median(old_times):>9.3f}"
                  f"{statistics.median(new_times):>9.3f}", flush=True)
    load = os.getloadavg()
    print(f"# load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
