"""What a built page requests and links to, resolved against the site's own origin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .htmlscan import Element

# Attributes that make the browser fetch something when the page loads.
FETCHING = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
    "video": "src", "track": "src", "embed": "src", "object": "data", "image": "href", "use": "href",
}
# <link rel=...> values that are links for machines, not requests the page makes.
# "expect" names an element of the page itself (render-blocking until it is parsed).
NON_FETCHING_LINK_RELS = {"canonical", "alternate", "license", "author", "help", "search", "sitemap", "expect"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")


def requested_urls(doc: Element) -> list[str]:
    """URLs the browser fetches to render this page (scripts, styles, images, frames)."""
    urls = []
    for el in doc.iter():
        attr = FETCHING.get(el.tag)
        if attr and el.attrs.get(attr):
            urls.append(el.attrs[attr])
        if el.tag == "link" and el.attrs.get("href"):
            rels = set(el.attrs.get("rel", "").lower().split())
            if not rels <= NON_FETCHING_LINK_RELS:
                urls.append(el.attrs["href"])
        if el.tag == "style":
            urls += css_urls(el.text())
        if "style" in el.attrs:
            urls += css_urls(el.attrs["style"])
    return urls


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def is_third_party(url: str, own_origin: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return False
    if not parts.scheme and not parts.netloc:
        return False  # relative to this site
    return f"{parts.scheme or 'https'}://{parts.netloc}" != own_origin


def site_path(site: Path, path: Path) -> str:
    """Address of a built HTML file under the site root: compare/x/index.html -> compare/x/."""
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def page_url(site: Path, path: Path, base: str) -> str:
    return urljoin(base, site_path(site, path))


def target_file(site: Path, url: str, base: str) -> Path | None:
    """The built file a same-site URL points to, or None if it leaves the site."""
    if not url.startswith(base):
        return None
    rel = urlsplit(url).path[len(urlsplit(base).path):]
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path
