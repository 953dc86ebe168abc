# Two commands do everything on a fresh machine with Python 3.11:
#   make run   - set up and serve the site with demo content at http://127.0.0.1:8000
#   make test  - set up and run the whole test suite (SQLite, or DATABASE_URL)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format setup clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pinned requirements change.
$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py new_encryption_key --into data/field-encryption.key
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --address 127.0.0.1:8000
	$(BIN)/python manage.py ensure_demo_accounts
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# One pytest-xdist worker per core; PYTEST_ARGS="-n 0" runs in one process.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# Production-shape benchmark (PostgreSQL, Redis, Varnish, gunicorn, wrk); see README.
# BENCH_ARGS="--articles 10000" for the large mode.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/db.sqlite3 data/media staticfiles
