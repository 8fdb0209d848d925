"""Data for the page scripts (docs/assets/site.js), from the same records as the tables.

The data goes into the page as JSON inside <script type="application/json">,
through Jinja's `tojson` filter, which escapes <, >, & and ' so no text a
maintainer types can end the script element early. Links are resolved here,
at build time, to real relative URLs, so the script never guesses an
address from a name.

The use-case chooser's page holds only what draws its form; the
recommendations (30 KB of tasks, advice and systems, a fifth of the page
gzipped) are a file of their own, docs/widgets/chooser.json, which the script
fetches once a reader starts to use the form. Its address carries a hash of
its text, so a browser never pairs a new page with an old file.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .config import SiteConfig
from .data import SiteData
from .checks import system_kind
from .fragments import developer_label, overall_rating, section_title
from .links import file_link, record_link, site_link

CHOOSER_FILE = "widgets/chooser.json"  # under docs/; written by the generator (outputs.FILES)


def record_url(site: SiteData, config: SiteConfig, dataset: str, record_id: str) -> str:
    return record_link(config.base_path, site[dataset], record_id)


def target_link(site: SiteData, config: SiteConfig, target: str) -> dict[str, str]:
    """`page.md#anchor` as a link the script can show: its URL and its section's title."""
    page, _, anchor = target.partition("#")
    return {"href": site_link(config.base_path, page, anchor), "title": section_title(site, config, target)}


def chooser_system(site: SiteData, config: SiteConfig, system: dict[str, Any]) -> dict[str, Any]:
    """What a recommendation needs to know about one system to list and rank it."""
    return {"id": system["id"], "name": system["name"], "href": record_url(site, config, "systems", system["id"]),
            "kind": system_kind(system), "outputs": system["outputs"],
            "open_weights": system["open_weights"] == "yes", "small": system.get("small", False),
            "agent": system["kind"] == "agent"}


def chooser_recommendations(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    """Everything the use-case chooser's recommendations need: tasks, the decision
    guide's questions (data/choices.yaml) and the systems it may suggest."""
    systems = {s["id"]: s for s in site.records("systems")}
    use_cases = site["use_cases"]
    tasks = [{"id": u["id"], "task": u["task"], "outputs": u["outputs"], "best": u["best"],
              "reason": u["reason"], "watch": u["watch"],
              "ratings": {**u["ratings"], "overall": overall_rating(site, u["ratings"])},
              "href": record_url(site, config, "use_cases", u["id"]),
              "examples": u["examples"],
              "also": [{"system": a["system"], "reason": a["reason"]} for a in u.get("also", [])],
              "learn": [target_link(site, config, t) for t in u["learn"]]}
             for u in use_cases.records]
    questions = [{"id": c["id"], "question": c["question"], "why": target_link(site, config, c["section"]),
                  "options": [{"value": o["value"], "label": o["label"], "advice": o.get("advice", ""),
                               "prefer": o.get("prefer", ""),
                               "links": [target_link(site, config, t) for t in o.get("links", [])]}
                              for o in c["options"]]}
                 for c in sorted(site.records("choices"), key=lambda c: (c["order"], c["id"]))]
    outputs = [o for o in use_cases.enum("outputs") if any(o in u["outputs"] for u in use_cases.records)]
    output_labels = use_cases.labels("outputs")
    return {"tasks": tasks, "questions": questions, "outputs": outputs, "families": use_cases.labels("best"),
            "output_labels": {o: output_labels[o] for o in outputs},
            "systems": {sid: chooser_system(site, config, s) for sid, s in sorted(systems.items())}}


def _json_text(recommendations: dict[str, Any]) -> str:
    return json.dumps(recommendations, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def chooser_json(site: SiteData, config: SiteConfig) -> str:
    """The recommendations file (docs/widgets/chooser.json)."""
    return _json_text(chooser_recommendations(site, config))


def chooser(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    """What the chooser's form needs at once (outputs, task names, the questions and
    their options), and the address of the rest (`src`)."""
    full = chooser_recommendations(site, config)
    version = hashlib.sha256(_json_text(full).encode()).hexdigest()[:8]
    return {"data": {"outputs": full["outputs"], "output_labels": full["output_labels"],
                     "tasks": [{"id": t["id"], "task": t["task"], "outputs": t["outputs"]} for t in full["tasks"]],
                     "questions": [{"id": q["id"], "question": q["question"],
                                    "options": [{"value": o["value"], "label": o["label"]} for o in q["options"]]}
                                   for q in full["questions"]],
                     "src": f"{file_link(config.base_path, CHOOSER_FILE)}?v={version}"}}


def catalogue(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """Per-system facts the catalogue's filters use, keyed by the row's anchor id,
    and the labels of every filter value; of one catalogue page's systems (the
    generator renders it once per page x-anchor spreads the systems over)."""
    systems = site["systems"]
    rows = {systems.anchor_id(s["id"]): {"id": s["id"], "name": s["name"], "llm": s["llm"], "open_weights": s["open_weights"],
                                         "developer": s["developer"], "developer_label": developer_label(s),
                                         "reads": s["inputs"], "makes": s["outputs"]}
            for s in systems.records}
    used = {m for s in systems.records for m in s["inputs"] + s["outputs"]}
    modalities = {m: label for m, label in systems.labels("inputs").items() if m in used}
    developers = sorted({s["developer"] for s in systems.records}, key=str.casefold)

    def present(field: str) -> dict[str, str]:  # a filter offers only values the page's rows hold
        return {value: label for value, label in systems.labels(field).items()
                if any(s[field] == value for s in systems.records)}
    return {"data": {"rows": rows, "llm": present("llm"), "open_weights": present("open_weights"),
                     "modalities": modalities, "developers": developers}}
