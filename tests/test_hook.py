"""The MkDocs hook regenerates fragments on each (re)build and stops on bad data."""

import shutil
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import mkdocs_hooks
from conftest import ROOT, copy_project


def config_for(project):
    return SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))


def test_hook_regenerates_after_a_data_edit(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    mkdocs_hooks.on_pre_build(config_for(tmp_path))
    path = tmp_path / "data/differences.yaml"
    path.write_text(path.read_text().replace("aspect: Main purpose", "aspect: Main aim"))
    mkdocs_hooks.on_pre_build(config_for(tmp_path))
    assert "Main aim" in (tmp_path / "generated/differences.md").read_text()


def test_hook_fails_the_build_with_the_data_error(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data/differences.yaml"
    path.write_text(path.read_text().replace("  order: 3\n", "  order: x\n"))
    with pytest.raises(PluginError, match=r"data/differences\.yaml:\d+: purpose\.order: expected integer"):
        mkdocs_hooks.on_pre_build(config_for(tmp_path))


def test_a_redirect_may_not_replace_a_real_page(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    project = copy_project(tmp_path / "project")
    redirects = project / "data/redirects.yaml"
    redirects.write_text(redirects.read_text() + "- id: clash\n  from: faq/\n  to: glossary.md\n  reason: Test.\n")
    config = load_config(str(project / "mkdocs.yml"))
    mkdocs_hooks.on_pre_build(config)
    with pytest.raises(PluginError, match=r"redirect faq/index.html would replace a real page"):
        mkdocs_hooks.on_files(get_files(config), config)
