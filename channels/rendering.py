"""Turning a neutral reply into plain text, for channels without buttons (SMS, the simulator)."""

from __future__ import annotations

from channels.base import Reply


def numbered_choices(reply: Reply) -> str:
    """Buttons become 'Reply 1 for ..., 2 for ...', the way a text message offers choices."""
    if not reply.buttons:
        return reply.text
    choices = ", ".join(f"{n} for {b.title}" for n, b in enumerate(reply.buttons, start=1))
    return f"{reply.text}\nReply {choices}."
