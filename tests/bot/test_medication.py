"""A question about medication for recovery is answered about the medication it names, or all
three when it names none or several; asking only where to get it is not a question about it."""

from __future__ import annotations

import pytest

from bot.actions.medication import medication_information


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
    ],
)
def test_the_answer_is_about_the_medication_named(text: str, expected: str | None) -> None:
    assert medication_information(text) == expected
