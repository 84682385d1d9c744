# iA.Solutions for Plone 6: set-up in two commands.
#   make start   install, create the demo site "commune", serve http://localhost:8080/commune
#   make test    install and run the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTANCE := instance
ZOPE_CONF := $(INSTANCE)/etc/zope.conf
SITE_ID ?= commune
SITE_TITLE ?= Commune de Démo
PROFILE ?= commune
ADMIN_USER ?= admin
ADMIN_PASSWORD ?= admin
PYTEST_ARGS ?=

.PHONY: install system-deps start site instance test test-quick test-relstorage lint format i18n clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt pip setuptools wheel

# Reinstalled when the pins or setup.py change.
$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(BIN)/pip install -q --no-build-isolation -c constraints.txt --config-settings editable_mode=compat -e ".[test]"
	touch $@

install: $(VENV)/.installed system-deps
	@$(MAKE) --no-print-directory $(AXE)

# axe-core, pinned in package.json / package-lock.json, from the npm registry into
# node_modules/: the accessibility tests run it in Chromium (tests/browser.py).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages the suite needs: LibreOffice converts generated documents to PDF;
# the tests read PDFs with poppler-utils (pdftotext) and drive Chromium; npm (nodejs)
# installs axe-core; PostgreSQL serves the RelStorage instances and Redis the jobs' shared
# broker (tests start their own servers on loopback, nothing runs as a service).
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-liberation poppler-utils chromium chromium-driver \
  nodejs npm postgresql redis-server
PG_BIN := /usr/lib/postgresql/15/bin
system-deps:
	@for command in soffice pdftotext chromium chromedriver npm $(PG_BIN)/initdb redis-server; do \
	  command -v $$command >/dev/null || missing=1; done; \
	test -z "$$missing" || { \
	  echo "Installing $(SYSTEM_PACKAGES) (Debian)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $(SYSTEM_PACKAGES); }

instance: install
	$(BIN)/iasolutions make-instance $(INSTANCE)
	@test -f $(INSTANCE)/.admin-created || { \
	  $(BIN)/addzopeuser -c $(ZOPE_CONF) $(ADMIN_USER) $(ADMIN_PASSWORD) && \
	  touch $(INSTANCE)/.admin-created; }

site: instance
	$(BIN)/iasolutions -C $(ZOPE_CONF) create-site $(SITE_ID) --title "$(SITE_TITLE)" \
	  --profile $(PROFILE) --all-modules --demo

start: site
	@echo "Serving http://localhost:8080/$(SITE_ID) (admin: $(ADMIN_USER) / $(ADMIN_PASSWORD))"
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

test: install
	$(BIN)/pytest tests $(PYTEST_ARGS)

# ruff (lint + format, ruff.toml) on the Python code, zpretty on the ZCML and XML.
XML_FILES = $(shell git ls-files 'src/*.zcml' 'src/*.xml' 'profiles/*.xml' 'profiles/*.zcml')
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zpretty --check $(XML_FILES)

# Rewrite the code as the linters want it.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/zpretty -i $(XML_FILES)

# A quick run while working: everything but the slow CLI, buildout, persona walk and
# accessibility tests.
# The integration and REST tests again, every layer's database on RelStorage over
# PostgreSQL (a throwaway cluster on loopback, tests/relstorage_stack.py).
RELSTORAGE_TESTS = tests/core tests/rest tests/delib/test_restapi.py tests/delib/test_batch_restapi.py tests/mail/test_rest.py
test-relstorage: install
	IASOLUTIONS_TEST_STORAGE=relstorage $(BIN)/pytest $(RELSTORAGE_TESTS) -m "not cli and not buildout and not wheel and not persona and not accessibility and not storage" $(PYTEST_ARGS)

test-quick: install
	$(BIN)/pytest tests -m "not cli and not buildout and not wheel and not persona and not accessibility" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(INSTANCE) bin parts develop-eggs .installed.cfg node_modules

# Rebuild the .pot files from the code and sync the fr/en catalogs (then translate).
i18n: install
	@for pkg in core policy delib mail; do \
	  dir=src/iasolutions/$$pkg/locales; \
	  $(BIN)/i18ndude rebuild-pot --pot $$dir/iasolutions.$$pkg.pot --create iasolutions.$$pkg src/iasolutions/$$pkg; \
	  $(BIN)/i18ndude sync --pot $$dir/iasolutions.$$pkg.pot $$dir/*/LC_MESSAGES/iasolutions.$$pkg.po; \
	  if grep -rqs 'i18n:domain="plone"' src/iasolutions/$$pkg/profiles; then \
	    $(BIN)/i18ndude rebuild-pot --pot $$dir/plone.pot --create plone src/iasolutions/$$pkg/profiles; \
	    $(BIN)/i18ndude sync --pot $$dir/plone.pot $$dir/*/LC_MESSAGES/plone.po; \
	  fi; \
	done
