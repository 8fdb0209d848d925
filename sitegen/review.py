"""`make review`: which facts are due for a fresh check.

Lists every record whose `checked` date, and every page whose `reviewed`
date, is older than a number of months. It is a report for maintainers, not
a test: tests never depend on today's date, and an old date is a reminder,
not an error. `--today` fixes the date (the tests use it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .data import SiteData

_REVIEWED = re.compile(r"^reviewed:\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\s*$", re.M)


@dataclass(frozen=True)
class Due:
    where: str  # data/systems.yaml: gpt-4o, or docs/faq.md
    checked: dt.date
    age_days: int


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def due(site: SiteData, docs: Path, today: dt.date, months: int) -> list[Due]:
    cutoff = months_before(today, months)
    found = []
    for name in site:
        for record in site.records(name):
            if "checked" in record:
                day = dt.date.fromisoformat(str(record["checked"]))
                if day < cutoff:
                    found.append(Due(f"data/{name}.yaml: {record['id']}", day, (today - day).days))
    for page in sorted(docs.rglob("*.md")):
        match = _REVIEWED.search(page.read_text(encoding="utf-8").split("\n---", 1)[0])
        if match:
            day = dt.date.fromisoformat(match.group(1))
            if day < cutoff:
                found.append(Due(f"docs/{page.relative_to(docs).as_posix()}", day, (today - day).days))
    return sorted(found, key=lambda d: (d.checked, d.where))


def report(items: list[Due], today: dt.date, months: int) -> str:
    if not items:
        return f"Nothing is older than {months} months (today: {today})."
    lines = [f"{len(items)} item(s) last checked more than {months} months before {today}:", ""]
    lines += [f"  {d.checked}  ({d.age_days} days)  {d.where}" for d in items]
    return "\n".join(lines)
