"""The custom actions follow the MITI convention (bot/actions/miti.py): what they write carries
its code in the message's metadata, and every `MITI` map names real codes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.barc10 import MITI as BARC10_MITI
from bot.actions.barc10 import ActionBarc10Finish
from bot.actions.barc10_reflection import PAUSED, PAUSED_TAG, reflection, reflection_tag
from bot.actions.greet import GREETING_TAGS
from bot.actions.greet import MITI as GREET_MITI
from bot.actions.miti import Tag, tag
from warmline.mi_read import codes_of, load_actions

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
    for runs in actions.values():
        for run in runs:
            for message in run:
                assert isinstance(message, str) or codes_of(message) is not None, message


@pytest.mark.parametrize(("text", "metadata"), GREETING_TAGS.items())
def test_each_greeting_is_an_open_question(text: str, metadata: Tag) -> None:
    assert text.endswith("?")
    assert codes_of(metadata) is not None
    assert "open_question" in (codes_of(metadata) or ())


@pytest.mark.parametrize(
    ("total", "previous", "previous_at", "reflects"),
    [
        (40, None, None, None),
        (None, 38, MARCH, None),
        (44, 38, MARCH, "simple_reflection"),  # the change in their own ratings, said back
        (38, 38, MARCH, "simple_reflection"),
        (30, 38, MARCH, "complex_reflection"),  # "may have felt harder": a guess at meaning
    ],
)
def test_the_reflection_after_barc10_is_coded_as_it_is_said(
    total: int | None, previous: int | None, previous_at: datetime | None, reflects: str | None
) -> None:
    text = reflection(total, previous, previous_at, NOW)
    codes = codes_of(reflection_tag(total, previous, previous_at)) or ()

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
