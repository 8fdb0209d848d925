"""The same tree builds on every engine; ProperDocs, a fork of MkDocs, writes the very same site."""

from __future__ import annotations

import filecmp
import re

import pytest

from conftest import ENGINE, ROOT, build_site
from sitegen.build import ENGINES

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# The offline worker's version is a hash of every page, generator tag included.
WORKER_VERSION = re.compile(rb'var VERSION = "[0-9a-f]+";')


def test_the_engine_under_test_is_one_of_the_three(site):
    assert ENGINE in ENGINES
    assert (site / "index.html").exists() and (site / "404.html").exists()


@pytest.mark.skipif(ENGINE != "properdocs", reason="compares ProperDocs with MkDocs: make test-site ENGINE=properdocs")
def test_properdocs_output_is_mkdocs_output_but_for_the_generator_tag(site, tmp_path):
    result = build_site(ROOT, tmp_path / "mkdocs", "mkdocs")
    assert result.returncode == 0, result.stderr
    mine, theirs = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()), \
        sorted(p.relative_to(tmp_path / "mkdocs") for p in (tmp_path / "mkdocs").rglob("*") if p.is_file())
    assert mine == theirs
    differing = []
    for rel in mine:
        a, b = site / rel, tmp_path / "mkdocs" / rel
        same = lambda data: WORKER_VERSION.sub(b"", GENERATOR.sub(b"", data))  # noqa: E731
        if not filecmp.cmp(a, b, shallow=False) and same(a.read_bytes()) != same(b.read_bytes()):
            differing.append(str(rel))
    assert differing == []


@pytest.mark.site  # a check of each engine's strict mode: `make test-site` runs it on the other two
def test_the_build_is_strict_a_broken_link_in_a_page_fails_it(tmp_path):
    """`--strict` must stop the build at a link to no page. MkDocs and ProperDocs ignore
    --strict when --quiet is also given (quiet drops the warnings before strict counts them),
    so the build passed with the broken link until the engine ran without --quiet."""
    from conftest import copy_project
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a page](no-such-page.md).\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0, "a broken link passed a strict build"
    assert "faq.md" in result.stdout + result.stderr


def test_the_engines_own_command_builds_from_the_project_root(tmp_path):
    """README ("Engines"): mkdocs.yml names a Markdown extension in sitegen/, and
    `python -m mkdocs build` run from the project root finds it without PYTHONPATH."""
    import os
    import subprocess
    import sys

    from conftest import copy_project
    from sitegen.build import ENV
    from sitegen.render import generate
    project = copy_project(tmp_path / "project")
    assert generate(project) == 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | ENV
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "<!-- verbatim-html -->" not in (tmp_path / "site" / "faq" / "index.html").read_text(encoding="utf-8")
