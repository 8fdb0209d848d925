"""The verbatim fence around generated HTML blocks (sitegen/htmlfence.py), and the tag
scan that finds where each block ends (sitegen/htmlscan.py)."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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
    # Was: a "<" inside a script's or a style's text began a tag that swallowed the end tag.
    ('<script>for(i=0;i<n;i++){}</script><p>y</p>', [(0, 35, "script"), (35, 43, "p")]),
    ('<style>a<b</style><p>y</p>', [(0, 18, "style"), (18, 26, "p")]),
    ('<textarea>x<y</textarea><div>z</div>', [(0, 24, "textarea"), (24, 36, "div")]),
])
def test_top_level_elements_are_the_elements_not_inside_another_with_where_each_ends(markup, expected):
    assert top_level_elements(markup) == expected


def test_a_tag_that_never_closes_is_given_up_at_once():
    """Was: with a quote left open, the scan tried every way to split the attribute text,
    twice as long for each character more (2 s at 22 characters)."""
    markup = "<a " + "x" * 5000 + " '" + "<p>b</p>"
    assert top_level_elements(markup) == [(5005, 5013, "p")]


def test_top_level_elements_stop_at_the_limit():
    markup = "<p>a</p>" + "<p>b</p>" * 10
    assert [start for start, _, _ in top_level_elements(markup, 0, len(markup), 20)] == [0, 8, 16]


FENCED = [
    '<details class="faq">\n<summary><h3 id="q">Q?</h3></summary>\n<p>A.</p>\n</details>',
    '<p>One.</p>\n<p class="source-line">Two.</p>',  # block-level elements on lines of their own
    '<dl>\n<dt>x</dt>\n<dd>y</dd>\n</dl>\n<script type="application/json">{"a": "</p> <div>"}</script>',
    '<hr>',
    '<div>\n```\ncode\n```\n</div>',  # backticks inside: Markdown leaves raw HTML alone
]
LEFT = [
    '<span class="term">inline</span>',  # not block-level: Markdown wraps it in a paragraph
    '<div>\n<p>a block that goes on</p>',  # past a blank line: Markdown finds its end
    '<p>a</p> and text after it',
    '<p>a</p><p>b</p>',  # two on one line
    '<p>a</p>\n<span>b</span>',
    'Text <p>a</p>',
    '<!-- a comment -->',
    '  <div>indented</div>',
    '<p\nclass="x">y</p>',  # a start tag over two lines
    '<p>a</p>\n\u00a0\n<p>b</p>',  # a no-break space is not a blank line to Markdown
    '<div><textarea></div></textarea></div>',  # Markdown reads the textarea's text as markup
    f'<div>\n{OPEN}\n</div>',  # a line that would open a fence
]


def _markdown(fence: bool = True) -> markdown.Markdown:
    """Markdown with the project's extensions, as every engine sets it up from mkdocs.yml;
    without the fence, as before it."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        extensions = yaml_load(handle)["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): next(iter(e.values())) for e in extensions if isinstance(e, dict)}
    if not fence:
        names.remove("sitegen.htmlfence")
    return markdown.Markdown(extensions=names, extension_configs=configs)


FENCE_ON, FENCE_OFF = _markdown(), _markdown(fence=False)


def same_page(fenced: str, plain: str) -> bool:
    """The finished HTML is the same (Markdown may put a blank line more or less between
    two blocks; the finishing step makes each run of blank lines between tags one break)."""
    return squeeze_markup(FENCE_ON.reset().convert(fenced)) == squeeze_markup(FENCE_OFF.reset().convert(plain))


@pytest.mark.parametrize("block", FENCED)
def test_a_block_markdown_would_pass_through_is_fenced_and_comes_out_the_same(block):
    text = f"## Heading {{#h}}\n\n{block}\n\nAfter."
    fenced = fence_html_blocks(text)
    assert fenced == f"## Heading {{#h}}\n\n{OPEN}\n{block}\n{CLOSE}\n\nAfter."
    assert same_page(fenced, text)


@pytest.mark.parametrize("block", LEFT)
def test_anything_else_is_left_to_markdown(block):
    text = f"Before.\n\n{block}\n\nAfter.\n"
    assert fence_html_blocks(text) == text


def test_a_fenced_block_stays_a_block_whatever_follows_it_in_the_including_page():
    """A page may go on right after its --8<-- line, with no blank line."""
    fenced = fence_html_blocks("<table><tr><td>a</td></tr></table>") + "\nText right after."
    assert same_page(fenced, "<table><tr><td>a</td></tr></table>\nText right after.")
    assert "<p>Text right after.</p>" in FENCE_ON.reset().convert(fenced)


def test_a_fence_left_open_is_left_to_markdown():
    assert same_page(f"{OPEN}\n<p>a</p>\n\nText.", f"{OPEN}\n<p>a</p>\n\nText.")


PIECES = ["<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<table>", "<tr><td>", "</td></tr>",
          "</table>", "<script>", "</script>", "<pre>", "</pre>", "<hr>", "<br>", "<!-- c -->", "<textarea>",
          "</textarea>", "a", "*b*", "`c`", "```", "~~~", " ", "\t", "\n", "\n\n", "'", '"', "<", ">", "&",
          "# h", "- i", "    ", "\u00a0", OPEN, CLOSE, '<p class="x"\n>', "<details>", "<summary>s</summary>",
          "</details>"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_fencing_never_changes_the_page(pieces):
    """Whatever a template or data puts in a fragment, the fence only changes how the
    engine gets the HTML, never the finished page."""
    text = "".join(pieces)
    assert same_page(fence_html_blocks(text), text)


UNFENCE = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.M | re.S)


def test_every_fragment_converts_to_the_same_html_fenced_or_not():
    """Each real fragment converts to the same finished HTML as without its fences and
    without the extension, and nearly every block is fenced (one left to Markdown only
    costs time)."""
    rendered = render.render_all(DATA, CONFIG, outputs_for(DATA))
    fragments = {target: text for target, text in rendered.items() if target.startswith("generated/")
                 and target.endswith(".md")}
    fenced_blocks = 0
    for target, text in fragments.items():
        plain, count = UNFENCE.subn(r"\1", text)
        fenced_blocks += count
        assert same_page(text, plain), target
    left = [f"{target}: {run[:60]}" for target, text in fragments.items()
            for run in re.split(r"\n[ \t]*\n", UNFENCE.sub("", text)) if re.match(r"<[a-zA-Z]", run)]
    assert fenced_blocks > 150 and left == [], left
