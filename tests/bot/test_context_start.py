"""A yes the engine missed to the assistant's own "want to go through it now?" starts the form;
a no, a question, or something else does not (the sealed conversations of 2027-02, read once)."""

from __future__ import annotations

import pytest

from bot.actions.context_start import form_declined, form_to_start

BARC10, CHECKUP = "utter_barc10_permission", "utter_checkup_permission"


@pytest.mark.parametrize(
    ("text", "last", "started"),
    [
        ("nows fine i guess", BARC10, "barc10_form"),
        ("fine whatever. 4", BARC10, "barc10_form"),
        ("5 or 6", BARC10, "barc10_form"),
        ("Agree", "utter_barc10_permission_again", "barc10_form"),
        ("ok go ahead", CHECKUP, "checkup_form"),
        ("can we make it quick? kids have practice", CHECKUP, "checkup_form"),
        ("i guess", CHECKUP, "checkup_form"),  # c13 of 2027-04, read once
        ("yes. can i just give you all ten at once", BARC10, "barc10_form"),  # c29 of 2027-04
        ("can we make it quick? not now tho", CHECKUP, None),
        ("again??", BARC10, None),
        ("not now, im at work", BARC10, None),
        ("why do you need to know all this", BARC10, None),
        ("i feel like crap today", BARC10, None),
        ("fine whatever. 4", "utter_feeling_low", None),
    ],
)
def test_a_yes_to_the_offer_said_last_starts_its_form(
    text: str, last: str, started: str | None
) -> None:
    assert form_to_start(text, last, (last,)) == started


def test_doing_it_a_few_messages_after_the_offer_starts_it_but_a_bare_ok_does_not() -> None:
    later = "Ok. I'll do your questions while I wait."
    assert form_to_start(later, None, (BARC10,)) == "barc10_form"
    assert form_to_start("ok", None, (BARC10,)) is None
    assert form_to_start(later, None, ()) is None


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("can we skip the questions today", "utter_checkup_rescheduled"),  # d21, 2027-05
        ("not feeling the questions rn", "utter_checkup_rescheduled"),
        ("skip it today", "utter_checkup_rescheduled"),
    ],
)
def test_a_no_in_words_of_skipping_it_is_taken_as_a_no_to_the_offer(text: str, after: str) -> None:
    assert form_declined(text, "utter_checkup_permission") == after
    assert form_declined(text, "utter_barc10_permission") == "utter_barc10_declined"


@pytest.mark.parametrize("text", ["i skipped a meeting", "i want to skip meetings", "sure"])
def test_skipping_something_else_is_no_answer_to_the_offer(text: str) -> None:
    assert form_declined(text, "utter_checkup_permission") is None
