"""Load and validate the site's structured data (data/*.yaml).

Every dataset is a YAML list of records with a JSON Schema beside it
(data/<name>.schema.json). Validation runs in three passes, and every problem
is collected before anything stops:

1. the schemas themselves (sitegen.schema.check_schema);
2. each record against its schema, with the project's keywords (x-ref and
   friends) registered with the validator;
3. small named checks that a schema cannot express (sitegen.checks), run on
   the records that passed pass 2, so a wrong type can never crash them.

Every problem reads `data/<file>:<line>: <record id>.<field>: <message>`, so
a maintainer sees all of them at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from . import cache, fastschema
from . import schema as schemas
from .yamlfile import YamlProblem, parse


class DataError(Exception):
    """Raised with every problem found, so callers can print them all and exit 1."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Dataset:
    """One data file: its records, its schema, and where each value sits in the file."""

    name: str
    path: Path
    records: Any  # a list of records once the schema pass has passed
    schema: dict[str, Any]
    lines: dict[tuple, int] = field(default_factory=dict)
    invalid: set[int] = field(default_factory=set)  # indexes of records with schema problems

    @property
    def rel(self) -> str:
        """How messages name the file: relative to the project, e.g. data/sources.yaml."""
        return f"{self.path.parent.name}/{self.path.name}"

    def line(self, *path: Any) -> int:
        """Line of the deepest known node on `path` (1-based)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def record_label(self, index: int) -> str:
        records = self.records if isinstance(self.records, list) else []
        record = records[index] if 0 <= index < len(records) else None
        if isinstance(record, dict) and isinstance(record.get("id"), str) and record["id"].strip():
            return record["id"]
        return f"[{index}]"

    def problem(self, index: int | None, fld: str | None, message: str, *subpath: Any) -> str:
        if index is None:
            return f"{self.rel}:{self.line()}: {message}"
        where = self.record_label(index) + (f".{fld}" if fld else "")
        path = (index,) + ((fld,) if fld else ()) + subpath
        return f"{self.rel}:{self.line(*path)}: {where}: {message}"

    def valid(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(index, record) of every record that passed its schema."""
        for i, record in enumerate(self.records if isinstance(self.records, list) else []):
            if i not in self.invalid and isinstance(record, dict):
                yield i, record

    # Conventions declared in the schema.
    @property
    def anchor(self) -> dict[str, str] | None:
        """{"page": ..., "prefix": ...}: where each record can be linked to, or None."""
        return self.schema.get(schemas.ANCHOR)

    def anchor_id(self, record_id: str) -> str:
        return f"{self.anchor['prefix']}{record_id}"

    def anchor_page(self, record_id: str) -> str:
        """The docs page that holds a record's anchor."""
        anchor = self.anchor
        if "page" in anchor:
            return anchor["page"]
        return self._pages_by_id[record_id]

    @property
    def anchor_pages(self) -> list[str]:
        """Every page the schema names for the records (not the index): they must exist."""
        anchor = self.anchor or {}
        if "page" in anchor:
            return [anchor["page"]]
        return sorted(set(anchor.get("page_by", {}).get("pages", {}).values()))

    @property
    def index_page(self) -> str | None:
        """x-anchor.index: a page that lists every record under its anchor and links on to it."""
        return (self.anchor or {}).get("index")

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Records that passed their schema, by id (asked only after validation)."""
        return {r["id"]: r for _, r in self.valid()}

    @cached_property
    def _pages_by_id(self) -> dict[str, str]:
        """Record id -> its page, for anchors placed by a field (asked only after validation)."""
        if "page_by" in self.anchor:
            field_name, pages = self.anchor["page_by"]["field"], self.anchor["page_by"]["pages"]
            return {r["id"]: pages[r[field_name]] for _, r in self.valid()}
        return {r["id"]: r[self.anchor["page_field"]] for _, r in self.valid()}

    def labels(self, *field_path: str) -> dict[str, str]:
        return schemas.labels(self.schema, field_path)

    def symbols(self, *field_path: str) -> dict[str, str]:
        return schemas.labels(self.schema, field_path, schemas.SYMBOLS)

    def enum(self, *field_path: str) -> list[str]:
        return schemas.enum(self.schema, field_path)

    @cached_property
    def ids(self) -> set[str]:
        return {r["id"] for r in (self.records if isinstance(self.records, list) else [])
                if isinstance(r, dict) and isinstance(r.get("id"), str)}


def held_ids(record: dict[str, Any]) -> tuple[str, ...]:
    """A record's id, then the ids it `replaces`: every anchor the record holds on its page."""
    return (record["id"], *record.get("replaces", ()))


def _rel(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def read_dataset(path: Path) -> tuple[Dataset | None, list[str]]:
    """Parse one YAML file and its schema. Problems are returned, never raised."""
    schema_path = path.with_name(f"{path.stem}.schema.json")
    problems: list[str] = []
    try:
        document = parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return None, [f"{_rel(path)}:1: not UTF-8 text ({exc.reason})"]
    except YamlProblem as exc:
        return None, [f"{_rel(path)}:{exc.line}: YAML syntax error: {exc.reason}"]
    if not schema_path.exists():
        return None, [f"{_rel(path)}:1: no schema: expected {schema_path.name} beside it"]
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        reason = getattr(exc, "msg", None) or str(exc)
        return None, [f"{_rel(schema_path)}:{line}: invalid JSON: {reason}"]
    records = document.value if document.value is not None else []
    return Dataset(path.stem, path, records, schema, document.lines), problems


def _schema_field(error) -> tuple[int | None, str | None, tuple]:
    """Map a jsonschema error to (record index, field name, deeper path)."""
    path = tuple(error.absolute_path)
    index = path[0] if path and isinstance(path[0], int) else None
    fld = str(path[1]) if len(path) > 1 else None
    instance = error.instance if isinstance(error.instance, dict) else {}
    if fld is None and error.validator == "required":
        missing = [f for f in error.validator_value if f not in instance]
        fld = missing[0] if missing else None
    custom = schemas.custom_message(error)
    if fld is None and custom:
        fld = custom.get("field")
    if fld is None and error.validator in ("additionalProperties", "unevaluatedProperties"):
        allowed = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        extra = sorted(str(k) for k in instance if k not in allowed)
        fld = extra[0] if extra else None
    return index, fld, path[2:]


def validate_records(ds: Dataset, known_ids) -> list[str]:
    """Pass 2: every record against its schema. Marks the records that failed.

    Valid data, the usual case, is confirmed by sitegen.fastschema; jsonschema
    runs when something is wrong (or the schema is beyond fastschema), for its messages."""
    if fastschema.all_valid(ds.schema, ds.records, known_ids):
        return []
    validator = schemas.validator_for(ds.schema, known_ids)

    def position(error) -> list[tuple[int, Any]]:
        return [(0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path]

    problems = []
    for error in sorted(validator.iter_errors(ds.records), key=position):
        index, fld, sub = _schema_field(error)
        if index is not None:
            ds.invalid.add(index)
        problems.append(ds.problem(index, fld, schemas.message(error), *sub))
    return problems


@dataclass
class SiteData:
    """Every dataset of a project, validated. Indexing gives the Dataset."""

    datasets: dict[str, Dataset]
    root: Path
    docs_dir: Path

    def __getitem__(self, name: str) -> Dataset:
        return self.datasets[name]

    def __contains__(self, name: str) -> bool:
        return name in self.datasets

    def __iter__(self):
        return iter(sorted(self.datasets))

    def records(self, name: str) -> list[dict[str, Any]]:
        return self.datasets[name].records

    @cached_property
    def anchors_by_page(self) -> dict[str, set[str]]:
        """The anchors that records put on each page: on the record's own page, and on
        the dataset's index page if it has one. Worked out once, for every check that asks."""
        found: dict[str, set[str]] = {}
        for name in self:
            ds = self[name]
            if not ds.anchor:
                continue
            for _, record in ds.valid():
                anchors = {ds.anchor_id(rid) for rid in held_ids(record)}
                for page in {ds.anchor_page(record["id"]), ds.index_page} - {None}:
                    found.setdefault(page, set()).update(anchors)
        return found

    def on_page(self, name: str, page: str) -> SiteData:
        """The same data, but dataset `name` holds only the records x-anchor places on
        `page`: what one of the pages a dataset is spread over (page_by) renders."""
        ds = self.datasets[name]
        here = [r for _, r in ds.valid() if ds.anchor_page(r["id"]) == page]
        return SiteData({**self.datasets, name: replace(ds, records=here, invalid=set())}, self.root, self.docs_dir)


def load_all(data_dir: Path, *, minimums: bool = True, docs_dir: Path | None = None) -> SiteData:
    """Load and validate every data/*.yaml; raise DataError listing all problems.

    `minimums=False` skips the x-min-records promise (small test fixtures).
    `docs_dir` is where the pages live, for checks that link data to pages
    (defaults to ../docs beside the data folder)."""
    from . import checks  # checks import this module's types

    problems: list[str] = []
    datasets: dict[str, Dataset] = {}
    yaml_paths = sorted(data_dir.glob("*.yaml"))
    names = {p.stem for p in yaml_paths}
    for path in sorted(data_dir.glob("*.schema.json")):
        if path.name.removesuffix(".schema.json") not in names:
            problems.append(f"{_rel(path)}:1: schema without data file")
    for path in yaml_paths:
        ds, found = read_dataset(path)
        problems += found
        if ds is not None:
            datasets[ds.name] = ds

    # Pass 1: the schemas. A dataset whose schema is broken is not validated further.
    checked: dict[str, Dataset] = {}
    version = cache.code_version(schemas)
    for name, ds in sorted(datasets.items()):
        schema_key = cache.key(version, json.dumps(ds.schema, sort_keys=True), *sorted(names))
        schema_problems = cache.memo(data_dir.parent, "schemas", schema_key,
                                     lambda ds=ds: schemas.check_schema(ds.schema, names))
        schema_path = ds.path.with_name(f"{name}.schema.json")
        text = schema_path.read_text(encoding="utf-8")
        problems += [f"{_rel(schema_path)}:{_json_line(text, p.path)}: {p.path}: {p.message}" for p in schema_problems]
        if not schema_problems:
            if not minimums:
                ds.schema = {k: v for k, v in ds.schema.items() if k != schemas.MIN_RECORDS}
            checked[name] = ds

    # Pass 2: records. References resolve against every dataset that could be read.
    def known_ids(target: str) -> set[str] | None:
        return datasets[target].ids if target in datasets else None

    for name, ds in sorted(checked.items()):
        problems += validate_records(ds, known_ids)

    # Pass 3: named checks on the records that passed.
    site = SiteData(checked, data_dir.parent, docs_dir or data_dir.parent / "docs")
    problems += checks.run_all(site)
    if problems:
        raise DataError(problems)
    return site


def _json_line(text: str, dotted: str) -> int:
    """Line of a schema path in its JSON text: each key found after the one before it."""
    position = 0
    for key in [] if dotted == "(top)" else dotted.split("."):
        if key.isdigit():
            continue  # array positions have no key to find
        found = text.find(f'"{key}"', position)
        if found < 0:
            break
        position = found
    return text[:position].count("\n") + 1
