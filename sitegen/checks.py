"""Named checks that a JSON Schema cannot express.

Each check is a small function registered with `@check(name, datasets)`. It
sees only records that passed their schema (`ds.valid()`), so field types are
already right, and yields problems in the usual form via `ds.problem(...)`.
`run_all` runs every check on every dataset it applies to and collects the
problems; nothing stops at the first one. Each check has its own test in
tests/test_data_checks.py.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .data import Dataset, SiteData, held_ids
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
    """Ids are anchors and link targets: two records must never share one. A record's
    `replaces` ids (sources it took over from) keep their anchors on it, so they count too."""
    first_seen: dict[str, int] = {}
    for i, record in ds.valid():
        rid = record.get("id")
        if not isinstance(rid, str):
            continue
        for n, value in enumerate(held_ids(record)):
            field = "id" if n == 0 else "replaces"
            if value in first_seen:
                yield ds.problem(i, field, f"duplicate id {value!r} (first used on line {ds.line(first_seen[value])})")
            else:
                first_seen[value] = i


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
    """x-anchor names the pages that hold the records' anchors (and an index of them):
    each must be a real page."""
    if not ds.anchor:
        return
    for page in ds.anchor_pages:
        if not docs_page_exists(site, page):
            where = "page" if "page" in ds.anchor else "page_by.pages"
            yield f"data/{ds.name}.schema.json:1: x-anchor.{where}: no page docs/{page}"
    if ds.index_page and not docs_page_exists(site, ds.index_page):
        yield f"data/{ds.name}.schema.json:1: x-anchor.index: no page docs/{ds.index_page}"


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


# --- boundary stances: said once, held everywhere ---------------------------------


def _record(site: SiteData, dataset: str, record_id: str) -> tuple[Dataset, int, dict | None] | None:
    """The record with this id: (dataset, index, record), with record None if it failed its
    schema (already reported), or None if there is no such record."""
    if dataset not in site:
        return None
    ds = site[dataset]
    for i, record in enumerate(ds.records if isinstance(ds.records, list) else []):
        if isinstance(record, dict) and record.get("id") == record_id:
            return ds, i, (record if i not in ds.invalid else None)
    return None


@check("stances-hold", ("stances",))
def stances_hold(ds: Dataset, site: SiteData) -> Iterator[str]:
    """Each stance names the values other records must hold; a record that disagrees is named."""
    for i, stance in ds.valid():
        for j, rule in enumerate(stance["implies"]):
            if rule["dataset"] not in site:
                continue  # that file's own problems are reported; checked once they are fixed
            found = _record(site, rule["dataset"], rule["record"])
            if found is None:
                yield ds.problem(i, "implies", f"no record {rule['record']!r} in data/{rule['dataset']}.yaml", j)
                continue
            other, k, record = found
            if record is None:
                continue  # its schema problems are reported; the stance is checked once they are fixed
            value, field = record.get(rule["field"]), rule["field"]
            where = f"contradicts the stance {stance['id']!r} in data/stances.yaml ({stance['answer']})"
            if "equals" in rule and value != rule["equals"]:
                yield other.problem(k, field, f"{value!r} {where}: expected {rule['equals']!r}")
            if "contains" in rule and rule["contains"] not in (value or []):
                yield other.problem(k, field, f"lacks {rule['contains']!r}, which {where.removeprefix('contradicts ')} needs")
            if "lacks" in rule and rule["lacks"] in (value or []):
                yield other.problem(k, field, f"has {rule['lacks']!r}, which {where}")


# Fields that state a claim the guide shows as false, on purpose: they may use a phrase a stance avoids.
STATES_FALSE_CLAIMS = {("myths", "claim")}


@check("stances-not-contradicted", ("stances",))
def stances_not_contradicted(ds: Dataset, site: SiteData) -> Iterator[str]:
    """No data field and no page may use a phrase that contradicts a stance."""
    by_phrase = {phrase.casefold(): stance for _, stance in ds.valid() for phrase in stance["avoid"]}
    if not by_phrase:
        return
    # One pass per text: every avoided phrase at once, longest first, any case (both casefolded).
    pattern = re.compile("|".join(re.escape(p) for p in sorted(by_phrase, key=len, reverse=True)))

    def contradictions(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
        folded = text.casefold()
        if not any(phrase in folded for phrase in by_phrase):
            return  # most texts: a plain substring test is many times quicker than the pattern
        for match in dict.fromkeys(m.group(0) for m in pattern.finditer(folded)):
            stance = by_phrase[match]
            yield next(p for p in stance["avoid"] if p.casefold() == match), stance

    for name in sorted(site.datasets):
        if name == ds.name:
            continue
        other = site[name]
        for i, record in other.valid():
            for fld, value in record.items():
                if (name, fld) in STATES_FALSE_CLAIMS:
                    continue
                for sub, text in _strings(value):
                    for phrase, stance in contradictions(text):
                        yield other.problem(i, fld, f"{phrase!r} contradicts the stance {stance['id']!r} "
                                                    f"in data/stances.yaml ({stance['answer']})", *sub)
    if not site.docs_dir.is_dir():
        return
    for page in sorted(site.docs_dir.rglob("*.md")):
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for phrase, stance in contradictions(line):
                yield (f"docs/{page.relative_to(site.docs_dir).as_posix()}:{n}: {phrase!r} contradicts the stance "
                       f"{stance['id']!r} in data/stances.yaml ({stance['answer']})")


# --- links in the pages to records ----------------------------------------------------

_PAGE_LINK = re.compile(r"\[([^\]]+)\]\(([a-z0-9./_-]+\.md)#([a-z0-9-]+)\)")


def _record_links(ds: Dataset, site: SiteData) -> Iterator[tuple[str, int, str, str, str, dict]]:
    """(page, line, link text, linked page, anchor, record) of every link in the pages to one of the
    dataset's records (by its anchor, or a `replaces` anchor it holds); the linked page is
    relative to docs/, as x-anchor names pages."""
    if not ds.anchor or not site.docs_dir.is_dir():
        return
    by_anchor = {ds.anchor_id(rid): record for _, record in ds.valid() for rid in held_ids(record)}
    for page in sorted(site.docs_dir.rglob("*.md")):
        rel = page.relative_to(site.docs_dir).as_posix()
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for text, target, anchor in _PAGE_LINK.findall(line):
                record = by_anchor.get(anchor)
                if record is not None:  # a missing anchor is the link check's to report
                    linked = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
                    yield rel, n, text, linked, anchor, record


@check("citations-name-their-source", ("sources",))
def citations_name_their_source(ds: Dataset, site: SiteData) -> Iterator[str]:
    """A page's citation, such as [OpenAI 2025](../sources/web.md#src-...), must name the cited
    entry's author or organisation and give its year. Was: "OpenAI 2025" led to a catalogue
    page by somebody else, which a reader trusts as OpenAI's word."""
    for page, n, text, _linked, _anchor, record in _record_links(ds, site):
        names = " ".join([*record.get("authors", ()), record.get("organisation", ""), record.get("short", "")])
        first_word = text.split()[0].rstrip(",")
        if first_word.casefold() not in names.casefold() or str(record["year"]) not in text:
            who = record.get("organisation") or ", ".join(record["authors"])
            yield (f"docs/{page}:{n}: the citation [{text}] leads to "
                   f"src-{record['id']}, by {who} ({record['year']}): name its author or organisation and its year")


@check("links-skip-the-index")
def links_skip_the_index(ds: Dataset, site: SiteData) -> Iterator[str]:
    """A page's link to a record goes to the page that holds it (x-anchor), not to the
    index that keeps its old anchor (sources/, the systems catalogue): through the index
    it costs a reader a second page load."""
    if not ds.index_page:
        return
    for page, n, text, linked, anchor, record in _record_links(ds, site):
        home = ds.anchor_page(record["id"])
        if linked != home:
            yield f"docs/{page}:{n}: the link [{text}] goes to docs/{linked}#{anchor}; that record is on docs/{home}"


# --- the question bank --------------------------------------------------------------

_HEADING_ID = re.compile(r"\{#([a-z0-9-]+)\}")


def page_anchors(site: SiteData, page: str) -> set[str]:
    """Anchors a page is sure to have: its explicit {#id} headings, and the anchors of
    records whose schema places them on that page."""
    path = site.docs_dir / page
    anchors = set(_HEADING_ID.findall(path.read_text(encoding="utf-8"))) if path.is_file() else set()
    return anchors | site.anchors_by_page.get(page, set())


_INCLUDE = re.compile(r'^--8<-- "([a-z0-9-]+)\.md"', re.M)


def anchors_known(site: SiteData, page: str) -> bool:
    """Whether page_anchors() knows all of a page's anchors. Not while a fragment the
    page includes lacks a dataset (missing, unreadable or with a broken schema), or a
    dataset's anchors point at a page that does not exist or some of its records
    failed their schema: those problems are
    reported on their own, and a missing anchor would only blame the wrong file."""
    from .outputs import FRAGMENTS  # the registry imports modules that import this one
    reads = {f.name: f.reads for f in FRAGMENTS}

    def reads_of(fragment: str) -> tuple[str, ...]:
        """A fragment's datasets; a spread one (systems-llm-catalogue) reads what its
        declared fragment (systems) reads, and an index (disputes-index) its dataset."""
        while fragment and fragment not in reads:
            fragment = fragment.rpartition("-")[0]
        return reads.get(fragment, ())

    path = site.docs_dir / page
    included = _INCLUDE.findall(path.read_text(encoding="utf-8")) if path.is_file() else []
    if any(name not in site for fragment in included for name in reads_of(fragment)):
        return False
    anchored = [site[name] for name in site if site[name].anchor]
    return all(isinstance(ds.records, list) and not ds.invalid for ds in anchored) and \
        all(docs_page_exists(site, page) for ds in anchored for page in ds.anchor_pages)


@check("one-right-answer", ("quiz",))
def one_right_answer(ds: Dataset, _site: SiteData) -> Iterator[str]:
    for i, q in ds.valid():
        right = sum(1 for o in q["options"] if o.get("correct"))
        if right != 1:
            yield ds.problem(i, "options", f"needs exactly one option with `correct: true`, found {right}")


# Fields that point at a page, or a section of one, as `page.md#anchor`: a question
# names the page that shows it and the section that teaches its answer.
PAGE_TARGETS = {"quiz": (("page",), ("section",)), "use_cases": (("learn",),),
                "choices": (("section",), ("options", "links"))}


def _targets(value: Any, field_path: tuple[str, ...], path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string at `field_path` inside a record, with the path that reaches it."""
    if isinstance(value, list):
        for j, item in enumerate(value):
            yield from _targets(item, field_path, path + (j,))
    elif not field_path:
        if isinstance(value, str):
            yield path, value
    elif isinstance(value, dict) and field_path[0] in value:
        yield from _targets(value[field_path[0]], field_path[1:], path + (field_path[0],))


@check("page-targets-exist", tuple(PAGE_TARGETS))
def page_targets_exist(ds: Dataset, site: SiteData) -> Iterator[str]:
    """A link to `page.md#anchor` in the data must reach a page and a section that exist."""
    cache: dict[str, set[str]] = {}
    for i, record in ds.valid():
        for field_path in PAGE_TARGETS[ds.name]:
            for path, target in _targets(record, field_path):
                page, _, anchor = target.partition("#")
                if not docs_page_exists(site, page):
                    yield ds.problem(i, path[0], f"no page docs/{page}", *path[1:])
                    continue
                if page not in cache:
                    cache[page] = page_anchors(site, page)
                if anchor and anchor not in cache[page] and anchors_known(site, page):
                    yield ds.problem(i, path[0], f"docs/{page} has no section #{anchor}", *path[1:])


QUIZ_SECTIONS = ("concepts", "compare", "practice")
QUIZ_MINIMUM_PER_PAGE = 4


@check("quiz-covers-pages", ("quiz",))
def quiz_covers_pages(ds: Dataset, site: SiteData) -> Iterator[str]:
    """Every concept, compare and practice page has enough self-check questions to teach."""
    counts: dict[str, int] = {}
    for _, q in ds.valid():
        counts[q["page"]] = counts.get(q["page"], 0) + 1
    for section in QUIZ_SECTIONS:
        for path in sorted((site.docs_dir / section).glob("*.md")):
            page = f"{section}/{path.name}"
            if counts.get(page, 0) < QUIZ_MINIMUM_PER_PAGE:
                yield ds.problem(None, None, f"docs/{page} has {counts.get(page, 0)} question(s); "
                                             f"every {section} page needs at least {QUIZ_MINIMUM_PER_PAGE}")


def system_kind(system: dict[str, Any]) -> str:
    """Which use-case kind a system belongs to: an LLM (or a product on one), another
    generative model (anything else that makes content), or non-generative ML (labels only)."""
    if system["llm"] in ("yes", "built-on"):
        return "llm"
    if set(system["outputs"]) <= {"labels"}:
        return "classic"
    return "media"


@check("examples-match-best-fit", ("use_cases",))
def examples_match_best_fit(ds: Dataset, site: SiteData) -> Iterator[str]:
    """A task's example systems are of the kind it recommends; others go in `also`, with a reason."""
    if "systems" not in site:
        return
    systems = {r["id"]: r for _, r in site["systems"].valid()}
    words = ds.labels("best")
    for i, task in ds.valid():
        for j, sid in enumerate(task["examples"]):
            if sid in systems and system_kind(systems[sid]) != task["best"]:
                kind = words.get(system_kind(systems[sid]), system_kind(systems[sid]))
                yield ds.problem(i, "examples", f"{sid!r} is {kind[0].lower() + kind[1:]}, but the best fit is "
                                                f"{words[task['best']][0].lower() + words[task['best']][1:]}; "
                                                "list it under `also` with a reason", j)
