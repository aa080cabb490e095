# The two commands a newcomer needs: `make demo` and `make test`. Both do all set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test check bench serve clean chromium pg-client mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

demo: $(STAMP) pg-client
	$(BIN)/forcegen demo --host $(HOST) --port $(PORT)

# Browser tests use Debian's chromium; install it when missing (needs root, as on CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "Could not install chromium: browser tests will skip (run as root: apt-get install -y chromium)"; }

# `forcegen backup`/`restore` on PostgreSQL use pg_dump/pg_restore; install them when missing.
pg-client:
	@command -v pg_dump >/dev/null 2>&1 || { \
	  echo "Installing PostgreSQL's client tools (pg_dump) for backups..."; \
	  (apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null) || \
	  echo "Could not install pg_dump: PostgreSQL backups will fail (apt-get install -y postgresql-client)"; }

test: $(STAMP) chromium pg-client
	$(BIN)/pytest -n 2 --dist loadgroup

check: $(STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	@for conftest in $(wildcard tests/*/*/conftest.py); do $(BIN)/mypy $$conftest || exit 1; done
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/scenarios.py
	$(BIN)/python bench/probability.py

# Mutation testing of conditions/ and analysis/ (docs/testing.md): slow, never part of `make test`.
# One worker at the lowest priority, so it takes idle CPU only. mutmut's call wrappers deepen
# the stack, so the parser's 100-level nesting test needs a higher recursion limit here. Property
# tests draw few examples here (the `mutation` profile in tests/hypothesis_profiles.py).
# `make mutation MUTANTS='forcegen.conditions*'` runs a part; `mutmut results` lists survivors.
MUTANTS ?=
export MUTMUT := import sys; sys.setrecursionlimit(10_000); from mutmut.__main__ import cli; cli()
mutation: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,mutation]'
	FORCEGEN_HYPOTHESIS_PROFILE=mutation nice -n 19 $(BIN)/python -c "$$MUTMUT" run --max-children 1 $(MUTANTS)
	$(BIN)/mutmut results

serve: $(STAMP)
	$(BIN)/forcegen serve --host $(HOST) --port $(PORT)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache mutants
