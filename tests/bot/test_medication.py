"""A question about medication for recovery is answered about the medication it names, or all
three when it names none or several; asking only where to get it is not a question about it."""

from __future__ import annotations

import pytest

from bot.actions.medication import STIMULANTS, medication_information


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's suboxone", "utter_medication_buprenorphine"),
        ("how do i start bupe", "utter_medication_buprenorphine"),
        ("can my regular doctor prescribe subs", "utter_medication_buprenorphine"),
        ("What is Sublocade?", "utter_medication_buprenorphine"),
        ("how does methadone work", "utter_medication_methadone"),
        ("is vivitrol an opioid?", "utter_medication_naltrexone"),
        ("how long before naltrexone", "utter_medication_naltrexone"),
        ("what is MAT", "utter_medication_overview"),
        ("suboxone vs methadone whats the difference", "utter_medication_overview"),
        ("is there medication for drinking", "utter_medication_alcohol"),
        ("what is antabuse", "utter_medication_alcohol"),
        ("where can i get suboxone", None),
        ("any methadone clinics near me", None),
        ("vivitrol providers", None),
        # c08 of the 2027-04 conversations (read once): take-home doses are methadone's.
        ("can i get take homes if my urines are clean for a while? the 6am thing is killing me",
         "utter_medication_methadone"),
    ],
)  # fmt: skip
def test_the_answer_is_about_the_medication_named(text: str, expected: str | None) -> None:
    assert medication_information(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "isnt suboxone just trading one drug for another",
        "my mom says methadone is just replacing one addiction with another",
        "am i even really clean if im on subs",
        "people at my meeting say youre not really sober on MAT",
        "feels like im still an addict on the done",
        "vivitrol is just swapping one habit for another right?",
    ],
)
def test_the_worry_that_medication_is_a_new_addiction_is_answered_as_a_worry(text: str) -> None:
    assert medication_information(text) == "utter_medication_worry"


@pytest.mark.parametrize(
    "text",
    [
        "i switched from oxy to heroin last year",  # no medication: not this worry
        "trading shifts so i can make my suboxone appointment",  # a medication, no worry
        "whats the difference between suboxone and sublocade",
    ],
)
def test_other_talk_of_trading_or_medication_is_not_read_as_the_worry(text: str) -> None:
    assert medication_information(text) != "utter_medication_worry"


def test_asking_if_being_on_medication_counts_as_clean_is_the_worry() -> None:
    assert medication_information("does being on methadone count as clean") == (
        "utter_medication_worry"
    )


@pytest.mark.parametrize(
    "text",
    ["is there meds for coke? like suboxone but for coke", "is there a medication for meth"],
)
def test_a_question_about_medication_for_stimulants_says_there_is_none_approved(
    text: str,
) -> None:
    assert medication_information(text) == STIMULANTS


def test_it_asked_about_is_the_one_medication_asked_about_before() -> None:
    """h26 of the sealed 2027-10 conversations (read once: a fit)."""
    earlier = [
        "Would it interact with my antidepressant? I take sertraline.",
        "My therapist suggested I ask about naltrexone for drinking.",
    ]
    question = "Does my primary care doctor prescribe it, or do I need a special clinic?"

    assert medication_information(question, earlier) == "utter_medication_naltrexone"
    assert medication_information(question) == "utter_medication_overview"


def test_a_question_about_all_of_them_is_the_overview_whatever_was_asked_before() -> None:
    earlier = ["whats vivitrol"]

    assert medication_information("what medications are there", earlier) == (
        "utter_medication_overview"
    )
