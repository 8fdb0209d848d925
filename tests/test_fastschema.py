"""sitegen.fastschema must give jsonschema's answer, valid or not, on any input.

The fast check only decides whether jsonschema runs: if it ever called broken
data valid, the problem would go unreported. So the two are compared on the
real data, and on every record of every dataset broken in each field
(nested ones too) with each wrong value a maintainer might type.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from typing import Any, Iterator

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, copy_project
from sitegen import fastschema
from sitegen import schema as schemas
from sitegen.yamlfile import parse

DATASETS = sorted(p.stem for p in (ROOT / "data").glob("*.yaml"))
WRONG_VALUES = [None, True, False, 0, 7, -1, 1.0, 2.5, "", "x", "text with spaces", "2024-05", "no-such-id",
                [], ["x"], [1], [None], {}, {"x": 1}]


def load(name: str) -> tuple[dict, list]:
    schema = json.loads((ROOT / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    records = parse((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")).value
    return schema, records


def all_ids() -> dict[str, set[str]]:
    ids = {}
    for name in DATASETS:
        _, records = load(name)
        ids[name] = {r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}  # Dataset.ids
    return ids


IDS = all_ids()


def known_ids(name: str) -> set[str] | None:
    return IDS.get(name)


def slow_valid(schema: dict, instance: Any) -> bool:
    return not any(schemas.validator_for(schema, known_ids).iter_errors(instance))


def broken_copies(record: Any, depth: int = 0) -> Iterator[Any]:
    """The record with one value replaced, one key removed or one unknown key added, at any depth."""
    if isinstance(record, dict):
        yield {**record, "not_a_field": "x"}
        for key, value in record.items():
            yield {k: v for k, v in record.items() if k != key}
            for wrong in WRONG_VALUES:
                yield {**record, key: wrong}
            if depth < 3:
                for inner in broken_copies(value, depth + 1):
                    yield {**record, key: inner}
    elif isinstance(record, list) and record:
        yield record + record[:1]  # a repeated item
        for wrong in WRONG_VALUES:
            yield [wrong] + record[1:]
        if depth < 3:
            for inner in broken_copies(record[0], depth + 1):
                yield [inner] + record[1:]


@pytest.mark.parametrize("name", DATASETS)
def test_real_data_is_valid_both_ways(name):
    schema, records = load(name)
    assert fastschema.all_valid(schema, records, known_ids) is True
    assert slow_valid(schema, records)


@pytest.mark.parametrize("name", DATASETS)
def test_same_answer_on_every_broken_record(name):
    schema, records = load(name)
    one_record = {k: v for k, v in schema.items() if k != schemas.MIN_RECORDS}
    # The two records with the most fields, so that every optional field is broken somewhere.
    samples = sorted(records, key=lambda r: (-len(json.dumps(r)), r["id"]))[:2]
    answers = {True: 0, False: 0}
    for record in samples:
        for broken in broken_copies(copy.deepcopy(record)):
            fast = fastschema.all_valid(one_record, [broken], known_ids)
            slow = slow_valid(one_record, [broken])
            assert fast is slow, f"{name}: fastschema says {fast}, jsonschema {slow}, for {broken!r}"
            answers[slow] += 1
    assert answers[False] > 10, answers  # the copies really are broken, mostly
    assert answers[True] > 0, answers  # and some edits are allowed


@pytest.mark.parametrize("instance, expected", [
    (True, False), (1, True), (1.0, True), (1.5, False), ("1", False), (None, False)])
def test_integer_is_jsonschemas_integer(instance, expected):
    schema = {"type": "integer"}
    assert fastschema.compile_schema(schema, known_ids)(instance) is expected
    assert slow_valid(schema, instance) is expected


@pytest.mark.parametrize("schema, instance", [
    ({"enum": [1, "a"]}, True), ({"enum": [True]}, 1), ({"const": 0}, False), ({"uniqueItems": True}, [1, True]),
    ({"oneOf": [{"type": "string"}, {"pattern": "^a"}]}, "abc"), ({"not": {"type": "string"}}, "x"),
    ({"anyOf": [{"minimum": 3}, {"maxLength": 1}]}, 2), ({"items": {"x-ref": "glossary"}}, ["no-such-term"]),
])
def test_edge_cases_agree(schema, instance):
    fast = fastschema.compile_schema(schema, known_ids)(instance)
    assert fast is slow_valid(schema, instance)


@pytest.mark.parametrize("schema", [
    {"patternProperties": {"^x": {"type": "string"}}},
    {"properties": {"a": {"dependentRequired": {"a": ["b"]}}}},
    {"$ref": "https://example.org/schema.json"},
    {"prefixItems": [{"type": "string"}]},
    # A nested $id re-bases "#/..." references, and "#name" is an $anchor: jsonschema resolves
    # both differently from a plain pointer from the root.
    {"$defs": {"x": {"type": "string"}},
     "items": {"$id": "https://example.org/s", "$defs": {"x": {"type": "integer"}},
               "properties": {"a": {"$ref": "#/$defs/x"}}}},
    {"$defs": {"x": {"$anchor": "here", "type": "string"}}, "items": {"$ref": "#here"}},
    {"items": {"$schema": "http://json-schema.org/draft-07/schema#", "dependencies": {"a": ["b"]}}},
])
def test_a_keyword_it_does_not_compile_leaves_the_answer_to_jsonschema(schema):
    assert fastschema.all_valid(schema, [{"a": 1}], known_ids) is None


def test_unknown_words_are_ignored_as_jsonschema_ignores_them():
    assert fastschema.all_valid({"type": "array", "x-note": "anything"}, [], known_ids) is True


def test_every_keyword_the_projects_validator_knows_is_compiled_or_sent_to_jsonschema():
    """A keyword added to schema.validator_for must not be skipped here in silence."""
    known = set(type(schemas.validator_for({}, known_ids)).VALIDATORS)
    handled = fastschema._IMPLEMENTED | fastschema._ANNOTATIONS
    for keyword in sorted(known - handled):
        assert fastschema.all_valid({keyword: {}}, [], known_ids) is None, keyword
    assert {schemas.REF, schemas.MIN_RECORDS} <= fastschema._IMPLEMENTED


def test_format_is_only_an_annotation_because_jsonschema_gets_no_format_checker():
    assert schemas.validator_for({}, known_ids).format_checker is None
    schema = {"type": "string", "format": "email"}
    assert fastschema.all_valid(schema, "not an email", known_ids) is slow_valid(schema, "not an email") is True


def test_the_keywords_it_knows_jsonschema_knows_are_jsonschemas_own():
    """Written out so a valid build never imports jsonschema: it must not drift from the validator's."""
    assert fastschema._JSONSCHEMA_KEYWORDS == set(type(schemas.validator_for({}, lambda _: None)).VALIDATORS)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([0.0, 1.0, 1.5, -0.0]) | st.sampled_from(["", "a", "1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
    max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(one=JSON_VALUES, two=JSON_VALUES)
def test_equality_is_jsonschemas(one, two):
    from jsonschema._utils import equal
    assert fastschema.equal(one, two) is equal(one, two)
    assert fastschema.equal(one, one) is equal(one, one)


@settings(max_examples=400, deadline=None)
@given(values=st.lists(JSON_VALUES, max_size=5))
def test_uniqueness_is_jsonschemas(values):
    from jsonschema._utils import uniq
    assert fastschema.uniq(values) is uniq(values)
    assert fastschema.uniq(values + values[:1]) is uniq(values + values[:1])


@pytest.mark.parametrize("values, expected", [([1, True], True), ([0, False], True), ([[1], [True]], True),
                                              ([{"a": 1}, {"a": 1}], False), ([1, 1.0], False), ([], True)])
def test_uniqueness_tells_numbers_from_booleans(values, expected):
    assert fastschema.uniq(values) is expected


def test_a_build_of_valid_data_imports_jsonschema_only_to_check_new_schemas(tmp_path):
    """jsonschema costs about 0.06 s to import. Valid records never need it (fastschema says
    so), and a schema needs it once, until .cache/ holds its result."""
    project = copy_project(tmp_path)
    code = ("import io, sys; from pathlib import Path; from sitegen.render import generate; "
            "assert generate(Path('.'), out=io.StringIO(), err=io.StringIO()) == 0; "
            "print('jsonschema' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True)
            for _ in range(2)]
    assert [(r.returncode, r.stdout.strip()) for r in runs] == [(0, "True"), (0, "False")], runs
