"""Finding or creating the participant behind a channel address."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.audit import record
from store.models import ADDRESSES, Participant, ParticipantAddress
from store.queue import changed_one_row


def participant_for(session: Session, address: str) -> Participant | None:
    return session.scalar(
        select(Participant).join(ParticipantAddress).where(ParticipantAddress.address == address)
    )


_PARTICIPANT_ID = select(ADDRESSES.c.participant_id).where(
    ADDRESSES.c.address == bindparam("address")
)  # prebuilt: looked up on every inbound message


def participant_id_of(session: Session, address: str) -> int | None:
    """The participant behind an address, if anyone has written from it."""
    found: int | None = session.execute(_PARTICIPANT_ID, {"address": address}).scalar()
    return found


def participant_id_for(session: Session, address: str) -> int:
    """The participant behind an address, created on first contact; one query when known."""
    found = session.execute(_PARTICIPANT_ID, {"address": address}).scalar()
    return found if found is not None else get_or_create_participant(session, address).id


def get_or_create_participant(session: Session, address: str) -> Participant:
    """An unknown address becomes a new participant: anyone may text the warmline."""
    existing = participant_for(session, address)
    if existing is not None:
        return existing
    participant = Participant()
    link = ParticipantAddress(
        participant=participant, address=address, channel=address.partition(":")[0]
    )
    try:
        with session.begin_nested():  # two first messages at once from one new number
            session.add_all([participant, link])
    except IntegrityError:
        found = participant_for(session, address)
        assert found is not None
        return found
    return participant


def opt_out(session: Session, address: str, now: datetime, *, why: str) -> bool:
    """Marks the address opted out (STOP, a carrier's 21610, a blocked bot); True if it was not.

    The first opt-out's time is kept: a repeated STOP changes nothing. Each change is audited:
    carriers and programs ask when and how a person opted out."""
    result = session.execute(
        update(ParticipantAddress)
        .where(ParticipantAddress.address == address, ParticipantAddress.opted_out_at.is_(None))
        .values(opted_out_at=now)
    )
    return _audited(session, address, "opted_out", why, changed_one_row(result))


def opt_in(session: Session, address: str, *, why: str) -> bool:
    """START: the address may be sent to again; True if it had opted out."""
    result = session.execute(
        update(ParticipantAddress)
        .where(ParticipantAddress.address == address, ParticipantAddress.opted_out_at.isnot(None))
        .values(opted_out_at=None)
    )
    return _audited(session, address, "opted_in", why, changed_one_row(result))


def _audited(session: Session, address: str, action: str, why: str, changed: bool) -> bool:
    if changed:
        participant_id = session.execute(_PARTICIPANT_ID, {"address": address}).scalar()
        detail = {"channel": address.partition(":")[0], "why": why}
        record(session, "participant", action, participant_id, **detail)
    return changed


ENGINE_SENDER_PREFIX = "participant-"


def engine_sender(participant_id: int) -> str:
    """The engine's conversation id: the person, not the channel, so one who texts by SMS and
    by Telegram has one conversation."""
    return f"{ENGINE_SENDER_PREFIX}{participant_id}"


def participant_id_of_sender(sender: str) -> int | None:
    """The participant behind an engine conversation id (the action server reads it)."""
    prefix, _, number = sender.partition(ENGINE_SENDER_PREFIX)
    return int(number) if not prefix and number.isdigit() else None


def language_of(session: Session, participant_id: int) -> str:
    """The language the person is written to in ("en" or "es"): their program's choice at
    enrollment, or the language they write in (set_language)."""
    participant = session.get(Participant, participant_id)
    return "es" if participant is not None and participant.language == "es" else "en"


def set_language(session: Session, participant_id: int, language: str) -> None:
    """The language the person writes in ("en", "es"): crisis, STOP and HELP texts follow it."""
    stored = None if language == "en" else language
    session.execute(
        update(Participant).where(Participant.id == participant_id).values(language=stored)
    )


def hand_back_pending(session: Session, participant_id: int) -> str | None:
    """The peer who handed the person back, if the warmline has not said so to them yet."""
    found: str | None = session.scalar(
        select(Participant.handed_back_by).where(Participant.id == participant_id)
    )
    return found


def assistant_told_of_hand_back(session: Session, participant_id: int) -> None:
    """The assistant has heard that a peer was there: its later turns need not be told."""
    session.execute(
        update(Participant)
        .where(Participant.id == participant_id)
        .values(handed_back_by=None, handed_back_at=None)
    )
