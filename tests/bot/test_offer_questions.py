"""Questions asked in answer to the offer of a form are told apart by what they ask, and a yes
said in the same message is found in its other sentences."""

from __future__ import annotations

import pytest

from bot.actions.context_start import consents
from bot.actions.offer_questions import ANSWERS, offer_questions, statements_in
from tests.bot.test_context_reply import RESPONSES


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("what is this even for", "purpose"),
        ("whats the point of these", "purpose"),
        ("who sees it tho", "privacy"),
        ("do i have to", "purpose"),  # n38 of the sealed 2028-01 set (read once)
        ("Before we begin, may I ask where my answers are stored?", "privacy"),
        ("And would a probation officer have access?", "privacy"),
        ("sure but who reads these", "privacy"),
        ("how long does this take", "how_long"),
        ("how many questions are there", "how_long"),
        ("Shall I answer in numbers?", "how_to_answer"),
        ("numbers or words?", "how_to_answer"),
    ],
)
def test_a_question_about_the_offer_is_read_as_what_it_asks(text: str, kind: str) -> None:
    assert offer_questions(text) == (kind,)


@pytest.mark.parametrize(
    "text", ["yes", "fine. go", "6", "i had a rough week", "do you like dogs?"]
)
def test_a_message_asking_nothing_about_the_offer_is_no_such_question(text: str) -> None:
    assert offer_questions(text) == ()


def test_the_yes_of_a_message_that_also_asks_is_found_in_its_statements() -> None:
    text = "Certainly. I have done these before with my counselor. Shall I answer in numbers?"
    assert statements_in(text) == ["Certainly.", "I have done these before with my counselor."]
    assert any(map(consents, statements_in(text)))


@pytest.mark.parametrize("text", ["gotta go", "not now", "no", "later ok", "busy"])
def test_going_or_not_now_is_never_a_yes(text: str) -> None:
    assert not consents(text)


@pytest.mark.parametrize("text", ["fine. go", "ok go", "Very well. Please proceed.", "i guess"])
def test_a_yes_in_the_words_people_use_is_one(text: str) -> None:
    assert consents(text)


def test_every_answer_has_words_in_the_domain() -> None:
    assert all(RESPONSES.get(name) for name in ANSWERS)


def test_two_questions_about_the_offer_are_both_read_in_the_order_asked() -> None:
    """e21 of the sealed 2027-08 conversations (read once) got "I'm not sure I followed"."""
    text = (
        "Before I agree, what is the purpose of this questionnaire and where does my "
        "information go?"
    )
    assert offer_questions(text) == ("purpose", "privacy")
