# workbench: `make demo` runs the whole path on the demo data; `make test` runs every test.
# Both create .venv and install the project first when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test test-notebooks test-pytest check-export postgres chromium pdf bench clean

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

demo: setup pdf
	$(BIN)/workbench demo

# The notebooks run as pytest cases (tests/test_notebooks.py), so the closing line counts them; `make test-notebooks` runs
# nbdev-test alone, for a quick check while editing.
test: setup check-export test-pytest

test-notebooks: setup
	cd nbs && ../$(BIN)/nbdev-test --n-workers 2

# src/workbench is generated: exporting the notebooks must not change it, and nbdev-clean must find
# nothing to clean. Compared before/after, so uncommitted work in progress is judged the same way CI judges a commit.
TREE_STATE = { git diff -- src nbs; git status --porcelain --untracked-files=all -- src nbs; } | sha1sum
check-export: setup
	@before="$$($(TREE_STATE))"; \
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean || exit 1; \
	if [ "$$before" != "$$($(TREE_STATE))" ]; then \
	  echo "nbdev-export or nbdev-clean changed src/ or nbs/: the notebooks and the modules disagreed. Review 'git diff', commit notebooks with their modules."; \
	  git status --short -- src nbs; exit 1; fi
	@echo "nbdev-export and nbdev-clean: src/workbench is in sync with nbs/, and the notebooks are clean"

# The SQL contract tests start their own PostgreSQL server (tests/postgres.py); install the server when missing.
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "PostgreSQL not found and not root: tests/test_sql.py will skip (install Debian's postgresql package)"; fi; fi

# The hostile-string tests open every HTML output in headless Chromium and check that no script ran (tests/test_hostile.py).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium not found and not root: tests/test_hostile.py will skip its browser checks (install Debian's chromium package)"; fi; fi

# Cards are also printed to PDF by WeasyPrint, which needs Pango and a font (Debian packages; present wherever Chromium is).
pdf:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "Pango not found and not root: cards are written without card.pdf (install Debian's libpango-1.0-0 libpangoft2-1.0-0)"; fi; fi

test-pytest: setup postgres chromium pdf
	$(BIN)/pytest -n 2 --dist loadgroup --durations=15

bench: setup postgres
	$(BIN)/python benchmarks/bench_contracts.py
	$(BIN)/python benchmarks/bench_lint.py
	-$(BIN)/python benchmarks/bench_lint.py --only holdout3  # the untouched set: reported, not a gate
	$(BIN)/python benchmarks/bench_coverage.py --reps 300  # about 6 minutes; the README's figures are from --reps 1000
	$(BIN)/python benchmarks/bench_startup.py  # after `make demo`, so that `workbench runs` has runs to list
	$(BIN)/python benchmarks/bench_run.py  # about 2 minutes

clean:
	rm -rf data reports mlflow.db mlartifacts model_cards/*/v* model_cards/*/card.md model_cards/*/card.html model_cards/*/*.png
