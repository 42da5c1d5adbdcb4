"""README and --help agree: every kg subcommand is in the README's command table."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from kg.cli import make_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_subcommand_is_in_the_readme_command_table():
    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    table = {m.group(1) for m in re.finditer(r"^\| `kg (\w+)", README.read_text(encoding="utf-8"), re.MULTILINE)}
    assert set(sub.choices) <= table, f"missing from README: {sorted(set(sub.choices) - table)}"


def test_python_dash_m_kg_is_the_same_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kg", "build", "--help"], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("usage: kg build"), done.stderr
