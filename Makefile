.PHONY: demo test lint bench
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
lint:
	.venv/bin/ruff check kg tests benchmarks build_graph.py
	.venv/bin/mypy kg
bench:
	.venv/bin/python benchmarks/bench_build.py
	.venv/bin/python benchmarks/bench_query.py
	.venv/bin/python benchmarks/bench_view.py
	.venv/bin/python benchmarks/bench_validate.py
