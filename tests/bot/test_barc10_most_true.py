"""The answer to the BARC-10's closing question: a statement named by number or words is said
back as a strength; a correction or a story is not taken for a choice."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import yaml

from bot.actions.barc10_most_true import (
    STATEMENTS,
    asked_after_barc10,
    asked_which_statement,
    said_back,
    statement_chosen,
)
from bot.actions.barc10_reflection import reflection
from bot.actions.context_reply import HEARD_SUPPORT, Said, reply_for
from warmline.engine_env import BOT_DIR
from warmline.replay_figures import GENERIC

NOW = datetime(2027, 5, 3, tzinfo=UTC)


def responses() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in sorted((BOT_DIR / "domain").glob("*.yml")):
        found |= yaml.safe_load(path.read_text()).get("responses", {})
    return found


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("5", 5),  # c32 of the 2027-04 conversations (read once) got "I'm not sure I followed"
        ("number 7", 7),
        ("#10", 10),
        ("the community one", 4),
        ("prob the friends one tbh", 5),
        ("i have the energy now, first time in years", 3),
        ("10. im making progress for real", 10),
    ],
)
def test_a_statement_named_by_number_or_words_is_chosen(text: str, item: int) -> None:
    assert statement_chosen(text) == item


@pytest.mark.parametrize(
    "text",
    [
        "oh wait the 2 was for the community one, thats right",  # c29 of 2027-04: a correction
        "the living space one should be 2 not 3, landlord is trying to evict us",
        "idk all of them kinda",
        "5 of 10 maybe",
    ],
)
def test_a_correction_or_no_single_statement_is_not_a_choice(text: str) -> None:
    assert statement_chosen(text) is None


def closing_question() -> str:
    return reflection(50, None, None, NOW, dict.fromkeys(range(1, 11), 5))


def test_every_finish_ends_on_a_question_its_answer_is_read_after() -> None:
    scores = dict.fromkeys(range(1, 11), 5)
    assert asked_which_statement(closing_question())
    for previous in (40, 50, 60):
        then = datetime(2027, 4, 1, tzinfo=UTC)
        assert asked_after_barc10(reflection(50, previous, then, NOW, scores))


def test_the_statement_is_said_back_in_the_assistants_words() -> None:
    found = responses()
    assert reply_for("answer", "5", Said(closing_question(), found)) == "utter_barc10_most_true"
    assert said_back("5") == STATEMENTS[5][1]
    assert all("{statement}" in v["text"] for v in found["utter_barc10_most_true"])


def test_a_story_in_answer_to_the_closing_question_is_heard_not_missed() -> None:
    said = Said(closing_question(), responses())
    both = "the friends and the community ones both"
    assert reply_for("nlu_fallback", both, said) == HEARD_SUPPORT  # friends: what helps
    assert reply_for("nlu_fallback", "idk its a lot this week honestly", said) not in GENERIC


def test_what_follows_the_statement_said_back_is_heard() -> None:
    """Texting the simulator: "the friends one" after "What makes it feel true for you?" got
    "I'm not sure I followed"."""
    found = responses()
    told_back = str(found["utter_barc10_most_true"][0]["text"]).format(statement=STATEMENTS[3][1])
    assert reply_for("nlu_fallback", "the friends one", Said(told_back, found)) not in GENERIC
