# Two entry points for a newcomer: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test schema clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask,plots]"
	touch $@

run: setup
	$(BIN)/newsevents run seeds/ --out outputs/
	$(BIN)/newsevents view outputs/ --html outputs/view
	$(BIN)/newsevents graph load outputs/ --store outputs/store

test: setup
	$(BIN)/python -m pytest -q

schema: setup
	$(BIN)/newsevents schema > pipeline/schemas/document-v1.json

clean:
	rm -rf outputs/ .pytest_cache/
