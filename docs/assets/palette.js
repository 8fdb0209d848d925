/* The colour-scheme toggle, without restyling the whole page on load.

    When the theme's bundle mounts its palette toggle, it marks <body> as
    "switching", re-applies the colours and reads a computed style, then
    removes the mark: two restyles of every element on the page, about
    150-250 ms of blocked main thread on a slow phone, with nothing changed.
    This script takes the toggle over first. It removes the form's
    data-md-component, so the theme's bundle no longer mounts it, and does the
    same job: the same radio inputs and labels, the same saved choice
    ("__palette", read by the theme's inline script on every page), Enter to
    switch, and "follow the system setting". It restyles only when the colours
    really change.

    main.html loads this file in the head, deferred, so it runs before the
    theme's bundle (which starts later, assets/lazy-theme.js), on every
    engine. If it does not run, the theme's own toggle works as before. Tested in tests/test_browser.py. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-md-component=palette]");
  if (!form || typeof __md_get !== "function") return;
  form.removeAttribute("data-md-component");
  form.setAttribute("data-site-palette", "");

  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var KEYS = ["media", "scheme", "primary", "accent"];
  var FOLLOW_SYSTEM = "(prefers-color-scheme)";
  var light = matchMedia("(prefers-color-scheme: light)");
  var body = document.body;
  var current = 0;

  function colours(input) {
    var colour = {};
    KEYS.forEach(function (key) { colour[key] = input.getAttribute("data-md-color-" + key); });
    return colour;
  }

  // "Follow the system setting" takes its colours from the light or the dark choice.
  function resolved(index) {
    var colour = colours(inputs[index]);
    if (colour.media !== FOLLOW_SYSTEM) return colour;
    var system = form.querySelector(light.matches ? "[data-md-color-media='(prefers-color-scheme: light)']"
                                                  : "[data-md-color-media='(prefers-color-scheme: dark)']");
    return system ? colours(system) : colour;
  }

  // The browser's own colours (scroll bars, form controls, the phone's address bar) follow the page.
  // Both values are read before either tag is written: a new color-scheme restyles the page, and
  // reading a style after that would wait for the restyle. A light page needs no color-scheme tag.
  function updateBrowserColours() {
    var header = document.querySelector("[data-md-component=header]");
    if (!header) return;
    var style = getComputedStyle(header);
    var scheme = style.colorScheme, rgb = style.backgroundColor.match(/\d+/g) || [];
    meta("theme-color", true).content = "#" + rgb.slice(0, 3).map(function (c) {
      return (+c).toString(16).padStart(2, "0");
    }).join("");
    var tag = meta("color-scheme", scheme !== "light" && scheme !== "normal");
    if (tag && tag.content !== scheme) tag.content = scheme;
  }

  function meta(name, create) {
    var element = document.head.querySelector("meta[name='" + name + "']");
    if (!element && create) {
      element = document.createElement("meta");
      element.name = name;
      document.head.appendChild(element);
    }
    return element;
  }

  function apply(index) {
    current = index;
    var colour = resolved(index);
    // No stylesheet reads data-md-color-media, so only the other three restyle the page.
    var changed = KEYS.slice(1).some(function (key) { return body.getAttribute("data-md-color-" + key) !== colour[key]; });
    if (changed) body.setAttribute("data-md-color-switching", "");  // the theme's CSS: no transitions meanwhile
    KEYS.forEach(function (key) {
      if (body.getAttribute("data-md-color-" + key) !== colour[key]) body.setAttribute("data-md-color-" + key, colour[key]);
    });
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    __md_set("__palette", {index: index, color: colour});
    requestAnimationFrame(function () {
      if (changed) body.removeAttribute("data-md-color-switching");
      updateBrowserColours();
    });
  }

  var saved = null;
  try { saved = __md_get("__palette"); } catch (error) { saved = null; }
  var start = saved && typeof saved.index === "number" ? saved.index
    : inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
  apply(Math.max(0, Math.min(start, inputs.length - 1)));

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { if (input.checked) apply(i); });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  light.addEventListener("change", function () {
    if (colours(inputs[current]).media === FOLLOW_SYSTEM) apply(current);
  });
})();
