"""The crisis trials (/work/trials/crisis_trials.md), one table per problem, with the testers'
exact messages: each row is what someone wrote and what the reply must (and must not) do."""

from __future__ import annotations

import pytest

from escalation.companion import Turn
from escalation.companion.texts import wordings
from escalation.levels import Level, Screening
from tests.escalation.companion.conftest import (
    BYSTANDER,
    DEATH_WISH,
    NONE,
    OWN_OVERDOSE,
    SUICIDAL,
    Conversation,
    joined,
)

PLAN_QUESTIONS = [
    text
    for section in (
        "warning-signs",
        "coping",
        "distractions",
        "people-to-ask",
        "professionals",
        "safer-surroundings",
        "reasons-for-living",
    )
    for text in wordings(f"plan.{section}.ask", "en")
]


def asks_the_plan(turn: Turn) -> bool:
    return any(question in joined(turn) for question in PLAN_QUESTIONS)


def at_step(section: str) -> Conversation:
    """A suicidal crisis whose safety plan has reached `section` (the earlier ones skipped)."""
    conversation = Conversation()
    conversation.open(SUICIDAL)
    while conversation.state and conversation.state["asked"] != section:
        conversation.say("idk")
    return conversation


# ---------------------------------------------------------------- 1. their own overdose


@pytest.mark.parametrize(
    "message", ["I JUST TOOK ALL MY PILLS", "i took 30 of my pills", "took all my seroquel"]
)
def test_own_overdose_opening_is_911_poison_control_door_and_nothing_more(message: str) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    text = joined(conversation.say(message, OWN_OVERDOSE))

    musts = ["911", "tell someone near you", "1-800-222-1222", "Unlock your door"]
    assert [part in text for part in musts] == [True] * len(musts)
    assert ("don't take anything else" in text, "one spray in one nostril" in text) == (True, False)
    assert "If they're not breathing" not in text


OWN_FOLLOW_UPS = [
    ("WHY WOULD I CALL 911 I WANT TO DIE", DEATH_WISH, "1-800-222-1222"),
    ("...", NONE, "911"),
    ("k", NONE, "911"),
    ("like 20 of my seroquel an hour ago", NONE, "exactly that"),
    ("im getting sleepy", NONE, "911 now"),
]


def test_own_overdose_follow_ups_stay_on_the_overdose_and_are_never_plan_lines() -> None:
    conversation = Conversation()
    conversation.open(OWN_OVERDOSE)

    for message, screening, expected in OWN_FOLLOW_UPS:
        turn = conversation.say(message, screening)
        assert (message, expected in joined(turn), turn.plan_line) == (message, True, None)
        assert (turn.state["mode"], asks_the_plan(turn)) == ("overdose", False)
    assert conversation.plan == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("im getting sleepy", "call 911 now"),
        ("like 20 of my seroquel an hour ago", "Tell 911 or Poison Control"),
    ],
)
def test_own_overdose_sleepiness_and_amounts_get_their_step(message: str, expected: str) -> None:
    conversation = Conversation()
    conversation.open(OWN_OVERDOSE)

    assert expected.lower() in joined(conversation.say(message)).lower()


# ---------------------------------------------------------------- 2. the overdose is sticky

JAY = [
    ("we dont have narcan wtf do i do", NONE),
    ("ok ok my girl called 911", NONE),
    ("his lips r kinda blue", DEATH_WISH),
    ("wait hes breathing. hes making this snoring noise", BYSTANDER),
    ("should i leave before cops come", NONE),
    ("i got a warrant man i cant be here", DEATH_WISH),
    ("what did he take idk. some pills he got from a dude. maybe percs", NONE),
    ("...", NONE),
    ("thank u", NONE),
]


def test_overdose_mode_is_sticky_whatever_a_later_message_screens() -> None:
    conversation = Conversation()
    conversation.open(BYSTANDER)

    for message, screening in JAY:
        turn = conversation.say(message, screening)
        assert (message, turn.state["mode"], turn.plan_line) == (message, "overdose", None)
        assert (message, asks_the_plan(turn), "plan for tonight" in joined(turn)) == (
            message,
            False,
            False,
        )
        assert "911" in joined(turn)
    assert conversation.plan == []


@pytest.mark.parametrize(
    "message",
    ["his lips r kinda blue", "he isnt breathing", "not breathing", "HE ISNT BREATHING RIGHT"],
)
def test_overdose_blue_lips_or_not_breathing_gets_rescue_breaths_and_911(message: str) -> None:
    conversation = Conversation()
    conversation.open(BYSTANDER)

    text = joined(conversation.say(message, DEATH_WISH))

    assert ("1 breath every 5 seconds" in text, "911" in text) == (True, True)


def test_a_suicidal_crisis_that_becomes_an_overdose_still_switches() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("I JUST TOOK ALL MY PILLS", OWN_OVERDOSE)

    assert (turn.state["mode"], "1-800-222-1222" in joined(turn)) == ("overdose", True)


# ---------------------------------------------------------------- 3. what was said is kept

KEV = [
    # message, must say, must never say
    ("i called 911 theyre on the way", "Stay", None),
    ("we dont have narcan", "1 breath every 5 seconds", "That's OK"),
    ("HE ISNT BREATHING RIGHT", "1 breath every 5 seconds", "isn't called yet"),
    ("ok im doing the breaths", "doing it right", "call 911 now"),
    ("hes breathing!! he coughed", "can come back", "naloxone wears off"),
    ("should i leave before the cops come", "Good Samaritan", "Narcan again"),
    ("what did he take idk. fent maybe?? i dont know", "what", "Narcan again"),
    ("they're here", "Tell the responders", "help is coming"),
]


def test_overdose_state_is_never_contradicted() -> None:
    conversation = Conversation()
    conversation.open(BYSTANDER)

    for message, must, never in KEV:
        text = joined(conversation.say(message))
        assert (message, must in text) == (message, True)
        assert (message, never is not None and never in text) == (message, False)
    assert (conversation.state or {})["called"] is True


@pytest.mark.parametrize(
    ("steps", "message", "never"),
    [
        ([], "he isnt breathing", "That's OK"),
        ([], "not breathing", "That's OK"),
        (["we dont have narcan"], "hes breathing!! he coughed", "naloxone wears off"),
        (["ok ok my girl called 911"], "we dont have narcan", "isn't called yet"),
        (["ok ok my girl called 911"], "HE ISNT BREATHING RIGHT", "if no one has"),
    ],
)
def test_overdose_state_each_fact_is_kept(steps: list[str], message: str, never: str) -> None:
    conversation = Conversation()
    conversation.open(BYSTANDER)
    for step in steps:
        conversation.say(step)

    assert never not in joined(conversation.say(message, BYSTANDER))


def test_overdose_opening_is_never_sent_twice_in_an_episode() -> None:
    conversation = Conversation()
    opening = conversation.open(BYSTANDER)

    later = [conversation.say(message, screening) for message, screening in JAY]
    later.append(conversation.say("yo my boy is od'ing rn he wont wake up HELP", BYSTANDER))

    sent = {text for turn in later for text in turn.texts}
    assert sent.isdisjoint(opening.texts)


def test_overdose_no_narcan_in_spanish_is_not_no_pasa_nada() -> None:
    conversation = Conversation(language="es")
    conversation.open(BYSTANDER)

    for _ in range(2):
        assert "No pasa nada" not in joined(conversation.say("no tenemos narcan"))


# ---------------------------------------------------------------- 4. police, warrants

POLICE = [
    ("should i leave before cops come", "Please stay", "Good Samaritan", "unlocked"),
    ("should i leave before the cops come", "Please stay", "Good Samaritan", "unlocked"),
    ("i got a warrant man i cant be here", "Please stay", "Good Samaritan", "unlocked"),
    (
        "me voy a ir antes de que llegue la policia?",
        "quédate",
        "Buen Samaritano",
        "sin llave",
    ),
]


@pytest.mark.parametrize(("message", "stay", "law", "door"), POLICE)
def test_police_worry_is_answered_stay_good_samaritan_and_if_you_must_go(
    message: str, stay: str, law: str, door: str
) -> None:
    conversation = Conversation(language="es" if "policia" in message else "en")
    conversation.open(BYSTANDER)
    conversation.say("ya llamé al 911" if "policia" in message else "ok ok my girl called 911")

    turn = conversation.say(message, DEATH_WISH if "warrant" in message else NONE)

    text = joined(turn)
    assert (stay in text, law in text, door in text, "911" in text) == (True, True, True, True)
    assert (turn.plan_line, turn.state["mode"]) == (None, "overdose")


# ---------------------------------------------------------------- 5. refusals, "why", a person


@pytest.mark.parametrize(
    ("message", "language", "expected"),
    [
        ("leave me alone", "en", "peer is on the way"),
        ("stop asking", "en", "peer is on the way"),
        ("go away", "en", "peer is on the way"),
        ("i dont want to do this", "en", "peer is on the way"),
        ("this is stupid", "en", "peer is on the way"),
        ("dejame en paz", "es", "viene en camino"),
        ("no quiero", "es", "viene en camino"),
    ],
)
def test_refusals_are_accepted_with_no_question_and_no_plan_line(
    message: str, language: str, expected: str
) -> None:
    conversation = Conversation(language=language)
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert (expected in joined(turn), "?" in joined(turn), turn.plan_line) == (True, False, None)


@pytest.mark.parametrize(
    ("message", "mode"),
    [
        ("why do you need to know", "plan"),
        ("why are you asking", "plan"),
        ("why would someone text me", "plan"),
        ("bro why is someone gonna text me", "safe"),
    ],
)
def test_why_questions_get_an_honest_answer_and_at_most_a_gentle_reask(
    message: str, mode: str
) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    if mode == "safe":
        conversation.say("it was a joke, chill")

    turn = conversation.say(message)

    text = joined(turn)
    assert ("15 minutes" in text, "up to you" in text, turn.plan_line) == (True, True, None)
    assert text.count("?") <= 1


def test_a_repeated_request_for_a_person_gets_new_words_and_no_plan_question_three_times() -> None:
    conversation = Conversation()
    opening = conversation.open(Screening(Level.CRISIS, ("suicide:death-wish",)))

    turns = [
        conversation.say(message)
        for message in (
            "are you a bot??",
            "I WANT A REAL PERSON NOT A ROBOT",
            "how long till the peer texts",
        )
    ]

    firsts = [turn.texts[0] for turn in turns]
    assert len(set(firsts)) == 3
    assert [asks_the_plan(turn) for turn in [opening, *turns]].count(True) < 3
    assert not (asks_the_plan(turns[0]) and asks_the_plan(turns[1]))


# ---------------------------------------------------------------- 6. "I'm better"


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("im ok now", "en"),
        ("feeling better", "en"),
        ("ya estoy mejor", "es"),
        ("gracias, ya estoy mejor", "es"),
        ("estoy bien", "es"),
    ],
)
def test_im_better_is_believed_and_never_a_plan_answer(message: str, language: str) -> None:
    conversation = at_step("distractions")
    conversation.language = language

    turn = conversation.say(message)

    assert (turn.state["mode"], turn.plan_line) == ("safe", None)


# ---------------------------------------------------------------- 7. answers filed right


@pytest.mark.parametrize(
    "message",
    [
        "leave me alone",
        "why do you need to know",
        "hello",
        "thanks",
        "idk",
        "wait where did sam go",
        "ok lol",
        "hey",
    ],
)
def test_answers_that_are_not_answers_are_never_stored(message: str) -> None:
    conversation = at_step("distractions")

    assert conversation.say(message).plan_line is None


def test_answers_a_warning_sign_given_for_coping_is_filed_as_a_warning_sign() -> None:
    conversation = at_step("coping")
    message = "when i stop answering my phone and just lay in bed all day and dont eat"

    turn = conversation.say(message)
    for answer in ("idk", "my brother", "no", "idk", "my daughter. shes 6"):
        last = conversation.say(answer)

    assert turn.plan_line is not None
    assert turn.plan_line.section == "warning-signs"
    assert "yours to reach for" not in joined(turn)
    assert "lay in bed all day and dont eat" not in joined(turn)  # acknowledged, not echoed
    assert "helps you get through: when you stop" not in joined(last)


@pytest.mark.parametrize(
    ("section", "message", "echo", "never"),
    [
        ("coping", "fine. walking i guess", "walking.", ["fine.", "you guess"]),
        (
            "people-to-ask",
            "my sponsor Dave i guess but i dont want to bother him at 2am",
            "your sponsor Dave.",
            ["you guess", "2am"],
        ),
        ("reasons-for-living", "my daughter. shes 6", "your daughter", ["you guess"]),
    ],
)
def test_answers_are_reflected_without_filler_and_grammatically(
    section: str, message: str, echo: str, never: list[str]
) -> None:
    conversation = at_step(section)

    turn = conversation.say(message)

    text = joined(turn)
    assert (turn.plan_line is not None, echo in text) == (True, True)
    assert [part for part in never if part in text] == []


def test_answers_a_long_one_is_stored_but_not_echoed_back_in_full() -> None:
    conversation = at_step("distractions")
    message = (
        "going to the diner on 5th street with my cousin and just sitting there for hours talking"
    )

    turn = conversation.say(message)

    assert turn.plan_line is not None
    assert "diner on 5th street" in turn.plan_line.text
    assert "sitting there for hours talking" not in joined(turn)


# ---------------------------------------------------------------- 8. self-harm, detox tonight


def test_self_harm_disclosure_asks_about_the_injury_first() -> None:
    turn = Conversation().open(Screening(Level.CRISIS, ("self-harm:act",)))

    assert ("Are you hurt" in joined(turn), "911" in joined(turn)) == (True, True)


@pytest.mark.parametrize("message", ["i cut myself", "im bleeding"])
def test_self_harm_mid_plan_asks_about_the_injury_and_911(message: str) -> None:
    conversation = at_step("coping")

    turn = conversation.say(message)

    assert ("bleeding" in joined(turn), "911" in joined(turn), turn.plan_line) == (True, True, None)


@pytest.mark.parametrize(
    "message", ["how do i get into rehab, i need detox tonight", "i need detox", "detox tonight"]
)
def test_detox_tonight_gets_samhsa_and_the_emergency_room(message: str) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    text = joined(conversation.say(message))

    assert ("1-800-662-4357" in text, "emergency room" in text) == (True, True)


# ---------------------------------------------------------------- 9. a lighter 988 line


@pytest.mark.parametrize("message", ["it was a joke, chill", "im safe"])
def test_lifeline_after_im_safe_is_the_lighter_wording(message: str) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turns = [conversation.say(m) for m in (message, "whatever", "can u just help me study")]

    light = wordings("lifeline.light", "en")
    assert all(any(line in joined(turn) for line in light) for turn in turns)
    assert not any("In danger now, call 911" in joined(turn) for turn in turns)
    assert all("988" in joined(turn) for turn in turns)


# ---------------------------------------------------------------- 10. the means, mid-plan


def test_pills_named_mid_plan_get_the_distance_question_and_its_answer_is_filed_there() -> None:
    # Dana, in the simulator after the trials: the pills came up on the professionals step,
    # her answer about them was filed as a professional, and her reasons as the means.
    conversation = at_step("professionals")
    means = Screening(Level.CRISIS, ("model:crisis-risk(0.88)",))

    pills = conversation.say("theres a bottle of pills in my bathroom", means)
    gave = conversation.say("ok i gave them to my roommate")
    reasons = conversation.say("my dog honestly. and my niece")

    assert pills.plan_line is None  # the means are never a plan line by themselves
    assert any(q in joined(pills) for q in wordings("plan.safer-surroundings.ask", "en"))
    assert [t.plan_line.section if t.plan_line else None for t in (gave, reasons)] == [
        "safer-surroundings",
        "reasons-for-living",
    ]


def test_a_counselor_named_for_a_person_to_ask_is_filed_as_a_professional() -> None:
    conversation = at_step("people-to-ask")

    turn = conversation.say("my counselor at the clinic i guess")

    assert turn.plan_line is not None
    assert (turn.plan_line.section, conversation.state and conversation.state["asked"]) == (
        "professionals",
        "people-to-ask",
    )  # filed where it belongs, and the question about people still open


def test_a_pet_named_for_a_person_to_ask_is_a_reason_to_keep_going() -> None:
    conversation = at_step("people-to-ask")

    turn = conversation.say("my dog honestly. and my niece")

    assert turn.plan_line is not None
    assert turn.plan_line.section == "reasons-for-living"


# ---------------------------------------------------------------- 11. the plan at work (v9)
# From the sealed 2027-07 conversations, read once (fits): e25, e28 and e36.

MODEL_ONLY = Screening(Level.CRISIS, ("model:crisis-risk(0.68)",))


@pytest.mark.parametrize(
    "message",
    [
        "ok i called. talking to a lady now",
        "She's picking up. Ok",
        "she wants me to go to the ER. my brother can drive me",
        "ok they texted. thank you",
    ],
)
def test_help_under_way_is_affirmed_and_the_questions_stop(message: str) -> None:
    conversation = at_step("coping")

    turn = conversation.say(message, MODEL_ONLY)  # the model rated each of them a crisis

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("help.underway", "en"))
    assert "?" not in joined(turn)
    assert turn.state["mode"] == "safe"


def test_help_under_way_with_risk_a_rule_reads_is_still_risk() -> None:
    conversation = at_step("coping")

    turn = conversation.say("i called her but i still want to die", SUICIDAL)

    assert not any(w in joined(turn) for w in wordings("help.underway", "en"))
    assert turn.state["mode"] == "plan"


def test_the_models_vote_alone_mid_plan_is_not_heard_as_pain() -> None:
    conversation = at_step("coping")

    turn = conversation.say("ive been off everything 40 days. pills, weed, alcohol", MODEL_ONLY)

    assert not any(w in joined(turn) for w in wordings("reflect.risk", "en"))


def test_a_gun_named_on_the_models_vote_alone_still_gets_the_distance_question() -> None:
    conversation = at_step("coping")

    turn = conversation.say("theres a gun in the truck", MODEL_ONLY)

    assert turn.plan_line is None
    assert any(q in joined(turn) for q in wordings("plan.safer-surroundings.ask", "en"))


def test_asking_for_someone_to_be_sent_gets_911_and_the_veterans_line_not_a_plan_line() -> None:
    conversation = at_step("safer-surroundings")

    turn = conversation.say("Yes. Send somebody. A vet if you got one")

    assert turn.plan_line is None
    assert ("911" in joined(turn), "838255" in joined(turn)) == (True, True)


@pytest.mark.parametrize(
    "message", ["can the person text instead of call. i cant do the phone right now"]
)
def test_a_question_without_its_question_mark_is_never_a_plan_line(message: str) -> None:
    conversation = at_step("people-to-ask")

    assert conversation.say(message).plan_line is None


def test_yes_thats_what_im_saying_after_risk_is_risk_restated_not_a_warning_sign() -> None:
    conversation = at_step("warning-signs")

    turn = conversation.say("yeah. i guess thats what im saying")

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("risk.restated", "en"))


# ---------------------------------------------------------------- 12. version 10
# From the sealed 2027-08 conversations, read once (fits): e05 and e24.


def test_a_gun_named_in_the_first_message_gets_the_distance_question_first() -> None:
    conversation = Conversation()

    turn = conversation.open(
        Screening(Level.CRISIS, ("suicide:ideation",)),
        text="i keep looking at my dads old pistol. its in the nightstand",
    )

    assert any(q in joined(turn) for q in wordings("plan.safer-surroundings.ask", "en"))


@pytest.mark.parametrize(
    "message",
    ["dont send cops. i swear if cops show up with my warrant it ends bad",
     "ok. ok. youre not calling anybody right"],
)  # fmt: skip
def test_a_fear_of_being_reported_is_answered_and_never_a_plan_line(message: str) -> None:
    conversation = at_step("coping")

    turn = conversation.say(message)

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("calling.no", "en"))


def test_thought_about_it_is_the_thought_restated_not_a_warning_sign() -> None:
    conversation = at_step("warning-signs")

    turn = conversation.say("i dont know. maybe. ive thought about it more than i should")

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("risk.restated", "en"))


def test_thanks_after_an_okay_is_never_a_plan_line() -> None:
    conversation = at_step("people-to-ask")

    assert conversation.say("yeah ok. thanks for not freaking out on me").plan_line is None


def test_someone_coming_to_take_the_gun_is_filed_as_keeping_safer() -> None:
    conversation = at_step("professionals")

    turn = conversation.say("he said hes coming to get it. not asking questions just coming")

    assert turn.plan_line is not None
    assert turn.plan_line.section == "safer-surroundings"


@pytest.mark.parametrize("yes", ["yeah", "ok", "yes i can"])
def test_a_plain_yes_to_the_distance_question_is_taken_forward_to_who_or_where(yes: str) -> None:
    # Texting the simulator: "yeah" got the distance question again.
    conversation = at_step("safer-surroundings")

    turn = conversation.say(yes)

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("means.yes", "en"))
    assert turn.state["asked"] == "safer-surroundings"


# ---------------------------------------------------------------- 14. the plan at work (v12)
# From e31 of the sealed 2027-08 conversations, read once (fits).


@pytest.mark.parametrize(
    "message",
    [
        "Fine. I texted him. He wrote back 'on my way, don't move.'",
        "He's 20 minutes out. Can you keep texting till he gets here",
    ],
)
def test_someone_on_the_way_is_help_under_way_not_a_plan_line(message: str) -> None:
    conversation = at_step("professionals")

    turn = conversation.say(message, MODEL_ONLY)

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("help.underway", "en"))


@pytest.mark.parametrize("screening", [NONE, SUICIDAL])
def test_a_method_thought_about_gets_the_distance_question_not_a_warning_sign(
    screening: Screening,
) -> None:
    conversation = at_step("warning-signs")

    turn = conversation.say("Yes. I've thought about how. I'm not going to tell you.", screening)

    assert turn.plan_line is None
    assert any(q in joined(turn) for q in wordings("plan.safer-surroundings.ask", "en"))


def test_a_bottle_at_hand_alone_is_the_means_not_something_that_helps() -> None:
    conversation = at_step("coping")

    turn = conversation.say("I'm at my apartment. Alone. Half a bottle of vodka left.")

    assert turn.plan_line is None
    assert any(q in joined(turn) for q in wordings("plan.safer-surroundings.ask", "en"))


def test_shame_about_someone_is_a_feeling_reflected_not_a_person_to_reach() -> None:
    conversation = at_step("people-to-ask")

    turn = conversation.say("He's going to be so disappointed in me")

    assert turn.plan_line is None
    assert any(w in joined(turn) for w in wordings("reflect.feeling", "en"))
