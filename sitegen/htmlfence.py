"""Generated HTML reaches each engine's Markdown in a verbatim fence, not as raw HTML.

A fragment is mostly HTML blocks (an FAQ answer, a table, a glossary entry) between
Markdown headings. Python-Markdown finds where a raw HTML block ends by parsing it tag
by tag, and MkDocs and ProperDocs parse the whole page again to list its anchors: at
ten times today's data, most of the engine's Markdown time. The generator wrote these
blocks, so it knows where each ends: it puts each between an OPEN and a CLOSE line,
and this module, a Markdown extension named in mkdocs.yml, stores what is between
them as it is, before Markdown or MkDocs look at the page. The page comes out the same
under every engine (tests/test_htmlfence.py); the engine just never parses the block.
Nothing else in any page changes: only these exact lines are read.

Only what Markdown would pass through untouched is fenced: a run of lines (between
blank lines) made of block-level elements, each starting and ending on lines of its
own. Anything else is left to Markdown, as before.

The anchors inside fenced blocks are out of sight of MkDocs' anchor check
(validation.links.anchors is `ignore`); the project's own built-site link test checks
every anchor on every engine (tests/test_site.py).
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.util import BLOCK_LEVEL_ELEMENTS

from .htmlscan import MARKUP, top_level_elements

OPEN = "<!-- verbatim-html -->"  # a comment: an engine without this extension shows nothing of it
CLOSE = "<!-- /verbatim-html -->"
# After snippets (32) have brought the fragments in and whitespace is normalised (30);
# before MkDocs' anchor scan (21) and Markdown's HTML blocks (20).
PRIORITY = 29
_BLANK = re.compile(r"[ \t]*")  # Markdown's blank line: spaces and tabs only
_FENCE_LINE = re.compile(rf"[ \t]*(?:{re.escape(OPEN)}|{re.escape(CLOSE)})[ \t]*")
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
# Markdown's HTML parser reads their text as markup, where a browser (and the scan) does
# not: a "<" in it could end the block elsewhere. An SVG's plain <title> is fine.
_MARKUP_IN_TEXT = re.compile(r"<(textarea|title|iframe|noscript)\b[^>]*>(?:(?!</\1)[\s\S])*?<(?!/\1)", re.I)


def fence_html_blocks(markdown: str) -> str:
    """The Markdown with each HTML block that Markdown would pass through untouched
    between an OPEN and a CLOSE line."""
    out: list[str] = []
    run: list[str] = []
    for line in markdown.split("\n"):
        if not _BLANK.fullmatch(line):
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
    first = MARKUP.match(run[0])  # a whole start tag at the start of the first line
    if not first or first.group(2) is None or first.group(1) or first.group(2).lower() not in _BLOCK_LEVEL:
        return run
    block = "\n".join(run)
    if any(_FENCE_LINE.fullmatch(line) for line in run) or _MARKUP_IN_TEXT.search(block):
        return run
    elements = top_level_elements(block)
    ends = [end for _, end, _ in elements]
    if not elements or None in ends or ends[-1] != len(block):
        return run  # an element not closed, or text after the last
    gaps = [block[last:start] for (start, _, _), last in zip(elements, [0] + ends)]
    if gaps[0] or any(gap != "\n" for gap in gaps[1:]) or any(name not in _BLOCK_LEVEL for _, _, name in elements):
        return run  # text beside an element, two on one line, or an inline one
    return [OPEN, *run, CLOSE]


class _VerbatimBlocks(Preprocessor):
    """Each block between an OPEN and a CLOSE line goes to Markdown's store of raw HTML,
    as Markdown's own HTML blocks do, and leaves its placeholder in the text."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = []
                else:
                    out.append(line)
            elif line == CLOSE:  # a block of its own, whatever the including page has next to it
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # never closed: leave it to Markdown
            out += [OPEN, *block]
        return out


class VerbatimHtmlExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_VerbatimBlocks(md), "verbatim_html", PRIORITY)


def makeExtension(**kwargs) -> VerbatimHtmlExtension:  # noqa: N802 - the name Markdown looks for
    return VerbatimHtmlExtension(**kwargs)
