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

  /* The element the address's #fragment names, if any. A fragment that is not valid
     percent-encoding (a link cut short: #%E0) names nothing, and stops nothing. */
  function linkedElement() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return null;
    }
    return id ? document.getElementById(id) : null;
  }

  /* FAQ: open the answer the address points at, and offer a copy-link button. */
  function openFromHash() {
    var target = linkedElement();
    var details = target && target.closest("details");
    if (details) {
      details.open = true;
      target.scrollIntoView({ block: "start" });
    }
  }

  /* An index entry holds an anchor whose record moved to a page of its own (a source to
     the list of its kind, a court case to its page): a link made before the move lands
     on the entry, and goes on to the record. Without JavaScript the entry's link does. */
  function forwardFromIndex() {
    var target = linkedElement();
    var entry = target && target.closest(".anchor-index li");
    var link = entry && entry.querySelector("a[href]");
    if (link) location.replace(link.href);
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
      var anchor = entry.querySelector(".faq__question") || entry;
      var button = make("button", { type: "button", class: "faq__copy", "aria-label": "Copy link to: " + question }, "Copy link");
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + "#" + anchor.id;
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

  /* Address state: features that keep their choices in the URL query, so a
     link restores them. Other features' parameters stay as they are. */
  function readParams() { return new URLSearchParams(location.search); }
  function writeParams(keys, values, hash) {
    var params = readParams();
    keys.forEach(function (key) {
      if (values[key]) params.set(key, values[key]); else params.delete(key);
    });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + (hash ? "#" + hash : location.hash);
    history.replaceState(history.state, "", url);
    return location.href;
  }

  function linkList(links) {
    var list = make("ul", {});
    var seen = {};
    links.forEach(function (link) {
      if (seen[link.href]) return;
      seen[link.href] = true;
      var li = make("li", {});
      li.appendChild(make("a", { href: link.href }, link.title));
      list.appendChild(li);
    });
    return list;
  }

  function shareLine(text, url, status) {
    var line = make("p", { class: "share-link" });
    line.appendChild(make("a", { href: url }, text));
    var button = make("button", { type: "button", class: "share-link__copy" }, "Copy link");
    button.addEventListener("click", function () {
      copyText(url).then(function () {
        button.textContent = "Copied";
        status.textContent = "Link copied.";
        setTimeout(function () { button.textContent = "Copy link"; }, 2000);
      });
    });
    line.appendChild(document.createTextNode(" "));
    line.appendChild(button);
    return line;
  }

  /* Use-case chooser: what you need to produce, the task, then the decision
     guide's questions (data/choices.yaml). The card names the kind of model,
     example systems that fit the answers, what to watch out for and where the
     guide explains why. The choices live in the URL. The page holds only what
     draws the form; the recommendations come from a file (data.src), fetched
     once the reader starts to use the form or arrives with choices in the URL. */
  var PREFERENCE_TEST = {
    "open-weights": function (s) { return s.open_weights; },
    small: function (s) { return s.small; },
    agents: function (s) { return s.agent; }
  };
  var PREFERENCE_WORDS = { "open-weights": "open weights", small: "runs on one computer", agents: "an agent" };

  function setupChooser() {
    var root = document.getElementById("use-case-chooser");
    var data = readJson("chooser-data");
    if (!root || !data || root.dataset.ready) return;
    root.dataset.ready = "true";
    var params = readParams();
    var keys = ["output", "task"].concat(data.questions.map(function (q) { return q.id; }));
    var recommendations = null;  // data.src, once fetched
    var loading = null;
    function load() {
      loading = loading || fetch(data.src).then(function (response) {
        if (!response.ok) throw new Error(data.src + ": HTTP " + response.status);
        return response.json();
      }).then(function (json) { recommendations = json; show(); }, function (error) {
        loading = null;  // the next choice tries again
        console.error(error);
        if (select.value) unavailable();
      });
      return loading;
    }
    function unavailable() {
      card.textContent = "";
      card.dataset.state = "failed";
      card.appendChild(make("p", { class: "chooser__none" },
        "The recommendation could not be loaded. The table below has the same advice."));
      status.textContent = "The recommendation could not be loaded.";
    }

    var form = make("form", { class: "chooser__form", action: "" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    ["focusin", "pointerdown"].forEach(function (type) { form.addEventListener(type, load, { once: true }); });
    var outputs = make("fieldset", { class: "chooser__group" });
    outputs.appendChild(make("legend", {}, "1. What do you need to produce?"));
    [""].concat(data.outputs).forEach(function (output) {
      var label = make("label", { class: "chooser__option" });
      var radio = make("input", { type: "radio", name: "output", value: output });
      radio.checked = output === (data.outputs.indexOf(params.get("output")) >= 0 ? params.get("output") : "");
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + (output ? data.output_labels[output] : "Anything")));
      outputs.appendChild(label);
    });
    form.appendChild(outputs);
    var taskWrap = make("div", { class: "chooser__group" });
    taskWrap.appendChild(make("label", { for: "chooser-task", class: "chooser__label" }, "2. Which task?"));
    var select = make("select", { id: "chooser-task", class: "chooser__select", name: "task" });
    taskWrap.appendChild(select);
    form.appendChild(taskWrap);
    data.questions.forEach(function (question, index) {
      var group = make("fieldset", { class: "chooser__group", "data-question": question.id });
      group.appendChild(make("legend", {}, (index + 3) + ". " + question.question));
      var wanted = params.get(question.id);
      [{ value: "", label: "Not sure yet" }].concat(question.options).forEach(function (option) {
        var label = make("label", { class: "chooser__option" });
        var radio = make("input", { type: "radio", name: question.id, value: option.value });
        radio.checked = option.value === (question.options.some(function (o) { return o.value === wanted; }) ? wanted : "");
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + option.label));
        group.appendChild(label);
      });
      form.appendChild(group);
    });
    var card = make("div", { class: "chooser__card", id: "chooser-recommendation" });
    var status = liveRegion(root, "chooser__status visually-hidden");
    root.appendChild(form);
    root.appendChild(card);
    root.appendChild(status);

    function chosen(name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      return input ? input.value : "";
    }
    function answers() {
      return recommendations.questions.map(function (q) {
        var value = chosen(q.id);
        return { question: q, option: q.options.filter(function (o) { return o.value === value; })[0] };
      }).filter(function (a) { return a.option; });
    }
    function fits(system, prefs) {
      return prefs.every(function (p) { return !PREFERENCE_TEST[p] || PREFERENCE_TEST[p](system); });
    }
    function systemItem(system, prefs) {
      var li = make("li", {});
      li.appendChild(make("a", { href: system.href }, system.name));
      var met = prefs.filter(function (p) { return PREFERENCE_TEST[p] && PREFERENCE_TEST[p](system); });
      if (met.length) li.appendChild(document.createTextNode(" (" + met.map(function (p) { return PREFERENCE_WORDS[p]; }).join(", ") + ")"));
      return li;
    }

    function show() {
      card.textContent = "";
      card.dataset.state = "";
      if (!select.value) { status.textContent = ""; return; }
      if (!recommendations) {
        card.dataset.state = "loading";
        card.appendChild(make("p", {}, "Loading the recommendation…"));
        load();
        return;
      }
      var task = recommendations.tasks.filter(function (t) { return t.id === select.value; })[0];
      if (!task) { unavailable(); return; }  // a page older than the file: a reload brings both
      card.dataset.state = "ready";
      var given = answers();
      var prefs = given.map(function (a) { return a.option.prefer; }).filter(Boolean);
      card.appendChild(make("h3", { class: "chooser__best", id: "chooser-result" }, "Use: " + recommendations.families[task.best]));
      card.appendChild(make("p", {}, task.reason));

      var examples = task.examples.map(function (id) { return recommendations.systems[id]; });
      var ranked = examples;
      var more = prefs.length ? Object.keys(recommendations.systems).map(function (id) { return recommendations.systems[id]; }).filter(function (s) {
        return s.kind === task.best && examples.indexOf(s) < 0 && fits(s, prefs) &&
          s.outputs.some(function (o) { return task.outputs.indexOf(o) >= 0; });
      }).slice(0, 3) : [];
      var shown = examples.length + more.length;
      if (shown) {
        card.appendChild(make("p", { class: "chooser__heading" }, "Example systems"));
        var list = make("ul", { class: "chooser__systems" });
        var fitFirst = ranked.filter(function (s) { return fits(s, prefs); }).concat(more,
          ranked.filter(function (s) { return !fits(s, prefs); }));
        fitFirst.forEach(function (s) { list.appendChild(systemItem(s, prefs)); });
        card.appendChild(list);
        var fitting = ranked.concat(more).filter(function (s) { return fits(s, prefs); }).length;
        if (prefs.length && !fitting) {
          card.appendChild(make("p", { class: "chooser__none" }, "None of these meets every answer you gave (" +
            prefs.map(function (p) { return PREFERENCE_WORDS[p]; }).join(", ") + "). Check the catalogue, or relax one answer."));
        }
      } else if (task.best === "classic") {
        card.appendChild(make("p", {}, "No generative system is needed: use conventional machine-learning or statistics tools."));
      } else {
        card.appendChild(make("p", {}, "The catalogue has no system of this kind for this task yet."));
      }
      if (task.also.length) {
        card.appendChild(make("p", { class: "chooser__heading" }, "Also possible"));
        var also = make("ul", {});
        task.also.forEach(function (a) {
          var li = make("li", {});
          var system = recommendations.systems[a.system];
          li.appendChild(make("a", { href: system.href }, system.name));
          li.appendChild(document.createTextNode(": " + a.reason));
          also.appendChild(li);
        });
        card.appendChild(also);
      }
      card.appendChild(make("p", { class: "chooser__heading" }, "Watch out"));
      var watch = make("ul", { class: "chooser__watch" });
      [task.watch].concat(given.map(function (a) { return a.option.advice; })).filter(Boolean).forEach(function (text) {
        watch.appendChild(make("li", {}, text));
      });
      card.appendChild(watch);
      card.appendChild(make("p", { class: "chooser__heading" }, "Why: read more"));
      var links = [{ href: task.href, title: "This task in the table below" }].concat(task.learn);
      given.forEach(function (a) { links = links.concat([a.question.why], a.option.links); });
      card.appendChild(linkList(links));
      var r = task.ratings;
      card.appendChild(make("p", { class: "chooser__ratings" },
        "Ratings: LLMs " + r.llm + ", other generative models " + r.media + ", non-generative ML " + r.classic +
        ", generative AI overall " + r.overall + "."));
      var values = { output: chosen("output"), task: task.id };
      given.forEach(function (a) { values[a.question.id] = a.option.value; });
      var url = writeParams(keys, values, "chooser");
      card.appendChild(shareLine("Link to this recommendation", url, status));
      status.textContent = "Recommendation: " + recommendations.families[task.best] + ", with " + shown + " example system" +
        (shown === 1 ? "" : "s") + ".";
    }

    function fillTasks() {
      var output = chosen("output");
      var previous = select.value || params.get("task");
      params = new URLSearchParams();
      select.textContent = "";
      select.appendChild(make("option", { value: "" }, "Choose a task"));
      data.tasks.filter(function (t) { return !output || t.outputs.indexOf(output) >= 0; })
        .forEach(function (t) { select.appendChild(make("option", { value: t.id }, t.task)); });
      if (Array.prototype.some.call(select.options, function (o) { return o.value === previous; })) select.value = previous;
      show();
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "output") fillTasks(); else show();
    });
    fillTasks();
    root.hidden = false;
  }

  /* Systems catalogue: filter by LLM status, what a system reads and makes, open
     weights and organisation; sort by any column; compare two or three systems
     side by side. Filters and the comparison live in the URL. */
  var CATALOGUE_KEYS = ["llm", "reads", "makes", "open", "developer", "compare"];
  var COMPARE_MAX = 3;

  function setupCatalogue() {
    var table = document.querySelector(".catalogue table");
    var controls = document.getElementById("catalogue-controls");
    var data = readJson("catalogue-data");
    if (!table || !controls || !data || controls.dataset.ready) return;
    controls.dataset.ready = "true";
    var params = readParams();
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var facts = data.rows;
    var bySystem = {};
    rows.forEach(function (row, index) {
      row.dataset.index = String(index);
      var heading = row.querySelector("[id]");
      if (heading && facts[heading.id]) {
        row.dataset.system = facts[heading.id].id;
        bySystem[facts[heading.id].id] = { row: row, fact: facts[heading.id], anchor: heading.id };
      }
    });
    function pairs(labels) { return Object.keys(labels).map(function (k) { return [k, labels[k]]; }); }
    var filters = [
      { key: "llm", label: "LLM?", options: pairs(data.llm), test: function (f, v) { return f.llm === v; } },
      { key: "reads", label: "Reads", options: pairs(data.modalities), test: function (f, v) { return f.reads.indexOf(v) >= 0; } },
      { key: "makes", label: "Makes", options: pairs(data.modalities), test: function (f, v) { return f.makes.indexOf(v) >= 0; } },
      { key: "open", label: "Open weights", options: pairs(data.open_weights), test: function (f, v) { return f.open_weights === v; } },
      { key: "developer", label: "Organisation", options: data.developers.map(function (d) { return [d, d]; }),
        test: function (f, v) { return f.developer === v; } }
    ];
    var selects = {};
    filters.forEach(function (filter) {
      var id = "catalogue-filter-" + filter.key;
      var wrap = make("div", { class: "catalogue-controls__field" });
      wrap.appendChild(make("label", { for: id }, filter.label));
      var select = make("select", { id: id, name: filter.key });
      select.appendChild(make("option", { value: "" }, "Any"));
      filter.options.forEach(function (option) { select.appendChild(make("option", { value: option[0] }, option[1])); });
      if (filter.options.some(function (o) { return o[0] === params.get(filter.key); })) select.value = params.get(filter.key);
      wrap.appendChild(select);
      controls.appendChild(wrap);
      selects[filter.key] = select;
    });
    var reset = make("button", { type: "button", class: "catalogue-controls__reset" }, "Reset filters");
    controls.appendChild(reset);
    var count = liveRegion(controls, "catalogue-controls__count");
    var empty = make("p", { class: "catalogue-empty", hidden: "" });
    empty.appendChild(document.createTextNode("No system matches these filters. "));
    var emptyReset = make("button", { type: "button" }, "Show all systems");
    empty.appendChild(emptyReset);
    var printNote = make("p", { class: "catalogue-print-note" });
    table.parentNode.insertBefore(printNote, table);
    table.parentNode.insertBefore(empty, table);

    /* Compare: a checkbox in each row; two or three systems side by side. */
    var compare = make("section", { class: "catalogue-compare", id: "compare", "aria-labelledby": "compare-title", hidden: "" });
    compare.appendChild(make("h3", { id: "compare-title" }, "Compare systems"));
    var compareBody = make("div", {});
    compare.appendChild(compareBody);
    table.parentNode.parentNode.insertBefore(compare, table.parentNode);
    var wanted = (params.get("compare") || "").split(",").filter(function (id) { return bySystem[id]; }).slice(0, COMPARE_MAX);
    var boxes = {};
    Object.keys(bySystem).forEach(function (id) {
      var cell = bySystem[id].row.cells[0];
      var label = make("label", { class: "catalogue-compare__pick" });
      var box = make("input", { type: "checkbox", value: id });
      box.checked = wanted.indexOf(id) >= 0;
      label.appendChild(box);
      label.appendChild(make("span", { class: "visually-hidden" }, "Compare " + bySystem[id].fact.name));
      label.appendChild(make("span", { "aria-hidden": "true" }, " Compare"));
      cell.appendChild(label);
      boxes[id] = box;
    });
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    function picked() {
      return wanted.filter(function (id) { return boxes[id].checked; });
    }
    function renderCompare() {
      var ids = picked();
      Object.keys(boxes).forEach(function (id) { boxes[id].disabled = !boxes[id].checked && ids.length >= COMPARE_MAX; });
      compareBody.textContent = "";
      compare.hidden = ids.length === 0;
      if (!ids.length) return;
      if (ids.length === 1) {
        compareBody.appendChild(make("p", {}, "Choose one or two more systems to compare (at most " + COMPARE_MAX + ")."));
        return;
      }
      var grid = make("table", { class: "data-table data-table--stack catalogue-compare__table" });
      var head = make("thead", {});
      var headRow = make("tr", {});
      headRow.appendChild(make("th", { scope: "col" }, "Fact"));
      ids.forEach(function (id) { headRow.appendChild(make("th", { scope: "col" }, bySystem[id].fact.name)); });
      head.appendChild(headRow);
      grid.appendChild(head);
      var body = make("tbody", {});
      headers.forEach(function (th, column) {
        if (column === 0) return;
        var tr = make("tr", {});
        tr.appendChild(make("th", { scope: "row" }, th.textContent));
        ids.forEach(function (id) {
          var td = make("td", { "data-label": bySystem[id].fact.name });
          var source = bySystem[id].row.cells[column];
          Array.prototype.forEach.call(source.childNodes, function (node) {
            var copy = node.cloneNode(true);
            if (copy.querySelectorAll) copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
            if (copy.removeAttribute && copy.id) copy.removeAttribute("id");
            td.appendChild(copy);
          });
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      grid.appendChild(body);
      compareBody.appendChild(grid);
      var done = make("button", { type: "button", class: "catalogue-compare__clear" }, "Clear comparison");
      done.addEventListener("click", function () {
        ids.forEach(function (id) { boxes[id].checked = false; });
        wanted = [];
        update();
      });
      compareBody.appendChild(shareLine("Link to this comparison", location.href, count));
      compareBody.appendChild(done);
    }

    function update() {
      var shown = 0;
      rows.forEach(function (row) {
        var entry = bySystem[row.dataset.system];
        var fact = entry ? entry.fact : null;
        var visible = !!fact && filters.every(function (filter) {
          var value = selects[filter.key].value;
          return !value || filter.test(fact, value);
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      var active = filters.filter(function (f) { return selects[f.key].value; });
      count.textContent = shown ? "Showing " + shown + " of " + rows.length + " systems." : "No system matches these filters.";
      empty.hidden = shown !== 0;
      reset.disabled = active.length === 0;
      printNote.textContent = active.length ? "Printed with filters: " + active.map(function (f) {
        return f.label + " " + selects[f.key].options[selects[f.key].selectedIndex].text;
      }).join("; ") + ". " + shown + " of " + rows.length + " systems shown." : "";
      var values = {};
      active.forEach(function (f) { values[f.key] = selects[f.key].value; });
      values.compare = picked().join(",");
      writeParams(CATALOGUE_KEYS, values, null);
      renderCompare();
    }
    function clearFilters() {
      Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
      update();
      selects.llm.focus();
    }
    controls.addEventListener("change", update);
    reset.addEventListener("click", clearFilters);
    emptyReset.addEventListener("click", clearFilters);
    tbody.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox") return;
      wanted = wanted.filter(function (id) { return id !== box.value; });
      if (box.checked) wanted.push(box.value);
      update();
    });

    headers.forEach(function (th, column) {
      var button = make("button", { type: "button", class: "catalogue-sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = sortText(a.cells[column]), y = sortText(b.cells[column]);
          var order = x.localeCompare(y, "en", { sensitivity: "base", numeric: true });
          return (ascending ? order : -order) || (Number(a.dataset.index) - Number(b.dataset.index));
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
        count.textContent = "Sorted by " + button.textContent + ", " + (ascending ? "ascending" : "descending") + ".";
      });
    });
    function sortText(cell) {
      var heading = cell.querySelector("h3");
      return (heading || cell).textContent.trim();
    }
    update();
    controls.hidden = false;
  }

  /* "Cite this page": today's date as the access date, and a copy button per style. */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  function setupCite() {
    var block = document.getElementById("cite-this-page");
    if (!block || block.dataset.ready) return;
    block.dataset.ready = "true";
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
      String(today.getDate()).padStart(2, "0");
    block.querySelectorAll(".cite__date").forEach(function (span) {
      span.textContent = span.dataset.format === "iso" ? iso :
        MONTHS[today.getMonth()] + " " + today.getDate() + ", " + today.getFullYear();
    });
    var status = liveRegion(block, "visually-hidden");
    block.querySelectorAll("pre[data-cite]").forEach(function (pre) {
      var name = pre.dataset.cite === "apa" ? "APA" : "BibTeX";
      var button = make("button", { type: "button", class: "cite__copy" }, "Copy " + name);
      button.addEventListener("click", function () {
        copyText(pre.textContent).then(function () {
          button.textContent = "Copied";
          status.textContent = name + " citation copied.";
          setTimeout(function () { button.textContent = "Copy " + name; }, 2000);
        });
      });
      pre.parentNode.insertBefore(button, pre.nextSibling);
    });
  }

  /* Print: show where each link goes, and open every hidden answer. */
  /* Print: a link to another website shows its address once per page; links
     within this guide print as plain text (their address means little on paper). */
  function setupPrintLinks() {
    var printed = {};
    document.querySelectorAll("article a[href]").forEach(function (link) {
      if (link.classList.contains("headerlink") || link.origin === location.origin) return;
      if (printed[link.href]) return;
      printed[link.href] = true;
      link.setAttribute("data-print-href", link.href);
    });
  }
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var worksheet = document.documentElement.dataset.printMode === "worksheet";
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      if (worksheet && d.classList.contains("quiz__answer")) return false;
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
    if (!new URLSearchParams(location.search).get("print")) delete document.documentElement.dataset.printMode;
  });
  window.addEventListener("hashchange", openFromHash);
  window.addEventListener("hashchange", forwardFromIndex);

  /* Material's search overlay has role="dialog" but no accessible name. */
  function labelSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search this site");
    });
  }

  /* Self-checks: pick an answer, get that option's feedback and a link to the
     section that teaches it. Results stay in this browser (localStorage) and
     nothing is sent anywhere. Without script the page shows each question with
     its answer in a <details> block. */
  var PROGRESS_KEY = "genai-vs-llm-progress";
  function loadProgress() {
    try { return JSON.parse(localStorage.getItem(PROGRESS_KEY)) || {}; } catch (error) { return {}; }
  }
  function saveProgress(progress) {
    try { localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress)); } catch (error) { /* private mode */ }
  }

  function setupQuizzes() {
    var quizzes = document.querySelectorAll(".quiz[data-quiz-page]");
    quizzes.forEach(function (quiz) {
      if (quiz.dataset.ready) return;
      quiz.dataset.ready = "true";
      var pageKey = quiz.dataset.quizPage;
      var progress = loadProgress();
      quiz.querySelectorAll(".quiz__item").forEach(function (item) {
        var id = item.dataset.question;
        var prompt = item.querySelector(".quiz__prompt");
        var list = item.querySelector(".quiz__options");
        var answer = item.querySelector(".quiz__answer");
        var fieldset = make("fieldset", { class: "quiz__choices" });
        var legend = make("legend", { class: "quiz__legend" });
        legend.textContent = prompt.textContent;
        fieldset.appendChild(legend);
        var result = make("div", { class: "quiz__result", role: "status", "aria-live": "polite" });
        list.querySelectorAll("li").forEach(function (li) {
          var label = make("label", { class: "quiz__choice" });
          var radio = make("input", { type: "radio", name: "quiz-" + id, value: li.dataset.option });
          label.appendChild(radio);
          label.appendChild(document.createTextNode(" " + li.textContent));
          fieldset.appendChild(label);
        });
        function show(index, remember) {
          var chosen = list.querySelector('li[data-option="' + index + '"]');
          if (!chosen) return;
          var correct = chosen.dataset.correct === "true";
          var feedback = answer.querySelector('[data-feedback="' + index + '"]');
          var more = answer.querySelector(".quiz__more");
          result.textContent = "";
          result.className = "quiz__result " + (correct ? "quiz__result--right" : "quiz__result--wrong");
          var verdict = make("p", {});
          verdict.appendChild(make("strong", {}, correct ? "Right." : "Not quite."));
          verdict.appendChild(document.createTextNode(" " + feedback.textContent.replace(/^[A-E]( \(right\))?:\s*/, "")));
          result.appendChild(verdict);
          if (more) result.appendChild(more.cloneNode(true));
          if (remember) {
            var all = loadProgress();
            all[pageKey] = all[pageKey] || {};
            all[pageKey][id] = { option: Number(index), correct: correct };
            saveProgress(all);
          }
        }
        fieldset.addEventListener("change", function (event) {
          if (event.target.name === "quiz-" + id) show(event.target.value, true);
        });
        prompt.hidden = true;
        list.hidden = true;
        item.insertBefore(fieldset, answer);
        item.insertBefore(result, answer);
        answer.querySelector("summary").textContent = "Show every answer";
        var saved = progress[pageKey] && progress[pageKey][id];
        if (saved) {
          var radio = fieldset.querySelector('input[value="' + saved.option + '"]');
          if (radio) { radio.checked = true; show(saved.option, false); }
        }
      });
      var printer = quiz.querySelector(".quiz__print");
      if (printer) {
        printer.hidden = false;
        printer.addEventListener("click", function (event) {
          var mode = event.target.dataset && event.target.dataset.printMode;
          if (!mode) return;
          document.documentElement.dataset.printMode = mode;
          window.print();
        });
      }
    });
    var wanted = new URLSearchParams(location.search).get("print");
    if (quizzes.length && (wanted === "worksheet" || wanted === "answers")) {
      document.documentElement.dataset.printMode = wanted;
    }
  }

  /* The home page lists how far the reader got on each page, and can forget it. */
  function setupProgress() {
    var panel = document.getElementById("self-check-progress");
    var data = readJson("progress-data");
    if (!panel || !data || panel.dataset.ready) return;
    panel.dataset.ready = "true";
    var list = panel.querySelector(".progress__list");
    function render() {
      var progress = loadProgress();
      list.textContent = "";
      var started = 0;
      data.pages.forEach(function (page) {
        var answers = progress[page.key] || {};
        var answered = Object.keys(answers).length;
        var right = Object.keys(answers).filter(function (k) { return answers[k].correct; }).length;
        var li = make("li", {});
        li.appendChild(make("a", { href: page.href }, page.title));
        var state = answered === 0 ? "not started" : right + " of " + page.questions + " right" +
          (right === page.questions ? " (done)" : "");
        if (answered) started += 1;
        li.appendChild(document.createTextNode(": " + state));
        if (right === page.questions) li.className = "progress__done";
        list.appendChild(li);
      });
      panel.querySelector(".progress__clear").disabled = started === 0;
    }
    panel.querySelector(".progress__clear").addEventListener("click", function () {
      try { localStorage.removeItem(PROGRESS_KEY); } catch (error) { /* nothing stored */ }
      render();
      panel.querySelector(".progress__intro").textContent = "Your progress was cleared from this browser.";
    });
    render();
    panel.hidden = false;
  }

  /* Offline reading: once the page is idle, a service worker keeps a copy of
     the guide (sitegen/offline.py). Not when the browser asks to save data. */
  var SITE_ROOT = (function () {
    var script = document.currentScript;
    return script ? new URL("../", script.src).href : null;  // site.js lives in <root>/assets/
  })();
  function setupOffline() {
    if (!SITE_ROOT || !("serviceWorker" in navigator) || !window.isSecureContext) return;
    if (navigator.connection && navigator.connection.saveData) return;
    if (document.body.dataset.offlineReady) return;
    document.body.dataset.offlineReady = "true";
    var register = function () {
      navigator.serviceWorker.register(SITE_ROOT + "sw.js", { scope: SITE_ROOT }).catch(function () {});
    };
    var later = function () { setTimeout(register, 3000); };
    if (document.readyState === "complete") later(); else window.addEventListener("load", later);
  }

  var features = [forwardFromIndex, labelSearchDialog, setupTerms, setupFaq, setupChooser, setupCatalogue, setupQuizzes, setupProgress,
    setupPrintLinks, setupCite, setupOffline];

  /* Each feature runs in a task of its own: one that fails stops nothing else,
     and no single long task keeps a slow phone from answering a tap (the theme
     calls this inside its own start-up work). */
  function setup() {
    features.forEach(function (feature) {
      setTimeout(function () {
        try {
          feature();
        } catch (error) {
          if (window.console) console.error("site.js: " + feature.name + " failed", error);
        }
      }, 0);
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else {
    // Once: assets/lazy-theme.js fires the event again for the theme's bundle.
    document.addEventListener("DOMContentLoaded", setup, { once: true });
  }
})();
