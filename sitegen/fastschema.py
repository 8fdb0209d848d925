"""A quick yes-or-no answer to "are all these records valid?", before jsonschema.

jsonschema walks every record through generic machinery that builds an
error object at each step; on valid data (every build but a broken one) that
is about a third of the time it takes to generate the site, and it grows
with the data. This module compiles a schema into plain Python closures that
say only valid or not, with jsonschema's own meaning for each keyword. When
anything is invalid, the caller runs jsonschema for the messages, so errors
read exactly as before.

It compiles only the keywords it implements. A schema that uses another
keyword jsonschema knows (patternProperties, say) raises Unsupported, and
the caller uses jsonschema alone. A differential test holds the two to the
same answer on the real data and on many broken copies of it.
"""

from __future__ import annotations

import itertools
import numbers
import re
from collections.abc import Mapping, Sequence
from typing import Any, Callable

from . import schema as schemas

Check = Callable[[Any], bool]
KnownIds = Callable[[str], "set[str] | None"]

# Keywords with no effect on validity here: annotations, and the project's keywords
# that only carry words, anchors or symbols (x-ref and x-min-records are checks).
# `format` is one because schema.validator_for gives jsonschema no format checker (a test checks).
_ANNOTATIONS = {"$comment", "$defs", "definitions", "title", "description", "default", "examples",
                "deprecated", "readOnly", "writeOnly", "format", "contentMediaType", "contentEncoding",
                schemas.LABELS, schemas.SYMBOLS, schemas.ANCHOR, schemas.MESSAGES}
# Where jsonschema would change how references resolve, or which draft applies: on the
# root they change nothing here ($schema is 2020-12, checked first); anywhere else, Unsupported.
_ROOT_ONLY = {"$schema", "$id", "$anchor", "$dynamicAnchor"}
_IMPLEMENTED = {"type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
                "minItems", "maxItems", "uniqueItems", "items", "properties", "additionalProperties",
                "required", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not", "$ref",
                schemas.REF, schemas.MIN_RECORDS}
# jsonschema ignores a keyword it does not know; one it knows (the project's included) but this
# module does not compile would be skipped here and checked there, so it sends the whole
# schema to jsonschema. The list is written out, not read from jsonschema, so that a build
# of valid data never imports jsonschema (about 0.06 s); a test holds it to jsonschema's.
_JSONSCHEMA_KEYWORDS = {
    "$dynamicRef", "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains", "dependentRequired",
    "dependentSchemas", "enum", "exclusiveMaximum", "exclusiveMinimum", "format", "if", "items", "maxItems",
    "maxLength", "maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum", "multipleOf",
    "not", "oneOf", "pattern", "patternProperties", "prefixItems", "properties", "propertyNames", "required",
    "type", "unevaluatedItems", "unevaluatedProperties", "uniqueItems",
    schemas.REF, schemas.LABELS, schemas.SYMBOLS, schemas.ANCHOR, schemas.MIN_RECORDS, schemas.MESSAGES,
}


class Unsupported(Exception):
    """The schema uses a keyword this module does not compile."""


# JSON equality as jsonschema's `_utils.equal` and `uniq` define it (1 is not true, 0 is not
# false, at any depth), written the same way here for the reason above; a test compares them.
_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    return _TRUE if value is True else _FALSE if value is False else value


def equal(one: Any, two: Any) -> bool:
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(key in two and equal(value, two[key]) for key, value in one.items())
    return _unbool(one) == _unbool(two)


def uniq(values: Any) -> bool:
    try:
        ordered = sorted(_unbool(v) for v in values)
        return not any(equal(a, b) for a, b in zip(ordered, itertools.islice(ordered, 1, None)))
    except (NotImplementedError, TypeError):  # values that do not sort: compare every pair
        seen: list = []
        for value in map(_unbool, values):
            if any(equal(before, value) for before in seen):
                return False
            seen.append(value)
        return True


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


# Draft 2020-12's types, as jsonschema's type checker defines them.
TYPES: dict[str, Check] = {
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": _is_integer,
    "null": lambda v: v is None,
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}


class _Compiler:
    def __init__(self, root: dict, known_ids: KnownIds):
        self.root = root
        self.known_ids = known_ids
        self.by_ref: dict[str, list[Check]] = {}

    def ref(self, pointer: str) -> Check:
        """A local $ref, compiled once; a cell lets a schema refer to itself."""
        if pointer not in self.by_ref:
            cell: list[Check] = []
            self.by_ref[pointer] = cell
            if pointer != "#" and not pointer.startswith("#/"):  # another document, or an $anchor
                raise Unsupported(f"$ref {pointer!r}")
            node: Any = self.root
            for part in [p for p in pointer[1:].split("/") if p]:
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or part not in node:
                    raise Unsupported(f"$ref {pointer!r}")
                node = node[part]
            cell.append(self.compile(node))
        cell = self.by_ref[pointer]
        return lambda value: cell[0](value)

    def compile(self, node: Any) -> Check:
        if node is True or node == {}:
            return lambda value: True
        if node is False:
            return lambda value: False
        if not isinstance(node, dict):
            raise Unsupported(f"schema {node!r}")
        allowed = _IMPLEMENTED | _ANNOTATIONS | (_ROOT_ONLY if node is self.root else set())
        unknown = {k for k in node if k not in allowed} & (_JSONSCHEMA_KEYWORDS | _ROOT_ONLY)
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks = [build(self, node, node[k]) for k, build in _BUILDERS.items() if k in node]
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)


def _type(c: _Compiler, node: dict, types: Any) -> Check:
    names = [types] if isinstance(types, str) else list(types)
    if any(name not in TYPES for name in names):
        raise Unsupported(f"type {types!r}")
    if len(names) == 1:
        return TYPES[names[0]]
    tests = [TYPES[name] for name in names]
    return lambda value: any(test(value) for test in tests)


def _enum(c: _Compiler, node: dict, values: list) -> Check:
    if values and all(isinstance(v, str) for v in values):
        allowed = frozenset(values)
        return lambda value: isinstance(value, str) and value in allowed
    return lambda value: any(equal(each, value) for each in values)


def _pattern(c: _Compiler, node: dict, pattern: str) -> Check:
    search = re.compile(pattern).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _properties(c: _Compiler, node: dict, properties: dict) -> Check:
    compiled = [(name, c.compile(sub)) for name, sub in properties.items()]

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for name, sub in compiled:
            if name in value and not sub(value[name]):
                return False
        return True
    return check


def _additional(c: _Compiler, node: dict, additional: Any) -> Check:
    known = frozenset(node.get("properties", {}))
    if additional is False:
        return lambda value: not isinstance(value, dict) or all(k in known for k in value)
    sub = c.compile(additional)
    return lambda value: not isinstance(value, dict) or all(sub(v) for k, v in value.items() if k not in known)


def _items(c: _Compiler, node: dict, items: Any) -> Check:
    sub = c.compile(items)
    return lambda value: not isinstance(value, list) or all(sub(v) for v in value)


def _required(c: _Compiler, node: dict, required: list) -> Check:
    return lambda value: not isinstance(value, dict) or all(name in value for name in required)


def _x_ref(c: _Compiler, node: dict, target: str) -> Check:
    ids = c.known_ids(target)
    if ids is None:  # the dataset could not be read: jsonschema skips the check too
        return lambda value: True
    return lambda value: not isinstance(value, str) or value in ids


def _limit(test: Callable[[Any], bool], size: Callable[[int, Any], bool]) -> Callable[..., Check]:
    """A keyword that holds only for one JSON type, where it compares the value with the keyword's."""
    return lambda c, node, limit: lambda value: not test(value) or size(limit, value)


def _combine(kind: str) -> Callable[..., Check]:
    def build(c: _Compiler, node: dict, subschemas: Any) -> Check:
        if kind == "not":
            sub = c.compile(subschemas)
            return lambda value: not sub(value)
        subs = [c.compile(s) for s in subschemas]
        if kind == "allOf":
            return lambda value: all(s(value) for s in subs)
        if kind == "anyOf":
            return lambda value: any(s(value) for s in subs)
        return lambda value: sum(1 for s in subs if s(value)) == 1  # oneOf
    return build


_is_str, _is_list, _is_dict = TYPES["string"], TYPES["array"], TYPES["object"]
_BUILDERS: dict[str, Callable[[_Compiler, dict, Any], Check]] = {
    "$ref": lambda c, node, pointer: c.ref(pointer),
    "type": _type,
    "enum": _enum,
    "const": lambda c, node, const: lambda value: equal(value, const),
    "pattern": _pattern,
    "minLength": _limit(_is_str, lambda n, v: len(v) >= n),
    "maxLength": _limit(_is_str, lambda n, v: len(v) <= n),
    "minimum": _limit(_is_number, lambda n, v: not v < n),
    "maximum": _limit(_is_number, lambda n, v: not v > n),
    "minItems": _limit(_is_list, lambda n, v: len(v) >= n),
    "maxItems": _limit(_is_list, lambda n, v: len(v) <= n),
    schemas.MIN_RECORDS: _limit(_is_list, lambda n, v: len(v) >= n),
    "uniqueItems": _limit(_is_list, lambda unique, v: not unique or uniq(v)),
    "minProperties": _limit(_is_dict, lambda n, v: len(v) >= n),
    "maxProperties": _limit(_is_dict, lambda n, v: len(v) <= n),
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "required": _required,
    schemas.REF: _x_ref,
    "allOf": _combine("allOf"),
    "anyOf": _combine("anyOf"),
    "oneOf": _combine("oneOf"),
    "not": _combine("not"),
}
assert set(_BUILDERS) == _IMPLEMENTED


def compile_schema(schema: dict, known_ids: KnownIds) -> Check:
    """A predicate that says whether a document is valid; raises Unsupported."""
    return _Compiler(schema, known_ids).compile(schema)


def all_valid(schema: dict, records: Any, known_ids: KnownIds) -> bool | None:
    """True if every record is valid, False if any is not, None if only jsonschema can say."""
    try:
        check = compile_schema(schema, known_ids)
    except (Unsupported, re.error):
        return None
    return check(records)
