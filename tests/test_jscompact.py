"""The guide's scripts are served without comments or indentation, and nothing else changes."""

from __future__ import annotations

import pytest

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


def test_the_built_scripts_are_compacted(site):
    text = (site / "assets" / "site.js").read_text(encoding="utf-8")
    assert "/* Site enhancements" not in text and "\n  " not in text
