"""Data for the page scripts (docs/assets/site.js), from the same records as the tables.

The data goes into the page as JSON inside <script type="application/json">,
through Jinja's `tojson` filter, which escapes <, >, & and ' so no text a
maintainer types can end the script element early. Links are resolved here,
at build time, to real relative URLs, so the script never guesses an
address from a name.
"""

from __future__ import annotations

from typing import Any

from .config import SiteConfig
from .data import SiteData
from .fragments import overall_rating
from .links import site_link


def record_url(site: SiteData, config: SiteConfig, dataset: str, record_id: str) -> str:
    return site_link(config.base_path, site[dataset].anchor["page"], site[dataset].anchor_id(record_id))


def chooser(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    """Everything the use-case chooser needs."""
    systems = {s["id"]: s for s in site.records("systems")}
    use_cases = site["use_cases"]
    tasks = [{"id": u["id"], "task": u["task"], "outputs": u["outputs"], "best": u["best"],
              "reason": u["reason"], "ratings": {**u["ratings"], "overall": overall_rating(site, u["ratings"])},
              "href": record_url(site, config, "use_cases", u["id"]),
              "examples": [{"name": systems[e]["name"], "href": record_url(site, config, "systems", e)}
                           for e in u["examples"]]}
             for u in use_cases.records]
    outputs = [o for o in use_cases.enum("outputs") if any(o in u["outputs"] for u in use_cases.records)]
    output_labels = use_cases.labels("outputs")
    return {"data": {"tasks": tasks, "outputs": outputs, "families": use_cases.labels("best"),
                     "output_labels": {o: output_labels[o] for o in outputs}}}


def catalogue(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """Per-system facts the catalogue filters use, keyed by the row's anchor id."""
    systems = site["systems"]
    rows = {systems.anchor_id(s["id"]): {"llm": s["llm"], "open_weights": s["open_weights"],
                                         "developer": s["developer"],
                                         "modalities": sorted(set(s["inputs"]) | set(s["outputs"]))}
            for s in systems.records}
    return {"data": {"rows": rows, "llm": systems.labels("llm"), "open_weights": systems.labels("open_weights")}}
