"""Whatever arrives, the screener answers with a level and short stable reasons."""

from __future__ import annotations

import re

import pytest

from escalation.levels import Level, Screening
from escalation.screening import screen

ODD_INPUTS = [
    "",
    " ",
    "\n\n\n",
    "💊",
    "😭😭😭🙏",
    "🔫🌉💊💊",
    "a" * 10_000,
    "i want to die " * 700,
    "\x00\x01\x02\x1b[31m\x7f",
    "\u200b\u200d\ufeff",
    "\ud800",
    "no sé qué hacer, quiero morir",
    "Я хочу умереть",
    "死にたい",
    "**** ??? !!! ...",
    "'''\"\"\"",
    "#5 @drug <stop> ~x !y",
    "od'd o.d. OD'ing ODd",
    "1" * 500 + "mg",
]
# A category or context id; the model's adds its score: "model:crisis-risk(0.87)".
REASON_ID = re.compile(r"^[a-z-]+:[a-z-]+(\([01]\.[0-9]{2}\))?$")


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_gets_a_level_never_an_exception(text: str) -> None:
    result = screen(text)

    assert (type(result), type(result.level)) == (Screening, Level)


@pytest.mark.parametrize(
    "text",
    [
        "my friend Jake is overdosing at 12 Elm St",
        "i want to die, call me on 555-0100",
        *ODD_INPUTS,
    ],
)
def test_reasons_are_short_stable_ids_never_the_message_text(text: str) -> None:
    reasons = screen(text).reasons

    assert [reason for reason in reasons if not REASON_ID.match(reason)] == []


def test_reasons_name_the_category_and_the_context_that_changed_it() -> None:
    assert screen("im not suicidal").reasons == ("suicide:ideation", "context:negated")


def test_a_message_with_no_risk_words_has_no_reasons() -> None:
    assert screen("see you at the meeting").reasons == ()


def test_the_same_message_always_gets_the_same_answer() -> None:
    text = "took 30 xans and i dont want to wake up"

    assert {screen(text) for _ in range(5)} == {screen(text)}
