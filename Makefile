# Passerelle: `make run` starts the portal, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Two processes: the suite takes half the time; browser tests stay on one of them.
PYTEST_ARGS ?= -n 2
# Every dependency pinned with its hashes: the dev lock for `make install` (run, test, CI),
# the production lock (same versions, no dev tools) for the Docker image. `make lock`
# regenerates both from pyproject.toml.
LOCK := requirements.lock
PRODUCTION_LOCK := requirements-production.lock
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-find-links --no-emit-index-url

.PHONY: install services messages run test lint format makemessages lock audit bench e2e-deps clean

# The locked versions, then the project itself without resolving anything; `pip check`
# fails when pyproject.toml asks for something the lock lacks (then: make lock).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check || { echo "$(LOCK) is out of date with pyproject.toml: run make lock" >&2; exit 1; }
	touch $(STAMP)

install: $(STAMP)

# PostgreSQL and Redis on loopback for the full suite and the benchmark (Debian's packages,
# installed when absent); `.ci/run` starts them the same way.
services:
	bash scripts/services.sh

# Needs only pip-tools, so it works even when the lock no longer installs. Versions already
# pinned are kept; `make lock PIP_COMPILE_ARGS=--upgrade` moves everything to the newest.
$(BIN)/pip-compile:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools

lock: $(BIN)/pip-compile
	$(PIP_COMPILE) $(PIP_COMPILE_ARGS) --extra dev --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --constraint $(LOCK) --output-file $(PRODUCTION_LOCK) pyproject.toml

# Known vulnerabilities in the locked dependencies (pip-audit); says so plainly, without
# failing, when the vulnerability database cannot be reached.
audit: install
	$(BIN)/python scripts/audit_dependencies.py $(LOCK)

# Compile the FR/EN message catalogues (.po -> .mo) with Babel: no GNU gettext needed.
messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

run: messages
	$(BIN)/python manage.py run_portal

# Browser tests run on their own: Playwright's event loop would otherwise stay open in the
# process that ran them and Django refuses database calls from it in the tests that follow.
# The rest runs beside a throwaway OpenSearch node (tests/opensearch/, needs Java 17 and Maven),
# so the search contract suite runs live; one node for both pytest processes, stopped after.
test: messages lint
	bash tests/opensearch/with-node.sh $(BIN)/pytest $(PYTEST_ARGS) -m "not e2e"
	$(BIN)/pytest -m e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark suite (bench/): BENCH_SIZES=1000,10000 make bench for a quick run; results,
# report and plots in bench/results/. Needs PostgreSQL for the comparison with Wagtail's search
# (BENCH_PEER_DATABASE) and Redis for the freshness measure's worker (BENCH_BROKER_URL); see
# bench/__main__.py.
bench: messages
	$(BIN)/python -m bench $(BENCH_ARGS)

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
