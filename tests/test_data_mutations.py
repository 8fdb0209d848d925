"""Property: no edit a maintainer can make to a data file gives a traceback.

Hypothesis breaks the real data the way people do (a wrong type in any
field, a field deleted, a record duplicated or removed, a file cut short
or turned into something that is not a list) and runs the real generator.
Every run must end with exit 0, or with exit 1, every problem in the
`data/<file>:<line>: <where>: <message>` form, and no generated file changed.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from sitegen import render
from sitegen.yamlfile import parse
from test_data_checks import PROBLEM_LINE, snapshot

DATA_FILES = sorted(p.name for p in (ROOT / "data").glob("*.yaml"))
ANY_VALUE = st.sampled_from([0, 7, -1.5, True, False, None, "", "text", [], ["a"], [1, 2], {}, {"x": 1}, "2024-05"])


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("good")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("downloads", "index.html"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert render.generate(project, out=io.StringIO(), err=io.StringIO()) == 0
    return project


@st.composite
def mutation(draw):
    """(file name, new file text, True if the edit is certainly invalid)."""
    name = draw(st.sampled_from(DATA_FILES))
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    records = parse(text).value
    kind = draw(st.sampled_from(["wrong-type", "mapping", "missing", "duplicate", "remove", "truncate", "not-a-list"]))
    if kind == "truncate":
        return name, text[: draw(st.integers(0, len(text) - 1))], False
    if kind == "not-a-list":
        return name, yaml.safe_dump(draw(st.sampled_from([{"records": records}, "records", 3]))), True
    index = draw(st.integers(0, len(records) - 1))
    record = dict(records[index])
    field = draw(st.sampled_from(sorted(record)))
    certain = False
    if kind == "wrong-type":
        record[field] = draw(ANY_VALUE)
    elif kind == "mapping":  # no field of any schema takes a mapping with a key "x" holding a mapping
        record[field], certain = {"x": {}}, True
    elif kind == "missing":
        del record[field]
    records = list(records)
    if kind == "duplicate":
        records.insert(index, record)
        certain = True
    elif kind == "remove":
        del records[index]
    else:
        records[index] = record
    return name, yaml.safe_dump(records, allow_unicode=True, sort_keys=False), certain


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation())
def test_any_data_edit_gives_a_message_never_a_traceback(good_project, edit):
    name, text, certainly_invalid = edit
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(good_project, project)
        (project / "data" / name).write_text(text, encoding="utf-8")
        before = snapshot(project)
        err = io.StringIO()
        code = render.generate(project, out=io.StringIO(), err=err)  # any exception fails the test
        assert code in (0, 1)
        if certainly_invalid:
            assert code == 1, f"{name}: accepted an invalid edit"
        if code == 1:
            lines = [line for line in err.getvalue().splitlines() if line.strip()]
            problems, summary = lines[:-1], lines[-1]
            assert problems and all(PROBLEM_LINE.match(p) for p in problems), lines
            assert summary.endswith("data problem(s); nothing was generated. Fix them and run `make data-check`.")
            assert snapshot(project) == before
