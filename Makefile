# workbench: `make demo` runs the whole path on the demo data; `make test` runs every test.
# Both create .venv and install the project first when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test test-notebooks test-pytest check-export clean

setup: $(STAMP)

# torch first, pinned to the CPU build that lies on this machine's disk: an unpinned torch
# resolved from scratch pulls a multi-GB CUDA build. The project's range admits it, so pip keeps it.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (workbench)" > /dev/null
	touch $(STAMP)

demo: setup
	$(BIN)/workbench demo

test: setup test-notebooks check-export test-pytest

test-notebooks: setup
	cd nbs && ../$(BIN)/nbdev-test --n-workers 2

# src/workbench is generated: exporting the notebooks must not change it.
check-export: setup
	$(BIN)/nbdev-export
	@changed="$$(git status --porcelain --untracked-files=all -- src)"; \
	if [ -n "$$changed" ]; then echo "nbdev-export changed src/ (notebooks and modules disagree):"; echo "$$changed"; git --no-pager diff --stat -- src; exit 1; fi
	@echo "nbdev-export: src/workbench is in sync with nbs/"

test-pytest: setup
	$(BIN)/pytest -n 2 --dist loadgroup

clean:
	rm -rf data reports mlflow.db mlartifacts model_cards/*/card.md model_cards/*/card.html model_cards/*/shap_importance.png
