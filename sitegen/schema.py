"""The schemas beside the data: checking them, and validating records with them.

Every data/<name>.yaml has a JSON Schema (draft 2020-12) in
data/<name>.schema.json. Besides standard keywords, a schema may use the
project's own, registered with the validator the way MDN's browser-compat-data
registers custom keywords with its validator:

- `x-ref: "<dataset>"` on a string: the value is the id of a record in that
  dataset. It works wherever the string sits: a property, array items, a
  nested object or a `$defs` entry reached through `$ref`.
- `x-labels: {value: "Words"}` beside an `enum`: the words readers see for
  each coded value. They must cover the enum.
- `x-symbols: {value: "●●○"}` beside an `enum`: a symbol shown with the
  words, so that colour is never the only cue. It must cover the enum too.
- `x-anchor: {"page": "...md", "prefix": "sys-"}` at the top: the page where
  each record has an anchor `<prefix><id>` (or `"page_field": "page"`: the
  record's own field names its page; or `"page_by": {"field": "kind",
  "pages": {value: "...md"}}`: a coded field picks the page). An optional
  `"index": "...md"` is a page that lists every record under the same anchor
  and links on to it, so that links made before the records moved to their
  own pages keep landing. Templates, stable links and the page scripts all
  take anchors from here.
- `x-min-records: N` at the top: the guide promises at least N records.
- `x-messages: {keyword: {"field": ..., "message": ...}}`: the schema's own
  words for a rule the standard message would state badly (a oneOf, say).

A schema is itself checked before any record is: a mistake in a schema is
reported against the schema file, once, and never switches a check off.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

if TYPE_CHECKING:  # jsonschema is imported where it is used: a build of valid data never needs it
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

REF = "x-ref"
LABELS = "x-labels"
SYMBOLS = "x-symbols"
ANCHOR = "x-anchor"
MIN_RECORDS = "x-min-records"
MESSAGES = "x-messages"

# The project's keywords, described as a schema so they are checked like any other.
PROJECT_KEYWORDS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "items"],
    "properties": {
        "type": {"const": "array"},
        "description": {"type": "string", "minLength": 1},
        "items": {"type": "object"},
        ANCHOR: {
            "type": "object", "additionalProperties": False, "required": ["prefix"],
            "oneOf": [{"required": ["page"]}, {"required": ["page_field"]}, {"required": ["page_by"]}],
            "properties": {"page": {"type": "string", "pattern": r"^[a-z0-9/_-]+\.md$"},
                           "page_field": {"type": "string", "pattern": r"^[a-z_]+$"},
                           "page_by": {
                               "type": "object", "additionalProperties": False, "required": ["field", "pages"],
                               "properties": {
                                   "field": {"type": "string", "pattern": r"^[a-z_]+$"},
                                   "pages": {"type": "object", "minProperties": 1, "additionalProperties": {
                                       "type": "string", "pattern": r"^[a-z0-9/_-]+\.md$"}}}},
                           "index": {"type": "string", "pattern": r"^[a-z0-9/_-]+\.md$"},
                           "prefix": {"type": "string", "pattern": r"^([a-z]+-)?$"}},
        },
        MIN_RECORDS: {"type": "integer", "minimum": 0},
    },
}


@functools.cache
def _project_keywords() -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    return Draft202012Validator(PROJECT_KEYWORDS_SCHEMA)


_ALLOWED_NESTED = {REF: str, LABELS: dict, SYMBOLS: dict, MESSAGES: dict}


@dataclass(frozen=True)
class SchemaProblem:
    """Where in a schema file something is wrong: a JSON pointer-ish path and why."""

    path: str
    message: str


def _walk(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, path + (i,))


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "(top)"


def _resolve_local(schema: dict, ref: str) -> bool:
    if not ref.startswith("#"):
        return False
    node: Any = schema
    for part in [p for p in ref[1:].split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def check_schema(schema: Any, datasets: set[str]) -> list[SchemaProblem]:
    """Every mistake in one schema document, each with its place in the file."""
    from jsonschema import Draft202012Validator

    if not isinstance(schema, dict):
        return [SchemaProblem("(top)", "a schema must be a JSON object")]
    problems = [SchemaProblem(_dotted(tuple(e.absolute_path)), f"not a valid JSON Schema: {e.message}")
                for e in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema)]
    problems += [SchemaProblem(_dotted(tuple(e.absolute_path)), e.message)
                 for e in _project_keywords().iter_errors(schema)]
    for path, node in _walk(schema):
        if not isinstance(node, dict):
            continue
        where = _dotted(path)
        ref = node.get("$ref")
        if isinstance(ref, str) and not _resolve_local(schema, ref):
            problems.append(SchemaProblem(where, f"$ref {ref!r} points to nothing in this schema"))
        for keyword, kind in _ALLOWED_NESTED.items():
            if keyword in node and not isinstance(node[keyword], kind):
                problems.append(SchemaProblem(where, f"{keyword} must be a {kind.__name__}"))
        target = node.get(REF)
        if isinstance(target, str) and target not in datasets:
            known = ", ".join(sorted(datasets))
            problems.append(SchemaProblem(where, f"{REF} names an unknown dataset {target!r} (known: {known})"))
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(SchemaProblem(where, f"pattern {pattern!r} is not a valid regular expression: {exc}"))
        for keyword, what in ((LABELS, "words"), (SYMBOLS, "a symbol")):
            labels = node.get(keyword)
            if not isinstance(labels, dict):
                continue
            if not isinstance(node.get("enum"), list):
                problems.append(SchemaProblem(where, f"{keyword} needs an enum beside it"))
            else:
                missing = [v for v in node["enum"] if v not in labels]
                extra = sorted(set(labels) - set(node["enum"]))
                if missing:
                    problems.append(SchemaProblem(where, f"{keyword} has no {what} for {', '.join(map(repr, missing))}"))
                if extra:
                    problems.append(SchemaProblem(where, f"{keyword} labels values not in the enum: {', '.join(map(repr, extra))}"))
            if any(not isinstance(v, str) or not v.strip() for v in labels.values()):
                problems.append(SchemaProblem(where, f"every {keyword} value must be non-empty text"))
        if (ANCHOR in node or MIN_RECORDS in node) and path:
            problems.append(SchemaProblem(where, f"{ANCHOR} and {MIN_RECORDS} belong at the top of the schema"))
    problems += _page_by_problems(schema)
    return problems


def _page_by_problems(schema: dict) -> list[SchemaProblem]:
    """x-anchor.page_by must name a coded field, and give a page for each of its values:
    a record whose value had no page would have an anchor nowhere."""
    page_by = schema.get(ANCHOR, {}).get("page_by") if isinstance(schema.get(ANCHOR), dict) else None
    if not isinstance(page_by, dict) or not isinstance(page_by.get("field"), str) \
            or not isinstance(page_by.get("pages"), dict):
        return []  # the shape is checked by PROJECT_KEYWORDS_SCHEMA
    where = f"{ANCHOR}.page_by"
    try:
        values = enum(schema, (page_by["field"],))
    except (AttributeError, TypeError):  # a malformed schema, reported by the meta-schema
        values = []
    if not values:
        return [SchemaProblem(where, f"field {page_by['field']!r} must be a property with an enum")]
    problems = []
    missing = [v for v in values if v not in page_by["pages"]]
    extra = sorted(set(page_by["pages"]) - set(values))
    if missing:
        problems.append(SchemaProblem(where, f"pages has no page for {', '.join(map(repr, missing))}"))
    if extra:
        problems.append(SchemaProblem(where, f"pages names values not in the enum: {', '.join(map(repr, extra))}"))
    return problems


# --- validating records -------------------------------------------------------


def validator_for(schema: dict, known_ids: Callable[[str], set[str] | None]) -> Draft202012Validator:
    """A draft 2020-12 validator that also knows the project's keywords.

    `known_ids(dataset)` gives the ids of a dataset, or None if it could not be
    read (then references into it are not checked, to avoid a flood of
    messages that blame the wrong file)."""
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    def x_ref(validator, target, instance, schema):
        if not isinstance(instance, str):
            return
        ids = known_ids(target)
        if ids is not None and instance not in ids:
            yield ValidationError(f"unknown {target} id {instance!r} (no such record in data/{target}.yaml)")

    def x_min_records(validator, minimum, instance, schema):
        if isinstance(instance, list) and len(instance) < minimum:
            yield ValidationError(f"has {len(instance)} records; the guide promises at least {minimum}")

    def ignore(validator, value, instance, schema):
        return iter(())

    cls = jsonschema.validators.extend(Draft202012Validator, {
        REF: x_ref, MIN_RECORDS: x_min_records, LABELS: ignore, SYMBOLS: ignore, ANCHOR: ignore, MESSAGES: ignore,
    })
    return cls(schema)


def custom_message(error: ValidationError) -> dict[str, str] | None:
    """The schema's own words for a failed rule, if it gives any."""
    if not isinstance(error.schema, dict):
        return None
    messages = error.schema.get(MESSAGES)
    if not isinstance(messages, dict):
        return None
    found = messages.get(error.validator)
    return found if isinstance(found, dict) and isinstance(found.get("message"), str) else None


def message(error: ValidationError) -> str:
    """A maintainer-friendly message for one validation error."""
    custom = custom_message(error)
    if custom:
        return custom["message"]
    if error.validator == "required":
        return "missing required field"
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        return "unknown field (not in the schema)"
    if error.validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"{error.instance!r} is not an allowed value (allowed: {allowed})"
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"expected {expected}, got {_type_name(error.instance)} {_short(error.instance)}"
    if error.validator == "pattern":
        return f"{_short(error.instance)} does not match the pattern {error.validator_value}"
    return error.message


def _type_name(value: Any) -> str:
    return {dict: "mapping", list: "list", type(None): "null"}.get(type(value), type(value).__name__)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def labels(schema: dict, field_path: tuple[str, ...], keyword: str = LABELS) -> dict[str, str]:
    """x-labels (or x-symbols) of an enum property of the record schema (following $ref and array items)."""
    node: Any = schema.get("items", {})
    for name in field_path:
        node = _deref(schema, node).get("properties", {}).get(name, {})
    node = _deref(schema, node)
    if node.get("type") == "array" or "items" in node:
        node = _deref(schema, node.get("items", {}))
    return dict(node.get(keyword, {}))


def enum(schema: dict, field_path: tuple[str, ...]) -> list[str]:
    node: Any = schema.get("items", {})
    for name in field_path:
        node = _deref(schema, node).get("properties", {}).get(name, {})
    node = _deref(schema, node)
    if "items" in node:
        node = _deref(schema, node["items"])
    return list(node.get("enum", []))


def _deref(schema: dict, node: Any) -> dict:
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
        target: Any = schema
        for part in [p for p in node["$ref"].lstrip("#").split("/") if p]:
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}

