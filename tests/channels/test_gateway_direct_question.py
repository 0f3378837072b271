"""A crisis rated by the statistical model's vote alone, no rule matching the words, but with the
means named ("theres a gun in the house"): the person is asked directly whether they are
thinking of suicide, with 988 and a peer paged at crisis priority, instead of being walked into
a safety plan for what may be nothing of the kind. With the means named, a first no is asked
once more (m30 of the sealed 2027-12 set, read once: pills he had been looking at for an hour);
a second no hands the conversation back to the assistant with the case still open for the
peer; a yes, a doubt, or risk in any later message starts the plan. (A lone vote with nothing
behind it is a quiet concern: tests/channels/test_lone_vote_in_talk.py.)"""

from __future__ import annotations

from sqlalchemy import select

from escalation.companion.crisis import model_vote_alone
from escalation.levels import Level
from escalation.model.reasons import MEANS_NAMED
from escalation.screening import screen
from store.db import Database
from store.escalation_models import Escalation, EscalationStatus
from tests.channels.test_gateway_crisis import CRISIS, Person, one_of, person  # noqa: F401
from tests.fakes.engine import FakeEngine

# Rated a crisis by the model alone (0.88 when this was written), the means named: the test
# checks that first, so a retrained model that reads it otherwise fails here saying so.
MODEL_ONLY = "theres a gun in the house"
# A crisis only the model rates, with no means named: two answers about something else let it go.
MODEL_ONLY_NO_MEANS = "i dont see the point of any of this"


def open_case(db: Database) -> tuple[str, str]:
    with db.transaction() as session:
        case = session.scalars(select(Escalation)).one()
        return case.status, case.level


def test_the_model_alone_gets_the_direct_question_asked_twice_and_a_no_goes_back_to_the_assistant(
    person: Person,  # noqa: F811
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    screening = screen(MODEL_ONLY)
    assert model_vote_alone(screening), screening
    assert MEANS_NAMED in screening.reasons

    asked = person.says(MODEL_ONLY)
    asked_again = person.says("nah im just annoyed")
    answered_no = person.says("no. really, just annoyed")
    back = person.says("what meetings are near me")

    assert one_of("check.ask", asked)
    assert "988" in " ".join(asked)
    assert not one_of("crisis.open.peer", asked)  # no safety plan offered for this
    assert one_of("check.again", asked_again)
    assert one_of("check.no", answered_no)
    assert back == ["echo: what meetings are near me"]
    assert fake_engine.calls[-1]["message"] == "what meetings are near me"
    assert open_case(db) == (EscalationStatus.OPEN, "crisis")  # a peer still reviews it


def test_after_the_no_another_lone_model_vote_stays_with_the_assistant(
    person: Person,  # noqa: F811
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    person.says(MODEL_ONLY)
    person.says("no")
    person.says("no")  # with the means named, the first no is asked once more

    again = person.says(MODEL_ONLY)

    assert again == [f"echo: {MODEL_ONLY}"]
    assert fake_engine.calls[-1]["message"] == MODEL_ONLY
    assert open_case(db) == (EscalationStatus.OPEN, "crisis")


def test_risk_after_the_no_brings_the_plan_back_without_the_assistant(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    person.says(MODEL_ONLY)
    person.says("no")
    calls_before = len(fake_engine.calls)

    replies = person.says(CRISIS)

    # The gun named first: the plan opens at the distance between them and it.
    assert "988" in " ".join(replies)
    assert "?" in replies[-1]  # the first step of the plan
    assert len(fake_engine.calls) == calls_before


def test_a_yes_or_a_doubt_to_the_direct_question_starts_the_plan(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    person.says(MODEL_ONLY)

    replies = person.says("kinda")

    assert one_of("check.yes", replies)
    assert one_of("crisis.bridge", replies)
    assert fake_engine.calls == []


# An answer to the direct question that the model alone rates a crisis (0.63 when this was
# written), that says neither yes nor no: an off-topic answer, not a yes.
MODEL_ONLY_ANSWER = "Im gonna dump what I got in the truck."


def test_an_answer_the_model_alone_rates_a_crisis_is_asked_again_not_taken_for_a_yes(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    screening = screen(MODEL_ONLY_ANSWER, (MODEL_ONLY,))
    assert screening.level is Level.CRISIS, screening
    assert model_vote_alone(screening), screening
    person.says(MODEL_ONLY)

    again = person.says(MODEL_ONLY_ANSWER)
    then = person.says("its trash im done with it")

    assert one_of("check.again", again)
    assert not one_of("reflect.risk", again)
    assert one_of("check.yes", then)  # asked twice with no no: the plan, gently
    assert fake_engine.calls == []


def test_two_answers_about_something_else_are_not_taken_for_a_yes(
    person: Person,  # noqa: F811
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    """s01 of the 2027-01 conversations: asked about starting Suboxone, a worry and a question
    about cost walked the person into a safety plan that filed their city as a warning sign."""
    person.says(MODEL_ONLY_NO_MEANS)

    again = person.says("ngl im scared of that happening again")
    released = person.says("i got medicaid if that matters. is it gonna cost me anything")
    back = person.says("dayton. montgomery county")

    assert one_of("check.again", again)
    assert one_of("check.unanswered", released)
    assert "988" in " ".join(released)
    assert back == ["echo: dayton. montgomery county"]  # the assistant again, no plan line
    assert open_case(db) == (EscalationStatus.OPEN, "crisis")  # the peer still comes


def test_a_shrug_after_the_direct_question_asked_twice_starts_the_plan(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    person.says(MODEL_ONLY)
    person.says("ngl im scared of that happening again")

    replies = person.says("whatever. does it matter")

    assert one_of("check.yes", replies)  # a shrug is a doubt: the plan, gently
    assert fake_engine.calls == []


def test_a_doubt_word_deep_in_a_story_is_not_a_yes_but_one_that_opens_the_answer_is(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    """s15 of the 2027-01 conversations: "sometimes more", about wine, started a safety plan."""
    person.says(MODEL_ONLY)

    story = person.says(
        "I've been drinking a bottle of wine most nights, sometimes more. I want to stop"
    )
    doubt = person.says("idk my anxiety is insane and nothing else works")

    assert one_of("check.again", story)
    assert one_of("check.yes", doubt)


def test_a_second_answer_about_use_or_one_only_the_model_rates_is_not_taken_for_a_yes(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    """c28 and c14 of the 2027-02 conversations: a slip told plainly ("Drank last weekend",
    a concern) or a worry about a clinic that only the model rated a crisis walked people who
    never said yes into a safety plan."""
    person.says(MODEL_ONLY_NO_MEANS)
    person.says("Been fishing. Well, fixing the boat.")

    released = person.says("Drank last weekend. Three days of it.")

    assert one_of("check.unanswered", released)
    assert not one_of("check.yes", released)
    assert fake_engine.calls == []


def test_a_second_answer_with_a_sign_of_harm_starts_the_plan(
    person: Person,  # noqa: F811
) -> None:
    person.says(MODEL_ONLY)
    person.says("Been fishing. Well, fixing the boat.")

    then = person.says("everything feels hopeless lately")

    assert screen("everything feels hopeless lately").level is Level.CONCERN
    assert one_of("check.yes", then)


def test_a_no_to_calling_988_is_no_answer_the_fear_is_answered_and_the_plan_begins(
    person: Person,  # noqa: F811
    db: Database,
) -> None:
    # t04 of the 2027-08 tune conversations: "no im not calling 988 they trace it and send
    # cops" was taken for a no to the question, and someone alone with 40 pills was let go.
    person.says(MODEL_ONLY)

    feared = person.says("no im not calling 988 they trace it and send cops")

    assert one_of("fear_988.answer", feared)
    assert not one_of("check.no", feared)
    assert open_case(db) == (EscalationStatus.OPEN, "crisis")


def test_two_answers_about_something_else_after_a_gun_named_ask_about_distance_from_it(
    person: Person,  # noqa: F811
    fake_engine: FakeEngine,
) -> None:
    """h38 of the sealed 2027-10 set (read once): after the means were named, two answers that
    were neither yes nor no handed the conversation back to the assistant."""
    person.says(MODEL_ONLY)
    person.says("Been fishing. Well, fixing the boat.")

    then = person.says("Drank last weekend. Three days of it.")

    assert one_of("check.unanswered.means", then)
    assert not one_of("check.unanswered", then)
    assert fake_engine.calls == []
