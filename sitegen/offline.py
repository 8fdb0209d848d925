"""Offline reading: a service worker that precaches the built site.

Written by the finishing step, after the engine, so it lists the very files
the engine produced (any engine). The worker lives at the site's root (so its
scope is the site's path, /genai-vs-llm/ on GitHub Pages) and its version is
a hash of every precached file, so any change to the site makes browsers
install the new version and drop the old cache. Source maps, the data
downloads, the feed and other languages' search files are left out: they are
not needed to read the guide. The sitemap stays: the theme fetches it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .publish import is_redirect_page
from .render import template_environment, write_if_changed

WORKER = "sw.js"
LEFT_OUT_SUFFIXES = (".map", ".gz", ".csv")
LEFT_OUT_FILES = ("feed.xml",)  # read by feed readers, not by pages
LEFT_OUT_FOLDERS = ("downloads/", "assets/javascripts/lunr/")


def precached(site: Path) -> list[str]:
    """Site-relative paths of the files a reader needs offline, in a stable order."""
    files = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel == WORKER or rel in LEFT_OUT_FILES or rel.startswith(LEFT_OUT_FOLDERS) \
                or rel.endswith(LEFT_OUT_SUFFIXES):
            continue
        if rel.endswith(".html") and is_redirect_page(path.read_text(encoding="utf-8")):
            continue
        files.append(rel)
    return files


def worker_text(site: Path) -> str:
    files = precached(site)
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + (site / rel).read_bytes())
    env = template_environment(autoescape=False)  # JavaScript, not HTML
    # Pages are listed by their directory address, as readers request them.
    urls = [rel.removesuffix("index.html") or "./" for rel in files]
    return env.get_template("sw.js.j2").render(version=digest.hexdigest()[:16], files=urls)


def write_worker(site: Path) -> bool:
    return write_if_changed(site / WORKER, worker_text(site))
