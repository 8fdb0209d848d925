"""Renderer golden files: tiny data in tests/fixtures/tiny, expected text in tests/golden.

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then
review the diff.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

import build_tables
import sitedata
from conftest import ROOT

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "tiny"
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("tiny") / "data"
    data_dir.mkdir()
    for path in sorted(FIXTURE.glob("*.yaml")):
        shutil.copy(path, data_dir / path.name)
        shutil.copy(ROOT / "data" / f"{path.stem}.schema.json", data_dir)
    return sitedata.load_all(data_dir)


def tiny_outputs(data):
    return [o for o in build_tables.outputs_for(data) if set(o.inputs) <= set(data)]


def test_golden_files_cover_the_tiny_outputs(tiny_data):
    names = {Path(o.target).name for o in tiny_outputs(tiny_data)}
    assert names >= {"differences.md", "sources.md", "glossary.md", "abbreviations.md"}


@pytest.mark.parametrize("name", ["differences.md", "sources.md", "glossary.md", "abbreviations.md"])
def test_render_matches_golden(tiny_data, name):
    output = next(o for o in tiny_outputs(tiny_data) if Path(o.target).name == name)
    text = build_tables.render(output, tiny_data)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_render_is_deterministic(tiny_data):
    outputs = tuple(tiny_outputs(tiny_data))
    assert build_tables.render_all(tiny_data, outputs) == build_tables.render_all(tiny_data, outputs)


def test_every_page_fragment_starts_with_its_provenance(tiny_data):
    for output in tiny_outputs(tiny_data):
        if not output.target.endswith(".md"):
            continue
        first = build_tables.render(output, tiny_data).splitlines()[0]
        assert first.startswith("<!-- Generated from data/")
        assert "python scripts/build_tables.py" in first


def test_check_mode_reports_stale_output_and_the_fix(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    out, err = io.StringIO(), io.StringIO()
    assert build_tables.generate(tmp_path, out=out, err=err) == 0
    assert build_tables.generate(tmp_path, check=True, out=io.StringIO(), err=io.StringIO()) == 0
    stale = tmp_path / "generated" / "differences.md"
    stale.write_text(stale.read_text() + "hand edit\n")
    err = io.StringIO()
    assert build_tables.generate(tmp_path, check=True, out=io.StringIO(), err=err) == 1
    assert err.getvalue() == ("generated/differences.md is out of date with data/.\n"
                              "Run: python scripts/build_tables.py\n")


def test_unchanged_output_is_not_rewritten(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert build_tables.generate(tmp_path, out=io.StringIO(), err=io.StringIO()) == 0
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "generated").iterdir()}
    out = io.StringIO()
    assert build_tables.generate(tmp_path, out=out, err=io.StringIO()) == 0
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "generated").iterdir()} == mtimes
    assert out.getvalue().endswith(", 0 changed.\n")


@pytest.mark.parametrize("labels,schema,path", [
    ("LLM_LABELS", "systems", ("items", "properties", "llm", "enum")),
    ("KIND_LABELS", "systems", ("items", "properties", "kind", "enum")),
    ("WEIGHTS_LABELS", "systems", ("items", "properties", "open_weights", "enum")),
    ("FAMILY_LABELS", "use_cases", ("items", "properties", "best", "enum")),
    ("VERDICT_LABELS", "myths", ("items", "properties", "verdict", "enum")),
    ("FAQ_TOPICS", "faq", ("items", "properties", "topic", "enum")),
    ("OUTPUT_LABELS", "use_cases", ("items", "properties", "outputs", "items", "enum")),
])
def test_every_coded_value_has_words(labels, schema, path):
    """A schema value without a label would stop the build; catch it here, by name."""
    node = json.loads((ROOT / "data" / f"{schema}.schema.json").read_text())
    for key in path:
        node = node[key]
    assert set(node) <= set(getattr(build_tables, labels)), labels
