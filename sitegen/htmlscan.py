"""Parse built pages with the standard library: elements, attributes, text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A comment or one tag (shared with htmlfence). Possessive (*+, ++): a tag that never
# closes fails at once, not after trying every split.
MARKUP = re.compile(r"""<!--(?:-?>|.*?-->)|<(/?)([a-zA-Z][\w-]*)((?:[^>"']++|"[^"]*"|'[^']*')*+)>""", re.S)
_RAW_TEXT = ("script", "style", "textarea", "title", "noscript", "iframe")  # text up to the end tag
_FOREIGN = ("svg", "math")  # where `/>` does close an element


def top_level_elements(html: str, start: int = 0, end: int | None = None,
                       limit: int | None = None) -> list[tuple[int, int | None, str]]:
    """(start, end, tag name) of each element of html[start:end] that is not inside another,
    among those that start within `limit` characters; end is None for one still open.

    A scan of tags, not a parse, for markup this project wrote, and a fraction of the cost
    of html.parser. HTML's rules where they matter: only a void element (or one inside
    svg or math) closes itself, so `<div/>` opens a div; an end tag with no open element
    of its name is ignored; and the text of script, style and the like may hold "<"."""
    end = len(html) if end is None else end
    found: list[list] = []
    stack: list[str] = []
    at = start
    while (match := MARKUP.search(html, at, end)) is not None and (limit is None or match.start() - start <= limit):
        at = match.end()
        closing, name, attributes = match.groups()
        if name is None:
            continue  # a comment
        name = name.lower()
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
                if not stack:
                    found[-1][1] = at
            continue
        if not stack:
            found.append([match.start(), None, name])
        if name in VOID or (attributes.endswith("/") and any(f in stack for f in _FOREIGN)):
            if not stack:
                found[-1][1] = at
            continue
        stack.append(name)
        if name in _RAW_TEXT:  # its text may hold "<": go on from its end tag
            close = html.find(f"</{name}", at, end)
            at = close if close >= 0 else end
    return [(first, last, name) for first, last, name in found]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    children: list = field(default_factory=list)  # Element or str

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find(self, tag: str, **attrs):
        return next((e for e in self.iter(tag) if all(e.attrs.get(k) == v for k, v in attrs.items())), None)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def parse_file(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))
