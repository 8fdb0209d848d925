"""The public addresses instructors may have linked to, and whether a build keeps them.

`stable-links.txt` (committed) lists every page URL and every anchor readers
can link to: section headings, FAQ questions, glossary terms, table rows
(#diff-, #sys-, #use-, #arch-), timeline events and sources. A build must keep
each one, either as is or through a redirect in data/redirects.yaml (a
redirect keeps the #anchor, so the target page must have it).

    python scripts/stable_links.py --site site --write   # after adding pages or anchors
    python scripts/stable_links.py --site site           # check; exit 1 listing lost links
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_tables  # noqa: E402

ROOT = build_tables.ROOT
MANIFEST = ROOT / "stable-links.txt"
ROW_ANCHOR = re.compile(r"^(diff|sys|use|arch|src|ev)-")


class _Anchors(HTMLParser):
    """Ids inside the article that are meant as link targets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.ids: set[str] = set()
        self.redirect = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.redirect = True
        if tag == "article":
            self.in_article += 1
        anchor = attrs.get("id") or ""
        if not self.in_article or not anchor or anchor.startswith("__"):
            return
        if re.fullmatch(r"h[1-6]", tag) or tag == "details" or ROW_ANCHOR.match(anchor):
            self.ids.add(anchor)

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1


def scan(site: Path) -> tuple[dict[str, set[str]], set[str]]:
    """(anchors by page URL, redirect page URLs) of a built site."""
    pages, redirects = {}, set()
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.redirect:
            redirects.add(url)
        else:
            pages[url] = parser.ids
    return pages, redirects


def manifest_lines(site: Path) -> list[str]:
    pages, _ = scan(site)
    lines = {f"/{url}" for url in pages}
    lines |= {f"/{url}#{anchor}" for url, ids in pages.items() for anchor in ids}
    return sorted(lines)


def redirect_map(root: Path = ROOT) -> dict[str, str]:
    """Redirect source URL -> target URL, from data/redirects.yaml."""
    records = build_tables.sitedata.load_all(root / "data")["redirects"].records
    return {r["from"]: build_tables.page_url(r["to"]).split("#")[0] for r in records}


def lost_links(lines: list[str], site: Path, redirects: dict[str, str]) -> list[str]:
    """Manifest entries the built site no longer serves, directly or through a redirect."""
    pages, redirect_pages = scan(site)
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


def read_manifest(path: Path = MANIFEST) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--write", action="store_true", help="add every current link to the manifest")
    args = parser.parse_args(argv)
    if args.write:
        kept = set(read_manifest()) if MANIFEST.exists() else set()
        lines = sorted(kept | set(manifest_lines(args.site)))
        header = "# Public links that must keep working (pages and #anchors). Never delete a line:\n" \
                 "# add a redirect in data/redirects.yaml instead. Update: make links\n"
        MANIFEST.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"{MANIFEST.name}: {len(lines)} links")
        return 0
    lost = lost_links(read_manifest(), args.site, redirect_map())
    for line in lost:
        print(line, file=sys.stderr)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
