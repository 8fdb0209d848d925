"""Generate every table, list and diagram fragment of the site from data/*.yaml.

One registry (OUTPUTS) names each generated file, the template that renders it
and the datasets it reads. Rendering is pure: data in, text out. The script
validates all data first, renders every output in memory, and only then writes
the files whose content changed (temp file + rename), so bad data never leaves
a half-written or changed file behind.

    python scripts/build_tables.py           # write what changed
    python scripts/build_tables.py --check   # exit 1 if any output is stale

Generated files live in generated/ (git-ignored) and are pulled into pages with
pymdownx.snippets (`--8<-- "differences.md"`). Every `make` target runs this
first; the MkDocs hook in scripts/mkdocs_hooks.py runs it again on each
rebuild, so `make serve` picks up data edits live.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitedata  # noqa: E402
import render_helpers as helpers  # noqa: E402

ROOT = sitedata.ROOT
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
REGENERATE = "python scripts/build_tables.py"

Data = dict[str, sitedata.Dataset]


@dataclass(frozen=True)
class Output:
    """One generated file: where it goes, how it is rendered, what it reads."""

    target: str  # relative to the project root
    template: str  # file in scripts/templates/
    inputs: tuple[str, ...]  # dataset names, for the header and the docs
    context: Callable[[Data], dict[str, Any]]


def _rows(data: Data, name: str, key: Callable[[dict], Any] = lambda r: r["id"]) -> list[dict]:
    return sorted(data[name].records, key=key)


def differences_context(data: Data) -> dict[str, Any]:
    return {"rows": _rows(data, "differences", key=lambda r: (r["order"], r["id"]))}


def sources_context(data: Data) -> dict[str, Any]:
    return {"rows": _rows(data, "sources")}


def glossary_context(data: Data) -> dict[str, Any]:
    terms = _rows(data, "glossary", key=lambda r: (r["term"].casefold(), r["id"]))
    groups: dict[str, list[dict]] = {}
    for term in terms:
        groups.setdefault(term["term"][0].upper(), []).append(term)
    return {"groups": sorted(groups.items()), "names": {t["id"]: t["term"] for t in terms}}


def abbreviations_context(data: Data) -> dict[str, Any]:
    return {"rows": [t for t in _rows(data, "glossary", key=lambda r: r.get("abbr", "")) if "abbr" in t]}


OUTPUTS: tuple[Output, ...] = (
    Output("generated/differences.md", "differences.md.j2", ("differences", "sources"), differences_context),
    Output("generated/sources.md", "sources.md.j2", ("sources",), sources_context),
    Output("generated/glossary.md", "glossary.md.j2", ("glossary", "sources"), glossary_context),
    Output("generated/abbreviations.md", "abbreviations.md.j2", ("glossary",), abbreviations_context),
)


def make_environment(data: Data) -> jinja2.Environment:
    """Jinja2 with StrictUndefined: a misspelt field fails loudly, never renders blank."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; cell text goes through the md filters
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown anchors are written {#id}; Jinja comments are {## ... ##}.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    sources = {r["id"]: r for r in data["sources"].records} if "sources" in data else {}
    env.filters["md"] = helpers.md_text
    env.filters["oneline"] = helpers.one_line
    env.filters["cite"] = lambda ids: helpers.citations(ids, sources)
    env.filters["source_label"] = helpers.source_label
    env.filters["authors"] = helpers.author_line
    env.filters["tojson"] = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
    return env


def header(output: Output) -> str:
    files = ", ".join(f"data/{name}.yaml" for name in output.inputs)
    return f"<!-- Generated from {files} by `{REGENERATE}`. Edit the data, not this file. -->"


def render(output: Output, data: Data, env: jinja2.Environment | None = None) -> str:
    """Render one output to text: deterministic, `\\n` line ends, one final newline."""
    env = env or make_environment(data)
    text = env.get_template(output.template).render(header=header(output), **output.context(data))
    return text.rstrip("\n") + "\n"


def render_all(data: Data, outputs: tuple[Output, ...] = OUTPUTS) -> dict[str, str]:
    env = make_environment(data)
    return {output.target: render(output, data, env) for output in outputs}


def template_location(exc: jinja2.TemplateError) -> str:
    """`scripts/templates/<file>:<line>` of a template error, syntax or runtime."""
    if getattr(exc, "lineno", None) and getattr(exc, "filename", None):
        return f"scripts/templates/{Path(exc.filename).name}:{exc.lineno}"
    tb, where = exc.__traceback__, "scripts/templates"
    while tb is not None:  # Jinja maps runtime errors to template frames
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"scripts/templates/{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically replace `path` when its content differs; return True if written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def generate(root: Path = ROOT, check: bool = False, out=sys.stdout, err=sys.stderr) -> int:
    """Validate, render and write (or check) every output. Returns an exit code."""
    try:
        data = sitedata.load_all(root / "data")
        rendered = render_all(data)
    except sitedata.DataError as exc:
        print("\n".join(exc.problems), file=err)
        print(f"\n{len(exc.problems)} data problem(s); nothing was generated. "
              "Fix them and run `make data-check`.", file=err)
        return 1
    except jinja2.TemplateError as exc:
        print(f"{template_location(exc)}: {exc.message}; nothing was generated.", file=err)
        return 1
    if check:
        stale = [t for t, text in rendered.items()
                 if not (root / t).exists() or (root / t).read_text(encoding="utf-8") != text]
        for target in stale:
            print(f"{target} is out of date with data/.", file=err)
        if stale:
            print(f"Run: {REGENERATE}", file=err)
            return 1
        print(f"{len(rendered)} generated files are up to date.", file=out)
        return 0
    written = [t for t, text in rendered.items() if write_if_changed(root / t, text)]
    for target in written:
        print(f"wrote {target}", file=out)
    print(f"{len(rendered)} outputs, {len(written)} changed.", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return generate(args.root.resolve(), check=args.check)


if __name__ == "__main__":
    sys.exit(main())
