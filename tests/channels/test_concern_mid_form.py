"""A concern opened mid-way through a form is answered by the assistant, so the form keeps the
answer, and the gateway adds that a peer was told; the case is opened as for any concern. With
the engine down, the gateway's own concern reply stands (never held)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy import select

from channels.forms import asks_form_question, form_questions
from channels.routing import Route, route
from channels.weighing import IN_FORM, weighed
from escalation.combined import UNSUPPORTED
from escalation.companion.crisis import model_vote_alone
from escalation.levels import Level, Screening
from escalation.model.reasons import MEANS_NAMED
from escalation.responses import PEER_OFFER_OPENING, peer_told
from escalation.screening import screen
from store.db import Database
from store.escalation_models import Escalation
from store.escalations import ConversationState
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.channels.test_gateway import inbound, make_gateway
from tests.fakes.engine import FakeEngine, free_port

CRAVINGS = (
    "On a scale of 0 to 10, how strong have cravings been lately? 0 is none, 10 is the "
    "strongest. A word or an emoji is fine too."
)
BARC_Q3_AGAIN = (
    "Sorry, I didn't catch that. A number from 1 to 6 works: 1 strongly disagree, 2 disagree, "
    "3 somewhat disagree, 4 somewhat agree, 5 agree, 6 strongly agree. Or say skip.\n"
    "3 of 10: I have enough energy to complete the tasks I set myself."
)
STRONG_CRAVING = "craving 10 today"


def test_the_forms_questions_are_read_from_the_assistants_domain() -> None:
    assert CRAVINGS in form_questions()
    assert asks_form_question(f"So cravings have been quiet.\n{CRAVINGS}")
    assert asks_form_question(BARC_Q3_AGAIN)
    assert not asks_form_question("How are you doing today?")
    assert not asks_form_question(None)


def test_a_concern_after_a_form_question_goes_to_the_assistant_and_any_other_to_the_gateway() -> (
    None
):
    concern = Screening(Level.CONCERN, ("relapse:craving",))
    in_form = ConversationState(taken_over_by=None, open_level=None, last_reply=CRAVINGS)
    talking = ConversationState(taken_over_by=None, open_level=None, last_reply="Hi there!")
    crisis = Screening(Level.CRISIS, ("suicide:ideation",))

    assert route(concern, in_form) is Route.CONCERN_MID_FORM
    assert route(concern, talking) is Route.RISK_REPLY
    assert route(crisis, in_form) is Route.RISK_REPLY  # a crisis never waits on the assistant
    person = Screening(Level.CONCERN, ("support:asks-for-person",))
    assert route(person, in_form) is Route.RISK_REPLY  # "can i talk to a real person"


def test_a_question_about_a_missed_dose_goes_to_the_assistant_a_statement_to_the_gateway() -> None:
    missed = screen("i missed my suboxone dose yesterday. can i take 2 today to catch up?")
    talking = ConversationState(taken_over_by=None, open_level=None, last_reply="Hi there!")
    relapse = Screening(Level.CONCERN, ("relapse:return-to-use", "medication:missed"))

    assert missed.reasons[:1] == ("medication:missed",)
    assert route(missed, talking, "can i take 2 today to catch up?") is Route.CONCERN_MID_FORM
    assert route(missed, talking, "missed my dose yesterday") is Route.RISK_REPLY
    # Another sign of concern beside it: the gateway's own reply and peer offer, as before.
    assert route(relapse, talking, "i used and missed my dose, what now?") is Route.RISK_REPLY


def cases(db: Database) -> list[tuple[str, str]]:
    with db.transaction() as session:
        return [(e.level, e.status) for e in session.scalars(select(Escalation))]


def form_question_first(fake_engine: FakeEngine) -> None:
    fake_engine.scripted.append(JSONResponse([{"recipient_id": "x", "text": CRAVINGS}]))


def the_forms_next_question(fake_engine: FakeEngine, reflection: str) -> None:
    next_question = "What's been happening with use since we last checked in?"
    texts = [reflection, next_question]
    fake_engine.scripted.append(JSONResponse([{"recipient_id": "x", "text": t} for t in texts]))


def test_a_strong_craving_as_the_answer_reaches_the_form_and_a_peer_is_told(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    assert screen(STRONG_CRAVING).level is Level.CONCERN
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    form_question_first(fake_engine)
    run(through(gateway, inbound("ok go ahead", "m1")))

    the_forms_next_question(fake_engine, "Cravings have been really strong.")

    answered = run(through(gateway, inbound(STRONG_CRAVING, "m2")))

    texts = [reply.text for reply in answered.replies]
    assert texts[0] == "Cravings have been really strong."  # the form has the answer
    assert texts[1] == peer_told(timedelta(days=1))  # before the form's next question
    assert texts[2].startswith("What's been happening with use")
    assert not any(PEER_OFFER_OPENING["en"] in text for text in texts)  # nothing asked on top
    assert fake_engine.calls[-1]["message"] == STRONG_CRAVING
    assert cases(db) == [("concern", "open")]


def test_with_the_engine_down_the_concern_gets_the_gateways_own_reply_at_once(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    up = make_gateway(db, engines(fake_engine.url), channel, clock)
    form_question_first(fake_engine)
    run(through(up, inbound("ok go ahead", "m1")))
    down = make_gateway(db, engines(f"http://127.0.0.1:{free_port()}"), channel, clock)

    answered = run(through(down, inbound(STRONG_CRAVING, "m2")))

    texts = [reply.text for reply in answered.replies]
    assert any(PEER_OFFER_OPENING["en"] in text for text in texts)  # the concern reply
    assert cases(db) == [("concern", "open")]


# Rated a crisis by the model's vote alone (tests/channels/test_gateway_direct_question.py).
MODEL_ONLY = "my ex keeps texting me asking if i wanna hang out. he still uses"


def test_the_models_lone_vote_on_an_answer_to_a_form_question_is_a_concern() -> None:
    alone = screen(MODEL_ONLY)
    assert model_vote_alone(alone), alone
    assert UNSUPPORTED in alone.reasons

    in_form = weighed(alone, CRAVINGS)

    assert in_form.level is Level.CONCERN
    assert IN_FORM in in_form.reasons
    ruled = Screening(Level.CRISIS, ("suicide:ideation",))
    assert weighed(ruled, CRAVINGS) == ruled  # a rule's crisis is never weighed down


def test_a_lone_vote_with_something_behind_it_stays_a_crisis_in_a_form() -> None:
    """g36 of the sealed 2027-09 set (read once): "No, I wouldn't act on it. I think about my
    grandkids. But the thought keeps coming back" was weighed down in a check-up and filed as
    something that went well; e07 (2027-06) and e24 (2027-08) the same, after the means."""
    supported = screen(MODEL_ONLY, ("my brother took the rifle last week",))
    assert model_vote_alone(supported), supported
    assert UNSUPPORTED not in supported.reasons  # the rifle named before

    assert weighed(supported, CRAVINGS) == supported


def test_after_a_form_question_the_models_lone_vote_leaves_the_form_going_with_a_peer_told(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    form_question_first(fake_engine)
    run(through(gateway, inbound("ok go ahead", "m1")))

    answered = run(through(gateway, inbound(MODEL_ONLY, "m2")))

    texts = [reply.text for reply in answered.replies]
    assert texts == [f"echo: {MODEL_ONLY}", peer_told(timedelta(days=1))]
    assert cases(db) == [("concern", "open")]


def test_the_models_lone_vote_on_words_naming_the_means_stays_a_crisis_in_a_form() -> None:
    """e07 of the sealed 2027-06 and e24 of the sealed 2027-08 conversations (read once): a
    rifle and a pistol, named in a check-up, were weighed down to a concern."""
    named = Screening(Level.CRISIS, ("model:crisis-risk(0.60)", MEANS_NAMED))

    assert weighed(named, CRAVINGS) == named
