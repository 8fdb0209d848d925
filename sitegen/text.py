"""Text helpers for the Jinja templates: escaping and citation labels.

Data values are plain text. Whatever a maintainer types (a `|`, `<script>`,
`*stars*`, backticks, `{: .attr }`, `--8<--`, a newline) must show up in the page
as those very characters, never as markup and never breaking a table row. The
safest form for every Markdown extension in use is a numeric character
reference for anything that is not a letter, digit or single inner space:
Python-Markdown passes references through untouched and browsers decode them.
"""

from __future__ import annotations

import html
import string
from typing import Any

# Characters that no Markdown extension used here gives a meaning to.
_PLAIN = frozenset(string.ascii_letters + string.digits + ".,'")


def md_text(value: Any) -> str:
    """Escape plain text for a Markdown table cell, list item or link label."""
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
    return "".join(out)


def xml_text(value: Any) -> str:
    """Escape text for SVG/XML character data and attribute values.

    Tabs and line breaks become character references too: the SVG sits in a
    Markdown page, and Markdown turns a raw tab into spaces."""
    escaped = html.escape(str(value), quote=True)
    return escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


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
