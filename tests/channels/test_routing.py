"""Who answers a message: a takeover silences the gateway (but for the 911 line), an open
crisis hands every message to the crisis companion, and higher risk opens or raises."""

from __future__ import annotations

import pytest

from channels.routing import Route, route
from escalation.levels import Level, Screening
from store.escalations import ConversationState

FREE = ConversationState(taken_over_by=None, open_level=None)
TAKEN = ConversationState(taken_over_by="Ana", open_level=None)
OPEN_CRISIS = ConversationState(taken_over_by=None, open_level="crisis")
OPEN_CONCERN = ConversationState(taken_over_by=None, open_level="concern")
OPEN_EMERGENCY = ConversationState(taken_over_by=None, open_level="emergency")
TAKEN_IN_CRISIS = ConversationState(taken_over_by="Ana", open_level="crisis")
# Asked directly after the model's vote alone rated a crisis, they said no.
RELEASED = ConversationState(taken_over_by=None, open_level="crisis", companion_mode="released")


@pytest.mark.parametrize(
    ("level", "state", "expected"),
    [
        (Level.NONE, FREE, Route.ENGINE),
        (Level.CONCERN, FREE, Route.RISK_REPLY),
        (Level.CRISIS, FREE, Route.RISK_REPLY),
        (Level.EMERGENCY, FREE, Route.RISK_REPLY),
        (Level.NONE, TAKEN, Route.PEER),
        (Level.CONCERN, TAKEN, Route.PEER),
        (Level.CRISIS, TAKEN, Route.PEER),
        (Level.EMERGENCY, TAKEN, Route.PEER_EMERGENCY),
        (Level.CRISIS, TAKEN_IN_CRISIS, Route.PEER),
        (Level.EMERGENCY, TAKEN_IN_CRISIS, Route.PEER_EMERGENCY),
        (Level.NONE, OPEN_CRISIS, Route.COMPANION),
        (Level.CONCERN, OPEN_CRISIS, Route.COMPANION),
        (Level.CRISIS, OPEN_CRISIS, Route.COMPANION),
        (Level.EMERGENCY, OPEN_CRISIS, Route.RISK_REPLY),
        (Level.NONE, OPEN_EMERGENCY, Route.COMPANION),
        (Level.EMERGENCY, OPEN_EMERGENCY, Route.COMPANION),
        (Level.NONE, OPEN_CONCERN, Route.ENGINE),
        (Level.CONCERN, OPEN_CONCERN, Route.ENGINE),
        (Level.CRISIS, OPEN_CONCERN, Route.RISK_REPLY),
        (Level.NONE, RELEASED, Route.ENGINE),
        (Level.CONCERN, RELEASED, Route.ENGINE),
        (Level.CRISIS, RELEASED, Route.COMPANION),
        (Level.EMERGENCY, RELEASED, Route.RISK_REPLY),
    ],
)
def test_each_message_goes_to_who_should_answer_it(
    level: Level, state: ConversationState, expected: Route
) -> None:
    assert route(Screening(level), state) == expected


def test_after_a_no_the_models_vote_alone_does_not_bring_the_companion_back() -> None:
    model_alone = Screening(Level.CRISIS, ("model:crisis-risk(0.71)",))
    rule_found = Screening(Level.CRISIS, ("suicide:intent",))

    assert route(model_alone, RELEASED) == Route.ENGINE
    assert route(rule_found, RELEASED) == Route.COMPANION
    assert route(model_alone, OPEN_CRISIS) == Route.COMPANION
