"""Generated HTML reaches each engine's Markdown in a verbatim fence, not as raw HTML.

A fragment is mostly HTML blocks (an FAQ answer, a table, a glossary entry) between
Markdown headings. Python-Markdown finds where a raw HTML block ends by parsing it tag
by tag, and MkDocs and ProperDocs parse the whole page again to list its anchors: at
ten times today's data, most of the engine's Markdown time. The generator wrote these
blocks, so it knows where each ends: it wraps each in a fence that
pymdownx.superfences hands to `verbatim` (see mkdocs.yml), which returns the block as
it is. The page comes out byte for byte as before, under every engine
(tests/test_htmlfence.py); the engine just never parses it.

Only what Markdown would pass through untouched is fenced: a run of lines (between
blank lines) made of block-level elements, each opened at the start of a line and
closed at the end of one. Anything else is left to Markdown, as before.

The anchors inside fenced blocks are no longer seen by MkDocs' anchor check
(validation.links.anchors is `ignore`); the project's own built-site link test checks
every anchor on every engine (tests/test_site.py).
"""

from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

from .htmlscan import top_level_elements

# The fence's language; mkdocs.yml maps it to `verbatim` under pymdownx.superfences.
LANGUAGE = "verbatim-html"
OPEN = f"```{LANGUAGE}"
CLOSE = "```"
_BLOCK_START = re.compile(r"<([a-zA-Z][\w-]*)")
_FENCE_LIKE = re.compile(r"[ \t]*(`{3,}|~{3,})")  # a line that would end the fence early
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)


def verbatim(source, language, class_name, options, md, **kwargs) -> str:
    """pymdownx.superfences' formatter for the fence: the block, unchanged."""
    return source


def fence_html_blocks(markdown: str) -> str:
    """The Markdown with each HTML block that Markdown would pass through untouched
    wrapped in a verbatim fence."""
    out: list[str] = []
    run: list[str] = []
    for line in markdown.split("\n"):
        if line.strip():
            run.append(line)
            continue
        out.extend(_fenced(run))
        run = []
        out.append(line)
    out.extend(_fenced(run))
    return "\n".join(out)


def _fenced(run: list[str]) -> list[str]:
    if not run:
        return run
    first = _BLOCK_START.match(run[0])
    if not first or first.group(1).lower() not in _BLOCK_LEVEL:
        return run
    if any(_FENCE_LIKE.match(line) for line in run):
        return run
    block = "\n".join(run)
    elements = top_level_elements(block)
    ends = [end for _, end, _ in elements]
    if not elements or None in ends or ends[-1] != len(block):
        return run  # an element not closed, or text after the last
    gaps = [block[last:start] for (start, _, _), last in zip(elements, [0] + ends)]
    if gaps[0] or any(gap != "\n" for gap in gaps[1:]) or any(name not in _BLOCK_LEVEL for _, _, name in elements):
        return run  # text beside an element, two on one line, or an inline one
    return [OPEN, *run, CLOSE]
