"""Finishing for first paint: the critical CSS a page can use, one combined stylesheet, less whitespace."""

from __future__ import annotations

import re

import pytest

from sitegen import criticalcss, finish

PAGE = '<html dir="ltr"><body><nav class="menu"><a href="#x">Home</a></nav><p id="intro">Hi</p></body></html>'


def inlined(css: str, html: str = PAGE) -> str:
    return criticalcss.used(criticalcss.parse(css), criticalcss.page_tokens(html))


def test_a_rule_is_kept_when_the_page_has_what_its_selector_needs():
    assert inlined(".menu a{color:red}.other{color:blue}") == ".menu a{color:red}"


def test_functional_and_pseudo_parts_do_not_drop_a_rule():
    assert inlined(".menu a:not(.gone)::before{color:red}") == ".menu a:not(.gone)::before{color:red}"


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


def test_rules_that_need_a_reader_to_act_are_left_out_but_load_time_states_stay():
    css = "a:hover,p{color:red}.menu a:focus-visible{outline:0}nav:focus-within{x:1}a:checked{y:2}#intro:target{z:3}"
    assert inlined(css) == "p{color:red}a:checked{y:2}#intro:target{z:3}"


def test_rules_for_the_back_to_top_button_are_left_out():
    """It starts hidden, and only the theme's script, which starts after the full
    stylesheet applies, shows it. The dialog's rules stay: without them, links into
    later blocks landed off screen."""
    css = ".md-top{position:fixed}.md-top[hidden]{x:1}.md-top__icon{y:2}.menu,.md-top{z:3}.md-dialog{w:4}"
    page = PAGE.replace("<body>", '<body><button class="md-top" hidden><span class="md-top__icon"></span></button>'
                                  '<div class="md-dialog"></div>')
    assert inlined(css, page) == ".menu{z:3}.md-dialog{w:4}"


def test_inlined_css_loses_the_whitespace_a_browser_ignores_but_keeps_quotes_and_calc():
    css = (".menu a,\n  nav a {\n  color: red;\n  width: calc(100% - 2rem);\n}\n"
           '.menu > a::after { content: "  a, b : c  " }')
    assert inlined(css) == ('.menu a,nav a{color:red;width:calc(100% - 2rem)}'
                            '.menu>a::after{content:"  a, b : c  "}')


def test_rules_for_an_open_theme_panel_are_kept_so_it_opens_before_the_full_stylesheet():
    """Was: rules for open panels (the phone menu, search) were left out until the full
    stylesheet applied, so a tap on the menu before it had downloaded (as a print
    stylesheet, at the lowest priority) checked the toggle and nothing moved."""
    css = "[data-md-toggle=search]:checked~.menu{a:1}[data-md-toggle=drawer]:checked~.menu{b:2}.menu{c:3}"
    toggles = '<input data-md-toggle="search" type="checkbox"><input data-md-toggle="drawer" type="checkbox">'
    assert inlined(css, PAGE.replace("<body>", "<body>" + toggles)) == css


def test_keyframes_no_kept_rule_animates_with_are_dropped():
    css = ("@keyframes fade{0%{opacity:0}to{opacity:1}}@keyframes spin{to{rotate:1turn}}"
           ".menu{animation:fade .2s}.gone{animation-name:spin}")
    assert inlined(css) == "@keyframes fade{0%{opacity:0}to{opacity:1}}.menu{animation:fade .2s}"
    # A name read from a custom property cannot be told from here: every keyframe stays.
    through_property = ":root{--enter:spin 1s}@keyframes spin{to{rotate:1turn}}.menu{animation:var(--enter)}"
    assert inlined(through_property) == through_property


def test_custom_properties_nobody_reads_are_dropped():
    css = ":root{--used:red;--unused:blue}.menu{color:var(--used)}"
    assert inlined(css) == ":root{--used:red}.menu{color:var(--used)}"


def test_custom_properties_read_through_another_a_kept_selector_or_a_whole_at_rule_stay():
    css = (":root{--a:var(--b);--b:red;--c:blue;--d:2px;--e:fade}"
           ".menu,.absent{color:var(--a)}.absent{color:var(--c)}"
           "@font-face{font-family:x;src:local(x);size-adjust:var(--d)}@keyframes fade{to{opacity:0}}")
    assert inlined(css) == (":root{--a:var(--b);--b:red;--d:2px}.menu{color:var(--a)}"
                            "@font-face{font-family:x;src:local(x);size-adjust:var(--d)}")


def test_stylesheets_are_combined_unless_one_refers_to_a_file_by_a_relative_address(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "theme.css").write_text(".menu{color:red}/*# sourceMappingURL=theme.css.map*/")
    (site / "assets" / "theme.css.map").write_text("{}")
    (site / "assets" / "own.css").write_text("#intro{color:blue}")
    (site / "assets" / "font.css").write_text("p{background:url(bg.png)}")
    head = ('<link rel="stylesheet" href="assets/theme.css"><link rel="stylesheet" href="assets/{}.css">'
            f'<script src="{finish.LAZY_THEME}" {finish.THEME_LOADER_MARK}="bundle.js" defer></script>')
    sheets = finish.StylesheetCache(tmp_path, site)

    page = finish.inline_critical_css(head.format("own") + PAGE, "", sheets)
    (combined,) = (site / "assets" / "stylesheets").glob("combined.*.css")
    assert combined.read_text() == ".menu{color:red}\n#intro{color:blue}\n"
    assert page.count(f'media="print" {finish.ON_DEMAND}="all"') == 1
    assert f'href="{combined.relative_to(site).as_posix()}"' in page

    page = finish.inline_critical_css(head.format("font") + PAGE, "", sheets)
    assert page.count(finish.ON_DEMAND) == 2 and 'href="assets/font.css"' in page  # linked as they were
    sheets.remove_combined_sources()
    assert sorted(p.name for p in (site / "assets").glob("*.css")) == ["font.css", "theme.css"]


def test_indentation_and_comments_between_tags_go_and_text_that_counts_stays():
    page = ('<p>\n    One\n      <a href="x"\n         title="a\n   b">two</a>\n</p>\n\n'
            '<!-- Generated from data/x.yaml -->\n<p>&lt;!-- shown --&gt;</p>'
            '<pre><code>  keep\n    this <!-- in code --></code></pre><code>a\n  b</code>'
            '<script>\n  var x; <!-- in a script\n</script>')
    assert finish.squeeze_markup(page) == ('<p>\nOne\n<a href="x"\n         title="a\n   b">two</a>\n</p>\n'
                                           '<p>&lt;!-- shown --&gt;</p>'
                                           '<pre><code>  keep\n    this <!-- in code --></code></pre><code>a\n  b</code>'
                                           '<script>\n  var x; <!-- in a script\n</script>')
    assert finish.squeeze_markup(finish.squeeze_markup(page)) == finish.squeeze_markup(page)


THEMED = ('<!doctype html><html class="no-js"><head><meta charset="utf-8"><link rel="stylesheet" href="../t.css">'
          '</head><body><div class="md-search">s</div>'
          '<script src="../assets/javascripts/bundle.1a2b.min.js"></script></body></html>')


def test_the_theme_bundle_is_replaced_by_its_on_demand_loader_and_the_page_starts_as_js():
    page = finish.start_theme_on_demand(THEMED)
    assert ('<script src="../assets/lazy-theme.js" data-theme-bundle="../assets/javascripts/bundle.1a2b.min.js" '
            'defer></script>') in page
    assert "<script src=\"../assets/javascripts/bundle" not in page
    assert page.index(finish.JS_CLASS) == page.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    assert finish.start_theme_on_demand(page) == page  # finishing twice changes nothing
    no_bundle = THEMED.replace("bundle.1a2b.min.js", "other.js")
    assert finish.start_theme_on_demand(no_bundle) == no_bundle


def test_a_page_that_starts_as_js_gets_the_js_rules_at_first_paint(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "t.css").write_text(".no-js .md-search{display:none}.js .md-search{color:red}")
    sheets = finish.StylesheetCache(tmp_path, site)
    critical = finish.inline_critical_css(finish.start_theme_on_demand(THEMED), "x/", sheets)
    assert ".js .md-search{color:red}" in critical and ".no-js" not in critical.split("<style")[1].split("</style>")[0]
    plain = finish.inline_critical_css(THEMED, "x/", sheets)  # a page left as no-js keeps its no-js rules
    assert ".no-js .md-search{display:none}" in plain and ".js .md-search" not in plain


def test_a_custom_property_declared_in_one_stylesheet_and_read_in_another_is_kept(tmp_path):
    """The theme's palette file declares the dark colours; its main file reads them."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "main.css").write_text("body{color:var(--fg)}")
    (site / "palette.css").write_text("[data-scheme=dark]{--fg:#eee;--unread:1px}")
    page = ('<html><head><link rel="stylesheet" href="main.css"><link rel="stylesheet" href="palette.css"></head>'
            '<body data-scheme="light">x</body></html>')
    critical = finish.inline_critical_css(page, "", finish.StylesheetCache(tmp_path, site))
    assert "<style data-critical>body{color:var(--fg)}[data-scheme=dark]{--fg:#eee}</style>" in critical


def test_rules_for_colours_the_site_does_not_offer_are_left_out():
    page = ('<body data-md-color-scheme="default" data-md-color-primary="indigo"><input data-md-color-scheme="slate">'
            '</body>')
    css = ("[data-md-color-primary=red]{a:1}[data-md-color-primary=indigo]{b:2}"
           "[data-md-color-scheme=slate]{c:3}[data-md-color-scheme=\"default\"]{d:4}[data-md-color-accent=red]{e:5}")
    assert inlined(css, page) == "[data-md-color-primary=indigo]{b:2}[data-md-color-scheme=slate]{c:3}" \
                                 "[data-md-color-scheme=\"default\"]{d:4}"


def test_a_full_stylesheet_downloads_as_print_and_keeps_its_screen_media_for_later():
    """Print gets it at once; assets/lazy-theme.js gives the screen its media back on demand."""
    assert finish.lazy_stylesheet('<link rel="stylesheet" href="a.css">') == (
        f'<link rel="stylesheet" href="a.css" media="print" {finish.ON_DEMAND}="all">'
        '<noscript><link rel="stylesheet" href="a.css"></noscript>')
    assert finish.lazy_stylesheet('<link rel="stylesheet" media="screen and (min-width:40em)" href="b.css" />') == (
        f'<link rel="stylesheet" href="b.css" media="print" {finish.ON_DEMAND}="screen and (min-width:40em)">'
        '<noscript><link rel="stylesheet" media="screen and (min-width:40em)" href="b.css" /></noscript>')


def test_without_the_theme_loader_the_full_stylesheet_stays_a_blocking_link(tmp_path):
    """Was: linked as a print stylesheet on every page, though only assets/lazy-theme.js
    ever gives it the screen; a page without the theme's bundle (so without the loader)
    lost its hover and focus styles for good."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "t.css").write_text(".menu{a:1}")
    page = '<html><head><meta charset="utf-8"><link rel="stylesheet" href="t.css"></head><body>{}</body></html>'
    cache = finish.StylesheetCache(tmp_path, site)
    plain = finish.inline_critical_css(page.format('<p class="menu">x</p>'), "", cache)
    assert 'media="print"' not in plain and re.search(r'<link rel="stylesheet" href="assets/stylesheets/combined\.\w+\.css">', plain)
    bundle = '<script src="assets/javascripts/bundle.1a2b.min.js"></script>'
    themed = finish.inline_critical_css(finish.start_theme_on_demand(page.format(bundle)), "", cache)
    assert 'media="print"' in themed


def test_what_the_guides_own_scripts_add_to_a_page_is_styled_from_the_first_paint(tmp_path):
    """The full stylesheet waits for the reader, so a widget that a script builds after
    first paint (the FAQ's copy buttons, say) needs its rules inlined. Without them the
    FAQ moved by 0.095 when the stylesheet arrived after site.js had run. Was, too: only
    classes of a family the page already had, so a utility class (the chooser's hidden live
    region), tags only the script creates (its legends) and attributes it sets through an
    object's keys were left for the full stylesheet."""
    assets = tmp_path / "docs" / "assets"
    assets.mkdir(parents=True)
    own_css = (".faq__copy{float:right}.quiz__result{color:red}.example{x:1}[aria-sort] .faq__copy{y:2}"
               ".visually-hidden{clip:0}.chooser legend{w:7}.faq [hidden]{v:1}.faq aside{u:1}")
    (assets / "own.css").write_text(own_css)
    (assets / "own.js").write_text("// don't be fooled by an apostrophe: \"example\" or aside\n"
                                   'var b = make("button", {class: "faq__copy"}); el.className = \'quiz__result \';\n'
                                   'th.setAttribute("aria-sort", "none"); make("legend", { hidden: true });\n'
                                   'status.className = "visually-hidden"; var t = "table";\n')
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "own.css").write_text(own_css)
    (site / "theme.css").write_text(".faq table{t:1}.faq legend{s:1}")  # a named tag is not a created one
    page = ('<html><head><meta charset="utf-8"><link rel="stylesheet" href="theme.css">'
            '<link rel="stylesheet" href="assets/own.css"></head><body>'
            '<div class="faq"><p>FAQ</p></div><div class="chooser"></div>'
            '<script src="../assets/javascripts/bundle.1a2b.min.js"></script>'
            '<script src="assets/own.js"></script></body></html>')
    critical = finish.inline_critical_css(finish.start_theme_on_demand(page), "", finish.StylesheetCache(tmp_path, site))
    # "example" and "aside" are only in a comment
    assert ("<style data-critical>.faq legend{s:1}.faq__copy{float:right}.quiz__result{color:red}"
            "[aria-sort] .faq__copy{y:2}.visually-hidden{clip:0}.chooser legend{w:7}.faq [hidden]{v:1}</style>"
            ) in critical
    without_script = page.replace('<script src="assets/own.js"></script>', "")
    critical = finish.inline_critical_css(finish.start_theme_on_demand(without_script), "",
                                          finish.StylesheetCache(tmp_path, site))
    assert ".faq__copy" not in critical.split("</style>")[0]
    # Where other pages have quiz markup, the script builds quiz parts only inside a quiz:
    # this page has none. No page has visually-hidden markup: only scripts make it.
    sheets = finish.StylesheetCache(tmp_path, site)
    sheets.markup_families = criticalcss.class_families('<div class="quiz"></div><p class="faq"></p>')
    critical = finish.inline_critical_css(finish.start_theme_on_demand(page), "", sheets)
    assert ".quiz__result" not in critical and ".visually-hidden{clip:0}" in critical and ".faq__copy" in critical


def test_a_page_is_drawn_once_its_first_part_has_been_parsed():
    page = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><p>x</p></body></html>'
    done = finish.paint_when_parsed(page)
    assert done == ('<!doctype html><html><head><meta charset="utf-8">' + finish.PAINT_WHEN_PARSED +
                    '<title>t</title></head><body><p>x</p>' + finish.FIRST_PART_END + '</body></html>')
    assert finish.paint_when_parsed(done) == done  # finishing twice changes nothing
    assert finish.paint_when_parsed("<p>a fragment</p>") == "<p>a fragment</p>"
    # With two sections or more, the first part ends where the second section starts.
    sections = page.replace("<p>x</p>", '<article><h1>T</h1><p>x</p><h2 id="a">A</h2><p>y</p><h2>B</h2><p>z</p>'
                                        "</article><footer><h2>Not the article's</h2></footer>")
    assert '<p>y</p>' + finish.FIRST_PART_END + '<h2>B</h2>' in finish.paint_when_parsed(sections)
    one = sections.replace("<h2>B</h2>", "<h3>B</h3>")
    assert finish.paint_when_parsed(one).endswith(finish.FIRST_PART_END + "</body></html>")


def test_a_long_first_section_is_not_all_in_the_first_part():
    """The handout: one short section, then a long table. The first part ends before the last
    block of the article that starts within FIRST_PART_ARTICLE_CHARS, never inside one, and
    never before the first heading."""
    cell = "<tr><td>" + "word " * 40 + "</td></tr>"
    long_table = "<table>" + cell * (finish.FIRST_PART_ARTICLE_CHARS // len(cell) + 5) + "</table>"
    script = '<script type="application/json">{"a": "<p>not a block</p>"}</script>'
    article = (f'<article><a href="edit">e</a><h1>T</h1><!-- <p>a comment</p> --><p>intro <em>x</em></p>{script}'
               f'<h2 id="a">A</h2>{long_table}<p>after</p><div><p>{"more " * 2000}</p></div></article>')
    page = f"<!doctype html><html><head><title>t</title></head><body>{article}</body></html>"
    done = finish.paint_when_parsed(page)
    assert done.count(finish.FIRST_PART_END) == 1
    assert f'<h2 id="a">A</h2>{finish.FIRST_PART_END}<table>' in done
    # A short article keeps the whole of it in the first part, as before.
    short = page.replace(long_table, "<table></table>").replace("more " * 2000, "more")
    assert finish.paint_when_parsed(short).endswith(finish.FIRST_PART_END + "</body></html>")
    # Nothing before the first heading counts: a huge first block after the title stays whole.
    huge = page.replace("<h1>T</h1>", "").replace('<h2 id="a">A</h2>', "")
    assert finish.paint_when_parsed(huge).endswith(finish.FIRST_PART_END + "</body></html>")


def test_rules_compacted_one_by_one_make_the_compacted_whole_on_every_page(site, pages):
    """`used` compacts each rule once per build and joins them; on the real stylesheets
    and every page, that is the whole CSS text compacted at once."""
    combined = next((site / "assets" / "stylesheets").glob("combined.*.css"))
    nodes = criticalcss.parse(combined.read_text(encoding="utf-8"))
    for url, path in pages.items():
        kept = criticalcss._without_unused_keyframes(criticalcss._kept(nodes, criticalcss.page_tokens(path.read_text())))
        whole = criticalcss.compact(criticalcss._serialise(kept, criticalcss._used_variables(kept)))
        assert criticalcss.used(nodes, criticalcss.page_tokens(path.read_text())) == whole, url
