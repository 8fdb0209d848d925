"""The public addresses instructors may have linked to, and whether a build keeps them.

`stable-links.txt` (committed) lists every page URL and every anchor readers
can link to: section headings, FAQ questions, glossary terms, and the row
anchors of every dataset whose schema declares an `x-anchor` (#diff-, #sys-,
#use-, #src-, ...). A build must keep each one, either as is or through a
redirect in data/redirects.yaml (a redirect keeps the #anchor, so the target
page must have it).

    python -m sitegen links --site site --write   # after adding pages or anchors
    python -m sitegen links --site site           # check; exit 1 listing lost links
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from .data import SiteData
from .links import page_url

MANIFEST_NAME = "stable-links.txt"


def row_anchor_prefixes(site: SiteData) -> tuple[str, ...]:
    """Anchor prefixes of table rows, as the schemas declare them (x-anchor)."""
    return tuple(sorted({site[n].anchor["prefix"] for n in site if site[n].anchor and site[n].anchor["prefix"]}))


def record_anchors(site: SiteData) -> set[str]:
    """'/page/#anchor' of every record of every dataset with an x-anchor."""
    found = set()
    for name in site:
        ds = site[name]
        if ds.anchor:
            found |= {f"/{page_url(ds.anchor_page(r['id']))}#{ds.anchor_id(r['id'])}" for r in site.records(name)}
    return found


class _Anchors(HTMLParser):
    """Ids inside the article that are meant as link targets."""

    def __init__(self, prefixes: tuple[str, ...] = ()):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.ids: set[str] = set()
        self.all_ids: set[str] = set()  # every id on the page: any of them keeps a #link working
        self.redirect = False
        self.row_anchor = re.compile("^(" + "|".join(map(re.escape, prefixes)) + ")") if prefixes else None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.redirect = True
        if tag == "article":
            self.in_article += 1
        anchor = attrs.get("id") or ""
        if anchor:
            self.all_ids.add(anchor)
        if not self.in_article or not anchor or anchor.startswith("__"):
            return
        if re.fullmatch(r"h[1-6]", tag) or tag == "details" or (self.row_anchor and self.row_anchor.match(anchor)):
            self.ids.add(anchor)

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1


def scan(site: Path, prefixes: tuple[str, ...] = (), every_id: bool = False) -> tuple[dict[str, set[str]], set[str]]:
    """(anchors by page URL, redirect page URLs) of a built site.

    Anchors are the ids meant as link targets (headings, answers, table rows
    with a known prefix), or with `every_id` any id on the page."""
    pages, redirects = {}, set()
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        parser = _Anchors(prefixes)
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.redirect:
            redirects.add(url)
        else:
            pages[url] = parser.all_ids if every_id else parser.ids
    return pages, redirects


def manifest_lines(site: Path, prefixes: tuple[str, ...]) -> list[str]:
    pages, _ = scan(site, prefixes)
    lines = {f"/{url}" for url in pages}
    lines |= {f"/{url}#{anchor}" for url, ids in pages.items() for anchor in ids}
    return sorted(lines)


def redirect_map(site_data: SiteData) -> dict[str, str]:
    """Redirect source URL -> target URL, from data/redirects.yaml."""
    return {r["from"]: page_url(r["to"]).split("#")[0] for r in site_data.records("redirects")}


def lost_links(lines: list[str], site: Path, redirects: dict[str, str]) -> list[str]:
    """Manifest entries the built site no longer serves, directly or through a redirect."""
    pages, redirect_pages = scan(site, every_id=True)
    lost = []
    for line in lines:
        url, _, anchor = line.removeprefix("/").partition("#")
        if url not in pages:
            if url in redirects and url in redirect_pages:
                url = redirects[url]
            else:
                lost.append(f"{line}: page gone and no redirect in data/redirects.yaml")
                continue
        if url not in pages:
            lost.append(f"{line}: redirect target {url} does not exist")
        elif anchor and anchor not in pages[url]:
            lost.append(f"{line}: anchor #{anchor} gone from {url or 'the home page'}")
    return lost


def read_manifest(path: Path) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


HEADER = ("# Public links that must keep working (pages and #anchors). Never delete a line:\n"
          "# add a redirect in data/redirects.yaml instead. Update: make links\n")


def write_manifest(path: Path, site: Path, site_data: SiteData) -> int:
    kept = set(read_manifest(path)) if path.exists() else set()
    lines = sorted(kept | set(manifest_lines(site, row_anchor_prefixes(site_data))))
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def check(path: Path, site: Path, site_data: SiteData, err=sys.stderr) -> int:
    lost = lost_links(read_manifest(path), site, redirect_map(site_data))
    for line in lost:
        print(line, file=err)
    return 1 if lost else 0
