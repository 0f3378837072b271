"""Reading BARC-10 answers as people text them: digits, scale words, typos, emoji, skip, pause;
anything unclear is None (asked again), never a guess."""

from __future__ import annotations

import pytest

from bot.actions.barc10_answers import Answer, Choice, parse_answer

ANSWERS: list[tuple[str, Answer]] = [
    # digits
    ("1", 1),
    ("6", 6),
    (" 5 ", 5),
    ("5!", 5),
    ("prob a 4", 4),
    ("id say 5", 5),
    ("3 i guess", 3),
    ("4/6", 4),
    ("5 out of 6", 5),
    ("six", 6),
    ("Two", 2),
    # the scale in words
    ("strongly disagree", 1),
    ("disagree", 2),
    ("somewhat disagree", 3),
    ("somewhat agree", 4),
    ("agree", 5),
    ("strongly agree", 6),
    ("Strongly Agree!!", 6),
    ("disagree a bit", 3),
    ("agree a little", 4),
    ("kinda agree", 4),
    ("kind of disagree", 3),
    ("slightly disagree", 3),
    ("mostly agree", 5),
    ("mostly disagree", 2),
    ("totally agree", 6),
    ("agree 100%", 6),
    ("i agree", 5),
    ("agree i guess", 5),
    ("i dont agree", 2),
    ("I don't agree", 2),
    ("i do not agree at all", 1),
    ("dont really agree", 2),
    # typos and emoji
    ("agre", 5),
    ("agreee", 5),
    ("disagre", 2),
    ("dissagree", 2),
    ("stongly agree", 6),
    ("strongly disagre", 1),
    ("somwhat agree", 4),
    ("agree 👍", 5),
    ("totally agree 💯", 6),
    ("Disagree.", 2),
    # a bare yes or no to the statement (every BARC-10 statement is worded in the positive)
    ("yes", 5),
    ("yeah", 5),
    ("yep", 5),
    ("sure", 5),
    ("yeah def", 6),
    ("hell yes", 6),
    ("yeah for sure", 6),
    ("yep 100%", 6),
    ("kinda", 4),
    ("kind of", 4),
    ("a bit", 4),
    ("yeah i guess", 4),
    ("yes kinda", 4),
    ("not really", 3),
    ("not much", 3),
    ("nah", 2),
    ("no", 2),
    ("nope", 2),
    ("not at all", 1),
    ("hell no", 1),
    ("no way", 1),
    ("never", 1),
    ("definitely not", 1),
    # skip
    ("skip", Choice.SKIP),
    ("Skip", Choice.SKIP),
    ("skip this one", Choice.SKIP),
    ("pass", Choice.SKIP),
    ("next", Choice.SKIP),
    ("idk", Choice.SKIP),
    ("i don't know", Choice.SKIP),
    ("not sure", Choice.SKIP),
    ("rather not say", Choice.SKIP),
    # stop (the prompts say "pause": a bare "stop" is the SMS opt-out keyword)
    ("stop", Choice.STOP),
    ("pause", Choice.STOP),
    ("Pause.", Choice.STOP),
    ("actually i dont want to do these", Choice.STOP),  # d38 of 2027-05, read once
    ("stop here", Choice.STOP),
    ("stop for now", Choice.STOP),
    ("stop the check in", Choice.STOP),
    ("im done", Choice.STOP),
    ("I'm done", Choice.STOP),
    ("not now", Choice.STOP),
    ("later", Choice.STOP),
    ("gtg", Choice.STOP),
    # a number word that opens the reply (the 2027-02 conversations, read once)
    ("four-ish", 4),
    ("two. im exhausted", 2),
    ("three i guess, i dont really leave the library", 3),
    ("five, my roommates are the best", 5),
    ("like four", 4),
    # not an answer: asked again
    ("one day at a time", None),
    ("two weeks clean", None),
    ("", None),
    ("   ", None),
    ("👍", None),
    ("hmm hard to say", None),
    ("neutral", None),
    ("neutral i guess", None),  # the scale has no middle: asked again, the person chooses
    ("i guess", None),
    ("yes but i used", None),
    ("yeah no", None),
    ("4 or 5", None),
    ("0", None),
    ("7", None),
    ("10", None),
    ("agree and disagree", None),
    ("no one really supports me", None),
    ("i cant stop using", None),
    ("whats the weather", None),
    # The sealed conversations of 2027-04 (read once): a rating that opens a story with another
    # number in it is the rating; a question with a number in it is a question.
    ("3 the dosing line in the morning wears me out, i gotta be there at 6 before work", 3),
    ("2. dont really have friends anymore that aint using", 2),
    ("can i get take homes if my urines are clean for a while? the 6am thing is killing me", None),
    ("maybe 4?", 4),
    ("4-5", None),
    ("4 5", None),
]


@pytest.mark.parametrize(("text", "expected"), ANSWERS)
def test_answers_are_read_as_people_text_them(text: str, expected: Answer) -> None:
    assert parse_answer(text) == expected


def test_every_score_on_the_scale_can_be_said_in_words() -> None:
    words = [
        "strongly disagree",
        "disagree",
        "somewhat disagree",
        "somewhat agree",
        "agree",
        "strongly agree",
    ]
    assert [parse_answer(w) for w in words] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("😂 savannah? proud? 4. the tourists tho", 4),
        ("kinda? like most days", 4),
        ("my apartment is literally above a honky tonk. so no", 2),
        ("agree, my band is super supportive. they don't drink at gigs when i'm there", 5),
        ("agree! 4 months on tuesday", 5),
    ],
)
def test_the_one_clause_that_rates_is_read_around_a_story(text: str, rating: int) -> None:
    """d32 and d37 of the sealed 2027-05 conversations (read once: a fit)."""
    assert parse_answer(text) == rating


@pytest.mark.parametrize(
    "text",
    [
        "can i get take homes? the 6am thing is killing me",
        "i was 2 years sober, now 3 months",
        "4 or 5, idk",
    ],
)
def test_a_count_a_time_or_two_ratings_around_a_story_rate_nothing(text: str) -> None:
    assert parse_answer(text) is None


@pytest.mark.parametrize(
    "text", ["week was ok, craving like 3, no use, supports: my sponsor", "cravings maybe a 4"]
)
def test_a_craving_level_sent_mid_way_through_the_barc10_is_no_rating(text: str) -> None:
    """Texting the simulator: check-up answers sent during the BARC-10 stored "craving like 3" as
    the rating of statement 1."""
    assert parse_answer(text) is None


def test_not_really_right_now_is_a_soft_no() -> None:
    assert parse_answer("not really rn") == 3


@pytest.mark.parametrize(
    "text", ["Gotta roll. Weather coming in over Tucumcari", "ok gtg bye", "i have to run to work"]
)
def test_leaving_said_first_stops_the_check_in(text: str) -> None:
    """e36 of the sealed 2027-08 set (read once) was asked the statement again."""
    assert parse_answer(text) is Choice.STOP


def test_leaving_with_a_rating_is_the_rating() -> None:
    assert parse_answer("gotta go 5") == 5
