# The two entry points are `make run` and `make test`; the rest are their parts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck
PYTEST_WORKERS ?= 2
# `make run PORT=8001` serves on another port.
PORT ?= 8000

.PHONY: install run test lint format test-postgres test-sqlite bench fuzz serve worker beat

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py loaddemo --port $(PORT)
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production's processes (README, "Running in production"): set REDIS_URL, DATABASE_URL and the rest first.
serve: install
	$(BIN)/gunicorn -c gunicorn.conf.py

worker: install
	$(BIN)/celery -A factcheck worker --loglevel INFO

beat: install
	$(BIN)/celery -A factcheck beat --loglevel INFO

test: lint test-postgres test-sqlite

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-postgres: install
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -n $(PYTEST_WORKERS)

test-sqlite: install
	DATABASE_URL=sqlite:///$(CURDIR)/test.sqlite3 $(BIN)/pytest -n $(PYTEST_WORKERS)

bench: install
	$(BIN)/python bench/ingest.py

# schemathesis against our own OpenAPI schema, on a server started on 127.0.0.1:8104 (see tests/api/fuzz.py).
fuzz: install
	$(BIN)/python -m tests.api.fuzz
