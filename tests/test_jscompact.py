"""The guide's scripts are served without comments or indentation, and nothing else changes."""

from __future__ import annotations

import pytest

from conftest import ROOT
from sitegen.jscompact import Unsafe, compact

SCRIPT = '''/* A header comment
   over two lines. */
(function () {
  "use strict";
  // a whole-line comment
  var url = "https://example.org/*not a comment*/";  // kept: not a whole line

  var ok = a
    / b;
})();
'''


def test_whole_line_comments_indentation_and_blank_lines_go_and_code_stays():
    assert compact(SCRIPT) == ('(function () {\n"use strict";\n'
                               'var url = "https://example.org/*not a comment*/";  // kept: not a whole line\n'
                               'var ok = a\n/ b;\n})();\n')


def test_compacting_twice_changes_nothing():
    assert compact(compact(SCRIPT)) == compact(SCRIPT)


@pytest.mark.parametrize("script, reason", [
    ("var t = `a\n  b`;\n", "template literal"),
    ('var s = "a\\\n  b";\n', "continued"),
    ("/* open\nvar x = 1;\n", "never ends"),
    ("/* note */ var x = 1;\n", "code after a comment"),
])
def test_scripts_it_could_change_are_refused_with_the_reason(script, reason):
    with pytest.raises(Unsafe, match=reason):
        compact(script)


def test_every_script_of_the_guide_is_served_compacted(site):
    """A script that compact() refuses is served as written: this says which one, and why."""
    sources = sorted((ROOT / "docs" / "assets").glob("*.js"))
    assert len(sources) >= 3
    for source in sources:
        built = (site / "assets" / source.name).read_text(encoding="utf-8")
        assert built == compact(source.read_text(encoding="utf-8")), source.name
        assert "\n  " not in built and "\n/*" not in built, source.name
