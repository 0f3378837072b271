"""Whatever the person sends, the companion answers: no error, no repeat, 988 or 911."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from escalation.companion import follow_up, opening
from escalation.levels import Level, Screening
from tests.escalation.companion.conftest import (
    BYSTANDER,
    DEATH_WISH,
    NONE,
    OVERDOSE,
    OWN_OVERDOSE,
    SUICIDAL,
    WAIT,
)

SCREENINGS = st.sampled_from(
    [
        NONE,
        OVERDOSE,
        SUICIDAL,
        Screening(Level.EMERGENCY, ("suicide:means-at-hand",)),
        OWN_OVERDOSE,
        BYSTANDER,
        DEATH_WISH,
        Screening(Level.CRISIS, ("self-harm:act",)),
    ]
)
WORDS = st.sampled_from(
    [
        "ok",
        "idk",
        "no narcan",
        "911 called",
        "im safe",
        "my brother",
        "real person",
        "rehab",
        "where",
        "?",
        "ya respira",
        "no sé",
        "gracias",
        "thanks",
        "he's breathing",
        "nothing",
        "leave me alone",
        "why do you need to know",
        "should i leave before cops come",
        "his lips r kinda blue",
        "im getting sleepy",
        "ya estoy mejor",
        "i cut myself",
        "detox tonight",
        "my dads gun",
        "dejame en paz",
        "I WANT A REAL PERSON",
        "fine. walking i guess",
        "hes snoring",
        "they're here",
    ]
)
MESSAGES = st.one_of(st.text(), st.lists(WORDS, min_size=1, max_size=4).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(
    first=SCREENINGS,
    messages=st.lists(st.tuples(MESSAGES, SCREENINGS), min_size=1, max_size=8),
    language=st.sampled_from(["en", "es"]),
)
def test_follow_up_never_fails_never_repeats_and_keeps_988_or_911_close(
    first: Screening, messages: list[tuple[str, Screening]], language: str
) -> None:
    turn = opening(first, language=language, plan=(), wait=WAIT)
    state: dict[str, Any] | None = turn.state
    for text, screening in messages:
        previous = turn
        turn = follow_up(
            text,
            screening,
            state,
            language=language,
            plan=(),
            previous_reply=previous.texts[-1],
            wait=WAIT,
        )
        state = turn.state
        assert 1 <= len(turn.texts) <= 3
        assert set(turn.texts).isdisjoint(previous.texts)
        assert any("988" in text or "911" in text for text in turn.texts)
        if state["mode"] == "overdose":
            assert any("911" in text for text in turn.texts)
            assert turn.plan_line is None
        assert json.loads(json.dumps(state)) == state


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(),
    previous=st.one_of(st.none(), st.text()),
    state=st.dictionaries(st.text(), st.integers()),
)
def test_follow_up_of_any_text_and_any_state_is_safe(
    text: str, previous: str | None, state: dict[str, Any]
) -> None:
    turn = follow_up(text, NONE, state, language="en", plan=(), previous_reply=previous, wait=WAIT)

    assert previous not in turn.texts
    assert any("988" in reply or "911" in reply for reply in turn.texts)
