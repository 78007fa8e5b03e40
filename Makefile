# Gespreid — `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APPS := $(wildcard gespreid/*/locale)
HOST ?= 127.0.0.1
PORT ?= 8000
# The settings default to production (DEBUG off, a secret key required); the Makefile is the developer's
# tool and asks for development by name. check-deploy and bench set production values themselves.
export GESPREID_DEV ?= 1

.PHONY: run test e2e bench lint format demo messages compile-messages check-deploy clean country load soak scaleout

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

compile-messages: $(STAMP)
	@command -v msgfmt >/dev/null || scripts/ensure-system-packages gettext
	@$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -v0


## run: set everything up (venv, pinned dependencies, migrations, demo data) and serve on http://127.0.0.1:8000
## (the web server, one background worker and the scheduler, stopped together with Ctrl-C)
run: compile-messages
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py db_worker --interval 0.2 -v0 & WORKER=$$!; \
	$(PY) manage.py run_scheduled --loop 300 >/dev/null & SCHEDULER=$$!; \
	trap 'kill $$WORKER $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## demo: (re)load the demo data only
demo: $(STAMP)
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo

## test: the whole suite (browser tests run when Chromium is present, the HTML check when Java and vnu-jar are; CI requires both)
test: compile-messages
	@scripts/ensure-system-packages chromium || echo "Chromium is niet te installeren: browsertests worden overgeslagen."
	@command -v xmlsec1 >/dev/null || scripts/ensure-system-packages xmlsec1 || echo "xmlsec1 is niet te installeren: de SAML-tests worden overgeslagen."
	@scripts/ensure-system-packages default-jre-headless || echo "Java is niet te installeren: de HTML-check wordt overgeslagen."
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error || echo "npm ci lukte niet: de HTML-check wordt overgeslagen."
	@case "$$DATABASE_URL" in postgres*) scripts/ensure-system-packages haproxy redis-server || echo "haproxy/redis-server ontbreken: de scale-out-test faalt.";; esac
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: compile-messages
	$(PY) -m pytest e2e $(PYTEST_ARGS)

## bench: performance figures as JSON lines (bench/results.json); then the page mix on PostgreSQL (results-pg.json)
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/gespreid_bench
bench: compile-messages
	@command -v wrk >/dev/null || scripts/ensure-system-packages wrk || true
	$(PY) bench/run.py $(BENCH_ARGS)
	BENCH_DATABASE_URL=$(BENCH_PG_URL) $(PY) bench/run.py page_mix || echo "PostgreSQL at $(BENCH_PG_URL) did not answer: no _pg figures."

## country: fill PostgreSQL with a country (6,000 schools, 150,000 staff) and EXPLAIN the main pages there
COUNTRY_DB ?= postgres://postgres@127.0.0.1:5432/gespreid_country
country: compile-messages
	DATABASE_URL=$(COUNTRY_DB) GESPREID_MEDIA_ROOT=bench/.data/country-media $(PY) bench/country.py
	DATABASE_URL=$(COUNTRY_DB) GESPREID_MEDIA_ROOT=bench/.data/country-media $(PY) bench/explain.py

## load: locust against gunicorn on the country (bounded: 40 users, 60 s); soak: ten minutes, memory flat
load: compile-messages
	LOAD_DATABASE_URL=$(COUNTRY_DB) $(PY) bench/load.py $(LOAD_ARGS)

soak: compile-messages
	LOAD_DATABASE_URL=$(COUNTRY_DB) $(PY) bench/load.py --soak $(LOAD_ARGS)

## scaleout: two app servers behind HAProxy with Redis; one is killed under load; no answered write lost
scaleout: compile-messages
	@scripts/ensure-system-packages haproxy redis-server
	SCALEOUT_DATABASE_URL=$${SCALEOUT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gespreid_scaleout} $(PY) bench/scaleout.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh every app's English translation file after changing Dutch texts
messages: $(STAMP)
	@for dir in $(APPS); do (cd $$dir/.. && ../../$(VENV)/bin/django-admin makemessages -l en --no-obsolete --no-location -v0) || exit 1; done

check-deploy: $(STAMP)
	GESPREID_DEBUG=0 GESPREID_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) GESPREID_ALLOWED_HOSTS=gespreid.example.nl \
		$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 bench/.data
