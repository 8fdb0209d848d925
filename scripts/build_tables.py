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
import csv
import io
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitedata  # noqa: E402
import render_helpers as helpers  # noqa: E402

ROOT = sitedata.ROOT
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
REGENERATE = "python scripts/build_tables.py"

Data = dict[str, sitedata.Dataset]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !!python tags (they configure Markdown, not us)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_site_config(root: Path = ROOT) -> dict[str, Any]:
    """mkdocs.yml as data: the one place for the site URL and page titles."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def nav_titles(nav: list) -> dict[str, str]:
    """Page path inside docs/ -> its title in the navigation."""
    titles: dict[str, str] = {}
    for item in nav:
        for title, target in item.items():
            titles.update(nav_titles(target) if isinstance(target, list) else {target: title})
    return titles


SITE_CONFIG = read_site_config()
SITE_URL = SITE_CONFIG["site_url"]
# Link text for FAQ "read more" links and redirect pages, by page path inside docs/.
PAGE_TITLES = nav_titles(SITE_CONFIG["nav"])


@dataclass(frozen=True)
class Output:
    """One generated file: where it goes, how it is rendered, what it reads.

    Page fragments are Jinja templates fed by a pure `context(data)` function;
    files that are not templated (JSON, CSV, redirect pages) give a pure
    `text(data)` function instead.
    """

    target: str  # relative to the project root
    template: str | None  # file in scripts/templates/
    inputs: tuple[str, ...]  # dataset names, for the header and the docs
    context: Callable[[Data], dict[str, Any]] | None = None
    text: Callable[[Data], str] | None = None


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
    """Tooltips: abbreviations (LLM) and key terms (context window), each with its definition."""
    rows = [{"key": t[field], "term": t["term"], "definition": t["definition"]}
            for t in data["glossary"].records for field in ("abbr", "tooltip") if field in t]
    return {"rows": sorted(rows, key=lambda r: r["key"])}


# Words shown for coded values. Keys must cover the enums in the schemas;
# StrictUndefined turns a missing key into a build error, not a blank cell.
LLM_LABELS = {"yes": "Yes", "no": "No", "built-on": "No, a product built on LLMs"}
KIND_LABELS = {"model": "Model", "model-family": "Model family", "product": "Product", "research-model": "Research model"}
WEIGHTS_LABELS = {"yes": "Yes", "no": "No", "partial": "Partly"}
FAMILY_LABELS = {"llm": "An LLM", "media": "An image, audio or video model", "classic": "Non-generative ML"}
VERDICT_LABELS = {"wrong": "wrong", "outdated": "out of date", "contradictory": "contradicts itself",
                  "unsourced": "no source found", "needs-nuance": "partly true", "accurate": "true"}
FAQ_TOPICS = {"basics": "The basics", "relationship": "How they relate", "systems": "Systems and products",
              "how-it-works": "How it works", "using": "Using them", "risks": "Risks and rights",
              "careers": "Learning and careers"}


def system_names(data: Data) -> dict[str, str]:
    return {s["id"]: s["name"] for s in data["systems"].records}


def systems_context(data: Data) -> dict[str, Any]:
    return {"rows": _rows(data, "systems", key=lambda r: (r["name"].casefold(), r["id"])),
            "llm_labels": LLM_LABELS, "kind_labels": KIND_LABELS, "weights_labels": WEIGHTS_LABELS}


def overall_rating(ratings: dict[str, str]) -> str:
    """Generative AI as a whole: the better of LLMs and other generative models."""
    return max(ratings["llm"], ratings["media"], key=sitedata.RATING_ORDER.index)


def use_cases_context(data: Data) -> dict[str, Any]:
    rows = [{**u, "overall": overall_rating(u["ratings"])} for u in data["use_cases"].records]
    return {"rows": rows, "family_labels": FAMILY_LABELS, "system_names": system_names(data)}


def architectures_context(data: Data) -> dict[str, Any]:
    return {"rows": _rows(data, "architectures", key=lambda r: (r["year"], r["id"])),
            "system_names": system_names(data)}


def _timeline_events(data: Data) -> list[dict]:
    return _rows(data, "timeline", key=lambda r: (r["date"], r["id"]))


def timeline_context(data: Data) -> dict[str, Any]:
    years: dict[str, list[dict]] = {}
    for event in _timeline_events(data):
        years.setdefault(event["date"][:4], []).append(event)
    return {"years": sorted(years.items())}


def timeline_svg_context(data: Data) -> dict[str, Any]:
    """Vertical timeline: one row per event, year printed where it changes."""
    top, step, axis_x = 48, 26, 62
    events, previous = [], None
    for i, event in enumerate(_timeline_events(data)):
        year = event["date"][:4]
        events.append({**event, "y": top + i * step, "year": year, "new_year": year != previous})
        previous = year
    return {"events": events, "width": 400, "height": top + len(events) * step, "axis_x": axis_x, "top": top,
            "first_year": events[0]["year"], "last_year": events[-1]["year"]}


def nesting_context(data: Data) -> dict[str, Any]:
    """Concentric boxes from the outermost field inwards; straddlers overlap a box's lower edge."""
    fields = {f["id"]: f for f in data["fields"].records}
    chain, current = [], next(f for f in fields.values() if "parent" not in f)
    while current:
        chain.append(current)
        current = next((f for f in fields.values()
                        if f.get("parent") == current["id"] and "straddles" not in f), None)
    width, pad_x, pad_top, inner_h = 400, 14, 34, 96
    height = 2 * 8 + pad_top * (len(chain) - 1) + inner_h + 12 * (len(chain) - 1) + 60
    rings = []
    for depth, field in enumerate(chain):
        x, y = 6 + pad_x * depth, 6 + pad_top * depth
        bottom = height - 6 - 12 * depth if depth < len(chain) - 1 else y + inner_h
        rings.append({**field, "x": x, "y": y, "w": width - 12 - 2 * pad_x * depth, "h": bottom - y,
                      "parent_name": fields[field["parent"]]["name"] if "parent" in field else "",
                      "innermost": depth == len(chain) - 1, "holds_innermost": depth == len(chain) - 2})
    straddlers = []
    for field in fields.values():
        if "straddles" in field:
            box = next(r for r in rings if r["id"] == field["straddles"])
            straddlers.append({**field, "straddle_name": box["name"], "x": box["x"] + box["w"] - 176,
                               "y": box["y"] + box["h"] - 26, "w": 190, "h": 52})
    return {"rings": rings, "straddlers": straddlers, "width": width, "height": height}


def fields_context(data: Data) -> dict[str, Any]:
    """The nesting diagram's fields as a list, outermost first (straddling groups last)."""
    diagram = nesting_context(data)
    return {"rows": diagram["rings"] + diagram["straddlers"]}


# Words for what a system or task produces; the chooser shows the same words.
OUTPUT_LABELS = {"text": "Text", "code": "Code", "image": "Images", "audio": "Music, sound and speech",
                 "video": "Video", "decision": "A decision or score"}


def systems_by_output_context(data: Data) -> dict[str, Any]:
    """Generative systems grouped by what they produce (labels-only models are left out)."""
    systems = _rows(data, "systems", key=lambda r: (r["name"].casefold(), r["id"]))
    groups = [(o, [s for s in systems if o in s["outputs"]]) for o in OUTPUT_LABELS]
    return {"groups": [(o, g) for o, g in groups if g], "output_labels": OUTPUT_LABELS}


def industries_context(data: Data) -> dict[str, Any]:
    return {"rows": _rows(data, "industries", key=lambda r: (r["name"].casefold(), r["id"]))}


def risks_context(data: Data) -> dict[str, Any]:
    return {"rows": _rows(data, "risks", key=lambda r: (r["order"], r["id"]))}


def myths_context(data: Data) -> dict[str, Any]:
    myths = _rows(data, "myths", key=lambda r: (r["order"], r["id"]))
    return {"verdict_labels": VERDICT_LABELS, "groups": [
        ("Claims from popular explainers", "from-explainers", [m for m in myths if m.get("from_sources")]),
        ("Other common beliefs", "common-beliefs", [m for m in myths if not m.get("from_sources")]),
    ]}


def faq_jsonld(entries: list[dict]) -> str:
    """FAQPage structured data from the same records; `</` escaped for a <script> block."""
    doc = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": q["question"], "acceptedAnswer": {"@type": "Answer", "text": q["answer"]}}
        for q in entries]}
    return _script_json(doc)


def faq_context(data: Data) -> dict[str, Any]:
    entries = data["faq"].records  # file order is the reading order within a topic
    topics = [(key, title, [q for q in entries if q["topic"] == key]) for key, title in FAQ_TOPICS.items()]
    return {"topics": [t for t in topics if t[2]], "jsonld": faq_jsonld(entries), "page_titles": PAGE_TITLES}


# Folders only the generator writes: files no output produces are removed.
OWNED_DIRS = ("generated", "docs/downloads")
DOWNLOADS = "docs/downloads"


def _script_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script> element."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def chooser_context(data: Data) -> dict[str, Any]:
    """Everything the use-case chooser needs, from the same records as the table."""
    names = system_names(data)
    tasks = [{"id": u["id"], "task": u["task"], "outputs": u["outputs"], "best": u["best"],
              "reason": u["reason"], "ratings": {**u["ratings"], "overall": overall_rating(u["ratings"])},
              "examples": [{"id": e, "name": names[e]} for e in u["examples"]]}
             for u in data["use_cases"].records]
    outputs = sorted({o for u in data["use_cases"].records for o in u["outputs"]})
    return {"json": _script_json({"tasks": tasks, "outputs": outputs, "families": FAMILY_LABELS,
                                  "output_labels": {o: OUTPUT_LABELS[o] for o in outputs}})}


def catalogue_context(data: Data) -> dict[str, Any]:
    """Per-system facts the catalogue filters use, keyed by the row anchor."""
    rows = {f"sys-{s['id']}": {"llm": s["llm"], "open_weights": s["open_weights"], "developer": s["developer"],
                               "modalities": sorted(set(s["inputs"]) | set(s["outputs"]))}
            for s in data["systems"].records}
    return {"json": _script_json({"rows": rows, "llm": LLM_LABELS, "open_weights": WEIGHTS_LABELS})}


def _fields(ds: sitedata.Dataset) -> list[str]:
    """Column order for downloads: the schema's property order."""
    return list(ds.schema.get("items", {}).get("properties", {}))


def dataset_json(name: str) -> Callable[[Data], str]:
    def text(data: Data) -> str:
        ds = data[name]
        return json.dumps({
            "dataset": name, "description": ds.schema.get("description", ""),
            "licence": "CC BY 4.0", "generated_from": f"data/{name}.yaml", "regenerate": REGENERATE,
            "records": sorted(ds.records, key=lambda r: r["id"]),
        }, ensure_ascii=False, indent=2, sort_keys=True)
    return text


def _csv_cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_csv_cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_csv_cell(v)}" for k, v in sorted(value.items()))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dataset_csv(name: str) -> Callable[[Data], str]:
    def text(data: Data) -> str:
        ds = data[name]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = _fields(ds)
        writer.writerow(columns)
        for record in sorted(ds.records, key=lambda r: r["id"]):
            writer.writerow([_csv_cell(record.get(c, "")) for c in columns])
        return buffer.getvalue()
    return text


def downloads_context(data: Data) -> dict[str, Any]:
    rows = [{"name": n, "description": data[n].schema.get("description", ""), "count": len(data[n].records)}
            for n in sorted(data)]
    return {"rows": rows}


def page_url(path: str) -> str:
    """URL path of a docs page with directory URLs: compare/x.md -> compare/x/."""
    page, _, anchor = path.partition("#")
    if page == "index.md" or page.endswith("/index.md"):
        url = page.removesuffix("index.md")
    else:
        url = page.removesuffix(".md") + "/"
    return url + (f"#{anchor}" if anchor else "")


def redirect_page(record: dict[str, Any]) -> Callable[[Data], str]:
    def text(data: Data) -> str:
        depth = record["from"].strip("/").count("/") + 1
        target = "../" * depth + page_url(record["to"])
        title = PAGE_TITLES.get(record["to"].split("#")[0], record["to"])
        return env_for_redirects().get_template("redirect.html.j2").render(
            target=target, title=title, reason=record["reason"], canonical=SITE_URL + page_url(record["to"]))
    return text


def env_for_redirects() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), undefined=jinja2.StrictUndefined,
                              autoescape=True, keep_trailing_newline=True)


def outputs_for(data: Data) -> tuple[Output, ...]:
    """The fixed registry plus outputs that follow the data: one download per
    dataset and format, one redirect page per redirect record."""
    dynamic = []
    for name in sorted(data):
        dynamic.append(Output(f"{DOWNLOADS}/{name}.json", None, (name,), text=dataset_json(name)))
        dynamic.append(Output(f"{DOWNLOADS}/{name}.csv", None, (name,), text=dataset_csv(name)))
    for record in data["redirects"].records if "redirects" in data else []:
        target = f"generated/redirects/{record['from'].strip('/')}/index.html"
        dynamic.append(Output(target, None, ("redirects",), text=redirect_page(record)))
    return OUTPUTS + tuple(dynamic)


OUTPUTS: tuple[Output, ...] = (
    Output("generated/differences.md", "differences.md.j2", ("differences", "sources"), differences_context),
    Output("generated/sources.md", "sources.md.j2", ("sources",), sources_context),
    Output("generated/glossary.md", "glossary.md.j2", ("glossary", "sources"), glossary_context),
    Output("generated/abbreviations.md", "abbreviations.md.j2", ("glossary",), abbreviations_context),
    Output("generated/systems.md", "systems.md.j2", ("systems", "sources"), systems_context),
    Output("generated/use-cases.md", "use_cases.md.j2", ("use_cases", "systems", "sources"), use_cases_context),
    Output("generated/architectures.md", "architectures.md.j2", ("architectures", "systems", "sources"),
           architectures_context),
    Output("generated/timeline.md", "timeline.md.j2", ("timeline", "sources"), timeline_context),
    Output("generated/timeline-diagram.md", "timeline.svg.j2", ("timeline",), timeline_svg_context),
    Output("generated/nesting-diagram.md", "nesting.svg.j2", ("fields",), nesting_context),
    Output("generated/fields.md", "fields.md.j2", ("fields",), fields_context),
    Output("generated/systems-by-output.md", "systems_by_output.md.j2", ("systems",), systems_by_output_context),
    Output("generated/industries.md", "industries.md.j2", ("industries", "sources"), industries_context),
    Output("generated/risks.md", "risks.md.j2", ("risks", "sources"), risks_context),
    Output("generated/myths.md", "myths.md.j2", ("myths", "sources"), myths_context),
    Output("generated/faq.md", "faq.md.j2", ("faq", "sources"), faq_context),
    Output("generated/use-case-chooser.md", "chooser.md.j2", ("use_cases", "systems"), chooser_context),
    Output("generated/systems-filters.md", "catalogue.md.j2", ("systems",), catalogue_context),
    Output("generated/downloads.md", "downloads.md.j2", tuple(), downloads_context),
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
    env.filters["xml"] = helpers.xml_text
    return env


def header(output: Output) -> str:
    files = ", ".join(f"data/{name}.yaml" for name in output.inputs) or "data/*.yaml"
    return f"<!-- Generated from {files} by `{REGENERATE}`. Edit the data, not this file. -->"


def render(output: Output, data: Data, env: jinja2.Environment | None = None) -> str:
    """Render one output to text: deterministic, `\\n` line ends, one final newline."""
    if output.text is not None:
        return output.text(data).rstrip("\n") + "\n"
    env = env or make_environment(data)
    text = env.get_template(output.template).render(header=header(output), **output.context(data))
    return text.rstrip("\n") + "\n"


def render_all(data: Data, outputs: tuple[Output, ...] | None = None) -> dict[str, str]:
    env = make_environment(data)
    return {output.target: render(output, data, env) for output in (outputs or outputs_for(data))}


def stale_owned_files(root: Path, rendered: dict[str, str]) -> list[Path]:
    """Files in folders only the generator writes that no output produces any more."""
    found = []
    for folder in OWNED_DIRS:
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*") if p.is_file() and p.relative_to(root).as_posix() not in rendered]
    return sorted(found)


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
        stale += [p.relative_to(root).as_posix() for p in stale_owned_files(root, rendered)]
        for target in stale:
            print(f"{target} is out of date with data/.", file=err)
        if stale:
            print(f"Run: {REGENERATE}", file=err)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return generate(args.root.resolve(), check=args.check)


if __name__ == "__main__":
    sys.exit(main())
