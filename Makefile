.PHONY: demo test lint bench
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
lint:
	.venv/bin/ruff check kg tests benchmarks build_graph.py
	.venv/bin/mypy kg
bench:
	.venv/bin/python benchmarks/run_all.py
