"""The escalation and handoff state machine, in the caller's transaction.

open -> claimed -> resolved, each step one conditional update, so two peers acting at once
cannot both win. Every step is written to the audit log; every alert is a row that records who
was told what, and when it went out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from core.settings import RosterPeer, Settings
from escalation.levels import Level, Screening
from escalation.policy import ResponseTargets, alert_text
from store import audit, episodes, escalations, participants, roster
from store.escalation_models import AlertKind, Escalation, PeerAlert
from store.models import Participant

# A person in crisis may send many short texts: their peer hears of them once a minute at most.
MESSAGE_ALERT_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class EscalationPolicy:
    # The setting's roster: it only seeds the console's (store/roster.py), which alerts read
    # through on_call below, the one path.
    roster: Sequence[RosterPeer]
    targets: ResponseTargets
    base_url: str
    alerts_before_supervisor: int

    @classmethod
    def from_settings(cls, settings: Settings) -> EscalationPolicy:
        """The one reading of the settings, for the app and the action server alike."""
        return cls(
            roster=settings.roster,
            targets=ResponseTargets(
                emergency=timedelta(minutes=settings.target_emergency_minutes),
                crisis=timedelta(minutes=settings.target_crisis_minutes),
                concern=timedelta(minutes=settings.target_concern_minutes),
            ),
            base_url=settings.base_url,
            alerts_before_supervisor=settings.alerts_before_supervisor,
        )


def on_call(session: Session, policy: EscalationPolicy, now: datetime) -> list[roster.OnCall]:
    """Who is on call now, in order: the roster the console keeps (seeded from the setting)."""
    return roster.current(session, policy.roster, now)


def level_of(escalation: Escalation) -> Level:
    return Level[escalation.level.upper()]


def escalate(
    session: Session,
    policy: EscalationPolicy,
    participant_id: int,
    message_id: int,
    screening: Screening,
    now: datetime,
) -> Escalation:
    """One escalation per episode: opens one, or raises the person's unresolved one when this
    message rates higher (paging again at the new level), adding this message's reasons."""
    current = escalations.unresolved_for(session, participant_id)
    if current is not None:
        current.reasons = list(dict.fromkeys([*current.reasons, *screening.reasons]))
        if level_of(current) >= screening.level:
            return current  # already with the peers at this level or higher
    escalation = current or Escalation(participant_id=participant_id, alerts_sent=0, created_at=now)
    escalation.message_id = message_id
    escalation.level = screening.level.label
    escalation.reasons = escalation.reasons or list(screening.reasons)
    escalation.respond_by = now + policy.targets.within(screening.level)
    session.add(escalation)
    session.flush()
    if current is None:
        queue_alerts(session, policy, escalation, AlertKind.ALERT, now)
    else:
        _page_raised(session, policy, escalation, now)
    audit.record(
        session, "gateway", "escalated" if current is None else "raised", participant_id,
        escalation_id=escalation.id, level=escalation.level, reasons=escalation.reasons,
    )  # fmt: skip
    return escalation


def _page_raised(
    session: Session, policy: EscalationPolicy, escalation: Escalation, now: datetime
) -> None:
    """A page at the new level replaces any lower one not yet sent (one page, not two in the
    same second); it goes to whoever holds the case, or to everyone on call."""
    episodes.supersede_pending_alerts(session, escalation.id)
    holder = holder_of(session, escalation)
    if holder is None:
        queue_alerts(session, policy, escalation, AlertKind.RAISED, now)
    else:
        alert_peers(session, policy, escalation, {holder}, AlertKind.RAISED, now)


def holder_of(session: Session, escalation: Escalation) -> str | None:
    """The peer who has the case: who claimed it, or who took the conversation over."""
    person = session.get(Participant, escalation.participant_id)
    return escalation.claimed_by or (person.taken_over_by if person else None)


def message_arrived(
    session: Session,
    policy: EscalationPolicy,
    participant_id: int,
    now: datetime,
    *,
    risky: bool = False,
) -> None:
    """The person wrote again (a message that neither opened nor raised the case) while a
    peer is needed: whoever has the case (or, for an
    unclaimed emergency or crisis, everyone on call) gets "new message in #N", never the text,
    at most once a minute per escalation, unless this message itself rates crisis or higher
    (`risky`): risk is never held back by the throttle. An unclaimed concern waits in the
    review queue."""
    escalation = episodes.case_of(session, participant_id)
    if escalation is None:
        return
    recent = escalation.message_alerted_at
    if not risky and recent is not None and now - recent < MESSAGE_ALERT_INTERVAL:
        return
    holder = holder_of(session, escalation)
    if holder is None and level_of(escalation) < Level.CRISIS:
        return
    peers = on_call(session, policy, now)
    names = {holder} if holder else {p.name for p in peers if not p.supervisor}
    alert_peers(session, policy, escalation, names, AlertKind.NEW_MESSAGE, now)
    escalation.message_alerted_at = now


def emergency_in_takeover(
    session: Session, policy: EscalationPolicy, participant_id: int, now: datetime
) -> None:
    """An emergency while a peer has the conversation: that peer and every supervisor, at once."""
    escalation = episodes.case_of(session, participant_id)
    person = session.get(Participant, participant_id)
    if escalation is None or person is None:
        return
    supervisors = {p.name for p in on_call(session, policy, now) if p.supervisor}
    names = supervisors | ({person.taken_over_by} if person.taken_over_by else set())
    alert_peers(session, policy, escalation, names, AlertKind.TAKEOVER_EMERGENCY, now)
    escalation.message_alerted_at = now


def queue_alerts(
    session: Session,
    policy: EscalationPolicy,
    escalation: Escalation,
    kind: AlertKind,
    now: datetime,
) -> None:
    """Emergencies and crises go to every address a peer has (two channels where there are
    two); a concern goes to the first. Supervisors get only the supervisor alert."""
    level = level_of(escalation)
    text = alert_text(kind, level, escalation.id, policy.base_url)
    for peer in on_call(session, policy, now):
        if peer.supervisor != (kind is AlertKind.SUPERVISOR):
            continue
        addresses = peer.alert_addresses if level >= Level.CRISIS else peer.alert_addresses[:1]
        _add_alerts(session, escalation, peer, addresses, kind, text, now)
    if kind is not AlertKind.SUPERVISOR:
        escalation.alerts_sent += 1


def person_opted_out(
    session: Session, policy: EscalationPolicy, participant_id: int, now: datetime
) -> None:
    """A STOP (a carrier's opt-out, a blocked bot) in the middle of an escalation: whoever has
    the case (or, unclaimed, every peer on call) is told at once, since a reply on that channel
    will no longer reach the person."""
    escalation = escalations.unresolved_for(session, participant_id)
    if escalation is None:
        return
    holder = holder_of(session, escalation)
    peers = on_call(session, policy, now)
    names = {holder} if holder else {p.name for p in peers if not p.supervisor}
    alert_peers(session, policy, escalation, names, AlertKind.OPTED_OUT, now)
    audit.record(
        session, "gateway", "opted-out-alerted", participant_id, escalation_id=escalation.id
    )


def address_opted_out(
    session: Session, policy: EscalationPolicy, address: str, now: datetime, *, why: str
) -> None:
    """A provider says this address stopped (Twilio 21610, a blocked Telegram bot): it is
    opted out, and if that is news mid-escalation, the peer is told."""
    if participants.opt_out(session, address, now, why=why):
        participant_id = participants.participant_id_of(session, address)
        if participant_id is not None:
            person_opted_out(session, policy, participant_id, now)


def alert_peers(
    session: Session,
    policy: EscalationPolicy,
    escalation: Escalation,
    names: Collection[str],
    kind: AlertKind,
    now: datetime,
) -> None:
    """Alerts the named peers (supervisors included) on every address they have."""
    text = alert_text(kind, level_of(escalation), escalation.id, policy.base_url)
    for peer in on_call(session, policy, now):
        if peer.name in names:
            _add_alerts(session, escalation, peer, peer.alert_addresses, kind, text, now)


def _add_alerts(
    session: Session,
    escalation: Escalation,
    peer: roster.OnCall,
    addresses: Sequence[str],
    kind: AlertKind,
    text: str,
    now: datetime,
) -> None:
    session.add_all(
        PeerAlert(escalation_id=escalation.id, recipient=peer.name, address=address,
                  kind=kind, text=text, next_attempt_at=now)
        for address in addresses
    )  # fmt: skip


def remind_overdue(session: Session, policy: EscalationPolicy, now: datetime) -> int:
    """Alerts again about escalations nobody claimed in time; then tells a supervisor too."""
    due = escalations.overdue(session, now)
    for escalation in due:
        unanswered = escalation.alerts_sent >= policy.alerts_before_supervisor
        if unanswered and escalation.supervisor_alerted_at is None:
            queue_alerts(session, policy, escalation, AlertKind.SUPERVISOR, now)
            escalation.supervisor_alerted_at = now
        queue_alerts(session, policy, escalation, AlertKind.REMINDER, now)
        escalation.respond_by = now + policy.targets.within(level_of(escalation))
    return len(due)
