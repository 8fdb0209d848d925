"""What readers and instructors do, in a real browser (Debian Chromium via Playwright).

Issue 10: search finds what people type; wide tables fit phones and desktops;
print keeps tables and diagrams whole; the guide reads offline.
Issue 11: self-checks give feedback and remember it; worksheet and answer-key
prints; the one-page handout; the chooser and catalogue keep their state in a
shareable URL; "Cite this page" fills in the date and copies.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import RECORDS as DATA, SUBPATH
from sitegen.browser import PageLog, chooser_card, origin, wait_ready
from sitegen.checks import system_kind

pytestmark = pytest.mark.browser

SYSTEMS = {s["id"]: s for s in DATA["systems"]}


@pytest.fixture
def context(chromium):
    ctx = chromium.new_context(viewport={"width": 1366, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, base_url):
    tab = context.new_page()
    tab.log = PageLog(origin(base_url)).attach(tab)
    return tab


def ready(tab, url):
    tab.goto(url)
    wait_ready(tab)


def pdf_pages(tab, paper="A4") -> list[str]:
    """The page as printed to PDF: the text of each sheet, with ligatures spelled out (a
    font with an "ff" glyph, such as DejaVu Sans, prints "differences" as "diﬀerences")."""
    return [unicodedata.normalize("NFKC", p.extract_text())
            for p in PdfReader(io.BytesIO(tab.pdf(format=paper))).pages]


# --- search -------------------------------------------------------------------

# Real queries: abbreviations, plurals, one typo, and questions. Each lists the
# pages or anchors that count as a right answer in the first three results.
SEARCHES = [
    ("RAG", ("faq/#what-is-rag", "glossary/#retrieval-augmented-generation")),
    ("genai", ("glossary/#generative-ai",)),
    ("halucination", ("glossary/#hallucination", "practice/risks/#hallucination")),
    ("hallucinations", ("glossary/#hallucination", "practice/risks/#hallucination")),
    ("GAN", ("glossary/#gan", "faq/#gans-still-used")),
    ("VAE", ("glossary/#vae",)),
    ("is chatgpt an llm", ("faq/#chatgpt-llm-or-product",)),
    ("transformers", ("glossary/",)),
    ("transformer", ("glossary/",)),
    ("diffusion", ("glossary/#diffusion",)),
    ("is bert an llm", ("faq/#is-bert-llm",)),
    ("open weights", ("faq/#open-weights", "glossary/#open-weights")),
    ("context window", ("glossary/#context-window",)),
    ("what is a token", ("glossary/#token",)),
    ("tokens", ("glossary/#token",)),
    ("deepfakes", ("glossary/#deepfake",)),
    ("EU AI Act", ("practice/rules/",)),
    ("Midjourney", ("faq/#midjourney-llm", "compare/systems/#sys-midjourney")),
    ("is midjourney an llm", ("faq/#midjourney-llm",)),
    ("Whisper", ("faq/#is-whisper-generative", "compare/systems/#sys-whisper")),
    ("gpt-oss", ("compare/llm-catalogue/#sys-gpt-oss",)),
    ("Sora", ("compare/systems/#sys-sora",)),
    ("Claude", ("compare/llm-catalogue/#sys-claude",)),
    ("stable diffusion", ("compare/systems/#sys-stable-diffusion",)),
    ("does chatgpt remember me", ("faq/#does-it-remember-me",)),
    ("agents", ("faq/#what-is-ai-agent", "glossary/#ai-agent")),
    ("prompt injection", ("glossary/#prompt-injection",)),
    ("mixture of experts", ("glossary/#mixture-of-experts",)),
    ("fine-tuning", ("glossary/#fine-tuning",)),
    ("multimodal", ("faq/#what-is-multimodal", "glossary/#multimodal-model")),
    ("copyright", ("practice/risks/#copyright",)),
    ("bias", ("practice/risks/#bias",)),
    ("energy use", ("faq/#energy-use",)),
]


def test_search_finds_what_readers_type(page, base_url):
    assert len(SEARCHES) >= 25
    ready(page, base_url + "concepts/llms/")
    page.click(".md-search__input")
    misses = []
    for query, wanted in SEARCHES:
        page.fill(".md-search__input", query)
        page.press(".md-search__input", "End")  # Material searches on keyup
        page.wait_for_function("""q => document.querySelector('.md-search__input').value === q &&
                                      /matching document/i.test(document.querySelector('.md-search-result__meta').textContent)""", arg=query)
        page.wait_for_timeout(150)
        links = page.eval_on_selector_all(".md-search-result__link", "as => as.map(a => a.href)")
        top = [re.sub(r"\?h=[^#]*", "", link).removeprefix(base_url) for link in links[:3]]
        if not any(w in t for t in top for w in wanted):
            misses.append(f"{query!r}: {top}")
    assert misses == []


# --- tables -------------------------------------------------------------------

WIDE_TABLES = {"compare/use-cases/": ".data-table--use-cases", "compare/systems/": ".data-table--systems",
               "compare/llm-catalogue/": ".data-table--systems", "compare/differences/": ".data-table--differences"}


@pytest.mark.parametrize("url", sorted(WIDE_TABLES))
def test_every_column_is_in_view_on_a_desktop(chromium, base_url, url):
    ctx = chromium.new_context(viewport={"width": 1366, "height": 900})
    tab = ctx.new_page()
    ready(tab, base_url + url)
    table = WIDE_TABLES[url]
    boxes = tab.eval_on_selector_all(f"{table} thead th", "ths => ths.map(t => t.getBoundingClientRect().toJSON())")
    assert boxes and all(b["width"] > 20 and b["x"] >= 0 and b["x"] + b["width"] <= 1366 for b in boxes), boxes
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # The header row stays in view in the middle of a long table.
    tab.evaluate(f"""() => {{ const t = document.querySelector('{table}');
                             window.scrollTo(0, t.getBoundingClientRect().top + scrollY + t.offsetHeight / 2); }}""")
    tab.wait_for_timeout(100)
    head = tab.eval_on_selector(f"{table} thead th", "t => t.getBoundingClientRect().toJSON()")
    assert 0 <= head["y"] < 200, head
    ctx.close()


@pytest.mark.parametrize("url", sorted(WIDE_TABLES))
def test_tables_read_as_cards_on_a_phone(chromium, base_url, url):
    ctx = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = ctx.new_page()
    ready(tab, base_url + url)
    table = WIDE_TABLES[url]
    cells = tab.eval_on_selector_all(f"{table} tbody tr:first-child > *",
                                     "cs => cs.map(c => [c.dataset.label || 'heading', c.getBoundingClientRect().toJSON()])")
    columns = tab.eval_on_selector_all(f"{table} thead th", "ths => ths.length")
    assert len(cells) == columns
    assert all(box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 390 for _, box in cells), cells
    assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert tab.evaluate(f"document.querySelector('{table}').getAttribute('role')") == "table"
    answer = tab.query_selector(f"{table} tbody tr:first-child .data-table__answer")
    if answer:  # the cell that answers the question comes right after the row's name
        order = [label for label, _ in sorted(cells, key=lambda c: c[1]["y"])]
        assert order.index(answer.get_attribute("data-label")) <= 1, order
    ctx.close()


# --- print --------------------------------------------------------------------

@pytest.mark.parametrize("url", ["compare/use-cases/", "compare/timeline/"])
def test_print_keeps_urls_out_of_tables_and_diagrams_whole(page, base_url, url):
    ready(page, base_url + url)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    in_cells = page.evaluate("""[...document.querySelectorAll('article td a, article th a')]
        .map(a => getComputedStyle(a, '::after').content).filter(c => c.includes('http'))""")
    assert in_cells == []
    external = page.eval_on_selector_all("article a[data-print-href]", "as => as.map(a => a.href)")
    assert len(external) == len(set(external)), "each external address prints once"
    sheets = pdf_pages(page)
    labels = page.eval_on_selector_all("article svg.diagram__svg text.diagram__event, article svg.diagram__svg text.diagram__label",
                                       "ts => ts.map(t => t.textContent.trim())")
    if labels:
        first, last = labels[0], labels[-1]
        on = [i for i, text in enumerate(sheets) if first in text]
        assert on and last in sheets[on[0]], "the diagram is printed on one sheet"


def test_printed_catalogue_states_its_filter(page, base_url):
    ready(page, base_url + "compare/llm-catalogue/?llm=yes")
    page.emulate_media(media="print")
    note = page.locator(".catalogue-print-note")
    assert note.is_visible() and note.inner_text().startswith("Printed with filters: LLM? Yes.")


# --- offline ------------------------------------------------------------------

def test_the_guide_reads_offline_and_a_rebuild_replaces_the_cache(chromium, site, tmp_path):
    from sitegen import offline
    from sitegen.pages_server import serve
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    with serve(copy, SUBPATH) as base:
        ctx = chromium.new_context()
        tab = ctx.new_page()
        errors = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("requestfailed", lambda r: errors.append("failed: " + r.url))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        ready(tab, base + "concepts/llms/")
        first = tab.evaluate("""async () => { await navigator.serviceWorker.ready;
            for (let i = 0; i < 100 && !(await caches.keys()).length; i++) await new Promise(r => setTimeout(r, 100));
            return caches.keys(); }""")
        assert len(first) == 1 and first[0].startswith("guide-")
        ctx.set_offline(True)
        for url in ("compare/differences/", "faq/", "practice/rules/"):
            tab.goto(base + url)
            assert tab.locator("article h1").count() == 1, url
            assert tab.evaluate("document.styleSheets.length") > 0
        assert errors == []
        ctx.set_offline(False)
        # A rebuild: one page changes, so the worker's version changes.
        page_file = copy / "faq" / "index.html"
        page_file.write_text(page_file.read_text(encoding="utf-8").replace("</article>", "<p id='rebuilt'>New.</p></article>"),
                             encoding="utf-8")
        offline.write_worker(copy)
        tab.goto(base + "faq/")
        assert tab.locator("#rebuilt").count() == 1, "online, pages come from the network, never stale"
        tab.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        tab.wait_for_function(f"caches.keys().then(k => k.length === 1 && k[0] !== {first[0]!r})", timeout=15000)
        ctx.close()


# --- self-checks ----------------------------------------------------------------

QUIZ_PAGE = "concepts/llms/"
QUESTIONS = [q for q in DATA["quiz"] if q["page"] == QUIZ_PAGE.removesuffix("/") + ".md"]


def question_item(tab, question):
    return tab.locator(f'.quiz__item[data-question="{question["id"]}"]')


def test_answering_gives_that_options_feedback_and_is_remembered(page, base_url):
    ready(page, base_url + QUIZ_PAGE)
    question = QUESTIONS[0]
    wrong = next(i for i, o in enumerate(question["options"]) if not o.get("correct"))
    item = question_item(page, question)
    item.locator(f'input[value="{wrong}"]').check()
    result = item.locator(".quiz__result")
    assert result.get_attribute("role") == "status"
    text = result.inner_text()
    assert text.startswith("Not quite.") and question["options"][wrong]["feedback"] in text
    href = result.locator("a").first.get_attribute("href")
    assert href.endswith("#" + question["section"].split("#")[1])
    page.reload()
    page.wait_for_load_state("networkidle")
    assert item.locator(f'input[value="{wrong}"]').is_checked()
    assert question["options"][wrong]["feedback"] in item.locator(".quiz__result").inner_text()
    right = next(i for i, o in enumerate(question["options"]) if o.get("correct"))
    item.locator(f'input[value="{right}"]').check()
    assert item.locator(".quiz__result").inner_text().startswith("Right.")


def test_questions_work_with_the_keyboard(page, base_url):
    ready(page, base_url + QUIZ_PAGE)
    question = QUESTIONS[1]
    item = question_item(page, question)
    assert item.locator("fieldset legend").inner_text() == f"{question['question']}" or \
        question["question"] in item.locator("fieldset legend").inner_text()
    item.locator('input[value="0"]').focus()
    page.keyboard.press("ArrowDown")  # moves to and selects the second option
    assert item.locator('input[value="1"]').is_checked()
    assert question["options"][1]["feedback"] in item.locator(".quiz__result").inner_text()


def test_home_page_shows_progress_and_clears_it(page, base_url):
    ready(page, base_url + QUIZ_PAGE)
    question = QUESTIONS[0]
    right = next(i for i, o in enumerate(question["options"]) if o.get("correct"))
    question_item(page, question).locator(f'input[value="{right}"]').check()
    ready(page, base_url)
    row = page.locator("#self-check-progress li", has=page.locator(f"a[href*='{QUIZ_PAGE}']"))
    assert row.inner_text().endswith(f"1 of {len(QUESTIONS)} right")
    assert page.locator("#self-check-progress li", has_text="not started").count() == len(
        {q["page"] for q in DATA["quiz"]}) - 1
    page.click(".progress__clear")
    assert row.inner_text().endswith("not started")
    assert page.evaluate("localStorage.getItem('genai-vs-llm-progress')") is None
    ready(page, base_url + QUIZ_PAGE)
    assert not question_item(page, question).locator("input:checked").count()


def test_worksheet_and_answer_key_print_differently(page, base_url):
    rights = [f"Answer: {'ABCDE'[next(i for i, o in enumerate(q['options']) if o.get('correct'))]}." for q in QUESTIONS]
    ready(page, base_url + QUIZ_PAGE + "?print=worksheet")
    page.emulate_media(media="print")
    assert not page.locator(".quiz__answer").first.is_visible()
    assert page.locator(".quiz__lines").first.is_visible() and page.locator(".quiz__options").first.is_visible()
    worksheet = "\n".join(pdf_pages(page))
    ready(page, base_url + QUIZ_PAGE + "?print=answers")
    page.emulate_media(media="print")
    assert page.locator(".quiz__answer .quiz__feedback").first.is_visible()
    assert not page.locator(".quiz__lines").first.is_visible()
    answers = "\n".join(pdf_pages(page))
    assert not [r for r in rights if r in worksheet.replace("\n", " ")]
    assert all(r in answers.replace("\n", " ") for r in rights)
    assert "Check your understanding" in worksheet and "Show the answer" not in worksheet


def test_print_buttons_choose_the_mode(page, base_url):
    ready(page, base_url + QUIZ_PAGE)
    page.evaluate("window.print = () => { window.printedAs = document.documentElement.dataset.printMode; }")
    page.click(".quiz__print-button[data-print-mode=worksheet]")
    assert page.evaluate("window.printedAs") == "worksheet"
    page.click(".quiz__print-button[data-print-mode=answers]")
    assert page.evaluate("window.printedAs") == "answers"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_handout_prints_on_one_sheet(page, base_url, paper):
    ready(page, base_url + "handout/")
    sheets = pdf_pages(page, paper)
    assert len(sheets) == 1
    assert "The differences in a few words" in sheets[0] and "Printed from" in sheets[0]


def test_cite_block_fills_the_access_date_and_copies(chromium, base_url):
    ctx = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = ctx.new_page()
    ready(tab, base_url + "concepts/llms/")
    iso = tab.evaluate("(() => { const d = new Date(); return d.getFullYear() + '-' + "
                       "String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()")
    tab.click("#cite-this-page summary")
    assert f"urldate      = {{{iso}}}" in tab.inner_text("pre[data-cite=bibtex]")
    assert "[date you read it]" not in tab.inner_text("pre[data-cite=apa]")
    tab.click(".cite__copy >> nth=0")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Generative AI vs LLMs. (") and copied.rstrip().endswith("/concepts/llms/")
    assert "Retrieved " in copied and " from https://" in copied
    ctx.close()


# --- chooser -------------------------------------------------------------------

def test_chooser_asks_the_decision_guides_questions(page, base_url):
    ready(page, base_url + "compare/use-cases/")
    legends = page.eval_on_selector_all("#use-case-chooser fieldset[data-question] legend",
                                        "ls => ls.map(l => l.textContent.replace(/^\\d+\\.\\s*/, ''))")
    assert legends == [c["question"] for c in sorted(DATA["choices"], key=lambda c: c["order"])]


def test_chooser_url_restores_the_recommendation(context, base_url):
    tab = context.new_page()
    ready(tab, base_url + "compare/use-cases/")
    tab.check("input[name=output][value=text]")
    tab.select_option("#chooser-task", "content-writing")
    tab.check("input[name=data-private][value=no]")
    tab.check("input[name=size][value=small]")
    shown = chooser_card(tab)
    assert "task=content-writing" in tab.url and "data-private=no" in tab.url and "size=small" in tab.url
    link = tab.get_attribute(".share-link a", "href")
    assert link == tab.url
    other = context.new_page()
    ready(other, link)
    assert other.is_checked("input[name=data-private][value=no]") and other.is_checked("input[name=size][value=small]")
    assert other.input_value("#chooser-task") == "content-writing"
    assert chooser_card(other) == shown


def test_chooser_puts_systems_that_fit_the_answers_first(page, base_url):
    ready(page, base_url + "compare/use-cases/?task=content-writing&data-private=no")
    chooser_card(page)
    ids = [h.split("#sys-")[1] for h in page.eval_on_selector_all(
        "#chooser-recommendation .chooser__systems a", "as => as.map(a => a.href)")]
    assert SYSTEMS[ids[0]]["open_weights"] == "yes"
    flags = [SYSTEMS[i]["open_weights"] == "yes" for i in ids]
    assert flags == sorted(flags, reverse=True)
    assert "Run an open-weight model" in chooser_card(page)


def test_every_chooser_example_is_of_the_recommended_kind(page, base_url):
    """Was: speech's best fit was an audio model but its only example was an LLM."""
    ready(page, base_url + "compare/use-cases/")
    for task in DATA["use_cases"]:
        page.select_option("#chooser-task", task["id"])
        assert chooser_card(page)
        hrefs = page.eval_on_selector_all("#chooser-recommendation .chooser__systems a", "as => as.map(a => a.href)")
        kinds = {system_kind(SYSTEMS[h.split("#sys-")[1]]) for h in hrefs}
        assert kinds <= {task["best"]}, task["id"]
