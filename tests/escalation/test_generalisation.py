"""Version 3 of the lexicon: new wording of the same risks is caught, by class, and the
safety net lifts weak signals named together, while everyday recovery talk stays calm.
The sentences are written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from escalation.screening import default_screener, screen


@pytest.mark.parametrize(
    "text",
    [
        "swallowed roughly 35 of my sleep meds a while ago",
        "took at least 25 of my zoloft",
        "downed approx forty of the tablets",
        "took the rest of my seroquel",
        "chugged half a bottle of bleach",
    ],
)
def test_hedged_counts_whole_supplies_and_poisons_are_an_overdose_now(text: str) -> None:
    assert screen(text).level.label == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "the noose is hanging from the rafter",
        "belt tied to the door hinge and the closet rod",
        "engine idling inside the shut garage, im in the car",
        "pressing the razor against my wrist now",
        "the xans are all counted out on the nightstand",
    ],
)
def test_means_set_up_and_at_hand_is_an_emergency(text: str) -> None:
    assert screen(text).level.label == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "my cousin has froth around his mouth",
        "she hasnt stirred in about half an hour",
        "found my uncle limp on the couch",
        "wrists are sliced wide open",
        "did a rail and my heart is pounding so hard",
    ],
)
def test_described_signs_of_an_overdose_or_wound_are_an_emergency(text: str) -> None:
    assert screen(text).level.label == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "i just want to stop existing",
        "feel like such a burden to my family",
        "hoping the next bag finishes me",
        "i want to vanish and never come back",
        "i keep imagining my own funeral",
        "handing my tools and my records away this week",
        "my dog needs a new home, can you help",
    ],
)
def test_indirect_warning_signs_are_a_crisis(text: str) -> None:
    assert screen(text).level >= screen("i want to kill myself").level


@pytest.mark.parametrize(
    "text",
    [
        "he threw a bottle at my head",
        "landlord says i can keep the room if i sleep with him",
        "my stepbrother sneaks into my bedroom at night",
        "going to shoot up behind the laundromat, alone",
    ],
)
def test_being_harmed_and_using_alone_in_new_words_are_a_crisis(text: str) -> None:
    assert screen(text).level.label == "crisis"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quiero morirme", "crisis"),
        ("la verdad no quiero vivir mas", "crisis"),
        ("no quiero morir, quiero mejorar", "none"),
        ("mi hermano no respira", "emergency"),
    ],
)
def test_spanish_and_accents_are_read_by_meaning(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("the rope is in the shed. thank you for trying with me", "goodbye-with-means"),
        ("so done with everything. the gun is in the drawer", "distress-with-means"),
        ("im going to get high tonight, no one with me", "using-alone"),
        ("she did a shot of dope and now shes lifeless", "collapse-after-using"),
        ("ill be gone after friday. please forgive me", "goodbye-with-absence"),
    ],
)
def test_weak_signals_named_together_are_caught_by_the_safety_net(text: str, rule: str) -> None:
    # Each text is worded so that no lexicon category rates it crisis on its own: the net's
    # reason is given only when the net is what lifted the text (rating.rate_text).
    screening = screen(text)

    assert screening.level.label in ("crisis", "emergency")
    assert f"safety-net:{rule}" in screening.reasons


@pytest.mark.parametrize(
    "text",
    [
        "gave away my old coats to the goodwill drive",
        "wrote amends letters to my family for step nine",
        "thanks for everything today, see you at group",
        "my tomatoes are dying, forgot to water them",
        "the rain is pouring here",
        "took my meds this morning as usual",
        "i dont want to disappear, i want to get better",
    ],
)
def test_everyday_recovery_talk_stays_below_crisis(text: str) -> None:
    # The rules' reading; the risk model may still raise one (README: accepted false alarms).
    assert default_screener().rules(text).level.label in ("none", "concern")
