"""Sharing and reuse: social metadata, sitemap, licence, citations, open data downloads."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest

from conftest import CONFIG, DATA, ENGINE, ROOT, search_entries
from sitegen import stable_links
from sitegen.htmlscan import parse_file
from test_site import SITE_URL

ROOT = DATA.root


@pytest.fixture(scope="module")
def docs(site, pages):
    """Pages readers land on (not the 404 page, not redirect stubs), parsed."""
    readable, _ = stable_links.scan(site)
    return {url: parse_file(pages[url]) for url in readable}


def meta(doc, **attrs):
    element = doc.find("meta", **attrs)
    return element.attrs["content"] if element is not None else None


def test_page_titles_come_from_the_navigation():
    assert CONFIG.page_titles["compare/differences.md"] == "Key differences"
    assert len(CONFIG.page_titles) >= 18


def test_every_page_has_social_metadata_and_a_canonical_url(docs):
    for url, doc in docs.items():
        canonical = doc.find("link", rel="canonical").attrs["href"]
        assert canonical == SITE_URL + url
        assert meta(doc, property="og:url") == canonical
        assert meta(doc, property="og:title") and meta(doc, name="twitter:title") == meta(doc, property="og:title")
        assert meta(doc, property="og:description") == meta(doc, name="description")
        assert meta(doc, name="twitter:card") == "summary"


def test_sitemap_lists_every_page(site, docs):
    tree = ET.parse(site / "sitemap.xml")
    locs = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {SITE_URL + u for u in docs} <= locs


def test_licence_is_in_every_footer(docs):
    for url, doc in docs.items():
        footer = doc.find("div", **{"class": "md-copyright"})
        assert footer is not None and "CC BY 4.0" in footer.text() and "MIT" in footer.text(), url
        links = {urljoin(SITE_URL + url, a.attrs.get("href", "")) for a in footer.iter("a")}
        assert SITE_URL + "instructors/#licence" in links, url


def test_descriptions_have_no_double_quotes():
    """Material writes page descriptions into an attribute unescaped: a " cuts them short."""
    for path in sorted(ROOT.joinpath("docs").rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("description:"):
                assert '"' not in line, path


def test_every_page_but_home_has_a_cite_block_with_its_url(docs):
    for url, doc in docs.items():
        block = doc.find("details", id="cite-this-page")
        if url == "":
            assert block is None
            continue
        text = block.text()
        title = meta(doc, property="og:title")
        end = "" if title[-1] in "?!." else "."
        assert f"Generative AI vs LLMs. ({doc.find('time').attrs['datetime'][:4]}). {title}{end} Retrieved " in text, url
        assert f"from {SITE_URL + url}" in text, url
        assert "@misc{genai-vs-llm-" in text and f"\\url{{{SITE_URL + url}}}" in text, url
        assert "urldate" in text, url


def test_apa_never_puts_a_full_stop_after_a_question_mark(docs):
    """Audit of issue 11: "*What is generative AI?*." had both."""
    titles = {url: meta(doc, property="og:title") for url, doc in docs.items()}
    asking = [url for url, title in titles.items() if title.endswith("?")]
    assert asking, "some page titles end with a question mark"
    for url in asking:
        assert "?. " not in docs[url].find("details", id="cite-this-page").text(), url


def test_bibtex_titles_are_tex_escaped_not_html_escaped():
    """The BibTeX entry is TeX: & becomes \\&, never &amp; (issue 11)."""
    from jinja2 import Environment, FileSystemLoader
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")), autoescape=True)
    env.filters["url"] = lambda path: "/" + path
    page = type("Page", (), {"meta": {"reviewed": "2026-12-01"}, "url": "x/", "canonical_url": "https://e.org/x/"})
    html = env.get_template("partials/cite.html").render(page=page, page_title="Rock & roll: 100% of {AI}_#1?")
    import html as html_module
    bibtex = html_module.unescape(html.split('data-cite="bibtex"')[1].split("</pre>")[0])
    assert r"title        = {Rock \& roll: 100\% of \{AI\}\_\#1?}" in bibtex
    apa = html.split('data-cite="apa"')[1].split("</pre>")[0]
    assert "Rock &amp; roll: 100% of {AI}_#1?</i> Retrieved" in apa


@pytest.mark.parametrize("name", sorted(DATA))
def test_each_dataset_downloads_as_json_and_csv(site, name):
    records = sorted(DATA.records(name), key=lambda r: r["id"])
    document = json.loads((site / "downloads" / f"{name}.json").read_text(encoding="utf-8"))
    assert document["records"] == records and document["licence"] == "CC BY 4.0"
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / f"{name}.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [r["id"] for r in records]


def test_instructors_page_links_every_download(docs):
    page = SITE_URL + "instructors/"
    hrefs = {urljoin(page, a.attrs.get("href", "")) for a in docs["instructors/"].iter("a")}
    for name in DATA:
        assert {f"{SITE_URL}downloads/{name}.json", f"{SITE_URL}downloads/{name}.csv"} <= hrefs


def test_pages_announce_the_feed_and_say_when_they_were_reviewed(docs):
    for url, doc in docs.items():
        links = [l for l in doc.iter("link") if l.attrs.get("type") == "application/atom+xml"]
        assert links, url
        time = doc.find("time")
        assert time is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", time.attrs["datetime"]), url


def test_the_search_index_leaves_out_the_bibliography_and_the_self_checks(site):
    """References and quiz questions would crowd out the answers (issue 10)."""
    docs = search_entries(site)
    assert not [d for d in docs if d["location"].startswith("sources/")]
    question = DATA.records("quiz")[0]["question"]
    assert not [d["location"] for d in docs if question[:30] in d["text"]]
    assert all(not d["text"] for d in docs if d["location"].endswith("#check-your-understanding"))
    if ENGINE != "zensical":  # Zensical's index carries no boosts
        assert [d for d in docs if d["location"].startswith("faq/#") and d.get("boost", 1) > 1]
