# Passerelle: `make run` starts the portal, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install messages run test lint format makemessages bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Compile the FR/EN message catalogues (.po -> .mo) with Babel: no GNU gettext needed.
messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

run: messages
	$(BIN)/python manage.py run_portal

test: messages lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark suite (bench/): BENCH_SIZES=1000,10000 make bench for a quick run; results,
# report and plots in bench/results/. Needs PostgreSQL for the comparison with Wagtail's search
# (BENCH_PEER_DATABASE) and Redis for the ingest worker (BENCH_BROKER_URL); see bench/__main__.py.
bench: messages
	$(BIN)/python -m bench $(BENCH_ARGS)

# Refresh the catalogues after changing user-facing strings (needs GNU gettext).
makemessages: install
	$(BIN)/python manage.py makemessages --locale fr --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete

clean:
	rm -rf $(VENV) var
