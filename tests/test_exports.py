"""Files instructors take away: the question bank for learning platforms (Moodle XML
and GIFT), the Atom feed of changes, the standalone diagrams, and the review report.

The GIFT file is checked by reading it back with a small reader written from
the format's rules (no maintained Python GIFT parser exists on PyPI), so every
question, option, feedback and right answer must survive the round trip.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from contextlib import redirect_stdout

import pytest

from conftest import CONFIG, DATA, ROOT
from sitegen.__main__ import main as cli
from sitegen.lms import gift_escape

QUIZ = DATA.records("quiz")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_moodle_xml_holds_every_question_with_one_right_answer(site):
    root = ET.parse(site / "downloads" / "quiz.moodle.xml").getroot()
    assert root.tag == "quiz"
    categories = [q for q in root if q.get("type") == "category"]
    questions = [q for q in root if q.get("type") == "multichoice"]
    assert len(categories) == len({q["page"] for q in QUIZ})
    assert [q.findtext("name/text") for q in questions] == [q["id"] for q in QUIZ]
    for element, record in zip(questions, QUIZ):
        assert element.findtext("single") == "true"
        answers = element.findall("answer")
        assert len(answers) == len(record["options"])
        assert [a.get("fraction") for a in answers] == ["100" if o.get("correct") else "0" for o in record["options"]]
        assert [a.findtext("feedback/text") for a in answers] == [f"<p>{_html(o['feedback'])}</p>" for o in record["options"]]
        assert element.findtext("questiontext/text") == f"<p>{_html(record['question'])}</p>"
        assert CONFIG.site_url in element.findtext("generalfeedback/text")
    assert sum(a.get("fraction") == "100" for q in questions for a in q.findall("answer")) == len(QUIZ)


def _html(text: str) -> str:
    import html
    return html.escape(text)


def read_gift(text: str) -> list[dict]:
    """Questions of a GIFT file: title, text, options (text, right?, feedback) and general feedback."""
    def unescape(s: str) -> str:
        return re.sub(r"\\(.)", r"\1", s).strip()

    def split(s: str, marks: str) -> list[tuple[str, str]]:
        """Split on unescaped marks, keeping which mark started each part."""
        parts, current, mark, i = [], "", "", 0
        while i < len(s):
            if s[i] == "\\" and i + 1 < len(s):
                current += s[i:i + 2]
                i += 2
                continue
            if s[i] in marks:
                parts.append((mark, current))
                current, mark = "", s[i]
            else:
                current += s[i]
            i += 1
        parts.append((mark, current))
        return parts

    questions = []
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip() and not b.strip().startswith(("//", "$CATEGORY"))]
    for block in blocks:
        body = "\n".join(line for line in block.splitlines() if not line.strip().startswith("//"))
        match = re.match(r"::(.*?)(?<!\\)::\[plain\](.*?)(?<!\\)\{(.*)(?<!\\)\}\s*$", body, re.S)
        assert match, block
        title, stem, answers = match.groups()
        general = ""
        if "####" in answers:
            answers, general = answers.split("####", 1)
        options = []
        for mark, part in split(answers, "=~")[1:]:
            pieces = split(part, "#")
            options.append({"text": unescape(pieces[0][1]), "correct": mark == "=",
                            "feedback": unescape(pieces[1][1]) if len(pieces) > 1 else ""})
        questions.append({"id": unescape(title), "question": unescape(stem), "options": options,
                          "general": unescape(general)})
    return questions


def test_gift_round_trips_every_question(site):
    text = (site / "downloads" / "quiz.gift.txt").read_text(encoding="utf-8")
    read = read_gift(text)
    assert [q["id"] for q in read] == [q["id"] for q in QUIZ]
    for got, record in zip(read, QUIZ):
        assert got["question"] == " ".join(record["question"].split())
        assert [(o["text"], o["correct"], o["feedback"]) for o in got["options"]] == [
            (" ".join(o["text"].split()), bool(o.get("correct")), " ".join(o["feedback"].split()))
            for o in record["options"]]
        assert got["general"].startswith("Learn why: " + CONFIG.site_url)
    assert sum(o["correct"] for q in read for o in q["options"]) == len(QUIZ)
    assert text.count("$CATEGORY:") == len({q["page"] for q in QUIZ})


def test_gift_escapes_its_special_characters():
    tricky = r"Is 1+1=2? {yes} ~ maybe # no: a\b"
    assert read_gift(f"::t::[plain]{gift_escape(tricky)} {{\n\t={gift_escape(tricky)}#{gift_escape(tricky)}\n}}\n") == [
        {"id": "t", "question": tricky, "options": [{"text": tricky, "correct": True, "feedback": tricky}],
         "general": ""}]


def test_feed_is_atom_with_one_entry_per_change(site):
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    changes = sorted(DATA.records("changes"), key=lambda c: (str(c["date"]), c["id"]), reverse=True)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [c["title"] for c in changes]
    assert root.findtext(f"{ATOM}updated") == f"{changes[0]['date']}T00:00:00Z"
    for entry, change in zip(entries, changes):
        link = entry.find(f"{ATOM}link").get("href")
        assert link == f"{CONFIG.site_url}whats-new/#change-{change['id']}"


@pytest.mark.parametrize("name", ["nesting", "timeline"])
def test_diagrams_download_as_standalone_svg(site, name):
    path = site / "downloads" / f"{name}-diagram.svg"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "CC BY 4.0" in text
    svg = ET.fromstring(text)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.find("{http://www.w3.org/2000/svg}style").text.count("diagram__") >= 5
    assert svg.find("{http://www.w3.org/2000/svg}title").text
    assert "var(--" not in text, "a standalone file cannot use the site's CSS variables"


def test_review_lists_what_is_older_than_the_limit(capsys):
    """`make review` reads a date, never the clock, in tests."""
    assert cli(["--root", str(ROOT), "review", "--months", "6", "--today", "2026-12-01"]) == 0
    recent = capsys.readouterr().out
    assert cli(["--root", str(ROOT), "review", "--months", "6", "--today", "2030-01-01"]) == 0
    later = capsys.readouterr().out
    checked = [r for name in DATA for r in DATA.records(name) if "checked" in r]
    assert later.startswith(f"{len(checked) + len(list((ROOT / 'docs').rglob('*.md'))) - _unreviewed_pages()} item(s)")
    assert "data/systems.yaml: gpt-5" in later and len(later.splitlines()) > len(recent.splitlines())


def _unreviewed_pages() -> int:
    return sum(1 for p in (ROOT / "docs").rglob("*.md") if "\nreviewed:" not in p.read_text(encoding="utf-8").split("\n---", 1)[0])
