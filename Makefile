# Two commands for a newcomer: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint typecheck bench eval clinc clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot run

test: $(STAMP)
	$(BIN)/ruff check bot adapters tests benchmarks
	$(BIN)/mypy bot adapters
	$(BIN)/python -m bot kb validate
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/matcher_bench.py

eval: $(STAMP)
	$(BIN)/python -m bot eval tests/data/eval.jsonl

clinc: $(STAMP)
	$(BIN)/python benchmarks/clinc150.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
