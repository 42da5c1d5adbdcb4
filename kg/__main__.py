"""``python -m kg``: the same command line as ``kg``, for environments where scripts are not on PATH."""
from kg.cli import run

if __name__ == "__main__":
    run()
