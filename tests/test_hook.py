"""The dev-server hook regenerates on each rebuild with the server's own config, and only then."""

import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT, copy_project
from sitegen import mkdocs_hook


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def serving(project):
    mkdocs_hook.on_startup("serve")
    return load_config(str(project / "mkdocs.yml"))


def test_hook_regenerates_after_a_data_edit(project):
    config = serving(project)
    mkdocs_hook.on_pre_build(config)
    path = project / "data/differences.yaml"
    path.write_text(path.read_text().replace("aspect: Main purpose", "aspect: Main aim"))
    mkdocs_hook.on_pre_build(config)
    assert "Main aim" in (project / "generated/differences.md").read_text()


def test_a_changed_nav_title_reaches_the_generator(project):
    """Was: the generator read mkdocs.yml once, at import time."""
    mkdocs_hook.on_pre_build(serving(project))
    faq = project / "generated/faq.md"
    assert '<a href="/genai-vs-llm/compare/differences/">Key differences</a>' in faq.read_text()
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("Key differences: compare/differences.md", "Main differences: compare/differences.md"))
    mkdocs_hook.on_pre_build(serving(project))
    assert '<a href="/genai-vs-llm/compare/differences/">Main differences</a>' in faq.read_text()


def test_hook_fails_the_build_with_the_data_error(project):
    path = project / "data/differences.yaml"
    path.write_text(path.read_text().replace("  order: 3\n", "  order: x\n"))
    with pytest.raises(PluginError, match=r"data/differences\.yaml:\d+: purpose\.order: expected integer"):
        mkdocs_hook.on_pre_build(serving(project))


def test_a_build_does_not_generate_twice(project):
    mkdocs_hook.on_startup("build")
    shutil.rmtree(project / "generated", ignore_errors=True)
    mkdocs_hook.on_pre_build(load_config(str(project / "mkdocs.yml")))
    assert not (project / "generated").exists()
    assert ROOT.exists()
