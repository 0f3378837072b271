"""Risk frames (escalation/frames.yml): risk read by its structure, through the same context rules
as the lexicon. The rules alone are screened here (no model), so each level is the frames' own."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation.frames import load_frames
from escalation.levels import Level
from escalation.lexicon import LexiconError, load_lexicon
from escalation.screener import LexiconScreener

RULES = LexiconScreener(load_lexicon())


def level(text: str) -> Level:
    return RULES(text).level


@pytest.mark.parametrize(
    "text",
    [
        "i should just overdose",
        "i might od on purpose",
        "ill take all my meds at once and be done",
        "might as well down the whole bottle of xans",
        "gonna eat my whole script of seroquel",
        "i keep thinking about taking all my pills",
        "wish the od in march had finished the job",
        "i have enough pills saved to do it",
        "got my dads gun in my room",
        "every morning im disappointed i woke up",
        "dont plan on seeing christmas this year",
        "my family would be richer and happier with me gone",
        "i want to not wake up",
    ],
)
def test_intent_means_and_finality_in_everyday_grammar_are_a_crisis(text: str) -> None:
    assert level(text) >= Level.CRISIS


def test_an_intent_frame_with_the_moment_named_is_an_emergency() -> None:
    assert level("i could just take all my pills tonight") is Level.EMERGENCY


def test_a_frame_never_hides_the_emergency_of_a_lexicon_phrase_inside_it() -> None:
    assert level("im going to take them all") is Level.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "im not going to kill myself",
        "i could kill for a burger",
        "i need to finish this tonight",
        "what happens if you take all your pills",
        "5 years ago i wanted to end it all, now i sponsor people",
        "i take all my meds at 8 every morning",
        "my brother bought a gun for hunting season",
    ],
)
def test_negation_hyperbole_questions_the_past_and_others_keep_a_frame_below_crisis(
    text: str,
) -> None:
    assert level(text) < Level.CRISIS


def test_a_film_about_someone_else_is_read_as_a_quotation() -> None:
    screening = RULES(
        "reading a memoir by a guy who survived jumping off a bridge, he does talks now"
    )
    assert screening.level is Level.NONE
    assert "context:quotation" in screening.reasons


def test_the_texters_own_words_after_a_song_keep_their_level() -> None:
    assert level("this song makes me want to kill myself") >= Level.CRISIS


def test_someone_else_saying_it_in_a_frame_is_a_concern() -> None:
    assert level("my roommate says hes going to kill himself") is Level.CONCERN


def test_a_frame_naming_a_slot_that_does_not_exist_fails_loudly(tmp_path: Path) -> None:
    broken = tmp_path / "frames.yml"
    broken.write_text(
        "version: 1\nslots: {intent: ['want to']}\n"
        "frames: [{id: 'frame:x', slots: [intent, act], level: crisis, rationale: r}]\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="frame:x"):
        load_frames(broken)


def test_each_frame_becomes_one_category_with_every_combination_of_its_slots(
    tmp_path: Path,
) -> None:
    frames = tmp_path / "frames.yml"
    frames.write_text(
        "version: 1\nslots: {a: ['want to', 'going to'], b: ['x', 'y', 'z']}\n"
        "frames: [{id: 'frame:ab', slots: [a, b], level: crisis, rationale: r}]\n",
        encoding="utf-8",
    )
    (category,) = load_frames(frames)
    assert category.id == "frame:ab"
    assert len(category.patterns) == 6
    assert "going to y" in category.patterns


def test_thinking_of_taking_all_the_pills_is_a_crisis_not_an_overdose_taken() -> None:
    assert level("honestly been thinkin about taking all my seroquel tn") is Level.CRISIS


def test_thinking_of_it_with_the_pills_right_there_is_an_emergency() -> None:
    text = "im thinking about taking all my pills and the bottle is right here"
    assert level(text) is Level.EMERGENCY


def test_the_overdose_taken_stays_an_emergency_whatever_is_thought_of_after_it() -> None:
    assert level("i took all my pills and im thinking about calling my mom") is Level.EMERGENCY


def test_being_worn_out_by_all_of_it_is_a_concern() -> None:
    assert level("idk man im just so tired of all of it") is Level.CONCERN


@pytest.mark.parametrize(
    "text",
    [
        "im ending it",
        "I am ending things.",
        "im ending everything",
        "ill make sure i dont wake up",
        "i picked the day",
        "i know which night. i know how",
    ],
)
def test_ending_it_now_making_sure_and_a_day_chosen_are_a_crisis(text: str) -> None:
    assert level(text) == Level.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "im ending it with my girlfriend",
        "im ending things with my sponsor",
        "im not ending it, dont worry",
        "i picked the date for the wedding",
        "we set the date for the party",
        "i know what day it is lol",
    ],
)
def test_ending_a_relationship_negated_ending_and_an_ordinary_date_are_not_a_crisis(
    text: str,
) -> None:
    assert level(text) < Level.CRISIS


def test_ending_it_now_with_the_moment_named_is_an_emergency() -> None:
    assert level("im ending it tonight, the pills are right here") == Level.EMERGENCY
