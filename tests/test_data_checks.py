"""Bad data stops generation with `file:line: id.field: message` and changes no file.

One test per validation rule. Each runs the real generator on a copy of the
project whose generated/ folder was built from good data, breaks one thing,
and asserts the exact message, exit code 1, and byte-identical outputs.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

import build_tables
import sitedata
from conftest import ROOT


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("good")
    shutil.copytree(ROOT / "data", project / "data")
    assert build_tables.generate(project, out=io.StringIO(), err=io.StringIO()) == 0
    return project


@pytest.fixture
def project(tmp_path, good_project) -> Path:
    shutil.copytree(good_project, tmp_path, dirs_exist_ok=True)
    assert len(snapshot(tmp_path)) > 20
    return tmp_path


def snapshot(project: Path) -> dict[str, tuple[bytes, int]]:
    """Content and mtime of every file the generator owns."""
    files = [p for folder in build_tables.OWNED_DIRS for p in (project / folder).rglob("*") if p.is_file()]
    return {p.relative_to(project).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(files)}


def replace_once(path: Path, old: str, new: str) -> int:
    """Edit a data file; return the 1-based line where the edit starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def run_broken(project: Path) -> tuple[int, str]:
    before = snapshot(project)
    err = io.StringIO()
    code = build_tables.generate(project, out=io.StringIO(), err=err)
    assert snapshot(project) == before, "a generated file changed despite bad data"
    return code, err.getvalue()


def first_problem(project: Path, file: str, old: str, new: str) -> tuple[int, str]:
    """Break one data file; return (line of the edit, first reported problem).

    Asserts the generator exits 1 and leaves every generated file as it was."""
    line = replace_once(project / file, old, new)
    code, err = run_broken(project)
    assert code == 1
    return line, err.splitlines()[0]


def test_yaml_syntax_error(project):
    line, problem = first_problem(project, "data/differences.yaml", "  aspect: Scope of output\n",
                                  "  aspect: [Scope of output\n")
    assert problem.startswith(f"data/differences.yaml:{line + 1}: YAML syntax error: ")


def test_missing_required_field(project):
    line, problem = first_problem(project, "data/differences.yaml", "  aspect: Scope of output\n", "")
    assert problem == f"data/differences.yaml:{line - 2}: scope.aspect: missing required field"


def test_wrong_type(project):
    line, problem = first_problem(project, "data/differences.yaml", "  order: 2\n", "  order: second\n")
    assert problem == f"data/differences.yaml:{line}: scope.order: expected integer, got str 'second'"


def test_unknown_field(project):
    line, problem = first_problem(project, "data/differences.yaml", "  order: 2\n", "  order: 2\n  colour: blue\n")
    assert problem == f"data/differences.yaml:{line + 1}: scope.colour: unknown field (not in the schema)"


def test_enum_value(project):
    line, problem = first_problem(project, "data/sources.yaml", "  url: https://docs.midjourney.com/\n  kind: docs\n",
                                  "  url: https://docs.midjourney.com/\n  kind: blog\n")
    assert problem == (f"data/sources.yaml:{line + 1}: midjourney-docs.kind: 'blog' is not an allowed value "
                       "(allowed: 'paper', 'report', 'web', 'docs', 'legal')")


def test_duplicate_id(project):
    first = (project / "data/differences.yaml").read_text().split("\n").index("- id: scope") + 1
    line, problem = first_problem(project, "data/differences.yaml", "- id: purpose\n", "- id: scope\n")
    assert problem == f"data/differences.yaml:{line}: scope.id: duplicate id 'scope' (first used on line {first})"


def test_dangling_reference(project):
    line, problem = first_problem(project, "data/differences.yaml", "  sources: [ho-2020-ddpm, brown-2020-gpt3]\n",
                                  "  sources: [ho-2020-ddpm, no-such-paper]\n")
    assert problem == (f"data/differences.yaml:{line}: how-it-generates.sources: "
                       "unknown sources id 'no-such-paper' (no such record in data/sources.yaml)")


def test_empty_text(project):
    line, problem = first_problem(project, "data/differences.yaml", "  aspect: Main purpose\n", "  aspect: '   '\n")
    assert problem == f"data/differences.yaml:{line}: purpose.aspect: empty text"


def test_authors_or_organisation(project):
    line, problem = first_problem(project, "data/sources.yaml", "  organisation: Midjourney\n",
                                  "  organisation: Midjourney\n  authors: [David Holz]\n")
    assert problem == (f"data/sources.yaml:{line + 1}: midjourney-docs.authors: "
                       "give either authors (people) or organisation, not both and not neither")


def test_best_fit_must_be_top_rated(project):
    line, problem = first_problem(project, "data/use_cases.yaml", "  best: classic\n  reason: Sums",
                                  "  best: llm\n  reason: Sums")
    assert problem == f"data/use_cases.yaml:{line}: data-analysis.best: 'llm' is rated 'good', below the top rating 'strong'"


def test_data_file_without_schema(project):
    (project / "data/extra.yaml").write_text("- id: x\n")
    code, err = run_broken(project)
    assert code == 1
    assert err.splitlines()[0] == "data/extra.yaml:1: no schema: expected extra.schema.json beside it"


def test_schema_without_data_file(project):
    shutil.copy(project / "data/faq.schema.json", project / "data/orphan.schema.json")
    code, err = run_broken(project)
    assert code == 1
    assert err.splitlines()[0] == "data/orphan.schema.json:1: schema without data file"


def test_every_problem_is_listed_at_once(project):
    replace_once(project / "data/differences.yaml", "  order: 2\n", "  order: second\n")
    replace_once(project / "data/glossary.yaml", "  related: [deep-learning, training-data]\n",
                 "  related: [deep-learning, nope]\n")
    code, err = run_broken(project)
    assert code == 1
    problems = [l for l in err.splitlines() if l.startswith("data/")]
    assert [p.split(": ")[1] for p in problems] == ["scope.order", "machine-learning.related"]
    assert "2 data problem(s); nothing was generated." in err


def test_undefined_template_field_fails_loudly(project, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(build_tables.TEMPLATE_DIR, templates)
    (templates / "differences.md.j2").write_text("{{ header }}\n{% for row in rows %}{{ row.colour }}{% endfor %}\n")
    monkeypatch.setattr(build_tables, "TEMPLATE_DIR", templates)
    code, err = run_broken(project)
    assert code == 1
    assert err.strip() == ("scripts/templates/differences.md.j2:2: 'dict object' has no attribute 'colour'; "
                           "nothing was generated.")


def test_data_check_command_reports_problems(project, capsys, monkeypatch):
    replace_once(project / "data/differences.yaml", "  order: 2\n", "  order: second\n")
    monkeypatch.setattr(sitedata, "DATA_DIR", project / "data")
    assert sitedata.main() == 1
    assert "scope.order: expected integer" in capsys.readouterr().err


def test_real_data_is_valid():
    datasets = sitedata.load_all()
    assert {"sources", "differences", "glossary"} <= set(datasets)
