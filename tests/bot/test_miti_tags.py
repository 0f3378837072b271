"""The custom actions follow the MITI convention (bot/actions/miti.py): what they write carries
its code in the message's metadata, every `MITI` map names real codes, and where an action's
words follow from the conversation, its map picks what the action itself says."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.barc10 import MITI as BARC10_MITI
from bot.actions.barc10 import ActionBarc10Finish
from bot.actions.barc10_reflection import PAUSED, PAUSED_TAG, reflection, reflection_tag
from bot.actions.checkup import MITI as CHECKUP_MITI
from bot.actions.checkup_answers import judge, slot_of
from bot.actions.greet import GREETING_TAGS
from bot.actions.greet import MITI as GREET_MITI
from bot.actions.miti import Chosen, Tag, Turn, tag
from bot.actions.rulers import MITI as RULERS_MITI
from bot.actions.rulers import judge_rating, replies
from warmline.mi_read import codes_of, load_actions, runs_of

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MARCH = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


def test_tag_is_one_code_or_a_list_in_order() -> None:
    assert tag("affirm") == {"miti": "affirm"}
    assert tag("complex_reflection", "open_question") == {
        "miti": ["complex_reflection", "open_question"]
    }


def test_every_action_map_names_real_codes() -> None:
    actions = load_actions()

    assert GREET_MITI.items() <= actions.items()
    assert BARC10_MITI.items() <= actions.items()
    for entry in actions.values():
        for run in runs_of(entry):
            for message in run:
                assert isinstance(message, str) or codes_of(message) is not None, message


@pytest.mark.parametrize(("text", "metadata"), GREETING_TAGS.items())
def test_each_greeting_is_an_open_question(text: str, metadata: Tag) -> None:
    assert text.endswith("?")
    assert codes_of(metadata) is not None
    assert "open_question" in (codes_of(metadata) or ())


AGREED: dict[int, int | None] = {n: 5 for n in range(1, 11)}
ALL_SKIPPED: dict[int, int | None] = dict.fromkeys(range(1, 11))


@pytest.mark.parametrize(
    ("total", "previous", "previous_at", "scores", "reflects"),
    [
        (40, None, None, AGREED, "simple_reflection"),  # how many they agreed with, said back
        (None, 38, MARCH, {**AGREED, 3: None}, "simple_reflection"),
        (None, None, None, ALL_SKIPPED, None),  # nothing answered: nothing to say back
        (44, 38, MARCH, AGREED, "simple_reflection"),  # the change in their own ratings
        (38, 38, MARCH, AGREED, "simple_reflection"),
        (30, 38, MARCH, AGREED, "complex_reflection"),  # "may have felt harder": a guess
    ],
)
def test_the_reflection_after_barc10_is_coded_as_it_is_said(
    total: int | None,
    previous: int | None,
    previous_at: datetime | None,
    scores: dict[int, int | None],
    reflects: str | None,
) -> None:
    text = reflection(total, previous, previous_at, NOW, scores)
    codes = codes_of(reflection_tag(total, previous, previous_at, scores)) or ()

    assert codes[0] == "affirm"
    assert codes[-1] == "open_question"
    assert text.endswith("?")
    assert (
        (reflects in codes)
        if reflects
        else not {"simple_reflection", "complex_reflection"} & set(codes)
    )


def test_a_paused_barc10_says_so_with_its_code() -> None:
    slots = {"barc10_q1": 5, "barc10_q2": "__skipped__"}
    tracker = Tracker("someone", slots, {}, [], False, None, {}, "")
    dispatcher = CollectingDispatcher()

    ActionBarc10Finish().run(dispatcher, tracker, {})

    assert [(m["text"], m["metadata"]) for m in dispatcher.messages] == [(PAUSED, PAUSED_TAG)]


def chosen(entry: object) -> Chosen:
    assert isinstance(entry, Chosen)
    return entry


@pytest.mark.parametrize(
    ("question", "text", "reasked"),
    [
        ("how", "rough week tbh", False),
        ("how", "hey", False),  # nothing to reflect: nothing reflected
        ("cravings", "😣", False),
        ("cravings", "hmm", False),  # asked again: nothing said back yet
        ("cravings", "whatever", True),  # still unread: "let's leave that one"
        ("use", "slipped once", False),
        ("use", "nope", False),
        ("use_often", "most days", False),
        ("supports", "aa and my sponsor", False),
        ("supports", "nothing really", False),
        ("went_well", "got my chip", False),
        ("next_step", "idk", False),
        ("next_step", "skip", False),
        ("went_well", "pause", False),
    ],
)
def test_the_check_up_map_picks_what_the_validation_says(
    question: str, text: str, reasked: bool
) -> None:
    """The figures' pick, from the slot a story shows, is the validation's own reply."""
    judged = judge(question, text, reasked, 30)
    slot = slot_of(question)
    turn = Turn({slot: judged.slots[slot]}, {slot: judged.slots[slot]}, text, "answer")

    picked = chosen(CHECKUP_MITI["validate_checkup_form"]).choose(turn)

    assert picked == (tuple(said.response for said in judged.say),)


def test_a_greeting_in_the_middle_of_a_check_up_is_welcomed_back_not_taken_as_the_answer() -> None:
    judged = judge("how", "hey", False, 30, greeting=True)
    turn = Turn({}, {"checkup_how": None}, "hey", "greet")

    assert (judged.slots, judged.stored) == ({"checkup_how": None}, None)
    assert [said.response for said in judged.say] == ["utter_checkup_welcome_back"]
    picked = chosen(CHECKUP_MITI["validate_checkup_form"]).choose(turn)
    assert picked == (("utter_checkup_welcome_back",),)


@pytest.mark.parametrize(
    ("slot", "text", "greeting"),
    [
        ("ruler_importance", "8", False),
        ("ruler_importance", "like a 5", False),
        ("ruler_importance", "1", False),
        ("ruler_importance_why", "my kids keep asking me to", False),
        ("ruler_importance_why", "idk", False),
        ("ruler_importance_why", "it just matters", False),
        ("ruler_confidence", "3", False),
        ("ruler_confidence_step", "if my friends didnt drink so much", False),
        ("ruler_confidence_step", "skip", False),
        ("ruler_confidence", "hey", True),
    ],
)
def test_the_rulers_map_picks_what_the_validation_says(
    slot: str, text: str, greeting: bool
) -> None:
    judged: dict[str, Any] = judge_rating(slot, text, False, greeting)
    said = replies(slot, judged[slot], greeting)
    turn = Turn(judged, judged, text, "greet" if greeting else "answer")

    assert chosen(RULERS_MITI["validate_rulers_form"]).choose(turn) == (tuple(said),)
    assert bool(said) == (judged[slot] not in {"__skipped__"} and text != "idk")
