# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-8)
# DEBUG defaults to off in ihk/settings.py; these development commands switch it on.
export DEBUG ?= true

.PHONY: run test install messages compilemessages lint format clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
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

# The whole suite, on DATABASE_URL when set, else SQLite. Browser tests need /usr/bin/chromium.
test: compilemessages
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Extract translatable strings: one catalogue for the project (ihk/ and templates/)
# and one per app (each app owns its locale/ folder).
messages: install
	$(BIN)/python manage.py makemessages -l de --no-obsolete --ignore=.venv --ignore=actors --ignore=measures --ignore=participation --ignore=reports --ignore=tests --ignore=staticfiles
	for app in actors measures participation reports; do \
		(cd $$app && ../$(BIN)/python ../manage.py makemessages -l de --no-obsolete); \
	done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
