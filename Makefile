# Two commands set up a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs exactly the pinned, hashed requirements it needs.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000
SHARED := ../shared

# Material 9.7+ prints a banner about MkDocs 2.0 on every run; we pin MkDocs < 2.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build generate data-check originality test test-fast bench links lock clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.site: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@ $(VENV)/.site

generate: $(VENV)/.site
	$(PY) -m sitegen generate

serve: generate
	$(PY) -m mkdocs serve --dev-addr $(HOST) --livereload

# Generate, then build strictly: both steps are in `python -m sitegen build`.
build: $(VENV)/.site
	$(PY) -m sitegen build --site-dir site

data-check: $(VENV)/.site
	$(PY) -m sitegen data-check

originality: $(VENV)/.site
	@if [ -f $(SHARED)/tools/originality.py ]; then \
		echo "originality check against the source articles:"; \
		$(PY) $(SHARED)/tools/originality.py; \
	else echo "($(SHARED)/tools/originality.py not found: originality check skipped)"; fi

test: $(VENV)/.dev data-check originality
	$(PY) -m pytest

# Everything but the browser tests: the quick loop while editing.
test-fast: $(VENV)/.dev data-check
	$(PY) -m pytest -m "not browser"

bench: $(VENV)/.dev
	$(PY) -m sitegen.bench

# After adding pages or anchors: record them as public links that must keep working.
links: build
	$(PY) -m sitegen links --site site --write

# Re-pin after editing requirements*.in (needs network access to PyPI).
lock: $(VENV)/.dev
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site generated docs/downloads .pytest_cache .hypothesis
	find docs -name index.html -delete
