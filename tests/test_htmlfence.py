"""The verbatim fence around generated HTML blocks (sitegen/htmlfence.py), and the tag
scan that finds where each block ends (sitegen/htmlscan.py)."""

from __future__ import annotations

import re

import markdown
import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import CONFIG, DATA, ROOT
from sitegen import render
from sitegen.finish import squeeze_markup
from sitegen.htmlfence import CLOSE, OPEN, fence_html_blocks
from sitegen.htmlscan import top_level_elements
from sitegen.outputs import outputs_for


@pytest.mark.parametrize("markup, expected", [
    ('<p>a <em>b</em></p><div><p>c</p></div>', [(0, 19, "p"), (19, 38, "div")]),
    ('<p><a href=/x/>l</a> <em>e</em></p><p>f</p>', [(0, 35, "p"), (35, 43, "p")]),  # "/>" of an unquoted value
    ('<div class="x"/><p>inside the div</p></div><p>g</p>', [(0, 43, "div"), (43, 51, "p")]),  # only void elements self-close
    ('<p>a</p></p></div><hr/><br><p>b</p>', [(0, 8, "p"), (18, 23, "hr"), (23, 27, "br"), (27, 35, "p")]),  # stray end tags
    ('<!--><p>a</p><!-- <div> --><p title="a>b">c</p>', [(5, 13, "p"), (27, 47, "p")]),
    ('<noscript><p>x</noscript><script>"</p><p>"</script><p>y</p>',
     [(0, 25, "noscript"), (25, 51, "script"), (51, 59, "p")]),
    ('<svg><path d="M0"/><g/></svg><p>z</p>', [(0, 29, "svg"), (29, 37, "p")]),
    ('<div><p>open', [(0, None, "div")]),
])
def test_top_level_elements_are_the_elements_not_inside_another_with_where_each_ends(markup, expected):
    assert top_level_elements(markup) == expected


def test_top_level_elements_stop_at_the_limit():
    markup = "<p>a</p>" + "<p>b</p>" * 10
    assert [start for start, _, _ in top_level_elements(markup, 0, len(markup), 20)] == [0, 8, 16]


FENCED = [
    '<details class="faq">\n<summary><h3 id="q">Q?</h3></summary>\n<p>A.</p>\n</details>',
    '<p>One.</p>\n<p class="source-line">Two.</p>',  # block-level elements on lines of their own
    '<dl>\n<dt>x</dt>\n<dd>y</dd>\n</dl>\n<script type="application/json">{"a": "</p> <div>"}</script>',
    '<hr>',
]
LEFT = [
    '<span class="term">inline</span>',  # not block-level: Markdown wraps it in a paragraph
    '<div>\n<p>a block that goes on</p>',  # past a blank line: Markdown finds its end
    '<p>a</p> and text after it',
    '<p>a</p><p>b</p>',  # two on one line
    '<p>a</p>\n<span>b</span>',
    '<div>\n```\n</div>',  # a line that would end the fence early
    '<div>\n   ~~~~\n</div>',
    'Text <p>a</p>',
    '<!-- a comment -->',
    '  <div>indented</div>',
]


@pytest.mark.parametrize("block", FENCED)
def test_a_block_markdown_would_pass_through_is_fenced(block):
    text = f"## Heading {{#h}}\n\n{block}\n\nAfter."
    assert fence_html_blocks(text) == f"## Heading {{#h}}\n\n{OPEN}\n{block}\n{CLOSE}\n\nAfter."


@pytest.mark.parametrize("block", LEFT)
def test_anything_else_is_left_to_markdown(block):
    text = f"Before.\n\n{block}\n\nAfter.\n"
    assert fence_html_blocks(text) == text


def _markdown() -> markdown.Markdown:
    """Markdown with the project's extensions, as every engine sets it up from mkdocs.yml."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        extensions = yaml_load(handle)["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): next(iter(e.values())) for e in extensions if isinstance(e, dict)}
    return markdown.Markdown(extensions=names, extension_configs=configs)


UNFENCE = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.M | re.S)


def test_every_fragment_converts_to_the_same_html_fenced_or_not():
    """The fence changes how the engine's Markdown gets the blocks, never the page: each
    real fragment converts to the same HTML as without its fences, once finished (Markdown
    puts a blank line more or less between two blocks; the finishing step makes every run
    of blank lines between tags one line break)."""
    rendered = render.render_all(DATA, CONFIG, outputs_for(DATA))
    fragments = {target: text for target, text in rendered.items() if target.startswith("generated/")
                 and target.endswith(".md")}
    md = _markdown()
    fenced_blocks = 0
    for target, text in fragments.items():
        plain, count = UNFENCE.subn(r"\1", text)
        fenced_blocks += count
        assert squeeze_markup(md.reset().convert(text)) == squeeze_markup(md.reset().convert(plain)), target
    # Nearly every block is fenced; one left to Markdown only costs time.
    left = [f"{target}: {run[:60]}" for target, text in fragments.items()
            for run in re.split(r"\n[ \t]*\n", UNFENCE.sub("", text)) if re.match(r"<[a-zA-Z]", run)]
    assert fenced_blocks > 150 and left == [], left
