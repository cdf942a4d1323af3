# Borderless: `make demo` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/borderless
PYTEST_ARGS ?= -n 2

.PHONY: demo test install install-test lint format serve messages browser fleet-tools fleet-test test-sqlite test-postgres benchmark clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/borderless demo --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/borderless serve --host $(HOST) --port $(PORT)

browser:
	@sh scripts/ensure-chromium

# nginx and PgBouncer (Debian's packages) for the fleet tests.
fleet-tools:
	@sh scripts/ensure-fleet-tools

# The whole fleet on loopback (PostgreSQL primary and replica, PgBouncer, nginx, two web nodes, two workers,
# a scheduler) through a day of trade while nodes are killed; about two minutes (scripts/fleet_test.py).
fleet-test: install fleet-tools
	$(BIN)/python scripts/fleet_test.py $(FLEET_TEST_ARGS)

# lint-imports checks the import contracts in pyproject.toml ([tool.importlinter]).
lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-logo

format: install-test
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# PostgreSQL, the production database, runs the whole integration suite (test-postgres). SQLite, the database
# of `make demo`, runs the unit tests, the browser journeys, the demo's tests and the integration tests of the
# code that takes another path on SQLite: search's index, the stock take and the cart, the one-statement row
# reads, the API token lookup, and the payments worker on a SQLite file and queue of its own.
SQLITE_TESTS = tests/unit tests/e2e tests/integration/demo tests/integration/search tests/integration/orders \
	tests/integration/test_rows.py tests/integration/api/test_token_lookup.py \
	tests/integration/payments/test_payments_worker.py
test-sqlite: install-test
	$(BIN)/pytest $(PYTEST_ARGS) $(SQLITE_TESTS)

# The database-backed tests on PostgreSQL, but for the demo's, whose database is SQLite (`make demo`).
test-postgres: install-test
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest tests/integration $(PYTEST_ARGS) --ignore=tests/integration/demo

test: install-test browser fleet-tools lint test-sqlite test-postgres

# The attack suites with a bigger budget: FUZZ_EXAMPLES examples per API operation and role (15 in `make test`)
# plus schemathesis's coverage cases (not in `make test`), and FUZZ_STATEFUL linked scenarios of at most
# FUZZ_STATEFUL_STEPS calls per role (20 of 6 in `make test`).
FUZZ_EXAMPLES ?= 100
FUZZ_STATEFUL ?= 200
FUZZ_STATEFUL_STEPS ?= 10
FUZZ_ENV = FORMS_EXAMPLES=100 FUZZ_COVERAGE=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_STATEFUL=$(FUZZ_STATEFUL) FUZZ_STATEFUL_STEPS=$(FUZZ_STATEFUL_STEPS)
fuzz: install-test
	$(FUZZ_ENV) $(BIN)/pytest tests/integration/attack $(PYTEST_ARGS)
	$(FUZZ_ENV) DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest tests/integration/attack $(PYTEST_ARGS)

messages: install-test
	cd src/borderless && ../../$(BIN)/borderless makemessages -l zh_Hans -l en --no-obsolete
	$(BIN)/python scripts/compile_messages.py

benchmark: install-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var build *.egg-info src/*.egg-info
