"""Finish a built site: the steps that need the final HTML, done the same way for every engine.

After the engine has written the site, each page gets:

1. **Terms:** the first use of each glossary term (LLM, RAG, context window,
   ...) in each section becomes a link to its glossary entry, with the
   definition as a tooltip that opens on hover and on keyboard focus. Later
   uses in the same section stay plain text, so there is one tab stop per
   term and section, not one per mention.
2. **First paint:** the CSS the page can use, and the CSS for what the guide's
   own scripts add to it, is inlined (sitegen.criticalcss). The full
   stylesheets, combined into one file, download without blocking as a print
   stylesheet, and apply to the screen when the reader first touches, types,
   points or scrolls, together with the theme's bundle (start_theme_on_demand,
   assets/lazy-theme.js): restyling a whole page is a long task on a slow
   phone, and nothing on screen needs it before then. Scripts are deferred.
   The page is drawn once its first part has arrived (paint_when_parsed), so
   the top's first style and layout are one task before first paint, not
   several after it; the article's later blocks are laid out near the screen.
3. **Whitespace and comments:** the templates' indentation and comments go (squeeze_markup).

The guide's own scripts (docs/assets/*.js) lose their comments and
indentation (sitegen.jscompact). Then the site gets its offline service
worker (sitegen.offline), written last so that it lists, and hashes, the
finished pages.

The terms come from generated/terms.json, which the generator writes from
data/glossary.yaml. Pages are rewritten only when their text changes.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from . import cache, config, criticalcss, jscompact, offline
from .fragments import SECTION_CONTINUES
from .htmlscan import VOID, top_level_elements
from .publish import is_redirect_page
from .sitecheck import site_path
from .render import write_if_changed

TERMS_FILE = "generated/terms.json"
GLOSSARY_URL = "glossary/"
# Pages whose text never gets term links, by the start of their address: the
# glossary is where they lead, and the Sources pages (the index and one page per
# kind) quote the titles of other people's works.
NO_TERMS_PAGES = (GLOSSARY_URL, "sources/")

# Elements whose text never gets a term link: links and headings already lead
# somewhere, code is literal, and form controls, SVG and scripts are not prose.
NO_TERMS = {"a", "abbr", "button", "code", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
            "nav", "option", "pre", "samp", "script", "select", "style", "summary", "svg", "textarea", "thead",
            "title"}
# The self-checks too: site.js rebuilds each question from its text, so a tooltip there
# would be read out in the middle of the question ("Is Whisper an LLMLarge language
# model: A very large ...?").
NO_TERMS_CLASSES = {"source-line", "cite", "headerlink", "term", "chooser", "catalogue-controls", "quiz"}
# A heading starts a new section, where terms are marked again; a heading inside a
# table (a catalogue row's name) does not: a table is read as one section, so a term
# gets one tooltip and one tab stop per table, not one in every row.
SECTION_START = re.compile(r"<h[23][\s>]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PARTS = re.compile(f"({_COMMENT.pattern}|<[^>]*>)", re.S)  # text, then a comment or a tag, then text, ...
_TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")
_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_ARTICLE = re.compile(r'(<article\b[^>]*>)(.*?)(</article>)', re.S)
_STYLESHEET = re.compile(r"""<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>""")
_HREF = re.compile(r"""\bhref=["']?([^"'\s>]+)""")
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_RELATIVE_URL = re.compile(r"""url\(\s*(?!["']?(?:data:|#|[a-z][a-z0-9+.-]*://))""", re.I)
# The page's stylesheets, combined (StylesheetCache.combine); the hash changes with the text.
COMBINED_STYLESHEET = "assets/stylesheets/combined.{hash}.css"
_WHITESPACE_KEPT = re.compile(r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_LINE_BREAK_RUN = re.compile(r"\n\s+")
# The theme's bundle (Material's or Zensical's): its folder is the path to the site root.
_THEME_BUNDLE = re.compile(r"""<script\b[^>]*\bsrc="([^"]*)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"[^>]*></script>""")
LAZY_THEME = "assets/lazy-theme.js"
THEME_LOADER_MARK = "data-theme-bundle"  # the attribute that gives lazy-theme.js the bundle's address
# Set in the head, before first paint, so the page has the layout it keeps once the
# bundle runs (which sets the same class); readers without JavaScript keep "no-js".
JS_CLASS = ('<script>document.documentElement.className='
            'document.documentElement.className.replace(/\\bno-js\\b/,"js")</script>')
_HEAD_START = re.compile(r"<head\b[^>]*>(?:\s*<meta charset=[^>]*>)?")
_OWN_SCRIPT = re.compile(r"""<script\b[^>]*\bsrc=["']?(?:[^"'\s>]*/)?assets/([\w.-]+\.js)["'\s>]""")
_SCRIPT_SRC = re.compile(r"<script\b(?![^>]*\b(?:defer|async|type=\"?module)\b)([^>]*\bsrc=[^>]*)>")


@dataclass(frozen=True)
class Term:
    key: str  # as it appears in text: "LLM", "context window"
    id: str  # glossary anchor
    term: str
    definition: str
    abbreviation: bool  # matched case-sensitively, with an optional plural s


def load_terms(root: Path) -> list[Term]:
    return [Term(**t) for t in json.loads((root / TERMS_FILE).read_text(encoding="utf-8"))]


def term_pattern(terms: list[Term]) -> re.Pattern:
    """One regex for every term, longest first, so "generative AI" wins over "AI"."""
    alternatives = []
    for t in sorted(terms, key=lambda t: -len(t.key)):
        key = re.escape(t.key)
        alternatives.append(f"(?:{key}s?)" if t.abbreviation else f"(?i:{key}s?)")
    return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])")


class TermMarker:
    """Marks the first use of each term per section (a table is one section) in one page's article."""

    def __init__(self, terms: list[Term]):
        self.pattern = term_pattern(terms)
        self.by_key = {}
        for t in terms:
            self.by_key[t.key] = t
            self.by_key[t.key.casefold()] = t

    def _find(self, word: str) -> Term | None:
        for candidate in (word, word[:-1] if word.endswith("s") else None):
            if candidate and (candidate in self.by_key or candidate.casefold() in self.by_key):
                term = self.by_key.get(candidate) or self.by_key[candidate.casefold()]
                if term.abbreviation and candidate != term.key:
                    continue
                return term
        return None

    def mark(self, article: str, glossary_href: str) -> str:
        out, stack, seen, count = [], [], set(), 0
        skipping = in_table = 0  # open elements on the stack that are skipped, and open tables
        for part in _PARTS.split(article):
            if not part:
                continue
            if part.startswith("<"):
                out.append(part)
                if part.startswith("<!--"):
                    continue
                name_match = _TAG_NAME.match(part)
                if not name_match:
                    continue
                name = name_match.group(1).lower()
                if part.startswith("</"):
                    while stack:
                        open_name, skip = stack.pop()
                        skipping -= skip
                        in_table -= open_name == "table"
                        if open_name == name:
                            break
                elif name not in VOID and not part.endswith("/>"):
                    classes = _CLASS_ATTR.search(part)
                    class_set = set(classes.group(1).strip("\"'").split()) if classes else set()
                    skip = name in NO_TERMS or bool(class_set & NO_TERMS_CLASSES)
                    stack.append((name, skip))
                    skipping += skip
                    in_table += name == "table"
                    if SECTION_START.match(part) and not in_table and SECTION_CONTINUES not in class_set:
                        seen = set()
                continue
            if skipping:
                out.append(part)
                continue

            def replace(match: re.Match) -> str:
                nonlocal count
                term = self._find(match.group(1))
                if term is None or term.id in seen:
                    return match.group(0)
                seen.add(term.id)
                count += 1
                tip = f"term-tip-{count}"
                return (f'<span class="term"><a class="term__link" href="{glossary_href}#{term.id}" '
                        f'aria-describedby="{tip}">{match.group(1)}</a><span class="term__tip" role="tooltip" '
                        f'id="{tip}"><strong>{html.escape(term.term)}:</strong> {html.escape(term.definition)}</span></span>')

            out.append(self.pattern.sub(replace, part))
        return "".join(out)


def _folder(url: str) -> str:
    """The folder a page address resolves links against: compare/x/ -> itself, 404.html -> ''."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def relative(from_url: str, to_url: str) -> str:
    rel = posixpath.relpath(to_url or ".", _folder(from_url) or ".")
    return rel + ("/" if to_url.endswith("/") and not rel.endswith("/") else "")


class StylesheetCache:
    """Parsed stylesheets of the built site: each parsed once per build, and kept
    in .cache/ between builds (the theme's stylesheets rarely change)."""

    def __init__(self, root: Path, site: Path, base_path: str = "/"):
        self.root = root
        self.site = site
        self.base_path = base_path  # the site's sub-path, as in the 404 page's absolute links
        self.parsed: dict[Path, list | None] = {}
        self.combined: dict[tuple[Path, ...], str | None] = {}
        self.version = cache.code_version(criticalcss)
        self.scripts: dict[str, frozenset] = {}
        self.own_tokens = criticalcss.style_tokens("".join(
            path.read_text(encoding="utf-8") for path in sorted((root / "docs" / "assets").glob("*.css"))))
        self.markup_families: frozenset = frozenset()  # of the classes in the site's pages (finish_site)

    def script_tokens(self, page: str, page_tokens: frozenset) -> frozenset:
        """What the guide's own scripts that this page loads (docs/assets/*.js) may add to it.

        A script builds each widget inside the widget's markup (`.chooser`, `.faq`), so a
        class of a block that the site's pages have in their markup (`markup_families`) is
        added only where this page has that block; a block that only scripts make
        (`.share-link`, `.visually-hidden`) is added wherever they run."""
        tokens: set[str] = set()
        for name in _OWN_SCRIPT.findall(page):
            if name not in self.scripts:
                path = self.root / "docs" / "assets" / name
                js = path.read_text(encoding="utf-8") if path.is_file() else ""
                self.scripts[name] = criticalcss.script_adds(js, self.own_tokens)
            tokens |= self.scripts[name]
        here = {criticalcss.family(t) for t in page_tokens if t.startswith(".")}
        return frozenset(t for t in tokens if not t.startswith(".") or criticalcss.family(t) in here
                         or criticalcss.family(t) not in self.markup_families)

    def get(self, path: Path) -> list | None:
        if path not in self.parsed:
            if not path.is_file():
                self.parsed[path] = None
            else:
                text = path.read_text(encoding="utf-8")
                self.parsed[path] = cache.memo(self.root, "css", cache.key(self.version, text),
                                               lambda: criticalcss.parse(text))
        return self.parsed[path]

    def target(self, page_url: str, href: str) -> Path:
        """The file a page's stylesheet link points to."""
        href = href.split("?")[0]
        if href.startswith(self.base_path):
            return self.site / href[len(self.base_path):]
        return self.site / posixpath.normpath(posixpath.join(_folder(page_url), href)).lstrip("/")

    def combine(self, paths: list[Path]) -> str | None:
        """One stylesheet with the rules of `paths`, in order; its site path, or None
        if a stylesheet refers to a file by a relative address (moving it would break that)."""
        key = tuple(paths)
        if key not in self.combined:
            texts = [path.read_text(encoding="utf-8") for path in paths]
            if any(_RELATIVE_URL.search(text) for text in texts):
                self.combined[key] = None
            else:
                text = "\n".join(_SOURCE_MAP.sub("", t).strip() for t in texts) + "\n"
                name = COMBINED_STYLESHEET.format(hash=hashlib.sha256(text.encode()).hexdigest()[:8])
                write_if_changed(self.site / name, text)
                self.combined[key] = name
        return self.combined[key]

    def remove_combined_sources(self) -> None:
        """The stylesheets now inside a combined one, and their source maps, are no
        longer requested: remove them, so the offline copy does not carry them twice."""
        linked_alone = {path for paths, name in self.combined.items() if name is None for path in paths}
        for paths, name in self.combined.items():
            for path in set(paths) - linked_alone if name else ():
                for leftover in (path, path.with_name(path.name + ".map")):
                    leftover.unlink(missing_ok=True)


# Marks a full stylesheet that applies to print at once and to the screen on demand.
ON_DEMAND = "data-on-demand"
_MEDIA = re.compile(r"""\smedia=("[^"]*"|'[^']*'|[^\s>]+)""")


def lazy_stylesheet(tag: str) -> str:
    """The stylesheet link `tag`, loading without blocking first paint: as a print
    stylesheet, which browsers download without waiting for it and never apply to the
    screen, until assets/lazy-theme.js gives it back the media it had (in data-on-demand)
    at the reader's first action. Printing gets it whenever it has arrived. <noscript>
    keeps the blocking link for readers without JavaScript."""
    media = _MEDIA.search(tag)
    screen = media.group(1).strip("\"'") if media else "all"
    lazy = _MEDIA.sub("", tag)
    lazy = re.sub(r"\s*/?>$", f' media="print" {ON_DEMAND}="{html.escape(screen)}">', lazy)
    return f"{lazy}<noscript>{tag}</noscript>"


def inline_critical_css(html: str, page_url: str, stylesheets: StylesheetCache) -> str:
    """Inline the rules the page can use; the full stylesheets then arrive as one file,
    without blocking, so the browser restyles the page once for them, not once per file."""
    links = list(_STYLESHEET.finditer(html))
    if not links or "data-critical" in html:
        return html
    tokens = criticalcss.page_tokens(html)
    script_tokens = frozenset()
    if JS_CLASS in html:  # at first paint the page has the "js" class, not "no-js"
        tokens = (tokens - {".no-js"}) | {".js"}
        script_tokens = stylesheets.script_tokens(html, tokens)
    local: dict[int, Path] = {}  # link index -> stylesheet in the site
    for i, match in enumerate(links):
        href = _HREF.search(match.group())
        if not href or "://" in href.group(1):
            continue
        target = stylesheets.target(page_url, href.group(1))
        if stylesheets.get(target) is not None:
            local[i] = target
    # One pass over all the page's stylesheets, in order: a custom property declared in one
    # (the theme's palette, say) is often read only in another.
    css = criticalcss.used([node for target in local.values() for node in stylesheets.get(target)],
                           tokens | script_tokens)
    combined = stylesheets.combine(list(local.values())) if local else None
    # Only assets/lazy-theme.js gives an on-demand stylesheet the screen: without it in the
    # page (no theme bundle found), the full stylesheet is linked as it was, blocking.
    link = lazy_stylesheet if f'{LAZY_THEME}" {THEME_LOADER_MARK}="' in html else (lambda tag: tag)
    pieces, last = [], 0
    for i, match in enumerate(links):
        pieces.append(html[last:match.start()])
        if i == 0:
            pieces.append('<style data-critical>' + css.replace("</", "<\\/") + "</style>")
        if combined is None or i not in local:
            pieces.append(link(match.group()))
        elif i == min(local):
            # Absolute where the theme wrote absolute links (the 404 page, served at any address).
            absolute = _HREF.search(match.group()).group(1).startswith(stylesheets.base_path)
            href = stylesheets.base_path + combined if absolute else relative(page_url, combined)
            pieces.append(link(f'<link rel="stylesheet" href="{href}">'))
        last = match.end()
    pieces.append(html[last:])
    return "".join(pieces)


def start_theme_on_demand(html: str) -> str:
    """The theme's bundle, replaced by assets/lazy-theme.js, which requests it at the
    reader's first touch, key or scroll; and the "js" class set before first paint.

    Reading needs nothing from the bundle, and evaluating and mounting it are the
    two longest tasks of a page load on a slow phone (lazy-theme.js says more)."""
    bundle = _THEME_BUNDLE.search(html)
    head = _HEAD_START.search(html)
    if not bundle or not head:
        return html
    root, path = bundle.groups()
    loader = (f'<script src="{root}{LAZY_THEME}" {THEME_LOADER_MARK}="{root}{path}" defer></script>')
    html = html[:bundle.start()] + loader + html[bundle.end():]
    return html[:head.end()] + JS_CLASS + html[head.end():]


# Where the first part of a page ends; the head asks the browser not to draw before it has it.
FIRST_PART_END = '<div id="__first_part_end" hidden></div>'
PAINT_WHEN_PARSED = '<link rel="expect" href="#__first_part_end" blocking="render">'
_BODY_END = re.compile(r"</body\s*>(?![\s\S]*</body)", re.I)
_SECTION_HEADING = re.compile(r"<h2[\s>]")


# A long first section would keep the whole of it from the first drawing (the handout has one
# section, then a long table): the first part also ends at the last of the article's blocks
# that starts within this many characters of the article, after its first heading.
FIRST_PART_ARTICLE_CHARS = 8000
_HEADING_TAG = re.compile(r"h[1-6]")


def paint_when_parsed(html: str) -> str:
    """Ask the browser to draw the page once its first part has arrived and been parsed:
    the header, the menus and the article up to its second section, or up to the last of
    its blocks that starts within FIRST_PART_ARTICLE_CHARS if that comes first (all of a
    short article with fewer than two sections).

    A page arrives in pieces, and a browser draws what it has after each, then
    styles and lays out the whole page again with every piece: on a slow phone,
    several tasks of 60-140 ms each after first paint, during which a tap goes
    unanswered. `<link rel=expect blocking=render>` (HTML's render-blocking, in
    Chromium since version 124) keeps the first drawing until the named element
    is parsed, so the top of the page is styled and laid out once, before anything
    shows. The rest arrives after, in parts that are cheap to lay out: the article's
    later blocks are drawn only near the screen (`content-visibility` in site.css).
    Browsers without it draw as before."""
    head = _HEAD_START.search(html)
    body_end = _BODY_END.search(html)
    if not head or not body_end or FIRST_PART_END in html:
        return html
    position = body_end.start()
    article = _ARTICLE.search(html)
    if article:
        start, end = article.span(2)
        sections = list(_SECTION_HEADING.finditer(html, start, end))
        if len(sections) >= 2:
            position = sections[1].start()
        if end - start > FIRST_PART_ARTICLE_CHARS:
            blocks = top_level_elements(html, start, end, FIRST_PART_ARTICLE_CHARS)
            heading = next((i for i, (_, _, name) in enumerate(blocks) if _HEADING_TAG.fullmatch(name)), None)
            within = [at for at, _, _ in blocks[heading + 1:]] if heading is not None else []
            if within:
                position = min(position, within[-1])
    html = html[:position] + FIRST_PART_END + html[position:]
    return html[:head.end()] + PAINT_WHEN_PARSED + html[head.end():]


def defer_scripts(html: str) -> str:
    return _SCRIPT_SRC.sub(lambda m: f"<script defer{m.group(1)}>", html)


def finish_page(html: str, page_url: str, marker: TermMarker | None, stylesheets: StylesheetCache) -> str:
    if marker is not None and not page_url.startswith(NO_TERMS_PAGES):
        href = relative(page_url, GLOSSARY_URL)
        html = _ARTICLE.sub(lambda m: m.group(1) + marker.mark(m.group(2), href) + m.group(3), html, count=1)
    html = inline_critical_css(start_theme_on_demand(html), page_url, stylesheets)
    return squeeze_markup(defer_scripts(paint_when_parsed(html)))


def squeeze_markup(html: str) -> str:
    """Each run of whitespace with a line break in it, between tags, becomes one line
    break, and HTML comments go.

    The templates indent their output for people reading them; a browser shows
    any run of whitespace as one space, so the page looks the same, and is about
    0.6-0.9 KiB (gzip) lighter. The comments ("Generated from data/...") are for
    maintainers reading generated/*.md; readers downloaded 0.2-0.4 KiB of them per
    page. Tags and the elements whose text counts (pre, code, kbd, textarea,
    script, style) are left exactly as they are."""
    pieces = _WHITESPACE_KEPT.split(html)  # text, kept element, its tag name, text, ...
    out = []
    for i in range(0, len(pieces), 3):
        out += [p if p.startswith("<") else _LINE_BREAK_RUN.sub("\n", p)
                for p in _PARTS.split(_COMMENT.sub("", pieces[i]))]
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
    return "".join(out)


def compact_own_scripts(root: Path, site: Path) -> int:
    """The built copies of docs/assets/*.js, compacted; a script that cannot be is kept whole."""
    changed = 0
    for source in sorted((root / "docs" / "assets").glob("*.js")):
        built = site / "assets" / source.name
        if built.is_file():
            try:
                changed += write_if_changed(built, jscompact.compact(built.read_text(encoding="utf-8")))
            except jscompact.Unsafe:
                pass  # served as written: larger, and still correct
    return changed


def finish_site(root: Path, site: Path) -> int:
    """Finish every HTML page of a built site; returns the number of pages changed."""
    terms = load_terms(root) if (root / TERMS_FILE).exists() else []
    marker = TermMarker(terms) if terms else None
    stylesheets = StylesheetCache(root, site, config.load(root).base_path)
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    pages = {path: html for path, html in pages.items() if not is_redirect_page(html)}
    stylesheets.markup_families = frozenset().union(*map(criticalcss.class_families, pages.values()))
    changed = 0
    for path, html in pages.items():
        changed += write_if_changed(path, finish_page(html, site_path(site, path), marker, stylesheets))
    stylesheets.remove_combined_sources()
    changed += compact_own_scripts(root, site)
    changed += offline.write_worker(site)
    return changed
