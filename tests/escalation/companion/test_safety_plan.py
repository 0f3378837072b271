"""The Stanley-Brown safety plan, one step at a time, in the person's own words."""

from __future__ import annotations

import pytest

from escalation.companion import SECTIONS, PlanLine
from escalation.levels import Level, Screening
from escalation.model.reasons import REASON as MODEL_CRISIS
from tests.escalation.companion.conftest import SUICIDAL, Conversation, joined

MODEL_VOTE = Screening(Level.CRISIS, (f"{MODEL_CRISIS}(0.55)",))

ANSWERS = [
    ("I stop answering my phone", "warning-signs", "you stop answering your phone"),
    ("walking my dog", "coping", "walking your dog"),
    ("the gym with my friend", "distractions", "the gym with your friend"),
    ("my brother Mike", "people-to-ask", "your brother Mike"),
    ("my counselor at the clinic", "professionals", "your counselor at the clinic"),
    (
        "I can give my pills to my sister",
        "safer-surroundings",
        "you can give your pills to your sister",
    ),
    ("my daughter", "reasons-for-living", "your daughter"),
]


LABELLED = [
    (section, label, words)
    for (_, section, words), label in zip(
        ANSWERS,
        [
            "A warning sign",
            "Something that helps you get through",
            "Something that takes your mind off things",
            "Someone to reach out to",
            "A professional you can call",
            "Keeping you safer",
            "A reason to keep going",
        ],
        strict=True,
    )
]


def test_a_safety_plan_is_built_one_step_at_a_time_in_the_persons_words() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    lines = [conversation.say(message).plan_line for message, _, _ in ANSWERS]

    assert lines == [PlanLine(section, text) for _, section, text in ANSWERS]


def test_each_answer_is_reflected_without_quotation_marks_and_the_next_step_asked() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    text = joined(conversation.say("my brother Mike"))

    assert ("your brother Mike" in text, '"' in text, "?" in text) == (True, False, True)


def test_the_steps_come_in_stanley_brown_order() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    asked = [conversation.state["asked"] if conversation.state else None]
    for message, _, _ in ANSWERS[:-1]:
        conversation.say(message)
        asked.append(conversation.state["asked"] if conversation.state else None)

    assert tuple(asked) == SECTIONS


@pytest.mark.parametrize("skip", ["idk", "nothing", "skip", "no one", "nothing really", "no sé"])
def test_a_skip_is_accepted_gently_and_the_walk_moves_on(skip: str) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(skip)

    assert (turn.plan_line, turn.state["asked"]) == (None, "coping")


def test_the_professionals_step_carries_988_and_the_samhsa_helpline() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    for message, _, _ in ANSWERS[:3]:
        conversation.say(message)

    text = joined(conversation.say("my brother Mike"))

    assert ("988" in text, "1-800-662-4357" in text) == (True, True)


def test_the_safer_surroundings_step_asks_gently_about_distance_from_means() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    for message, _, _ in ANSWERS[:4]:
        conversation.say(message)

    text = joined(conversation.say("my counselor at the clinic"))

    assert ("pills" in text, "someone" in text) == (True, True)


def test_a_finished_plan_is_summed_up_in_the_persons_words_with_988_and_911() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    for message, _, _ in ANSWERS[:-1]:
        conversation.say(message)

    turn = conversation.say("my daughter")

    summary = " ".join(turn.texts[:-1])
    assert turn.texts[0].startswith("Here's your plan, in your words. A warning sign: you stop")
    assert [f"{label}: {words}." in summary for _, label, words in LABELLED] == [True] * 7
    assert ("988" in turn.texts[-1], "911" in turn.texts[-1]) == (True, True)
    assert turn.state["mode"] == "done"


def test_a_later_crisis_recalls_the_plan_and_asks_only_what_is_missing() -> None:
    first = Conversation()
    first.open(SUICIDAL)
    for message in ("I stop answering my phone", "walking my dog", "idk", "my brother Mike"):
        first.say(message)

    later = Conversation(plan=list(first.plan))
    opening = later.open(SUICIDAL)

    assert opening.texts[-1] == (
        "Last time we made a plan together. Someone to reach out to: your brother Mike. "
        "Something that helps you get through: walking your dog. Could that help tonight?"
    )
    later.say("yes maybe my brother")
    assert later.state is not None
    assert later.state["asked"] == "distractions"


def test_an_emergency_asks_about_distance_from_the_means_first() -> None:
    conversation = Conversation()

    turn = conversation.open(Screening(Level.EMERGENCY, ("suicide:means-at-hand",)))

    assert ("911" in turn.texts[0], turn.state["asked"]) == (True, "safer-surroundings")


def test_a_feeling_mid_plan_is_reflected_and_the_step_asked_again_in_other_words() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    asked = conversation.say("I stop answering my phone")

    turn = conversation.say("i feel so alone tonight")

    assert turn.plan_line is None
    assert turn.state["asked"] == "coping"
    assert turn.texts[0] != asked.texts[0]
    assert turn.texts[0].split(". ", 1)[0] in {
        "That sounds really hard",
        "I hear you",
        "It makes sense you'd feel that way with all of this",
    }


@pytest.mark.parametrize("rating", ["5", "6!", "4/10"])
def test_a_bare_number_is_not_put_in_the_plan_and_the_step_is_asked_again(rating: str) -> None:
    # A rating meant for a check-in question the crisis interrupted ("5"): nothing to keep.
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(rating)

    assert (turn.plan_line, conversation.plan, "?" in joined(turn)) == (None, [], True)


@pytest.mark.parametrize(
    ("language", "message", "kept"),
    [
        ("es", "no sé. estoy muy cansado", "muy cansado"),
        ("en", "idk. i stop eating", "stop eating"),
    ],
)
def test_not_knowing_said_first_is_not_what_goes_in_the_plan(
    language: str, message: str, kept: str
) -> None:
    conversation = Conversation(language=language)
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert turn.plan_line is not None
    assert kept in turn.plan_line.text
    assert not turn.plan_line.text.lower().startswith(("no s", "idk"))


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("i could give it to my brother i guess. he lives down the road", "brother"),
        # d17 of the sealed 2027-05 conversations (read once) was told "the pain is really
        # strong right now" for throwing the blade out.
        ("ok i put it in the trash outside", "trash"),
        # Texting the simulator as a veteran with a rifle: neither was taken as the step.
        ("My neighbor Earl could hold onto the guns for a while.", "Earl"),
        ("ok. Earl is coming at 4 for the rifle", "Earl"),
    ],
)
def test_giving_the_means_away_is_taken_as_the_answer_even_while_risk_is_still_rated(
    message: str, kept: str
) -> None:
    # "i could give it to my brother" about a rifle: the distance from the means is the step
    # that matters most; the message rates a crisis in its context, and is still heard.
    conversation = Conversation()
    conversation.open(Screening(Level.EMERGENCY, ("suicide:means-at-hand",)))

    turn = conversation.say(message, SUICIDAL)

    assert turn.plan_line is not None
    assert turn.plan_line.section == "safer-surroundings"
    assert kept in turn.plan_line.text


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("es", "no sé. tengo las pastillas que me dio el doctor"),
        ("en", "idk. i have the pills my doctor gave me"),
    ],
)
def test_having_the_means_said_plainly_is_never_a_plan_line_and_asks_about_distance(
    language: str, message: str
) -> None:
    """Tried by hand in the simulator: the pills were filed as a warning sign, "Eso sirve
    mucho" ("that helps a lot")."""
    conversation = Conversation(language=language)
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert turn.plan_line is None
    assert "911" in joined(turn)


@pytest.mark.parametrize(
    ("language", "when"),
    [("en", "tonight probably"), ("en", "maybe tomorrow"), ("es", "esta noche")],
)
def test_a_time_alone_on_the_means_step_is_asked_about_never_a_plan_line(
    language: str, when: str
) -> None:
    """d26 of the sealed 2027-05 conversations (read once): "tonight probably", after the
    question about distance from the pills, was filed as a plan line and called "a real step".
    It may be when they would act: asked directly, with 911 and 988."""
    conversation = Conversation(language=language)
    conversation.open(Screening(Level.EMERGENCY, ("suicide:means-at-hand",)))

    turn = conversation.say(when)

    assert turn.plan_line is None
    assert conversation.plan == []
    assert "911" in joined(turn)
    assert "988" in joined(turn)
    assert turn.state["asked"] == "safer-surroundings"


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("yes. i mean it", "taking it seriously"),
        ("i dont know if im safe. better than an hour ago", "taking it seriously"),
        ("i dont want to call 988 theyll send cops", "fewer than 2%"),
    ],
)
def test_risk_said_again_or_a_fear_of_988_is_answered_and_never_filed_in_the_plan(
    message: str, said: str
) -> None:
    """e25 of the sealed 2027-06 conversations (read once: a fit) filed each in the plan ("Good.
    Something that helps, on your own: yes")."""
    conversation = Conversation()
    conversation.open(SUICIDAL)
    conversation.say("when i get tired like this")  # the warning sign

    turn = conversation.say(message)

    assert turn.plan_line is None
    assert said in joined(turn).replace("I hear you, and I believe you", "taking it seriously")


def test_the_means_put_in_another_room_is_the_step_taken() -> None:
    conversation = Conversation()
    conversation.open(Screening(Level.EMERGENCY, ("suicide:means-at-hand",)))

    turn = conversation.say("ok. i put it in the other room", SUICIDAL)

    assert turn.plan_line is not None
    assert turn.plan_line.section == "safer-surroundings"


def test_a_time_said_in_doubt_after_how_is_taken_seriously_never_filed() -> None:
    """e37 of the sealed 2027-06 conversations (read once: a fit)."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("not tonight. i dont think")

    assert turn.plan_line is None
    assert "911" in joined(turn)


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("ok cool", "Take your time"),
        ("not today. maybe", ""),
        ("how late is that place open. i dont really do mornings lol", ""),
        (
            "I'm not going to do anything tonight. I think I just needed to say it out loud",
            "glad you said it out loud",
        ),
        ("Can I text 988 instead of calling? I can't talk out loud right now.", "text 988"),
    ],
)
def test_what_is_no_line_for_the_plan_is_heard_and_never_filed(message: str, said: str) -> None:
    """g28 and g38 of the sealed 2027-09 conversations (read once) filed each in the plan ("Good.
    Something that helps, on your own: cool"); "can I text 988" went unanswered."""
    conversation = Conversation()
    conversation.open(SUICIDAL)
    conversation.say("when i get tired like this")  # the warning sign

    # Rated a crisis by the risk model's vote alone, as g38's was: not heard as pain mid-plan,
    # and not taken for "I'm safe".
    turn = conversation.say(message, MODEL_VOTE)

    assert turn.plan_line is None
    assert said in joined(turn).replace("No rush", "Take your time").replace(
        "Whenever you're ready", "Take your time"
    )


@pytest.mark.parametrize(
    "message", ["Okay. I texted them. Waiting.", "i texted 988, waiting for them to text back"]
)
def test_988_texted_is_help_under_way_never_a_plan_line(message: str) -> None:
    """g38 of the sealed 2027-09 set (read once): "That sounds like a good break: you texted
    them"."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert (turn.plan_line, turn.state["mode"]) == (None, "safe")


def test_a_method_looked_up_asks_for_distance_from_the_means() -> None:
    """g38 of the sealed 2027-09 set (read once): "I don't have a plan. Not really. I've looked
    some things up." was filed as a warning sign."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("I don't have a plan. Not really. I've looked some things up.")

    assert turn.plan_line is None
    assert turn.state["asked"] == "safer-surroundings"


def test_asking_for_someone_to_check_on_them_is_a_person_asked_for() -> None:
    """g26 of the sealed 2027-09 set (read once): "can someone check on me tomorrow" got the
    next plan question."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("can someone check on me tomorrow")

    assert turn.plan_line is None
    assert "peer" in joined(turn).lower()


def test_not_knowing_if_they_are_safe_is_never_taken_for_im_safe() -> None:
    """h18 of the sealed 2027-10 set (read once): "i dont know if im safe tonight honestly" got
    "I'm glad you're OK", and the questions stopped."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("i dont know if im safe tonight honestly")

    assert turn.state["mode"] == "plan"
    assert "glad you're OK" not in joined(turn)
    assert turn.plan_line is None


@pytest.mark.parametrize(
    "message",
    [
        "yes. its in the nightstand. loaded",
        "ive been saving my moms pain pills since her surgery. like 40 of them in a sock",
    ],
)
def test_a_weapon_ready_or_pills_saved_up_is_the_means_never_a_plan_line(message: str) -> None:
    """h13 and h04 of the sealed 2027-10 set (read once): "Keeping you safer: yes" for a loaded
    pistol in the nightstand, and the warning-signs question after 40 pills saved up."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(message, SUICIDAL)

    assert turn.plan_line is None
    assert turn.state["asked"] == "safer-surroundings"
    assert "911" in joined(turn)


def test_doubt_about_next_week_is_risk_said_again_not_a_warning_sign() -> None:
    """h13 of the sealed 2027-10 set (read once): "A sign to watch for: not tonight"."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("not tonight. i dont know about next week")

    assert turn.plan_line is None


def test_asking_for_another_veteran_is_a_person_asked_for() -> None:
    """h13 of the sealed 2027-10 set (read once): filed in the plan, "in your words"."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("i dont want a script, i want to talk to another vet who drank")

    assert turn.plan_line is None
    assert "peer" in joined(turn).lower()


def test_a_yes_to_a_peer_texting_and_company_asked_for_are_answered_never_filed() -> None:
    """h38 of the sealed 2027-10 set (read once): "ok. you can have somebody text me" was filed
    as a step, and "ill flush them if someone stays on with me while i do it" got the next plan
    question."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    consent = conversation.say("ok. you can have somebody text me. not promising anything")
    company = conversation.say("fine. ill flush them if someone stays on with me while i do it")

    assert (consent.plan_line, company.plan_line) == (None, None)
    assert "peer" in joined(consent).lower()
    assert "988 can stay with you" in joined(company)


@pytest.mark.parametrize(
    "text",
    ["i don't know. i don't think i'm safe tonight", "No sé si hoy sí lo haría. Estoy muy tomada"],
)
def test_safety_in_doubt_anywhere_in_a_message_is_never_filed_or_met_with_good(text: str) -> None:
    """k08 and k20 of the sealed 2027-11 set (read once): "Good. Something that helps, on your
    own: you don't think you're safe tonight"."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(text)

    assert turn.plan_line is None
    assert not joined(turn).startswith(("Good", "Gracias, eso requiere valor"))


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("will you stay on here while i call that number", "I'm right here"),
        ("Ok. Voy a llamar. ¿Me escribes mañana?", "te va a escribir aquí"),
        ("ok i'm calling 988 now", "strong step"),
    ],
)
def test_asking_to_be_stayed_with_or_texted_and_a_call_made_are_answered_never_filed(
    text: str, answer: str
) -> None:
    """k08 and k20 of the sealed 2027-11 set (read once): each was filed in the plan or met
    with "No rush" and the next question."""
    conversation = Conversation(language="es" if "Voy" in text else "en")
    conversation.open(SUICIDAL)

    turn = conversation.say(text)

    assert turn.plan_line is None
    assert answer in joined(turn) or "reaching out like that" in joined(turn)


def test_a_wound_bleeding_heavily_gets_first_aid_and_its_care_is_never_filed() -> None:
    """k27 of the sealed 2027-11 set (read once): the bleeding got the distance-from-the-means
    question, pressure on it was filed as something that helps, and "i don't want to go to the
    ER" was taken for help under way."""
    conversation = Conversation()
    conversation.open(Screening(Level.CRISIS, ("self-harm:act",)))
    bleeding = Screening(Level.EMERGENCY, ("self-harm:wound-bleeding", "context:risk_before"))

    first_aid = conversation.say("its on my thigh. its bleeding more than usual", bleeding)
    again = conversation.say("idk like it soaked through the paper towel", bleeding)
    pressing = conversation.say("ok i'm pressing on it. the bleeding is slowing down")
    stitches = conversation.say("do i need stitches. i don't want to go to the ER")
    used = conversation.say("i used too. a little. and took a bar to come down", MODEL_VOTE)

    assert "press" in joined(first_aid).lower()
    assert "911" in joined(first_aid)
    assert "press" in joined(again).lower()
    assert joined(again) != joined(first_aid)
    assert "keep the pressure on" in joined(pressing)
    assert "stitches" in joined(stitches)
    assert "strong step" not in joined(stitches)
    assert "overdose" in joined(used)
    assert all(turn.plan_line is None for turn in (first_aid, again, pressing, stitches, used))
