# Two commands set up a fresh machine: `make serve` and `make test`.
# Each creates .venv and installs exactly the pinned, hashed requirements it needs.
#
# ENGINE picks the site engine: mkdocs (default), properdocs or zensical.
# The generator and the tests always run in .venv; another engine gets its own
# .venv-<engine> from its own lock file, requirements-<engine>.txt.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000
SHARED := ../shared
ENGINE ?= mkdocs

# Material 9.7+ prints a banner about MkDocs 2.0 on every run; we pin MkDocs < 2.
export NO_MKDOCS_2_WARNING := 1

ifeq ($(ENGINE),mkdocs)
ENGINE_ENV := $(VENV)/.site
else ifneq ($(filter $(ENGINE),properdocs zensical),)
ENGINE_ENV := .venv-$(ENGINE)/.installed
else
$(error ENGINE must be mkdocs, properdocs or zensical, not "$(ENGINE)")
endif

.PHONY: serve build generate data-check originality test test-fast test-site bench links review lock clean

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

.venv-%/.installed: requirements-%.txt
	$(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $<
	@touch $@

generate: $(VENV)/.site
	$(PY) -m sitegen generate

# MkDocs and ProperDocs regenerate on every data edit (sitegen/mkdocs_hook.py);
# Zensical serves the generated files but does not run hooks: re-run `make generate`.
serve: generate $(ENGINE_ENV)
	$(PY) -m sitegen serve --engine $(ENGINE) --dev-addr $(HOST)

# Generate once, then run the engine once, strictly: both are in `python -m sitegen build`.
build: $(VENV)/.site $(ENGINE_ENV)
	$(PY) -m sitegen build --engine $(ENGINE) --site-dir site

data-check: $(VENV)/.site
	$(PY) -m sitegen data-check

originality: $(VENV)/.site
	@if [ -f $(SHARED)/tools/originality.py ]; then \
		echo "originality check against the source articles:"; \
		$(PY) $(SHARED)/tools/originality.py; \
	else echo "($(SHARED)/tools/originality.py not found: originality check skipped)"; fi

# Every test, against a site built by ENGINE.
test: $(VENV)/.dev $(ENGINE_ENV) data-check originality
	SITE_ENGINE=$(ENGINE) $(PY) -m pytest

# Everything but the browser tests: the quick loop while editing.
test-fast: $(VENV)/.dev $(ENGINE_ENV) data-check
	SITE_ENGINE=$(ENGINE) $(PY) -m pytest -m "not browser"

# Only the tests that read a built site (no browser): what CI runs for the other engines.
test-site: $(VENV)/.dev $(ENGINE_ENV)
	SITE_ENGINE=$(ENGINE) $(PY) -m pytest -m "site and not browser"

bench: $(VENV)/.dev .venv-properdocs/.installed .venv-zensical/.installed
	$(PY) -m sitegen.bench

# After adding pages or anchors: record them as public links that must keep working.
links: build
	$(PY) -m sitegen links --site site --write

# Records whose `checked` date is older than MONTHS (a report, never a failing test).
MONTHS ?= 6
review: $(VENV)/.site
	$(PY) -m sitegen review --months $(MONTHS)

# Re-pin after editing requirements*.in (needs network access to PyPI).
lock: $(VENV)/.dev
	$(PY) -m pip install --quiet pip-tools
	for f in requirements requirements-dev requirements-properdocs requirements-zensical; do \
		$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o $$f.txt $$f.in || exit 1; \
	done

clean:
	rm -rf site generated docs/downloads .cache .build .pytest_cache .hypothesis
	find sitegen tests -name __pycache__ -type d -prune -exec rm -rf {} +
	find docs -name index.html -delete
