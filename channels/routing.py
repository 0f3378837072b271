"""Who answers an inbound message: the engine, the gateway itself, or a peer.

Risk outranks the assistant: a message that opens or raises a crisis gets the gateway's own
first reply, and while an emergency or crisis is open the crisis companion answers each message
(the assistant's scripted flows stay paused until a peer resolves), unless the companion released
the conversation: a crisis rated by the model's vote alone, and a no to the direct question.
While a peer has the conversation the gateway sends nothing automatic, so it never talks over
them, except the 911 line for an emergency. A concern opened mid-way through a form is answered
by the assistant, so the form keeps the answer, with the gateway's word that a peer was told; a
lone model vote weighed down in ordinary talk is answered by the assistant with nothing said.
"""

from __future__ import annotations

from enum import Enum

from channels.forms import asks_form_question
from channels.weighing import quietly_weighed
from escalation.companion.crisis import stays_released
from escalation.levels import Level, Screening
from escalation.responses import asks_for_a_person
from store.escalations import ConversationState


class Route(Enum):
    RISK_REPLY = "risk"  # opens or raises an escalation: crisis lines, or an MI reply
    # Opens a concern mid-way through a form: the assistant answers (the form keeps the answer),
    # and the gateway adds that a peer was told (channels/forms.py).
    CONCERN_MID_FORM = "concern-mid-form"
    # A lone model vote weighed down in ordinary talk: the assistant answers, a peer reviews it
    # within a day, and nothing is said of it (channels/weighing.py).
    CONCERN_QUIET = "concern-quiet"
    COMPANION = "companion"  # an emergency or crisis is open: the companion's next step
    PEER = "peer"  # a peer has the conversation: no automatic reply, the peer is told
    PEER_EMERGENCY = "peer-emergency"  # an emergency while a peer has it: the 911 line, pages
    ENGINE = "engine"


# A concern whose only sign is a missed dose, asked about as a question ("can i take 2 today to
# catch up?"): the assistant answers it (a prescriber or pharmacist decides, and how to reach
# one), and the gateway adds that a peer was told. Answered by the gateway's reflection alone, the
# question went unanswered (replayed for issue 18).
_ANSWERABLE_CONCERNS = frozenset({"medication:missed"})


def asks_an_answerable_question(screening: Screening, text: str) -> bool:
    """A question about a concern the assistant can answer, and nothing else of concern in it."""
    signs = {reason for reason in screening.reasons if not reason.startswith("context:")}
    return "?" in text and bool(signs) and signs <= _ANSWERABLE_CONCERNS


def route(screening: Screening, state: ConversationState, text: str = "") -> Route:
    open_level = Level[state.open_level.upper()] if state.open_level else Level.NONE
    if state.taken_over_by is not None:
        return Route.PEER_EMERGENCY if screening.level >= Level.EMERGENCY else Route.PEER
    if screening.level >= Level.CRISIS and screening.level > open_level:
        return Route.RISK_REPLY
    # Released: asked directly after a crisis rated by the model's vote alone, they said no; the
    # assistant answers again (the case stays open for a peer) until a rule finds risk.
    if open_level >= Level.CRISIS and not stays_released(state.companion_mode, screening):
        return Route.COMPANION
    if screening.level is Level.CONCERN and open_level < Level.CONCERN:
        if quietly_weighed(screening):
            return Route.CONCERN_QUIET
        # A person asked for ("can i talk to a real person") the gateway answers itself.
        assistant_answers = asks_form_question(state.last_reply) or asks_an_answerable_question(
            screening, text
        )
        mid_form = assistant_answers and not asks_for_a_person(screening)
        return Route.CONCERN_MID_FORM if mid_form else Route.RISK_REPLY
    return Route.ENGINE
