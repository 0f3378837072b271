"""The first message after a peer hands a conversation back: the assistant says it is back before
it answers, whatever the message is.

Runs inside the engine, loaded with the message webhook (warmline_channel.py); never trained. The
gateway sends that message with the metadata `{"handed_back_by": "<peer display name>"}`; the
webhook puts it on the user event. Right after Rasa fills the slots from the message, and before
the policies choose the next action, the engine then runs `action_resume_after_handback` the way
Rasa runs a custom slot mapping's action: its messages are sent at once and its slots set, and no
action is logged, so the rules and stories go on exactly as they would have (a thanks is still
answered as a thanks, a form still asks its next question). bot/actions/handback.py says what
the action says.

Only a message that carries the metadata reaches the action server this way: a custom slot
mapping would call it on every message, which would cost every turn an HTTP round trip, and
every turn would then wait for a restarting action server. If the call fails, the message is
answered as any other (Rasa logs the failure without the peer's name).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels.channel import OutputChannel
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

HANDED_BACK_BY = "handed_back_by"
RESUME_ACTION = "action_resume_after_handback"

Extract = Callable[[MessageProcessor, OutputChannel, DialogueStateTracker], Awaitable[Any]]


def handed_back(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message is the first after a peer handed the conversation back."""
    latest = tracker.latest_message
    metadata = latest.metadata if latest is not None else None
    if not isinstance(metadata, dict):
        return False
    peer = metadata.get(HANDED_BACK_BY)
    return isinstance(peer, str) and bool(peer.strip())


def resuming_after_handback(extract: Extract) -> Extract:
    """`MessageProcessor.run_action_extract_slots`, then the resume action on a hand-back."""

    @functools.wraps(extract)
    async def extract_then_resume(
        self: MessageProcessor, output_channel: OutputChannel, tracker: DialogueStateTracker
    ) -> DialogueStateTracker:
        tracker = await extract(self, output_channel, tracker)
        if not handed_back(tracker):
            return tracker
        # Rasa's own call for a custom slot mapping's action (private, but rasa is pinned at
        # 3.6.21): slots and messages kept, any other event dropped, a failure logged and the
        # turn carried on.
        extraction = ActionExtractSlots(self.action_endpoint)
        events = await extraction._run_custom_action(
            RESUME_ACTION, output_channel, self.nlg, tracker, self.domain
        )
        await self._send_bot_messages(events, tracker, output_channel)
        tracker.update_with_events(events, self.domain)
        return tracker

    extract_then_resume.__wrapped_for_warmline__ = True  # type: ignore[attr-defined]
    return extract_then_resume


def install() -> None:
    """Once per engine process."""
    current = MessageProcessor.run_action_extract_slots
    if not getattr(current, "__wrapped_for_warmline__", False):
        MessageProcessor.run_action_extract_slots = resuming_after_handback(current)  # type: ignore[method-assign]
