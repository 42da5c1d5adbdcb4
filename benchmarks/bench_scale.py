#!/usr/bin/env python3
"""Scale benchmark: `kg build --store` on 1x/4x/16x copies of the shared corpora, against jieba.cut.

    .venv/bin/python benchmarks/bench_scale.py [--factors 1 4 16] [--jobs 1 2] [--repeat 1] [--no-file] [--no-queries]
                                               [--corpus FILE ...] [--work DIR] [--runs 3]

For each factor F it writes one JSONL corpus holding F copies of every report
of the two shared corpora; copy c > 1 gets a marker sentence and a numbered
title, so each copy is a distinct report (its own text hash, so its own IRI).
Then, for each --jobs, `kg build CORPUS --store DIR -q` runs as a subprocess
into a fresh store, then once more into the same store (every report
unchanged, so skipped: the incremental rebuild), then `kg build CORPUS -o FILE.nq`
(unless --no-file), and the table gives: wall time, CPU time of the whole
process tree (the command and its workers), peak memory of the whole tree
(the sum of the RSS of the command and its descendants, sampled every 0.1 s),
store size on disk and quads; `jieba.cut` over the same text, timed in a
subprocess in the same run, gives the ratio. Last, every named query (with the
parameters of benchmarks/bench_query.py) is timed on the largest store: one
warm-up, then the median of --runs.

The machine's load is printed with the figures: on a shared machine they are
upper bounds.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import JIEBA  # (jieba.cut over the texts of the given inputs)
from bench_query import PARAMS  # (values that occur in the shared corpora)

DEFAULT = [ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl",
           ROOT.parent / "shared" / "corpus" / "provincial_work_reports_2026.jsonl"]
_BESIDE = Path(sys.executable).with_name("kg")        # the venv's kg command, else the same via -c
KG = [str(_BESIDE)] if _BESIDE.is_file() else [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- corpora

def mark(content: str, copy: int) -> str:
    """``content`` with a copy number after its first and its last full stop: inside the report's own
    text, which the reader keeps (a line added after an HTML page's body would go with the page furniture)."""
    first, last = content.find("。"), content.rfind("。")
    if first < 0:
        return f"{content}\n副本{copy}。"
    tag = f"（副本{copy}）"
    if last > first:
        content = content[:last + 1] + tag + content[last + 1:]
    return content[:first + 1] + tag + content[first + 1:]


def replicate(sources: list[Path], factor: int, out: Path) -> tuple[int, int]:
    """Write ``factor`` distinct copies of every report of ``sources`` to ``out``; (reports, characters)."""
    reports = chars = 0
    with out.open("w", encoding="utf-8") as sink:
        for copy in range(1, factor + 1):
            for source in sources:
                for line in source.read_text(encoding="utf-8").splitlines():
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    if copy > 1:   # a marker that changes the text (so its hash and IRI) and nothing else
                        record["content"] = mark(record.get("content", ""), copy)
                        record["title"] = f"{record.get('title', '')}（副本{copy}）"
                    reports += 1
                    chars += len(record.get("content", ""))
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return reports, chars


# ---------------------------------------------------------------- measuring a process tree

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants now."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
    return total


def measure(command: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds of the tree (user + system), peak tree RSS in MiB of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):       # 1: some input failed, the others were built
        raise SystemExit(f"{' '.join(command[:4])} … failed ({process.returncode}): {err.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mib": peak[0] / 2**20, "stdout": out.decode()}


def store_figures(store: Path) -> tuple[float, int, int]:
    """(MiB on disk, quads, named graphs) of an Oxigraph store folder."""
    import pyoxigraph

    size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
    opened = pyoxigraph.Store.read_only(str(store))
    return size / 2**20, len(opened), sum(1 for _ in opened.named_graphs())


# ---------------------------------------------------------------- queries

def query_latencies(store: Path, runs: int) -> list[tuple[str, float, int]]:
    from kg.errors import KGError
    from kg.query import OxigraphStore, list_queries, run

    source, out = OxigraphStore(store), []
    for query in list_queries():
        params = PARAMS.get(query.name, {})
        times, rows = [], 0
        try:
            run(query.name, source, params)                 # warm-up
            for _ in range(runs):
                t = time.perf_counter()
                rows = len(run(query.name, source, params).rows)
                times.append(time.perf_counter() - t)
        except KGError as exc:   # stopped at kg query's deadline: recorded, the others still timed
            log(f"  {query.name}: {exc}")
            out.append((query.name, math.inf, 0))
            continue
        out.append((query.name, statistics.median(times), rows))
        log(f"  {query.name}: {out[-1][1]:.3f} s, {rows} rows")
    return out


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1, help="builds per configuration (median reported)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per named query")
    ap.add_argument("--corpus", type=Path, nargs="+", default=DEFAULT)
    ap.add_argument("--work", type=Path, help="folder for corpora and stores (default: a temporary one, removed)")
    ap.add_argument("--no-file", action="store_true", help="skip the `kg build -o CORPUS.nq` runs (file output)")
    ap.add_argument("--no-queries", action="store_true", help="skip timing the named queries on the largest store")
    a = ap.parse_args()
    missing = [str(p) for p in a.corpus if not p.is_file()]
    if missing:
        raise SystemExit(f"bench_scale: no corpus at {', '.join(missing)}; give --corpus FILE …")
    work = a.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at start")
    print()
    print("| corpus | reports | characters | jieba.cut | jobs | build --store wall | × jieba | CPU | "
          "peak memory (tree) | store | quads | rebuild, unchanged | build -o .nq wall | × jieba | peak memory |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    largest = None
    try:
        for factor in a.factors:
            corpus = work / f"corpus-{factor}x.jsonl"
            reports, chars = replicate(a.corpus, factor, corpus)
            log(f"{factor}x: {reports} reports, {chars:,} characters")
            jieba = json.loads(measure([sys.executable, "-c", JIEBA, str(corpus)])["stdout"].splitlines()[-1])
            for jobs in a.jobs:
                results = []
                for _ in range(a.repeat):
                    store = work / f"store-{factor}x-j{jobs}"
                    shutil.rmtree(store, ignore_errors=True)
                    results.append(measure([*KG, "build", str(corpus), "--store", str(store),
                                            "--jobs", str(jobs), "-q"]))
                    log(f"  jobs {jobs}: {results[-1]['wall']:.1f} s")
                wall = statistics.median(r["wall"] for r in results)
                cpu = statistics.median(r["cpu"] for r in results)
                peak = max(r["peak_mib"] for r in results)
                size, quads, graphs = store_figures(store)
                if graphs != reports:
                    log(f"  note: {graphs} report graphs for {reports} reports (failed inputs, or copies that read the same)")
                again = measure([*KG, "build", str(corpus), "--store", str(store), "--jobs", str(jobs), "-q"])
                file_cells = "– | – | –"
                if not a.no_file:
                    nq = work / f"out-{factor}x-j{jobs}.nq"
                    files = [measure([*KG, "build", str(corpus), "-o", str(nq), "--jobs", str(jobs), "-q"])
                             for _ in range(a.repeat)]
                    nq.unlink(missing_ok=True)
                    file_wall = statistics.median(r["wall"] for r in files)
                    log(f"  jobs {jobs}, -o .nq: {file_wall:.1f} s")
                    file_cells = (f"{file_wall:.1f} s | {file_wall / jieba['seconds']:.1f} | "
                                  f"{max(r['peak_mib'] for r in files):,.0f} MiB")
                print(f"| {factor}× | {reports:,} | {chars / 1e6:.1f} M | {jieba['seconds']:.1f} s | {jobs} | "
                      f"{wall:.1f} s | {wall / jieba['seconds']:.1f} | {cpu:.1f} s | {peak:,.0f} MiB | "
                      f"{size:,.0f} MiB | {quads / 1e6:.2f} M | {again['wall']:.1f} s ({again['wall'] / wall:.0%}) | "
                      f"{file_cells} |", flush=True)
                largest = store
        if largest is not None and not a.no_queries:
            print()
            print(f"named queries on {largest.name} (median of {a.runs}, after a warm-up):")
            print()
            print("| query | seconds | rows |")
            print("|---|---|---|")
            for name, seconds, rows in query_latencies(largest, a.runs):
                print(f"| {name} | {seconds:.3f} | {rows:,} |")
        load = os.getloadavg()
        print(f"\nload average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
