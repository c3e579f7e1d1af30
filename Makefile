# stint: `make html` builds the board, `make test` runs every test. Both bootstrap .venv.
# Target names follow pelican-quickstart's Makefile.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican

INPUTDIR := $(CURDIR)/content
OUTPUTDIR ?= $(CURDIR)/output
CONFFILE := $(CURDIR)/pelicanconf.py
PUBLISHCONF := $(CURDIR)/publishconf.py
PORT ?= 8000
N ?= 10000

.PHONY: help html clean regenerate serve serve-global devserver publish test validate bench lint lock browser-deps

help:
	@echo 'make html        build the site into output/ (OUTPUTDIR=... to change)'
	@echo 'make serve       serve output/ at http://localhost:$(PORT)'
	@echo 'make devserver   rebuild on changes to listings/, content/, theme/, schema/ and serve'
	@echo 'make publish     build for production with publishconf.py (runtime tree from the lock)'
	@echo 'make lock        write requirements/publish.txt again (pip-compile --generate-hashes)'
	@echo 'make validate    check every posting in listings/'
	@echo 'make test        run the test suite (installs what it needs)'
	@echo 'make bench       time validation, builds and the link check at N=$(N) postings (SCALE=1: up to 100,000), then Lighthouse'
	@echo 'make lint        ruff'

# The virtual environment is rebuilt whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

venv: $(BIN)/.installed

# Production (`make publish`, which CI runs in a fresh clone) installs only what the build
# runs: the whole dependency tree from the lock, every file checked against its hashes, no
# test or bench extras, no pip upgrade. stint itself is not installed: pelicanconf.py loads
# the plugin from plugins/. `make lock` writes the lock again after pyproject.toml changes
# (tests/test_lock.py fails until it does).
LOCK := requirements/publish.txt
$(BIN)/.locked: $(LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $@

lock: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file $(LOCK) pyproject.toml

html: $(BIN)/.installed
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

clean:
	rm -rf $(OUTPUTDIR) .stint-cache

regenerate: $(BIN)/.installed
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

serve: $(BIN)/.installed
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

serve-global: $(BIN)/.installed
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) -b 0.0.0.0

devserver: $(BIN)/.installed
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

publish: $(BIN)/.locked
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF)

validate: $(BIN)/.installed
	$(BIN)/stint validate listings

lint: $(BIN)/.installed
	$(BIN)/ruff check plugins tests bench .github/scripts pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests bench .github/scripts pelicanconf.py publishconf.py

# Debian's Chromium, and the Node tools of package-lock.json by `npm ci` (tools/install-test-deps):
# the Nu HTML Checker and axe-core for the tests, Lighthouse for the bench.
browser-deps:
	./tools/install-test-deps

test: $(BIN)/.installed browser-deps
	$(BIN)/python -m pytest

# SCALE=1 adds the long rows of the scaling table: 50,000 and 100,000 postings (minutes).
# Chromium and Lighthouse (package-lock.json, `npm ci`) come from browser-deps, as for the tests.
bench: $(BIN)/.installed browser-deps
	$(BIN)/python -m bench --postings $(N)$(if $(SCALE), --scaling)
	$(BIN)/python -m bench.links --links $(N)
	$(BIN)/python -m bench.lighthouse
