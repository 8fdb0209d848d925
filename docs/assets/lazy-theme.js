/* Start the theme's script when a reader first does something, not during load.

    The theme's bundle (Material's or Zensical's) costs a slow phone two long
    tasks while a page loads: about 130 ms to evaluate it and 150 ms to mount
    its parts, at 4x CPU slowdown. It also weighs about 34 KiB gzip, a third of
    a first visit. Reading a page needs none of it: the menus, the table of
    contents, tabs and the colour toggle (assets/palette.js) work without it,
    and so do the guide's own widgets (assets/site.js). What it adds is search,
    the table of contents following the scroll, the back-to-top button and the
    keyboard shortcuts, and a reader reaches each of those by a touch, a key, a
    click or a scroll. So the bundle is requested at the first of those.

    The finishing step (sitegen/finish.py) puts this file where the bundle's
    <script> was, with the bundle's address in data-theme-bundle, and sets the
    page's "js" class in the head, so the page looks the same before and after
    the bundle starts (site.css keeps the sidebars' height until then). The
    bundle starts its work on DOMContentLoaded, which has passed by then, so
    this script fires that event again for it once it has run.

    The search keys (/, s, f) open search at once, before the bundle arrives,
    where the search field is in the page (Material); the bundle then finds the
    query already typed. Other shortcut keys (n, p), and the search keys where
    the bundle builds the search dialog itself (Zensical), are replayed for the
    bundle when it has started, and so is a click on Zensical's search button.
    The page's full stylesheet waits for the same moment. The finishing step
    inlines every rule the page and the guide's own scripts can use, and links
    the full stylesheet as a print stylesheet (data-on-demand holds the media it
    should have on screen). Applying it to the screen restyles the whole page, a
    task of about 100 ms on a slow phone, for nothing the reader can see; the
    bundle's search box and buttons need it, so it applies just before the
    bundle is requested, or at the first mouse movement, for hover styles.

    Tested in tests/test_lazy_theme.py and tests/test_browser.py. */
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = script && script.getAttribute("data-theme-bundle");
  var EVENTS = ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin"];
  var STYLE_EVENTS = EVENTS.concat(["mousemove"]);
  var styled = false;

  function applyStyles() {
    if (styled) return;
    styled = true;
    STYLE_EVENTS.forEach(function (type) { window.removeEventListener(type, applyStyles, true); });
    var links = document.querySelectorAll("link[data-on-demand]");
    for (var i = 0; i < links.length; i++) links[i].media = links[i].getAttribute("data-on-demand");
  }
  STYLE_EVENTS.forEach(function (type) { window.addEventListener(type, applyStyles, { capture: true, passive: true }); });
  if (!bundle) return;
  var SEARCH_KEYS = ["/", "s", "f"];
  var REPLAYED_KEYS = ["n", "p", ",", "."];
  var BUNDLE_CONTROLS = ".md-search__button"; // Zensical's search button: only the bundle makes it work
  var started = false, replay = null, clicked = null;

  function inField(target) {
    return !!(target && target.closest && target.closest("input, textarea, select, [contenteditable]"));
  }
  function openSearch() {
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input, .md-search input");
    if (!toggle || !input) return false;
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    input.focus();
    return true;
  }
  function onKey(event) {
    var key = (event.key || "").toLowerCase();
    if (event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) return;
    if (SEARCH_KEYS.indexOf(key) >= 0 && openSearch()) {
      event.preventDefault();
    } else if (SEARCH_KEYS.indexOf(key) >= 0 || REPLAYED_KEYS.indexOf(key) >= 0) {
      replay = { key: event.key, code: event.code, shiftKey: event.shiftKey, bubbles: true };
    }
  }
  function onClick(event) {
    var control = event.target.closest && event.target.closest(BUNDLE_CONTROLS);
    if (control) {
      clicked = control;
      event.preventDefault();
    }
  }
  function ran() {
    window.removeEventListener("keydown", onKey, true);
    window.removeEventListener("click", onClick, true);
    // The bundle listens for DOMContentLoaded once; if that has passed, fire it again.
    if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
    document.documentElement.setAttribute("data-theme-started", "");
    if (replay) document.dispatchEvent(new KeyboardEvent("keydown", replay));
    if (clicked) clicked.click();
  }
  function start() {
    if (started) return;
    started = true;
    EVENTS.forEach(function (type) { window.removeEventListener(type, start, true); });
    applyStyles();
    var element = document.createElement("script");
    element.src = bundle;
    element.onload = ran;
    document.body.appendChild(element);
  }
  window.addEventListener("keydown", onKey, true);
  window.addEventListener("click", onClick, true);
  EVENTS.forEach(function (type) { window.addEventListener(type, start, { capture: true, passive: true }); });
})();
