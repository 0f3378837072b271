"""The crisis path through the gateway (issue 14), with the fake engine: the companion answers
each message while an emergency or crisis is open, a safety plan is built and recalled, a peer's
takeover keeps the gateway quiet while the peer hears of each message, risk rises within one
escalation, and a resolved or handed-back person is with the assistant again. The real screener
screens every message unless a test says otherwise."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from channels.gateway import Gateway
from channels.keywords import WARMLINE, stop_confirmation_es
from escalation import casework
from escalation.companion import emergency_with_peer
from escalation.companion.texts import wordings
from escalation.levels import Level
from escalation.policy import alert_text
from escalation.responses import HOLDING_REPLY, back_from_peer
from escalation.screening import screen
from escalation.service import EscalationPolicy
from store import participants, safety_plans
from store.db import Database
from store.episodes import SUPERSEDED
from store.escalation_models import (
    AlertKind,
    Escalation,
    EscalationStatus,
    OutcomeKind,
    PeerAlert,
)
from store.escalations import Outcome
from store.models import Direction, InboundStatus, Participant
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.channels.test_gateway import ADDRESS, inbound, make_gateway, rows
from tests.fakes.engine import FakeEngine, free_port

PEER = "Ana"  # the peer on call in the `policy` fixture; Sam is the supervisor

OVERDOSE = "my friend overdosed hes not breathing"
# Each follow-up, the companion.yml step it calls for, and a phrase every wording of it has.
OVERDOSE_STEPS = [
    ("what do i do", "od.next.call", "one spray in one nostril"),
    ("we dont have narcan", "od.no_naloxone", "1 breath every 5 seconds"),
    ("ok i called 911", "od.good_samaritan", "Good Samaritan"),
    ("hes breathing again", "od.breathing", "30-90 minutes"),
    ("thank you", "od.thanks", "with them"),
    ("ok", "od.check_in_breathing", "breathing slows"),
]
CRISIS = "i want to kill myself"


class Person:
    """Someone texting the warmline: each message with its own channel id, answered in full."""

    def __init__(self, run: Run[Any], gateway: Gateway) -> None:
        self.run = run
        self.gateway = gateway
        self.turns: list[list[str]] = []  # the replies to each message, in order
        self._ids = itertools.count(1)

    def says(self, text: str) -> list[str]:
        answered = self.run(through(self.gateway, inbound(text, f"m{next(self._ids)}")))
        self.turns.append([reply.text for reply in answered.replies])
        return self.turns[-1]

    def replies(self) -> list[str]:
        """Every reply text, in the order sent, over the whole conversation."""
        return [text for turn in self.turns for text in turn]


def person_id(db: Database) -> int:
    with db.transaction() as session:
        participant_id = participants.participant_id_of(session, ADDRESS)
        assert participant_id is not None
        return participant_id


def the_escalation(db: Database) -> Escalation:
    with db.transaction() as session:
        return session.scalars(select(Escalation)).one()


def alerts(db: Database, kind: AlertKind | None = None) -> list[PeerAlert]:
    with db.transaction() as session:
        query = select(PeerAlert).order_by(PeerAlert.id)
        if kind is not None:
            query = query.where(PeerAlert.kind == kind)
        return list(session.scalars(query))


def said_by(alerts_: Sequence[PeerAlert]) -> list[tuple[str, str]]:
    return sorted((alert.recipient, alert.address) for alert in alerts_)


def one_of(key: str, texts: Sequence[str], language: str = "en") -> bool:
    """Whether one of the step's wordings in companion.yml is among the texts (a {placeholder},
    such as the wait, stands for any words)."""
    joined = " ".join(texts)
    return any(_wording(w).search(joined) for w in wordings(key, language))


def _wording(text: str) -> re.Pattern[str]:
    return re.compile(".+?".join(map(re.escape, re.split(r"\{\w+\}", text))))


def resolve(db: Database, clock: Clock, kind: OutcomeKind, note: str = "talked") -> None:
    with db.transaction() as session:
        case = session.scalars(select(Escalation)).one()
        assert casework.resolve(session, case.id, PEER, Outcome(note, kind), clock())


@pytest.fixture
def person(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    policy: EscalationPolicy,
) -> Person:
    """One person texting a gateway with the peers on call and the fake engine up."""
    return Person(run, make_gateway(db, engines(fake_engine.url), channel, clock, policy=policy))


def repeats(texts: Sequence[str]) -> list[str]:
    return [after for before, after in itertools.pairwise(texts) if before == after]


def test_an_overdose_gets_the_right_step_for_each_follow_up_with_911_every_turn_and_no_engine(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:

    opening = person.says(OVERDOSE)
    assert one_of("od.open.call", opening)
    assert one_of("od.open.breathe", opening)
    for text, step, phrase in OVERDOSE_STEPS:
        clock.advance(timedelta(seconds=20))
        turn = person.says(text)
        assert (text, one_of(step, turn), phrase in " ".join(turn)) == (text, True, True), turn

    assert fake_engine.calls == []
    assert repeats(person.replies()) == []  # over the whole conversation
    assert [("911" in " ".join(turn)) for turn in person.turns] == [True] * 7
    assert [text for _, text in channel.sent] == person.replies()
    assert the_escalation(db).level == "emergency"


def test_a_safety_plan_is_stored_in_second_person_and_recalled_in_a_later_crisis(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    clock: Clock,
) -> None:

    opening = person.says(CRISIS)
    assert one_of("crisis.open.ack", opening)
    assert one_of("plan.warning-signs.ask", opening)
    answers = [
        "when i stop answering my phone",
        "going for a walk with my dog",
        "the coffee shop on my street",
        "my sister",
    ]
    reflected = [" ".join(person.says(answer)) for answer in answers]

    with db.transaction() as session:
        plan = safety_plans.lines_of(session, person_id(db))
    assert plan == [
        ("warning-signs", "when you stop answering your phone"),
        ("coping", "going for a walk with your dog"),
        ("distractions", "the coffee shop on your street"),
        ("people-to-ask", "your sister"),
    ]
    assert "your sister" in reflected[-1]
    for answer, reply in zip(answers, reflected, strict=True):
        assert answer not in reply  # reflected, never quoted back in their words
        assert '"' not in reply
        assert "\u201c" not in reply
    assert fake_engine.calls == []

    resolve(db, clock, OutcomeKind.SUPPORTED, "talked it through, safe tonight")
    clock.advance(timedelta(days=3))
    again = " ".join(person.says("i cant do this anymore i want to die"))

    assert "your sister" in again
    assert "Last time we made a plan together" in again
    assert repeats(person.replies()) == []


def test_im_safe_it_was_a_joke_is_believed_warmly_and_a_peer_still_reviews(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    asked = person.says(CRISIS)

    believed = person.says("im safe now, it was a joke")

    assert one_of("safe.believe", believed)
    assert not one_of("plan.warning-signs.ask", believed)  # not the plan's question again
    assert asked[-1] not in believed
    escalation = the_escalation(db)
    assert (escalation.status, escalation.level) == (EscalationStatus.OPEN, "crisis")
    assert fake_engine.calls == []


def test_resource_and_person_requests_in_a_crisis_are_answered_not_deflected(
    person: Person,
    fake_engine: FakeEngine,
) -> None:
    person.says(CRISIS)

    resources = " ".join(person.says("where can i find rehab?"))
    a_person = " ".join(person.says("can i talk to a real person?"))

    assert "1-800-662-4357" in resources
    assert one_of("resources.samhsa", [resources])
    assert "peer" in a_person
    assert one_of("person.alerted", [a_person])
    assert fake_engine.calls == []


def test_in_a_takeover_the_person_gets_no_automatic_reply_and_the_peer_one_alert_a_minute(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    policy: EscalationPolicy,
) -> None:
    person.says(CRISIS)
    with db.transaction() as session:
        assert casework.take_over(session, person_id(db), PEER, clock())
    sent_before = list(channel.sent)

    written = ["are you still there, its getting bad", "hello??", "please answer"]
    replies: list[list[str]] = []
    alerted: list[int] = []
    for wait, text in zip((10, 30, 31), written, strict=True):  # at 10 s, 40 s and 71 s
        clock.advance(timedelta(seconds=wait))
        replies.append(person.says(text))
        alerted.append(len(alerts(db, AlertKind.NEW_MESSAGE)))

    assert replies == [[], [], []]  # nothing automatic: the peer is talking
    assert channel.sent == sent_before
    assert fake_engine.calls == []
    assert alerted == [2, 2, 4]  # the peer's two addresses; none within the minute; then again
    news = alerts(db, AlertKind.NEW_MESSAGE)
    assert {(alert.recipient, alert.address) for alert in news} == {
        (PEER, "tel:+15550000001"),
        (PEER, "telegram:101"),
    }  # only the peer who has the conversation
    expected_text = alert_text(
        AlertKind.NEW_MESSAGE, Level.CRISIS, the_escalation(db).id, policy.base_url
    )
    assert [alert.text for alert in news] == [expected_text] * 4  # never the person's words
    assert not [a for a in news for text in written if text in a.text]


def test_an_emergency_in_a_takeover_gets_only_the_911_line_and_pages_the_peer_and_supervisor(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    clock: Clock,
) -> None:
    person.says(CRISIS)
    with db.transaction() as session:
        assert casework.take_over(session, person_id(db), PEER, clock())

    clock.advance(timedelta(minutes=2))
    replies = person.says("i just took all my pills")

    assert replies == [emergency_with_peer("en")]
    assert said_by(alerts(db, AlertKind.TAKEOVER_EMERGENCY)) == [
        (PEER, "tel:+15550000001"),
        (PEER, "telegram:101"),
        ("Sam", "tel:+15550000002"),
    ]
    escalation = the_escalation(db)
    assert escalation.level == "emergency"
    assert escalation.reasons == [
        "suicide:ideation",
        "frame:wanting-to-die",
        "overdose:ingested-quantity",
    ]
    assert fake_engine.calls == []


def test_a_concern_then_a_crisis_is_one_escalation_raised_with_both_reasons_and_paged_again(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    clock: Clock,
) -> None:
    person.says("i relapsed last night")
    concern_alerts = alerts(db)
    assert [(a.kind, a.status) for a in concern_alerts] == [("alert", "pending")]

    clock.advance(timedelta(minutes=3))
    opening = person.says(CRISIS)

    escalation = the_escalation(db)  # one: .one() fails on two
    assert escalation.level == "crisis"
    assert escalation.reasons == [
        "relapse:return-to-use",
        "frame:use-done",
        "suicide:ideation",
        "frame:wanting-to-die",
    ]
    assert one_of("crisis.open.ack", opening)
    every = alerts(db)
    assert [(a.kind, a.status, a.last_error) for a in every if a.kind == AlertKind.ALERT] == [
        ("alert", "failed", SUPERSEDED)
    ]
    assert said_by([a for a in every if a.kind == AlertKind.RAISED]) == [
        (PEER, "tel:+15550000001"),
        (PEER, "telegram:101"),
    ]
    assert [a.kind for a in every] == ["alert", "raised", "raised"]
    assert fake_engine.calls == []


def test_a_crisis_resolved_as_a_false_alarm_leaves_the_person_with_the_assistant(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    clock: Clock,
) -> None:
    person.says(CRISIS)
    with db.transaction() as session:
        case = session.scalars(select(Escalation)).one()
        assert casework.resolve(
            session,
            case.id,
            PEER,
            Outcome("venting about an exam", OutcomeKind.FALSE_ALARM),
            clock(),
            level=Level.NONE,
        )

    clock.advance(timedelta(minutes=5))
    replies = person.says("should i go to rehab?")

    assert fake_engine.calls == [
        {"sender": f"participant-{person_id(db)}", "message": "should i go to rehab?"}
    ]
    assert replies == ["echo: should i go to rehab?"]


def test_a_crisis_in_spanish_is_answered_in_spanish_and_stop_confirmed_in_spanish(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    # The real screener rates "quiero matarme" a crisis (suicide:ideation): no fixed screening.
    assert screen("quiero matarme").level is Level.CRISIS

    opening = person.says("quiero matarme")
    stopped = person.says("STOP")

    joined = " ".join(opening)
    assert "988" in joined
    assert "oprime 2" in joined or "AYUDA" in joined
    assert one_of("crisis.open.ack", opening, "es")
    assert one_of("plan.warning-signs.ask", opening, "es")
    assert stopped == [stop_confirmation_es(WARMLINE.name)]
    with db.transaction() as session:
        participant = session.get(Participant, person_id(db))
        assert participant is not None
        assert participant.language == "es"
    assert fake_engine.calls == []


def test_after_a_hand_back_the_next_message_tells_the_engine_who_was_there_and_only_that_one(
    person: Person,
    db: Database,
    fake_engine: FakeEngine,
    clock: Clock,
) -> None:
    person.says(CRISIS)
    with db.transaction() as session:
        assert casework.take_over(session, person_id(db), PEER, clock())
    assert person.says("thank you for texting me") == []  # the peer is talking
    resolve(db, clock, OutcomeKind.SUPPORTED, "talked, has a plan")
    with db.transaction() as session:
        assert casework.hand_back(session, person_id(db), PEER, clock())

    clock.advance(timedelta(hours=1))
    first = person.says("hey")
    second = person.says("how do meetings work")

    assert (first, second) == (["echo: hey"], ["echo: how do meetings work"])
    assert [(call.message, call.metadata) for call in fake_engine.received] == [
        ("hey", {"handed_back_by": PEER}),
        ("how do meetings work", None),
    ]


def test_a_hand_back_with_the_case_still_open_gets_a_check_in_not_the_old_question(
    person: Person, db: Database, clock: Clock
) -> None:
    person.says(CRISIS)  # the companion asks its first safety-plan question
    with db.transaction() as session:
        assert casework.take_over(session, person_id(db), PEER, clock())
        assert casework.hand_back(session, person_id(db), PEER, clock())

    back = person.says("wait where did she go")
    after = person.says("i cant sleep")

    assert back == [back_from_peer("en", PEER)]
    assert after  # the companion goes on, checking in
    with db.transaction() as session:
        assert safety_plans.lines_of(session, person_id(db)) == []  # neither was a plan answer
        assert participants.hand_back_pending(session, person_id(db)) is None


def test_the_companion_answers_a_crisis_with_the_engine_stopped(
    run: Run[Any],
    engines: Engines,
    db: Database,
    channel: RecordingChannel,
    clock: Clock,
    policy: EscalationPolicy,
) -> None:
    stopped = engines(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    person = Person(run, make_gateway(db, stopped, channel, clock, policy=policy))

    opening = person.says(CRISIS)
    warning_sign = person.says("when i stop answering my phone")
    coping = person.says("going for a walk with my dog")
    overdose = person.says(OVERDOSE)
    no_narcan = person.says("we dont have narcan")

    assert one_of("crisis.open.ack", opening)
    assert "when you stop answering your phone" in " ".join(warning_sign)
    assert "going for a walk with your dog" in " ".join(coping)
    assert one_of("od.open.call", overdose)
    assert "1 breath every 5 seconds" in " ".join(no_narcan)
    assert HOLDING_REPLY not in person.replies()
    assert [m.status for m in rows(db, Direction.INBOUND)] == [InboundStatus.PROCESSED] * 5
