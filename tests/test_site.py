"""Checks on the strictly built site: page basics, links, anchors, no third-party requests."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import CONFIG, records
from sitegen.browser import origin
from sitegen.htmlscan import parse_file
from sitegen.sitecheck import css_urls, is_third_party, page_url, requested_urls, target_file

SITE_URL = CONFIG.site_url
OWN_ORIGIN = origin(SITE_URL)


@pytest.fixture(scope="module")
def docs(pages):
    return {url: parse_file(path) for url, path in pages.items()}


def test_site_url_is_a_github_pages_project_site():
    parts = urlsplit(SITE_URL)
    assert parts.scheme == "https" and parts.netloc.endswith(".github.io")
    assert parts.path.strip("/"), "a project site lives under a sub-path"


def test_every_page_has_title_description_and_one_h1(docs):
    assert len(docs) >= 4
    for url, doc in docs.items():
        title = doc.find("title")
        assert title is not None and title.text().strip(), f"{url}: no <title>"
        meta = doc.find("meta", name="description")
        assert meta is not None and len(meta.attrs["content"].strip()) >= 30, f"{url}: no meta description"
        assert len(list(doc.iter("h1"))) == 1, f"{url}: expected one <h1>"


def test_pages_have_their_own_description(docs):
    descriptions = [d.find("meta", name="description").attrs["content"] for u, d in docs.items() if u != "404.html"]
    assert len(set(descriptions)) == len(descriptions), "two pages share a meta description"


def test_internal_links_and_anchors_resolve(site, pages, docs):
    ids = {url: {e.attrs["id"] for e in doc.iter() if "id" in e.attrs} for url, doc in docs.items()}
    broken = []
    for url, doc in docs.items():
        here = page_url(site, pages[url], SITE_URL)
        for a in doc.iter("a"):
            href = a.attrs.get("href")
            if not href or href.startswith(("mailto:", "javascript:")):
                continue
            absolute = urljoin(here, href)
            target = target_file(site, absolute.split("#")[0], SITE_URL)
            if target is None:
                continue  # an outbound link, not part of this site
            if not target.exists():
                broken.append(f"{url}: {href} (no such file)")
                continue
            fragment = urlsplit(absolute).fragment
            if fragment:
                key = target.relative_to(site).as_posix().removesuffix("index.html")
                if fragment not in ids.get(key, set()):
                    broken.append(f"{url}: {href} (no #{fragment} there)")
    assert not broken, "\n".join(broken)


def test_no_third_party_requests_in_html(docs):
    offenders = [f"{url}: {u}" for url, doc in docs.items() for u in requested_urls(doc)
                 if is_third_party(u, OWN_ORIGIN)]
    offenders += [f"{url}: iframe" for url, doc in docs.items() if doc.find("iframe")]
    assert not offenders, "\n".join(offenders)


def test_no_third_party_requests_in_css(site):
    offenders = [f"{css.relative_to(site)}: {u}" for css in site.rglob("*.css")
                 for u in css_urls(css.read_text(encoding="utf-8")) if is_third_party(u, OWN_ORIGIN)]
    assert not offenders, "\n".join(offenders)


def test_no_google_fonts_and_no_repo_api_component(docs):
    for url, doc in docs.items():
        for el in doc.iter():
            assert el.attrs.get("data-md-component") != "source", f"{url}: repo widget would call api.github.com"
            assert "fonts.g" not in el.attrs.get("href", ""), f"{url}: Google Fonts"


def test_generated_differences_table_holds_every_data_row(docs):
    rows_data = sorted(records("differences"), key=lambda r: r["order"])
    doc = docs["compare/differences/"]
    rows = [tr for tr in doc.find("table").iter("tr") if tr.find("td")]
    assert [tr.find("th").text() for tr in rows] == [r["aspect"] for r in rows_data]
    for tr, record in zip(rows, rows_data):
        assert tr.attrs["id"] == f"diff-{record['id']}"
        assert [a.attrs["href"].split("#")[1] for a in list(tr.iter("td"))[2].iter("a")] == \
            [f"src-{s}" for s in record["sources"]]


def test_bibliography_lists_every_source(docs):
    ids = {e.attrs["id"] for e in docs["sources/"].iter("li") if "id" in e.attrs}
    assert ids == {f"src-{r['id']}" for r in records("sources")}


def test_the_chooser_page_carries_its_form_and_the_address_of_a_versioned_recommendations_file(site, docs):
    """Was: every task's advice and every system were in the page (5.2 of its 28.2 KiB gzip)."""
    import hashlib
    import json
    page = docs["compare/use-cases/"]
    form = json.loads(next(e for e in page.iter("script") if e.attrs.get("id") == "chooser-data").text())
    assert set(form) == {"outputs", "output_labels", "tasks", "questions", "src"}
    assert set(form["tasks"][0]) == {"id", "task", "outputs"}
    version = urlsplit(form["src"]).query
    served = target_file(site, urljoin(SITE_URL + "compare/use-cases/", form["src"]), SITE_URL)
    assert served is not None and served.is_file(), form["src"]
    assert version == "v=" + hashlib.sha256(served.read_bytes()).hexdigest()[:8]
    full = json.loads(served.read_text(encoding="utf-8"))
    assert [t["id"] for t in full["tasks"]] == [t["id"] for t in form["tasks"]]
    assert all(t["reason"] and t["examples"] is not None for t in full["tasks"])
    assert len(json.dumps(form)) * 5 < len(json.dumps(full))


def test_no_page_repeats_an_id(docs):
    """A repeated id breaks #links and lets scripts grab the wrong element."""
    repeated = {}
    for url, doc in docs.items():
        ids = [e.attrs["id"] for e in doc.iter() if "id" in e.attrs]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            repeated[url] = dupes
    assert repeated == {}


def test_each_page_starts_the_theme_bundle_on_demand_and_paints_as_js(site, pages):
    """The bundle's <script> is replaced by assets/lazy-theme.js, on every engine's output."""
    from sitegen.finish import JS_CLASS
    for url, path in pages.items():
        text = path.read_text(encoding="utf-8")
        if "data-critical" not in text:
            continue
        assert not re.search(r'<script\b[^>]*\bsrc="[^"]*assets/javascripts/bundle\.', text), f"/{url}"
        loaders = re.findall(r'<script src="([^"]*)assets/lazy-theme\.js" data-theme-bundle="\1(assets/javascripts/'
                             r'bundle\.[0-9a-f]+\.min\.js)" defer></script>', text)
        assert len(loaders) == 1, f"/{url}: {loaders}"
        assert (site / loaders[0][1]).is_file() and (site / "assets" / "lazy-theme.js").is_file()
        head = text.split("</head>")[0]
        assert JS_CLASS in head and head.index(JS_CLASS) < head.index("<style data-critical>"), f"/{url}"
        critical = head.split("<style data-critical>")[1].split("</style>")[0]
        assert ".no-js" not in critical and ".md-search" in critical, f"/{url}"


def test_each_page_is_drawn_once_its_first_part_has_been_parsed(pages):
    """Every engine's pages ask to be drawn once the element that ends their first part has
    been parsed, and that element is there once: before a block of the article, no later than
    its second section or FIRST_PART_ARTICLE_CHARS into it, or last in the body where the
    article is short and has fewer than two sections (else the browser waits for the whole
    parse anyway)."""
    from sitegen.finish import FIRST_PART_ARTICLE_CHARS, FIRST_PART_END, PAINT_WHEN_PARSED
    early = capped = 0
    for url, path in pages.items():
        text = path.read_text(encoding="utf-8")
        if "data-critical" not in text:
            continue
        head, body = text.split("</head>")
        assert head.count(PAINT_WHEN_PARSED) == 1, f"/{url}"
        assert body.count(FIRST_PART_END) == 1, f"/{url}"
        start = body.index(">", body.index("<article")) + 1
        article = body[start:body.index("</article>")].replace(FIRST_PART_END, "")
        marker = body.find(FIRST_PART_END, start) - start
        seconds = [i for i in range(len(article)) if article.startswith("<h2", i)][1:2]
        if seconds or len(article) > FIRST_PART_ARTICLE_CHARS:
            assert 0 < marker <= min(seconds + [len(article)]), f"/{url}"
            assert marker <= FIRST_PART_ARTICLE_CHARS or marker in seconds, f"/{url}"
            assert article[marker] == "<", f"/{url}"  # before an element, never inside text
            early += 1
            capped += not seconds or marker < seconds[0]
        else:
            assert body.rstrip().endswith(FIRST_PART_END + "</body>\n</html>"), f"/{url}"
    assert early >= 15 and capped >= 1


def test_each_page_loads_its_stylesheets_as_one_file_without_blocking(site, pages):
    """Critical CSS is inlined; the rest arrives as one file, so the page is restyled once."""
    combined = set()
    for url, path in pages.items():
        text = path.read_text(encoding="utf-8")
        if "data-critical" not in text:
            continue
        blocking = re.findall(r'<link rel="stylesheet" href="([^"]+)">', re.sub(r"<noscript>.*?</noscript>", "", text))
        lazy = re.findall(r'<link rel="stylesheet" href="([^"]+)" media="print" data-on-demand="all">', text)
        fallback = re.findall(r'<noscript><link rel="stylesheet" href="([^"]+)"></noscript>', text)
        assert not blocking and len(lazy) == 1 and fallback == lazy, f"/{url}: {blocking} {lazy} {fallback}"
        combined.add(site / lazy[0].removeprefix(CONFIG.base_path) if lazy[0].startswith("/")
                     else (path.parent / lazy[0]).resolve())
    assert len(combined) == 1, combined
    (css,) = combined
    assert css.parent.name == "stylesheets" and css.name.startswith("combined.")
    text = css.read_text(encoding="utf-8")
    assert ".md-header" in text and ".data-table" in text and "sourceMappingURL" not in text
    assert not (site / "assets" / "site.css").exists()  # inside the combined file, not a second copy
