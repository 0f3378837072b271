"""Questions that ask what the assistant thinks are answered for what they ask: doubt with the
person's own evidence, a choice handed back with its autonomy, how to say something hard with
the information asked for; questions of any other kind are left to the other readings."""

from __future__ import annotations

import pytest

from bot.actions.context_reply import COMMIT_ASK, COMMIT_PLAN, STILL_HERE, Said, reply_for
from bot.actions.opinion import CHOICE, DOUBT, HARD_TALK, RESPONSES, opinion_asked
from bot.actions.questions import COUNTERFEIT_PILLS, asks_about_counterfeit_pills
from tests.bot.test_context_reply import RESPONSES as DOMAIN
from tests.bot.test_context_reply import first


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("do you think i can actually do it again? starting over feels impossible", DOUBT),
        ("you think i can actually pull this off?", DOUBT),
        ("do you think ill actually stay on it? ive quit everything i ever started", DOUBT),
        ("will i ever feel normal again", DOUBT),
        ("also should i tell my home group or just quietly reset", CHOICE),
        ("what would you do if you were me? fr", CHOICE),
        ("Do you think I should go to the meeting or not", CHOICE),
        ("How do I bring it up with my son without him shutting down?", HARD_TALK),
        ("how do i even bring it up without it turning into a fight", HARD_TALK),
    ],
)
def test_a_question_asking_what_the_assistant_thinks_is_answered_for_what_it_asks(
    text: str, response: str
) -> None:
    assert opinion_asked(text) == response
    assert reply_for("nlu_fallback", text, Said("", DOMAIN)) == response


@pytest.mark.parametrize(
    "text",
    ["do you think 90 days means the worst part is over", "should i carry narcan too?",
     "what time is the meeting", "how do i get on suboxone", "i think i can do it"],
)  # fmt: skip
def test_other_questions_are_left_to_the_other_readings(text: str) -> None:
    assert opinion_asked(text) is None


def test_every_answer_is_in_the_domain_with_its_codes() -> None:
    for response in (*RESPONSES, COMMIT_PLAN, STILL_HERE):
        assert DOMAIN[response], response
        assert all(variation["metadata"]["miti"] for variation in DOMAIN[response])


def test_how_they_would_follow_through_on_their_step_is_heard_as_their_plan() -> None:
    asked = Said(first(COMMIT_ASK), DOMAIN)

    assert reply_for("nlu_fallback", "yeah ill take my own truck", asked) == COMMIT_PLAN
    assert reply_for("nlu_fallback", "and maybe block my cousin for a while", asked) == COMMIT_PLAN
    assert reply_for("nlu_fallback", "You've been very kind. Goodnight.", asked) != COMMIT_PLAN


@pytest.mark.parametrize("text", ["you still there? its late i know", "u up?", "anyone there??"])
def test_whether_anyone_is_there_is_answered_at_any_hour(text: str) -> None:
    assert reply_for("nlu_fallback", text, Said("", DOMAIN)) == STILL_HERE


@pytest.mark.parametrize(
    ("intent", "text", "response"),
    [
        ("bot_challenge", "are you a real person or a program", "utter_iamabot"),
        ("bot_challenge", "can i talk to an actual human about this at some point", "request_peer"),
        ("chitchat", "how r u", "utter_chitchat"),
        ("chitchat", "what would you do if you were me? fr", CHOICE),
    ],
)
def test_small_talk_and_are_you_a_bot_are_answered_unless_the_words_ask_for_more(
    intent: str, text: str, response: str
) -> None:
    assert reply_for(intent, text, Said("", DOMAIN)) == response


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("yo quick q is it true most xannies on the street are pressed w fentanyl now", True),
        ("are the blues cut with fent?", True),
        ("my doctor gave me pills, do they have fentanyl?", False),
        ("fentanyl scares me", False),
    ],
)
def test_a_question_about_fentanyl_in_street_pills_gets_the_harm_reduction_answer(
    text: str, asked: bool
) -> None:
    assert asks_about_counterfeit_pills(text) is asked
    if asked:
        assert reply_for("nlu_fallback", text, Said("", DOMAIN)) == COUNTERFEIT_PILLS
