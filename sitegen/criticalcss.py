"""The CSS a page uses, found without a browser, so it can be inlined for a fast first paint.

A reader on a slow phone network waits one extra round trip for every
stylesheet the head links to before anything appears. So each page gets the
rules it can use inlined in a <style> element, and the full stylesheets load
without blocking (and are cached for the next page).

"Can use" is decided the way CSS purgers decide it: a selector is kept when
every class, id, tag and attribute name it requires appears in the page.
Parts that only narrow a match (`:not(...)`, `:is(...)`, pseudo-classes and
pseudo-elements) are ignored, so the test errs on keeping a rule. Rules for
print are left out (the full stylesheet has them by the time anyone prints),
and so are rules for the other writing direction (`[dir=rtl]` on an ltr page)
and rules that only apply once a reader interacts (`:hover`, `:focus`, ...):
nobody has pointed at or focused anything before the first paint.
The theme's own stylesheets are read from the built site, so this works the
same for every engine's output.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/|[{};]', re.S)
_PSEUDO = re.compile(r"::?[a-zA-Z-]+")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
_ATTR = re.compile(r"\[\s*([\w-]+)")
_TAG = re.compile(r"(?:^|[\s>+~,])([a-zA-Z][\w-]*)")
_START_TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*)?>")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_ANIMATION = re.compile(r"^\s*(?:-webkit-)?animation(?:-name)?\s*:(.*)$", re.S)
# Attributes that only ever take values written somewhere in the page, so a selector
# on any other value can never match: `[dir=rtl]` rules are dead weight on an ltr
# page, and so are the theme's rules for the colours this site does not offer (the
# colour toggle copies its options' values, all in the page, onto <body>).
_FIXED_ATTRS = ("dir", "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent")
_FIXED_ATTR = re.compile(r"""\[\s*(%s)\s*=\s*["']?([\w-]+)["']?\s*\]""" % "|".join(_FIXED_ATTRS))
# Pseudo-classes that need a reader's action, so they cannot match at first paint.
# (`:checked` and `:target` can: the theme's toggles and a deep link set them on load.)
_INTERACTION = re.compile(r":(?:hover|focus|focus-visible|focus-within|active)(?![\w-])")
# The theme's back-to-top button starts `hidden`, and only the theme's script shows it.
# The script is requested at the reader's first action, the moment the full stylesheet
# applies (assets/lazy-theme.js), so its rules are never needed at first paint. (The
# "copied" dialog is empty until then too, but left unstyled it moved deep-link targets:
# tests/test_browser.py, the later-blocks and long-lists tests.)
_SHOWN_BY_THE_THEME_SCRIPT = re.compile(r"^\.md-top(?:$|__|--)")
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")

# At-rules whose content is not a list of style rules: kept whole, or dropped whole.
_KEEP_WHOLE = ("@font-face", "@keyframes", "@-webkit-keyframes", "@property", "@counter-style")


@dataclass
class Rule:
    selectors: list[tuple[str, frozenset]]  # (selector text, tokens it needs)
    declarations: tuple = ()  # (property name, declaration text), split once when parsed
    # Found once when parsed, not on every page: the custom properties its other declarations
    # read, each custom property it declares with the ones its value reads, and the values of
    # its animation declarations.
    reads: frozenset = frozenset()
    declares: tuple = ()
    animations: tuple = ()

    def narrowed(self, selectors: list[tuple[str, frozenset]]) -> Rule:
        """The same rule with only some of its selectors."""
        return dataclasses.replace(self, selectors=selectors)


@dataclass
class Block:
    prelude: str  # e.g. "@media screen and (min-width:60em)"
    children: list = field(default_factory=list)


@dataclass
class Statement:
    text: str  # a whole at-rule kept as it is (@font-face, @keyframes, @charset, ...)
    reads: frozenset = frozenset()  # the custom properties it reads


def _statement(text: str) -> Statement:
    return Statement(text, frozenset(_VAR.findall(text)))


def _rule(selectors: list[tuple[str, frozenset]], body: str) -> Rule:
    declarations = tuple((d.partition(":")[0].strip(), d) for d in _declarations(body))
    reads = frozenset(name for prop, d in declarations if not prop.startswith("--") and "var(" in d
                      for name in _VAR.findall(d))
    declares = tuple((prop, frozenset(_VAR.findall(d))) for prop, d in declarations if prop.startswith("--"))
    animations = tuple(value for _, d in declarations for value in _ANIMATION.findall(d))
    return Rule(selectors, declarations, reads, declares, animations)


def _strip_functional(selector: str) -> str:
    """Drop the argument of every functional pseudo-class: :not(.x) needs nothing."""
    out, depth = [], 0
    i = 0
    while i < len(selector):
        ch = selector[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
        i += 1
    return "".join(out)


def selector_tokens(selector: str) -> frozenset:
    """What an element tree must contain for the selector to be able to match."""
    core = _PSEUDO.sub("", _strip_functional(selector))
    no_attrs = re.sub(r"\[[^\]]*\]", " ", core)
    tokens = {f".{c}" for c in _CLASS.findall(core)} | {f"#{i}" for i in _ID.findall(core)}
    tokens |= {f"[{a.lower()}" for a in _ATTR.findall(core)}
    tokens |= {f"[{name}={value.lower()}" for name, value in _FIXED_ATTR.findall(core)}
    tokens |= {t.lower() for t in _TAG.findall(re.sub(r"[.#][\w-]+", " ", no_attrs))}
    return frozenset(tokens)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in prelude:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _next(css: str, i: int) -> tuple[int, str]:
    """Position and character of the next brace or semicolon at or after i, skipping strings."""
    while True:
        match = _TOKEN.search(css, i)
        if match is None:
            return len(css), ""
        token = match.group()
        if token in "{};":
            return match.start(), token
        i = match.end()  # a string or a comment


def _matching_brace(css: str, i: int) -> int:
    """Index just past the brace that closes the block opened at css[i - 1]."""
    depth = 1
    while depth:
        i, ch = _next(css, i)
        if not ch:
            return len(css)
        depth += 1 if ch == "{" else -1 if ch == "}" else 0
        i += 1
    return i


def _parse_block(css: str, i: int) -> tuple[list, int]:
    nodes: list = []
    while i < len(css):
        j, ch = _next(css, i)
        if not ch or ch == "}":
            return nodes, j + 1
        text = _COMMENT.sub("", css[i:j]).strip()
        if ch == ";":
            if text.startswith("@"):
                nodes.append(_statement(text + ";"))
            i = j + 1
        elif text.startswith(_KEEP_WHOLE):
            end = _matching_brace(css, j + 1)
            nodes.append(_statement(text + css[j:end]))
            i = end
        elif text.startswith("@"):
            children, i = _parse_block(css, j + 1)
            nodes.append(Block(text, children))
        else:
            end = _matching_brace(css, j + 1)
            body = css[j + 1:end - 1]
            if "{" in body:  # CSS nesting: the rule holds rules
                children, _ = _parse_block(body, 0)
                nodes.append(Block(text, children))
            else:
                selectors = [(sel, needs) for sel in _split_selectors(text) if not _INTERACTION.search(sel)
                             and not any(map(_SHOWN_BY_THE_THEME_SCRIPT.match, needs := selector_tokens(sel)))]
                nodes.append(_rule(selectors, body))
            i = end
    return nodes, i


def parse(css: str) -> list:
    """Rules and blocks of a stylesheet, for first paint: comments, and selectors that
    need a reader's action, are dropped once here rather than on every page."""
    return _parse_block(css, 0)[0]


def page_tokens(html: str) -> frozenset:
    """Every tag, class, id and attribute name in a page's markup."""
    starts = _START_TAG.findall(html)
    tokens = {tag.lower() for tag, _ in starts}
    for attrs in {attrs for _, attrs in starts if attrs}:  # many tags repeat the same attributes
        for name, value in _ATTRIBUTE.findall(attrs):
            name = name.lower()
            tokens.add(f"[{name}")
            value = value.strip("\"'")
            if name == "class":
                tokens.update(f".{c}" for c in value.split())
            elif name == "id":
                tokens.add(f"#{value}")
            elif name in _FIXED_ATTRS:
                tokens.add(f"[{name}={value.lower()}")
    return frozenset(tokens)


# What a page script can put into the page after first paint. Comments are matched too,
# so that an apostrophe in one never starts a string.
_JS_STRING = re.compile(r"""//[^\n]*|/\*.*?\*/|"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'""", re.S)
_JS_WORD = re.compile(r"[\w-]+")
# The elements a script creates: document.createElement("legend"), or site.js's make("legend", ...).
_JS_CREATED = re.compile(r"""\b(?:createElement|make)\(\s*["']([a-zA-Z][\w-]*)["']""")
_FAMILY_END = re.compile(r"[-_]")


def family(class_token: str) -> str:
    """A class's block, the name up to its first - or _: chooser__card and chooser are
    "chooser", catalogue-controls__field is "catalogue", visually-hidden is "visually"."""
    return _FAMILY_END.split(class_token.lstrip("."), 1)[0]


def class_families(html: str) -> frozenset:
    """The blocks of every class in a page's markup."""
    return frozenset(family(t) for t in page_tokens(html) if t.startswith("."))


def style_tokens(css: str) -> frozenset:
    """Every class, tag and attribute name a stylesheet's selectors need."""
    tokens: set[str] = set()
    for node in _rules(parse(css)):
        if isinstance(node, Rule):
            for _, needs in node.selectors:
                tokens |= needs
    return frozenset(tokens)


def script_adds(js: str, styled: frozenset) -> frozenset:
    """What a page script may add to a page after first paint, of what the guide's own
    stylesheet styles: the classes its string literals name ("chooser__card"), the
    elements it creates (`make("legend")`) and the attributes its code names anywhere
    (make() passes them as object keys). The full stylesheet applies only at the
    reader's first action (assets/lazy-theme.js), so the rules for what the guide's own
    scripts build must be inlined on every page that loads them, or the widgets show
    unstyled and move when it applies. The theme's rules count too: its
    `.md-typeset h3` styles the chooser's heading."""
    words = {w for a, b in _JS_STRING.findall(js) for w in (a or b).split()}
    without_comments = _JS_STRING.sub(lambda m: m.group(0) if m.group(1) is not None or m.group(2) is not None
                                      else " ", js)
    names = {f".{w}" for w in words} | {t.lower() for t in _JS_CREATED.findall(without_comments)}
    names |= {f"[{w.lower()}" for w in _JS_WORD.findall(without_comments)}
    return frozenset(names & styled)


def _declarations(body: str) -> list[str]:
    """Split a rule body at top-level semicolons (not those inside quotes or brackets)."""
    parts, depth, quote, current = [], 0, "", []
    for ch in body:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p for p in parts if p.strip()]


def _kept(nodes: list, tokens: frozenset) -> list:
    """The nodes (with only their matching selectors) that these page tokens can match."""
    out = []
    for node in nodes:
        if isinstance(node, Rule):
            selectors = [(s, needs) for s, needs in node.selectors if needs <= tokens]
            if selectors:
                out.append(node if len(selectors) == len(node.selectors) else node.narrowed(selectors))
        elif isinstance(node, Block):
            if node.prelude.startswith("@media") and "print" in node.prelude and "screen" not in node.prelude:
                continue
            children = _kept(node.children, tokens)
            if children:
                out.append(Block(node.prelude, children))
        else:
            out.append(node)
    return out


def _rules(nodes: list):
    for node in nodes:
        if isinstance(node, Block):
            yield from _rules(node.children)
        else:
            yield node


def _used_variables(nodes: list) -> set[str]:
    """Custom properties that kept rules read, directly or through other custom properties."""
    declared: dict[str, list[frozenset]] = {}
    reads: set[str] = set()
    for node in _rules(nodes):
        reads |= node.reads
        for name, its_reads in node.declares if isinstance(node, Rule) else ():
            declared.setdefault(name, []).append(its_reads)
    needed, todo = set(), list(reads)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        for its_reads in declared.get(name, []):
            todo += its_reads
    return needed


def _serialise(nodes: list, variables: set[str], piece=str) -> str:
    """The CSS text of the nodes; `piece` is applied to each rule, block prelude and
    statement on its own."""
    out = []
    for node in nodes:
        if isinstance(node, Rule):
            declarations = [d for name, d in node.declarations if not name.startswith("--") or name in variables]
            if declarations:
                out.append(piece(",".join(s for s, _ in node.selectors) + "{" + ";".join(declarations) + "}"))
        elif isinstance(node, Block):
            inner = _serialise(node.children, variables, piece)
            if inner:
                out.append(piece(node.prelude) + "{" + inner + "}")
        else:
            out.append(piece(node.text))
    return "".join(out)


_KEYFRAMES = re.compile(r"@(?:-webkit-)?keyframes\s+([\w-]+)")


def _without_unused_keyframes(nodes: list) -> list:
    """Keyframes that no kept rule animates with go, like unread custom properties."""
    values = [value for node in _rules(nodes) if isinstance(node, Rule) for value in node.animations]
    if any("var(" in value for value in values):  # a name that comes from a custom property: keep them all
        return nodes
    names = {word for value in values for word in re.findall(r"[\w-]+", value)}
    out = []
    for node in nodes:
        if isinstance(node, Statement) and (name := _KEYFRAMES.match(node.text)) and name.group(1) not in names:
            continue
        out.append(Block(node.prelude, _without_unused_keyframes(node.children)) if isinstance(node, Block) else node)
    return out


_CSS_STRING = re.compile(r'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')')
_SPACE_AROUND = re.compile(r"\s*([{};,>])\s*")
_SPACE_AFTER_COLON = re.compile(r":\s+")


def compact(css: str) -> str:
    """Whitespace a browser ignores, gone: the guide's own stylesheet is written to be
    read, and every page carries its rules inline (0.15-0.2 KiB gzip a page). Text in
    quotes stays as it is, and so do the spaces that calc() needs around + and -."""
    parts = _CSS_STRING.split(css)
    for i in range(0, len(parts), 2):  # the even parts are outside quotes
        text = re.sub(r"\s+", " ", parts[i])
        parts[i] = _SPACE_AFTER_COLON.sub(":", _SPACE_AROUND.sub(r"\1", text))
    return "".join(parts)


# Pages share most of their rules: each is compacted once per build, not once per page.
# Pieces start and end without whitespace (the parser strips them), so the joined pieces
# are the compacted whole (tests/test_criticalcss.py compares the two on every page).
_compact_piece = functools.lru_cache(maxsize=None)(compact)


def used(nodes: list, tokens: frozenset) -> str:
    """The CSS text of the rules these page tokens can match, without unread custom
    properties and unused keyframes, compacted."""
    kept = _without_unused_keyframes(_kept(nodes, tokens))
    return _serialise(kept, _used_variables(kept), _compact_piece)
