"""Renderer golden files: tiny data in tests/fixtures/tiny, expected text in tests/golden.

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then
review the diff.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import CONFIG, DATA, ROOT
from sitegen import render
from sitegen.data import load_all
from sitegen.outputs import FRAGMENTS, anchor_indexes, outputs_for, spread

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "tiny"
GOLDEN = HERE / "golden"
GOLDEN_NAMES = ["differences", "differences-brief", "sources-papers", "sources-index", "sources-pages", "glossary"]


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("tiny") / "data"
    data_dir.mkdir()
    for path in sorted(FIXTURE.glob("*.yaml")):
        shutil.copy(path, data_dir / path.name)
        shutil.copy(ROOT / "data" / f"{path.stem}.schema.json", data_dir)
    return load_all(data_dir, minimums=False, docs_dir=ROOT / "docs")


def tiny_fragments(site):
    return [f for f in spread(FRAGMENTS, site) + anchor_indexes(site) if f.reads and set(f.reads) <= set(site)]


def test_golden_files_cover_the_tiny_outputs(tiny_data):
    assert {f.name for f in tiny_fragments(tiny_data)} >= set(GOLDEN_NAMES)


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_render_matches_golden(tiny_data, name):
    output = next(f for f in tiny_fragments(tiny_data) if f.name == name)
    text = render.render(output, tiny_data, CONFIG)
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_render_is_deterministic(tiny_data):
    outputs = tuple(tiny_fragments(tiny_data))
    assert render.render_all(tiny_data, CONFIG, outputs) == render.render_all(tiny_data, CONFIG, outputs)


def test_every_fragment_names_its_data_and_template(tiny_data):
    for output in tiny_fragments(tiny_data):
        first = render.render(output, tiny_data, CONFIG).splitlines()[0]
        assert first.startswith("<!-- Generated from data/")
        assert f"with sitegen/templates/{output.template} by `python -m sitegen`" in first


def test_one_name_per_output():
    """The registry key, the template and the snippet share one name, and each page includes its own."""
    every = [o for o in outputs_for(DATA) if isinstance(o, render.Fragment)]
    names = [f.name for f in every]
    assert len(names) == len(set(names))
    templates = {p.name.removesuffix(".md.j2") for p in render.TEMPLATE_DIR.glob("*.md.j2")}
    used = {f.template.removesuffix(".md.j2") for f in every}
    assert templates == used, "a template without an output, or an output without a template"
    assert {f.name for f in every if f.family == "quiz"} == {f"quiz-{p.removesuffix('.md').replace('/', '-')}"
                                                             for p in {q["page"] for q in DATA.records("quiz")}}
    # x-anchor: a fragment per page a dataset is spread over, and an index where it asks for one.
    assert {f.name for f in every if f.family not in (None, "quiz")} == {
        "sources-papers", "sources-reports", "sources-documentation", "sources-legal", "sources-web",
        "sources-index", "sources-pages", "disputes-index",
        "systems-llm-catalogue", "systems-filters-llm-catalogue", "systems", "systems-filters", "systems-index"}
    for fragment in every:
        if fragment.page is None:
            continue
        text = (ROOT / "docs" / fragment.page).read_text(encoding="utf-8")
        assert f'--8<-- "{fragment.name}.md"' in text, f"{fragment.page} does not include {fragment.name}.md"
    included = {line.split('"')[1] for p in (ROOT / "docs").rglob("*.md")
                for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("--8<--")}
    shared = {p.name for p in (ROOT / "snippets").glob("*.md")}  # hand-written text several pages share
    assert included <= {f"{n}.md" for n in names} | shared


def test_a_missing_dataset_is_named(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("downloads", "index.html"))
    for suffix in (".yaml", ".schema.json"):
        (tmp_path / "data" / f"industries{suffix}").unlink()
    err = io.StringIO()
    assert render.generate(tmp_path, out=io.StringIO(), err=err) == 1
    assert err.getvalue().splitlines()[0] == "generated/industries.md needs data/industries.yaml, which is missing"


def test_check_mode_reports_stale_output_and_the_fix(tmp_path):
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("downloads", "index.html"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    assert render.generate(tmp_path, out=io.StringIO(), err=io.StringIO()) == 0
    assert render.generate(tmp_path, check=True, out=io.StringIO(), err=io.StringIO()) == 0
    stale = tmp_path / "generated" / "differences.md"
    stale.write_text(stale.read_text() + "hand edit\n")
    err = io.StringIO()
    assert render.generate(tmp_path, check=True, out=io.StringIO(), err=err) == 1
    assert err.getvalue() == "generated/differences.md is out of date with data/.\nRun: python -m sitegen\n"


def test_unchanged_output_is_not_rewritten(tmp_path):
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("downloads", "index.html"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    assert render.generate(tmp_path, out=io.StringIO(), err=io.StringIO()) == 0
    mtimes = {p: p.stat().st_mtime_ns for p in render.owned_files(tmp_path)}
    out = io.StringIO()
    assert render.generate(tmp_path, out=out, err=io.StringIO()) == 0
    assert {p: p.stat().st_mtime_ns for p in render.owned_files(tmp_path)} == mtimes
    assert out.getvalue().endswith(", 0 changed.\n")


def test_every_output_is_registered_once():
    targets = [o.target for o in outputs_for(load_all(ROOT / "data"))]
    assert len(targets) == len(set(targets))
