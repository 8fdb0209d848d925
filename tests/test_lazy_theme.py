"""assets/lazy-theme.js on its own, with a stand-in for the theme's bundle.

The stand-in does what both themes' bundles do at start (Material's and
Zensical's): it waits for DOMContentLoaded, then wires its controls and its
keyboard shortcuts. So this test covers what the MkDocs build cannot show:
Zensical's search button, which only the bundle makes work."""

from __future__ import annotations

import time

from sitegen import jscompact
from sitegen.pages_server import serve
from conftest import ROOT

BUNDLE = "assets/javascripts/bundle.0123abcd.min.js"
PAGE = """<!doctype html><html class="no-js"><head><meta charset="utf-8"><title>t</title></head><body>
<input type="checkbox" id="__search"><button class="md-search__button">Search</button>
<input id="field">
<script>
  window.log = [];
  document.addEventListener("DOMContentLoaded", () => log.push("page saw DOMContentLoaded"), {once: true});
</script>
<script src="assets/lazy-theme.js" data-theme-bundle="%s" defer></script>
</body></html>""" % BUNDLE
STAND_IN = """
window.log.push("bundle ran");
document.addEventListener("DOMContentLoaded", () => {
  log.push("bundle started");
  document.querySelector(".md-search__button").addEventListener("click", () => log.push("search opened"));
  window.addEventListener("keydown", e => log.push("key " + e.key));
}, {once: true});
"""


def serve_page(tmp_path):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    source = (ROOT / "docs" / "assets" / "lazy-theme.js").read_text(encoding="utf-8")
    (tmp_path / "assets" / "lazy-theme.js").write_text(jscompact.compact(source), encoding="utf-8")  # as served
    (tmp_path / BUNDLE).write_text(STAND_IN, encoding="utf-8")
    return serve(tmp_path, "/")


def slow_bundle(route):
    time.sleep(0.4)  # the bundle is still on its way when the reader's click or key lands
    route.continue_()


def open_page(chromium, url):
    tab = chromium.new_page()
    requested = []
    tab.on("request", lambda r: requested.append(r.url))
    tab.route("**/bundle.*", slow_bundle)
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    assert not [u for u in requested if "bundle." in u]
    return tab, requested


def test_a_click_on_a_control_only_the_bundle_runs_is_replayed_once_it_has_started(chromium, tmp_path):
    with serve_page(tmp_path) as url:
        tab, requested = open_page(chromium, url)
        tab.click(".md-search__button")
        tab.wait_for_function("log.includes('search opened')")
        assert tab.evaluate("log") == ["page saw DOMContentLoaded", "bundle ran", "bundle started", "search opened"]
        assert tab.evaluate("document.documentElement.hasAttribute('data-theme-started')")
        assert len([u for u in requested if "bundle." in u]) == 1
        tab.close()


def test_a_shortcut_key_before_the_bundle_has_started_reaches_it_but_typing_in_a_field_does_not(chromium, tmp_path):
    with serve_page(tmp_path) as url:
        tab, _ = open_page(chromium, url)
        tab.keyboard.press("n")
        tab.wait_for_function("log.includes('bundle started')")
        tab.wait_for_timeout(100)
        assert tab.evaluate("log").count("key n") == 1
        tab.close()
        tab, _ = open_page(chromium, url)
        tab.focus("#field")  # focus starts the bundle; a key typed in a field is the field's
        tab.keyboard.press("n")
        tab.wait_for_function("log.includes('bundle started')")
        tab.wait_for_timeout(100)
        assert "key n" not in tab.evaluate("log") and tab.input_value("#field") == "n"
        tab.close()


def test_a_search_key_opens_the_search_toggle_at_once_where_the_page_has_a_search_field(chromium, tmp_path):
    with serve_page(tmp_path) as url:
        field = '<input class="md-search__input">'
        (tmp_path / "index.html").write_text(PAGE.replace('<input id="field">', field), encoding="utf-8")
        tab, _ = open_page(chromium, url)
        tab.keyboard.press("/")
        assert tab.evaluate("document.getElementById('__search').checked")  # before the bundle has arrived
        assert tab.evaluate("document.activeElement.className") == "md-search__input"
        tab.wait_for_function("log.includes('bundle started')")
        assert "key /" not in tab.evaluate("log") and tab.input_value(".md-search__input") == ""
        tab.close()


STYLED = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="full.css" media="print" data-on-demand="all"></head><body><p id="p">text</p>
<script src="assets/lazy-theme.js" %s defer></script></body></html>"""


def test_the_full_stylesheet_applies_to_the_screen_at_the_first_action_with_or_without_a_bundle(chromium, tmp_path):
    """Until then it is a print stylesheet: downloaded, used for printing, never restyling the page."""
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    source = (ROOT / "docs" / "assets" / "lazy-theme.js").read_text(encoding="utf-8")
    (tmp_path / "assets" / "lazy-theme.js").write_text(jscompact.compact(source), encoding="utf-8")
    (tmp_path / BUNDLE).write_text(STAND_IN, encoding="utf-8")
    (tmp_path / "full.css").write_text("#p{color:rgb(1, 2, 3)}", encoding="utf-8")
    pages = {"with-bundle": f'data-theme-bundle="{BUNDLE}"', "without": ""}
    for name, attributes in pages.items():
        (tmp_path / f"{name}.html").write_text(STYLED % attributes, encoding="utf-8")
    with serve(tmp_path, "/") as url:
        for name, action in (("with-bundle", "keydown"), ("without", "mousemove")):
            tab = chromium.new_page()
            tab.goto(url + f"{name}.html")
            tab.wait_for_load_state("networkidle")
            colour = "getComputedStyle(document.getElementById('p')).color"
            assert tab.evaluate(colour) != "rgb(1, 2, 3)"
            assert tab.evaluate("document.querySelector('link[data-on-demand]').media") == "print"
            if action == "keydown":
                tab.keyboard.press("Shift")
            else:
                tab.mouse.move(10, 10)
            tab.wait_for_function(f"{colour} === 'rgb(1, 2, 3)'")
            assert tab.evaluate("document.querySelector('link[data-on-demand]').media") == "all"
            tab.close()
