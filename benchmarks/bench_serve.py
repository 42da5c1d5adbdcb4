#!/usr/bin/env python3
"""How fast is `kg serve`? Page and search latencies on a store of the two corpora, and a bounded load run.

    .venv/bin/python benchmarks/bench_serve.py                      # builds the store in a temp folder
    .venv/bin/python benchmarks/bench_serve.py --store out/store    # an existing store
    .venv/bin/python benchmarks/bench_serve.py --pages 100 --clients 20 --seconds 30
    .venv/bin/python benchmarks/bench_serve.py --factor 4           # four distinct copies (as bench_scale.py)

Starts ``kg serve --store DIR --port 0`` as a separate process on 127.0.0.1 and
talks to it over HTTP (urllib, one connection per request), as a browser would.

1. start-up: from launch to the printed URL (the catalog of names is read then);
2. entity pages (organisations, programmes, documents, indicators, problems,
   plans) and report pages, each page fetched twice: the first time it is made
   (cold), the second time it comes from the page cache (warm);
3. search: two-character substrings of labels, each query once (search is not cached);
   neighbourhood views at depth 1 (20 programmes, 10 reports);
   the corpus overview (/overview, cold and warm) and the leaves of its
   folded nodes (/overview/leaves, up to --pages of them);
4. load: N client threads for S seconds, each looping over a mix of cold and
   warm pages, searches and small SPARQL queries (JSON); throughput, p50/p95, errors.
Latencies are medians and 95th percentiles in milliseconds. The machine's load
average is printed before and after: on a shared machine the figures are upper bounds.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scale import replicate  # (distinct copies of every report)

CORPORA = [ROOT.parent / "shared" / "corpus" / "government_work_reports.jsonl",
           ROOT.parent / "shared" / "corpus" / "provincial_work_reports_2026.jsonl"]
KINDS = ("org", "programme", "document", "indicator", "problem", "plan")
SPARQL = ["PREFIX gov: <https://w3id.org/govkg/ont#> SELECT (COUNT(*) AS ?n) WHERE { ?r a gov:Report }",
          "PREFIX gov: <https://w3id.org/govkg/ont#> SELECT ?p ?r WHERE { ?p a gov:Programme ; gov:mentionedIn ?r } LIMIT 50"]


def kg(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))", *args]


def get(url: str, accept: str = "text/html") -> tuple[float, int]:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return (time.perf_counter() - started) * 1000, status


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    return f"  {name:<26} n={len(values):<5} p50 {statistics.median(values):7.1f} ms   p95 {pct(values, 0.95):7.1f} ms   max {max(values):7.1f} ms"


def sample(base: str, n: int, rnd: random.Random) -> dict[str, list[str]]:
    """Paths of n pages of each kind (and of every report), read through the endpoint."""
    out: dict[str, list[str]] = {}
    for kind in (*KINDS, "report"):
        prefix = f"https://w3id.org/govkg/id/{kind}/"
        query = ("SELECT DISTINCT ?e WHERE { ?e a ?t FILTER(STRSTARTS(STR(?e), \"" + prefix + "\")) }")
        url = base + "sparql?" + urllib.parse.urlencode({"query": query})
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"})) as r:
            iris = [b["e"]["value"] for b in json.load(r)["results"]["bindings"]]
        rnd.shuffle(iris)
        out[kind] = ["/id/" + i[len("https://w3id.org/govkg/id/"):] for i in iris[: (n if kind != "report" else 10**6)]]
    return out


def labels(base: str, n: int, rnd: random.Random) -> list[str]:
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?l WHERE { ?e rdfs:label ?l }"
    url = base + "sparql?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"})) as r:
        names = [b["l"]["value"] for b in json.load(r)["results"]["bindings"] if len(b["l"]["value"]) >= 2]
    rnd.shuffle(names)
    picks = []
    for name in names[:n]:
        at = rnd.randrange(len(name) - 1)
        picks.append(name[at:at + 2])
    return picks


def load_run(base: str, paths: list[str], terms: list[str], clients: int, seconds: float) -> None:
    times: list[float] = []
    kinds: dict[str, list[float]] = {"page": [], "search": [], "sparql": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        while time.perf_counter() < stop:
            roll = rnd.random()
            if roll < 0.6:
                kind, url, accept = "page", base + rnd.choice(paths).lstrip("/"), "text/html"
            elif roll < 0.8:
                kind, url = "search", base + "search?" + urllib.parse.urlencode({"q": rnd.choice(terms)})
                accept = "text/html"
            else:
                kind, url = "sparql", base + "sparql?" + urllib.parse.urlencode({"query": rnd.choice(SPARQL)})
                accept = "application/sparql-results+json"
            try:
                ms, status = get(url, accept)
            except OSError as exc:
                with lock:
                    errors.append(str(exc))
                continue
            with lock:
                times.append(ms)
                kinds[kind].append(ms)
                if status != 200:
                    errors.append(f"HTTP {status} {url}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    print(f"load: {clients} clients for {seconds:g} s (mixed: 60% pages, 20% search, 20% SPARQL)")
    print(f"  {len(times)} requests in {took:.1f} s = {len(times) / took:.1f} requests/s, {len(errors)} errors")
    if times:
        print(line("all requests", times))
    for kind, values in kinds.items():
        if values:
            print(line(kind, values))
    for e in errors[:5]:
        print("  error:", e)


def overview(base: str, n: int, rnd: random.Random) -> None:
    """/overview cold and warm, then the leaves of up to n folded nodes."""
    cold, status = get(base + "overview")
    warm, _ = get(base + "overview")
    with urllib.request.urlopen(base + "overview") as r:
        page = r.read().decode("utf-8")
    title = re.search(r"<title>(.*?)</title>", page)
    print(f"overview: cold {cold:.0f} ms, warm {warm:.1f} ms, HTTP {status}, {len(page) / 1e6:.2f} MB; "
          f"{title.group(1) if title else ''}")
    folds = re.findall(r'"fold":\{"report":"([0-9a-f]+)","reportIri":"[^"]*","kind":"(\w+)"', page)
    rnd.shuffle(folds)
    times = [get(base + "overview/leaves?" + urllib.parse.urlencode({"report": r, "kind": k, "min": 2}),
                 "application/json")[0] for r, k in folds[:n]]
    if times:
        print(line("overview leaves", times))


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", help="an existing store (default: build the two corpora into a temporary one)")
    ap.add_argument("--pages", type=int, default=60, help="pages of each entity kind (default 60)")
    ap.add_argument("--searches", type=int, default=200)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--factor", type=int, default=1,
                    help="without --store: build this many distinct copies of the two corpora (default 1)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    print(f"{load_average()} on {os.cpu_count()} CPUs (before)")
    with tempfile.TemporaryDirectory() as tmp:
        store = a.store
        if store is None:
            store = str(Path(tmp) / "store")
            corpora = list(map(str, CORPORA))
            if a.factor > 1:
                copies = Path(tmp) / f"x{a.factor}.jsonl"
                reports, _ = replicate(CORPORA, a.factor, copies)
                corpora = [str(copies)]
                print(f"{a.factor} distinct copies of the two corpora: {reports} reports")
            t = time.perf_counter()
            subprocess.run(kg("build", *corpora, "--store", store, "--jobs", "2"), check=True, capture_output=True)
            print(f"built them into a store in {time.perf_counter() - t:.1f} s")
        started = time.perf_counter()
        proc = subprocess.Popen(kg("serve", "--store", store, "--port", "0"), stdout=subprocess.PIPE, text=True)
        try:
            first = proc.stdout.readline() if proc.stdout else ""
            base = first.split()[2]
            print(f"start-up: {time.perf_counter() - started:.2f} s to {base}")
            pages = sample(base, a.pages, rnd)
            print("pages (cold = first request makes the page; warm = from the page cache):")
            everything: list[str] = []
            for kind, paths in pages.items():
                cold = [get(base + p.lstrip("/"))[0] for p in paths]
                warm = [get(base + p.lstrip("/"))[0] for p in paths]
                everything += paths
                print(line(f"{kind} cold", cold))
                print(line(f"{kind} warm", warm))
            terms = labels(base, a.searches, rnd)
            search = [get(base + "search?" + urllib.parse.urlencode({"q": q}))[0] for q in terms]
            print("search (substring of labels and aliases, not cached):")
            print(line("search", search))
            views = [get(base + "view" + p + "?depth=1")[0] for p in pages["programme"][:20] + pages["report"][:10]]
            print("neighbourhood views (/view/…?depth=1, 20 programmes and 10 reports, drawn on demand):")
            print(line("view depth 1", views))
            overview(base, a.pages, rnd)
            load_run(base, everything, terms, a.clients, a.seconds)
            print(f"{load_average()} (after)")
        finally:
            proc.terminate()
            proc.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
