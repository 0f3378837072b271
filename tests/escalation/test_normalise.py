"""Text as people send it becomes text as the lexicon is written."""

from __future__ import annotations

import pytest

from escalation.lexicon import load_lexicon
from escalation.matching import vocabulary
from escalation.normalise import Normaliser

LEXICON = load_lexicon()
NORMALISE = Normaliser(LEXICON.spellings, vocabulary(LEXICON))


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("I\u2019m gonna OD tonight", "im going to overdose tonight"),
        ("she ODd, that's odd", "she overdosed, thats odd"),
        ("i od'd in 2019", "i overdosed in 2019"),
        ("cant breath", "cant breathe"),
        ("pleeease i wanna dieeee", "please i want to die"),
        ("killlll myself", "kill myself"),
        ("im dyin", "im dying"),
        ("took 800mg", "took 800 mg"),
        ("💊💊 rn", "pills pills right now"),
        ("self-harm", "self harm"),
        ("kms", "kill myself"),
        ("ok\nbye", "ok . bye"),
        ("he\u200bllo\x00world", "hello world"),
        ("*cuts* \\bloodlet\\", "cuts bloodlet"),
    ],
)
def test_sms_spelling_becomes_the_lexicons_spelling(sent: str, expected: str) -> None:
    assert NORMALISE(sent) == expected
