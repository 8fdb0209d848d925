"""Bad data and bad schemas stop generation with `file:line: id.field: message` and change no file.

One test per validation rule and per schema mistake. Each runs the real
generator on a copy of the project whose generated files were built from
good data, breaks one thing, and asserts the exact message, exit code 1,
and byte-identical outputs.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from sitegen import render
from sitegen.__main__ import main as cli

PROBLEM_LINE = re.compile(r"^data/[a-z_]+\.(yaml|schema\.json):\d+: \S.*$")


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("good")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("downloads", "index.html"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert render.generate(project, out=io.StringIO(), err=io.StringIO()) == 0
    return project


@pytest.fixture
def project(tmp_path, good_project) -> Path:
    shutil.copytree(good_project, tmp_path, dirs_exist_ok=True)
    assert len(snapshot(tmp_path)) > 20
    return tmp_path


def snapshot(project: Path) -> dict[str, tuple[bytes, int]]:
    """Content and mtime of every file the generator owns."""
    return {p.relative_to(project).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in render.owned_files(project)}


def replace_once(path: Path, old: str, new: str) -> int:
    """Edit a file; return the 1-based line where the edit starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def run_broken(project: Path) -> tuple[int, str]:
    before = snapshot(project)
    err = io.StringIO()
    code = render.generate(project, out=io.StringIO(), err=err)
    assert snapshot(project) == before, "a generated file changed despite bad input"
    return code, err.getvalue()


def problems(project: Path) -> list[str]:
    """Exit 1, nothing written, and every reported problem in the standard form."""
    code, err = run_broken(project)
    assert code == 1, err
    found = [line for line in err.splitlines() if line.startswith("data/")]
    assert found, err
    assert all(PROBLEM_LINE.match(line) for line in found), found
    return found


def list_start(path: Path) -> int:
    """Line where a data file's list of records begins (after its comments)."""
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith("- "))


def first_problem(project: Path, file: str, old: str, new: str) -> tuple[int, str]:
    """Break one file; return (line of the edit, first reported problem)."""
    line = replace_once(project / file, old, new)
    return line, problems(project)[0]


# --- data files -----------------------------------------------------------------


def test_yaml_syntax_error(project):
    line, problem = first_problem(project, "data/differences.yaml", "  aspect: Scope of output\n",
                                  "  aspect: [Scope of output\n")
    assert problem.startswith(f"data/differences.yaml:{line + 1}: YAML syntax error: ")


def test_duplicate_key_in_a_record(project):
    line, problem = first_problem(project, "data/differences.yaml", "  order: 2\n", "  order: 2\n  order: 3\n")
    assert problem == f"data/differences.yaml:{line + 1}: YAML syntax error: duplicate key 'order' (first on line {line})"


def test_missing_required_field(project):
    line, problem = first_problem(project, "data/differences.yaml", "  aspect: Scope of output\n", "")
    assert problem == f"data/differences.yaml:{line - 2}: scope.aspect: missing required field"


def test_wrong_type(project):
    line, problem = first_problem(project, "data/differences.yaml", "  order: 2\n", "  order: second\n")
    assert problem == f"data/differences.yaml:{line}: scope.order: expected integer, got str 'second'"


@pytest.mark.parametrize("file,old", [
    ("data/fields.yaml", "- id: ml\n"),
    ("data/glossary.yaml", "- id: machine-learning\n"),
])
def test_an_id_that_is_a_mapping_is_a_message_not_a_traceback(project, file, old):
    """Was: TypeError: unhashable type: 'dict'."""
    line = replace_once(project / file, old, "- id: {name: x}\n")
    expected = re.compile(rf"^{file}:{line}: \[\d+\]\.id: expected string, got mapping \{{'name': 'x'\}}$")
    found = problems(project)
    assert any(expected.match(p) for p in found), found


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


def test_a_replaced_source_id_is_an_id_too(project):
    """A `replaces` id keeps its #src- anchor on the new entry, so it may not name another record."""
    sources = (project / "data/sources.yaml").read_text().split("\n")
    first = sources.index("- id: ho-2020-ddpm") + 1
    line, problem = first_problem(project, "data/sources.yaml", "  replaces: [deepmind-2025-genie-3-copy]\n",
                                  "  replaces: [deepmind-2025-genie-3-copy, ho-2020-ddpm]\n")
    assert problem == (f"data/sources.yaml:{line}: deepmind-2025-genie-3.replaces: "
                       f"duplicate id 'ho-2020-ddpm' (first used on line {first})")


def test_a_replaced_source_cannot_be_cited(project):
    line, problem = first_problem(project, "data/timeline.yaml", "  sources: [deepmind-2025-genie-3, decoder-2025-genie-3]\n",
                                  "  sources: [deepmind-2025-genie-3-copy, decoder-2025-genie-3]\n")
    assert problem == (f"data/timeline.yaml:{line}: genie-3.sources: "
                       "unknown sources id 'deepmind-2025-genie-3-copy' (no such record in data/sources.yaml)")


@pytest.mark.parametrize("citation, expected", [
    # Was: the outlook page's "OpenAI 2025" led to a third party's catalogue entry.
    ("[Reuters 2025](../sources/web.md#src-korea-2026-ai-basic-act-yonhap)",
     "the citation [Reuters 2025] leads to src-korea-2026-ai-basic-act-yonhap, "
     "by A News (reporting Yonhap) (2026): name its author or organisation and its year"),
    # The index of all sources keeps old links working, but a page's own citation goes
    # straight to the entry: through the index it costs a second page load.
    ("[Yonhap 2026](../sources.md#src-korea-2026-ai-basic-act-yonhap)",
     "the link [Yonhap 2026] goes to docs/sources.md#src-korea-2026-ai-basic-act-yonhap; "
     "that record is on docs/sources/web.md"),
], ids=["must-name-its-source", "must-link-the-page-that-holds-the-entry"])
def test_a_citation_names_its_source_and_links_its_page(project, citation, expected):
    page = project / "docs/practice/outlook.md"
    line = replace_once(page, "[Yonhap 2026](../sources/web.md#src-korea-2026-ai-basic-act-yonhap)", citation)
    code, err = run_broken(project)
    assert code == 1
    assert f"docs/practice/outlook.md:{line}: {expected}" in err.splitlines()


def test_page_by_must_give_a_page_for_every_value(project):
    """A kind without a page would leave its sources with an anchor nowhere."""
    schema = project / "data/sources.schema.json"
    replace_once(schema, '"legal": "sources/legal.md", ', "")
    text = schema.read_text(encoding="utf-8")
    line = text[: text.index('"page_by"')].count("\n") + 1
    code, err = run_broken(project)
    assert code == 1
    assert f"data/sources.schema.json:{line}: x-anchor.page_by: pages has no page for 'legal'" in err.splitlines()


def test_an_anchor_index_page_must_exist(project):
    replace_once(project / "data/disputes.schema.json", '"index": "practice/rules.md"', '"index": "practice/gone.md"')
    code, err = run_broken(project)
    assert code == 1
    assert "data/disputes.schema.json:1: x-anchor.index: no page docs/practice/gone.md" in err.splitlines()


def test_dangling_reference(project):
    line, problem = first_problem(project, "data/differences.yaml", "  sources: [ho-2020-ddpm, brown-2020-gpt3, anthropic-2025-claude-4]\n",
                                  "  sources: [ho-2020-ddpm, no-such-paper, anthropic-2025-claude-4]\n")
    assert problem == (f"data/differences.yaml:{line}: how-it-generates.sources: "
                       "unknown sources id 'no-such-paper' (no such record in data/sources.yaml)")


def test_empty_text(project):
    line, problem = first_problem(project, "data/differences.yaml", "  aspect: Main purpose\n", "  aspect: '   '\n")
    assert problem == f"data/differences.yaml:{line}: purpose.aspect: empty text"


def test_authors_or_organisation(project):
    line, problem = first_problem(project, "data/sources.yaml", "  organisation: Midjourney\n  title: Midjourney documentation\n",
                                  "  organisation: Midjourney\n  authors: [David Holz]\n  title: Midjourney documentation\n")
    assert problem == (f"data/sources.yaml:{line + 1}: midjourney-docs.authors: "
                       "give either authors (people) or organisation, not both and not neither")


def test_best_fit_must_be_top_rated(project):
    line, problem = first_problem(project, "data/use_cases.yaml", "  best: classic\n  reason: Sums",
                                  "  best: llm\n  reason: Sums")
    assert problem == f"data/use_cases.yaml:{line}: data-analysis.best: 'llm' is rated 'good', below the top rating 'strong'"


def test_minimum_records_is_a_schema_promise(project):
    schema = json.loads((project / "data/risks.schema.json").read_text())
    count = len((project / "data/risks.yaml").read_text().split("\n- id: "))
    schema["x-min-records"] = count + 5
    (project / "data/risks.schema.json").write_text(json.dumps(schema))
    line = list_start(project / "data/risks.yaml")
    assert problems(project)[0].startswith(f"data/risks.yaml:{line}: has ")
    assert problems(project)[0].endswith(f"records; the guide promises at least {count + 5}")


def test_an_empty_timeline_is_a_message_not_an_index_error(project):
    (project / "data/timeline.yaml").write_text("[]\n")
    assert any(p.startswith("data/timeline.yaml:1: has 0 records; the guide promises at least") for p in problems(project))


def test_data_file_without_schema(project):
    (project / "data/extra.yaml").write_text("- id: x\n")
    assert problems(project)[0] == "data/extra.yaml:1: no schema: expected extra.schema.json beside it"


def test_schema_without_data_file(project):
    shutil.copy(project / "data/faq.schema.json", project / "data/orphan.schema.json")
    assert problems(project)[0] == "data/orphan.schema.json:1: schema without data file"


def test_every_problem_is_listed_at_once(project):
    replace_once(project / "data/differences.yaml", "  order: 2\n", "  order: second\n")
    replace_once(project / "data/glossary.yaml", "  related: [deep-learning, training-data]\n",
                 "  related: [deep-learning, nope]\n")
    found = problems(project)
    assert [p.split(": ")[1] for p in found] == ["scope.order", "machine-learning.related"]
    _, err = run_broken(project)
    assert "2 data problem(s); nothing was generated." in err


# --- the fields that draw the nesting diagram -----------------------------------


def test_a_second_root_field_is_named(project):
    replace_once(project / "data/fields.yaml", "  parent: ai\n", "")
    assert problems(project) == [
        f"data/fields.yaml:{list_start(project / 'data/fields.yaml')}: the fields need exactly one outermost field without a parent; found 'ai', 'ml'"]


def test_a_second_inner_field_is_named(project):
    line = replace_once(project / "data/fields.yaml", "  parent: genai\n  straddles: llm\n", "  parent: genai\n")
    assert problems(project) == [
        f"data/fields.yaml:{line}: multimodal.parent: 'genai' already holds 'llm'; the diagram can draw only one "
        "field inside another (mark a group that crosses an edge with `straddles`)"]


def test_a_parent_loop_is_named(project):
    line = replace_once(project / "data/fields.yaml", "  parent: ai\n", "  parent: llm\n")
    found = problems(project)
    assert f"data/fields.yaml:{line}: ml.parent: the parents form a loop: ml -> llm -> genai -> dl -> ml" in found


def test_a_field_cannot_straddle_itself(project):
    line = replace_once(project / "data/fields.yaml", "  straddles: llm\n", "  straddles: multimodal\n")
    assert problems(project) == [f"data/fields.yaml:{line}: multimodal.straddles: a field cannot straddle itself"]


# --- redirects and links to pages -------------------------------------------------


def test_a_redirect_to_a_missing_page_is_named(project):
    line = replace_once(project / "data/redirects.yaml", "  to: faq.md\n", "  to: questions.md\n")
    assert problems(project) == [
        f"data/redirects.yaml:{line}: short-faq.to: no page docs/questions.md: the redirect would lead to a 404"]


def test_a_redirect_may_not_replace_a_real_page(project):
    line = replace_once(project / "data/redirects.yaml", "  from: questions/\n", "  from: faq/\n")
    assert problems(project) == [
        f"data/redirects.yaml:{line}: short-faq.from: faq/ is a real page; a redirect there would replace it"]


def test_a_see_also_link_to_a_missing_page_is_named(project):
    line, problem = first_problem(project, "data/faq.yaml", "  see: [compare/differences.md]\n",
                                  "  see: [compare/diferences.md]\n")
    assert problem == f"data/faq.yaml:{line}: main-difference.see: no page docs/compare/diferences.md"


# --- schemas --------------------------------------------------------------------


def edit_schema(project: Path, name: str, change) -> None:
    path = project / "data" / f"{name}.schema.json"
    schema = json.loads(path.read_text())
    change(schema)
    path.write_text(json.dumps(schema, indent=2))


def test_an_unknown_type_in_a_schema_is_named(project):
    edit_schema(project, "glossary", lambda s: s["items"]["properties"]["term"].update(type="strnig"))
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("data/glossary.schema.json:")
    assert "items.properties.term.type: not a valid JSON Schema:" in found[0]


def test_a_json_syntax_error_in_a_schema_is_named(project):
    path = project / "data/use_cases.schema.json"
    path.write_text(path.read_text().replace('"type": "array",', '"type": "array"', 1))
    found = problems(project)
    assert len(found) == 1 and re.match(r"^data/use_cases\.schema\.json:\d+: invalid JSON: Expecting ',' delimiter$",
                                        found[0]), found


def test_an_x_ref_to_an_unknown_dataset_is_one_message_about_the_schema(project):
    edit_schema(project, "glossary", lambda s: s["items"]["properties"]["sources"]["items"].update({"x-ref": "sauces"}))
    found = problems(project)
    assert len(found) == 1
    assert found[0].startswith("data/glossary.schema.json:")
    assert "items.properties.sources.items: x-ref names an unknown dataset 'sauces'" in found[0]


def test_an_x_ref_inside_defs_is_still_checked(project):
    def move_to_defs(schema):
        schema["$defs"] = {"source_id": {"type": "string", "x-ref": "sources"}}
        schema["items"]["properties"]["sources"]["items"] = {"$ref": "#/$defs/source_id"}
    edit_schema(project, "differences", move_to_defs)
    line = replace_once(project / "data/differences.yaml", "  sources: [ho-2020-ddpm, brown-2020-gpt3, anthropic-2025-claude-4]\n",
                        "  sources: [ho-2020-ddpm, no-such-paper, anthropic-2025-claude-4]\n")
    assert problems(project) == [f"data/differences.yaml:{line}: how-it-generates.sources: "
                                 "unknown sources id 'no-such-paper' (no such record in data/sources.yaml)"]


def test_an_x_ref_in_a_nested_object_is_checked(project):
    def nest(schema):
        schema["items"]["properties"]["extra"] = {"type": "object", "properties": {"see": {"type": "string",
                                                                                           "x-ref": "glossary"}}}
    edit_schema(project, "differences", nest)
    line = replace_once(project / "data/differences.yaml", "  order: 2\n", "  order: 2\n  extra: {see: nowhere}\n")
    assert problems(project) == [f"data/differences.yaml:{line + 1}: scope.extra: "
                                 "unknown glossary id 'nowhere' (no such record in data/glossary.yaml)"]


def test_a_dangling_dollar_ref_is_named(project):
    edit_schema(project, "systems", lambda s: s["items"]["properties"]["inputs"]["items"].update({"$ref": "#/$defs/modalty"}))
    found = problems(project)
    assert len(found) == 1 and "$ref '#/$defs/modalty' points to nothing in this schema" in found[0]


def test_labels_must_cover_their_enum(project):
    edit_schema(project, "systems", lambda s: s["items"]["properties"]["llm"]["x-labels"].pop("built-on"))
    found = problems(project)
    assert len(found) == 1 and found[0].endswith("items.properties.llm: x-labels has no words for 'built-on'")


def test_an_anchor_page_must_exist(project):
    edit_schema(project, "rules", lambda s: s["x-anchor"].update(page="practice/rulez.md"))
    assert problems(project) == ["data/rules.schema.json:1: x-anchor.page: no page docs/practice/rulez.md"]


def test_every_page_a_dataset_is_spread_over_must_exist(project):
    edit_schema(project, "systems", lambda s: s["x-anchor"]["page_by"]["pages"].update(no="compare/sistems.md"))
    assert problems(project) == ["data/systems.schema.json:1: x-anchor.page_by.pages: no page docs/compare/sistems.md"]


# --- templates and the command line -------------------------------------------------


def test_undefined_template_field_names_the_output_and_template(project, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATE_DIR, templates)
    (templates / "differences.md.j2").write_text("{{ header }}\n{% for row in rows %}{{ row.colour }}{% endfor %}\n")
    monkeypatch.setattr(render, "TEMPLATE_DIR", templates)
    code, err = run_broken(project)
    assert code == 1
    assert err.splitlines()[0] == ("generated/differences.md (sitegen/templates/differences.md.j2:2): "
                                   "'dict object' has no attribute 'colour'")


def test_data_check_command_reports_problems(project, capsys):
    replace_once(project / "data/differences.yaml", "  order: 2\n", "  order: second\n")
    assert cli(["--root", str(project), "data-check"]) == 1
    assert "scope.order: expected integer" in capsys.readouterr().err


def test_an_env_tag_in_mkdocs_yml_is_understood(project, monkeypatch):
    """Was: the project's own loader crashed on MkDocs's !ENV tag."""
    monkeypatch.setenv("GUIDE_SITE_URL", "https://example.github.io/elsewhere/")
    replace_once(project / "mkdocs.yml", "site_url: https://genai-llm-guide.github.io/genai-vs-llm/\n",
                 "site_url: !ENV [GUIDE_SITE_URL, 'https://genai-llm-guide.github.io/genai-vs-llm/']\n")
    assert render.generate(project, out=io.StringIO(), err=io.StringIO()) == 0
    assert "https://example.github.io/elsewhere/" in (project / "docs/questions/index.html").read_text()


def test_real_data_is_valid():
    from sitegen.data import load_all
    assert {"sources", "differences", "glossary"} <= set(load_all(ROOT / "data"))


# --- stances, examples, self-checks and links into pages ----------------------------


def test_a_record_that_contradicts_a_stance_is_named(project):
    """Was (audit #4): the catalogue called BERT an LLM while a FAQ answer said it was not."""
    line = replace_once(project / "data/systems.yaml", "  llm: no\n  llm_note: A language model, but a small one.",
                        "  llm: yes\n  llm_note: A language model, but a small one.")
    found = problems(project)
    assert found[0] == (f"data/systems.yaml:{line}: bert.llm: 'yes' contradicts the stance 'bert-is-llm' in "
                        "data/stances.yaml (No: a language model, but not an LLM): expected 'no'")
    assert all("'bert' is an LLM" in p for p in found[1:])  # and BERT, now an LLM, no longer fits its tasks


def test_a_phrase_a_stance_avoids_is_named(project):
    path = project / "data/faq.yaml"
    text = path.read_text(encoding="utf-8")
    answer = re.search(r"^- id: is-bert-llm\n(?:  .*\n)*?  answer: ", text, re.M)
    line = text[: answer.end()].count("\n") + 1
    path.write_text(text[: answer.end()] + "BERT is an LLM. " + text[answer.end():], encoding="utf-8")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith(f"data/faq.yaml:{line}: is-bert-llm.answer: ")
    assert "'BERT is an LLM'" in found[0] and "bert-is-llm" in found[0]


def test_an_example_of_another_kind_must_be_an_explicit_alternative(project):
    """Was (issue 11): the speech task's best fit was an audio model, its only example an LLM."""
    line = replace_once(project / "data/use_cases.yaml", "  best: media\n  reason: Dedicated speech models give the most "
                        "control over voice. Some multimodal LLMs, such as GPT-4o, can also speak.\n  examples: []\n",
                        "  best: media\n  reason: Dedicated speech models give the most control over voice. Some "
                        "multimodal LLMs, such as GPT-4o, can also speak.\n  examples: [gpt-4o]\n")
    assert problems(project) == [f"data/use_cases.yaml:{line + 2}: speech.examples: 'gpt-4o' is an LLM, but the best "
                                 "fit is an image, audio or video model; list it under `also` with a reason"]


def test_a_question_needs_exactly_one_right_answer(project):
    line = replace_once(project / "data/quiz.yaml", '    - text: "Only multimodal LLMs are generative AI."\n',
                        '    - text: "Only multimodal LLMs are generative AI."\n      correct: true\n')
    lines = (project / "data/quiz.yaml").read_text(encoding="utf-8").splitlines()
    options_line = max(n for n, text in enumerate(lines[:line], 1) if text == "  options:")  # the record's key
    assert problems(project) == [f"data/quiz.yaml:{options_line}: every-llm-is-generative.options: needs exactly "
                                 "one option with `correct: true`, found 2"]


def test_a_question_must_link_to_a_section_that_exists(project):
    line = replace_once(project / "data/quiz.yaml", "  section: concepts/relationship.md#bert\n",
                        "  section: concepts/relationship.md#no-such-section\n")
    assert problems(project) == [f"data/quiz.yaml:{line}: every-llm-is-generative.section: "
                                 "docs/concepts/relationship.md has no section #no-such-section"]


def test_every_teaching_page_needs_four_questions(project):
    path = project / "data/quiz.yaml"
    text = path.read_text(encoding="utf-8")
    kept = re.sub(r"(?ms)^- id: [^\n]*\n  page: practice/rules\.md\n.*?(?=^- id: |^# |\Z)", "", text)
    assert kept != text
    path.write_text(kept, encoding="utf-8")
    first_record = kept[: kept.index("- id:")].count("\n") + 1
    assert problems(project) == [f"data/quiz.yaml:{first_record}: docs/practice/rules.md has 0 question(s); "
                                 "every practice page needs at least 4"]


def test_a_link_from_data_to_a_missing_section_is_named(project):
    line = replace_once(project / "data/choices.yaml", "  section: practice/choosing.md#step-size\n",
                        "  section: practice/choosing.md#step-sizes\n")
    assert problems(project) == [f"data/choices.yaml:{line}: size.section: "
                                 "docs/practice/choosing.md has no section #step-sizes"]


def test_a_broken_dataset_does_not_blame_the_questions_that_link_to_it(project):
    """A question's anchor on a page whose data file is broken is not reported twice."""
    path = project / "data/systems.schema.json"
    path.write_text(path.read_text().replace('"#/$defs/modality"', '"#/$defs/modalty"', 1))
    found = problems(project)
    assert found and all(p.startswith("data/systems.schema.json:") for p in found), found
