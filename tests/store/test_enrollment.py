"""Linking a Telegram chat to an enrolled participant by the code in a deep link."""

from __future__ import annotations

from sqlalchemy import select

from store.db import Database
from store.enrollment import link_by_code
from store.models import Message, Participant, ParticipantAddress
from tests.store.helpers import T0, receive

CHAT = "telegram:777"


def enrolled(db: Database, code: str = "PROG-1") -> int:
    with db.transaction() as session:
        person = Participant(enrollment_code=code)
        session.add(person)
        session.flush()
        return person.id


def owner(db: Database, address: str) -> int | None:
    with db.transaction() as session:
        query = select(ParticipantAddress.participant_id).where(
            ParticipantAddress.address == address
        )
        return session.scalar(query)


def test_a_new_chat_is_attached_to_the_enrolled_participant(db: Database) -> None:
    person = enrolled(db)

    with db.transaction() as session:
        assert link_by_code(session, "PROG-1", CHAT, T0) == person

    assert owner(db, CHAT) == person


def test_a_chat_that_began_anonymously_moves_and_its_past_stays_put(db: Database) -> None:
    person = enrolled(db)
    stranger = receive(db, address=CHAT).message.participant_id

    with db.transaction() as session:
        link_by_code(session, "PROG-1", CHAT, T0)

    assert owner(db, CHAT) == person
    with db.transaction() as session:
        assert session.scalar(select(Message.participant_id)) == stranger


def test_linking_twice_is_harmless(db: Database) -> None:
    person = enrolled(db)

    for _ in range(2):
        with db.transaction() as session:
            assert link_by_code(session, "PROG-1", CHAT, T0) == person

    assert owner(db, CHAT) == person


def test_an_unknown_code_links_nothing(db: Database) -> None:
    enrolled(db)

    with db.transaction() as session:
        assert link_by_code(session, "WRONG", CHAT, T0) is None

    assert owner(db, CHAT) is None
