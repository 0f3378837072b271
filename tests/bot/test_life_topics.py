"""A statement about the person's life that no flow expected is listened to, not missed: what
it is about is reflected in the assistant's words (whom they name, paraphrased), with an open
question; what names nothing of their life is still a miss."""

from __future__ import annotations

import pytest

from bot.actions.context import fill
from bot.actions.context_reply import CLARIFY, HEARD_MORE, reply_for
from bot.actions.life_topics import LifeTopic, life_topic_in, who_in
from tests.bot.test_context_reply import RESPONSES, first, said


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("cant sleep again", LifeTopic.SLEEP),
        ("up all night again smh", LifeTopic.SLEEP),
        ("my wife let me back in the house but im on thin ice", LifeTopic.CLOSE_ONE),
        ("My grandson was born last week, my first.", LifeTopic.CLOSE_ONE),
        ("pero mi novia ta embarazada", LifeTopic.CLOSE_ONE),
        ("my old friends already hitting me up. one of em has some fetty", LifeTopic.OLD_CROWD),
        ("just got out of detox 5 days ago. they said text this", LifeTopic.JUST_OUT),
        ("HELLO. MY GRANDDAUGHTER SET THIS UP ON MY PHONE.", LifeTopic.NEW_HERE),
        ("not now, gotta get my son dressed", LifeTopic.BUSY_NOW),
        ("used all week. bars and whatever else i could get", LifeTopic.USING),
        ("landlord is trying to evict us", LifeTopic.HOUSING),  # c29 of 2027-04
        ("been couch surfing since my mom kicked me out", LifeTopic.HOUSING),
        ("mira i been doing too much perico lately", LifeTopic.USING),
        ("she's worried because of the DUI. that was one time", LifeTopic.LEGAL),
        ("they set me up with IOP starting monday", LifeTopic.TREATMENT),
        ("work is alot", LifeTopic.WORK),
        ("finals. i'd die for a coffee rn lol", LifeTopic.SCHOOL),
        ("omg this week is killing me", LifeTopic.TOO_MUCH),
        ("I had knee surgery last year", LifeTopic.PAIN),
        (
            "my heart does this flutter thing when im coming down, is that bad?",
            LifeTopic.BODY_WARNING,
        ),
        ("my nose bleeds kinda a lot now which is gross", LifeTopic.BODY_WARNING),
        ("got the shakes bad this morning", LifeTopic.BODY_WARNING),
        ("hey is this the recovery text thing", LifeTopic.NEW_HERE),
        ("oh right my counselor made me sign up for this", LifeTopic.NEW_HERE),
    ],
)
def test_what_a_statement_about_their_life_is_about_is_read(text: str, topic: LifeTopic) -> None:
    heard = life_topic_in(text)

    assert heard is not None
    assert heard.topic is topic


def test_used_to_is_the_past_not_using() -> None:
    heard = life_topic_in("My knee's been acting up and I can't hike like I used to")

    assert heard is not None
    assert heard.topic is LifeTopic.PAIN


@pytest.mark.parametrize(
    "text", ["zzz", "Roll Tide though", "4 on energy, see above lol", "my heart hurts for her"]
)
def test_what_names_nothing_of_their_life_is_given_no_topic(text: str) -> None:
    assert life_topic_in(text) is None


def test_a_statement_about_their_life_is_reflected_where_it_used_to_be_a_miss() -> None:
    assert reply_for("nlu_fallback", "cant sleep again", said("")) == "utter_heard_sleep"
    assert reply_for("out_of_scope", "finals. i'd die for a coffee rn", said("")) == (
        "utter_heard_school"
    )
    assert reply_for("nlu_fallback", "zzz", said("")) == CLARIFY


def test_a_question_about_their_life_is_not_taken_for_a_statement() -> None:
    assert reply_for("nlu_fallback", "is it bad that i cant sleep?", said("")) == CLARIFY


def test_whom_they_name_is_said_back_in_the_assistants_words() -> None:
    words = str(RESPONSES["utter_heard_close_one"][1]["text"])

    said_back = fill(words, "My Sister. Figures.")

    assert who_in("my lil brother moved in") == "your brother"
    assert said_back.startswith("Your sister sounds important")
    assert "Sister. Figures" not in said_back


def test_the_answer_to_a_topic_question_is_heard_and_the_same_topic_is_not_said_twice() -> None:
    asked = said(first("utter_heard_sleep"))  # "... What's been keeping you up?"

    assert reply_for("nlu_fallback", "work stuff mostly", asked) == "utter_heard_work"
    assert reply_for("nlu_fallback", "just cant sleep", asked) == HEARD_MORE


def test_being_busy_right_now_is_answered_without_a_question() -> None:
    for spoken in RESPONSES["utter_heard_busy_now"]:
        assert "?" not in str(spoken["text"])


def test_the_bodys_warning_signs_get_medical_advice_with_911_not_a_miss() -> None:
    name = reply_for(
        "nlu_fallback",
        "my heart does this flutter thing when im coming down, is that bad?",
        said(""),
    )

    assert name == "utter_heard_body_warning"
    texts = [variant["text"] for variant in RESPONSES[name]]
    assert all("911" in text and "doctor" in text for text in texts)
