"""Smaller copies of the guide's own scripts: comments, indentation and blank lines out.

The scripts in docs/assets/ are written to be read, with long comments that
say why; readers on a slow network should not download those. This is not a
minifier: it removes only whole-line comments and leading whitespace, and
keeps every line break, so automatic semicolon insertion and every line of
code stay as written. A script it cannot handle safely (a template literal,
or a string continued over a line break, where leading whitespace is part of
the text) is refused with a reason, and the finishing step keeps it as it is.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^\s*/\*")
_LINE_COMMENT = re.compile(r"^\s*//")


class Unsafe(ValueError):
    """The script has a construct this line-based compaction could change."""


def compact(text: str) -> str:
    lines, in_comment = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if in_comment or _BLOCK_START.match(line):
            end = line.find("*/", 0 if in_comment else line.index("/*") + 2)
            in_comment = end < 0
            rest = "" if in_comment else line[end + 2:]
            if rest.strip():
                raise Unsafe(f"line {number}: code after a comment on the same line")
            continue
        if _LINE_COMMENT.match(line) or not line.strip():
            continue
        if "`" in line:
            raise Unsafe(f"line {number}: a template literal")
        if line.rstrip().endswith("\\"):
            raise Unsafe(f"line {number}: a string continued on the next line")
        lines.append(line.strip())
    if in_comment:
        raise Unsafe("a comment that never ends")
    return "\n".join(lines) + "\n"
