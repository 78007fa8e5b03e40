# Gespreid — `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APPS := $(wildcard gespreid/*/locale)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test e2e bench lint format demo messages compile-messages check-deploy clean country load soak scaleout

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

compile-messages: $(STAMP)
	@command -v msgfmt >/dev/null || scripts/ensure-system-packages gettext
	@$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -v0

## run: set everything up (venv, pinned dependencies, migrations, demo data) and serve on http://127.0.0.1:8000
run: compile-messages
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## demo: (re)load the demo data only
demo: $(STAMP)
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo

## test: the whole suite (browser tests run when Chromium is present; CI requires them)
test: compile-messages
	@scripts/ensure-system-packages chromium || echo "Chromium is niet te installeren: browsertests worden overgeslagen."
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: compile-messages
	$(PY) -m pytest e2e $(PYTEST_ARGS)

## bench: performance figures as JSON lines (also written to bench/results.json)
bench: compile-messages
	@command -v wrk >/dev/null || scripts/ensure-system-packages wrk || true
	$(PY) bench/run.py $(BENCH_ARGS)

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
