"""The critical-CSS step keeps the rules a page can use and nothing it cannot."""

from __future__ import annotations

from sitegen import criticalcss

PAGE = '<html dir="ltr"><body><nav class="menu"><a href="#x">Home</a></nav><p id="intro">Hi</p></body></html>'


def inlined(css: str, html: str = PAGE) -> str:
    return criticalcss.used(criticalcss.parse(css), criticalcss.page_tokens(html))


def test_a_rule_is_kept_when_the_page_has_what_its_selector_needs():
    assert inlined(".menu a{color:red}.other{color:blue}") == ".menu a{color:red}"


def test_functional_and_pseudo_parts_do_not_drop_a_rule():
    assert inlined(".menu a:not(.gone):hover{color:red}") == ".menu a:not(.gone):hover{color:red}"


def test_a_comment_before_a_rule_does_not_hide_it():
    # Before the fix, the comment's words were read as tag names ("the", "menu") and the rule was lost.
    assert inlined("/* The menu: links in the top bar */\n.menu a{color:red}") == ".menu a{color:red}"


def test_print_rules_are_left_out_even_after_a_comment():
    css = "/* Print: a clean handout */\n@media print{.menu{display:none}}@media screen{.menu{margin:0}}"
    assert inlined(css) == "@media screen{.menu{margin:0}}"


def test_rules_for_the_other_writing_direction_are_left_out():
    css = "[dir=ltr] .menu{left:0}[dir=rtl] .menu{right:0}"
    assert inlined(css) == "[dir=ltr] .menu{left:0}"
    assert inlined(css, PAGE.replace('dir="ltr"', 'dir="rtl"')) == "[dir=rtl] .menu{right:0}"


def test_custom_properties_nobody_reads_are_dropped():
    css = ":root{--used:red;--unused:blue}.menu{color:var(--used)}"
    assert inlined(css) == ":root{--used:red}.menu{color:var(--used)}"
