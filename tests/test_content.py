"""Content requirements: dataset sizes, coverage of the source articles, teaching aids, diagrams."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATA as SITE_DATA, RECORDS as DATA, ROOT
from sitegen import readability


# The guide's promised minimum sizes; the schemas hold them (x-min-records), the loader enforces them.
MINIMUM_SIZES = {  # issue 7: systems 36, timeline 45, FAQ 36, glossary 55, risks 10; issue 11: 60 questions
    "differences": 10, "systems": 36, "use_cases": 12, "architectures": 7, "timeline": 45,
    "industries": 8, "risks": 10, "myths": 12, "faq": 36, "glossary": 55, "sources": 40, "quiz": 60,
}
# Every system the three source articles name, as they spell it.
SEED_SYSTEMS = ["DALL·E", "MidJourney", "MusicLM", "Runway", "GPT-4", "Claude", "LLaMA", "PaLM",
                "ChatGPT", "GitHub Copilot"]
# The source articles' own questions, and the open questions readers ask.
REQUIRED_FAQ_IDS = [
    "main-difference", "llms-part-of-genai", "llm-app-examples", "genai-industries", "genai-career",
    "same-thing", "which-to-use", "chatgpt-llm-or-product", "midjourney-llm", "llm-make-images",
    "every-llm-generative", "does-it-remember-me", "why-make-things-up", "open-weights",
    "reasoning-model", "who-owns-output",
]
# Wrong, outdated or contradictory claims in the source articles (fact sheet, section 1).
REQUIRED_MYTHS = ["genai-is-one-model", "llms-text-only", "genai-uses-gans-vaes", "llm-memory-units",
                  "superset-rated-lower", "response-rate-37", "multimodal-future", "genai-reads-xrays"]
TEACHING_PAGES = sorted(page.removesuffix(".md") + "/" for page in {q["page"] for q in DATA["quiz"]})


@pytest.fixture(scope="module")
def docs(pages):
    from sitegen.htmlscan import parse_file
    return {url: parse_file(path) for url, path in pages.items()}


@pytest.mark.parametrize("name,minimum", sorted(MINIMUM_SIZES.items()))
def test_dataset_meets_minimum_size(name, minimum):
    assert SITE_DATA[name].schema["x-min-records"] >= minimum
    assert len(DATA[name]) >= minimum


def test_every_seed_system_is_in_the_catalogue():
    names = {n.casefold() for s in DATA["systems"] for n in [s["name"], *s.get("aliases", [])]}
    names |= {n.split(" (")[0] for n in names}
    assert [s for s in SEED_SYSTEMS if s.casefold() not in names] == []


# Datasets that state no facts: the bibliography itself, and site addresses.
NON_FACT_DATASETS = {"sources", "redirects", "changes", "quiz"}  # a change log; questions cite where they state a fact


def test_every_fact_stating_dataset_requires_sources():
    for schema_path in sorted((ROOT / "data").glob("*.schema.json")):
        if schema_path.name.removesuffix(".schema.json") in NON_FACT_DATASETS:
            continue
        items = json.loads(schema_path.read_text())["items"]
        assert "sources" in items["required"], schema_path.name
        assert items["properties"]["sources"]["items"]["x-ref"] == "sources", schema_path.name


def test_every_source_reference_resolves():
    cited = {i for records in DATA.values() for r in records for i in r.get("sources", [])}
    assert cited <= {s["id"] for s in DATA["sources"]}


def test_faq_has_the_required_questions_with_unique_ids():
    ids = [q["id"] for q in DATA["faq"]]
    assert len(ids) == len(set(ids))
    assert [i for i in REQUIRED_FAQ_IDS if i not in ids] == []


def test_every_faq_id_is_a_linkable_element(docs):
    """Each answer's id sits on its question, a heading inside the summary, so
    faq/#id lands on the question (site.js opens the answer around it)."""
    faq = docs["faq/"]
    entries = [d for d in faq.iter("details") if "faq" in d.attrs.get("class", "").split()]
    headed = {h.attrs["id"]: h.text().strip() for d in entries for h in d.find("summary").iter("h3") if "id" in h.attrs}
    assert headed == {q["id"]: q["question"] for q in DATA["faq"]}


def test_wrong_seed_claims_come_first_and_are_corrected(docs):
    myths = sorted(DATA["myths"], key=lambda m: m["order"])
    flags = [bool(m.get("from_sources")) for m in myths]
    assert flags == sorted(flags, reverse=True), "claims from the source articles come first"
    page_ids = {e.attrs.get("id") for e in docs["practice/myths/"].iter("h3")}
    assert [m for m in REQUIRED_MYTHS if m not in page_ids] == []


@pytest.mark.parametrize("url", TEACHING_PAGES)
def test_teaching_aids(docs, url):
    doc = docs[url]
    admonitions = [e for e in doc.iter("div") if "admonition" in e.attrs.get("class", "").split()]
    titles = [a.find("p").text().strip() for a in admonitions]
    assert titles[0] == "Learning objectives", url
    assert "Key takeaways" in titles, url
    assert doc.find("h2", id="check-your-understanding") is not None, url
    questions = [d for d in doc.iter("section") if "quiz__item" in d.attrs.get("class", "").split()]
    assert len(questions) == sum(1 for q in DATA["quiz"] if q["page"] == url.removesuffix("/") + ".md") >= 4, url
    for item in questions:
        answer = item.find("details")
        assert "quiz__answer" in answer.attrs["class"] and "open" not in answer.attrs, "answers start hidden"
        assert len(list(item.find("ol").iter("li"))) == len(list(answer.find("ul").iter("li"))), "feedback per option"
    assert not [d for d in doc.iter("details") if "question" in d.attrs.get("class", "").split()], \
        "no hand-written question blocks are left"


def test_nesting_diagram_is_accessible_svg_with_real_text(docs):
    svg = docs[""].find("svg", **{"class": "diagram__svg"})
    assert svg.attrs["role"] == "img" and svg.find("title") is not None and svg.find("desc") is not None
    texts = {t.text() for t in svg.iter("text")}
    for field in DATA["fields"]:
        assert field["name"] in texts
        assert field["name"] in svg.find("desc").text()


def test_timeline_diagram_is_accessible_svg_with_every_event(docs, site):
    svg = docs["compare/timeline/"].find("svg", **{"class": "diagram__svg"})
    assert svg.attrs["role"] == "img" and svg.find("title") is not None
    texts = {t.text() for t in svg.iter("text")}
    assert {e["label"] for e in DATA["timeline"]} <= texts
    ids = {e.attrs.get("id") for e in docs["compare/timeline/"].iter("li")}
    assert {f"ev-{e['id']}" for e in DATA["timeline"]} <= ids
    # In the page, the description points to that list instead of reading all events out twice;
    # the downloaded diagram stands alone, so its description lists every event.
    desc = svg.find("desc").text()
    assert desc.startswith(f"{len(DATA['timeline'])} events") and "listed below" in desc
    download = (site / "downloads" / "timeline-diagram.svg").read_text(encoding="utf-8")
    assert all(f"{e['date']}: " in download for e in DATA["timeline"])


def test_use_case_table_never_rates_generative_ai_below_llms(docs):
    order = SITE_DATA["use_cases"].enum("ratings", "llm")
    rows = [tr for tr in docs["compare/use-cases/"].find("table").iter("tr") if tr.find("td")]
    assert len(rows) == len(DATA["use_cases"])
    for tr in rows:
        cells = [td.text().split()[-1] for td in tr.iter("td")]  # "●●○ good" -> "good"
        llm, media, overall = cells[0], cells[1], cells[3]
        assert order.index(overall) == max(order.index(llm), order.index(media)), tr.find("th").text()


def test_the_first_use_of_a_term_in_each_section_links_to_its_glossary_entry(docs):
    terms = {t["id"]: t for t in DATA["glossary"] if "abbr" in t or "tooltip" in t}
    marked = 0
    for url, doc in docs.items():
        article = doc.find("article")
        if article is None or url == "glossary/":
            continue
        for span in (e for e in article.iter("span") if e.attrs.get("class") == "term"):
            link, tip = span.find("a"), next(e for e in span.iter("span") if e.attrs.get("class") == "term__tip")
            term_id = link.attrs["href"].split("#")[1]
            assert link.attrs["href"].split("#")[0].endswith("glossary/") and term_id in terms, url
            assert link.attrs["aria-describedby"] == tip.attrs["id"] and tip.attrs["role"] == "tooltip"
            assert tip.text().startswith(terms[term_id]["term"] + ":"), url
            marked += 1
    assert marked > 50


def test_cited_titles_on_the_sources_pages_are_left_as_written(docs):
    """A work's title is quoted, so no term link or tooltip goes inside it: on the index and
    on each page of a kind. Was: the pages of a kind, new in the split, got tooltips."""
    kinds = [url for url in docs if url.startswith("sources/") and url != "sources/"]
    assert kinds
    for url in ["sources/", *kinds]:
        article = docs[url].find("article")
        assert not [e for e in article.iter("span") if e.attrs.get("class") == "term"], url
    entries = [e for url in kinds for e in docs[url].find("article").iter("li") if e.attrs.get("id", "").startswith("src-")]
    assert len(entries) == len(DATA["sources"])


def in_table(element) -> bool:
    while element.parent is not None:
        element = element.parent
        if element.tag == "table":
            return True
    return False


def test_a_term_is_marked_once_per_section(docs):
    """Was: every mention of LLM was an abbreviation with a tab stop (57 of 175 on the use-cases
    page). A table is one section: the catalogue's row headings gave each of its 44 rows its
    own tooltips (79 on the page, 11 terms). The timeline's year headings split one list of
    events: "transformer" had a tooltip in nearly every year (28 on the page, now 20)."""
    import re
    from sitegen.fragments import SECTION_CONTINUES
    timeline_years = [h for h in docs["compare/timeline/"].find("article").iter("h3") if h.attrs["id"].startswith("year-")]
    assert timeline_years and all(SECTION_CONTINUES in h.attrs.get("class", "").split() for h in timeline_years)
    for url in ("compare/use-cases/", "concepts/llms/", "compare/systems/", "faq/", "compare/timeline/"):
        article = docs[url].find("article")
        seen_per_section: list[set] = [set()]
        for element in article.iter():
            if (re.fullmatch(r"h[23]", element.tag) and not in_table(element)
                    and SECTION_CONTINUES not in element.attrs.get("class", "").split()):
                seen_per_section.append(set())
            if element.tag == "a" and "term__link" in element.attrs.get("class", ""):
                term = element.attrs["href"].split("#")[1]
                assert term not in seen_per_section[-1], f"{url}: {term} marked twice in one section"
                seen_per_section[-1].add(term)


def test_every_glossary_term_has_an_anchor(docs):
    ids = {e.attrs.get("id") for e in docs["glossary/"].iter("h3")}
    assert {t["id"] for t in DATA["glossary"]} <= ids


def test_prose_reads_at_grade_ten_or_lower(pages):
    grades = {url: readability.page_grade(path.read_text(encoding="utf-8")) for url, path in pages.items()}
    hard = {url: round(g, 1) for url, (g, words) in grades.items() if words >= 100 and g > 10}
    assert hard == {}, f"Flesch-Kincaid grade above 10: {hard}"
    assert sum(1 for g, words in grades.values() if words >= 100) >= 15


def test_readability_measure_is_sane():
    easy = readability.flesch_kincaid(["The cat sat on the mat. It was warm."])[0]
    hard = readability.flesch_kincaid(["Institutional interoperability considerations necessitate "
                                       "comprehensive organisational standardisation initiatives."])[0]
    assert easy < 2 < 15 < hard


def test_every_heading_has_an_explicit_id():
    """Instructors link to sections: an id derived from heading text would change with the wording."""
    sources = list(ROOT.joinpath("docs").rglob("*.md")) + list(ROOT.joinpath("sitegen", "templates").glob("*.md.j2"))
    missing = [f"{p.relative_to(ROOT)}: {line}" for p in sources for line in p.read_text(encoding="utf-8").splitlines()
               if line.startswith("#") and line.lstrip("#").startswith(" ") and "{#" not in line]
    assert missing == []


NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
# Counts that prose states, and what they count. A new count in a page must be added here.
PROSE_COUNTS = {
    ("compare/differences.md", "aspects"): lambda: len(DATA["differences"]),
    ("practice/industries.md", "industries"): lambda: len(DATA["industries"]),
    ("practice/risks.md", "risks"): lambda: len(DATA["risks"]),
    ("concepts/relationship.md", "questions"): lambda: len(DATA["stances"]),
    ("practice/choosing.md", "questions"): lambda: len(DATA["choices"]) + 1,  # and "what do you need to produce"
}
COUNTED = re.compile(r"(?<!the )\b(" + "|".join(NUMBER_WORDS) + r"|\d{2,3}) (systems|questions|terms|events|risks|myths|tasks|"
                     r"industries|rules|cases|sources|milestones|aspects)\b", re.I)


def test_counts_in_prose_match_the_data():
    """Was: the risks page promised "Eight risks" after the data grew to ten (issue 7: counts come from data)."""
    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = path.relative_to(ROOT / "docs").as_posix()
        for number, noun in COUNTED.findall(path.read_text(encoding="utf-8")):
            value = int(number) if number.isdigit() else NUMBER_WORDS[number.lower()]
            found.setdefault((page, noun.lower()), set()).add(value)
    assert set(found) <= set(PROSE_COUNTS), "a page states a count this test does not know"
    assert {key: values for key, values in found.items() if values != {PROSE_COUNTS[key]()}} == {}
