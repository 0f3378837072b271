"""Telegram deep-link tokens: good once, until they expire, stored only hashed; the codes kept in
the clear before migration 0015 are moved over hashed and still work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, select, text

from store import telegram_links
from store.db import Database
from store.migrate import upgrade
from store.models import Participant
from store.telegram_links import VALID_FOR, Redeemed, Refused, TelegramLink

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)


def person_with_token(db: Database) -> tuple[int, str]:
    with db.transaction() as session:
        person = Participant(created_at=NOW)
        session.add(person)
        session.flush()
        return person.id, telegram_links.issue(session, person.id, NOW)


def redeem(db: Database, token: str, at: datetime) -> Redeemed | Refused:
    with db.transaction() as session:
        return telegram_links.redeem(session, token, at)


def test_a_token_is_good_once_and_only_its_hash_is_kept(db: Database) -> None:
    person, token = person_with_token(db)

    assert redeem(db, token, NOW) == Redeemed(person)
    assert redeem(db, token, NOW) is Refused.USED
    with db.transaction() as session:
        stored = session.scalars(select(TelegramLink.token_hash)).one()
    assert token not in stored
    assert len(token) >= 21  # 128 bits, url-safe


def test_an_unknown_or_expired_token_is_refused(db: Database) -> None:
    _, token = person_with_token(db)

    assert redeem(db, token + "x", NOW) is Refused.UNKNOWN
    assert redeem(db, token, NOW + VALID_FOR + timedelta(seconds=1)) is Refused.EXPIRED
    assert redeem(db, token, NOW + VALID_FOR - timedelta(seconds=1)) != Refused.EXPIRED


def test_codes_kept_in_the_clear_before_0015_are_moved_over_hashed(database_url: str) -> None:
    upgrade(database_url, "0014")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participants (id, created_at, enrollment_code) VALUES (7, :at, 'C0DE')"
            ),
            {"at": NOW},
        )
    engine.dispose()

    upgrade(database_url)

    db = Database(database_url)
    try:
        with db.transaction() as session:
            assert session.get_one(Participant, 7).enrollment_code is None
        assert redeem(db, "C0DE", datetime.now(UTC)) == Redeemed(7)
    finally:
        db.dispose()
