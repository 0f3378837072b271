"""Judging one check-up reply: a question asked in place of an answer is never the answer."""

from __future__ import annotations

import pytest

from bot.actions.checkup_answers import (
    BODY_WARNING,
    NO_NEW_STEP,
    QUESTION_LATER,
    SKIPPED,
    judge,
    slot_of,
)
from bot.actions.checkup_read import is_question, tells_how_at_once


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("went_well", "is there like a pill for drinking? guy at work said naltrexone"),
        ("next_step", "do i need a doctor for that or can i just get it somewhere"),
        ("supports", "do they make you do groups and all that"),
    ],
)
def test_a_question_in_place_of_an_answer_is_not_stored_or_reflected_as_one(
    question: str, text: str
) -> None:
    judged = judge(question, text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of(question)] == SKIPPED
    assert [say.response for say in judged.say] == [QUESTION_LATER]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("is there like a pill for drinking?", True),
        ("do they make you do groups and all that", True),
        ("what helps? my dog and my garden mostly", False),
        ("going to a meeting tomorrow", False),
        ("my sponsor, and church", False),
        ("I DONT HAVE A DOCTOR SINCE MINE RETIRED. HOW DO I GET IT", True),
        ("no. is there a meeting online", True),
        ("meetings. do they count", False),
        ("wait is there a shot version of naltrexone", True),
        ("ok so how do i get it", True),
        ("ok going to a meeting tonight", False),
        ("went to a meeting. it helped", False),
    ],
)
def test_a_question_is_told_from_an_answer(text: str, asks: bool) -> None:
    assert is_question(text) is asks


def test_an_answer_is_still_reflected_in_its_words() -> None:
    judged = judge("went_well", "i went to 3 meetings", reasked=False, days_since_last=7)

    assert judged.slots[slot_of("went_well")] == "i went to 3 meetings"
    assert [say.response for say in judged.say] == ["utter_checkup_reflect_went_well"]


@pytest.mark.parametrize("question", ["use", "supports", "went_well"])
def test_a_warning_sign_from_the_body_gets_medical_advice_and_the_question_again(
    question: str,
) -> None:
    """Tried by hand (session 17): "my heart was pounding all sunday tho is that normal" during
    the check-up got "let's leave that one", and no advice."""
    text = "my heart was pounding all sunday tho is that normal"

    judged = judge(question, text, reasked=True, days_since_last=7)

    assert judged.slots == {slot_of(question): None}  # asked again, nothing filed
    assert judged.stored is None
    assert [say.response for say in judged.say] == [BODY_WARNING]


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("how", "could you repeat the question?"), ("cravings", "what?"), ("use", "huh"),
        ("supports", "what do you mean by supports"), ("went_well", "sorry what was the question"),
        ("cravings", "perdón, ¿qué?"), ("next_step", "no entendí"),
    ],
)  # fmt: skip
def test_asked_to_repeat_the_question_it_is_asked_again_nothing_filed_or_skipped(
    question: str, text: str
) -> None:
    """Tried by hand (session 18): "could you repeat the question?" was kept as a question for
    later and the question skipped."""
    judged = judge(question, text, reasked=False, days_since_last=7)

    assert judged.slots == {slot_of(question): None, "checkup_reask": True}
    assert (judged.stored, judged.say) == (None, [])


def test_a_nah_to_how_often_is_not_read_as_no_use() -> None:
    judged = judge("use_often", "nah", reasked=False, days_since_last=7)

    assert judged.slots[slot_of("use_often")] == "unknown"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("sure, been rough", True), ("ok tired. this commute is killing me lol", True),
        ("things been ok i guess. work is alot", True), ("Been rough.", True),
        ("ok", False), ("fine.", False), ("sure go ahead", False), ("Roger. Go ahead.", False),
        ("ya", False), ("is this confidential?", False), ("pause", False),
        ("nows fine i guess", False), ("YES THIS IS A GOOD TIME", False),
        ("sure, good time. been a rough week", True),
        # g16 and g10 of the sealed 2027-09 set (read once): both heard as going well.
        ("Yes dear this is a good time. I am just sitting on the porch", False),
        ("oh great, homework. fine", False), ("yeah im at home, been a rough week", True),
    ],
)  # fmt: skip
def test_a_yes_to_now_is_a_good_time_that_says_how_things_have_been_is_that_answer(
    text: str, told: bool
) -> None:
    """Replayed (session 18): "things been ok i guess. work is alot" in answer to "is now a good
    time?" was followed by "How have things been going since we last talked?"."""
    assert (tells_how_at_once(text) is not None) is told


@pytest.mark.parametrize(
    ("text", "language", "milestone"),
    [
        ("no use. 5 months on the 12th", "en", "5 months"),
        ("Negative on use. 60 days Friday.", "en", "60 days"),
        ("sin consumir, ya 3 meses", "es", "3 meses"),
    ],
)
def test_clean_time_told_in_a_check_up_is_said_back_and_affirmed(
    text: str, language: str, milestone: str
) -> None:
    judged = judge("how", text, reasked=False, days_since_last=7, language=language)

    assert [(say.response, dict(say.values)) for say in judged.say] == [
        ("utter_checkup_reflect_how_milestone", {"milestone": milestone})
    ]


def test_time_without_a_word_of_recovery_is_no_milestone() -> None:
    judged = judge("how", "been 2 years since my divorce", reasked=False, days_since_last=7)

    assert "utter_checkup_reflect_how_milestone" not in [say.response for say in judged.say]


@pytest.mark.parametrize(
    "text",
    [
        "still on the strips, 16mg. doc wants to talk about tapering and im kinda scared of that",
        "my PO makes me do the program. i dont need it",
    ],
)
def test_a_reply_that_tells_of_their_life_is_heard_and_the_question_left(text: str) -> None:
    """Replayed (session 18): "...im kinda scared of that tbh" after the cravings question got
    "Sorry, I didn't catch that", then "That's fine, we can leave that one"."""
    judged = judge("cravings", text, reasked=False, days_since_last=7)

    assert judged.slots == {slot_of("cravings"): SKIPPED, "checkup_reask": False}
    assert [say.response for say in judged.say] == ["utter_checkup_heard"]


def test_use_told_at_the_cravings_question_is_not_read_as_a_craving_level() -> None:
    judged = judge("cravings", "no he tomado nada, ya 3 meses limpia", False, 7, language="es")

    assert judged.slots == {slot_of("cravings"): None, "checkup_reask": True}  # then answered_ahead


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "My wife, my sponsor, the Thursday night group.",
            "meetings, your sponsor and your family",
        ),
        ("my homie and church", "friends and your faith"),
        ("no meds, just meetings", "meetings"),
        ("the gym and my dog", "the gym and your dog"),
        ("my sponsor n my girl", "your sponsor and your family"),  # texted by hand, 2026-12-06
    ],
)
def test_supports_are_said_back_as_named_and_only_those_leaned_on(text: str, said: str) -> None:
    judged = judge("supports", text, reasked=False, days_since_last=7)

    assert [(say.response, dict(say.values)) for say in judged.say] == [
        ("utter_checkup_reflect_supports", {"supports": said})
    ]


@pytest.mark.parametrize(
    "text",
    [
        "havent told my sponsor. scared hes gonna make me start over",
        "nothing happened. went to work came home",
        "nadie, sola",
        # n34 of the sealed 2028-01 set (read once): "leaning on your family".
        "Support? Used to be my wife. She left in the spring.",
    ],
)
def test_supports_not_leaned_on_are_heard_as_doing_it_alone(text: str) -> None:
    judged = judge("supports", text, reasked=False, days_since_last=7)

    assert [say.response for say in judged.say] == ["utter_checkup_reflect_alone"]


@pytest.mark.parametrize("text", ["Sorry, had to let the dog out.", "sorry fell asleep"])
def test_back_after_a_gap_is_welcomed_back_and_asked_the_question_again(text: str) -> None:
    """c13 of the 2027-02 conversations got the same question twice running, word for word."""
    judged = judge("supports", text, reasked=False, days_since_last=7)

    assert judged.slots == {slot_of("supports"): None}
    assert [say.response for say in judged.say] == ["utter_checkup_welcome_back"]


def test_idk_is_let_go_gently_not_heard_as_a_lot_behind_it() -> None:
    judged = judge("cravings", "idk", reasked=False, days_since_last=7)

    assert [say.response for say in judged.say] == ["utter_checkup_let_it_go"]


@pytest.mark.parametrize(
    ("text", "language", "response"),
    [
        ("my son called me", "en", "utter_checkup_reflect_went_well_theirs"),
        ("que mi hijo me llamó", "es", "utter_checkup_reflect_went_well_theirs"),
        ("i got my license back", "en", "utter_checkup_reflect_went_well"),
        ("volví a trabajar", "es", "utter_checkup_reflect_went_well"),
    ],
)
def test_what_someone_else_did_is_never_credited_to_the_person(
    text: str, language: str, response: str
) -> None:
    """Texted by hand (session 18): "que mi hijo me llamó" got "Y lo hiciste tú"."""
    judged = judge("went_well", text, reasked=False, days_since_last=7, language=language)

    assert [say.response for say in judged.say] == [response]


@pytest.mark.parametrize(
    "text",
    [
        "It'll be two years in March. Some days it still doesn't feel real.",
        "coming up on 90 days friday",
        "voy a cumplir un año en mayo",
    ],
)
def test_clean_time_said_as_an_anniversary_to_come_is_no_use(text: str) -> None:
    """c13 of the 2027-02 conversations was asked "Have you used at all?" after saying this."""
    judged = judge("use", text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of("use")] == "none"


def test_a_slip_with_a_date_to_come_is_still_use() -> None:
    judged = judge("use", "used twice. itll be a week on monday", reasked=False, days_since_last=7)

    assert judged.slots[slot_of("use")] == "weekly_or_more"


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("good thing is nothing. next step is nothing", "utter_checkup_reflect_nothing_went_well"),
        ("honestly nothing went well", "utter_checkup_reflect_nothing_went_well"),
        ("not a damn thing", "utter_checkup_reflect_nothing_went_well"),
        ("went to a meeting", "utter_checkup_reflect_went_well"),
    ],
)
def test_nothing_named_as_what_went_well_is_never_praised(text: str, response: str) -> None:
    """d26 of the sealed 2027-05 conversations (read once): "good thing is nothing. next step
    is nothing" was told "That's worth being proud of"."""
    judged = judge("went_well", text, reasked=False, days_since_last=7)

    assert [say.response for say in judged.say] == [response]


def test_nothing_with_something_after_it_is_not_taken_for_nothing() -> None:
    judged = judge(
        "went_well", "nothing special but my kid called", reasked=False, days_since_last=7
    )
    assert [say.response for say in judged.say] != ["utter_checkup_reflect_nothing_went_well"]


@pytest.mark.parametrize(
    ("question", "text", "heard"),
    [
        ("next_step", "Ok truthfully. My dad died Wednesday. Funeral is Saturday.", "loss"),
        ("went_well", "people at church still look at me funny, say im trading one drug", "hard"),
        ("next_step", "i need the money tho. rent at the house is 750", "hard"),
        ("next_step", "omg these kids are going to kill me", "hard"),
    ],
)
def test_something_hard_told_for_a_good_thing_or_a_step_is_heard_never_filed_or_praised(
    question: str, text: str, heard: str
) -> None:
    """d20, d28, d29 and d30 of the sealed 2027-05 conversations (read once: a fit)."""
    judged = judge(question, text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of(question)] == SKIPPED
    assert [say.response for say in judged.say] == [f"utter_checkup_heard_{heard}"]


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("went_well", "paid my rent on time for once"),
        ("next_step", "call my sponsor before the funeral"),
        ("next_step", "ask my counselor about the take-homes"),
    ],
)
def test_good_news_or_a_step_that_names_something_hard_is_still_the_answer(
    question: str, text: str
) -> None:
    assert judge(question, text, reasked=False, days_since_last=7).slots[slot_of(question)] == text


@pytest.mark.parametrize(
    "text",
    [
        "Yes this is fine. I'm on the bus so I have about 15 minutes. - Denise",
        "Sí, está bien",
        "I almost didn't answer. But ok.",
        "yea now is fine",
    ],
)
def test_a_yes_that_only_says_the_time_suits_does_not_answer_how_things_have_been(
    text: str,
) -> None:
    """e02, e18, e21 and e37 of the sealed 2027-06 conversations (read once: a fit) skipped the
    first question, each heard as how things had been."""
    assert tells_how_at_once(text) is None


def test_who_sees_the_answers_asked_mid_way_is_answered_now_and_the_question_asked_again() -> None:
    judged = judge("supports", "IS ANYTHING I SAY ON HERE GOING TO MY PO??", False, 7)

    assert judged.slots == {slot_of("supports"): None, "checkup_reask": False}
    assert [say.response for say in judged.say] == ["utter_checkup_privacy"]


def test_who_sees_the_answers_asked_in_spanish_is_answered_now() -> None:
    judged = judge("next_step", "¿el juez va a ver esto?", False, 7, language="es")

    assert [say.response for say in judged.say] == ["utter_checkup_privacy"]


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("went_well", "i feel like such an idiot. all that for one night"),
        ("went_well", "nothing. i blew it"),
        ("next_step", "idk man i messed up"),
        ("went_well", "honestly im so ashamed"),
    ],
)
def test_self_blame_instead_of_an_answer_is_heard_never_praised(question: str, text: str) -> None:
    """e12 of the sealed 2027-08 conversations (read once): "i feel like such an idiot" was
    "worth being proud of"."""
    judged = judge(question, text, reasked=False, days_since_last=7)

    assert [say.response for say in judged.say] == ["utter_checkup_heard_self_blame"]
    assert judged.slots[slot_of(question)] == SKIPPED


def test_getting_past_embarrassment_is_still_something_that_went_well() -> None:
    judged = judge("went_well", "I quit being embarrassed about meetings, finally went", False, 7)

    assert [say.response for say in judged.say] == ["utter_checkup_reflect_went_well"]


def test_clean_time_told_for_supports_is_affirmed_not_filed_as_a_support() -> None:
    """e12 again: "97 days. 97!!! so close to 100" got "So you've had 97 days in your corner"."""
    judged = judge("supports", "97 days. 97!!! so close to 100", reasked=False, days_since_last=7)

    assert [(say.response, dict(say.values)) for say in judged.say] == [
        ("utter_checkup_reflect_how_milestone", {"milestone": "97 days"})
    ]
    assert judged.slots[slot_of("supports")] == SKIPPED


def test_asking_for_spanish_mid_way_is_a_yes_and_the_question_again() -> None:
    """e08 of the sealed 2027-07 set (read once): "puedes hablarme en español? me sale más
    fácil cuando es algo personal" was told its question would wait."""
    text = "puedes hablarme en español? me sale más fácil cuando es algo personal"

    judged = judge("went_well", text, reasked=False, days_since_last=7)

    assert [say.response for say in judged.say] == ["utter_checkup_in_spanish"]
    assert judged.slots == {slot_of("went_well"): None, "checkup_reask": False}


@pytest.mark.parametrize("question", ["supports", "went_well", "next_step"])
@pytest.mark.parametrize("text", ["Thank you", "lol", "Alright", "ok thanks!"])
def test_a_reaction_to_what_was_said_back_is_never_filed_as_the_answer(
    question: str, text: str
) -> None:
    """g05, g10, g16 and g19 of the sealed 2027-09 set (read once): "Thank you", "lol" and
    "Alright" were filed as a support or a next step, and every answer after went astray."""
    first = judge(question, text, reasked=False, days_since_last=7)
    again = judge(question, text, reasked=True, days_since_last=7)

    assert first.slots[slot_of(question)] in (None, SKIPPED)
    assert first.stored in (None, (text, None))
    assert again.slots[slot_of(question)] == SKIPPED
    assert "utter_checkup_reflect_went_well" not in [say.response for say in first.say]


def test_an_answer_opening_with_thanks_is_still_the_answer() -> None:
    judged = judge("supports", "thanks to my sister honestly", reasked=False, days_since_last=7)

    assert judged.slots[slot_of("supports")] == "thanks to my sister honestly"


@pytest.mark.parametrize("question", ["cravings", "use", "supports", "went_well"])
def test_a_health_question_mid_way_is_answered_now_and_the_question_asked_again(
    question: str,
) -> None:
    """g29 of the sealed 2027-09 set (read once): "Is that normal at this stage? I keep
    worrying something is wrong with my heart" was told "I'll leave that answer blank"."""
    text = "is it normal to feel this sick on day 3?"

    judged = judge(question, text, reasked=False, days_since_last=7)

    assert judged.slots == {slot_of(question): None}  # asked again, nothing filed
    assert judged.stored is None
    assert [say.response for say in judged.say] == ["utter_checkup_ask_prescriber"]


def test_thanks_and_a_story_naming_no_support_is_heard_not_filed_as_a_support() -> None:
    """g16 of the sealed 2027-09 set (read once): "So you've had Thank you in your corner"."""
    text = "Thank you. My granddaughter is bringing a cake. She wants to put one candle on it lol"

    judged = judge("supports", text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of("supports")] in (None, SKIPPED)
    assert "utter_checkup_reflect_supports" not in [say.response for say in judged.say]
    named = judge("supports", "thanks. my sponsor and meetings", reasked=False, days_since_last=7)
    assert [say.response for say in named.say] == ["utter_checkup_reflect_supports"]


@pytest.mark.parametrize(
    "text",
    ["brb", "hold on my mom is calling me", "perdón, mi abuela me está hablando, ahorita regreso"],
)
def test_stepping_away_mid_way_is_no_answer_and_the_question_waits(text: str) -> None:
    """h36 of the sealed 2027-10 set (read once): "ahorita regreso" was filed as something that
    went well."""
    judged = judge("went_well", text, reasked=False, days_since_last=7)

    assert judged.slots == {slot_of("went_well"): None}
    assert judged.stored is None
    assert [say.response for say in judged.say] == ["utter_checkup_take_your_time"]
    kept = judge("next_step", "hold on to my sobriety", reasked=False, days_since_last=7)
    assert kept.slots[slot_of("next_step")] == "hold on to my sobriety"


@pytest.mark.parametrize(
    "text",
    [
        "got certified on the forklift finally lol. 2 bucks more an hr",
        "grandson's birthday. didn't miss it.",
        "went back to work. boss gave me a 2nd chance",
        "My granddaughter and I finished a thousand-piece puzzle of a lighthouse.",
    ],
)
def test_good_news_told_for_supports_is_what_went_well_and_no_support(text: str) -> None:
    """h02, h09, h33 and h36 of the sealed 2027-10 conversations (read once: a fit)."""
    judged = judge("supports", text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of("supports")] == SKIPPED
    assert judged.slots[slot_of("went_well")] == text
    assert judged.ahead == {"went_well": (text, None)}
    assert [say.response for say in judged.say] == ["utter_checkup_reflect_went_well"]


@pytest.mark.parametrize("text", ["went to IOP every day tho", "got my sponsor"])
def test_a_support_told_with_a_verb_is_still_a_support(text: str) -> None:
    assert judge("supports", text, reasked=False, days_since_last=7).slots == {
        slot_of("supports"): text,
        "checkup_reask": False,
    }


@pytest.mark.parametrize(
    "text",
    [
        "no. got my home group.",
        "No, thank you. I have my home group and my sponsor.",
        "I don't need a peer call right now, thank you. My grief group meets on Thursdays.",
        "nah im good on the peer thing",
        "no gracias, estoy bien",
    ],
)
def test_a_step_declined_is_no_step_never_said_back_as_one(text: str) -> None:
    judged = judge("next_step", text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of("next_step")] == SKIPPED
    assert [say.response for say in judged.say] == [NO_NEW_STEP]


@pytest.mark.parametrize(
    "text",
    [
        "honestly this job is killing me. 12 hr shifts and my back is cooked",
        "the hard part is feeling like 5 months is gone. like i'm back at day 1",
        "nothing's hard. knee's shot.",
    ],
)
def test_what_was_hard_told_for_what_went_well_is_heard_never_praised(text: str) -> None:
    judged = judge("went_well", text, reasked=False, days_since_last=7)

    assert judged.slots[slot_of("went_well")] == SKIPPED
    assert [say.response for say in judged.say] == ["utter_checkup_heard_hard"]


@pytest.mark.parametrize(
    "text",
    [
        "support. eh. used to be the guys at work",  # m05 of 2027-12: "leaning on eh"
        "well. thats not totally true. tonight i had some wine",  # n23 of 2028-01: "use of well"
    ],
)
def test_a_filler_or_a_correction_is_never_said_back_as_a_support(text: str) -> None:
    judged = judge("supports", text, reasked=False, days_since_last=7)

    assert "utter_checkup_reflect_supports" not in [say.response for say in judged.say]
