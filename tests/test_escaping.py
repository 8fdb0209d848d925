"""Whatever a maintainer types shows up literally, on every path to the reader.

The property test renders arbitrary strings through the real template and the
site's own Markdown configuration, then reads the table cells back. The
pipeline tests put hostile strings into the data (table cells, the chooser's
and the catalogue's JSON, the SVG diagrams and the
downloads), build the whole site, and read every one of them back; the
browser test checks that Chromium, which parses <script> content by its own
rules, still sees the whole page.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings, strategies as st
from mkdocs.config import load_config

from conftest import CONFIG, ROOT, SUBPATH, build_site, copy_project
from sitegen import render
from sitegen.data import Dataset, SiteData
from sitegen.htmlscan import parse, parse_file
from sitegen.outputs import FRAGMENTS
from sitegen.yamlfile import parse as parse_yaml

# Any text a person could type: no lone surrogates, private-use, unassigned or
# control characters, except the common whitespace controls.
TYPED_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"), whitelist_characters="\n\t\r"),
    min_size=1,
)

HOSTILE = [
    "a | b || c",
    "<script>alert(1)</script>",
    "<!--<script>",
    "</script>",
    "</SCRIPT >x",
    "]]>",
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
    "it's \"quoted\" 'twice'",
    "\t tab",
]
JOINED = " / ".join(HOSTILE)  # one field that carries every hostile string at once
SHORT = "<!--<script>]]></script>&'\""  # for fields with a length limit
OPENER = "Opens <!--<script> and never closes it"


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
    schemas = {name: json.loads((ROOT / "data" / f"{name}.schema.json").read_text()) for name in ("differences", "sources")}
    site = SiteData({
        "differences": Dataset("differences", Path("data/differences.yaml"), records, schemas["differences"]),
        "sources": Dataset("sources", Path("data/sources.yaml"), sources, schemas["sources"]),
    }, ROOT, ROOT / "docs")
    output = next(f for f in FRAGMENTS if f.name == "differences")
    source = render.render(output, site, CONFIG)
    extensions, configs = markdown_config
    html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(source)
    table = parse(html).find("table")
    assert table is not None, html
    return [[tr.find("th").text()] + [td.text() for td in tr.iter("td")][:2] for tr in table.iter("tr") if tr.find("td")]


@settings(max_examples=300, deadline=None)
@given(TYPED_TEXT)
def test_any_typed_text_renders_literally(markdown_config, text):
    assert render_cells([text], markdown_config) == [[text, text, text]]


def test_hostile_text_renders_literally(markdown_config):
    assert render_cells(HOSTILE, markdown_config) == [[t, t, t] for t in HOSTILE]


def edit_records(project: Path, name: str, change) -> None:
    path = project / "data" / f"{name}.yaml"
    records = parse_yaml(path.read_text(encoding="utf-8")).value
    change(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The real project with hostile text in every field that reaches a reader by a different path."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "project")

    def differences(records):
        for i, text in enumerate(HOSTILE):
            records.append({"id": f"hostile-{i}", "order": 100 + i, "aspect": f"Hostile {i}",
                            "generative_ai": text, "llm": text, "sources": ["wikipedia-llm"],
                            "brief": {"generative_ai": text[:90], "llm": text[-90:]}})

    def first(field_values):
        def change(records):
            records[0].update(field_values)
        return change

    edit_records(project, "differences", differences)
    # The chooser's data opens a comment and a script and never closes them (no "-->" anywhere in it):
    # the case that made Chromium's <script> swallow the rest of the article.
    edit_records(project, "use_cases", first({"task": SHORT, "reason": OPENER}))
    edit_records(project, "faq", first({"question": JOINED, "answer": JOINED}))
    edit_records(project, "systems", first({"name": SHORT, "unit": JOINED}))
    edit_records(project, "timeline", first({"label": SHORT, "event": JOINED}))
    edit_records(project, "fields", first({"summary": JOINED, "examples": [JOINED]}))
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_hostile_text_survives_table_cells(hostile_site):
    table = parse_file(hostile_site / "compare" / "differences" / "index.html").find("table")
    rows = {tr.find("th").text(): [td.text() for td in tr.iter("td")] for tr in table.iter("tr") if tr.find("td")}
    for i, text in enumerate(HOSTILE):
        assert rows[f"Hostile {i}"][0:2] == [text, text]
    assert not any(e.attrs.get("id") == "injected" for e in table.iter())


def _reader_text(cell) -> str:
    """A cell's text as read on the page: glossary tooltips (shown on hover) left out."""
    tips = [span.text() for span in cell.iter("span") if "term__tip" in span.attrs.get("class", "").split()]
    text = cell.text()
    for tip in tips:
        text = text.replace(tip, "", 1)
    return text


def test_hostile_text_survives_the_handout(hostile_site):
    table = parse_file(hostile_site / "handout" / "index.html").find("table")
    rows = {tr.find("th").text(): [_reader_text(td) for td in tr.iter("td")] for tr in table.iter("tr") if tr.find("td")}
    for i, text in enumerate(HOSTILE):
        assert rows[f"Hostile {i}"] == [text[:90], text[-90:]]


def script_json(page: Path, kind: str) -> tuple[str, object]:
    html = page.read_text(encoding="utf-8")
    start = html.index(f'<script type="{kind}"')
    body = html[html.index(">", start) + 1: html.index("</script>", start)]
    return body, json.loads(body)


@pytest.mark.parametrize("page,kind", [
    ("compare/use-cases/index.html", "application/json"),
    ("compare/systems/index.html", "application/json"),
])
def test_embedded_json_is_escaped_for_html_and_holds_the_text(hostile_site, page, kind):
    body, value = script_json(hostile_site / page, kind)
    assert not set("<>&'") & set(body), "JSON in a <script> must escape <, >, & and ' (as Jinja's tojson does)"
    assert {JOINED, SHORT, OPENER} & set(_strings(value))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in list(value.values()) + list(value.keys()) for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_svg_diagrams_hold_the_text(hostile_site):
    timeline = parse_file(hostile_site / "compare" / "timeline" / "index.html").find("svg", **{"class": "diagram__svg"})
    assert SHORT in {t.text() for t in timeline.iter("text")}
    nesting = parse_file(hostile_site / "index.html").find("svg", **{"class": "diagram__svg"})
    assert JOINED in nesting.find("desc").text()


def test_downloads_hold_the_text(hostile_site):
    for name, field in (("faq", "answer"), ("systems", "unit"), ("timeline", "event")):
        records = json.loads((hostile_site / "downloads" / f"{name}.json").read_text(encoding="utf-8"))["records"]
        assert JOINED in [r.get(field) for r in records]
        rows = list(csv.DictReader(io.StringIO((hostile_site / "downloads" / f"{name}.csv").read_text(encoding="utf-8"))))
        assert JOINED in [r.get(field) for r in rows]


@pytest.mark.browser
def test_chromium_sees_the_whole_page_despite_hostile_text(hostile_site, chromium):
    """Was: a reason containing <!--<script> made the chooser's <script> swallow the use-case table."""
    from sitegen.pages_server import serve
    expected_rows = len(yaml.safe_load((ROOT / "data" / "use_cases.yaml").read_text()))
    with serve(hostile_site, SUBPATH) as base:
        page = chromium.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "compare/use-cases/")
        page.wait_for_load_state("networkidle")
        assert page.locator("article table tbody tr").count() >= expected_rows
        assert page.is_visible("#use-case-chooser")
        page.select_option("#chooser-task", index=1)  # the first task, after "Choose a task"
        page.wait_for_function(f"document.querySelector('#chooser-recommendation').textContent.includes({json.dumps(OPENER)})")
        page.goto(base)
        assert JOINED in page.evaluate("document.querySelector('svg.diagram__svg desc').textContent")
        page.close()
        assert errors == []
