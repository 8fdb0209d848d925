"""Shared fixtures: the site is built once per test session and checked as HTML."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sitegen import config as site_config
from sitegen.config import PROJECT_INPUTS
from sitegen.build import BuildResult, build_site as _build_site
from sitegen.data import load_all

ROOT = Path(__file__).resolve().parent.parent
CONFIG = site_config.load(ROOT)
SUBPATH = CONFIG.base_path  # GitHub Pages serves the project site under this path
DATA = load_all(ROOT / "data")  # the real data, through the generator's own loader
RECORDS = {name: DATA.records(name) for name in DATA}  # by dataset; dates and yes/no as the generator sees them
ENGINE = os.environ.get("SITE_ENGINE", "mkdocs")  # which engine builds the site under test (make test ENGINE=...)
SITE_FIXTURES = {"site", "pages", "base_url", "docs"}

# Where each engine's theme writes the search index, and the key holding its entries.
SEARCH_INDEX = {"mkdocs": ("search/search_index.json", "docs"),
                "properdocs": ("search/search_index.json", "docs"),
                "zensical": ("search.json", "items")}


def search_entries(site: Path) -> list[dict]:
    """The built site's search entries, whichever engine wrote them."""
    path, key = SEARCH_INDEX[ENGINE]
    return json.loads((site / path).read_text(encoding="utf-8"))[key]


def records(name: str) -> list[dict]:
    return DATA.records(name)


def build_site(project: Path, site_dir: Path, engine: str = ENGINE) -> BuildResult:
    """Generate fragments, then build strictly, as `make build` does."""
    return _build_site(project, site_dir, engine)


def pytest_report_header(config):
    return f"site engine: {ENGINE}"


def pytest_collection_modifyitems(items):
    """Mark tests that drive Chromium `browser` (left out by `make test-fast`), and tests
    that read a built site `site` (what `make test-site` runs for the other engines)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "chromium" in fixtures or item.path.name == "test_browser.py":
            item.add_marker(pytest.mark.browser)
        if fixtures & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The built site (strict build of the real project)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def pages(site) -> dict[str, Path]:
    """Every built HTML page, keyed by its URL path under the site root ('' for home)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        found[url] = path
    return found


def copy_project(dest: Path) -> Path:
    """A throwaway copy of everything a build reads, for tests that change inputs."""
    ignore = shutil.ignore_patterns("__pycache__", "downloads", "index.html")
    for name in PROJECT_INPUTS:
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1 under the GitHub Pages sub-path."""
    from sitegen.pages_server import serve
    with serve(site, SUBPATH) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright
    from sitegen.browser import launch
    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()
