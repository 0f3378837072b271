"""Who answers a message: risk outranks a takeover, and an open crisis keeps the bot quiet."""

from __future__ import annotations

import pytest

from channels.routing import Route, route
from escalation.levels import Level, Screening
from store.escalations import ConversationState

FREE = ConversationState(taken_over_by=None, open_level=None)
TAKEN = ConversationState(taken_over_by="Ana", open_level=None)
OPEN_CRISIS = ConversationState(taken_over_by=None, open_level="crisis")
OPEN_CONCERN = ConversationState(taken_over_by=None, open_level="concern")


@pytest.mark.parametrize(
    ("level", "state", "expected"),
    [
        (Level.NONE, FREE, Route.ENGINE),
        (Level.CONCERN, FREE, Route.RISK_REPLY),
        (Level.CRISIS, FREE, Route.RISK_REPLY),
        (Level.EMERGENCY, FREE, Route.RISK_REPLY),
        (Level.NONE, TAKEN, Route.PEER),
        (Level.CONCERN, TAKEN, Route.PEER),
        (Level.EMERGENCY, TAKEN, Route.RISK_REPLY),
        (Level.NONE, OPEN_CRISIS, Route.WAITING),
        (Level.CONCERN, OPEN_CRISIS, Route.WAITING),
        (Level.CRISIS, OPEN_CRISIS, Route.RISK_REPLY),
        (Level.NONE, OPEN_CONCERN, Route.ENGINE),
        (Level.CONCERN, OPEN_CONCERN, Route.ENGINE),
        (Level.CRISIS, OPEN_CONCERN, Route.RISK_REPLY),
    ],
)
def test_route(level: Level, state: ConversationState, expected: Route) -> None:
    assert route(Screening(level), state) == expected
