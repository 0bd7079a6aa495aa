# Two commands on a fresh machine with Python 3.11 and make:
#   make run    build everything and serve the demo site on the embedded defaults
#   make test   run the whole test suite (lint, checks, tests)
#   make serve  the production server (gunicorn.conf.py; docs/operations.md)
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000


.PHONY: run serve test install judge oidc messages lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed

# The feed judge's JavaScript readers (ical.js, node-ical), when npm is there;
# without them the judge test skips (and fails in CI, which installs them).
tests/judge/node_modules/.installed: tests/judge/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/judge --no-audit --no-fund --loglevel=error && touch $@; fi

judge: tests/judge/node_modules/.installed

# A real OpenID Connect provider (panva's oidc-provider) for the sign-in tests; without
# it those tests skip (and fail in CI, which installs it).
tests/oidc/node_modules/.installed: tests/oidc/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error && touch $@; fi

oidc: tests/oidc/node_modules/.installed

run: install
	if command -v msgfmt >/dev/null; then DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore "$(VENV)/*" -v 0; fi
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput -v 0
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py yearclock_schedule
	DJANGO_DEBUG=1 $(BIN)/python manage.py services_schedule
	DJANGO_DEBUG=1 $(BIN)/python manage.py kb_schedule
	# django-q2 workers (reminder e-mails, printed to the console) run beside the web server.
	export DJANGO_DEBUG=1 MFA_REQUIRED=$${MFA_REQUIRED:-0}; $(BIN)/python manage.py qcluster & QCLUSTER=$$!; \
	trap 'kill $$QCLUSTER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and the services from the
# environment (docs/operations.md); django-q2 workers run beside it (`manage.py qcluster`).
serve: install
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python manage.py yearclock_schedule
	$(BIN)/python manage.py services_schedule
	$(BIN)/gunicorn

test: install judge oidc
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	if command -v msgfmt >/dev/null; then DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore "$(VENV)/*" -v 0; fi
	DJANGO_DEBUG=1 $(BIN)/python manage.py check
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest --ds=kb.settings.test $(PYTEST_ARGS)

messages: install
	cd kb && ../$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete
	cd guides && ../$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete
	cd yearclock && ../$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete
	cd search && ../$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete
	cd services && ../$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete
	cd identity && ../$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete
	$(BIN)/django-admin makemessages -l fi -l sv --no-obsolete -i "$(VENV)/*" -i "kb/*" -i "guides/*" -i "yearclock/*" -i "search/*" -i "services/*" -i "identity/*" -i "var/*"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var
