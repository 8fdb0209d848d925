"""Reader features in a real browser (Debian Chromium via Playwright).

Covers: accessibility (axe-core, every page, light and dark, desktop and
375 px), console errors, failed and third-party requests, horizontal overflow,
the use-case chooser, catalogue sorting and filtering, FAQ deep links and
copy buttons, tooltips on focus, the colour-scheme toggle, following links
between pages, and print styles.
"""

from __future__ import annotations


import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import DATA as SITE_DATA
from conftest import RECORDS as DATA
from sitegen.browser import PageLog, chooser_card, origin, wait_loaded, wait_ready, wait_theme_started

REDIRECT_SOURCES = {r["from"] for r in DATA["redirects"]}


@pytest.fixture(scope="module")
def content_urls(pages):
    return [u for u in pages if u != "404.html" and u not in REDIRECT_SOURCES]


@pytest.fixture
def page(chromium, base_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = context.new_page()
    tab.log = PageLog(origin(base_url)).attach(tab)
    yield tab
    context.close()


def axe_violations(tab) -> list[str]:
    """axe-core violations as readable lines: rule, element, why.

    Waits for running CSS transitions first: Material fades the header while
    a page scrolls, and colours sampled mid-fade are not what readers see.
    Long lists' entries are not drawn until a reader scrolls near them
    (`content-visibility: auto` in site.css), and axe cannot sample colours
    that are not drawn, so they are drawn for the check, as a reader would see
    them, and left as they were after it."""
    tab.evaluate("""() => new Promise(done => { const s = document.createElement('style'); s.id = 'axe-draw-all';
        s.textContent = '* { content-visibility: visible !important; }'; document.head.append(s);
        requestAnimationFrame(() => requestAnimationFrame(done)); })""")
    # Drawing everything can move the scroll position, and the header fades its title on scroll.
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    try:
        violations = Axe().run(tab).response["violations"]
    finally:
        tab.evaluate("document.getElementById('axe-draw-all').remove()")
    return [f"{v['id']}: {n['target']}: {n['failureSummary'].splitlines()[-1].strip()}"
            for v in violations for n in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_is_accessible_clean_and_self_hosted(chromium, base_url, content_urls, scheme, width):
    context = chromium.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    problems = []
    for url in content_urls:
        tab = context.new_page()
        log = PageLog(origin(base_url)).attach(tab)
        tab.goto(base_url + url)
        wait_ready(tab)
        problems += [f"/{url}: axe {v}" for v in axe_violations(tab)]
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"/{url}: page is {overflow}px wider than the viewport")
        problems += [f"/{url}: console error: {e}" for e in log.console_errors]
        problems += [f"/{url}: failed request: {e}" for e in log.failed]
        problems += [f"/{url}: third-party request: {e}" for e in log.foreign]
        tab.close()
    context.close()
    assert len(content_urls) >= 18
    assert not problems, "\n".join(problems)


def test_opened_answers_and_used_widgets_stay_accessible(page, base_url):
    page.goto(base_url + "faq/")
    wait_ready(page)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(page) == []
    page.goto(base_url + "compare/use-cases/")
    wait_ready(page)
    page.check("input[name=output][value=image]")
    page.check("input[name=data-private][value=no]")
    assert axe_violations(page) == []
    page.goto(base_url + "compare/llm-catalogue/?compare=gpt-5,claude-5&developer=Google")
    wait_ready(page)
    page.wait_for_selector("#compare table")
    assert axe_violations(page) == []
    page.goto(base_url + "concepts/llms/")
    wait_ready(page)
    page.check(".quiz__item input[type=radio] >> nth=0")
    assert axe_violations(page) == []


def test_chooser_recommends_the_right_kind_of_model(page, base_url):
    page.goto(base_url + "compare/use-cases/")
    wait_ready(page)
    assert page.is_visible("#use-case-chooser")
    assert page.get_attribute(".chooser__status", "aria-live") == "polite"
    page.check("input[name=output][value=audio]")
    options = page.eval_on_selector_all("#chooser-task option", "els => els.map(e => e.value)")
    assert options == [""] + [u["id"] for u in DATA["use_cases"] if "audio" in u["outputs"]]
    page.select_option("#chooser-task", "music")
    result = chooser_card(page)
    assert "Use: An image, audio or video model" in result
    assert "MusicLM" in result
    assert "Recommendation: An image, audio or video model" in page.inner_text(".chooser__status")
    page.check("input[name=output][value=decision]")
    page.select_option("#chooser-task", "fraud-detection")
    assert "Use: Non-generative ML" in chooser_card(page)
    page.check("input[name=output][value=code]")
    assert chooser_card(page) == ""  # the task was not a code task: "Choose a task" again
    page.select_option("#chooser-task", next(u["id"] for u in DATA["use_cases"] if "code" in u["outputs"]))
    result = chooser_card(page)
    assert "Use: An LLM" in result and "GitHub Copilot" in result
    assert "generative AI overall strong" in result


def test_chooser_fetches_its_recommendations_only_when_used(chromium, base_url):
    """Was: 30 KB of recommendations in the page, 5.2 of its 28.2 KiB gzipped, for every
    reader of the use-case table. Now the file comes when a reader starts to use the form,
    at once for a shared recommendation link, and a failed fetch says where to look."""
    context = chromium.new_context()
    tab = context.new_page()
    fetched = []
    tab.on("request", lambda r: fetched.append(r.url) if "/widgets/chooser.json" in r.url else None)
    tab.goto(base_url + "compare/use-cases/")
    wait_ready(tab)
    tab.wait_for_timeout(300)
    assert fetched == []
    tab.focus("input[name=output][value=text]")
    tab.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.includes('/widgets/chooser.json'))")
    assert len(fetched) == 1 and "?v=" in fetched[0]

    task = DATA["use_cases"][0]
    fetched.clear()
    tab.goto(base_url + f"compare/use-cases/?task={task['id']}#chooser")
    wait_ready(tab)
    assert task["reason"] in chooser_card(tab) and len(fetched) == 1

    tab.route("**/widgets/chooser.json*", lambda route: route.abort())
    tab.goto(base_url + "compare/use-cases/")
    wait_ready(tab)
    tab.focus("input[name=output][value=text]")  # starts the fetch, which fails: no task yet, nothing to say
    tab.wait_for_timeout(300)
    assert chooser_card(tab) == "" and tab.inner_text(".chooser__status") == ""
    tab.select_option("#chooser-task", task["id"])
    assert "could not be loaded" in chooser_card(tab)
    assert "could not be loaded" in tab.inner_text(".chooser__status")
    context.close()


def test_chooser_works_with_the_keyboard_alone(page, base_url):
    page.goto(base_url + "compare/use-cases/")
    wait_ready(page)
    page.focus("input[name=output][value=text]")
    page.keyboard.press("Space")
    page.focus("#chooser-task")
    assert chooser_card(page) == ""  # "Choose a task"
    page.keyboard.press("ArrowDown")
    first = chooser_card(page)
    page.keyboard.press("ArrowDown")
    second = chooser_card(page)
    assert first != second
    text_tasks = [u for u in DATA["use_cases"] if "text" in u["outputs"]]
    assert f"{text_tasks[0]['reason']}" in first
    assert f"{text_tasks[1]['reason']}" in second


def systems_on(page: str) -> list[dict]:
    """The systems x-anchor places on a catalogue page (compare/systems.md or compare/llm-catalogue.md)."""
    return [s for s in DATA["systems"] if SITE_DATA["systems"].anchor_page(s["id"]) == page]


OTHER_SYSTEMS = systems_on("compare/systems.md")
LLM_SYSTEMS = systems_on("compare/llm-catalogue.md")


def visible_system_ids(tab) -> list[str]:
    return tab.eval_on_selector_all(".catalogue tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.system)")


def test_catalogue_filters_change_the_rows(page, base_url):
    page.goto(base_url + "compare/llm-catalogue/")
    wait_ready(page)
    assert len(visible_system_ids(page)) == len(LLM_SYSTEMS)
    page.select_option("#catalogue-filter-llm", "built-on")
    products = sorted(s["id"] for s in LLM_SYSTEMS if s["llm"] == "built-on")
    assert sorted(visible_system_ids(page)) == products and "chatgpt" in products
    assert page.inner_text(".catalogue-controls__count") == f"Showing {len(products)} of {len(LLM_SYSTEMS)} systems."
    page.select_option("#catalogue-filter-llm", "")
    page.select_option("#catalogue-filter-reads", "image")
    page.select_option("#catalogue-filter-open", "yes")
    expected = [s["id"] for s in LLM_SYSTEMS if s["open_weights"] == "yes" and "image" in s["inputs"]]
    assert sorted(visible_system_ids(page)) == sorted(expected) and expected
    page.select_option("#catalogue-filter-reads", "")
    page.select_option("#catalogue-filter-open", "")
    page.select_option("#catalogue-filter-developer", "OpenAI")
    assert sorted(visible_system_ids(page)) == sorted(s["id"] for s in LLM_SYSTEMS if s["developer"] == "OpenAI")
    page.goto(base_url + "compare/systems/")
    wait_ready(page)
    assert len(visible_system_ids(page)) == len(OTHER_SYSTEMS)
    page.select_option("#catalogue-filter-makes", "image")
    page.select_option("#catalogue-filter-open", "yes")
    expected = [s["id"] for s in OTHER_SYSTEMS if s["open_weights"] == "yes" and "image" in s["outputs"]]
    assert sorted(visible_system_ids(page)) == sorted(expected) == ["stable-diffusion"]


def test_one_organisation_finds_all_its_units(page, base_url):
    """Google, Google DeepMind and Google Research are one organisation in the filter."""
    page.goto(base_url + "compare/systems/")
    wait_ready(page)
    page.select_option("#catalogue-filter-developer", "Google")
    ids = sorted(visible_system_ids(page))
    assert ids == sorted(s["id"] for s in OTHER_SYSTEMS if s["developer"] == "Google")
    assert {"imagen", "veo-3"} <= set(ids)
    units = page.eval_on_selector_all(".catalogue tbody tr:not([hidden]) td:nth-child(2)", "cs => cs.map(c => c.textContent)")
    assert "Google DeepMind" in units and "Google Research" in units


def test_catalogue_filters_live_in_the_url_with_reset_and_a_no_match_message(page, base_url):
    page.goto(base_url + "compare/systems/")
    wait_ready(page)
    page.select_option("#catalogue-filter-developer", "Google")
    page.select_option("#catalogue-filter-makes", "video")
    assert "developer=Google" in page.url and "makes=video" in page.url
    shown = sorted(visible_system_ids(page))
    page.goto(page.url)  # a reload, or a shared link
    wait_ready(page)
    assert page.input_value("#catalogue-filter-developer") == "Google"
    assert page.input_value("#catalogue-filter-makes") == "video"
    assert sorted(visible_system_ids(page)) == shown
    assert not page.is_visible(".catalogue-empty")
    page.select_option("#catalogue-filter-open", "yes")  # no open-weight Google video model
    assert visible_system_ids(page) == []
    assert page.is_visible(".catalogue-empty")
    assert page.inner_text(".catalogue-controls__count") == "No system matches these filters."
    page.click(".catalogue-controls__reset")
    assert len(visible_system_ids(page)) == len(OTHER_SYSTEMS)
    assert "?" not in page.url and not page.is_visible(".catalogue-empty")
    assert page.is_disabled(".catalogue-controls__reset")


def test_compare_view_shows_the_chosen_systems_and_has_a_shareable_url(page, base_url):
    page.goto(base_url + "compare/llm-catalogue/")
    wait_ready(page)
    assert not page.is_visible("#compare")
    page.check("input[type=checkbox][value=gpt-5]")
    assert "Choose one or two more" in page.inner_text("#compare")
    page.check("input[type=checkbox][value=claude-5]")
    page.check("input[type=checkbox][value=gemini]")
    assert page.is_disabled("input[type=checkbox][value=llama-4]"), "at most three"
    names = {s["id"]: s["name"] for s in DATA["systems"]}
    heads = page.eval_on_selector_all("#compare thead th", "ths => ths.map(t => t.textContent)")
    assert heads == ["Fact", names["gpt-5"], names["claude-5"], names["gemini"]]
    assert "compare=gpt-5%2Cclaude-5%2Cgemini" in page.url
    facts = page.eval_on_selector_all("#compare tbody th", "ths => ths.map(t => t.textContent)")
    assert "Developer" in facts and "Open weights" in facts
    assert page.evaluate("[...document.querySelectorAll('#compare [id]')].map(e => e.id)") == ["compare-title"]
    other = page.context.new_page()
    other.goto(page.url)
    wait_ready(other)
    assert other.eval_on_selector_all("#compare thead th", "ths => ths.map(t => t.textContent)") == heads
    other.click(".catalogue-compare__clear")
    assert not other.is_visible("#compare") and "compare=" not in other.url


def test_catalogue_sorts_by_any_column(page, base_url):
    page.goto(base_url + "compare/systems/")
    wait_ready(page)
    by_date = sorted(OTHER_SYSTEMS, key=lambda s: s["released"])
    page.click("th:nth-child(3) .catalogue-sort")
    assert page.get_attribute("th:nth-child(3)", "aria-sort") == "ascending"
    ids = visible_system_ids(page)
    assert ids[0] == by_date[0]["id"] and ids[-1] == by_date[-1]["id"]
    page.click("th:nth-child(3) .catalogue-sort")
    assert page.get_attribute("th:nth-child(3)", "aria-sort") == "descending"
    assert visible_system_ids(page)[0] == by_date[-1]["id"]
    page.click("th:nth-child(2) .catalogue-sort")
    developers = page.eval_on_selector_all(".catalogue tbody tr td:nth-child(2)", "cells => cells.map(c => c.textContent)")
    assert developers == sorted(developers, key=str.casefold)


def test_faq_deep_link_opens_its_answer(page, base_url):
    page.goto(base_url + "faq/#does-it-remember-me")
    wait_ready(page)
    page.wait_for_function("document.getElementById('does-it-remember-me').closest('details').open")
    assert page.is_visible("details:has(#does-it-remember-me) p")
    box = page.locator("#does-it-remember-me").bounding_box()
    assert 0 <= box["y"] < 900
    assert not page.evaluate("document.getElementById('main-difference').closest('details').open")


def test_faq_link_from_another_page_opens_its_answer(page, base_url):
    page.goto(base_url + "instructors/")
    wait_ready(page)
    page.click("article a[href$='faq/#chatgpt-llm-or-product']")
    page.wait_for_url("**/faq/#chatgpt-llm-or-product")
    page.wait_for_function("document.getElementById('chatgpt-llm-or-product').closest('details').open")


@pytest.mark.parametrize("old, new", [
    ("sources/#src-vaswani-2017-attention", "sources/papers/#src-vaswani-2017-attention"),
    ("practice/rules/#case-gema-v-openai", "practice/court-cases/#case-gema-v-openai"),
    ("sources/#src-eshumarneedi-2025-chatgpt-agent", "sources/documentation/#src-openai-help-chatgpt-agent"),
    ("compare/systems/#sys-gpt-4", "compare/llm-catalogue/#sys-gpt-4"),
])
def test_a_link_to_a_moved_record_goes_on_to_its_new_page(page, base_url, old, new):
    """Sources moved to a page per kind, court cases to a page of their own and LLMs to the
    LLM catalogue: a link made before lands on the index entry that kept the anchor,
    which forwards to the record."""
    page.goto(base_url + old)
    page.wait_for_url("**/" + new)
    anchor = new.split("#")[1]
    page.wait_for_function(f"document.getElementById('{anchor}') && document.getElementById('{anchor}').closest('article')")
    assert page.locator(f"#{anchor}").evaluate("e => !e.closest('.anchor-index')")


def test_self_check_questions_do_not_read_out_tooltips(page, base_url):
    """Was: site.js rebuilt each question and option from its text, and a term's tooltip
    was part of that text: "Is Whisper an LLMLarge language model: A very large ...?"."""
    page.goto(base_url + "compare/systems/")
    wait_ready(page)
    page.wait_for_selector(".quiz__legend")
    texts = page.eval_on_selector_all(".quiz__legend, .quiz__choice", "es => es.map(e => e.textContent)")
    assert any("Is Whisper an LLM?" in t for t in texts)
    read_out = [(g["term"], t) for t in texts for g in DATA["glossary"] if f"{g['term']}:" in t]
    assert read_out == []


def test_same_page_hash_links_keep_embedded_data_intact(page, base_url):
    """Was: instant navigation re-ran the FAQ's JSON-LD (since removed) as a script, without its
    type (a SyntaxError). The chooser's JSON sits in the article the same way."""
    page.goto(base_url + "compare/use-cases/")
    wait_ready(page)
    page.evaluate("""() => { const a = document.createElement('a'); a.href = location.pathname + '#use-content-writing';
                             a.textContent = 'jump'; document.querySelector('article').append(a); a.click(); }""")
    page.wait_for_url("**#use-content-writing")
    types = page.evaluate("[...document.querySelectorAll('article script')].map(s => s.type)")
    assert types == ["application/json"]
    assert page.log.console_errors == []


def test_faq_copy_link_button(chromium, base_url):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(base_url + "faq/")
    wait_ready(tab)
    buttons = tab.locator(".faq__copy")
    assert buttons.count() == len(DATA["faq"])
    tab.click(".faq__item:has(#open-weights) .faq__copy")
    assert tab.evaluate("navigator.clipboard.readText()") == base_url + "faq/#open-weights"
    assert "copied" in tab.inner_text(".faq-status")
    context.close()


def test_term_tooltips_open_on_focus_link_to_the_glossary_and_close_on_escape(page, base_url):
    page.goto(base_url + "concepts/llms/")
    wait_ready(page)
    link = page.locator("article .term__link", has_text="LLM").first
    page.keyboard.press("Tab")  # move focus into the page first
    link.focus()
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("Large language model:")
    assert float(tip.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 14
    link.press("Escape")
    tip.wait_for(state="hidden")
    link.click()
    page.wait_for_url("**/glossary/#large-language-model")


def test_colour_scheme_toggle_persists_across_pages(page, base_url):
    page.goto(base_url)
    wait_ready(page)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "default"
    for _ in range(3):  # auto -> light -> dark
        if scheme() == "slate":
            break
        page.click("form[data-site-palette] label:visible")
    assert scheme() == "slate"
    page.goto(base_url + "glossary/")  # a full page load
    wait_ready(page)
    assert scheme() == "slate"


# Records every change to <body>'s attributes from the first byte on.
WATCH_BODY = """
window.__bodyChanges = [];
new MutationObserver(list => list.forEach(m => window.__bodyChanges.push(m.attributeName)))
  .observe(document, {attributes: true, subtree: true, attributeFilter: [
    'data-md-color-switching', 'data-md-color-scheme', 'data-md-color-primary', 'data-md-color-accent']});
"""


def test_loading_a_page_does_not_restyle_it_for_the_colour_scheme(chromium, base_url):
    """The theme's own toggle marks <body> as switching on every load, which restyles
    every element twice; assets/palette.js changes <body> only when the colours change."""
    context = chromium.new_context(color_scheme="light")
    context.add_init_script(WATCH_BODY)
    tab = context.new_page()
    tab.goto(base_url + "faq/")
    wait_ready(tab)
    assert tab.evaluate("window.__bodyChanges") == []
    assert tab.evaluate("document.querySelector('meta[name=color-scheme]')") is None  # light: no tag, no restyle
    assert tab.evaluate("document.querySelector('meta[name=theme-color]').content").startswith("#")
    context.close()


def test_following_the_system_setting_picks_dark_and_enter_switches(chromium, base_url):
    context = chromium.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(base_url)
    wait_ready(tab)
    scheme = lambda: tab.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "slate"  # no choice saved: follow the system, which is dark
    tab.wait_for_function("document.querySelector('meta[name=color-scheme]').content === 'dark'")
    tab.focus("form[data-site-palette] input:checked")
    tab.keyboard.press("Enter")  # follow the system -> light
    assert scheme() == "default"
    tab.wait_for_function("document.querySelector('meta[name=color-scheme]').content === 'light'")
    assert tab.evaluate("document.activeElement.getAttribute('data-md-color-media')") == "(prefers-color-scheme: light)"
    assert tab.is_visible("label[for=__palette_2]") and not tab.is_visible("label[for=__palette_1]")
    context.close()


def test_a_dark_system_setting_gets_dark_colours_from_the_inlined_css_alone(chromium, base_url):
    """Before the full stylesheet arrives: the inlined CSS held the dark scheme's selector but
    dropped its colours (they are declared in the palette file and read in the main one)."""
    context = chromium.new_context(viewport={"width": 390, "height": 800}, color_scheme="dark")
    tab = context.new_page()
    tab.route("**/assets/stylesheets/combined.*", lambda route: route.abort())
    tab.goto(base_url + "concepts/llms/")
    wait_loaded(tab)
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    background, text = tab.evaluate("""[getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('article p')).color]""")
    luminance = lambda colour: sum(map(float, colour[colour.index("(") + 1:].rstrip(")").split(",")[:3]))  # noqa: E731
    assert luminance(background) < 150 and luminance(text) > 450, (background, text)
    context.close()


def test_without_javascript_the_whole_stylesheet_still_loads(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    styles = []
    tab.on("requestfinished", lambda r: styles.append(r.url) if r.resource_type == "stylesheet" else None)
    tab.goto(base_url + "compare/use-cases/", wait_until="load")
    assert len(styles) == 1 and "/assets/stylesheets/combined." in styles[0]
    context.close()


def test_print_shows_answers_and_link_addresses_and_hides_navigation(page, base_url):
    page.goto(base_url + "concepts/llms/")
    wait_ready(page)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-sidebar--primary")
    after = page.evaluate("""getComputedStyle(document.querySelector('article p a[data-print-href]'), '::after').content""")
    assert "https://" in after  # links to other websites print their address; the guide's own links do not
    assert not page.evaluate("[...document.querySelectorAll('article a[data-print-href]')].some(a => a.origin === location.origin)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("[...document.querySelectorAll('details.quiz__answer')].some(d => d.open)")


@pytest.mark.parametrize("width", [1280, 375])
def test_search_loads_only_when_used_and_then_finds_pages(chromium, base_url, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "concepts/llms/")
    wait_ready(page)
    page.wait_for_timeout(300)
    assert not [u for u in requests if "search_index.json" in u or "/workers/search" in u]
    if width < 960:
        page.click("label.md-header__button[for=__search]")  # the search button of the mobile header
    else:
        page.click(".md-search__input")
    page.fill(".md-search__input", "diffusion")
    page.wait_for_selector(".md-search-result__item")
    titles = page.eval_on_selector_all(".md-search-result__item h1, .md-search-result__item h2",
                                       "els => els.map(e => e.textContent)")
    assert any("diffusion" in t.lower() for t in titles)
    assert [u for u in requests if u.endswith("search/search_index.json")]
    assert page.locator(".md-search-result mark").count() > 0  # the query is highlighted in results
    context.close()


THEME_BUNDLE = "/assets/javascripts/bundle."
BOXES = """selectors => selectors.map(s => {
  const e = document.querySelector(s);
  const r = e ? e.getBoundingClientRect() : null;
  return r && [s, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height),
               getComputedStyle(e).fontWeight];
})"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_theme_bundle_waits_for_the_reader_and_then_starts_without_moving_anything(chromium, base_url, width):
    """Reading needs nothing from the bundle; the first key press starts it, and the page stays put."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    log = PageLog(origin(base_url)).attach(tab)
    requests = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(base_url + "concepts/llms/")
    wait_loaded(tab)
    tab.wait_for_timeout(500)
    assert not [u for u in requests if THEME_BUNDLE in u]
    assert tab.evaluate("document.documentElement.classList.contains('js')")
    wide = width >= 1220
    search = next(s for s in (".md-search__input", ".md-search__button", "label.md-header__button[for=__search]")
                  if tab.is_visible(s))  # Material's search field, Zensical's button, or the phone header's icon
    shown = [".md-header__title", search, "article h1", "article p"]
    shown += [".md-sidebar--primary a.md-nav__link--active", ".md-sidebar--secondary a.md-nav__link"] if wide else []
    assert all(tab.is_visible(s) for s in shown), [s for s in shown if not tab.is_visible(s)]
    assert axe_violations(tab) == []
    before = tab.evaluate(BOXES, shown + [".md-header", ".md-main"])

    tab.keyboard.press("Shift")  # a real key press, as a reader's first action
    wait_theme_started(tab)
    tab.wait_for_load_state("networkidle")
    assert [u for u in requests if THEME_BUNDLE in u]
    assert tab.evaluate(BOXES, shown + [".md-header", ".md-main"]) == before
    if wide:  # the bundle is at work: it sizes the sidebar and follows the scroll in the table of contents
        assert tab.evaluate("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').style.height") != ""
        tab.mouse.wheel(0, 3000)
        tab.wait_for_selector(".md-sidebar--secondary .md-nav__link--active")
    assert log.console_errors == [] and log.failed == []
    context.close()


FULL_STYLESHEET = "**/assets/stylesheets/combined.*"
# Blocks off the screen are drawn only near it (content-visibility in site.css), and until
# then stand at a guessed height, so a page's height depends on where the reader has been
# and on timing. Boxes that compare two loads are measured with every block drawn. Was: the
# use-case table measured 6,585 px in one load and 6,930 in the other (CI), and any table
# measured taller once the reader had scrolled through it.
EVERY_BLOCK_DRAWN = ".md-typeset * { content-visibility: visible !important; }"
READ_TO_THE_END_AND_BACK = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await frame();
  }
  scrollTo(0, 0);
  await frame();
}"""
WIDGET_PARTS = {"faq/": [".faq__item", ".faq__copy", "article h2:nth-of-type(2)", ".md-footer"],
                "concepts/llms/": [".quiz__choices", ".quiz__legend", ".quiz__choice", ".md-footer"],
                # Was: the live region showed as a visible block and the legends were not bold
                # (a utility class and tags only the script has), and the catalogue's filter
                # boxes grew when the stylesheet applied, moving the table.
                f"compare/use-cases/?task={DATA['use_cases'][0]['id']}":
                    [".chooser__status", ".share-link__copy", ".chooser__group legend", ".chooser__select",
                     "article table", ".md-footer"],
                "compare/systems/": [".catalogue-controls", ".catalogue-controls select", "article table",
                                     ".md-footer"]}


@pytest.mark.parametrize("url", sorted(WIDGET_PARTS))
def test_widgets_the_guides_script_builds_are_styled_before_the_full_stylesheet(chromium, base_url, url):
    """The full stylesheet applies at the reader's first action, so what site.js builds after
    first paint is styled from the inlined CSS. Before, the FAQ's copy buttons were unstyled
    until the stylesheet arrived, and the page moved by 0.095 (bench, slow 4G)."""
    boxes = []
    for blocked in (True, False):
        context = chromium.new_context(viewport={"width": 390, "height": 800})
        tab = context.new_page()
        if blocked:
            tab.route(FULL_STYLESHEET, lambda route: route.abort())
        tab.goto(base_url + url)
        wait_loaded(tab)
        tab.wait_for_function("s => document.querySelectorAll(s).length > 0", arg=WIDGET_PARTS[url][1])
        on_demand = tab.evaluate("[...document.querySelectorAll('link[data-on-demand]')].map(l => l.media)")
        assert on_demand == ["print"], on_demand  # downloaded, not yet applied to the screen
        if not blocked:
            tab.keyboard.press("Shift")  # the reader's first action applies it
            tab.wait_for_function("[...document.styleSheets].some(s => s.href && s.href.includes('/combined.') "
                                  "&& s.media.mediaText === 'all')")
            tab.wait_for_timeout(100)
            tab.evaluate(READ_TO_THE_END_AND_BACK)  # so this load has drawn blocks the other has not
        tab.add_style_tag(content=EVERY_BLOCK_DRAWN)
        boxes.append(tab.evaluate(BOXES, WIDGET_PARTS[url]))
        context.close()
    assert None not in boxes[0] and boxes[0] == boxes[1]


def test_the_phone_menu_and_search_open_before_the_full_stylesheet_has_arrived(chromium, base_url):
    """Was: the rules for the open menu and search panels waited for the full stylesheet,
    which downloads as a print stylesheet, at the lowest priority: a tap on the menu on a
    slow network checked its toggle and nothing moved."""
    context = chromium.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.route(FULL_STYLESHEET, lambda route: route.abort())
    tab.goto(base_url + "faq/")
    wait_loaded(tab)
    drawer = "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left"
    assert tab.evaluate(drawer) < 0
    tab.click(".md-header label[for=__drawer]")
    tab.wait_for_function(f"{drawer} >= 0", timeout=3000)
    tab.keyboard.press("Escape")
    tab.evaluate("document.getElementById('__drawer').checked = false")
    tab.keyboard.press("/")
    tab.wait_for_function("document.querySelector('.md-search__inner').getBoundingClientRect().width > 300",
                          timeout=3000)
    context.close()


def test_the_search_key_opens_search_before_the_theme_has_started(page, base_url):
    page.goto(base_url + "concepts/llms/")
    wait_loaded(page)
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("diffusion")  # typed while the bundle is still on its way
    page.wait_for_selector(".md-search-result__item")
    titles = page.eval_on_selector_all(".md-search-result__item h1, .md-search-result__item h2",
                                       "els => els.map(e => e.textContent)")
    assert any("diffusion" in t.lower() for t in titles)
    assert page.log.console_errors == []


def test_a_shortcut_key_pressed_before_the_theme_has_started_still_works(page, base_url):
    page.goto(base_url)
    wait_loaded(page)
    following = page.evaluate("document.querySelector('link[rel=next]').href")
    page.keyboard.press("n")  # Material's "next page" key, replayed once the bundle runs
    page.wait_for_url(following)
    assert page.log.console_errors == []


def test_widgets_and_the_colour_toggle_work_without_the_theme_bundle(chromium, base_url):
    """The guide's own scripts need nothing from the bundle, even if it never arrives."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.route("**/assets/javascripts/bundle.*", lambda route: route.abort())
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(base_url + "compare/use-cases/")
    wait_loaded(tab)
    tab.wait_for_selector("#use-case-chooser:not([hidden]) #chooser-task")
    for _ in range(3):  # auto -> light -> dark
        if tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        tab.click("form[data-site-palette] label:visible")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert tab.evaluate("typeof document$") == "undefined" and errors == []
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_long_lists_draw_entries_only_near_the_screen_and_deep_links_still_land(chromium, base_url, width):
    """Glossary entries far down are not drawn at load, yet a link to one lands on it."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(base_url + "glossary/")
    wait_loaded(tab)
    entry = "(e => e[Math.floor(e.length * 3 / 4)])([...document.querySelectorAll('.glossary-entry')])"
    drawn = f"{entry}.firstElementChild.checkVisibility({{contentVisibilityAuto: true}})"
    assert not tab.evaluate(drawn)
    assert tab.evaluate(f"{entry}.textContent.trim().length") > 20  # in the page, for find and screen readers
    anchor = tab.evaluate(f"{entry}.previousElementSibling.id")
    header = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    for arrive in ("a new visit", "a link on the page"):
        if arrive == "a new visit":
            tab.goto(base_url + "glossary/#" + anchor)
            wait_loaded(tab)
        else:
            tab.evaluate("history.replaceState(null, '', location.pathname); window.scrollTo(0, 0)")
            tab.evaluate(f"location.hash = '{anchor}'")
            tab.wait_for_timeout(300)
        top = tab.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        assert header <= top < header + 60, (arrive, top)
        # Chromium decides what content-visibility draws at its next frame, so wait for one.
        tab.wait_for_function(drawn, timeout=3000)
    context.close()


LATER_BLOCK_LINKS = [("compare/systems/", f"sys-{OTHER_SYSTEMS[-1]['id']}"),
                     ("compare/llm-catalogue/", f"sys-{LLM_SYSTEMS[-1]['id']}"),
                     ("compare/use-cases/", f"use-{DATA['use_cases'][-1]['id']}"),
                     ("faq/", DATA["faq"][-1]["id"]),
                     ("concepts/how-they-work/", "cite-this-page")]


@pytest.mark.parametrize("width", [1280, 390])
def test_later_blocks_are_drawn_near_the_screen_and_deep_links_into_them_land(chromium, base_url, width):
    """The article's blocks after its first few are drawn only near the screen
    (content-visibility); a link into one still brings its target into view."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(base_url + "concepts/how-they-work/")
    wait_loaded(tab)
    skipped = "[...document.querySelectorAll('article > *')].filter(e => getComputedStyle(e).contentVisibility === 'auto')"
    assert tab.evaluate(f"{skipped}.length") >= 3
    assert not tab.evaluate(f"{skipped}.pop().firstElementChild.checkVisibility({{contentVisibilityAuto: true}})")
    for url, anchor in LATER_BLOCK_LINKS:
        tab.goto(base_url + url + "#" + anchor)
        wait_loaded(tab)
        tab.wait_for_timeout(300)
        top = tab.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")
        assert 0 <= top < 400, (url, anchor, top)
    context.close()


def test_a_malformed_address_fragment_stops_no_widget(page, base_url):
    """A '#%E0' (a shared link cut short) is not valid percent-encoding: site.js's widgets
    still start, and the FAQ's deep-link feature does not fail on it."""
    page.goto(base_url + "faq/#%E0%A4%A")
    wait_ready(page)
    assert page.locator(".faq__copy").count() == len(DATA["faq"])
    page.goto(base_url + "compare/use-cases/#%E0%A4%A")
    wait_ready(page)
    page.wait_for_selector("#use-case-chooser:not([hidden]) #chooser-task")
    assert page.log.console_errors == []


def test_a_terms_tooltip_in_a_later_block_is_not_clipped(page, base_url):
    """Skipping a block's drawing needs paint containment, which clips what overflows the
    block: the tooltip of a term on a paragraph's last line. Such a block is drawn in
    full while its tooltip shows."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "concepts/how-they-work/")
    wait_ready(page)
    page.evaluate("""() => { window.__term = [...document.querySelectorAll('article > * .term')].filter(t =>
        getComputedStyle(t.closest('article > *')).contentVisibility === 'auto' && t.checkVisibility({contentVisibilityAuto: false})).pop();
        window.__term.classList.add('term--probe'); }""")
    term = page.locator(".term--probe")
    # Mid-screen, so the tooltip below the term is inside the viewport, where elementFromPoint
    # looks; the blocks drawn on the way may change height, so wait until the term stays put.
    term.evaluate("t => t.scrollIntoView({block: 'center'})")
    page.wait_for_function("""() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
        const r = document.querySelector('.term--probe').getBoundingClientRect();
        done(r.top > 100 && r.bottom < innerHeight - 200); })))""")
    term.hover()
    tip = term.locator(".term__tip")
    tip.wait_for(state="visible")
    box = tip.bounding_box()
    block_bottom = term.evaluate("t => t.closest('article > *').getBoundingClientRect().bottom")
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    assert y > block_bottom  # the tooltip reaches past its block ...
    assert 0 < y < page.viewport_size["height"]
    assert page.evaluate(f"document.elementFromPoint({x}, {y}).closest('.term__tip') !== null")  # ... and shows there


def test_widgets_start_after_following_links(page, base_url):
    page.goto(base_url)
    wait_ready(page)
    page.click("article a[href$='compare/use-cases/']")
    page.wait_for_url("**/compare/use-cases/")
    page.wait_for_selector("#use-case-chooser:not([hidden]) #chooser-task")
    page.click("article a[href*='systems/#sys-']")
    page.wait_for_selector("#catalogue-controls:not([hidden]) #catalogue-filter-llm")
    assert page.log.console_errors == []


@pytest.fixture(scope="module")
def gpt4o_first_site(tmp_path_factory):
    """The project with the first task's examples in the order that tripped substring matching."""
    import yaml
    from conftest import build_site, copy_project
    from sitegen.yamlfile import parse
    tmp = tmp_path_factory.mktemp("gpt4o-first")
    project = copy_project(tmp / "project")
    path = project / "data" / "use_cases.yaml"
    records = parse(path.read_text()).value
    records[0]["examples"] = ["gpt-4o", "gpt-4"]
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True))
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_chooser_links_each_example_to_its_own_row(chromium, gpt4o_first_site):
    """Was: site.js found a system's link by substring, so GPT-4 linked to #sys-gpt-4o."""
    from conftest import SUBPATH
    from sitegen.pages_server import serve
    with serve(gpt4o_first_site, SUBPATH) as base:
        tab = chromium.new_page()
        tab.goto(base + "compare/use-cases/")
        wait_ready(tab)
        tab.select_option("#chooser-task", DATA["use_cases"][0]["id"])
        chooser_card(tab)
        links = tab.eval_on_selector_all("#chooser-recommendation .chooser__systems a",
                                         "as => as.map(a => [a.textContent, a.href])")
        assert [l for l in links if l[0].startswith("GPT-4")] == [
            ["GPT-4o", f"{base}compare/llm-catalogue/#sys-gpt-4o"], ["GPT-4", f"{base}compare/llm-catalogue/#sys-gpt-4"]]
        tab.close()


def test_one_failing_feature_does_not_stop_the_others(chromium, base_url):
    """Was: one exception in one widget stopped every widget after it."""
    context = chromium.new_context()
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    # Break the chooser's data: the chooser fails, the FAQ and catalogue features after it must still start.
    def break_chooser_data(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('id="chooser-data">{', 'id="chooser-data">{broken'))
    tab.route("**/compare/use-cases/", break_chooser_data)
    tab.goto(base_url + "compare/use-cases/")
    wait_ready(tab)
    assert any("setupChooser failed" in e for e in errors)
    assert tab.evaluate("document.body.dataset.termsReady") == "true"  # setupTerms ran before the chooser
    assert tab.locator("article a[data-print-href]").count() > 0  # setupPrintLinks ran after the chooser
    context.close()
