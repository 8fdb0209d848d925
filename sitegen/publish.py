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

import jinja2

from .config import SiteConfig
from .data import SiteData
from .links import depth_prefix, page_url
from .render import COMMAND, TEMPLATE_DIR, File

DOWNLOADS = "docs/downloads"


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


def _redirect_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), undefined=jinja2.StrictUndefined,
                              autoescape=True, keep_trailing_newline=True)


def redirect_page(record: dict[str, Any]) -> Callable[[SiteData, SiteConfig], str]:
    def text(_site: SiteData, config: SiteConfig) -> str:
        target = depth_prefix(record["from"]) + page_url(record["to"])
        return _redirect_environment().get_template("redirect.html.j2").render(
            target=target, title=config.title(record["to"]), reason=record["reason"],
            canonical=config.site_url + page_url(record["to"]))
    return text


def downloads_and_redirects(site: SiteData) -> list[File]:
    """One JSON and one CSV file per dataset, one page per redirect record."""
    files = []
    for name in site:
        files.append(File(f"{DOWNLOADS}/{name}.json", (name,), dataset_json(name)))
        files.append(File(f"{DOWNLOADS}/{name}.csv", (name,), dataset_csv(name)))
    for record in site.records("redirects") if "redirects" in site else []:
        files.append(File(f"docs/{record['from']}index.html", ("redirects",), redirect_page(record),
                          template="redirect.html.j2"))
    return files
