"""The replay stops at once, saying where, when the system does not answer as a running one
does; the replies of a real one are tested end to end (tests/e2e/test_replay.py)."""

from __future__ import annotations

import pytest

from warmline.isolated import free_port
from warmline.replay_conversations import Conversation, PersonTurn
from warmline.replay_run import Chat, ReplayError, TriggerText, replay

CONVERSATION = Conversation("c7", "someone", "person", (PersonTurn("hey", "small_talk"),))


def test_a_system_that_does_not_answer_stops_the_replay_saying_where() -> None:
    stopped = pytest.raises(ReplayError, match=r"^c7, after 0 exchanges: .*ConnectError$")
    with Chat(f"http://127.0.0.1:{free_port()}") as chat, stopped:
        replay([CONVERSATION], chat, TriggerText(), "t")
