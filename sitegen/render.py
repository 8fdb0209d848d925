"""The render engine: outputs, the Jinja environment, and writing what changed.

An output is one generated file. A `Fragment` is a piece of a page: the
template `sitegen/templates/<name>.md.j2` renders `generated/<name>.md`,
which the page `page` pulls in with `--8<-- "<name>.md"`. One name for all
three. A `File` is any other generated file (downloads, redirect pages, the
feed) with a pure `text(site)` function.

Rendering is pure: data in, text out. `generate` validates everything,
renders every output in memory, and only then writes the files whose
content changed (temp file + rename), so bad data never leaves a
half-written or changed file behind.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from . import text as textfmt
from .config import ConfigError, SiteConfig
from .data import DataError, SiteData
from .htmlfence import fence_html_blocks
from .links import file_link, record_link, site_link

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
COMMAND = "python -m sitegen"


@dataclass(frozen=True)
class Fragment:
    """A generated piece of one page, rendered from `<name>.md.j2`."""

    name: str
    page: str | None  # the docs page that includes it (links are relative to it); None: no links
    reads: tuple[str, ...]  # datasets; `rows` are the records of the first, sorted by `sort`
    sort: tuple[str, ...] = ("id",)
    context: Callable[[SiteData, SiteConfig], dict[str, Any]] | None = None  # extra, computed values
    family: str | None = None  # one template for many outputs: quiz-<page> all use quiz.md.j2
    records_page: str | None = None  # render only the records of reads[0] that x-anchor places here

    @property
    def target(self) -> str:
        return f"generated/{self.name}.md"

    @property
    def template(self) -> str:
        return f"{self.family or self.name}.md.j2"


@dataclass(frozen=True)
class File:
    """A generated file that is not a page fragment (JSON, CSV, HTML, XML)."""

    target: str  # relative to the project root
    reads: tuple[str, ...]
    text: Callable[[SiteData, SiteConfig], str] = field(compare=False)
    template: str | None = None  # named in error messages when the text comes from a template


Output = Fragment | File


class RenderError(Exception):
    """Rendering one output failed; the message names the output and its template."""


def sort_key(fields: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    """Sort records by these fields in turn; text sorts case-insensitively."""
    def key(record: dict[str, Any]) -> tuple:
        values = []
        for name in fields:
            value = record.get(name, "")
            values.append((1, value.casefold()) if isinstance(value, str) else (0, value))
        return tuple(values)
    return key


def rows(site: SiteData, name: str, fields: tuple[str, ...] = ("id",)) -> list[dict[str, Any]]:
    return sorted(site.records(name), key=sort_key(fields))


def header(output: Output) -> Markup:
    files = ", ".join(f"data/{name}.yaml" for name in output.reads) or "no data file"
    template = f" with sitegen/templates/{output.template}" if output.template else ""
    return Markup(f"<!-- Generated from {files}{template} by `{COMMAND}`. Edit the data, not this file. -->")


def _field_labels(site: SiteData, name: str) -> dict[str, dict[str, str]]:
    """x-labels of every enum field of a dataset (through $ref too), by field name."""
    ds = site[name]
    props = ds.schema.get("items", {}).get("properties", {})
    return {fld: labels for fld in props if (labels := ds.labels(fld))}


def _bytecode_cache(root: Path) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in .cache/ (skipped if it cannot be written).

    Compiled code depends on the filters as much as on the template text, so
    the folder is keyed by the code that defines them."""
    from . import cache
    folder = root / cache.FOLDER / "jinja-sitegen" / cache.code_version(sys.modules[__name__], textfmt)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def template_environment(*, autoescape: bool = True, **options: Any) -> jinja2.Environment:
    """Jinja2 on sitegen/templates with StrictUndefined: a misspelt field fails
    loudly, never renders blank. Autoescape unless the output is not HTML or XML."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), undefined=jinja2.StrictUndefined,
                              autoescape=autoescape, keep_trailing_newline=True, **options)


def make_environment(site: SiteData, config: SiteConfig) -> jinja2.Environment:
    """The fragments' environment: autoescaped (a forgotten filter escapes, never
    injects), with the link, anchor and citation helpers the templates use."""
    env = template_environment(
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown anchors are written {#id}; Jinja comments are {## ... ##}.
        comment_start_string="{##",
        comment_end_string="##}",
        bytecode_cache=_bytecode_cache(site.root),
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}

    def anchor(dataset: str, record_id: str) -> str:
        """The anchor id of a record on its page, e.g. sys-gpt-4 (prefix from the schema)."""
        return site[dataset].anchor_id(record_id)

    base = config.base_path

    def link(dataset: str, record_id: str) -> str:
        """The URL of a record's anchor (page and prefix from the schema's x-anchor)."""
        return record_link(base, site[dataset], record_id)

    def page_link(path: str) -> str:
        """The URL of a docs page (path inside docs/, optional #anchor)."""
        page, _, fragment = path.partition("#")
        return site_link(base, page, fragment)

    def static_link(path: str) -> str:
        """The URL of a static file under docs/ (downloads/x.json)."""
        return file_link(base, path)

    sources = {r["id"]: r for r in site.records("sources")} if "sources" in site else {}

    @functools.cache
    def cited(source_id: str) -> Markup:
        """One source's link, made once: a source is cited on many rows of many outputs."""
        return Markup('<a href="{}">{}</a>').format(link("sources", source_id), textfmt.source_label(sources[source_id]))

    def cite(ids: list[str]) -> Markup:
        """Links to the bibliography, one per source id, separated by '; '."""
        return Markup("; ").join(cited(i) for i in ids)

    env.globals.update(anchor=anchor, link=link, page_link=page_link, static_link=static_link, config=config)
    env.filters.update(md=textfmt.md_text, h=textfmt.html_text, oneline=textfmt.one_line,
                       source_label=textfmt.source_label, authors=textfmt.author_line, cite=cite,
                       title=config.title)
    return env


def _template_location(exc: BaseException, default: str) -> str:
    """`sitegen/templates/<file>:<line>` of a template error, syntax or runtime."""
    if getattr(exc, "lineno", None) and getattr(exc, "filename", None):
        return f"sitegen/templates/{Path(exc.filename).name}:{exc.lineno}"
    tb, where = exc.__traceback__, f"sitegen/templates/{default}"
    while tb is not None:  # Jinja maps runtime errors to template frames
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"sitegen/templates/{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def render(output: Output, site: SiteData, config: SiteConfig, env: jinja2.Environment | None = None) -> str:
    """Render one output to text: deterministic, `\\n` line ends, one final newline."""
    try:
        if isinstance(output, File):
            text = output.text(site, config)
        else:
            if output.records_page:
                site = site.on_page(output.reads[0], output.records_page)
            env = env or make_environment(site, config)
            context = {"header": header(output), "page": output.page,
                       "rows": rows(site, output.reads[0], output.sort) if output.reads else [],
                       "labels": _field_labels(site, output.reads[0]) if output.reads else {}}
            if output.context is not None:
                context.update(output.context(site, config))
            text = fence_html_blocks(env.get_template(output.template).render(**context))
    except jinja2.TemplateError as exc:
        where = _template_location(exc, output.template or "?")
        raise RenderError(f"{output.target} ({where}): {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - reported with the output's name, never as a traceback
        template = f" (template sitegen/templates/{output.template})" if output.template else ""
        raise RenderError(f"{output.target}{template}: rendering failed: {type(exc).__name__}: {exc}") from None
    return text.rstrip("\n") + "\n"


def render_all(site: SiteData, config: SiteConfig, outputs: tuple[Output, ...]) -> dict[str, str]:
    env = make_environment(site, config)
    rendered: dict[str, str] = {}
    problems = []
    for output in outputs:
        try:
            rendered[output.target] = render(output, site, config, env)
        except RenderError as exc:
            problems.append(str(exc))
    if problems:
        raise RenderError("\n".join(problems))
    return rendered


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically replace `path` when its content differs; return True if written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes it private; a site file is for everyone to read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def owned_files(root: Path) -> list[Path]:
    """Files only the generator writes: generated/, docs/downloads/, docs/widgets/ and
    redirect pages (docs/**/index.html; hand-written pages are Markdown)."""
    found = [p for p in (root / "generated").rglob("*") if p.is_file()]
    for folder in ("downloads", "widgets"):
        found += [p for p in (root / "docs" / folder).rglob("*") if p.is_file()]
    found += [p for p in (root / "docs").rglob("index.html") if p.is_file()]
    return sorted(set(found))


def stale_owned_files(root: Path, rendered: dict[str, str]) -> list[Path]:
    """Generator-owned files that no output produces any more."""
    return [p for p in owned_files(root) if p.relative_to(root).as_posix() not in rendered]


def generate(root: Path, *, check: bool = False, config: SiteConfig | None = None,
             out=sys.stdout, err=sys.stderr) -> int:
    """Validate, render and write (or check) every output. Returns an exit code."""
    from . import config as config_module
    from .data import load_all
    from .outputs import outputs_for

    try:
        config = config or config_module.load(root)
        site = load_all(root / "data")
        rendered = render_all(site, config, outputs_for(site))
    except ConfigError as exc:
        print(f"{exc}; nothing was generated.", file=err)
        return 1
    except DataError as exc:
        print("\n".join(exc.problems), file=err)
        print(f"\n{len(exc.problems)} data problem(s); nothing was generated. "
              "Fix them and run `make data-check`.", file=err)
        return 1
    except RenderError as exc:
        print(f"{exc}\nnothing was generated.", file=err)
        return 1
    if check:
        stale = [t for t, text in rendered.items()
                 if not (root / t).exists() or (root / t).read_text(encoding="utf-8") != text]
        stale += [p.relative_to(root).as_posix() for p in stale_owned_files(root, rendered)]
        for target in stale:
            print(f"{target} is out of date with data/.", file=err)
        if stale:
            print(f"Run: {COMMAND}", file=err)
            return 1
        print(f"{len(rendered)} generated files are up to date.", file=out)
        return 0
    written = [t for t, text in rendered.items() if write_if_changed(root / t, text)]
    for path in stale_owned_files(root, rendered):
        path.unlink()
        print(f"removed {path.relative_to(root).as_posix()}", file=out)
    for target in written:
        print(f"wrote {target}", file=out)
    print(f"{len(rendered)} outputs, {len(written)} changed.", file=out)
    return 0
