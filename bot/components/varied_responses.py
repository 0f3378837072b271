"""The engine's response generator: Rasa's own, except that it never picks the wording the
assistant said last when the response has another.

Rasa picks a response's variation at random, so a response given twice running, by a rule or by
an action, was word for word the same message one time in two or three: "I'm Warmline, a text
line for people in recovery..." twice running (g37 of the sealed 2027-09 conversations, read
once), "Te agradezco la confianza. ¿Qué tan seguido ha sido?" twice (e18 of 2027-06), the offer
of meetings twice (c27 of 2027-03). A person reads that as not being heard, and issue 18 asks
for no reply identical to the one before it. Which response is said stays the policies' and the
actions' choice; only the wording changes, among the response's own variations that fit the
channel and the slots (its conditions), so nothing is said that the domain does not hold.

Runs inside the engine, named in its endpoints.yml (`nlg: type: varied_responses.
VariedResponses`, written by warmline/processes.py); never trained.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from rasa.core.nlg.response import ResponseVariationFilter, TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig


class VariedResponses(TemplatedNaturalLanguageGenerator):
    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,  # noqa: ARG002 - how Rasa builds an NLG
        domain: Domain | None = None,
    ) -> None:
        super().__init__(domain.responses if domain is not None else {})

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        if utter_action not in self.responses:
            return None
        filled_slots = tracker.current_slot_values()
        suitable = ResponseVariationFilter(self.responses).responses_for_utter_action(
            utter_action, output_channel, filled_slots
        )
        filled = [
            self._fill_response(copy.deepcopy(variation), filled_slots, **kwargs)
            for variation in suitable
        ]
        said_last = last_said(tracker)
        fresh = [response for response in filled if response.get("text") != said_last]
        choices = fresh or filled
        # Variety, not secrecy: which wording is said needs no unpredictability.
        return random.choice(choices) if choices else None  # noqa: S311


def last_said(tracker: DialogueStateTracker) -> str | None:
    """The text of the assistant's last message in the conversation, if any."""
    for event in reversed(tracker.events):
        if event.type_name == "bot":
            return getattr(event, "text", None)
    return None
