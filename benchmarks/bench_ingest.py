#!/usr/bin/env python3
"""Reading input: normalise() on a text and on the same text doubled, and loading both corpora.

Linear cost shows as a doubling ratio near 2 (a quadratic step would give 4).
Medians of REPEAT runs, measured in the same process.

    python benchmarks/bench_ingest.py [--repeat 5] [--lines 40000]
"""
from __future__ import annotations

import argparse
import glob
import os
import statistics
import time
from pathlib import Path

from kg.ingest import iter_inputs
from kg.ingest.normalise import normalise

LINE = "全年召开会议　１２　次，  办结率１００％。   \r\n"


def median_seconds(work, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lines", type=int, default=40_000, help="lines of the generated text (default %(default)s)")
    args = ap.parse_args()
    one, two = LINE * args.lines, LINE * (2 * args.lines)
    t1 = median_seconds(lambda: normalise(one), args.repeat)
    t2 = median_seconds(lambda: normalise(two), args.repeat)
    print(f"normalise {len(one):,} chars: {t1:.3f} s; doubled: {t2:.3f} s; ratio {t2 / t1:.2f}")
    shared = Path(os.environ.get("GOVKG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    corpora = sorted(glob.glob(str(shared / "corpus" / "*.jsonl")))
    if corpora:
        t = median_seconds(lambda: list(iter_inputs(corpora)), args.repeat)
        print(f"load {len(corpora)} corpus files (read, decode, normalise, strip clutter): {t:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
