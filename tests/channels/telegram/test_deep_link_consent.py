"""A program's Telegram deep link, through the real app and python-telegram-bot against the fake
Bot API: pressing Start links the chat to the enrolled person and sends the invitation; YES is
consent as for SMS; a wrong, expired or used link says so and links nothing; a redelivered
update is a repeat, never a second use of the token."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import cast

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select, update

from channels.telegram.webhook import PATH, SECRET_HEADER
from checkins.enroll import enroll
from checkins.invitations import load_words
from checkins.plans import load_plans
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from store.models import AuditEntry, ParticipantAddress
from store.telegram_links import TelegramLink
from tests.channels.telegram.conftest import SECRET, eventually
from tests.checkins.test_enroll import row
from tests.fakes.engine import FakeEngine
from tests.fakes.telegram_api import FakeTelegram, message_update

CHAT, OTHER_CHAT = 123456789, 987654321
WORDS = load_words()


def post(client: TestClient, update_id: int, chat: int, text: str) -> Response:
    update = message_update(update_id, chat, text=text)
    return cast(Response, client.post(PATH, json=update, headers={SECRET_HEADER: SECRET}))


def enrolled_by_telegram(db: Database) -> tuple[int, str]:
    """A person enrolled with a Telegram link only: their id and the link's token."""
    now = datetime.now(UTC)
    with db.transaction() as session:
        [done] = enroll(
            session,
            [row(phone=None, telegram=True, discharge_date=date.today())],
            load_plans(),
            "staff",
            now,
        )
    assert done.telegram_code is not None
    return done.participant_id, done.telegram_code


def owner_of(db: Database, chat: int) -> int | None:
    with db.transaction() as session:
        return session.scalar(
            select(ParticipantAddress.participant_id).where(
                ParticipantAddress.address == f"telegram:{chat}"
            )
        )


def enrollment_of(db: Database, participant_id: int) -> Enrollment:
    with db.transaction() as session:
        found = session.scalars(
            select(Enrollment).where(Enrollment.participant_id == participant_id)
        ).one()
        session.expunge(found)
        return found


def texts_to(fake: FakeTelegram, chat: int) -> list[str]:
    return [str(sent["text"]) for sent in fake.sent if sent["chat_id"] == str(chat)]


def say(kind: str, name: str | None = None) -> str:
    return WORDS.say(kind, None, "Warmline", name)


def test_start_links_the_chat_and_invites_and_yes_is_consent(
    webhook_client: TestClient, db: Database, fake_telegram: FakeTelegram, fake_engine: FakeEngine
) -> None:
    person, token = enrolled_by_telegram(db)

    assert post(webhook_client, 1, CHAT, f"/start {token}").status_code == 200

    assert owner_of(db, CHAT) == person
    assert enrollment_of(db, person).consent == Consent.INVITED
    eventually(lambda: texts_to(fake_telegram, CHAT))
    assert texts_to(fake_telegram, CHAT) == [say("telegram_invitation", "Dana")]
    assert fake_engine.calls == []  # the link is answered by the program, not the assistant

    post(webhook_client, 2, CHAT, "yes")
    eventually(lambda: enrollment_of(db, person).consent == Consent.CONSENTED)
    consent = enrollment_of(db, person)
    assert consent.consent_wording == WORDS.version
    assert consent.consent_at is not None
    eventually(lambda: len(texts_to(fake_telegram, CHAT)) == 2)
    assert texts_to(fake_telegram, CHAT)[1] == say("consented")
    with db.transaction() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.participant_id == person)
        ).all()
    assert {"telegram link used", "consent invitation sent", "consent given"} <= set(actions)


def test_a_wrong_link_says_so_and_links_nothing(
    webhook_client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    person, token = enrolled_by_telegram(db)

    post(webhook_client, 1, CHAT, f"/start {token[:-1]}x")

    eventually(lambda: texts_to(fake_telegram, CHAT))
    assert texts_to(fake_telegram, CHAT) == [say("link_unknown")]
    assert owner_of(db, CHAT) != person
    assert enrollment_of(db, person).consent == Consent.PENDING


def test_an_expired_link_says_so_and_links_nothing(
    webhook_client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    person, token = enrolled_by_telegram(db)
    with db.transaction() as session:
        session.execute(
            update(TelegramLink).values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )

    post(webhook_client, 1, CHAT, f"/start {token}")

    eventually(lambda: texts_to(fake_telegram, CHAT))
    assert texts_to(fake_telegram, CHAT) == [say("link_expired")]
    assert owner_of(db, CHAT) != person
    # Nobody was invited; the app's scheduler may already have expired the enrollment with its
    # only link (tests/checkins/test_telegram_invitations.py).
    state = enrollment_of(db, person)
    assert (state.consent != Consent.INVITED, state.invitations_sent) == (True, 0)


def test_a_used_link_is_good_once_and_a_redelivered_start_is_no_second_use(
    webhook_client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    person, token = enrolled_by_telegram(db)
    for _ in range(2):  # Telegram delivers the same update again
        post(webhook_client, 1, CHAT, f"/start {token}")

    post(webhook_client, 2, OTHER_CHAT, f"/start {token}")  # someone else with the link

    eventually(lambda: texts_to(fake_telegram, OTHER_CHAT))
    assert texts_to(fake_telegram, CHAT) == [say("telegram_invitation", "Dana")]
    assert texts_to(fake_telegram, OTHER_CHAT) == [say("link_used")]
    assert owner_of(db, CHAT) == person
    assert owner_of(db, OTHER_CHAT) != person
