"""Cell text is escaped: whatever a maintainer types shows up literally in the table.

The property test renders arbitrary strings through the real template and the
site's own Markdown configuration (the extensions listed in mkdocs.yml), then
reads the table cells back from the HTML. A second test pushes hostile strings
through the whole pipeline: YAML file, generator, `mkdocs build --strict`.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings, strategies as st
from mkdocs.config import load_config

import build_tables
import sitedata
from conftest import ROOT, build_site, copy_project
from htmlscan import parse, parse_file

# Any text a person could type: no lone surrogates, private-use, unassigned or
# control characters, except the common whitespace controls.
TYPED_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"), whitelist_characters="\n\t\r"),
    min_size=1,
)

HOSTILE = [
    "a | b || c",
    "<script>alert(1)</script>",
    "*not emphasis* and _not either_ and __nor this__",
    "`code` and ``more``",
    "{: #injected .class }",
    "line one\nline two\n\nline four",
    '--8<-- "abbreviations.md"',
    "&amp; &lt; &#42; &",
    "[link](https://example.org) ![img](x.png) <https://example.org>",
    "\\| backslash pipe \\",
    "  leading and trailing  ",
    "# not a heading",
    "- not a list",
    "LLM and GAN and VAE",
    "x{#id}y <!-- comment --> ]]> ${var} {{ jinja }} {% raw %}",
    "\t tab",
]


@pytest.fixture(scope="module")
def markdown_config():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


def render_cells(texts: list[str], markdown_config) -> list[list[str]]:
    records = [
        {"id": f"row-{i}", "order": i + 1, "aspect": text, "generative_ai": text, "llm": text, "sources": ["org"]}
        for i, text in enumerate(texts)
    ]
    sources = [{"id": "org", "organisation": "Org", "title": "T", "year": 2024, "url": "https://x.org", "kind": "web"}]
    data = {
        "differences": sitedata.Dataset("differences", Path("data/differences.yaml"), records, {}),
        "sources": sitedata.Dataset("sources", Path("data/sources.yaml"), sources, {}),
    }
    output = next(o for o in build_tables.OUTPUTS if o.target.endswith("/differences.md"))
    source = build_tables.render(output, data)
    extensions, configs = markdown_config
    html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(source)
    table = parse(html).find("table")
    assert table is not None, html
    return [[td.text() for td in tr.iter("td")][:3] for tr in table.iter("tr") if tr.find("td")]


@settings(max_examples=300, deadline=None)
@given(TYPED_TEXT)
def test_any_typed_text_renders_literally(markdown_config, text):
    assert render_cells([text], markdown_config) == [[text, text, text]]


def test_hostile_text_renders_literally(markdown_config):
    assert render_cells(HOSTILE, markdown_config) == [[t, t, t] for t in HOSTILE]


def test_hostile_text_survives_the_whole_pipeline(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "differences.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for i, text in enumerate(HOSTILE):
        records.append({"id": f"hostile-{i}", "order": 100 + i, "aspect": f"Hostile {i}",
                        "generative_ai": text, "llm": text, "sources": ["wikipedia-llm"]})
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    table = parse_file(tmp_path / "site" / "compare" / "differences" / "index.html").find("table")
    rows = {tr.find("td").text(): [td.text() for td in tr.iter("td")] for tr in table.iter("tr") if tr.find("td")}
    for i, text in enumerate(HOSTILE):
        assert rows[f"Hostile {i}"][1:3] == [text, text]
    assert len(table.find("tbody").children) >= len(HOSTILE), "a value broke the table"
    assert not any(e.attrs.get("id") == "injected" for e in table.iter())
