# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
# Another interpreter gets its own environment, e.g. VENV=.venv/py3.12 PYTHON=python3.12 (.ci/run).
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-8)
# DEBUG defaults to off in ihk/settings.py; these development commands switch it on.
export DEBUG ?= true

.PHONY: run test install messages compilemessages lint format clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

compilemessages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: compilemessages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Serving http://127.0.0.1:8000 (demo logins above); a background worker generates reports"
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite, on DATABASE_URL when set, else SQLite, in parallel (one test database per
# worker) with the 15 slowest tests listed. Browser tests need /usr/bin/chromium.
PYTEST_WORKERS ?= auto
test: compilemessages
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=15 $(PYTEST_ARGS)

# Extract translatable strings: one catalogue for the project (ihk/ and templates/)
# and one per app (each app owns its locale/ folder).
messages: install
	$(BIN)/python manage.py makemessages -l de --no-obsolete --ignore=.venv --ignore=actors --ignore=measures --ignore=participation --ignore=funds --ignore=reports --ignore=tests --ignore=staticfiles
	for app in actors measures participation funds reports; do \
		(cd $$app && ../$(BIN)/python ../manage.py makemessages -l de --no-obsolete); \
	done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Load benchmark on PostgreSQL (not part of CI): seeds ihk_bench_large and ihk_bench_xlarge once,
# serves them with gunicorn and prints req/s, share of a bare view, p50/p95, queries, HTML size.
# BENCH_ARGS="--scales large --seconds 10" to change. Uses wrk (installed here when missing).
bench: compilemessages
	command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq wrk >/dev/null 2>&1) \
		|| echo "wrk not available: the benchmark uses its Python load generator"
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
