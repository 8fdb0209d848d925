"""Named checks that a JSON Schema cannot express.

Each check is a small function registered with `@check(name, datasets)`. It
sees only records that passed their schema (`ds.valid()`), so field types are
already right, and yields problems in the usual form via `ds.problem(...)`.
`run_all` runs every check on every dataset it applies to and collects the
problems; nothing stops at the first one. Each check has its own test in
tests/test_data_checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .data import Dataset, SiteData
from .links import page_url

CheckFn = Callable[[Dataset, SiteData], Iterator[str]]


@dataclass(frozen=True)
class Check:
    name: str
    datasets: tuple[str, ...] | None  # None: every dataset
    run: CheckFn


CHECKS: list[Check] = []


def check(name: str, datasets: tuple[str, ...] | None = None) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS.append(Check(name, datasets, fn))
        return fn
    return register


def run_all(site: SiteData) -> list[str]:
    problems: list[str] = []
    for name in sorted(site.datasets):
        ds = site[name]
        for c in CHECKS:
            if c.datasets is None or name in c.datasets:
                problems += list(c.run(ds, site))
    return problems


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for j, item in enumerate(value):
            yield from _strings(item, path + (j,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))


def docs_page_exists(site: SiteData, page: str) -> bool:
    return (site.docs_dir / page).is_file()


# --- every dataset ------------------------------------------------------------


@check("unique-ids")
def unique_ids(ds: Dataset, _site: SiteData) -> Iterator[str]:
    """Ids are anchors and link targets: two records must never share one."""
    first_seen: dict[str, int] = {}
    for i, record in ds.valid():
        rid = record.get("id")
        if not isinstance(rid, str):
            continue
        if rid in first_seen:
            yield ds.problem(i, "id", f"duplicate id {rid!r} (first used on line {ds.line(first_seen[rid])})")
        else:
            first_seen[rid] = i


@check("no-empty-text")
def no_empty_text(ds: Dataset, _site: SiteData) -> Iterator[str]:
    """A blank cell renders as an empty table cell that readers take for missing data."""
    for i, record in ds.valid():
        for fld, value in record.items():
            for sub, text in _strings(value):
                if not text.strip():
                    yield ds.problem(i, fld, "empty text", *sub)


@check("anchor-page-exists")
def anchor_page_exists(ds: Dataset, site: SiteData) -> Iterator[str]:
    """x-anchor names the page that holds the records' anchors: it must be a real page."""
    anchor = ds.anchor
    if anchor and not docs_page_exists(site, anchor["page"]):
        yield f"data/{ds.name}.schema.json:1: x-anchor.page: no page docs/{anchor['page']}"


# --- one dataset ----------------------------------------------------------------


@check("best-fit-is-top-rated", ("use_cases",))
def best_fit_is_top_rated(ds: Dataset, _site: SiteData) -> Iterator[str]:
    """A use case's 'best kind' must be one of the kinds rated highest for it.

    Ratings compare LLMs with other generative models and with
    non-generative ML; generative AI as a whole is derived (the better of
    the first two), so a superset can never rate below its subset."""
    order = ds.enum("ratings", "llm")
    for i, record in ds.valid():
        ratings, best = record["ratings"], record["best"]
        top = max(order.index(v) for v in ratings.values())
        if order.index(ratings[best]) != top:
            yield ds.problem(i, "best", f"{best!r} is rated {ratings[best]!r}, below the top rating {order[top]!r}")


@check("fields-nest-in-one-chain", ("fields",))
def fields_nest_in_one_chain(ds: Dataset, _site: SiteData) -> Iterator[str]:
    """The nesting diagram draws one chain of boxes, each inside its parent.

    So: exactly one field without a parent, no field is its own ancestor, and
    each field holds at most one inner field (groups that straddle an edge,
    marked `straddles`, are drawn over it instead and do not count)."""
    records = dict((r["id"], (i, r)) for i, r in ds.valid())
    roots = [(i, r) for i, r in records.values() if "parent" not in r]
    if len(roots) != 1:
        names = ", ".join(repr(r["id"]) for _, r in roots) or "none"
        yield ds.problem(None, None, f"the fields need exactly one outermost field without a parent; found {names}")
    for fid, (i, record) in records.items():
        seen, current = [fid], record
        while "parent" in current and current["parent"] in records:
            parent = current["parent"]
            if parent in seen:
                chain = " -> ".join(seen + [parent])
                yield ds.problem(i, "parent", f"the parents form a loop: {chain}")
                break
            seen.append(parent)
            current = records[parent][1]
    children: dict[str, list[str]] = {}
    for fid, (i, record) in records.items():
        if "parent" in record and "straddles" not in record:
            children.setdefault(record["parent"], []).append(fid)
    for parent, kids in sorted(children.items()):
        if len(kids) > 1:
            i = records[kids[1]][0]
            yield ds.problem(i, "parent", f"{parent!r} already holds {kids[0]!r}; the diagram can draw only one field "
                                          "inside another (mark a group that crosses an edge with `straddles`)")


@check("straddle-crosses-an-inner-edge", ("fields",))
def straddle_crosses_an_inner_edge(ds: Dataset, _site: SiteData) -> Iterator[str]:
    """A straddling group overlaps the edge of a field drawn inside its parent."""
    records = {r["id"]: r for _, r in ds.valid()}
    for i, record in ds.valid():
        target = record.get("straddles")
        if target is None:
            continue
        if target == record["id"]:
            yield ds.problem(i, "straddles", "a field cannot straddle itself")
        elif "straddles" in records.get(target, {}):
            yield ds.problem(i, "straddles", f"{target!r} itself straddles an edge; straddle a field of the chain")
        elif records.get(target, {}).get("parent") != record.get("parent"):
            yield ds.problem(i, "straddles", f"{target!r} must sit in the same parent as this group "
                                             f"({record.get('parent', 'none')!r})")


@check("redirects-lead-to-pages", ("redirects",))
def redirects_lead_to_pages(ds: Dataset, site: SiteData) -> Iterator[str]:
    """A redirect must land on a real page, and must not replace one."""
    pages = {page_url(p.relative_to(site.docs_dir).as_posix())
             for p in site.docs_dir.rglob("*.md")} if site.docs_dir.is_dir() else set()
    for i, record in ds.valid():
        page = record["to"].split("#")[0]
        if not docs_page_exists(site, page):
            yield ds.problem(i, "to", f"no page docs/{page}: the redirect would lead to a 404")
        if record["from"] in pages:
            yield ds.problem(i, "from", f"{record['from']} is a real page; a redirect there would replace it")


@check("see-also-pages-exist", ("faq",))
def see_also_pages_exist(ds: Dataset, site: SiteData) -> Iterator[str]:
    for i, record in ds.valid():
        for j, link in enumerate(record.get("see", [])):
            if not docs_page_exists(site, link.split("#")[0]):
                yield ds.problem(i, "see", f"no page docs/{link.split('#')[0]}", j)
