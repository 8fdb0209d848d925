"""The layout promise: a new dataset with a table on an existing page touches five files.

A data file, its schema, a template, one registry line and the page's
`--8<--` line; no hidden step. The test makes exactly those edits in a copy
of the project, builds it with the copy's own generator, and finds the table.
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_project
from sitegen.build import ENV
from sitegen.htmlscan import parse_file


def changed_files(before: Path, after: Path) -> set[str]:
    found = set()
    for path in after.rglob("*"):
        rel = path.relative_to(after)
        if path.is_file() and "__pycache__" not in rel.parts and (rel.parts[0] not in ("generated", "site")):
            if rel.parts[:2] == ("docs", "downloads") or path.name == "index.html":
                continue  # generated files
            if not (before / rel).exists() or not filecmp.cmp(before / rel, path, shallow=False):
                found.add(rel.as_posix())
    return found


def test_a_new_dataset_with_a_table_touches_five_files(tmp_path):
    original = copy_project(tmp_path / "original")
    project = copy_project(tmp_path / "project")
    (project / "data/tools.yaml").write_text(
        "- id: notebook\n  name: A notebook\n  use: Try prompts and keep notes.\n  sources: [nist-2024-ai-600-1]\n"
        "- id: checklist\n  name: A checklist\n  use: Review output before you share it.\n  sources: [nist-2024-ai-600-1]\n")
    (project / "data/tools.schema.json").write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Tools",
        "description": "Simple tools that help people use generative AI well.", "type": "array", "x-min-records": 1,
        "items": {"type": "object", "additionalProperties": False, "required": ["id", "name", "use", "sources"],
                  "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "use": {"type": "string"},
                                 "sources": {"type": "array", "items": {"type": "string", "x-ref": "sources"}}}}}))
    (project / "sitegen/templates/tools.md.j2").write_text(
        "{{ header }}\n\n| Tool | Use | Sources |\n| --- | --- | --- |\n"
        "{% for t in rows %}\n| {{ t.name | md }} | {{ t.use | md }} | {{ t.sources | cite }} |\n{% endfor %}\n")
    outputs = project / "sitegen/outputs.py"
    outputs.write_text(outputs.read_text().replace(
        "FRAGMENTS: tuple[Fragment, ...] = (\n",
        'FRAGMENTS: tuple[Fragment, ...] = (\n    Fragment("tools", "practice/choosing.md", ("tools", "sources"), ("name", "id")),\n'))
    page = project / "docs/practice/choosing.md"
    page.write_text(page.read_text() + '\n## Tools that help {#tools}\n\n--8<-- "tools.md"\n')

    assert changed_files(original, project) == {
        "data/tools.yaml", "data/tools.schema.json", "sitegen/templates/tools.md.j2", "sitegen/outputs.py",
        "docs/practice/choosing.md"}
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env={**os.environ, **ENV})
    assert result.returncode == 0, result.stdout + result.stderr
    doc = parse_file(tmp_path / "site/practice/choosing/index.html")
    tables = [t for t in doc.iter("table") if "Tool" in t.find("th").text()]
    assert [tr.find("td").text() for tr in tables[0].iter("tr") if tr.find("td")] == ["A checklist", "A notebook"]
    assert (tmp_path / "site/downloads/tools.json").exists() and (tmp_path / "site/downloads/tools.csv").exists()
