"""Shared fixtures: the site is built once per test session and checked as HTML."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SUBPATH = "/genai-vs-llm/"  # the path of site_url in mkdocs.yml; GitHub Pages serves the site there


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Generate fragments, then `mkdocs build --strict`, as `make build` does."""
    gen = subprocess.run([sys.executable, "scripts/build_tables.py"], cwd=project,
                         capture_output=True, text=True, env=BUILD_ENV)
    if gen.returncode != 0:
        return gen
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env=BUILD_ENV)


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
    for name in ("data", "docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "downloads"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1 under the GitHub Pages sub-path."""
    from pages_server import serve
    with serve(site, SUBPATH) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright
    from browser import launch
    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()
