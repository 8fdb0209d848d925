"""Size and speed figures for the site, printed as a table (a benchmark, not a test).

Measures, on a fresh build:
- build time: generator + `mkdocs build --strict`;
- per page: HTML size, Flesch-Kincaid grade of the prose, and what a reader
  downloads (gzip, as GitHub Pages serves it): on a first visit with an empty
  cache (HTML + CSS + JS + fonts + images the browser actually requested), and
  on a repeat visit, when the assets of an earlier page are already cached;
- the search index size.

Budgets: first visit <= 90 KiB, repeat visit <= 25 KiB per page. The figures
are written between the bench markers in README.md. Needs /usr/bin/chromium.

    python scripts/bench.py            # print and update README.md
    python scripts/bench.py --no-write # print only
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

from . import readability, stable_links
from .build import build_site
from .sitecheck import target_file

ROOT = Path.cwd()

FIRST_VISIT_BUDGET = 90 * 1024
REPEAT_VISIT_BUDGET = 25 * 1024
SUBPATH = "/genai-vs-llm/"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kib(n: float) -> str:
    return f"{n / 1024:.1f}"


def build(site: Path) -> float:
    start = time.perf_counter()
    result = build_site(ROOT, site)
    if result.returncode:
        raise SystemExit(result.stderr)
    return time.perf_counter() - start


def page_urls(site: Path) -> list[str]:
    """Content pages (redirect stubs left out), home first: later pages reuse its cached assets."""
    pages, _ = stable_links.scan(site)
    return sorted(pages, key=lambda u: (u != "", u))


def measure(site: Path) -> list[dict]:
    from .browser import launch
    from .pages_server import serve
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site, SUBPATH) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        home_assets: set[str] = set()
        for url in page_urls(site):
            context = browser.new_context()  # empty cache for each first visit
            page = context.new_page()
            requested: list[str] = []
            page.on("requestfinished", lambda r: requested.append(r.url.split("#")[0]))
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            context.close()
            files = {u: target_file(site, u, base) for u in dict.fromkeys(requested) if u.startswith(base)}
            sizes = {u: gz(p.read_bytes()) for u, p in files.items() if p.is_file()}
            if url == "":
                home_assets = {u for u in sizes if not u.endswith("/")}
            html_path = target_file(site, base + url, base)
            html = html_path.read_bytes()
            grade, words = readability.page_grade(html.decode("utf-8"))
            rows.append({
                "page": "/" + url, "html": len(html), "html_gz": gz(html),
                "first": sum(sizes.values()),
                "repeat": sum(s for u, s in sizes.items() if u not in home_assets),
                "requests": len(sizes), "grade": grade, "words": words,
            })
        browser.close()
    return rows


def report(rows: list[dict], build_seconds: float, site: Path) -> str:
    index = site / "search" / "search_index.json"
    lines = [
        f"Build (generate + strict build): {build_seconds:.1f} s. "
        f"Search index: {kib(index.stat().st_size)} KiB, {kib(gz(index.read_bytes()))} KiB gzip "
        "(fetched only when search is used).",
        "",
        "| Page | HTML KiB | HTML gzip KiB | First visit KiB (gzip) | Repeat visit KiB (gzip) | Requests | FK grade |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        first = kib(r["first"]) + ("" if r["first"] <= FIRST_VISIT_BUDGET else " OVER")
        repeat = kib(r["repeat"]) + ("" if r["repeat"] <= REPEAT_VISIT_BUDGET else " OVER")
        grade = f"{r['grade']:.1f}" if r["words"] >= 100 else "-"
        lines.append(f"| `{r['page']}` | {kib(r['html'])} | {kib(r['html_gz'])} | {first} | {repeat} | "
                     f"{r['requests']} | {grade} |")
    worst_first = max(rows, key=lambda r: r["first"])
    worst_repeat = max(rows, key=lambda r: r["repeat"])
    over = sum(r["first"] > FIRST_VISIT_BUDGET or r["repeat"] > REPEAT_VISIT_BUDGET for r in rows)
    lines += ["", f"Largest first visit: `{worst_first['page']}` {kib(worst_first['first'])} KiB "
              f"(budget {kib(FIRST_VISIT_BUDGET)}). Largest repeat visit: `{worst_repeat['page']}` "
              f"{kib(worst_repeat['repeat'])} KiB (budget {kib(REPEAT_VISIT_BUDGET)}). "
              f"Pages over budget: {over} of {len(rows)}."]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    head, _, rest = content.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave README.md alone")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        seconds = build(site)
        text = report(measure(site), seconds, site)
    print(text)
    if not args.no_write:
        write_readme(text)
        print("\n(README.md updated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
