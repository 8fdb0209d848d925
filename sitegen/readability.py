"""Flesch-Kincaid grade level of a built page's prose.

Only running prose counts: paragraphs, list items, admonitions and FAQ
answers inside the article. Tables, code, diagrams and headings are left out,
as the content standard says. The syllable count is the usual vowel-group
heuristic, good to about half a grade, which is enough to spot hard pages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP = {"table", "pre", "code", "svg", "figure", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
        "nav", "summary"}
# Not prose: link symbols, tooltips (their glossary entry counts), and the
# reference list, whose titles are other people's words.
SKIP_CLASSES = {"headerlink", "term__tip", "bibliography"}
BLOCK = {"p", "li", "dd", "dt", "div", "blockquote", "details", "br"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "rect", "circle", "line"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


class _ProseExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_article = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
        self.blocks: list[str] = []
        self.current: list[str] = []

    @property
    def skip(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth_article += 1
        if tag not in VOID:
            classes = (attrs.get("class") or "").split()
            self.stack.append((tag, tag in SKIP or bool(SKIP_CLASSES & set(classes))))
        if tag in BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if any(t == tag for t, _ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass
        if tag in BLOCK:
            self._flush()
        if tag == "article":
            self.depth_article -= 1

    def handle_data(self, data):
        if self.depth_article and not self.skip:
            self.current.append(data)


def prose_blocks(html: str) -> list[str]:
    parser = _ProseExtractor()
    parser.feed(html)
    parser._flush()
    return parser.blocks


def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch_kincaid(blocks: list[str]) -> tuple[float, int]:
    """(grade, words). Each block ends a sentence even without a full stop (list items)."""
    words = sentences = syllable_total = 0
    for block in blocks:
        block_words = WORD.findall(block)
        if not block_words:
            continue
        words += len(block_words)
        syllable_total += sum(syllables(w) for w in block_words)
        unfinished = block.rstrip()[-1] not in ".!?"  # a list item without a full stop
        sentences += len(SENTENCE_END.findall(block)) + unfinished
    if not words:
        return 0.0, 0
    return 0.39 * words / sentences + 11.8 * syllable_total / words - 15.59, words


def page_grade(html: str) -> tuple[float, int]:
    return flesch_kincaid(prose_blocks(html))
