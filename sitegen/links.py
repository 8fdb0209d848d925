"""Addresses of pages and records in generated HTML and JSON.

Generated fragments are raw HTML inside Markdown. Engines treat relative
links there differently: MkDocs leaves them as they are, while Zensical
re-bases them as if they were relative to the Markdown file. A link that
starts at the site's own path (/genai-vs-llm/compare/systems/#sys-x, from
site_url) means the same to every engine and to the browser, so generated
links take that form. The project's link tests check every one of them in
the built site.
"""

from __future__ import annotations

import posixpath


def page_url(page: str) -> str:
    """URL path under the site root of a docs page: compare/x.md -> compare/x/, index.md -> ''."""
    page, _, anchor = page.partition("#")
    if page == "index.md" or page.endswith("/index.md"):
        url = page.removesuffix("index.md")
    else:
        url = page.removesuffix(".md") + "/"
    return url + (f"#{anchor}" if anchor else "")


def _with_anchor(path: str, anchor: str) -> str:
    return f"{path}#{anchor}" if anchor else path


def site_link(base_path: str, to_page: str, anchor: str = "") -> str:
    """The URL of a docs page (and anchor) from the site's root: /genai-vs-llm/compare/systems/#sys-x."""
    return _with_anchor(base_path + page_url(to_page), anchor)


def record_link(base_path: str, dataset, record_id: str) -> str:
    """The URL of a record's anchor: page and prefix from its dataset's x-anchor."""
    return site_link(base_path, dataset.anchor_page(record_id), dataset.anchor_id(record_id))


def depth_prefix(url_path: str) -> str:
    """'../' repeated to climb from a URL folder (compare/old/) back to the site root."""
    return "../" * url_path.strip("/").count("/") + ("../" if url_path.strip("/") else "")


def file_link(base_path: str, path: str) -> str:
    """The URL of a static file under docs/ (downloads/x.json) from the site's root."""
    return base_path + path
