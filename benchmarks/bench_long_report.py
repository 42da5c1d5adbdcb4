#!/usr/bin/env python3
"""One long report: does `kg build` grow linearly with the size of a single report?

    .venv/bin/python benchmarks/bench_long_report.py [--copies 1 2 4 8] [--corpus FILE] [--work DIR]

Joins the texts of a corpus (default: the shared provincial corpus, 31 reports, about 0.6 M
characters) into one plain-text report, then writes reports of 1, 2, 4, 8 … copies of it and
builds each with `kg build REPORT -o OUT.nq --jobs 1` in a subprocess. The table gives wall and
CPU seconds, CPU seconds per million characters (flat when the cost is linear) and the peak
memory of the process tree. Copies repeat the same names, which is the hard case for steps that
look at an entity's earlier mentions.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import ROOT, measure  # (wall, CPU and peak memory of one command's process tree)

KG = [sys.executable, "-m", "kg"]


def joined_text(corpus: Path) -> str:
    with corpus.open(encoding="utf-8") as lines:
        return "\n".join(json.loads(line).get("content", "") for line in lines if line.strip())


def main() -> int:
    shared = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--corpus", type=Path, default=shared / "corpus" / "provincial_work_reports_2026.jsonl")
    ap.add_argument("--work", type=Path, help="folder for the reports and graphs (default: a temporary one, removed)")
    a = ap.parse_args()
    if not a.corpus.is_file():
        ap.error(f"{a.corpus}: no such corpus (give --corpus FILE.jsonl or set GOVKG_SHARED)")
    work = a.work or Path(tempfile.mkdtemp(prefix="govkg-long-"))
    work.mkdir(parents=True, exist_ok=True)
    text = joined_text(a.corpus)
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| copies | characters | wall | CPU | CPU s per M characters | peak memory (tree) |")
    print("|---|---|---|---|---|---|")
    try:
        for k in a.copies:
            report = work / f"long-{k}.txt"
            report.write_text("\n".join([text] * k), encoding="utf-8")
            size_mb = report.stat().st_size / 2**20
            limit = ["--max-report-mb", str(int(size_mb) + 1)] if size_mb > 16 else []
            got = measure([*KG, "build", str(report), "-o", str(work / f"long-{k}.nq"), "--jobs", "1", "-q", *limit])
            chars = len(text) * k
            print(f"| {k} | {chars / 1e6:.2f} M | {got['wall']:.1f} s | {got['cpu']:.1f} s | "
                  f"{got['cpu'] / (chars / 1e6):.1f} | {got['peak_mib']:.0f} MiB |", flush=True)
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
