# Set-up and everyday commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-install
# torch is pinned to the CPU build that pip finds on this machine's disk; installing it first
# keeps any later resolution from pulling a multi-GB CUDA build.
TORCH := torch==2.13.0

.PHONY: demo test test-fast model evaluate benchmark notebook wheel clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	-$(BIN)/drafter lint examples/wrong-invoice.txt

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not model"

model: $(STAMP)
	$(BIN)/python -m models.train_roles
	$(BIN)/python -m models.tune_combination
	$(BIN)/python -m models.train_verdicts

evaluate: $(STAMP)
	$(BIN)/drafter evaluate corpora/drafts/dev.jsonl
	$(BIN)/drafter evaluate corpora/drafts/test.jsonl

benchmark: $(STAMP)
	$(BIN)/python benchmarks/batch.py

notebook: $(STAMP)
	$(BIN)/python notebooks/build_evaluation.py

wheel: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
