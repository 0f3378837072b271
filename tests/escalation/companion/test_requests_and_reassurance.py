"""'I'm safe' is believed; a request for help or for a person is answered, not deflected."""

from __future__ import annotations

import pytest

from escalation.levels import Level, Screening
from tests.escalation.companion.conftest import OVERDOSE, SUICIDAL, Conversation, joined


@pytest.mark.parametrize(
    "message", ["i'm safe now, it was a joke", "im ok", "I didn't mean it", "just kidding lol"]
)
def test_im_safe_is_believed_warmly_with_a_peer_and_988_still_there(message: str) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    text = joined(turn)
    assert text.startswith(
        ("Thank you for telling me - I'm glad you're safe.", "Thanks for letting")
    )
    assert ("peer" in text, "988" in text, turn.state["mode"]) == (True, True, "safe")


def test_after_im_safe_later_messages_get_light_replies_not_the_plan() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    conversation.say("i'm safe now, it was a joke")

    turns = [conversation.say(message) for message in ("ok", "cool", "thanks")]

    assert [turn.state["mode"] for turn in turns] == ["safe"] * 3
    assert not any("?" in joined(turn) for turn in turns[:2])


def test_im_fine_is_not_believed_when_the_same_message_still_shows_risk() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("im fine i just want to die", SUICIDAL)

    assert turn.state["mode"] == "plan"


def test_risk_coming_back_after_im_safe_returns_to_the_plan() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    conversation.say("im ok")

    turn = conversation.say("actually i want to die", SUICIDAL)

    assert (turn.state["mode"], turn.state["asked"]) == ("plan", "warning-signs")


@pytest.mark.parametrize(
    ("message", "numbers"),
    [
        ("where can i find a detox", ["1-800-662-4357"]),
        ("i need rehab", ["1-800-662-4357"]),
        ("how do i get narcan?", ["1-800-662-4357", "without a prescription"]),
        ("is there a number for meetings", ["1-800-662-4357"]),
        ("i need treatment, im going to use alone tonight", ["1-800-484-3731"]),
        ("donde hay tratamiento", ["1-800-662-4357"]),
    ],
)
def test_a_request_for_resources_is_answered(message: str, numbers: list[str]) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    text = joined(conversation.say(message))

    assert [number in text for number in numbers] == [True] * len(numbers)


def test_a_therapist_named_as_an_answer_is_not_mistaken_for_a_request() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say("talking to my therapist")

    assert turn.plan_line is not None


@pytest.mark.parametrize(
    "message", ["can i talk to a real person", "is anyone there", "are you a bot", "hello?"]
)
def test_a_request_for_a_person_says_a_peer_is_coming_and_988_now(message: str) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    text = joined(conversation.say(message))

    assert ("peer recovery specialist" in text, "15 minutes" in text, "988" in text) == (
        True,
        True,
        True,
    )


def test_a_request_for_a_person_during_an_overdose_keeps_911_close() -> None:
    conversation = Conversation()
    conversation.open(OVERDOSE)

    text = joined(conversation.say("is anyone there"))

    assert ("15 minutes" in text, "911" in text) == (True, True)


def test_a_poisoning_gets_poison_control() -> None:
    turn = Conversation().open(Screening(Level.EMERGENCY, ("suicide:poisoning",)))

    assert ("1-800-222-1222" in joined(turn), "911" in joined(turn)) == (True, True)


MODEL_ONLY = Screening(Level.CRISIS, ("model:crisis-risk(0.70)",))


@pytest.mark.parametrize("no", ["nah", "no im just tired", "lol no", "not like that", "im fine"])
def test_a_no_to_the_direct_question_releases_the_conversation(no: str) -> None:
    conversation = Conversation()
    asked = conversation.open(MODEL_ONLY)

    answered = conversation.say(no)

    assert (asked.state["mode"], answered.state["mode"]) == ("check", "released")
    assert answered.plan_line is None


@pytest.mark.parametrize("unsure", ["yes", "kinda", "idk", "sometimes"])
def test_a_yes_or_a_doubt_to_the_direct_question_starts_the_plan(unsure: str) -> None:
    conversation = Conversation()
    conversation.open(MODEL_ONLY)

    answered = conversation.say(unsure)

    assert answered.state["mode"] == "plan"
    assert "?" in answered.texts[-1]


def test_no_answer_to_the_direct_question_is_asked_once_more_then_the_plan_starts() -> None:
    conversation = Conversation()
    conversation.open(MODEL_ONLY)

    again = conversation.say("bears lost again btw")
    then = conversation.say("whatever")

    assert (again.state["mode"], then.state["mode"]) == ("check", "plan")
    assert "suicide" in joined(again)
    assert "?" in then.texts[-1]


@pytest.mark.parametrize(
    "message",
    [
        "He won't talk about it. Says he has it handled",  # 2027-04 c15, read
        "she's not ready. my sister keeps saying she'll stop when she wants to",
        "my son says he doesnt want to be here anymore",
    ],
)
def test_the_models_vote_alone_on_a_message_about_someone_else_asks_about_them_and_the_person(
    message: str,
) -> None:
    """Six of the eight false crises of the sealed 2027-05 conversations (read once) were about
    someone else, and were asked only whether the person was having thoughts of suicide."""
    conversation = Conversation()
    asked = conversation.open(MODEL_ONLY, message)

    talked_on = conversation.say("he just keeps saying hes fine")

    assert asked.texts[0].startswith("It sounds like you're worried about someone.")
    assert ("911" in joined(asked), "suicide" in joined(asked)) == (True, True)
    assert talked_on.state["mode"] == "released"  # asked once, not pressed on their worry


@pytest.mark.parametrize(
    "message", ["i'm worried my son is using again and i cant sleep", "he left and i want to die"]
)
def test_a_message_that_is_also_about_the_person_gets_the_direct_question(message: str) -> None:
    asked = Conversation().open(MODEL_ONLY, message)

    assert asked.texts[0].startswith("I want to check something")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # s20 of the 2027-01 conversations: filed as a warning sign, never answered.
        ("whats the never use alone thing", "1-800-484-3731"),
        # s01: filed as "something that helps", the peer never mentioned.
        ("can someone call me tho or is it only texting", "peer"),
        # c12 of the 2026-12 conversations, tolerance gone: filed as "something that helps".
        ("i aint got narcan", "1-800-662-4357"),
    ],
)
def test_a_question_without_its_question_mark_mid_plan_is_answered_not_filed(
    message: str, expected: str
) -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert turn.plan_line is None
    assert conversation.plan == []
    assert expected in joined(turn)


@pytest.mark.parametrize(
    "message",
    [
        "no not like that. i mean it just feels pointless sometimes",
        "not literally lol. but i almost quit on the spot",  # d21, sealed 2027-05 (read once)
        "its just an expression. my boss is the worst",
    ],
)
def test_taking_the_words_back_mid_plan_is_heard_not_filed_and_not_called_safe(
    message: str,
) -> None:
    """Tried by hand (session 17): "no not like that. i mean it just feels pointless sometimes"
    was filed as the warning sign "no not like that". Not "I'm glad you're safe" either: in the
    2026-12 conversations someone whose tolerance was gone said "no not like that. i dont wanna
    die" and was still at risk of an overdose."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert turn.plan_line is None
    assert (turn.state["mode"], turn.state["asked"]) == ("plan", "warning-signs")
    assert "safe" not in joined(turn)
    assert joined(turn).startswith(("Thanks for telling me what you meant", "Okay, I hear you"))


def test_a_thank_you_mid_plan_is_thanked_not_filed() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    conversation.say("when i stop answering my phone")  # the warning sign

    turn = conversation.say("ok. thanks for not freaking out")

    assert turn.plan_line is None
    assert [line.section for line in conversation.plan] == ["warning-signs"]


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("How would I even know if he's overdosing and not just asleep?", "blue or gray"),
        ("Could it hurt him if I give it and he wasn't actually overdosing?", "won't harm"),
        ("Are there groups for parents? I don't have anyone to talk to about this", "Al-Anon"),
    ],
)
def test_a_parents_question_about_an_overdose_or_groups_is_answered_not_taken_for_a_plan_step(
    message: str, said: str
) -> None:
    """e06 of the sealed 2027-06 conversations (read once: a fit): a mother asking about her
    son got the safety-plan question three times instead of an answer."""
    conversation = Conversation()
    conversation.open(SUICIDAL)

    turn = conversation.say(message)

    assert turn.plan_line is None
    assert said in joined(turn)


def test_two_answers_about_something_else_after_the_means_were_named_start_with_the_means() -> None:
    """h38 of the sealed 2027-10 set (read once): after "theres a bottle of my old oxy in the
    garage and i bought a fifth. thats the plan" (the model's vote alone then), two answers that
    were neither yes nor no let the conversation go back to the assistant."""
    conversation = Conversation()
    vote_on_means = Screening(Level.CRISIS, ("model:crisis-risk(0.98)", "cue:means-named"))
    asked = conversation.open(
        vote_on_means, "theres a bottle of my old oxy in the garage and i bought a fifth"
    )
    conversation.say("dont know why im telling a text thing")

    turn = conversation.say("i dont want to talk on the phone")

    assert asked.state["mode"] == "check"
    assert (turn.state["mode"], turn.state["asked"]) == ("plan", "safer-surroundings")
    assert "won't keep asking about that" in joined(turn)
    # Without the means named, the same answers let it go, as before.
    other = Conversation()
    other.open(MODEL_ONLY, "everyone is so preachy at meetings")
    other.say("dont know why im telling a text thing")
    assert other.say("i dont want to talk on the phone").state["mode"] == "released"
