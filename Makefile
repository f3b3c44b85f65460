# shuxiang: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-pg lint format bench install system-deps messages clean

$(STAMP): pyproject.toml deps/apt.txt
	@$(MAKE) --no-print-directory system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages (browser, CJK fonts, poppler, gettext, wrk), installed only when missing.
system-deps:
	@missing=$$(for p in $$(grep -v '^#' deps/apt.txt); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

messages: $(STAMP)
	$(BIN)/shuxiang compilemessages --ignore .venv --ignore var -v 0

run: $(STAMP) messages
	mkdir -p var/static
	SHUXIANG_DEBUG=1 $(BIN)/shuxiang migrate --noinput -v 0
	SHUXIANG_DEBUG=1 $(BIN)/shuxiang demo --if-empty
	SHUXIANG_DEBUG=1 $(BIN)/shuxiang runserver $(HOST):$(PORT)

test: $(STAMP) messages
	mkdir -p var/static
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/shuxiang makemigrations --check --dry-run -v 0
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-pg

# The whole suite on SQLite (the default database).
test-sqlite:
	$(BIN)/pytest -q -p no:cacheprovider -n 2

# Everything that touches the database again on PostgreSQL; pure packages ran above.
test-pg:
	SHUXIANG_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -p no:cacheprovider -n 2 -m "not browser" \
		--ignore=tests/record --ignore=tests/extract --ignore=tests/render

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) messages
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
