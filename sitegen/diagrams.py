"""Geometry of the two SVG diagrams, computed from data.

All sizes are SVG user units (the viewBox), so the drawing scales with the
page. Every number that shapes a diagram is named here, with what it does.
The templates (nesting-diagram.md.j2, timeline-diagram.md.j2) only place
what these functions return.
"""

from __future__ import annotations

from typing import Any

from .config import SiteConfig
from .data import SiteData
from .render import rows

# --- nesting diagram: concentric boxes, outermost field first -----------------

NEST_WIDTH = 400  # width of the whole drawing
NEST_MARGIN = 6  # gap between the drawing's edge and the outermost box
NEST_INSET_X = 14  # how far each inner box is indented from its parent, left and right
NEST_INSET_TOP = 34  # room above each inner box for its parent's label
NEST_INSET_BOTTOM = 12  # gap between an inner box's bottom edge and its parent's
NEST_INNERMOST_HEIGHT = 96  # height of the innermost box (the LLM box)
NEST_BOTTOM_ROOM = 60  # space below the innermost box for the "Not LLMs" note and straddlers
STRADDLE_WIDTH = 190  # a straddling group's box
STRADDLE_HEIGHT = 52
STRADDLE_RIGHT_OVERHANG = 14  # how far it sticks out past the right edge of the box it straddles
STRADDLE_DROP = 26  # how far its top sits above the bottom edge of the box it straddles


def nesting_chain(site: SiteData) -> list[dict[str, Any]]:
    """Fields from the outermost inwards. The data checks guarantee one root and one inner field each."""
    fields = site.records("fields")
    chain = [next(f for f in fields if "parent" not in f)]
    while True:
        inner = [f for f in fields if f.get("parent") == chain[-1]["id"] and "straddles" not in f]
        if not inner:
            return chain
        chain.append(inner[0])


def nesting(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    fields = {f["id"]: f for f in site.records("fields")}
    chain = nesting_chain(site)
    depth_max = len(chain) - 1
    height = (2 * NEST_MARGIN + 4 + NEST_INSET_TOP * depth_max + NEST_INNERMOST_HEIGHT
              + NEST_INSET_BOTTOM * depth_max + NEST_BOTTOM_ROOM)
    rings = []
    for depth, field in enumerate(chain):
        x, y = NEST_MARGIN + NEST_INSET_X * depth, NEST_MARGIN + NEST_INSET_TOP * depth
        innermost = depth == depth_max
        bottom = y + NEST_INNERMOST_HEIGHT if innermost else height - NEST_MARGIN - NEST_INSET_BOTTOM * depth
        rings.append({**field, "x": x, "y": y, "w": NEST_WIDTH - 2 * NEST_MARGIN - 2 * NEST_INSET_X * depth,
                      "h": bottom - y, "parent_name": fields[field["parent"]]["name"] if "parent" in field else "",
                      "innermost": innermost, "holds_innermost": depth == depth_max - 1})
    by_id = {r["id"]: r for r in rings}
    straddlers = []
    for field in fields.values():
        if "straddles" in field:
            box = by_id[field["straddles"]]
            straddlers.append({**field, "straddle_name": box["name"],
                               "x": box["x"] + box["w"] + STRADDLE_RIGHT_OVERHANG - STRADDLE_WIDTH,
                               "y": box["y"] + box["h"] - STRADDLE_DROP, "w": STRADDLE_WIDTH, "h": STRADDLE_HEIGHT})
    return {"rings": rings, "straddlers": straddlers, "width": NEST_WIDTH, "height": height}


def fields_list(site: SiteData, config: SiteConfig) -> dict[str, Any]:
    """The nesting diagram's fields as a list, outermost first (straddling groups last)."""
    diagram = nesting(site, config)
    return {"rows": diagram["rings"] + diagram["straddlers"]}


# --- timeline diagram: one row per event, year printed where it changes --------

TIMELINE_WIDTH = 400  # width of the drawing
TIMELINE_TOP = 48  # y of the first event: room for the legend above it
TIMELINE_ROW = 26  # vertical distance between two events
TIMELINE_AXIS_X = 62  # x of the vertical axis; years sit to its left, labels to its right
TIMELINE_BOTTOM = 0  # extra room below the last row (its label already has a row's space)


def timeline(site: SiteData, _config: SiteConfig) -> dict[str, Any]:
    events, previous = [], None
    for i, event in enumerate(rows(site, "timeline", ("date", "id"))):
        year = event["date"][:4]
        events.append({**event, "y": TIMELINE_TOP + i * TIMELINE_ROW, "year": year, "new_year": year != previous})
        previous = year
    return {"events": events, "width": TIMELINE_WIDTH, "axis_x": TIMELINE_AXIS_X, "top": TIMELINE_TOP,
            "height": TIMELINE_TOP + len(events) * TIMELINE_ROW + TIMELINE_BOTTOM,
            "first_year": events[0]["year"], "last_year": events[-1]["year"]}
