"""Links instructors published keep working: every manifest entry survives the build."""

from __future__ import annotations


from conftest import DATA, ROOT
from sitegen import stable_links

MANIFEST = ROOT / stable_links.MANIFEST_NAME


def test_every_published_link_still_resolves(site):
    lines = stable_links.read_manifest(MANIFEST)
    assert len(lines) >= 300
    assert stable_links.lost_links(lines, site, stable_links.redirect_map(DATA)) == []


def test_manifest_covers_faq_glossary_and_key_tables():
    lines = set(stable_links.read_manifest(MANIFEST))
    assert {f"/faq/#{q['id']}" for q in DATA.records('faq')} <= lines
    assert "/compare/differences/#diff-memory" in lines and "/glossary/#token" in lines
    assert "/" in lines


def make_site(tmp_path, pages: dict[str, str]):
    for url, body in pages.items():
        path = tmp_path / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body><article>{body}</article></body></html>")
    return tmp_path


def test_a_dropped_anchor_or_page_is_reported(tmp_path):
    site = make_site(tmp_path, {"a": "<h2 id='kept'>K</h2>"})
    lost = stable_links.lost_links(["/a/#kept", "/a/#gone", "/b/"], site, {})
    assert lost == ["/a/#gone: anchor #gone gone from a/", "/b/: page gone and no redirect in data/redirects.yaml"]


def test_a_redirect_keeps_a_moved_page_and_its_anchors(tmp_path):
    site = make_site(tmp_path, {"new": "<h2 id='x'>X</h2>"})
    old = tmp_path / "old" / "index.html"
    old.parent.mkdir()
    old.write_text('<html><head><meta http-equiv="refresh" content="0; url=../new/"></head></html>')
    assert stable_links.lost_links(["/old/", "/old/#x"], site, {"old/": "new/"}) == []
    assert stable_links.lost_links(["/old/#y"], site, {"old/": "new/"}) == ["/old/#y: anchor #y gone from new/"]


def test_redirect_sources_in_data_are_served(site):
    for source in stable_links.redirect_map(DATA):
        assert (site / source / "index.html").exists(), source
        assert "http-equiv=\"refresh\"" in (site / source / "index.html").read_text()


def test_every_record_anchor_is_a_published_link():
    """Row anchors come from the schemas' x-anchor: a new record's anchor must be recorded (make links)."""
    missing = sorted(stable_links.record_anchors(DATA) - set(stable_links.read_manifest(MANIFEST)))
    assert missing == [], f"run `make links` to record: {missing[:5]}"


def test_row_anchor_prefixes_come_from_the_schemas():
    assert set(stable_links.row_anchor_prefixes(DATA)) == {"diff-", "sys-", "use-", "arch-", "src-", "ev-", "rule-",
                                                            "case-", "change-", "quiz-", "stance-"}
