"""The site works under a sub-path, as GitHub Pages serves project sites."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ENGINE, SEARCH_INDEX
from sitegen.htmlscan import parse
from sitegen.sitecheck import requested_urls


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def base(base_url):
    return base_url


def same_site(url: str, base: str) -> bool:
    return url.startswith(base)


def referenced(doc, page: str, base: str) -> set[str]:
    """Every same-site URL a page loads or links to (fragments dropped)."""
    urls = {urljoin(page, u) for u in requested_urls(doc)}
    urls |= {urljoin(page, a.attrs["href"]) for a in doc.iter("a")
             if a.attrs.get("href") and not a.attrs["href"].startswith("#")}  # "#x" is this very page
    config = doc.find("script", id="__config")
    if config is not None:  # the theme's search worker and index, loaded by script
        settings = json.loads(config.text())
        root = urljoin(page, settings["base"] + "/")
        urls |= {urljoin(page, settings["search"]), urljoin(root, SEARCH_INDEX[ENGINE][0])}
    return {u.split("#")[0] for u in urls if same_site(u.split("#")[0], base)}


def test_every_page_and_asset_loads_under_the_sub_path(base, pages):
    page_urls = {urljoin(base, url) for url in pages if url != "404.html"}
    failures, assets = [], set()
    for url in sorted(page_urls):
        status, body = fetch(url)
        if status != 200:
            failures.append(f"{status} {url}")
            continue
        assets |= referenced(parse(body.decode("utf-8")), url, base)
    for url in sorted(assets - page_urls):
        status, _ = fetch(url)
        if status != 200:
            failures.append(f"{status} {url}")
    assert len(page_urls) >= 4 and len(assets) > len(page_urls)
    assert not failures, "\n".join(failures)


def test_404_page_and_its_assets_load_at_any_depth(base):
    for missing in ("no-such-page/", "compare/no-such-page/deeper/"):
        status, body = fetch(urljoin(base, missing))
        assert status == 404
        doc = parse(body.decode("utf-8"))
        assert "404" in doc.find("h1").text()
        failures = [u for u in sorted(referenced(doc, urljoin(base, missing), base)) if fetch(u)[0] != 200]
        assert not failures, failures


def test_nothing_is_served_outside_the_sub_path(base):
    root = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
    assert fetch(root)[0] == 404


def test_text_is_served_compressed_to_browsers_that_accept_it(base):
    """As GitHub Pages does; the benchmark's slow network then carries a reader's bytes."""
    for url in (base, urljoin(base, "faq/"), urljoin(base, "assets/site.js")):
        plain = urllib.request.urlopen(url, timeout=10)
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as packed:
            assert packed.headers["Content-Encoding"] == "gzip" and plain.headers["Content-Encoding"] is None
            body = packed.read()
            assert gzip.decompress(body) == plain.read() and len(body) < int(plain.headers["Content-Length"]) / 2
        plain.close()
