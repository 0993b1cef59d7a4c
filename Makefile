# Two commands do everything on a fresh machine:
#   make run   set up, load the demo record into SQLite and serve http://127.0.0.1:8000
#   make test  set up and run the whole suite (lint, migrations check, tests)
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell scripts/find-python)

.PHONY: run test lint serve-prod clean

$(BIN)/activate: pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python 3.12+ found (see above)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile -e ".[test]"
	@touch $(BIN)/activate

run: $(BIN)/activate
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py loaddemo
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

# Two workers (one per core here); a module's tests stay on one worker, so data it loads once
# is loaded once. PYTEST_ARGS adds more, e.g. make test PYTEST_ARGS='-m "not e2e"'.
test: lint
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
