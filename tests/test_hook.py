"""The MkDocs hook regenerates fragments on each (re)build and stops on bad data."""

import shutil
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import mkdocs_hooks
from conftest import ROOT


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
