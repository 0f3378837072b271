"""Who answers an inbound message: the engine, the gateway itself, or a peer.

Risk outranks everything: a crisis gets the gateway's crisis reply even while a peer has the
conversation. After a crisis the bot stays quiet (no cheerful check-up question after "I want
to die") until a peer resolves the escalation.
"""

from __future__ import annotations

from enum import Enum

from escalation.levels import Level, Screening
from store.escalations import ConversationState


class Route(Enum):
    RISK_REPLY = "risk"  # the gateway answers and escalates: crisis lines, or an MI reply
    PEER = "peer"  # a peer has taken the conversation over: no automatic reply
    WAITING = "waiting"  # a crisis is open: remind the person help is coming, no bot flows
    ENGINE = "engine"


def route(screening: Screening, state: ConversationState) -> Route:
    open_level = Level[state.open_level.upper()] if state.open_level else Level.NONE
    if screening.level >= Level.CRISIS:
        return Route.RISK_REPLY
    if state.taken_over_by is not None:
        return Route.PEER
    if open_level >= Level.CRISIS:
        return Route.WAITING
    if screening.level is Level.CONCERN and open_level < Level.CONCERN:
        return Route.RISK_REPLY
    return Route.ENGINE
