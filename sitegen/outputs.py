"""The registry: every generated file, by name.

A Fragment's name is its template (sitegen/templates/<name>.md.j2), its file
(generated/<name>.md) and what the page includes (`--8<-- "<name>.md"`).
`reads` lists the datasets it uses (the first gives the `rows`, sorted by
`sort`); `context` adds computed values where sorted rows are not enough.

To add a table: a data file and its schema in data/, a template, one line
here, and the `--8<--` line in its page.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from . import diagrams, fragments, widgets
from .data import SiteData
from .publish import downloads_and_redirects
from .render import File, Fragment, Output, RenderError

FRAGMENTS: tuple[Fragment, ...] = (
    Fragment("differences", "compare/differences.md", ("differences", "sources"), ("order", "id")),
    Fragment("differences-brief", "handout.md", ("differences",), ("order", "id")),
    Fragment("sources", "sources.md", ("sources",)),  # spread over sources/<kind>.md (x-anchor page_by)
    Fragment("glossary", "glossary.md", ("glossary", "sources"), context=fragments.glossary),
    Fragment("systems", "compare/systems.md", ("systems", "sources"), ("name", "id"), context=fragments.systems),
    Fragment("systems-filters", "compare/systems.md", ("systems",), context=widgets.catalogue),
    Fragment("systems-by-output", "concepts/generative-ai.md", ("systems",), context=fragments.systems_by_output),
    Fragment("use-cases", "compare/use-cases.md", ("use_cases", "systems", "sources"),
             context=fragments.use_cases),
    Fragment("use-case-chooser", "compare/use-cases.md", ("use_cases", "systems", "choices"),
             context=widgets.chooser),
    Fragment("architectures", "concepts/how-they-work.md", ("architectures", "systems", "sources"),
             ("year", "id"), context=fragments.with_system_names),
    Fragment("timeline", "compare/timeline.md", ("timeline", "sources"), context=fragments.timeline),
    Fragment("timeline-diagram", "compare/timeline.md", ("timeline",), context=diagrams.timeline),
    Fragment("nesting-diagram", "index.md", ("fields",), context=diagrams.nesting),
    Fragment("fields", "index.md", ("fields",), context=diagrams.fields_list),
    Fragment("industries", "practice/industries.md", ("industries", "sources"), ("name", "id")),
    Fragment("risks", "practice/risks.md", ("risks", "sources"), ("order", "id")),
    Fragment("myths", "practice/myths.md", ("myths", "stances", "sources"), context=fragments.myths),
    Fragment("faq", "faq.md", ("faq", "stances", "sources"), context=fragments.faq),
    Fragment("downloads", "instructors.md", (), context=fragments.downloads),
    Fragment("stances", "concepts/relationship.md", ("stances", "sources")),
    Fragment("rules", "practice/rules.md", ("rules", "sources"), ("jurisdiction", "applies", "id")),
    Fragment("disputes", "practice/court-cases.md", ("disputes", "sources"), ("jurisdiction", "filed", "id")),
    Fragment("changes", "whats-new.md", ("changes",), context=fragments.changes),
    Fragment("progress", "index.md", ("quiz",), context=fragments.progress),
    Fragment("starting-points", "practice/choosing.md", ("use_cases", "systems"), context=fragments.starting_points),
)

FILES: tuple[File, ...] = (
    File("generated/terms.json", ("glossary",), fragments.terms_json),  # read by sitegen.finish
    File(f"docs/{widgets.CHOOSER_FILE}", ("use_cases", "systems", "choices"), widgets.chooser_json),  # by site.js
)


def outputs_for(site: SiteData) -> tuple[Output, ...]:
    """The fixed fragments (spread over their pages) plus the files that follow the data
    (downloads, redirects)."""
    missing = sorted({f"{f.target} needs data/{name}.yaml, which is missing"
                      for f in FRAGMENTS for name in f.reads if name not in site})
    if missing:
        raise RenderError("\n".join(missing))
    quizzes = tuple(Fragment(fragments.quiz_fragment_name(page), page, ("quiz", "stances", "myths", "sources"),
                             context=fragments.quiz_for(page), family="quiz")
                    for page in (fragments.quiz_pages(site) if "quiz" in site else []))
    return spread(FRAGMENTS, site) + quizzes + anchor_indexes(site) + FILES + tuple(downloads_and_redirects(site))


def spread(declared: tuple[Fragment, ...], site: SiteData) -> tuple[Fragment, ...]:
    """A fragment that lists a dataset on the pages its x-anchor spreads it over (page_by),
    or on their index, becomes one per page, each with only that page's records. The
    one on the declared page keeps its name; the others add their page's name:
    sources-papers (sources/papers.md), systems-llm-catalogue. A fragment on any other
    page (systems-by-output) lists every record."""
    out: list[Fragment] = []
    for fragment in declared:
        ds = site[fragment.reads[0]] if fragment.reads and fragment.reads[0] in site else None
        if ds is None or not ds.anchor or "page_by" not in ds.anchor \
                or fragment.page not in (*ds.anchor_pages, ds.index_page):
            out.append(fragment)
            continue
        for page in ds.anchor_pages:
            name = fragment.name if page == fragment.page else f"{fragment.name}-{PurePosixPath(page).stem}"
            out.append(replace(fragment, name=name, page=page, family=fragment.family or fragment.name,
                               records_page=page))
    return tuple(out)


def anchor_indexes(site: SiteData) -> tuple[Fragment, ...]:
    """Where a schema's x-anchor names an index page: the list of every record's anchor
    (<name>-index.md) and, where the index holds no records itself, of the pages the
    dataset is spread over (<name>-pages.md)."""
    found: list[Fragment] = []
    for name in site:
        ds = site[name]
        if not ds.anchor or not ds.index_page:
            continue
        found.append(Fragment(f"{name}-index", ds.index_page, (name,), context=fragments.anchor_index(name),
                              family="anchor-index"))
        if "page_by" in ds.anchor and ds.index_page not in ds.anchor_pages:
            found.append(Fragment(f"{name}-pages", ds.index_page, (name,), context=fragments.anchor_index(name),
                                  family="anchor-pages"))
    return tuple(found)
