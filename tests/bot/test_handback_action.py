"""After a peer hands a conversation back, the first message carries the peer's name in its
metadata: the assistant says it is back before it answers (a greeting is welcomed back by the
greeting action instead), and remembers that a peer was here. Anything else in the metadata is
not a hand-back."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.greet import ActionGreetParticipant
from bot.actions.handback import (
    GREET_AFTER_HANDBACK,
    PEER_WAS_HERE,
    RESUME_AFTER_HANDBACK,
    ActionResumeAfterHandback,
    peer_who_handed_back,
)
from warmline.engine_env import BOT_DIR


def tracker(intent: str, metadata: object = None) -> Tracker:
    latest: dict[str, Any] = {"intent": {"name": intent}, "text": "..."}
    if metadata is not None:
        latest["metadata"] = metadata
    return Tracker("participant-7", {}, latest, [], False, None, {}, "")


def resume(intent: str, metadata: object = None) -> tuple[list[dict[str, Any]], list[Any]]:
    dispatcher = CollectingDispatcher()
    events = ActionResumeAfterHandback().run(dispatcher, tracker(intent, metadata), {})
    return dispatcher.messages, events


@pytest.mark.parametrize("intent", ["thank", "ask_help", "chitchat", "nlu_fallback"])
def test_the_first_message_after_a_hand_back_hears_the_assistant_is_back(intent: str) -> None:
    said, events = resume(intent, {"handed_back_by": "Sam"})

    assert [(m["response"], m["peer"]) for m in said] == [(RESUME_AFTER_HANDBACK, "Sam")]
    assert events == [SlotSet(PEER_WAS_HERE, True)]


def test_a_greeting_after_a_hand_back_is_left_to_the_greeting_action() -> None:
    said, events = resume("greet", {"handed_back_by": "Sam"})

    assert said == []
    assert events == [SlotSet(PEER_WAS_HERE, True)]


def test_the_greeting_after_a_hand_back_welcomes_the_person_back_from_the_peer() -> None:
    dispatcher = CollectingDispatcher()

    events = ActionGreetParticipant().run(
        dispatcher, tracker("greet", {"handed_back_by": "Sam"}), {}
    )

    said = [(m["response"], m["peer"], m["text"]) for m in dispatcher.messages]
    assert said == [(GREET_AFTER_HANDBACK, "Sam", None)]  # not the first-contact greeting
    assert events == [SlotSet(PEER_WAS_HERE, True)]


@pytest.mark.parametrize(
    "metadata",
    [
        None,
        {},
        {"other": "x"},
        {"handed_back_by": ""},
        {"handed_back_by": "   "},
        {"handed_back_by": 7},
        {"handed_back_by": ["Sam"]},
        {"handed_back_by": "S" * 61},
        "handed_back_by=Sam",
    ],
    ids=["none", "empty", "other key", "empty name", "blank name", "number", "list", "too long",
         "not an object"],
)  # fmt: skip
def test_a_message_without_a_peer_name_is_not_a_hand_back(metadata: object) -> None:
    assert resume("thank", metadata) == ([], [])


def test_a_peer_name_is_said_with_its_spacing_tidied() -> None:
    assert peer_who_handed_back(tracker("thank", {"handed_back_by": " Sam  R.\n"})) == "Sam R."


def handback_responses() -> dict[str, list[dict[str, Any]]]:
    domain: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "handback.yml").read_text())
    found: dict[str, list[dict[str, Any]]] = domain["responses"]
    return found


def test_every_hand_back_text_names_the_peer_and_the_assistant() -> None:
    texts = [v["text"] for variations in handback_responses().values() for v in variations]

    assert texts
    assert all("{peer}" in text and "assistant" in text for text in texts)
    assert not any("I'm Warmline, a text line" in text for text in texts)  # no introduction


def test_the_greeting_after_a_hand_back_asks_an_open_question() -> None:
    for variation in handback_responses()[GREET_AFTER_HANDBACK]:
        assert variation["text"].endswith("?")
        assert variation["metadata"]["miti"] == ["give_information", "open_question"]
