"""`make bench`: speed, size and first-paint figures, each beside a reference measured in the same run.

A benchmark, not a test: it prints a report (and writes it into README.md
between the bench markers) and never fails on a figure. It measures:

1. **Build time** in CPU seconds (user + system, the generator, the engine and
   the finishing step together, in a fresh interpreter as `make build` runs
   it), for every engine, on today's data and on a synthetic copy with every
   list dataset ten times larger. Median of interleaved runs. The reference is
   the tree issue 9 measured (REFERENCE_COMMIT, from git), built and grown the
   same way in the same run: CPU-seconds drift by a third between runs here.
2. **Page weight**, per page of the deploying engine's site: what a reader
   downloads (gzip, as GitHub Pages serves it) on a first visit with an empty
   cache, and on a repeat visit when an earlier page's assets are cached.
   Budgets: 90 KiB and 25 KiB. The other engines' largest pages are reported.
3. **First paint**, per page, in Debian Chromium with mobile emulation (4x CPU
   slowdown, slow-4G network shaping through the DevTools protocol): First
   Contentful Paint, Largest Contentful Paint, Total Blocking Time (from a
   trace of the main thread, see blocking_ms) and layout
   shift, against a plain-HTML page holding the same article text (the
   floor). Median of interleaved runs, each with an empty cache. Both are
   served gzip-compressed, as GitHub Pages serves them (sitegen.pages_server).

    python -m sitegen.bench                 # everything; updates README.md
    python -m sitegen.bench --no-write      # print only
    python -m sitegen.bench --runs 3 --skip-paint
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import readability, stable_links
from .build import ENGINES, ENGINES_HOME, build_command, engine_config, engine_environment
from .config import PROJECT_INPUTS
from .sitecheck import target_file

ROOT = Path.cwd()
DEPLOY_ENGINE = "mkdocs"  # must match DEPLOY_ENGINE in .github/workflows/pages.yml (a test checks)
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

FIRST_VISIT_BUDGET = 90 * 1024
REPEAT_VISIT_BUDGET = 25 * 1024
FCP_RATIO_TARGET = 1.3
TBT_TARGET_MS = 50
CLS_TARGET = 0.01
BUILD_TARGET_X1 = 1.2  # CPU seconds
BUILD_TARGET_X10 = 8.0
SCALE = 10
# The tree issue 9 measured (1.8 s at x1, 15.6 s at x10 on the machine it was filed from), and its
# `make build`: the generator script, then MkDocs (whose hook generated everything again).
REFERENCE_COMMIT = "2207457"
REFERENCE = "reference"
REFERENCE_BUILD = "{python} scripts/build_tables.py && {python} -m mkdocs build --strict --quiet --site-dir site"

# Lighthouse's mobile profile with applied ("DevTools") throttling: slow 4G and a 4x slower CPU.
NETWORK = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
           "uploadThroughput": 675 * 1024 / 8}
CPU_SLOWDOWN = 4
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
          "has_touch": True}
SETTLE_MS = 2500  # how long after `load` long tasks and layout shifts are still counted

# Collects paint timings and layout shifts from the first byte on. Blocking time comes from a
# trace (blocking_ms): Chromium's `longtask` entries leave out tasks that only style, lay out
# and paint, which are most of a page load here (Chromium 156 reported none at all).
OBSERVE = """
window.__perf = {lcp: 0, cls: 0};
new PerformanceObserver(l => l.getEntries().forEach(e => { window.__perf.lcp = e.startTime; }))
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__perf.cls += e.value; }))
  .observe({type: 'layout-shift', buffered: true});
"""
COLLECT = """() => {
  const fcp = (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime;
  return {fcp, lcp: window.__perf.lcp || fcp, cls: window.__perf.cls};
}"""
# Trace categories: "toplevel" holds every task the renderer's main thread runs, "loading" the
# first-contentful-paint mark. Nothing more, so tracing itself costs little.
TRACE_CATEGORIES = ["toplevel", "loading"]
TASK_EVENT = "ThreadControllerImpl::RunTask"
FCP_EVENT = "firstContentfulPaint"
LONG_TASK_MS = 50
TRACE_WAIT_MS = 10_000  # for the end of a trace, which arrives in well under a second


def blocking_ms(events: list[dict]) -> float:
    """Total Blocking Time, as Lighthouse computes it from a trace: each top-level task of
    the page's main thread, clipped to start no earlier than first contentful paint, counts
    its time beyond 50 ms. The page's main thread is the one that marked the paint."""
    fcp = next((e for e in events if e.get("name") == FCP_EVENT), None)
    if fcp is None:
        return 0.0
    thread = (fcp["pid"], fcp["tid"])
    tasks = sorted(((e["ts"], e["ts"] + e["dur"]) for e in events
                    if e.get("name") == TASK_EVENT and e.get("ph") == "X" and (e["pid"], e["tid"]) == thread),
                   key=lambda t: (t[0], -t[1]))
    total, outer_end = 0.0, None
    for start, end in tasks:
        if outer_end is not None and end <= outer_end:
            continue  # nested in the task before it (a nested run loop): counted with that one
        outer_end = end
        clipped = (end - max(start, fcp["ts"])) / 1000
        total += max(0.0, clipped - LONG_TASK_MS)
    return total


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kib(n: float) -> str:
    return f"{n / 1024:.1f}"


# --- 1. build time ----------------------------------------------------------------


def cpu_seconds(command: list[str], cwd: Path) -> float:
    """CPU time (user + system) of a command and everything it starts. Python writes its
    compiled code as it does by default, whatever this shell says: build_times decides
    which builds start without it."""
    environment = {**engine_environment(cwd), ENGINES_HOME: str(ROOT)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=environment)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def project_copy(dest: Path, scale: int = 1) -> Path:
    """A copy of the project; with scale > 1, every list dataset holds `scale` times its records."""
    for name in PROJECT_INPUTS:
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "downloads", "index.html"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if scale > 1:
        scale_data(dest / "data", scale)
    return dest


def reference_copy(dest: Path, scale: int = 1) -> Path | None:
    """REFERENCE_COMMIT's tree, from git, grown like project_copy; None without the history (a shallow clone)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", REFERENCE_COMMIT], cwd=ROOT, capture_output=True)
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    if scale > 1:
        scale_data(dest / "data", scale)
    return dest


def record_count(data_dir: Path) -> int:
    """Records in every list dataset: how much data a build had to turn into pages."""
    import yaml
    return sum(len(records) for path in data_dir.glob("*.yaml")
               if isinstance(records := yaml.safe_load(path.read_text(encoding="utf-8")), list))


def scale_data(data_dir: Path, scale: int) -> None:
    """Repeat each record with a new id (and a new name, term or question, so nothing collides)."""
    from .yamlfile import parse

    distinct = ("name", "term", "question", "claim", "aspect", "task", "label")
    for path in sorted(data_dir.glob("*.yaml")):
        if path.stem in ("redirects", "fields"):
            continue  # addresses and the diagram's chain do not grow with content
        records = parse(path.read_text(encoding="utf-8")).value
        grown = list(records)
        for copy in range(2, scale + 1):
            for record in records:
                # One tooltip per term, and a replaced source's anchor on one entry only.
                extra = {k: v for k, v in record.items() if k not in ("abbr", "tooltip", "replaces")}
                extra["id"] = f"{record['id']}-x{copy}"
                for key in distinct:
                    if isinstance(extra.get(key), str):
                        extra[key] = f"{extra[key]} ({copy})"[:34] if key == "label" else f"{extra[key]} ({copy})"
                if "order" in extra:
                    extra["order"] = extra["order"] + 1000 * copy
                grown.append(extra)
        path.write_text(yaml_dump(grown), encoding="utf-8")


# What a rebuild changes first, as a maintainer would: one glossary definition.
EDITED = ("glossary", "definition")


def edit_one_record(data_dir: Path, edit: int) -> None:
    """Change the first record's EDITED field, differently each time (edit is a count)."""
    from .yamlfile import parse

    dataset, name = EDITED
    path = data_dir / f"{dataset}.yaml"
    records = parse(path.read_text(encoding="utf-8")).value
    records[0][name] = f"{records[0][name].split(' (edit ')[0]} (edit {edit + 1})"
    path.write_text(yaml_dump(records), encoding="utf-8")


def yaml_dump(records: list) -> str:
    import yaml
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False)


@dataclass
class BuildFigures:
    """Median CPU seconds per (engine or REFERENCE, scale), and the records each tree held.
    engine_alone: the engine's own command (`mkdocs build --strict`, say) on the generated
    tree, without generating or finishing, per (engine, scale): what a build on that engine
    costs at the least, if it runs the engine as a command (sitegen runs MkDocs in its own
    interpreter, which saves that interpreter's start and imports).
    rebuild: the same `make build` again after one data edit (edit_one_record), with .cache/
    and __pycache__ kept, per (engine, scale): what a maintainer waits for after editing data."""
    seconds: dict[tuple[str, int], float]
    records: dict[tuple[str, int], int]
    engine_alone: dict[tuple[str, int], float] = field(default_factory=dict)
    rebuild: dict[tuple[str, int], float] = field(default_factory=dict)


def build_times(runs: int) -> BuildFigures:
    """Median CPU seconds of `python -m sitegen build` per (engine, scale), of the engine's
    own command on the tree that build generated (cold as well), and of the reference
    tree's build, runs interleaved."""
    samples: dict[tuple[str, int], list[float]] = {}
    engine_samples: dict[tuple[str, int], list[float]] = {}
    rebuild_samples: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {scale: project_copy(Path(tmp) / f"x{scale}", scale) for scale in (1, SCALE)}
        references = {scale: reference_copy(Path(tmp) / f"reference-x{scale}", scale) for scale in (1, SCALE)}
        records = {(tree, scale): record_count(project / "data")
                   for tree, copies in (("project", projects), (REFERENCE, references))
                   for scale, project in copies.items() if project}
        for _ in range(runs):
            for engine in ENGINES:
                for scale, project in projects.items():
                    for folder in ("generated", ".build", ".cache", "sitegen/__pycache__"):
                        shutil.rmtree(project / folder, ignore_errors=True)  # a cold build, as CI does
                    command = [sys.executable, "-m", "sitegen", "build", "--engine", engine,
                               "--site-dir", str(project / "site")]
                    samples.setdefault((engine, scale), []).append(cpu_seconds(command, project))
                    for folder in ("generated", ".build"):
                        shutil.rmtree(project / folder, ignore_errors=True)  # .cache/ and __pycache__ kept
                    edit_one_record(project / "data", len(rebuild_samples.get((engine, scale), [])))
                    rebuild_samples.setdefault((engine, scale), []).append(cpu_seconds(command, project))
                    for folder in (".cache", "sitegen/__pycache__"):
                        shutil.rmtree(project / folder, ignore_errors=True)  # cold too
                    with engine_config(project, engine) as (config, _):
                        alone = build_command(project, engine, project / "site-engine", config)
                        engine_samples.setdefault((engine, scale), []).append(cpu_seconds(alone, project))
            for scale, reference in references.items():
                if reference:
                    for folder in ("site", "scripts/__pycache__"):
                        shutil.rmtree(reference / folder, ignore_errors=True)
                    command = ["sh", "-c", REFERENCE_BUILD.format(python=shlex.quote(sys.executable))]
                    samples.setdefault((REFERENCE, scale), []).append(cpu_seconds(command, reference))
    def medians(found: dict[tuple[str, int], list[float]]) -> dict[tuple[str, int], float]:
        return {key: statistics.median(values) for key, values in found.items()}

    return BuildFigures(medians(samples), records, medians(engine_samples), medians(rebuild_samples))


# --- 2. page weight -------------------------------------------------------------------


def page_urls(site: Path) -> list[str]:
    """Content pages (redirect stubs left out), home first: later pages reuse its cached assets."""
    pages, _ = stable_links.scan(site)
    return sorted(pages, key=lambda u: (u != "", u))


def weights(site: Path, browser, base: str) -> list[dict]:
    rows, home_assets = [], set()
    for url in page_urls(site):
        context = browser.new_context()
        page = context.new_page()
        requested: list[str] = []
        page.on("requestfinished", lambda r: requested.append(r.url.split("#")[0]))
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        context.close()
        files = {u: target_file(site, u, base) for u in dict.fromkeys(requested) if u.startswith(base)}
        sizes = {u: gz(p.read_bytes()) for u, p in files.items() if p and p.is_file()}
        if url == "":
            home_assets = {u for u in sizes if not u.endswith("/")}
        html = target_file(site, base + url, base).read_bytes()
        grade, words = readability.page_grade(html.decode("utf-8"))
        rows.append({"page": "/" + url, "html": len(html), "html_gz": gz(html), "first": sum(sizes.values()),
                     "repeat": sum(s for u, s in sizes.items() if u not in home_assets),
                     "requests": len(sizes), "grade": grade, "words": words})
    return rows


# --- 3. first paint -------------------------------------------------------------------


_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def write_floor(site: Path, floor: Path, urls: list[str]) -> None:
    """Plain HTML with each page's article text and nothing else: no CSS, no scripts."""
    for url in urls:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        article = _ARTICLE.search(html)
        body = _SCRIPT.sub("", article.group(1) if article else "")
        out = floor / url / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                       '<meta name="viewport" content="width=device-width,initial-scale=1">'
                       f"<title>{title.group(1) if title else ''}</title></head><body>{body}</body></html>",
                       encoding="utf-8")


def paint(browser, url: str) -> dict[str, float]:
    context = browser.new_context(**MOBILE)
    context.add_init_script(OBSERVE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    events: list[dict] = []
    finished: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda params: events.extend(params["value"]))
    cdp.on("Tracing.tracingComplete", lambda params: finished.append(True))
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": TRACE_CATEGORIES},
                               "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(SETTLE_MS)
    result = page.evaluate(COLLECT)
    cdp.send("Tracing.end")
    for _ in range(TRACE_WAIT_MS // 50):
        if finished:
            break
        page.wait_for_timeout(50)
    else:
        raise RuntimeError(f"{url}: Chromium sent no end of trace within {TRACE_WAIT_MS} ms")
    context.close()
    return result | {"tbt": blocking_ms(events)}


@dataclass
class PaintRow:
    page: str
    site: list[dict] = field(default_factory=list)
    floor: list[dict] = field(default_factory=list)

    def median(self, kind: str, metric: str) -> float:
        return statistics.median(r[metric] for r in getattr(self, kind))


def paints(site: Path, browser, runs: int, urls: list[str]) -> list[PaintRow]:
    from .pages_server import serve

    rows = {url: PaintRow("/" + url) for url in urls}
    with tempfile.TemporaryDirectory() as tmp:
        floor = Path(tmp) / "floor"
        write_floor(site, floor, urls)
        with serve(site, "/site/") as site_base, serve(floor, "/floor/") as floor_base:
            for _ in range(runs):
                for url in urls:  # interleaved: site, floor, next page, ..., then the next run
                    rows[url].site.append(paint(browser, site_base + url))
                    rows[url].floor.append(paint(browser, floor_base + url))
    return list(rows.values())


# --- report -------------------------------------------------------------------------------


def report(builds: BuildFigures | None, weight_rows: dict[str, list[dict]], paint_rows: list[PaintRow] | None,
           runs: int) -> str:
    lines = [f"Measured by `make bench` (median of {runs} interleaved runs per figure)."]
    if builds:
        lines += build_report(builds)

    if paint_rows:
        lines += ["", f"**First paint** ({DEPLOY_ENGINE}; Chromium, mobile, {CPU_SLOWDOWN}x CPU slowdown, slow 4G, "
                  "served gzip as GitHub Pages does; the floor is plain HTML with the same article text):", "",
                  "| Page | FCP s | Floor FCP s | FCP ratio | LCP s | TBT ms | Floor TBT ms | CLS |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        misses = 0
        for row in paint_rows:
            fcp, floor = row.median("site", "fcp"), row.median("floor", "fcp")
            ratio, tbt, cls = fcp / floor if floor else 0, row.median("site", "tbt"), row.median("site", "cls")
            flags = [ratio > FCP_RATIO_TARGET, tbt > TBT_TARGET_MS, cls > CLS_TARGET]
            misses += any(flags)
            lines.append(f"| `{row.page}` | {fcp / 1000:.2f} | {floor / 1000:.2f} | {ratio:.2f}{' OVER' * flags[0]} | "
                         f"{row.median('site', 'lcp') / 1000:.2f} | {tbt:.0f}{' OVER' * flags[1]} | "
                         f"{row.median('floor', 'tbt'):.0f} | "
                         f"{cls:.3f}{' OVER' * flags[2]} |")
        lines += ["", f"Targets: FCP ratio at most {FCP_RATIO_TARGET}, TBT at most {TBT_TARGET_MS} ms, layout shift "
                  f"at most {CLS_TARGET}. Pages missing a target: {misses} of {len(paint_rows)}. The floor's TBT is "
                  "what parsing and laying out the same text costs with no CSS or script, on this machine."]

    deploy = weight_rows.get(DEPLOY_ENGINE, [])
    if deploy:
        lines += ["", f"**Page weight** ({DEPLOY_ENGINE}; gzip, as GitHub Pages serves it):", "",
                  "| Page | HTML KiB | HTML gzip KiB | First visit KiB | Repeat visit KiB | Requests | FK grade |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in deploy:
            first = kib(r["first"]) + ("" if r["first"] <= FIRST_VISIT_BUDGET else " OVER")
            repeat = kib(r["repeat"]) + ("" if r["repeat"] <= REPEAT_VISIT_BUDGET else " OVER")
            grade = f"{r['grade']:.1f}" if r["words"] >= 100 else "-"
            lines.append(f"| `{r['page']}` | {kib(r['html'])} | {kib(r['html_gz'])} | {first} | {repeat} | "
                         f"{r['requests']} | {grade} |")
        lines += [""]
        for engine, rows in weight_rows.items():
            worst_first = max(rows, key=lambda r: r["first"])
            worst_repeat = max(rows, key=lambda r: r["repeat"])
            over = sum(r["first"] > FIRST_VISIT_BUDGET or r["repeat"] > REPEAT_VISIT_BUDGET for r in rows)
            lines.append(f"- {engine}: largest first visit `{worst_first['page']}` {kib(worst_first['first'])} KiB "
                         f"(budget {kib(FIRST_VISIT_BUDGET)}), largest repeat visit `{worst_repeat['page']}` "
                         f"{kib(worst_repeat['repeat'])} KiB (budget {kib(REPEAT_VISIT_BUDGET)}); "
                         f"pages over budget: {over} of {len(rows)}.")
    return "\n".join(lines)


def build_report(builds: BuildFigures) -> list[str]:
    """The build table: each engine on today's data and x10, then the reference tree of the same run."""
    seconds, records = builds.seconds, builds.records
    lines = ["", "**Build** (CPU seconds of `make build`: generate, engine, finish; in a fresh interpreter; "
             "cold unless the column says otherwise):", "",
             f"| Build | Records x1 / x{SCALE} | Today's data | Every list dataset x{SCALE} | x{SCALE} / x1 | "
             f"ms per record at x{SCALE} | Engine alone x1 / x{SCALE} | Rebuild x1 / x{SCALE} |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    rows = [(engine, f"{engine}{' (deploys)' if engine == DEPLOY_ENGINE else ''}", "project") for engine in ENGINES]
    rows.append((REFERENCE, f"reference: `{REFERENCE_COMMIT}` on mkdocs, the tree issue 9 measured", REFERENCE))
    for key, label, tree in rows:
        if (key, 1) in seconds:
            one, ten = seconds[(key, 1)], seconds[(key, SCALE)]
            engine, rebuild = (f"{d[(key, 1)]:.2f} / {d[(key, SCALE)]:.2f}" if (key, 1) in d else "–"
                               for d in (builds.engine_alone, builds.rebuild))
            lines.append(f"| {label} | {records[(tree, 1)]:,} / {records[(tree, SCALE)]:,} | {one:.2f} | {ten:.2f} | "
                         f"{ten / one:.1f} | {1000 * ten / records[(tree, SCALE)]:.2f} | {engine} | {rebuild} |")
    target = (f"Cold: no generated files, no `.cache/` and none of the generator's compiled Python, as in a "
              f"fresh clone on CI. Engine alone: the engine's own command, strict, on the already generated tree (no generating, "
              f"no finishing; cold): the least a build on it costs when the engine runs as a command. "
              f"Rebuild: `make build` again after a maintainer's edit (one glossary definition changed), with "
              f"`.cache/` (compiled templates, checked schemas, parsed stylesheets, and Zensical's own cache "
              f"of the pages it rendered) and `__pycache__` kept. "
              f"Targets: x1 at most {BUILD_TARGET_X1} s, x{SCALE} at most {BUILD_TARGET_X10} s")
    if (REFERENCE, 1) in seconds:
        lines += ["", f"{target} (issue 9's figures; there the reference measured 1.8 and 15.6 s, here "
                  f"{seconds[(REFERENCE, 1)]:.2f} and {seconds[(REFERENCE, SCALE)]:.2f} s in this run)."]
    else:
        lines += ["", f"{target}. The reference tree was not built: `git archive {REFERENCE_COMMIT}` needs "
                  "the project's history (not a shallow clone)."]
    return lines


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    head, _, rest = content.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from .browser import launch
    from .build import build_site
    from .pages_server import serve

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave README.md alone")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--skip-paint", action="store_true", help="leave out the first-paint measurement")
    parser.add_argument("--skip-builds", action="store_true", help="leave out the build-time measurement")
    parser.add_argument("--pages", nargs="*", help="first paint for these URL paths only (default: all)")
    args = parser.parse_args(argv)

    builds = None if args.skip_builds else build_times(max(3, min(args.runs, 5)))
    weight_rows: dict[str, list[dict]] = {}
    paint_rows = None
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        for engine in ENGINES:
            site = Path(tmp) / engine
            result = build_site(ROOT, site, engine)
            if result.returncode != 0:
                raise SystemExit(f"{engine} build failed:\n{result.stderr}")
            with serve(site, "/genai-vs-llm/") as base:
                weight_rows[engine] = weights(site, browser, base)
            if engine == DEPLOY_ENGINE and not args.skip_paint:
                urls = page_urls(site) if not args.pages else [p.strip("/") + "/" if p.strip("/") else ""
                                                               for p in args.pages]
                paint_rows = paints(site, browser, args.runs, urls)
        browser.close()
    text = report(builds, weight_rows, paint_rows, args.runs)
    print(text)
    if not args.no_write:
        write_readme(text)
        print("\n(README.md updated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
