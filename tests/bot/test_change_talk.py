"""Change talk and sustain talk volunteered outside the script are recognised, and their content
said back in the second person: never quoted, never cut in the middle of a phrase; what says
neither is left to the other readings (how they are, a milestone, a miss)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.actions.change_talk import QUESTIONS, REFLECTIONS, STAYING, Kind, heard_in, outside
from warmline.engine_env import BOT_DIR

DOMAIN: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "change_talk.yml").read_text())


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("because of my kids", Kind.REASON, "because of your kids"),
        ("cuz my kids need me", Kind.REASON, "because your kids need you"),
        ("I made it two weeks once", Kind.DONE_BEFORE, "you made it two weeks once"),
        ("i stayed sober for 3 months last year", Kind.DONE_BEFORE,
         "you stayed sober for 3 months last year"),
        ("calling my sponsor more", Kind.STEP, "calling your sponsor more"),
        ("going to meetings again", Kind.STEP, "going to meetings again"),
        ("honestly i want to be there for my daughter", Kind.DESIRE,
         "be there for your daughter"),
        ("drinking is the only thing that helps me sleep", Kind.SUSTAIN,
         "drinking is the only thing that helps you sleep"),
        ("beer helps me relax after work, idk", Kind.SUSTAIN, "beer helps you relax after work"),
        ("i dont think i have a problem", Kind.NOT_READY, "you don't think you have a problem"),
        ("I don't have a problem.", Kind.NOT_READY, "you don't have a problem"),
        ("i can handle it", Kind.NOT_READY, "you can handle it"),
        ("i dont think i have a problem, everyone drinks", Kind.NOT_READY,
         "you don't think you have a problem"),
        ("because of my kids, they need me", Kind.REASON, "because of your kids"),
        # A step decided on (c02, c22 and c26 of the 2027-03 conversations).
        ("next step: get rid of the old bottles in the garage, i know theyre out there",
         Kind.COMMIT, "get rid of the old bottles in the garage"),
        ("My next step is to stop avoiding the grief group at the church.", Kind.COMMIT,
         "stop avoiding the grief group at the church"),
        ("im going to tell my mom about the 60 days", Kind.COMMIT,
         "tell your mom about the 60 days"),
        ("ill call the clinic monday", Kind.COMMIT, "call the clinic monday"),
        # An okay before the step, or the step said as under way (the 2027-08 tune
        # conversations: "ok im calling her office tomorrow" was only acknowledged).
        ("ok im calling her office tomorrow. pride got me nowhere", Kind.COMMIT,
         "call her office tomorrow"),
        ("yeah. ill go to the thursday one on national ave. sit in the back", Kind.COMMIT,
         "go to the thursday one on national ave"),
        ("OK. I'll call in the morning. Going to bed", Kind.COMMIT, "call in the morning"),
        ("Thank you. I'm going to the CVS on Elm St first thing tomorrow.", Kind.COMMIT,
         "go to the cvs on elm st first thing tomorrow"),
    ],
)  # fmt: skip
def test_what_they_volunteer_is_recognised_and_said_back_in_the_second_person(
    text: str, kind: Kind, said: str
) -> None:
    heard = heard_in(text)

    assert heard is not None
    assert (heard.kind, heard.said) == (kind, said)


@pytest.mark.parametrize(
    "text",
    ["good", "im good", "pretty rough day", "tired", "90 days clean today", "what was my score",
     "yes", "no", "the gym helps me sleep", "for real tho", "i need a drink", "",
     "ill be at work till 6", "im gonna be late", "im gonna get high tonight",
     "i will not go back", "ok", "im calling it a night", "im texting my dealer tonight"],
)  # fmt: skip
def test_what_is_neither_is_left_to_the_other_readings(text: str) -> None:
    assert heard_in(text) is None


def test_a_long_message_is_said_back_to_the_end_of_its_first_thought() -> None:
    heard = heard_in("drinking is the only thing that helps me sleep but my wife hates it. ugh")

    assert heard is not None
    assert heard.said == "drinking is the only thing that helps you sleep"


@pytest.mark.parametrize(
    ("text", "left"),
    [("7 because of my kids", "7"), ("like a 6, calling my sponsor more", "like a 6,"),
     ("I made it two weeks once", ""), ("5", "5")],
)  # fmt: skip
def test_a_rating_is_read_only_outside_the_change_talk(text: str, left: str) -> None:
    assert outside(text, heard_in(text)).strip() == left


def test_every_reflection_and_question_is_in_the_domain_with_its_codes() -> None:
    responses = DOMAIN["responses"]
    for name in (*REFLECTIONS, *QUESTIONS):
        assert len(responses[name]) >= 2, name
        for variation in responses[name]:
            assert variation["metadata"]["miti"], name
            assert '"' not in variation["text"], name  # said back, never quoted
    for name in REFLECTIONS:
        # Being sent here is reflected as such: their words ("the judge made me") are not the
        # content, and saying them back would only repeat the complaint.
        quoted = name != "utter_heard_sent"
        assert all(("{said}" in v["text"]) is quoted for v in responses[name]), name
        assert not any("?" in v["text"] for v in responses[name]), name  # a form asks next


def test_sustain_talk_and_not_ready_get_no_plan_and_no_information() -> None:
    responses = DOMAIN["responses"]
    for kind in ("sustain", "not_ready", "sent"):
        for name in (f"utter_heard_{kind}", f"utter_heard_{kind}_ask"):
            for variation in responses[name]:
                codes = variation["metadata"]["miti"]
                assert "give_information" not in codes, name
                assert not any(w in variation["text"].lower() for w in ("plan", "step", "goal"))


@pytest.mark.parametrize(
    "text",
    [
        "my mom signed me up for this didnt she smh",
        "the judge made me do this thing, i'm not an alcoholic",
        "this is court ordered",
        "my po makes me do this",
    ],
)
def test_being_sent_by_someone_else_is_heard_as_not_their_idea(text: str) -> None:
    heard = heard_in(text)
    assert heard is not None
    assert heard.kind is Kind.SENT
    assert heard.kind in STAYING  # never led into the rulers


@pytest.mark.parametrize("text", ["my wife wants me to quit", "my boss made me take a drug test"])
def test_someone_elses_wish_is_not_read_as_being_sent_here(text: str) -> None:
    heard = heard_in(text)
    assert heard is None or heard.kind is not Kind.SENT


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "i guess i could ask for more day shifts. brunch is less messy",
            "ask for more day shifts",
        ),
        ("i can do this", "do this"),
    ],
)
def test_ability_is_heard_as_change_talk(text: str, said: str) -> None:
    heard = heard_in(text)
    assert heard is not None
    assert (heard.kind, heard.said) == (Kind.DESIRE, said)


@pytest.mark.parametrize("text", ["i could use a drink", "i can stop whenever i want"])
def test_being_able_to_use_is_not_change_talk(text: str) -> None:
    heard = heard_in(text)
    assert heard is None or heard.kind is not Kind.DESIRE
