"""Consent before anything scheduled: a program's enrolled person is invited by text, inside
their contact window, asked for YES or STOP; an invitation with no answer is sent once more
after two days and expires two days after that; YES is consent, recorded with its time and the
wording's version, and audited like each step.

The invitation names only the program (checkins/invitation.yml says why: a text can be read on a
locked screen). A person enrolled by Telegram only is invited when they press Start on their
deep link (checkins/telegram_start.py), not from here; from then on their invitation is reminded
once and expires on the same days as a texted one, in Telegram's words. A person with both a
phone and a Telegram chat is reminded once, by text. A link never pressed expires with it.

Each step is a conditional update on the enrollment row, so two app processes never send one
invitation twice; the message is queued in the same transaction, so none is lost either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from checkins.windows import Window
from store import audit, messages
from store.enrollment_models import Consent, Enrollment
from store.models import Lane, Message, OutboxItem, Participant, ParticipantAddress
from store.queue import changed_one_row
from store.telegram_links import TelegramLink

WORDS_FILE = Path(__file__).with_name("invitation.yml")
REMIND_AFTER = timedelta(days=2)
EXPIRE_AFTER = timedelta(days=4)  # from the first invitation: two days after the reminder
ACTOR = "scheduler"
# Scheduled sends wait behind replies to people texting right now.
SCHEDULED = messages.Sending(Lane.BULK, author=ACTOR)
_YES = {"yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "yes please", "si", "sí", "claro"}


@dataclass(frozen=True)
class Words:
    version: str
    texts: dict[str, dict[str, str]]  # language -> invitation, reminder, consented, welcome, nudge

    def say(self, kind: str, language: str | None, program: str, name: str | None) -> str:
        texts = self.texts.get(language or "en", self.texts["en"])
        return texts[kind].format(program=program, name=f" {name}" if name else "")


def load_words(path: Path = WORDS_FILE) -> Words:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = {language: raw[language] for language in ("en", "es")}
    for language, kinds in texts.items():
        missing = {
            "invitation", "reminder", "consented", "welcome", "nudge", "telegram_reminder"
        } - set(kinds)  # fmt: skip
        if missing:
            raise ValueError(f"{path.name}: {language} lacks {', '.join(sorted(missing))}")
    return Words(str(raw["version"]), texts)


@dataclass(frozen=True)
class Invitee:
    enrollment: Enrollment
    address: str
    opted_out: bool
    name: str | None
    language: str | None

    @property
    def by_telegram(self) -> bool:
        return self.address.startswith("telegram:")


class Invitations:
    """The invitation steps, and YES to an invitation as the gateway meets it."""

    def __init__(self, program: str, words: Words | None = None) -> None:
        self._program = program
        self._words = words or load_words()

    def step_due(self, session: Session, now: datetime, limit: int = 200) -> list[OutboxItem]:
        """One pass: invites, reminds or expires each enrollment whose time has come; returns
        the outbox rows of the messages it queued."""
        queued: list[Message] = []
        for invitee in _invitees(session, limit):
            queued.extend(self._step(session, invitee, now))
        for enrollment in _links_never_used(session, now, limit):
            self._settle(session, enrollment, Consent.EXPIRED, now)
        return [message.outbox for message in queued if message.outbox is not None]

    def _step(self, session: Session, invitee: Invitee, now: datetime) -> list[Message]:
        enrollment = invitee.enrollment
        if invitee.opted_out:  # STOP to the invitation, or before it
            return self._settle(session, enrollment, Consent.DECLINED, now)
        sent = enrollment.invitations_sent
        if sent and enrollment.invited_at and now >= enrollment.invited_at + EXPIRE_AFTER:
            return self._settle(session, enrollment, Consent.EXPIRED, now)
        window = Window(
            enrollment.window_start, enrollment.window_end, ZoneInfo(enrollment.timezone)
        )
        # Telegram's first invitation answers the person's Start; only its reminder is sent here.
        due = (sent == 0 and not invitee.by_telegram) or (
            sent == 1 and enrollment.invited_at and now >= enrollment.invited_at + REMIND_AFTER
        )
        if not due or not window.contains(now):
            return []
        if not _advance(session, enrollment, sent, now):
            return []  # another process took this step
        kind = "invitation" if sent == 0 else "reminder"
        words = f"telegram_{kind}" if invitee.by_telegram else kind  # /stop, not STOP
        text = self._words.say(words, invitee.language, self._program, invitee.name)
        audit.record(session, ACTOR, f"consent {kind} sent", enrollment.participant_id)
        return messages.add_first_contact(
            session, enrollment.participant_id, invitee.address, [text], now, sending=SCHEDULED
        )

    def _settle(
        self, session: Session, enrollment: Enrollment, outcome: Consent, now: datetime
    ) -> list[Message]:
        changed = session.execute(
            update(Enrollment)
            .where(Enrollment.id == enrollment.id, Enrollment.consent == enrollment.consent)
            .values(consent=outcome, consent_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if changed_one_row(changed):
            audit.record(session, ACTOR, f"consent {outcome}", enrollment.participant_id)
        return []

    @staticmethod
    def accepts(text: str) -> bool:
        """Whether a message is a yes (checked before any database read: most are not)."""
        return " ".join(re.findall(r"[\w']+", text.lower())) in _YES

    @staticmethod
    def invited(session: Session, participant_id: int) -> bool:
        found = session.scalar(
            select(Enrollment.id).where(
                Enrollment.participant_id == participant_id, Enrollment.consent == Consent.INVITED
            )
        )
        return found is not None

    def accept(self, session: Session, *, message: Message, now: datetime) -> list[str]:
        """YES to an invitation: consent, with its time and wording, and the confirmation; []
        when the person was not (or no longer) invited."""
        changed = session.execute(
            update(Enrollment)
            .where(
                Enrollment.participant_id == message.participant_id,
                Enrollment.consent == Consent.INVITED,
            )
            .values(
                consent=Consent.CONSENTED,
                consent_at=now,
                consent_wording=self._words.version,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if not changed_one_row(changed):
            return []
        participant = session.get_one(Participant, message.participant_id)
        audit.record(
            session, message.address.partition(":")[0], "consent given", participant.id,
            wording=self._words.version, message_id=message.id,
        )  # fmt: skip
        return [self._words.say("consented", participant.language, self._program, None)]


def _advance(session: Session, enrollment: Enrollment, sent: int, now: datetime) -> bool:
    values: dict[str, object] = {"invitations_sent": sent + 1, "updated_at": now}
    if sent == 0:
        values |= {"consent": Consent.INVITED, "invited_at": now}
    claimed = session.execute(
        update(Enrollment)
        .where(Enrollment.id == enrollment.id, Enrollment.invitations_sent == sent)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return changed_one_row(claimed)


def _invitees(session: Session, limit: int) -> list[Invitee]:
    """Enrollments waiting on consent that have a phone or a chat to invite, oldest first: one
    each, by their phone when they have one ("tel" sorts before "telegram")."""
    rows = session.execute(
        select(Enrollment, ParticipantAddress.address, ParticipantAddress.opted_out_at, Participant)
        .join(Participant, Participant.id == Enrollment.participant_id)
        .join(ParticipantAddress, ParticipantAddress.participant_id == Enrollment.participant_id)
        .where(
            Enrollment.consent.in_([Consent.PENDING, Consent.INVITED]),
            ParticipantAddress.channel.in_(["tel", "telegram"]),
        )
        .order_by(Enrollment.id, ParticipantAddress.channel, ParticipantAddress.id)
        .limit(limit)
    )
    chosen: dict[int, Invitee] = {}
    for enrollment, address, opted_out_at, person in rows:
        chosen.setdefault(
            enrollment.id,
            Invitee(enrollment, address, opted_out_at is not None, person.display_name,
                    person.language),
        )  # fmt: skip
    return list(chosen.values())


def _links_never_used(session: Session, now: datetime, limit: int) -> list[Enrollment]:
    """Enrollments still pending with no phone whose newest deep link has expired unused:
    nobody can invite them now, until staff give them a new link. (A chat they linked before
    does not count: its invitation answers a Start on the new link, which never came.)"""
    reachable = select(ParticipantAddress.id).where(
        ParticipantAddress.participant_id == Enrollment.participant_id,
        ParticipantAddress.channel == "tel",
    )
    newest = (
        select(TelegramLink.participant_id, func.max(TelegramLink.expires_at).label("expires_at"))
        .group_by(TelegramLink.participant_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(Enrollment)
            .join(newest, newest.c.participant_id == Enrollment.participant_id)
            .where(
                Enrollment.consent == Consent.PENDING,
                newest.c.expires_at <= now,
                ~reachable.exists(),
            )
            .order_by(Enrollment.id)
            .limit(limit)
        )
    )
