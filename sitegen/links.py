"""Addresses of pages and records, written relative to the page that shows them.

Every engine (MkDocs, ProperDocs, Zensical) resolves a relative `.md` link
in Markdown the same way, while only MkDocs understands links that start at
the docs root. So generated Markdown links are relative `.md` paths, and
generated HTML or JSON (which no engine rewrites) carries the final
directory URL, relative too, so the site works under any sub-path.
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


def md_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one docs page to another: systems.md#sys-x."""
    if to_page == from_page:
        return f"#{anchor}" if anchor else posixpath.basename(to_page)
    rel = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return _with_anchor(rel, anchor)


def url_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A built-site URL from one page to another, relative: ../systems/#sys-x."""
    if to_page == from_page and anchor:
        return f"#{anchor}"
    here, there = page_url(from_page), page_url(to_page)
    rel = posixpath.relpath(there or ".", here or ".")
    rel = "./" if rel == "." else rel + "/"
    return _with_anchor(rel, anchor)


def depth_prefix(url_path: str) -> str:
    """'../' repeated to climb from a URL folder (compare/old/) back to the site root."""
    return "../" * url_path.strip("/").count("/") + ("../" if url_path.strip("/") else "")
