/* Load search only when a reader uses it. The theme requests the search index
    (about 38 KiB gzip) and starts its search worker (12 KiB) on every page
    load; on a slow network that is more than half of a first visit. This runs
    before the theme's bundle and holds both until search is first opened:
    the index request (XMLHttpRequest in Material, fetch in Zensical) waits,
    and the worker starts when it gets its first message. The stand-in worker
    supports both addEventListener and the onmessage/onerror properties, which
    Zensical uses. It also widens each query sent to Material's worker
    ({type: 2}) so plurals and one typo still match (see widen() below). If
    anything here fails, search still works, it just loads
    early. Tested in tests/test_browser.py.

    overrides/partials/lazy-search.html loads this file in the head, deferred,
    so it runs before the theme's bundle, which starts later
    (assets/lazy-theme.js). It is a file, not an inline script, so a repeat
    visit takes it from the cache. */
(function () {
  "use strict";
  var INDEX = /\/search(\/search_index)?\.json$/;
  var WORKER = /\/workers\/search\.[^\/]*\.js$/;
  var used = false, waiting = [];
  function useSearch() { if (!used) { used = true; waiting.splice(0).forEach(function (go) { go(); }); } }
  function whenUsed(go) { if (used) { go(); } else { waiting.push(go); } }
  function isIndex(url) { return INDEX.test(String(url).split(/[?#]/)[0]); }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input, .md-search input")) useSearch();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) useSearch();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".md-search__button, label[for=__search]")) useSearch();
  }, true);
  document.addEventListener("keydown", function (event) {
    var key = (event.key || "").toLowerCase();
    if (key === "/" || key === "s" || key === "f" || ((event.ctrlKey || event.metaKey) && key === "k")) useSearch();
  }, true);

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.lazySearchIndex = isIndex(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.lazySearchIndex) return send.apply(request, args);
    whenUsed(function () { send.apply(request, args); });
  };

  var realFetch = window.fetch;
  if (realFetch) {
    window.fetch = function (input) {
      var self = this, args = arguments;
      var url = typeof input === "string" ? input : (input && input.url) || String(input);
      if (!isIndex(url)) return realFetch.apply(self, args);
      return new Promise(function (resolve, reject) {
        whenUsed(function () { realFetch.apply(self, args).then(resolve, reject); });
      });
    };
  }

  /* Material turns every word into a prefix search ("agents*"). lunr neither
     stems nor drops stop words that carry a wildcard, so "agents" missed the
     stemmed "agent" in the index, and the "a*" of "what is a token" matched
     half the site. Words before the last are sent as "word~0", which lunr stems
     and filters; the last, still being typed, keeps its prefix search too, if
     it is long enough to mean something ("act*" matched "actually"). A long
     word may have one typo ("halucination"): "word~1". */
  var PREFIX_MIN = 4;
  function widen(query) {
    var words = String(query).trim().split(/\s+/);
    return words.map(function (word, i) {
      if (!/^[A-Za-z]+$/.test(word)) return word;
      var exact = word + "~" + (word.length >= 7 ? 1 : 0);
      return i === words.length - 1 && word.length >= PREFIX_MIN ? word + " " + exact : exact;
    }).join(" ");
  }

  function rewrite(args) {
    var message = args[0];
    if (message && message.type === 2 && typeof message.data === "string") {
      args = Array.prototype.slice.call(args);
      args[0] = { type: 2, data: widen(message.data) };
    }
    return args;
  }

  var RealWorker = window.Worker;
  if (!RealWorker) return;
  window.Worker = function (url, options) {
    if (!WORKER.test(String(url))) return new RealWorker(url, options);
    var real = null, queue = [], listeners = [], handlers = {};
    function start() {
      real = new RealWorker(url, options);
      listeners.forEach(function (args) { real.addEventListener.apply(real, args); });
      Object.keys(handlers).forEach(function (name) { real[name] = handlers[name]; });
      queue.splice(0).forEach(function (args) { real.postMessage.apply(real, rewrite(args)); });
    }
    var stand = {
      postMessage: function () {
        if (real) { real.postMessage.apply(real, rewrite(arguments)); } else { queue.push(arguments); start(); }
      },
      addEventListener: function () { listeners.push(arguments); if (real) real.addEventListener.apply(real, arguments); },
      removeEventListener: function (type, handler) {
        listeners = listeners.filter(function (args) { return args[0] !== type || args[1] !== handler; });
        if (real) real.removeEventListener.apply(real, arguments);
      },
      terminate: function () { if (real) real.terminate(); }
    };
    ["onmessage", "onerror", "onmessageerror"].forEach(function (name) {
      Object.defineProperty(stand, name, {
        get: function () { return real ? real[name] : handlers[name] || null; },
        set: function (handler) { handlers[name] = handler; if (real) real[name] = handler; }
      });
    });
    return stand;
  };
})();
