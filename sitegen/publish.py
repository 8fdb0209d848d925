"""Files for readers to take away or be sent on by: data downloads and redirect pages.

Downloads are written to docs/downloads/ and redirect pages to
docs/<old path>/index.html, so every engine copies them into the site as
plain static files: nothing depends on one engine's plugins or hooks.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable

from . import diagrams, fragments
from .config import SiteConfig
from .data import SiteData
from .links import depth_prefix, page_url
from .render import COMMAND, File, template_environment

DOWNLOADS = "docs/downloads"
# What marks a built page as one of the redirect pages (redirect.html.j2): a
# page that sends readers on, so there is nothing to finish or keep offline.
REDIRECT_MARK = 'http-equiv="refresh"'


def is_redirect_page(html: str) -> bool:
    return REDIRECT_MARK in html[:2000]  # it is in the head


def _columns(site: SiteData, name: str) -> list[str]:
    """Column order for downloads: the schema's property order."""
    return list(site[name].schema.get("items", {}).get("properties", {}))


def dataset_json(name: str) -> Callable[[SiteData, SiteConfig], str]:
    def text(site: SiteData, _config: SiteConfig) -> str:
        return json.dumps({
            "dataset": name, "description": site[name].schema.get("description", ""),
            "licence": "CC BY 4.0", "generated_from": f"data/{name}.yaml", "regenerate": COMMAND,
            "records": sorted(site.records(name), key=lambda r: r["id"]),
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


def dataset_csv(name: str) -> Callable[[SiteData, SiteConfig], str]:
    def text(site: SiteData, _config: SiteConfig) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = _columns(site, name)
        writer.writerow(columns)
        for record in sorted(site.records(name), key=lambda r: r["id"]):
            writer.writerow([_csv_cell(record.get(c, "")) for c in columns])
        return buffer.getvalue()
    return text


def redirect_page(record: dict[str, Any]) -> Callable[[SiteData, SiteConfig], str]:
    def text(_site: SiteData, config: SiteConfig) -> str:
        target = depth_prefix(record["from"]) + page_url(record["to"])
        return template_environment().get_template("redirect.html.j2").render(
            target=target, title=config.title(record["to"]), reason=record["reason"],
            canonical=config.site_url + page_url(record["to"]))
    return text


def atom_feed(site: SiteData, config: SiteConfig) -> str:
    """What's new as an Atom feed, so instructors can follow updates in a feed reader."""
    env = template_environment(trim_blocks=True, lstrip_blocks=True)
    changes = fragments.changes(site, config)["rows"]
    return env.get_template("feed.xml.j2").render(config=config, changes=changes, updated=changes[0]["date"])


def standalone_diagram(name: str, context: Callable[[SiteData, SiteConfig], dict[str, Any]]
                       ) -> Callable[[SiteData, SiteConfig], str]:
    """A diagram as its own SVG file, with its styles inside, for slides and handouts."""
    def text(site: SiteData, config: SiteConfig) -> str:
        from .render import make_environment
        env = make_environment(site, config)
        return env.get_template(f"{name}.svg.j2").render(standalone=True, **context(site, config))
    return text


DIAGRAMS = {"nesting": ("fields", diagrams.nesting), "timeline": ("timeline", diagrams.timeline)}


def downloads_and_redirects(site: SiteData) -> list[File]:
    """One JSON and one CSV file per dataset, one page per redirect record."""
    files = []
    for name in site:
        files.append(File(f"{DOWNLOADS}/{name}.json", (name,), dataset_json(name)))
        files.append(File(f"{DOWNLOADS}/{name}.csv", (name,), dataset_csv(name)))
    if "quiz" in site:
        from . import lms
        files.append(File(f"{DOWNLOADS}/quiz.moodle.xml", ("quiz",), lms.moodle_xml))
        files.append(File(f"{DOWNLOADS}/quiz.gift.txt", ("quiz",), lms.gift))
    for name, (dataset, context) in DIAGRAMS.items():
        if dataset in site:
            files.append(File(f"{DOWNLOADS}/{name}-diagram.svg", (dataset,), standalone_diagram(name, context),
                              template=f"{name}.svg.j2"))
    if "changes" in site:
        files.append(File("docs/feed.xml", ("changes",), atom_feed, template="feed.xml.j2"))
    for record in site.records("redirects") if "redirects" in site else []:
        files.append(File(f"docs/{record['from']}index.html", ("redirects",), redirect_page(record),
                          template="redirect.html.j2"))
    return files
