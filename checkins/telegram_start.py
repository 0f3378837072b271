"""A program's Telegram deep link pressed: the chat is linked to the enrolled person and they
are sent the invitation, in the transaction that spends the link's token. Their YES to it is
consent as for SMS (checkins/invitations.py: its time, the wording's version, an audit row).

A wrong, expired or used link gets a clear answer and links nothing: the chat stays whoever it
was. Each outcome is an audit row, without the token.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from checkins.invitations import Words, load_words
from store import audit, enrollment, participants, telegram_links
from store.enrollment_models import Consent, Enrollment
from store.models import Participant
from store.queue import changed_one_row
from store.telegram_links import Refused

ACTOR = "telegram"


class TelegramStarts:
    """What `/start <token>` answers (channels/consent.py's DeepLinkStarts)."""

    def __init__(self, program: str, words: Words | None = None) -> None:
        self._program = program
        self._words = words or load_words()

    def start(self, session: Session, *, token: str, address: str, now: datetime) -> list[str]:
        outcome = telegram_links.redeem(session, token, now)
        if isinstance(outcome, Refused):
            audit.record(session, ACTOR, "telegram link refused", reason=str(outcome))
            return [self._words.say(f"link_{outcome}", None, self._program, None)]
        person_id = outcome.participant_id
        enrollment.attach_address(session, person_id, address, now)
        participants.opt_in(session, address, why="START")  # a chat that blocked us is open again
        person = session.get_one(Participant, person_id)
        invited = _invite(session, person_id, now)
        audit.record(session, ACTOR, "telegram link used", person_id, invited=invited)
        if not invited:  # consented, declined or invited already: nothing to ask again
            return [self._words.say("link_connected", person.language, self._program, None)]
        audit.record(session, ACTOR, "consent invitation sent", person_id)
        kind = "telegram_invitation"
        return [self._words.say(kind, person.language, self._program, person.display_name)]


def _invite(session: Session, participant_id: int, now: datetime) -> bool:
    """Pending -> invited, as the SMS invitation's first step; False if not pending."""
    changed = session.execute(
        update(Enrollment)
        .where(
            Enrollment.participant_id == participant_id,
            Enrollment.consent == Consent.PENDING,
        )
        .values(consent=Consent.INVITED, invited_at=now, invitations_sent=1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return changed_one_row(changed)
