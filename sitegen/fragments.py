"""Computed values for page fragments whose template needs more than sorted rows.

Each function takes the validated data and the site configuration and
returns extra template variables. Outputs that only list a dataset's rows
declare that in sitegen/outputs.py and need nothing here.
"""

from __future__ import annotations

import json
from typing import Any

from .config import SiteConfig
from .data import SiteData
from .render import rows


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
    return {"years": sorted(years.items())}


def systems_by_output(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    """Systems grouped by what they produce, in the order of the modality labels."""
    systems = rows(site, "systems", ("name", "id"))
    output_labels = site["systems"].labels("outputs")
    groups = [(o, [s for s in systems if o in s["outputs"]]) for o in output_labels]
    return {"groups": [(o, g) for o, g in groups if g], "output_labels": output_labels}


def myths(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    ordered = rows(site, "myths", ("order", "id"))
    return {"groups": [
        ("Claims from popular explainers", "from-explainers", [m for m in ordered if m.get("from_sources")]),
        ("Other common beliefs", "common-beliefs", [m for m in ordered if not m.get("from_sources")]),
    ]}


def faq(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    entries = site.records("faq")  # file order is the reading order within a topic
    topics = site["faq"].labels("topic")
    grouped = [(key, title, [q for q in entries if q["topic"] == key]) for key, title in topics.items()]
    jsonld = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": q["question"], "acceptedAnswer": {"@type": "Answer", "text": q["answer"]}}
        for q in entries]}
    return {"topics": [t for t in grouped if t[2]], "jsonld": jsonld}


def downloads(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    return {"datasets": [{"name": n, "description": site[n].schema.get("description", ""),
                          "count": len(site.records(n))} for n in site]}
