#!/usr/bin/env python3
"""Does a change leave the graph alone? N-Quads of every input, built by a git ref and by the work tree.

Builds each input set (both shared corpora, the dev excerpts, the bundled
sample, the test inputs under tests/golden and tests/data) once with the code
of REF (checked out into a temporary worktree) and once with the code here,
then compares the sorted N-Quads line by line. Exit 0 when all are identical,
1 with the first differing lines otherwise. For refactors that must not change
behaviour.

    python benchmarks/same_graph.py [--ref HEAD] [--shared DIR]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def input_sets(shared: Path) -> dict[str, list[str]]:
    sets = {"corpora": sorted(map(str, (shared / "corpus").glob("*.jsonl"))),
            "dev": [str(shared / "corpus" / "dev")],
            "sample": [str(ROOT / "data" / "sample")],
            "golden": sorted(map(str, (ROOT / "tests" / "golden").glob("*.txt")))}
    return {name: paths for name, paths in sets.items() if paths and all(Path(p).exists() for p in paths)}


def build(code: Path, paths: list[str], out: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))",
               "build", *paths, "-o", str(out), "-q", "--jobs", "2"]
    done = subprocess.run(command, env=env, cwd=code, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or not out.exists():
        raise SystemExit(f"build with {code} failed: {done.stderr.strip()[-500:]}")
    return sorted(out.read_text(encoding="utf-8").splitlines())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", default="HEAD", help="the git ref to compare with (default %(default)s)")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared")))
    args = ap.parse_args()
    different = 0
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before), args.ref], check=True)
        try:
            for name, paths in input_sets(args.shared).items():
                old = build(before, paths, Path(tmp) / f"{name}-before.nq")
                new = build(ROOT, paths, Path(tmp) / f"{name}-after.nq")
                if old == new:
                    print(f"{name}: {len(new):,} quads, identical")
                    continue
                different += 1
                gone, added = sorted(set(old) - set(new)), sorted(set(new) - set(old))
                print(f"{name}: {len(old):,} quads before, {len(new):,} after; "
                      f"{len(gone):,} only before, {len(added):,} only after")
                for line in gone[:3]:
                    print(f"  - {line[:200]}")
                for line in added[:3]:
                    print(f"  + {line[:200]}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=False)
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
