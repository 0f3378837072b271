"""Where a person's invitation stands, in the words program staff act on: whether it has gone
out and how, whether a Telegram link they were handed is still unused (and when to remind them
in person), and when it expires. And a new Telegram link for someone whose link was lost or
ran out, the old ones spent so only the newest works.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkins.invitations import EXPIRE_AFTER, REMIND_AFTER
from console.timefmt import clock
from store import audit, telegram_links
from store.enrollment_models import Consent, Enrollment
from store.models import ParticipantAddress
from store.telegram_links import TelegramLink

LINK_RAN_OUT = "Their Telegram link expired unused. Give them a new one."


@dataclass(frozen=True)
class Reach:
    """What the invitation can go by: a phone, a chat, and the newest unused link."""

    phone: bool = False
    chat: bool = False
    link_issued: datetime | None = None
    link_expires: datetime | None = None


def reach_of(session: Session, participant_ids: Iterable[int]) -> dict[int, Reach]:
    """Each person's Reach, in two queries however many people are listed."""
    ids = list(participant_ids)
    channels: dict[int, set[str]] = {}
    for person, channel in session.execute(
        select(ParticipantAddress.participant_id, ParticipantAddress.channel).where(
            ParticipantAddress.participant_id.in_(ids)
        )
    ):
        channels.setdefault(person, set()).add(channel)
    links = {
        person: (issued, expires)
        for person, issued, expires in session.execute(
            select(
                TelegramLink.participant_id,
                func.max(TelegramLink.created_at),
                func.max(TelegramLink.expires_at),
            )
            .where(TelegramLink.participant_id.in_(ids), TelegramLink.used_at.is_(None))
            .group_by(TelegramLink.participant_id)
        )
    }
    return {
        person: Reach(
            "tel" in channels.get(person, set()),
            "telegram" in channels.get(person, set()),
            *links.get(person, (None, None)),
        )
        for person in ids
    }


def describe(enrollment: Enrollment, reach: Reach, now: datetime) -> str:
    """One line on the invitation: what happened, and what staff can do about it."""
    consent = Consent(enrollment.consent)
    if consent is Consent.CONSENTED:
        return "Said YES: their check-ups go out on the plan."
    if consent is Consent.DECLINED:
        return "Said STOP: nothing more is sent unless they text START."
    if consent is Consent.INVITED and enrollment.invited_at is not None:
        return _invited(enrollment.invited_at, enrollment.invitations_sent)
    if consent is Consent.EXPIRED and enrollment.invited_at is None:
        return LINK_RAN_OUT  # never invited: their only way in was the link
    if consent is Consent.EXPIRED:
        return "The invitation expired unanswered. A new Telegram link invites them again."
    if reach.phone:
        return "The invitation goes out by text in their contact window."
    return _waiting_on_link(reach, now)


def _invited(invited_at: datetime, sent: int) -> str:
    expires = clock(invited_at + EXPIRE_AFTER)
    if sent < 2:
        return (
            f"Invited {clock(invited_at)}; one reminder goes out "
            f"{clock(invited_at + REMIND_AFTER)} if no YES; expires {expires}."
        )
    return f"Invited {clock(invited_at)} and reminded; expires {expires} if no YES."


def _waiting_on_link(reach: Reach, now: datetime) -> str:
    if reach.link_issued is None or reach.link_expires is None:
        return "No way to invite them: give them a Telegram link, or enroll them with a phone."
    if reach.link_expires <= now:
        return LINK_RAN_OUT
    said = f"Telegram link given {clock(reach.link_issued)}, not used yet"
    if now - reach.link_issued >= REMIND_AFTER:
        return f"{said}: remind them in person. It expires {clock(reach.link_expires)}."
    return f"{said}; it expires {clock(reach.link_expires)}."


class LinkRefused(ValueError):
    """The person has answered the invitation already: a new link would ask again."""


def new_telegram_link(session: Session, participant_id: int, actor: str, now: datetime) -> str:
    """Spends the person's unused links, issues a new one and returns its token (shown once,
    never stored or audited); the invitation starts again from the new link."""
    enrollment = session.scalars(
        select(Enrollment).where(Enrollment.participant_id == participant_id)
    ).one()
    if enrollment.consent in (Consent.CONSENTED, Consent.DECLINED):
        raise LinkRefused(f"they have {enrollment.consent} already")
    retired = telegram_links.retire_unused(session, participant_id, now)
    token = telegram_links.issue(session, participant_id, now)
    enrollment.consent, enrollment.consent_at = Consent.PENDING, None
    enrollment.invited_at, enrollment.invitations_sent, enrollment.updated_at = None, 0, now
    audit.record(
        session, actor, "telegram-link-issued", participant_id,
        links_retired=retired,
    )  # fmt: skip
    return token
