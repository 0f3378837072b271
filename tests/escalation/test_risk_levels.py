"""Each level's phenomena, as people text them: the screener rates each example as labelled."""

from __future__ import annotations

import pytest

from escalation.screening import screen

EMERGENCY = [
    "my friend is overdosing",
    "i think im overdosin",
    "hes not breathing",
    "she wont wake up and her lips are blue",
    "took 30 xans",
    "just swallowed like 40 tylenol",
    "took a whole bottle of my sleeping pills",
    "i took 800mg of seroquel",
    "💊💊💊 took them all",
    "gave him narcan and hes still not responding",
    "going to kill myself tonight",
    "i want to die, i have a gun right here",
    "i tried to kill myself and theres blood everywhere",
    "im standing on the bridge",
    "this is goodbye",
    "did way too much dope and now i cant keep my eyes open",
    "hes choking me",
    "took a fistful of percs",
    "i swallowed 20 of my wife's oxys",
    "help my friend is blue",
    "im on the roof and im going to jump",
    "i have the rope ready and im doing it tonight",
    "i think i took too many of my sleeping pills",
    "gonna drive my car off the bridge tonight",
]
CRISIS = [
    "i want to die",
    "kms",
    "i want to unalive myself",
    "been having suicidal thoughts all week",
    "i dont want to live anymore",
    "no reason to live",
    "i dont want to wake up tomorrow",
    "i cant go on like this",
    "everyone would be better off without me",
    "how many pills would it take to die",
    "i cut myself again last night",
    "i want to hurt my dealer",
    "my boyfriend hits me when hes drunk",
    "he threatened to kill me",
    "gonna shoot up alone in my car",
    "drinking on my xans tonight",
    "no one would even notice if i was gone",
    "im afraid to go home hes going to hurt me",
    "i keep thinking everyone would be happier if i was gone",
    "i have thoughts of taking my life",
    "i deserve to die",
]
CONCERN = [
    "i relapsed last night",
    "used again after 60 days",
    "im craving so bad rn",
    "i feel hopeless",
    "got kicked out, sleeping in my car",
    "i missed my methadone dose",
    "ran out of subs",
    "can i talk to a real person",
    "i need a peer",
]
NONE = [
    "hi",
    "90 days clean today!",
    "took my meds",
    "i took 2 advil for my headache",
    "i take all my meds every morning",
    "going to a meeting tonight",
    "thanks for checking in",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_danger_to_life_now_is_an_emergency(text: str) -> None:
    assert screen(text).level.label == "emergency"


@pytest.mark.parametrize("text", CRISIS)
def test_suicidal_thoughts_self_harm_and_violence_are_a_crisis(text: str) -> None:
    assert screen(text).level.label == "crisis"


@pytest.mark.parametrize("text", CONCERN)
def test_return_to_use_cravings_housing_medication_and_asks_are_a_concern(text: str) -> None:
    assert screen(text).level.label == "concern"


@pytest.mark.parametrize("text", NONE)
def test_everyday_recovery_talk_is_no_risk(text: str) -> None:
    assert screen(text).level.label == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kms", "crisis"),
        ("i wanna die", "crisis"),
        ("gonna od tonight", "emergency"),
        ("i od'd on fent just now", "emergency"),
        ("she ODd in the bathroom", "emergency"),
        ("thinking about unaliving myself", "crisis"),
        ("idk if i want to be alive", "crisis"),
        ("im using alone rn", "crisis"),
        ("cant breath", "emergency"),
        ("my bf took a bunch of bars n drank", "emergency"),
    ],
)
def test_slang_and_abbreviations_are_understood(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I WANT TO DIE", "crisis"),
        ("i want to dieeeee", "crisis"),
        ("pleeease i wanna kill myselfff", "crisis"),
        ("i\u2019m suicidal", "crisis"),
        ("im suicdal", "crisis"),
        ("i want to kil myslef", "crisis"),
        ("he isnt breathin", "emergency"),
        ("im self-harming again", "crisis"),
        ("ok\ni want to die", "crisis"),
        ("i want to\u200b die", "crisis"),
    ],
)
def test_typos_capitals_and_odd_characters_are_normalised(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took 30 xans", "emergency"),
        ("took like 12 percs", "emergency"),
        ("popped a handful of pills", "emergency"),
        ("took all my pills", "emergency"),
        ("took 1000mg of my gabapentin at once", "emergency"),
        ("took 2 xans", "concern"),
        ("took my meds", "none"),
        ("took my 16mg of subs", "none"),
        ("took 30 minutes to get here", "none"),
    ],
)
def test_method_words_and_doses_predict_an_overdose(text: str, expected: str) -> None:
    assert screen(text).level.label == expected
