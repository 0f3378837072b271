"""A Telegram invitation is reminded and expires as a texted one does: after Start, one reminder
on Telegram two days on and expiry two days after that; someone with a phone too is reminded
once, by text; a deep link never pressed expires with the link, until staff give a new one."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from checkins.enroll import enroll
from checkins.invitations import EXPIRE_AFTER, REMIND_AFTER
from checkins.plans import load_plans
from checkins.telegram_start import TelegramStarts
from console.consent_state import new_telegram_link
from store import telegram_links
from store.db import Database
from store.enrollment_models import Consent
from store.models import AuditEntry, Message, OutboxItem
from tests.checkins.test_enroll import row
from tests.checkins.test_invitations import MORNING, NIGHT, WORDS, enrollment, step

CHAT = "telegram:123456789"
PROGRAM = "Northside Recovery"


def enrolled_with_link(db: Database, **changes: object) -> tuple[int, str]:
    with db.transaction() as session:
        [done] = enroll(session, [row(telegram=True, **changes)], load_plans(), "staff-1", MORNING)
    assert done.telegram_code is not None
    return done.participant_id, done.telegram_code


def press_start(db: Database, code: str, now: datetime) -> list[str]:
    with db.transaction() as session:
        return TelegramStarts(PROGRAM).start(session, token=code, address=CHAT, now=now)


def sent(db: Database) -> list[tuple[str, str]]:
    """(address, text) of every message queued to the person, in order."""
    with db.transaction() as session:
        found = session.execute(
            select(Message.address, Message.text)
            .join(OutboxItem, OutboxItem.message_id == Message.id)
            .order_by(Message.id)
        )
        return [(address, text) for address, text in found]


def audited(db: Database) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_after_start_an_unanswered_telegram_invitation_is_reminded_once_then_expires(
    db: Database,
) -> None:
    _, code = enrolled_with_link(db, phone=None)
    started = MORNING + timedelta(hours=1)
    [invitation] = press_start(db, code, started)

    step(db, started + REMIND_AFTER - timedelta(minutes=1))
    step(db, started + REMIND_AFTER)
    step(db, started + REMIND_AFTER + timedelta(hours=1))
    step(db, started + EXPIRE_AFTER)
    step(db, started + EXPIRE_AFTER + timedelta(days=3))

    assert invitation == WORDS.say("telegram_invitation", None, PROGRAM, "Dana")
    assert sent(db) == [(CHAT, WORDS.say("telegram_reminder", None, PROGRAM, "Dana"))]
    assert "/stop" in sent(db)[0][1]
    assert "STOP" not in sent(db)[0][1]
    assert enrollment(db).consent == Consent.EXPIRED
    assert audited(db)[-3:] == [
        "consent invitation sent",
        "consent reminder sent",
        "consent expired",
    ]


def test_a_telegram_reminder_waits_for_the_persons_window(db: Database) -> None:
    _, code = enrolled_with_link(db, phone=None)
    press_start(db, code, MORNING)

    assert step(db, NIGHT + REMIND_AFTER) == []
    assert len(step(db, MORNING + REMIND_AFTER + timedelta(hours=1))) == 1


def test_a_spanish_speaker_is_reminded_on_telegram_in_spanish(db: Database) -> None:
    _, code = enrolled_with_link(db, phone=None, language="es")
    press_start(db, code, MORNING)

    step(db, MORNING + REMIND_AFTER)

    [(_, text)] = sent(db)
    assert text.startswith("Hola Dana, de nuevo Northside Recovery.")


def test_someone_with_a_phone_and_a_chat_is_invited_and_reminded_once_by_text(
    db: Database,
) -> None:
    _, code = enrolled_with_link(db)
    first = step(db, MORNING)
    press_start(db, code, MORNING + timedelta(hours=1))  # invited already: only "connected"

    reminders = [step(db, MORNING + REMIND_AFTER + timedelta(minutes=n)) for n in range(3)]
    step(db, MORNING + EXPIRE_AFTER)

    assert len(first) == 1
    assert [len(each) for each in reminders] == [1, 0, 0]
    assert [address for address, _ in sent(db)] == ["tel:+13125550142", "tel:+13125550142"]
    assert enrollment(db).consent == Consent.EXPIRED


def test_a_link_never_pressed_expires_with_the_link(db: Database) -> None:
    _, _ = enrolled_with_link(db, phone=None)

    step(db, MORNING + telegram_links.VALID_FOR - timedelta(minutes=1))
    assert enrollment(db).consent == Consent.PENDING

    step(db, MORNING + telegram_links.VALID_FOR)
    assert enrollment(db).consent == Consent.EXPIRED
    assert sent(db) == []
    assert audited(db)[-1] == "consent expired"


def test_a_newer_link_keeps_the_enrollment_waiting(db: Database) -> None:
    participant_id, _ = enrolled_with_link(db, phone=None)
    with db.transaction() as session:
        telegram_links.issue(session, participant_id, MORNING + timedelta(days=20))

    step(db, MORNING + telegram_links.VALID_FOR + timedelta(days=1))

    assert enrollment(db).consent == Consent.PENDING


def test_a_new_link_for_a_chat_that_never_said_yes_expires_unused_too(db: Database) -> None:
    participant_id, code = enrolled_with_link(db, phone=None)
    press_start(db, code, MORNING)
    step(db, MORNING + EXPIRE_AFTER)  # no YES: expired, the chat still linked
    given = MORNING + timedelta(days=5)
    with db.transaction() as session:
        new_telegram_link(session, participant_id, "peer:Pat", given)

    step(db, given + REMIND_AFTER)
    assert (enrollment(db).consent, sent(db)) == (Consent.PENDING, [])

    step(db, given + telegram_links.VALID_FOR)
    assert enrollment(db).consent == Consent.EXPIRED
