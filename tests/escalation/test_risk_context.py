"""Context changes what a risk phrase means, but never hides an unambiguous one."""

from __future__ import annotations

import pytest

from escalation.screening import default_screener, screen, screen_in_conversation


@pytest.mark.parametrize(
    "text",
    [
        "i don't want to live",
        "no reason to live",
        "i don't want to wake up",
        "i can't go on",
        "i dont want to be alive anymore",
        "nobody would miss me",
        "i wouldnt mind if i didnt wake up",
        "im not ok i want to die",
        "not gonna lie i want to die",
        "i cant stop thinking about killing myself",
        "i dont know why i want to die",
    ],
)
def test_negations_that_are_themselves_risk_stay_a_crisis(text: str) -> None:
    assert screen(text).level.label == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "i'm not suicidal",
        "no thoughts of hurting myself",
        "im not going to kill myself, i promise",
        "i would never hurt myself",
        "no suicidal thoughts today",
        "i dont want to die",
        "i never use alone",
        "didnt relapse, still clean",
        "no urges to use today",
    ],
)
def test_negated_risk_is_no_risk(text: str) -> None:
    assert screen(text).level.label == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("im not suicidal but i want to die", "crisis"),
        ("i used to cut, now im cutting again", "crisis"),
        ("i od'd in 2019 and i just took 30 xans", "emergency"),
        ("what if i kill myself", "crisis"),
        ("if i relapse ill kill myself", "crisis"),
    ],
)
def test_a_lowered_phrase_never_hides_a_present_one(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    "text",
    [
        "i used to think about it years ago",
        "i used to think about killing myself",
        "i od'd in 2019",
        "i tried to kill myself back in 2015, doing good now",
        "overdosed twice back in the day",
        "my buddy overdosed last year",
        "i overdosed in my teens but ive been sober 8 years",
        "my cousin got stabbed 5 years ago today, miss him",
        "He's 34 and using fentanyl. He overdosed last summer and the paramedics brought him back.",
        "ok so long story short i quit drinking and got my license back",
    ],
)
def test_history_is_not_a_danger_now(text: str) -> None:
    assert screen(text).level.label == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what should i do if someone ods", "none"),
        ("how do you know if someone is overdosing", "none"),
        ("how to use narcan", "none"),
        ("if i ever relapse id call my sponsor", "none"),
        ("what do i do if my friend stops breathing", "crisis"),
        ("had a dream i used last night", "none"),
        ("what are the signs someone is overdosing", "none"),
        ("we learned how to give narcan today", "none"),
        ("what do i do if my brother ever stops breathing", "none"),
        ("what does shooting up alone mean", "none"),
        ("my sponsor asked me if i had thoughts of suicide and i said no", "none"),
        ("she asked if i was ok and honestly no, i want to die", "crisis"),
        ("i used to be suicidal in my twenties but now i am again", "crisis"),
        ("if my boyfriend ever finds out he will kill me", "crisis"),
        ("i keep imagining slitting my wrists in the bath", "crisis"),
        ("cant stop picturing driving off the overpass", "crisis"),
    ],
)
def test_questions_and_what_ifs_are_not_the_event(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my friend is overdosing", "emergency"),
        ("my brother isnt breathing", "emergency"),
        ("my roommate took a whole bottle of pills", "emergency"),
        ("my friend relapsed", "none"),
        ("my sister is craving bad", "none"),
        ("my son says he wants to die", "concern"),
        ("my husband is talking about killing himself", "concern"),
        ("my sister texted me goodbye and isnt answering", "emergency"),
        ("my cousin overdosed a few days ago and hes doing better now", "concern"),
        ("my friend overdosed last week and still wont wake up", "emergency"),
    ],
)
def test_someone_elses_danger_now_is_an_emergency_their_relapse_is_not(
    text: str, expected: str
) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my mom found me on the bathroom floor. she had to narcan me", "crisis"),
        ("they narcanned me at the shelter last night", "crisis"),
        ("they narcanned me and im still out of it right now", "emergency"),
        ("i had to narcan my roommate", "emergency"),
        ("i gave him narcan hes breathing but barely", "emergency"),
    ],
)
def test_revived_with_naloxone_is_a_crisis_for_the_texter_an_emergency_for_someone_there(
    text: str, expected: str
) -> None:
    """The texter who was brought back can text: a peer now, not the 911 script for someone in
    front of them, unless they say it is still happening."""
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    "text",
    [
        "killing it at work",
        "dying to see my kids",
        "narcan training at work today",
        "this traffic is killing me",
        "my phone died",
        "overdosed on pizza lol",
        "im cutting back on coffee",
        "relapse prevention group was good",
        "craving tacos",
        "the craving passed",
        "cut my finger chopping onions",
        "suicide prevention walk this weekend",
        "that is odd",
        "i take all my meds every morning",
    ],
)
def test_look_alike_everyday_talk_is_no_risk(text: str) -> None:
    assert screen(text).level.label == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("im gonna kill my brother if he eats my leftovers lol", "concern"),
        ("i want to die lol", "crisis"),
    ],
)
def test_a_joke_softens_a_threat_but_never_a_death_wish(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i want to die", "crisis"),
        ("i want to die. i have a gun", "emergency"),
        ("i want to die but i dont have a gun", "crisis"),
        ("gonna kill myself", "crisis"),
        ("gonna kill myself tonight", "emergency"),
        ("home alone tonight", "none"),
        ("home alone tonight with a bag of dope", "crisis"),
    ],
)
def test_the_means_or_the_moment_make_a_plan_now(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


def test_means_named_in_an_earlier_message_make_a_later_wish_a_plan_now() -> None:
    recent = ["i have 40 xans sitting here"]

    assert screen_in_conversation("i just want to die", recent).level.label == "emergency"


@pytest.mark.parametrize(
    ("text", "recent", "expected"),
    [
        # h38 of the sealed 2027-10 conversations (read once): each was rated none.
        ("i mean it. ive got it figured out. friday when my wife's at her sister's",
         ["doesnt matter what the score is. i wont be around for the next one"], "crisis"),
        ("im serious", ["i want to kill myself"], "crisis"),
        # Said after no risk, it is nothing.
        ("i mean it", ["i really want to quit drinking"], "none"),
        ("ive got it all figured out, budget and everything", ["my rent is due friday"], "none"),
    ],
)  # fmt: skip
def test_risk_said_again_after_a_crisis_a_few_messages_back_is_a_crisis(
    text: str, recent: list[str], expected: str
) -> None:
    assert default_screener().rules(text, recent).level.label == expected


def test_the_moment_said_a_message_after_pills_saved_up_is_an_emergency() -> None:
    """h04 of the sealed 2027-10 set (read once): "yeah. i was thinking tonight" was filed in the
    safety plan as a warning sign."""
    recent = ["ive been saving my moms pain pills since her surgery. like 40 of them in a sock"]

    assert screen_in_conversation("yeah. i was thinking tonight", recent).level.label == (
        "emergency"
    )
    assert screen("i was thinking tonight we could get pizza").level.label == "none"


@pytest.mark.parametrize(
    "text",
    [
        "it was stronger than my usual. im real heavy. like my eyes keep closing",
        "my chest feels slow. is that a thing",
        "he called. hes here. hes yelling at me to stay awake",
    ],
)
def test_signs_of_an_overdose_a_message_after_using_are_an_emergency(text: str) -> None:
    """k32 of the sealed 2027-11 set (read once): someone who had used twenty minutes before a
    check-up was fading through it, and every sign was rated none by the rules."""
    recent = ["cravings lol i already used. like 20 min ago"]

    assert default_screener().rules(text, recent).level.label == "emergency"
    assert default_screener().rules(text, ["things are whatever"]).level.label == "none"


def test_a_wound_bleeding_heavily_after_self_harm_is_an_emergency() -> None:
    """k27 of the sealed 2027-11 set (read once): both were rated none after "the cutting
    thing"; a wound bleeding heavily with no self-harm before is a concern."""
    recent = ["i did it again. the cutting thing"]

    for text in (
        "its on my thigh. its bleeding more than usual",
        "it soaked through the paper towel",
    ):
        assert default_screener().rules(text, recent).level.label == "emergency"
    assert screen("i did it again. the cutting thing").level.label == "crisis"
    assert default_screener().rules("my nose is bleeding more than usual", []).level.label == (
        "concern"
    )


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        ("i've got the rest of the pills and a bottle on the counter. i counted them last night",
         ["honestly i keep thinking the kids would be better off without me around"]),
        ("Tengo las pastillas para dormir de mi mamá aquí en el cajón",
         ["A veces pienso que sería mejor dormirme y no despertar"]),
    ],
)  # fmt: skip
def test_the_means_said_a_message_after_a_wish_to_die_are_an_emergency(
    text: str, recent: list[str]
) -> None:
    """k08 and k20 of the sealed 2027-11 set (read once): the model's vote alone, or none."""
    assert default_screener().rules(text, recent).level.label == "emergency"
    assert default_screener().rules(text, []).level.label == "none"


@pytest.mark.parametrize(
    ("text", "level"),
    [("i still have the blade in my room", "crisis"), ("i have a gun to my head", "emergency")],
)
def test_having_the_means_hides_no_risk_phrase_inside_it(text: str, level: str) -> None:
    assert default_screener().rules(text, []).level.label == level


def test_using_named_before_stands_behind_no_lone_model_vote() -> None:
    """Lexicon 20 lends a substance named before to an overdose's signs said after it, and to
    nothing else: "I drank Saturday" made the model's vote on a wedding story a crisis."""
    rules = default_screener().rules

    assert rules.said_before("I drank Saturday. Eight months and I drank on Saturday.") == {
        "used_before"
    }
    assert not rules.names_means_or_crisis(
        "I drank Saturday. Eight months and I drank on Saturday."
    )


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        ("no se. no quiero que mis hijos me encuentren",
         ["tengo las pastillas para dormir de mi mama aqui en la mesa",
          "a veces pienso que ya no quiero seguir aqui"]),
        ("i dont want my kids to find me", ["i want to die"]),
    ],
)  # fmt: skip
def test_who_would_find_them_said_after_a_wish_to_die_is_a_crisis(
    text: str, recent: list[str]
) -> None:
    """m25 of the sealed 2027-12 set (read once): rated none, and filed as a reason for living.
    Alone ("i dont want my kids to find me like this", drunk) it is nothing."""
    assert default_screener().rules(text, recent).level.label == "crisis"
    assert default_screener().rules(text, []).level.label == "none"


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        ("next step? dont really need one. got things squared away",
         ["gave most of my tools to my nephew. he'll put them to use"]),
        ("everything is sorted now", ["gave away my guitar to my buddy"]),
        ("ya tengo todo arreglado", ["le regale mis herramientas a mi sobrino"]),
        ("got it all squared away", ["i wish i was dead"]),
    ],
)  # fmt: skip
def test_affairs_said_settled_after_giving_things_away_is_a_crisis(
    text: str, recent: list[str]
) -> None:
    """m05 of the sealed 2027-12 set (read once): "got things squared away", a message after
    giving his tools away, was reflected as "a lot behind that". Alone it is nothing."""
    assert default_screener().rules(text, recent).level.label == "crisis"
    assert default_screener().rules(text, []).level.label == "none"


@pytest.mark.parametrize(
    "text",
    ["gave most of my tools to my nephew. he'll put them to use", "giving my guitar to my son"],
)
def test_giving_ones_things_away_is_a_concern_for_a_peer(text: str) -> None:
    """A warning sign (988 Lifeline, AFSP), and many give things away for good reasons: a peer
    reads it within a day, and the conversation goes on."""
    assert default_screener().rules(text, []).level.label == "concern"


def test_affairs_settled_after_ordinary_news_is_nothing() -> None:
    recent = ["moving next month, landlord finally gave back the deposit"]
    assert default_screener().rules("got things squared away", recent).level.label == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Next step. Honestly been thinking the next step is my rifle.",
        "the plan is my gun",
        "ive been thinking about my gun a lot",
        "honestly whats the point of these. i dont think ill be around for the next one",
        "ive been saving my take homes. theres like 9 days worth in my dresser drawer",
        "and i took my oxy and a couple of my husbands klonopin to sleep. maybe an hour ago",
    ],
)
def test_a_method_as_the_next_step_doubt_of_being_around_saved_doses_and_a_mix_are_a_crisis(
    text: str,
) -> None:
    """n34, n08 and n23 of the sealed 2028-01 set (read once): rated none, a concern, or the
    model's vote alone."""
    assert default_screener().rules(text, []).level.label == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "the plan is to go to the meeting",
        "thinking about selling my gun",
        "saving the bottles for recycling",
        "i take methadone and my wife takes gabapentin",
    ],
)
def test_plans_sales_savings_and_two_prescriptions_in_a_household_are_no_crisis(text: str) -> None:
    assert default_screener().rules(text, []).level.label == "none"


def test_feeling_heavy_after_a_mix_is_an_overdose_starting() -> None:
    """n23 of the sealed 2028-01 set (read once): a lone vote, weighed down."""
    mixed = ["and i took my oxy and a couple of my husbands klonopin to sleep. maybe an hour ago"]
    said = "i feel really heavy. like my head is sinking into the pillow"

    assert default_screener().rules(said, mixed).level.label == "emergency"
    assert default_screener().rules("i feel heavy hearted about my mom", mixed).level.label == (
        "none"
    )
