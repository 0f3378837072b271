"""A person's safety plan as a peer reads it: the Stanley-Brown steps in their order, in plain
headings, each with the person's own lines."""

from __future__ import annotations

from collections.abc import Sequence

from console.queries import PlanLineOut
from escalation.companion import SECTIONS

HEADINGS = {
    "warning-signs": "Warning signs",
    "coping": "What they can do on their own",
    "distractions": "People and places that take their mind off it",
    "people-to-ask": "People they can ask for help",
    "professionals": "Professionals and services",
    "safer-surroundings": "Making their surroundings safer",
    "reasons-for-living": "Reasons for living",
}


def grouped(lines: Sequence[PlanLineOut]) -> list[tuple[str, list[str]]]:
    """(heading, lines) per step the person has filled in, in the plan's order."""
    order = {section: place for place, section in enumerate(SECTIONS)}
    steps: dict[str, list[str]] = {}
    for line in sorted(lines, key=lambda line: order.get(line.section, len(order))):
        steps.setdefault(line.section, []).append(line.text)
    return [
        (HEADINGS.get(section, section.replace("-", " ")), texts)
        for section, texts in steps.items()
    ]
