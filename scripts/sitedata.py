"""Load and validate the site's structured data (data/*.yaml).

Every dataset is a YAML list of records with a JSON Schema beside it
(data/<name>.schema.json). Validation runs in two passes, like MDN's
browser-compat-data: the schema first, then small named semantic checks the
schema cannot express. Every problem is collected as

    data/<file>.yaml:<line>: <record id>.<field>: <message>

so a maintainer sees all of them at once. Run directly (`make data-check`)
to validate without generating anything.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

# A schema property annotated with "x-ref": "<dataset>" holds an id (or a list
# of ids) of a record in that dataset. The reference check resolves them.
REF_KEYWORD = "x-ref"
# Rating scale of the use-case data, weakest to strongest: the order of the
# rating enum in data/use_cases.schema.json, so it is stated in one place.
RATING_ORDER = tuple(json.loads((DATA_DIR / "use_cases.schema.json").read_text(encoding="utf-8"))
                     ["$defs"]["rating"]["enum"])


class DataError(Exception):
    """Raised with every problem found, so callers can print them all and exit 1."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Dataset:
    """One data file: its records plus where each value sits in the file."""

    name: str
    path: Path
    records: list[dict[str, Any]]
    schema: dict[str, Any]
    lines: dict[tuple, int] = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return _rel(self.path)

    def line(self, *path: Any) -> int:
        """Line of the deepest known node on `path` (1-based)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def record_label(self, index: int) -> str:
        record = self.records[index] if index < len(self.records) else None
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            return record["id"]
        return f"[{index}]"

    def problem(self, index: int | None, fld: str | None, message: str, *subpath: Any) -> str:
        if index is None:
            return f"{self.rel}:{self.line()}: {message}"
        where = self.record_label(index) + (f".{fld}" if fld else "")
        path = (index,) + ((fld,) if fld else ()) + subpath
        return f"{self.rel}:{self.line(*path)}: {where}: {message}"


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 habits: dates stay the strings the maintainer
    typed (2024-05 and 2024-05-13 alike), and only true/false are booleans,
    so `open_weights: no` means the word "no", not False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _rel(path: Path) -> str:
    """How messages name a file: relative to the project, e.g. data/sources.yaml."""
    return f"{path.parent.name}/{path.name}"


def _node_lines(node: yaml.Node, path: tuple, out: dict[tuple, int]) -> None:
    """Record the 1-based line of every value in a composed YAML tree."""
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _node_lines(value, path + (key.value,), out)
            out[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _node_lines(item, path + (i,), out)


def load_dataset(path: Path, schema_path: Path | None = None) -> Dataset:
    """Parse one YAML file and its schema; raise DataError on syntax problems."""
    name = path.stem
    schema_path = schema_path or path.with_name(f"{name}.schema.json")
    rel = _rel(path)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        records = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise DataError([f"{rel}:{line}: YAML syntax error: {reason}"]) from exc
    if not schema_path.exists():
        raise DataError([f"{rel}:1: no schema: expected {schema_path.name} beside it"])
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError([f"{_rel(schema_path)}:{exc.lineno}: invalid JSON: {exc.msg}"]) from exc
    lines: dict[tuple, int] = {}
    if node is not None:
        _node_lines(node, (), lines)
    return Dataset(name, path, records if records is not None else [], schema, lines)


# --- pass 1: schema ---------------------------------------------------------


def _custom(error: jsonschema.ValidationError) -> dict[str, str] | None:
    """A schema may word a rule itself: "x-messages": {"oneOf": {"field": ..., "message": ...}}."""
    return error.schema.get("x-messages", {}).get(error.validator) if isinstance(error.schema, dict) else None


def _schema_field(error: jsonschema.ValidationError) -> tuple[int | None, str | None, tuple]:
    """Map a jsonschema error to (record index, field name, deeper path)."""
    path = tuple(error.absolute_path)
    index = path[0] if path and isinstance(path[0], int) else None
    fld = path[1] if len(path) > 1 else None
    if fld is None and error.validator == "required":
        missing = [f for f in error.validator_value if f not in (error.instance or {})]
        fld = missing[0] if missing else None
    if fld is None and _custom(error):
        fld = _custom(error).get("field")
    if fld is None and error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        fld = extra[0] if extra else None
    return index, fld, path[2:]


def _schema_message(error: jsonschema.ValidationError) -> str:
    custom = _custom(error)
    if custom:  # the schema's own words for a rule, e.g. a oneOf
        return custom["message"]
    if error.validator == "required":
        return "missing required field"
    if error.validator == "additionalProperties":
        return "unknown field (not in the schema)"
    if error.validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"{error.instance!r} is not an allowed value (allowed: {allowed})"
    if error.validator == "type":
        return f"expected {error.validator_value}, got {type(error.instance).__name__} {error.instance!r}"
    return error.message


def check_schema(ds: Dataset) -> Iterator[str]:
    validator = jsonschema.Draft202012Validator(ds.schema)

    def position(error: jsonschema.ValidationError) -> list[tuple[int, Any]]:
        return [(0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path]

    for error in sorted(validator.iter_errors(ds.records), key=position):
        index, fld, sub = _schema_field(error)
        yield ds.problem(index, fld, _schema_message(error), *sub)


# --- pass 2: named semantic checks ------------------------------------------


def _record_schema(ds: Dataset) -> dict[str, Any]:
    return ds.schema.get("items", {})


def _iter_records(ds: Dataset) -> Iterator[tuple[int, dict[str, Any]]]:
    for i, record in enumerate(ds.records if isinstance(ds.records, list) else []):
        if isinstance(record, dict):
            yield i, record


def check_unique_ids(ds: Dataset, _all: dict[str, Dataset]) -> Iterator[str]:
    """Ids are anchors and link targets: two records must never share one."""
    first_seen: dict[str, int] = {}
    for i, record in _iter_records(ds):
        rid = record.get("id")
        if not isinstance(rid, str):
            continue
        if rid in first_seen:
            yield ds.problem(i, "id", f"duplicate id {rid!r} (first used on line {ds.line(first_seen[rid])})")
        else:
            first_seen[rid] = i


def check_references_resolve(ds: Dataset, all_ds: dict[str, Dataset]) -> Iterator[str]:
    """Every field marked x-ref must name an existing record of the target dataset."""
    props = _record_schema(ds).get("properties", {})
    for fld, spec in sorted(props.items()):
        target = spec.get(REF_KEYWORD) or spec.get("items", {}).get(REF_KEYWORD)
        if not target:
            continue
        known = {r.get("id") for _, r in _iter_records(all_ds[target])} if target in all_ds else set()
        for i, record in _iter_records(ds):
            value = record.get(fld)
            ids = value if isinstance(value, list) else [value] if value is not None else []
            for j, ref in enumerate(ids):
                if isinstance(ref, str) and ref not in known:
                    sub = (j,) if isinstance(value, list) else ()
                    yield ds.problem(i, fld, f"unknown {target} id {ref!r} (no such record in data/{target}.yaml)", *sub)


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for j, item in enumerate(value):
            yield from _strings(item, path + (j,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))


def check_no_empty_text(ds: Dataset, _all: dict[str, Dataset]) -> Iterator[str]:
    """A blank cell renders as an empty table cell that readers take for missing data."""
    for i, record in _iter_records(ds):
        for fld, value in record.items():
            for sub, text in _strings(value):
                if not text.strip():
                    yield ds.problem(i, fld, "empty text", *sub)


def check_ratings_respect_nesting(ds: Dataset, _all: dict[str, Dataset]) -> Iterator[str]:
    """A use case's 'best kind' must be one of the kinds rated highest for it.

    Ratings compare LLMs with other generative models and with
    non-generative ML; generative AI as a whole is derived (the better of
    the first two), so a superset can never rate below its subset.
    """
    for i, record in _iter_records(ds):
        ratings = record.get("ratings")
        best = record.get("best")
        if not isinstance(ratings, dict) or best not in ratings:
            continue
        try:
            top = max(RATING_ORDER.index(v) for v in ratings.values())
        except ValueError:
            continue  # the schema pass reports unknown rating words
        if RATING_ORDER.index(ratings[best]) != top:
            yield ds.problem(i, "best", f"{best!r} is rated {ratings[best]!r}, below the top rating {RATING_ORDER[top]!r}")


# Checks that apply to every dataset, then checks for one dataset only.
COMMON_CHECKS: tuple[Callable[[Dataset, dict[str, Dataset]], Iterator[str]], ...] = (
    check_unique_ids,
    check_references_resolve,
    check_no_empty_text,
)
DATASET_CHECKS: dict[str, tuple[Callable[[Dataset, dict[str, Dataset]], Iterator[str]], ...]] = {
    "use_cases": (check_ratings_respect_nesting,),
}


def validate(datasets: dict[str, Dataset]) -> list[str]:
    """Return every problem in every dataset (empty list when all is well)."""
    problems: list[str] = []
    for name in sorted(datasets):
        ds = datasets[name]
        problems += list(check_schema(ds))
        if not isinstance(ds.records, list):
            continue
        for check in COMMON_CHECKS + DATASET_CHECKS.get(name, ()):
            problems += list(check(ds, datasets))
    return problems


def load_all(data_dir: Path | None = None) -> dict[str, Dataset]:
    """Load and validate every data/*.yaml; raise DataError listing all problems."""
    data_dir = data_dir or DATA_DIR
    datasets: dict[str, Dataset] = {}
    problems: list[str] = []
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            datasets[path.stem] = load_dataset(path)
        except DataError as exc:
            problems += exc.problems
    for path in sorted(data_dir.glob("*.schema.json")):
        if not path.with_name(path.name.replace(".schema.json", ".yaml")).exists():
            problems.append(f"{_rel(path)}:1: schema without data file")
    problems += validate(datasets)
    if problems:
        raise DataError(problems)
    return datasets


def main() -> int:
    try:
        datasets = load_all()
    except DataError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        print(f"\n{len(exc.problems)} data problem(s). Fix them and run `make data-check` again.", file=sys.stderr)
        return 1
    count = sum(len(ds.records) for ds in datasets.values())
    print(f"data OK: {len(datasets)} datasets, {count} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
