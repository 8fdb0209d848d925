"""Computed values for page fragments whose template needs more than sorted rows.

Each function takes the validated data and the site configuration and
returns extra template variables. Outputs that only list a dataset's rows
declare that in sitegen/outputs.py and need nothing here.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .data import SiteData, held_ids
from .links import record_link, site_link
from .render import rows
from .text import source_label

# A heading with this class goes on with the section before it (sitegen.finish marks
# terms once per section): the timeline's year headings split one list of events,
# where a term needs one tooltip, not one a year.
SECTION_CONTINUES = "section-continues"


def names(site: SiteData, dataset: str, field: str = "name") -> dict[str, str]:
    """Record id -> its display name, for link texts."""
    return {r["id"]: r[field] for r in site.records(dataset)}


def glossary(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """Terms grouped under their first letter, A to Z."""
    groups: dict[str, list[dict]] = {}
    for term in rows(site, "glossary", ("term", "id")):
        groups.setdefault(term["term"][0].upper(), []).append(term)
    return {"groups": sorted(groups.items()), "names": names(site, "glossary", "term")}


def terms_json(site: SiteData, _config: SiteConfig) -> str:
    """Glossary terms that link to their entry where a page first uses them (sitegen.finish):
    abbreviations (LLM, matched as written) and key terms (context window, any case)."""
    found = [{"key": t[field], "id": t["id"], "term": t["term"], "definition": t["definition"],
              "abbreviation": field == "abbr"}
             for t in site.records("glossary") for field in ("abbr", "tooltip") if field in t]
    return json.dumps(sorted(found, key=lambda r: (r["key"], r["id"])), ensure_ascii=False, indent=1)


def overall_rating(site: SiteData, ratings: dict[str, str]) -> str:
    """Generative AI as a whole: the better of LLMs and other generative models."""
    order = site["use_cases"].enum("ratings", "llm")
    return max(ratings["llm"], ratings["media"], key=order.index)


def use_cases(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    return {"rows": [{**u, "overall": overall_rating(site, u["ratings"])} for u in site.records("use_cases")],
            "system_names": names(site, "systems"), "rating_symbols": site["use_cases"].symbols("ratings", "llm")}


def with_system_names(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    return {"system_names": names(site, "systems")}


def timeline(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    years: dict[str, list[dict]] = {}
    for event in rows(site, "timeline", ("date", "id")):
        years.setdefault(event["date"][:4], []).append(event)
    return {"years": sorted(years.items()), "section_continues": SECTION_CONTINUES}


def developer_label(system: dict[str, Any]) -> str:
    """"Google DeepMind", "GitHub (Microsoft), with OpenAI": the unit as it names
    itself, the organisation where that name does not say it, then any partners."""
    organisation, unit = system["developer"], system.get("unit")
    label = organisation if not unit else unit if unit.startswith(organisation) else f"{unit} ({organisation})"
    partners = system.get("partners", [])
    if partners:
        label += ", with " + (partners[0] if len(partners) == 1 else ", ".join(partners[:-1]) + " and " + partners[-1])
    return label


def systems(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    return {"developers": {s["id"]: developer_label(s) for s in site.records("systems")}}


def systems_by_output(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """Systems grouped by what they produce, in the order of the modality labels."""
    systems = rows(site, "systems", ("name", "id"))
    output_labels = site["systems"].labels("outputs")
    groups = [(o, [s for s in systems if o in s["outputs"]]) for o in output_labels]
    return {"groups": [(o, g) for o, g in groups if g], "output_labels": output_labels}


def myths(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    ordered = rows(site, "myths", ("order", "id"))
    return {**with_stances(site, config), "groups": [
        ("Claims from popular explainers", "from-explainers", [m for m in ordered if m.get("from_sources")]),
        ("Other common beliefs", "common-beliefs", [m for m in ordered if not m.get("from_sources")]),
    ]}


def faq(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    entries = site.records("faq")  # file order is the reading order within a topic
    topics = site["faq"].labels("topic")
    grouped = [(key, topics[key], [q for q in entries if q["topic"] == key]) for key in site["faq"].enum("topic")]
    return {"topics": [t for t in grouped if t[2]], **with_stances(site, config)}


def downloads(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    return {"datasets": [{"name": n, "description": site[n].schema.get("description", ""),
                          "count": len(site.records(n))} for n in site]}


def changes(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """Newest first."""
    return {"rows": sorted(site.records("changes"), key=lambda c: (c["date"], c["id"]), reverse=True)}


def with_stances(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    return {"stances": {s["id"]: s for s in site.records("stances")}}


# --- the question bank ----------------------------------------------------------------

LETTERS = "ABCDE"


def quiz_fragment_name(page: str) -> str:
    """quiz-concepts-relationship for concepts/relationship.md: the name a page includes."""
    return "quiz-" + page.removesuffix(".md").replace("/", "-")


def quiz_pages(site: SiteData) -> list[str]:
    """Pages with questions, in the order of the navigation's first appearance in the data."""
    return list(dict.fromkeys(q["page"] for q in site.records("quiz")))


def quiz_questions(site: SiteData, page: str) -> list[dict[str, Any]]:
    """A page's questions in file order, each with option letters and its right answer."""
    out = []
    for q in site.records("quiz"):
        if q["page"] != page:
            continue
        options = [{**o, "letter": LETTERS[i], "index": i} for i, o in enumerate(q["options"])]
        out.append({**q, "options": options, "right": next(o for o in options if o.get("correct"))})
    return out


def quiz_for(page: str):
    def context(site: SiteData, config: SiteConfig) -> dict[str, Any]:
        questions = quiz_questions(site, page)
        return {"questions": questions, "page_key": page.removesuffix(".md"),
                "section_titles": {q["section"]: section_title(site, config, q["section"]) for q in questions},
                **with_stances(site, config)}
    return context


RECORD_TITLE_FIELDS = ("name", "term", "question", "claim", "title", "task", "event")


# attr_list reads only the {#id} that ends the heading's line.
_EXPLICIT_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*\{#([^}\s]+)\}[ \t]*$", re.M)


def page_headings(path: Path) -> dict[str, str]:
    """{anchor: heading text} of a page's headings with an explicit {#id}; the first wins.
    Read once per version of the file: every question and link of a page asks."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _headings(str(path), (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))


@functools.lru_cache(maxsize=128)
def _headings(path: str, _version: tuple[int, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _EXPLICIT_HEADING.finditer(Path(path).read_text(encoding="utf-8")):
        found.setdefault(match.group(2), match.group(1))
    return found


def section_title(site: SiteData, config: SiteConfig, target: str) -> str:
    """Link text for `page.md#anchor`: the section's heading (or the record's name)
    and, after it, the page's title in the navigation."""
    page, _, anchor = target.partition("#")
    page_title = config.title(page)
    if not anchor:
        return page_title
    heading = page_headings(site.docs_dir / page).get(anchor)
    if heading is not None:
        heading = re.sub(r"^\d+\.\s+", "", heading)  # "3. May your data..." -> "May..."
    for name in site if heading is None else ():
        ds = site[name]
        if ds.anchor and anchor.startswith(ds.anchor["prefix"]):
            record = ds.by_id.get(anchor[len(ds.anchor["prefix"]):])
            if record and ds.anchor_page(record["id"]) == page:
                heading = next(record[f] for f in RECORD_TITLE_FIELDS + ("id",) if f in record)
                break
    if heading is None or heading == page_title:
        return page_title
    return f"{heading} ({page_title})"


def progress(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    """What the home page's progress panel lists: every page with questions."""
    from .links import site_link
    pages = [{"key": page.removesuffix(".md"), "title": config.title(page),
              "href": site_link(config.base_path, page, "check-your-understanding"),
              "questions": len(quiz_questions(site, page))} for page in quiz_pages(site)]
    return {"data": {"pages": pages}}


def starting_points(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """The decision guide's first step: for each kind of output, its tasks, their best fit and examples."""
    use_cases = site["use_cases"]
    groups = [(o, [u for u in use_cases.records if u["outputs"][0] == o]) for o in use_cases.enum("outputs")]
    return {"groups": [(o, tasks) for o, tasks in groups if tasks], "output_labels": use_cases.labels("outputs"),
            "best_labels": use_cases.labels("best"), "system_names": names(site, "systems")}


# --- datasets spread over pages (x-anchor page_by) and their index (x-anchor index) -----


def index_label(dataset: str, record: dict[str, Any]) -> str:
    """How an index names a record: a source by its short citation (its title is the
    cited work's), anything else by its name or title."""
    if dataset == "sources":
        return source_label(record)
    return next(record[f] for f in RECORD_TITLE_FIELDS if isinstance(record.get(f), str))


def anchor_index(dataset: str):
    """Every record of a dataset that lives on another page, under its own anchor, linking
    on to the page that holds it; and those pages, with how many records each holds
    (x-anchor index)."""
    def context(site: SiteData, config: SiteConfig) -> dict[str, Any]:
        ds, base = site[dataset], config.base_path
        entries = sorted(({"ids": [ds.anchor_id(i) for i in held_ids(r)], "href": record_link(base, ds, r["id"]),
                           "label": index_label(dataset, r)} for r in site.records(dataset)
                          if ds.anchor_page(r["id"]) != ds.index_page),  # those have their anchor here
                         key=lambda e: (e["label"].casefold(), e["ids"][0]))
        counts = Counter(ds.anchor_page(r["id"]) for r in site.records(dataset))
        page_by = ds.anchor.get("page_by")
        labels = ds.labels(page_by["field"]) if page_by else {}
        value_of: dict[str, str] = {}  # each page once, named by the first value that leads there
        for value, page in (page_by["pages"].items() if page_by else ()):
            value_of.setdefault(page, value)
        pages = [{"href": site_link(base, page), "label": labels.get(value, page), "count": counts[page]}
                 for page, value in value_of.items()]
        return {"entries": entries, "pages": pages}
    return context
