"""The gateway's side of a crisis: the companion's turns, stored with the escalation, the
person's safety plan and the peers' alerts, in the transaction that stores the replies.

The companion itself (escalation/companion/) is a pure dialogue over clinician-reviewed YAML;
here it is given what it needs from the database and what it decides is written back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from escalation import companion, service
from escalation.companion import PlanLine
from escalation.companion.danger import is_danger
from escalation.companion.state import DANGER
from escalation.levels import Level, Screening
from escalation.responses import already_asked, back_from_peer, concern_reply, peer_told
from escalation.service import EscalationPolicy, level_of
from store import escalations, messages, participants, safety_plans
from store.escalation_models import Escalation
from store.models import Message


class CrisisTurns:
    """Each method runs in the caller's transaction and returns the texts to send."""

    def __init__(self, policy: EscalationPolicy) -> None:
        self._policy = policy

    def opening(
        self, session: Session, message: Message, screening: Screening, language: str, now: datetime
    ) -> list[str]:
        """A message that opens or raises an escalation: it is paged, and answered at once."""
        escalation = service.escalate(
            session, self._policy, message.participant_id, message.id, screening, now
        )
        wait = self._policy.targets.within(screening.level)
        if screening.level < Level.CRISIS:
            replies = concern_reply(screening, wait, variant=message.id, language=language)
            if replies[:1] == [messages.last_reply_text(session, message.participant_id)]:
                # A person asked for again right after being told one is coming (c24 of the
                # 2027-02 conversations): told they are on the list, not the same words twice.
                return [already_asked(wait, language)]
            return replies
        if _danger_goes_on(escalation, screening):
            # "im locked in the bathroom" after "hes saying hell kill me": raised to an
            # emergency, and the danger dialogue goes on rather than opening again.
            return self._companion_turn(session, escalation, message, screening, language, now)
        turn = companion.opening(
            screening,
            language=language,
            plan=_plan(session, message),
            wait=wait,
            text=message.text or "",
        )
        escalation.companion = dict(turn.state)
        return list(turn.texts)

    def concern_mid_form(
        self, session: Session, message: Message, screening: Screening, now: datetime
    ) -> list[str]:
        """A concern opened mid-way through a form: paged like any concern. The assistant
        answers (the form keeps the answer); the gateway's word that a peer was told goes in
        before the form's next question (`told`)."""
        service.escalate(session, self._policy, message.participant_id, message.id, screening, now)
        return []

    def told(self, language: str) -> str:
        """That a peer was told of a concern, and when they usually reply."""
        return peer_told(self._policy.targets.within(Level.CONCERN), language)

    def follow_up(
        self,
        session: Session,
        message: Message,
        screening: Screening,
        language: str,
        now: datetime,
        handed_back_by: str | None = None,
    ) -> list[str]:
        """A later message while an emergency or crisis is open and no peer has taken over
        (`handed_back_by`: the peer who just handed the person back, read with the message)."""
        escalation = service.escalate(
            session, self._policy, message.participant_id, message.id, screening, now
        )  # adds this message's reasons; the route already sent anything higher to `opening`
        risky = screening.level >= Level.CRISIS
        service.message_arrived(session, self._policy, message.participant_id, now, risky=risky)
        if handed_back_by is not None:
            return self._after_hand_back(session, escalation, message, handed_back_by, language)
        return self._companion_turn(session, escalation, message, screening, language, now)

    def _companion_turn(
        self,
        session: Session,
        escalation: Escalation,
        message: Message,
        screening: Screening,
        language: str,
        now: datetime,
    ) -> list[str]:
        """The companion's next step in the dialogue it holds, its plan line kept."""
        turn = companion.follow_up(
            message.text,
            screening,
            escalation.companion,
            language=language,
            plan=_plan(session, message),
            previous_reply=messages.last_reply_text(session, message.participant_id),
            wait=self._policy.targets.within(level_of(escalation)),
        )
        escalation.companion = dict(turn.state)
        if turn.plan_line is not None:
            line = turn.plan_line
            safety_plans.add_line(
                session, message.participant_id, line.section, line.text, message.id, now
            )
        return list(turn.texts)

    def _after_hand_back(
        self,
        session: Session,
        escalation: Escalation,
        message: Message,
        peer: str,
        language: str,
    ) -> list[str]:
        """A peer handed the person back while the case is still open: the companion says it is
        back and asks how they are now, instead of picking up the question it asked before the
        peer came (whatever they answer now is not an answer to that)."""
        participants.assistant_told_of_hand_back(session, message.participant_id)
        earlier = dict(escalation.companion or {})
        if earlier.get("mode") != "overdose":
            earlier["mode"] = "safe"  # the peer has talked with them: check in, no plan walk
        escalation.companion = earlier | {"asked": None}
        return [back_from_peer(language, peer)]

    def with_peer(
        self, session: Session, message: Message, screening: Screening, now: datetime
    ) -> list[str]:
        """A peer has the conversation: nothing automatic, but risk still raises the case and
        the peer hears that the person wrote."""
        raised = self._raise(session, message, screening, now)
        if not raised:
            risky = screening.level >= Level.CRISIS
            service.message_arrived(session, self._policy, message.participant_id, now, risky=risky)
        return []

    def emergency_with_peer(
        self, session: Session, message: Message, screening: Screening, language: str, now: datetime
    ) -> list[str]:
        """An emergency while a peer has the conversation: the peer and a supervisor are paged
        at once, and the person gets the 911 line (not the companion: the peer is talking)."""
        self._raise(session, message, screening, now)
        service.emergency_in_takeover(session, self._policy, message.participant_id, now)
        return [companion.emergency_with_peer(language)]

    def _raise(
        self, session: Session, message: Message, screening: Screening, now: datetime
    ) -> bool:
        if screening.level < Level.CONCERN:
            return False
        before = escalations.unresolved_for(session, message.participant_id)
        level_before = level_of(before) if before is not None else Level.NONE
        service.escalate(session, self._policy, message.participant_id, message.id, screening, now)
        return screening.level > level_before


def _plan(session: Session, message: Message) -> Sequence[PlanLine]:
    lines = safety_plans.lines_of(session, message.participant_id)
    return [PlanLine(section=section, text=text) for section, text in lines]


def _danger_goes_on(escalation: Escalation, screening: Screening) -> bool:
    """Danger from someone else raised to an emergency while the danger dialogue is open."""
    held = escalation.companion or {}
    return held.get("mode") == DANGER and is_danger(screening)
