"""What the gateway does with carrier keywords, media and numbered choices, before the engine."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from channels.gateway import Inbound
from channels.keywords import TEXT_ONLY
from escalation.levels import Level, Screening
from escalation.service import EscalationPolicy
from store import participants
from store.db import Database
from store.escalation_models import AlertKind, Escalation, PeerAlert
from store.models import Lane, Message, OutboxItem, Participant, ParticipantAddress
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.channels.test_gateway import ADDRESS, inbound, make_gateway
from tests.fakes.engine import FakeEngine

NO_RISK = Screening(Level.NONE)


def opted_out_at(db: Database, address: str = ADDRESS) -> object:
    with db.transaction() as session:
        return session.scalar(
            select(ParticipantAddress.opted_out_at).where(ParticipantAddress.address == address)
        )


def outbox(db: Database) -> list[OutboxItem]:
    with db.transaction() as session:
        return list(session.scalars(select(OutboxItem).order_by(OutboxItem.id)))


@pytest.mark.parametrize("text", [" Stop. ", "please stop texting me"])
def test_stop_opts_out_with_one_confirmation_and_never_reaches_the_engine(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    text: str,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound(text)))

    assert fake_engine.calls == []
    assert opted_out_at(db) is not None
    [confirmation] = answered.replies
    assert "unsubscribed" in confirmation.text
    assert "START" in confirmation.text
    [row] = outbox(db)
    assert row.compliance is True  # the one message an opted-out number still gets
    assert row.lane == Lane.URGENT


def test_a_second_stop_gets_no_second_confirmation(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    """c35 of the 2027-02 conversations: "i said take me off. dont text me again" got the
    same confirmation a second time."""
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    run(through(gateway, inbound("take me off this list", message_id="m1")))

    again = run(
        through(gateway, inbound("i said take me off. dont text me again", message_id="m2"))
    )

    assert again.replies == []
    assert len(outbox(db)) == 1  # the one confirmation, never a second
    assert opted_out_at(db) is not None
    assert fake_engine.calls == []


def test_start_opts_back_in_and_yes_does_only_after_a_stop(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    run(through(gateway, inbound("yes", "m0")))  # not opted out: an answer for the assistant
    assert fake_engine.calls[-1]["message"] == "yes"

    run(through(gateway, inbound("STOP", "m1")))
    answered = run(through(gateway, inbound("YES", "m2")))

    assert opted_out_at(db) is None
    assert "Welcome back" in answered.replies[0].text
    assert len(fake_engine.calls) == 1


def test_help_gets_the_help_text_with_988_and_911_and_is_still_screened(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, inbound("HELP")))

    help_reply = answered.replies[0].text
    assert "988" in help_reply
    assert "911" in help_reply
    assert fake_engine.calls == []
    with db.transaction() as session:
        stored = session.get(Message, answered.message.id)
        assert stored is not None
        assert stored.risk_level is not None  # screened like any message


@pytest.mark.parametrize("text", ["I can't stop using", "quit my job today", "need help tonight"])
def test_a_sentence_with_a_keyword_in_it_goes_to_the_assistant_not_the_keyword_reply(
    text: str,
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    # Screened as no risk, so only the keyword rule decides where the message goes: a risk
    # level would route it to the gateway's own reply whatever the words (routing.route).
    gateway = make_gateway(
        db, engines(fake_engine.url), channel, clock, screener=lambda t, recent=(): NO_RISK
    )

    answered = run(through(gateway, inbound(text)))

    assert opted_out_at(db) is None
    assert [call["message"] for call in fake_engine.calls] == [text]
    assert [reply.text for reply in answered.replies] == [f"echo: {text}"]
    assert [row.compliance for row in outbox(db)] == [False]


def test_media_gets_the_text_only_reply_and_its_urls_are_kept(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    photo = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"

    answered = run(through(gateway, Inbound(ADDRESS, "MM1", "", media_urls=(photo,))))

    assert [r.text for r in answered.replies] == [TEXT_ONLY]
    assert answered.message.media_urls == [photo]
    assert fake_engine.calls == []


def test_media_with_words_gets_the_note_and_the_words_answered(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)

    answered = run(through(gateway, Inbound(ADDRESS, "MM2", "look at this", ("https://x/1",))))

    assert [r.text for r in answered.replies] == [TEXT_ONLY, "echo: look at this"]


def test_a_number_reply_means_the_last_questions_choice_for_that_question_only(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    fake_engine.buttons = [
        {"title": "Now is good", "payload": "/affirm"},
        {"title": "Later", "payload": "/later"},
    ]
    asked = run(through(gateway, inbound("check in", "m1")))
    assert asked.replies[0].text.endswith("Reply 1 for Now is good, 2 for Later.")
    fake_engine.buttons = []

    run(through(gateway, inbound("2", "m2")))
    run(through(gateway, inbound("2", "m3")))  # the last message offered no choices

    assert [call["message"] for call in fake_engine.calls] == ["check in", "/later", "2"]


def test_one_person_on_two_channels_is_one_conversation_for_the_engine(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    run(through(gateway, inbound("hi from sms", "m1")))
    with db.transaction() as session:
        participant = session.scalar(select(Participant))
        assert participant is not None
        session.add(
            ParticipantAddress(participant=participant, address="tel:+15559870000", channel="tel")
        )

    answered = run(through(gateway, Inbound("tel:+15559870000", "m2", "hi from another phone")))

    senders = {call["sender"] for call in fake_engine.calls}
    assert senders == {f"participant-{participant.id}"}
    assert answered.replies[0].address == "tel:+15559870000"  # answered where it came from


def test_a_telegram_chat_that_writes_again_after_blocking_the_bot_is_answered_again(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    clock: Clock,
) -> None:
    telegram = RecordingChannel(scheme="telegram")
    gateway = make_gateway(db, engines(fake_engine.url), telegram, clock)
    chat = "telegram:4242"
    run(through(gateway, Inbound(chat, "1:4242", "hi")))
    with db.transaction() as session:
        participants.opt_out(
            session, chat, clock(), why="blocked the bot"
        )  # the person blocked the bot

    run(through(gateway, Inbound(chat, "2:4242", "sorry, im back")))
    assert opted_out_at(db, chat) is None
    run(through(gateway, Inbound(chat, "3:4242", "/stop")))

    assert opted_out_at(db, chat) is not None  # /stop still opts out


def test_a_crisis_from_someone_who_opted_out_reaches_a_peer_though_nothing_is_sent(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock)
    run(through(gateway, inbound("STOP", "m1")))

    run(through(gateway, inbound("i want to kill myself tonight", "m2")))

    with db.transaction() as session:
        assert [e.level for e in session.scalars(select(Escalation))] != []
    assert len(channel.sent) == 1  # only the STOP confirmation
    assert fake_engine.calls == []


def test_a_stop_during_an_escalation_alerts_the_peers_at_once_without_the_text(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    policy: EscalationPolicy,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock, policy=policy)
    run(through(gateway, inbound("i want to kill myself tonight", "m1")))

    run(through(gateway, inbound("STOP", "m2")))

    with db.transaction() as session:
        alerts = session.scalars(
            select(PeerAlert).where(PeerAlert.kind == AlertKind.OPTED_OUT).order_by(PeerAlert.id)
        ).all()
        assert sorted((a.recipient, a.address) for a in alerts) == [
            ("Ana", "tel:+15550000001"),
            ("Ana", "telegram:101"),
        ]  # the peer on call, on every channel; the supervisor is not paged for this
        assert alerts[0].text == (
            "Warmline: the person in CRISIS escalation #1 stopped texts (STOP, a carrier opt-out "
            "or a blocked bot): replies can no longer reach them on that channel. Respond now: "
            "https://warmline.example/console/escalations/1"
        )


def test_a_stop_with_no_escalation_open_alerts_nobody(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
    policy: EscalationPolicy,
) -> None:
    gateway = make_gateway(db, engines(fake_engine.url), channel, clock, policy=policy)

    run(through(gateway, inbound("STOP", "m1")))

    with db.transaction() as session:
        assert session.scalars(select(PeerAlert)).all() == []
