"""Text helpers for the Jinja templates: escaping and citation labels.

Data values are plain text. Whatever a maintainer types (a `|`, `<script>`,
`*stars*`, backticks, `{: .attr }`, `--8<--`, a newline) must show up in the page
as those very characters, never as markup. Generated fragments are mostly raw
HTML blocks inside Markdown (fast for every engine to pass through), so text is
escaped for HTML (`h`). Headings stay Markdown, so they reach the table of
contents; their text uses `md`: a numeric character reference for anything
that is not a letter, digit or single inner space, which Python-Markdown passes
through untouched and browsers decode. Both return Markup, so Jinja's
autoescape never escapes twice.
"""

from __future__ import annotations

import html
import string
from typing import Any

from markupsafe import Markup

# Characters that no Markdown extension used here gives a meaning to.
_PLAIN = frozenset(string.ascii_letters + string.digits + ".,'")


def md_text(value: Any) -> Markup:
    """Escape plain text for Markdown: a heading, a list item or a link label."""
    text = str(value)
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in _PLAIN or (ch.isalnum() and ch.isprintable() and not ch.isascii()):
            out.append(ch)
        elif ch == " " and 0 < i < last and text[i - 1] != " " and text[i + 1] != " ":
            out.append(ch)
        else:
            out.append(f"&#{ord(ch)};")
    return Markup("".join(out))


def html_text(value: Any) -> Markup:
    """Escape text for HTML or SVG character data and attribute values.

    Tabs and line breaks become character references too: the HTML sits in a
    Markdown page, and Markdown turns a raw tab into spaces."""
    escaped = str(value) if isinstance(value, Markup) else html.escape(str(value), quote=True)
    return Markup(escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def one_line(value: Any) -> str:
    """Collapse whitespace, for places that end at a newline (abbreviation titles)."""
    return " ".join(str(value).split())


def _surname(name: str) -> str:
    return name.split()[-1]


def source_label(source: dict[str, Any]) -> str:
    """Short citation label: 'Vaswani et al. 2017', 'Ho, Jain & Abbeel' style kept short."""
    if source.get("short"):
        return source["short"]
    authors = [a for a in source.get("authors", []) if a != "et al."]
    if not authors:
        who = source["organisation"]
    elif len(authors) == 1 and len(source["authors"]) == 1:
        who = _surname(authors[0])
    elif len(source["authors"]) == 2:
        who = f"{_surname(authors[0])} & {_surname(authors[1])}"
    else:
        who = f"{_surname(authors[0])} et al."
    return f"{who} {source['year']}"


def author_line(source: dict[str, Any]) -> str:
    """Authors as printed in the bibliography: 'A, B and C', or the organisation."""
    if "authors" not in source:
        return source["organisation"]
    names = source["authors"]
    if len(names) == 1 or names[-1] == "et al.":
        return ", ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
