"""The question bank in the formats learning platforms import: Moodle XML and GIFT.

Both come from data/quiz.yaml, the same records the pages show, so an
instructor's copy never disagrees with the site. Every question is a
single-answer multiple choice with feedback on every option and a general
feedback that links to the section of the guide that teaches it. Questions
are grouped in categories by page. The tests parse both files back.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from .config import SiteConfig
from .data import SiteData
from .fragments import quiz_pages, quiz_questions, section_title
from .links import page_url

CATEGORY_ROOT = "$course$/Generative AI vs LLMs"


def _section_url(config: SiteConfig, section: str) -> str:
    """The full address of a section (page.md#anchor) on the published site."""
    return config.site_url + page_url(section)


def _html(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def moodle_xml(site: SiteData, config: SiteConfig) -> str:
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {config.site_name}: question bank, CC BY 4.0, {config.site_url} "))
    for page in quiz_pages(site):
        category = ET.SubElement(quiz, "question", type="category")
        ET.SubElement(ET.SubElement(category, "category"), "text").text = f"{CATEGORY_ROOT}/{config.title(page)}"
        for q in quiz_questions(site, page):
            question = ET.SubElement(quiz, "question", type="multichoice")
            ET.SubElement(ET.SubElement(question, "name"), "text").text = q["id"]
            text = ET.SubElement(question, "questiontext", format="html")
            ET.SubElement(text, "text").text = _html(q["question"])
            url = _section_url(config, q["section"])
            general = ET.SubElement(question, "generalfeedback", format="html")
            ET.SubElement(general, "text").text = (f'<p>Learn why: <a href="{html.escape(url)}">'
                                                   f"{html.escape(section_title(site, config, q['section']))}</a></p>")
            for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0"), ("single", "true"),
                               ("shuffleanswers", "true"), ("answernumbering", "ABCD")):
                ET.SubElement(question, tag).text = value
            for option in q["options"]:
                answer = ET.SubElement(question, "answer", fraction="100" if option.get("correct") else "0",
                                       format="html")
                ET.SubElement(answer, "text").text = _html(option["text"])
                feedback = ET.SubElement(answer, "feedback", format="html")
                ET.SubElement(feedback, "text").text = _html(option["feedback"])
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """GIFT gives ~ = # { } : and backslash a meaning; a backslash makes each literal.
    Line breaks would end the question, so they become spaces."""
    escaped = "".join("\\" + ch if ch in GIFT_SPECIAL else ch for ch in text)
    return " ".join(escaped.split())


def gift(site: SiteData, config: SiteConfig) -> str:
    lines = [f"// {config.site_name}: question bank in GIFT format, for Moodle and other platforms.",
             f"// Licence: CC BY 4.0. Source: {config.site_url} (generated from data/quiz.yaml).", ""]
    for page in quiz_pages(site):
        lines += [f"$CATEGORY: {CATEGORY_ROOT}/{config.title(page)}", ""]
        for q in quiz_questions(site, page):
            lines.append(f"::{gift_escape(q['id'])}::[plain]{gift_escape(q['question'])} {{")
            for option in q["options"]:
                mark = "=" if option.get("correct") else "~"
                lines.append(f"\t{mark}{gift_escape(option['text'])}#{gift_escape(option['feedback'])}")
            lines.append(f"\t####Learn why: {gift_escape(_section_url(config, q['section']))}")
            lines += ["}", ""]
    return "\n".join(lines)
