"""The structure grammar (escalation/generation.yml) writes labelled messages the same way every
time, from every scene, and the screener reads each scene as labelled at least as well as when
the grammar was written (a fit: the same hand wrote the rules and the grammar)."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation.evaluation.generated import generated_examples, read_as_labelled
from escalation.generation import generate, load_grammar
from escalation.levels import Level
from escalation.lexicon import LexiconError, load_lexicon
from escalation.model.train import TrainingConfig, generated_training
from escalation.screener import LexiconScreener
from escalation.screening import screen

LEXICON = load_lexicon()
GRAMMAR = load_grammar()

# Each scene's share read as labelled on the report's draw (seed 2026, 200 a scene) when the
# grammar was written (2026-12-05), less about a message: a change to the rules that reads
# the structure worse fails here. Raise a floor when the rules improve; never lower one.
FLOORS = {
    "intent-now": 0.97,
    "finality": 0.98,
    "plan-with-means-now": 0.98,
    "attempt-under-way": 0.99,
    "someone-unresponsive": 0.99,
    "someone-else-talks-of-it": 0.97,
    "concern-now": 0.95,
    "negated": 0.98,
    "long-past": 0.96,
    "question-about-nobody": 0.76,
    "quotation": 0.99,
    "hyperbole": 0.95,
    "ordinary": 0.99,
}


def test_the_same_seed_writes_the_same_messages_and_another_seed_others() -> None:
    first = generate(LEXICON, GRAMMAR, 20, seed=1)
    again = generate(LEXICON, GRAMMAR, 20, seed=1)
    other = generate(LEXICON, GRAMMAR, 20, seed=2)

    assert (first == again, first == other) == (True, False)


def test_every_scene_writes_messages_with_its_level_and_no_slot_left_unfilled() -> None:
    drawn = generate(LEXICON, GRAMMAR, 30, seed=3)

    assert {item.scene for item in drawn} == {scene.id for scene in GRAMMAR.scenes}
    assert not [item.text for item in drawn if "{" in item.text or "}" in item.text]
    levels = {scene.id: scene.level for scene in GRAMMAR.scenes}
    assert all(item.level is levels[item.scene] for item in drawn)


def test_a_slot_that_names_nothing_is_refused_when_writing(tmp_path: Path) -> None:
    path = tmp_path / "generation.yml"
    path.write_text(
        "version: 1\nslots: {a: ['{missing}']}\n"
        "scenes: [{id: s, level: none, templates: ['{a}']}]\n"
    )

    with pytest.raises(LexiconError, match="missing"):
        generate(LEXICON, load_grammar(path), 1, seed=0)


def test_the_model_trains_on_generated_messages_only_when_its_config_asks() -> None:
    assert generated_training(LEXICON, TrainingConfig()) == []
    drawn = generated_training(LEXICON, TrainingConfig(generated_per_scene=5))
    assert {item.level for item in drawn} == set(Level)


def test_every_scene_is_read_as_labelled_at_least_as_well_as_when_the_grammar_was_written() -> None:
    drawn = generated_examples()
    shares = {}
    for scene in FLOORS:
        mine = [item for item in drawn if item.scene == scene]
        read = sum(read_as_labelled(screen(item.text).level, item.level) for item in mine)
        shares[scene] = read / len(mine)

    assert {scene: share for scene, share in shares.items() if share < FLOORS[scene]} == {}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i want to die for real", Level.CRISIS),
        ("this cake is to die for", Level.NONE),
        ("i used to think about killing myself every day. today i planted tomatoes", Level.NONE),
        ("i think about killing myself every day", Level.CRISIS),
        ("i dont see myself making it to next week", Level.CRISIS),
        ("i said my goodbyes today", Level.CRISIS),
        ("got the blade ready", Level.CRISIS),
        ("i might take everything i have left", Level.CRISIS),
        ("i dont see myself making it to the meeting on time", Level.NONE),
    ],
)
def test_what_the_grammar_found_is_read_by_the_rules(text: str, level: Level) -> None:
    assert screen(text).level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("by the time you read this ill be gone", Level.EMERGENCY),
        ("by the time you read this i'll be at the meeting lol", Level.NONE),
        (
            "my brother keeps saying he wants to kill himself and now hes not answering",
            Level.EMERGENCY,
        ),
        ("my friend keeps talking about killing himself", Level.CONCERN),
        ("my mom isnt answering her phone, prob at work", Level.NONE),
    ],
)
def test_someone_who_said_it_and_cannot_be_reached_is_an_emergency_and_a_plan_for_the_day_is_not(
    text: str, level: Level
) -> None:
    assert screen(text).level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ugh man cant stop thinking about overdosing", Level.CRISIS),
        ("idk man relapsed on crystal this weekend", Level.CONCERN),
        ("my man relapsed last night", Level.NONE),
        ("this dude at my meeting keeps talking about killing himself", Level.CONCERN),
    ],
)
def test_a_word_that_addresses_the_reader_does_not_make_the_texter_someone_else(
    text: str, level: Level
) -> None:
    assert screen(text).level is level


@pytest.mark.parametrize(
    "text",
    [
        "im not going to overdose on purpose, dont worry",
        "not gonna go to sleep and never wake up, just had a long day",
        "im not going to take all my pills, dont worry",
    ],
)
def test_a_negation_covers_the_whole_phrase_it_negates(text: str) -> None:
    assert screen(text).level < Level.CRISIS


def test_a_negated_phrase_does_not_hide_a_present_one_beside_it() -> None:
    assert screen("i dont want to live, i want to overdose on purpose").level >= Level.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "i feel like a failure at everything",
        "drank a six pack after work",
        "used a little, just once",
        "been white knuckling it all day",
        "i keep driving past the liquor store",
        "shelter was full so im on the street tonight",
    ],
)
def test_setbacks_said_plainly_are_a_concern(text: str) -> None:
    assert screen(text).level is Level.CONCERN


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i cant get my mind off dying", Level.CRISIS),
        ("all i want is to use until my heart stops", Level.CRISIS),
        ("the percocets are right here and im doing it when my shift ends", Level.EMERGENCY),
    ],
)
def test_thoughts_wishes_and_resolve_in_other_words_are_read(text: str, level: Level) -> None:
    assert screen(text).level is level


def test_hair_dye_is_not_dying_to_the_rules() -> None:
    # The rules alone: the model's own vote on this sentence is a known false alarm (0.80).
    assert LexiconScreener(LEXICON)("i keep thinking about dying my hair blue").level is Level.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("how do you help someone who wants to take all her xannies", Level.NONE),
        ("step dad said if i tell anyone hell hurt my little brother", Level.CRISIS),
        ("someone just took all her pills and isnt breathing", Level.EMERGENCY),
    ],
)
def test_her_after_someone_is_nobody_in_particular_and_my_is_still_the_texter(
    text: str, level: Level
) -> None:
    assert screen(text).level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("no estoy pensando en hacerme daño, solo necesitaba desahogarme", Level.NONE),
        ("nunca me voy a matar, tranquila", Level.NONE),
        ("no se si puedo seguir asi", Level.CONCERN),
        ("no quiero vivir", Level.CRISIS),
        ("estoy pensando en hacerme daño", Level.CRISIS),
    ],
)
def test_spanish_negation_lowers_only_what_it_negates(text: str, level: Level) -> None:
    assert screen(text).level is level


@pytest.mark.parametrize(
    "text",
    [
        "i'm at the lake. pockets full of rocks. cold",
        "my wrists are bleeding",
        "my daughter took a handful of something from my cabinet, she's really sleepy and slurring",
    ],
)
def test_danger_now_in_a_scene_is_an_emergency(text: str) -> None:
    assert screen(text).level is Level.EMERGENCY


def test_a_handful_of_vitamins_is_nothing_to_the_rules() -> None:
    # The rules alone: the model gives this a weak vote (concern, 0.50), which is its own to give.
    rules = LexiconScreener(LEXICON)
    assert rules("i took a handful of vitamins this morning").level is Level.NONE
