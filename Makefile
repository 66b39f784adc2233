# Passerelle: `make run` starts the portal, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install messages run test lint format makemessages e2e-deps clean

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

# Refresh the catalogues after changing user-facing strings (needs GNU gettext).
makemessages: install
	$(BIN)/python manage.py makemessages --locale fr --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete

# What the browser tests need besides Chromium (apt-get install chromium): axe-core, from npm,
# into var/e2e/ (git-ignored). Without them `make test` skips the browser tests.
E2E_AXE := var/e2e/node_modules/axe-core/axe.min.js
e2e-deps: install $(E2E_AXE)

$(E2E_AXE):
	@command -v npm >/dev/null || { echo "npm is needed: apt-get install npm" >&2; exit 1; }
	npm install --prefix var/e2e --no-audit --no-fund --no-save axe-core@4

clean:
	rm -rf $(VENV) var
