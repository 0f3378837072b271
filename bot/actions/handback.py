"""After a peer hands a conversation back, the assistant takes it up knowing a peer was there.

The gateway sends the person's first message after the hand-back with the metadata
`{"handed_back_by": "<peer display name>"}`. On that turn the engine runs
`action_resume_after_handback` before it answers (bot/components/handback.py): the assistant says,
in its own voice, that it is back and who handed the chat back, and then answers the message as
usual. A greeting is the exception: the greeting action itself welcomes the person back, instead
of the first-contact introduction, so the assistant does not greet twice. Either way the
`peer_was_here` slot is set, for later turns. The peer's name is said, never logged.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.miti import ActionsSay

HANDED_BACK_BY = "handed_back_by"  # the metadata key (channels/engine.py)
PEER_WAS_HERE = "peer_was_here"
GREET_AFTER_HANDBACK = "utter_greet_after_handback"
RESUME_AFTER_HANDBACK = "utter_resume_after_handback"
NAME_MAX_CHARS = 60  # a display name; anything longer is not one

# Run by the engine on a hand-back turn, never predicted: it appears in no story, so the
# figures count its response over the domain (the greeting's is counted with the greeting).
MITI: ActionsSay = {"action_resume_after_handback": ((), (RESUME_AFTER_HANDBACK,))}


def peer_who_handed_back(tracker: Tracker) -> str | None:
    """The display name of the peer who handed the conversation back just before this message,
    or None when the message is not the first after a hand-back."""
    metadata: Any = tracker.latest_message.get("metadata")
    peer = metadata.get(HANDED_BACK_BY) if isinstance(metadata, dict) else None
    if not isinstance(peer, str):
        return None
    peer = " ".join(peer.split())
    return peer if 0 < len(peer) <= NAME_MAX_CHARS else None


class ActionResumeAfterHandback(Action):
    def name(self) -> str:
        return "action_resume_after_handback"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,  # noqa: ARG002 - the action interface
    ) -> list[EventType]:
        peer = peer_who_handed_back(tracker)
        if peer is None:
            return []
        if (tracker.latest_message.get("intent") or {}).get(
            "name"
        ) != "greet":  # a greeting is welcomed back by the greeting action
            dispatcher.utter_message(response=RESUME_AFTER_HANDBACK, peer=peer)
        return [SlotSet(PEER_WAS_HERE, True)]
