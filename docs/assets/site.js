/* Site enhancements on top of Material for MkDocs.
 *
 * Every feature enhances HTML that already works without JavaScript (tables,
 * <details>, plain links). Setup runs on each page view through Material's
 * `document$`; each feature is safe to run twice on the same page, and runs
 * on its own, so an error in one never stops the others. Links come from the
 * page's data, resolved at build time: nothing here builds an address.
 */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { el.setAttribute(key, attrs[key]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function liveRegion(parent, className) {
    var region = make("div", { role: "status", "aria-live": "polite", "aria-atomic": "true", class: className });
    parent.appendChild(region);
    return region;
  }

  /* FAQ: open the answer the address points at, and offer a copy-link button. */
  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView({ block: "start" });
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var field = make("textarea", { "aria-hidden": "true", class: "visually-hidden" });
    field.value = text;
    document.body.appendChild(field);
    field.select();
    document.execCommand("copy");
    field.remove();
    return Promise.resolve();
  }

  function setupFaq() {
    var entries = document.querySelectorAll("details.faq");
    if (!entries.length) return;
    var status = document.querySelector(".faq-status") || liveRegion(document.querySelector("article"), "faq-status visually-hidden");
    entries.forEach(function (entry) {
      if (entry.parentElement.classList.contains("faq__item")) return;
      var wrapper = make("div", { class: "faq__item" });
      entry.parentNode.insertBefore(wrapper, entry);
      wrapper.appendChild(entry);
      var question = entry.querySelector("summary").textContent.trim();
      var button = make("button", { type: "button", class: "faq__copy", "aria-label": "Copy link to: " + question }, "Copy link");
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + "#" + entry.id;
        copyText(url).then(function () {
          button.textContent = "Copied";
          status.textContent = "Link to \u201c" + question + "\u201d copied.";
          setTimeout(function () { button.textContent = "Copy link"; }, 2000);
        });
      });
      wrapper.appendChild(button);
    });
    openFromHash();
  }

  /* Term tooltips open on hover and focus without script; Escape hides the open one. */
  function setupTerms() {
    if (document.body.dataset.termsReady) return;
    document.body.dataset.termsReady = "true";
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll(".term:hover, .term:focus-within").forEach(function (term) {
        term.classList.add("term--dismissed");
      });
    });
    document.addEventListener("focusout", function (event) {
      var term = event.target.closest && event.target.closest(".term--dismissed");
      if (term) term.classList.remove("term--dismissed");
    });
    document.addEventListener("mouseout", function (event) {
      var term = event.target.closest && event.target.closest(".term--dismissed");
      if (term && !term.contains(event.relatedTarget)) term.classList.remove("term--dismissed");
    });
  }

  /* Use-case chooser: pick an output, then a task; shows the best kind of model and why. */
  function setupChooser() {
    var root = document.getElementById("use-case-chooser");
    var data = readJson("chooser-data");
    if (!root || !data || root.dataset.ready) return;
    root.dataset.ready = "true";

    var fieldset = make("fieldset", { class: "chooser__outputs" });
    fieldset.appendChild(make("legend", {}, "What do you need to produce?"));
    [""].concat(data.outputs).forEach(function (output, index) {
      var label = make("label", { class: "chooser__option" });
      var radio = make("input", { type: "radio", name: "chooser-output", value: output });
      if (index === 0) radio.checked = true;
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + (output ? data.output_labels[output] : "Anything")));
      fieldset.appendChild(label);
    });
    var taskLabel = make("label", { for: "chooser-task", class: "chooser__label" }, "Task");
    var select = make("select", { id: "chooser-task", class: "chooser__select" });
    var result = liveRegion(root, "chooser__result");
    root.insertBefore(fieldset, result);
    root.insertBefore(taskLabel, result);
    root.insertBefore(select, result);

    function systemLink(example) {
      return make("a", { href: example.href }, example.name);
    }

    function show() {
      var task = data.tasks.filter(function (t) { return t.id === select.value; })[0];
      result.textContent = "";
      if (!task) return;
      var best = make("p", { class: "chooser__best" });
      best.appendChild(make("strong", {}, "Best fit: "));
      best.appendChild(document.createTextNode(data.families[task.best] + "."));
      result.appendChild(best);
      result.appendChild(make("p", {}, task.reason));
      var examples = make("p", {});
      examples.appendChild(make("strong", {}, "Example systems: "));
      if (task.examples.length) {
        task.examples.forEach(function (example, i) {
          if (i) examples.appendChild(document.createTextNode(", "));
          examples.appendChild(systemLink(example));
        });
      } else {
        examples.appendChild(document.createTextNode("none; use conventional machine learning tools."));
      }
      result.appendChild(examples);
      var r = task.ratings;
      result.appendChild(make("p", { class: "chooser__ratings" },
        "Ratings: LLMs " + r.llm + ", other generative models " + r.media + ", non-generative ML " + r.classic +
        ", generative AI overall " + r.overall + "."));
      var more = make("p", {});
      more.appendChild(make("a", { href: task.href }, "See this task in the table"));
      result.appendChild(more);
    }

    function fillTasks() {
      var checked = fieldset.querySelector("input:checked");
      var output = checked ? checked.value : "";
      var previous = select.value;
      select.textContent = "";
      data.tasks.filter(function (t) { return !output || t.outputs.indexOf(output) >= 0; })
        .forEach(function (t) { select.appendChild(make("option", { value: t.id }, t.task)); });
      if (previous && select.querySelector('option[value="' + previous + '"]')) select.value = previous;
      show();
    }

    fieldset.addEventListener("change", fillTasks);
    select.addEventListener("change", show);
    fillTasks();
    root.hidden = false;
  }

  /* Systems catalogue: sort by any column, filter by LLM status, modality, open weights, developer. */
  function setupCatalogue() {
    var table = document.querySelector(".catalogue table");
    var controls = document.getElementById("catalogue-controls");
    var data = readJson("catalogue-data");
    if (!table || !controls || !data || controls.dataset.ready) return;
    controls.dataset.ready = "true";
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var facts = data.rows;
    var ids = Object.keys(facts);
    rows.forEach(function (row, index) { row.dataset.index = String(index); });
    ids.forEach(function (id) {
      var anchor = document.getElementById(id);
      var row = anchor && anchor.closest("tr");
      if (row) row.dataset.system = id;
    });

    function unique(values) {
      return values.filter(function (v, i) { return values.indexOf(v) === i; }).sort(function (a, b) {
        return a.localeCompare(b);
      });
    }
    var filters = [
      { key: "llm", label: "LLM?", options: Object.keys(data.llm).map(function (k) { return [k, data.llm[k]]; }) },
      { key: "modality", label: "Works with", options: unique([].concat.apply([], ids.map(function (id) { return facts[id].modalities; }))).map(function (m) { return [m, m]; }) },
      { key: "open_weights", label: "Open weights", options: Object.keys(data.open_weights).map(function (k) { return [k, data.open_weights[k]]; }) },
      { key: "developer", label: "Developer", options: unique(ids.map(function (id) { return facts[id].developer; })).map(function (d) { return [d, d]; }) }
    ];
    var selects = {};
    filters.forEach(function (filter) {
      var id = "catalogue-filter-" + filter.key;
      var wrap = make("div", { class: "catalogue-controls__field" });
      wrap.appendChild(make("label", { for: id }, filter.label));
      var select = make("select", { id: id });
      select.appendChild(make("option", { value: "" }, "Any"));
      filter.options.forEach(function (option) { select.appendChild(make("option", { value: option[0] }, option[1])); });
      wrap.appendChild(select);
      controls.appendChild(wrap);
      selects[filter.key] = select;
    });
    var count = liveRegion(controls, "catalogue-controls__count");

    function applyFilters() {
      var shown = 0;
      rows.forEach(function (row) {
        var fact = facts[row.dataset.system] || {};
        var visible = Object.keys(selects).every(function (key) {
          var wanted = selects[key].value;
          if (!wanted) return true;
          if (key === "modality") return (fact.modalities || []).indexOf(wanted) >= 0;
          return fact[key] === wanted;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = "Showing " + shown + " of " + rows.length + " systems.";
    }
    controls.addEventListener("change", applyFilters);

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = make("button", { type: "button", class: "sort-button" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          var order = x.localeCompare(y, "en", { sensitivity: "base", numeric: true });
          return (ascending ? order : -order) || (Number(a.dataset.index) - Number(b.dataset.index));
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
        count.textContent = "Sorted by " + button.textContent + ", " + (ascending ? "ascending" : "descending") + ".";
      });
    });
    applyFilters();
    controls.hidden = false;
  }

  /* Print: show where each link goes, and open every hidden answer. */
  function setupPrintLinks() {
    document.querySelectorAll("article a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
      link.setAttribute("data-print-href", link.href);
    });
  }
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
  window.addEventListener("hashchange", openFromHash);

  /* Material's search overlay has role="dialog" but no accessible name. */
  function labelSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search this site");
    });
  }

  var features = [labelSearchDialog, setupTerms, setupFaq, setupChooser, setupCatalogue, setupPrintLinks];

  function setup() {
    features.forEach(function (feature) {
      try {
        feature();
      } catch (error) {
        if (window.console) console.error("site.js: " + feature.name + " failed", error);
      }
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
