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
from store import audit, escalations
from store.escalation_models import AlertKind, Escalation, PeerAlert
from store.models import Participant


@dataclass(frozen=True)
class EscalationPolicy:
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
    """Opens an escalation, or raises the level of the person's unresolved one, and alerts."""
    current = escalations.unresolved_for(session, participant_id)
    if current is not None and level_of(current) >= screening.level:
        return current  # already with the peers at this level or higher
    escalation = current or Escalation(participant_id=participant_id, alerts_sent=0)
    escalation.message_id = message_id
    escalation.level = screening.level.label
    escalation.reasons = list(screening.reasons)
    escalation.respond_by = now + policy.targets.within(screening.level)
    session.add(escalation)
    session.flush()
    queue_alerts(session, policy, escalation, AlertKind.ALERT, now)
    audit.record(
        session, "gateway", "escalated", participant_id,
        escalation_id=escalation.id, level=escalation.level, reasons=escalation.reasons,
    )  # fmt: skip
    return escalation


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
    for peer in policy.roster:
        if peer.supervisor != (kind is AlertKind.SUPERVISOR):
            continue
        addresses = peer.alert_addresses if level >= Level.CRISIS else peer.alert_addresses[:1]
        _add_alerts(session, escalation, peer, addresses, kind, text, now)
    if kind is not AlertKind.SUPERVISOR:
        escalation.alerts_sent += 1


def person_opted_out(
    session: Session, policy: EscalationPolicy, participant_id: int, now: datetime
) -> None:
    """A STOP in the middle of an escalation: whoever has the case (or, unclaimed, every peer
    on call) is told at once, since a reply by text will no longer reach the person."""
    escalation = escalations.unresolved_for(session, participant_id)
    if escalation is None:
        return
    person = session.get(Participant, participant_id)
    holder = escalation.claimed_by or (person.taken_over_by if person else None)
    peers = [p for p in policy.roster if not p.supervisor and (holder in (None, p.name))]
    kind = AlertKind.OPTED_OUT
    text = alert_text(kind, level_of(escalation), escalation.id, policy.base_url)
    for peer in peers:
        _add_alerts(session, escalation, peer, peer.alert_addresses, kind, text, now)
    audit.record(
        session, "gateway", "opted-out-alerted", participant_id, escalation_id=escalation.id
    )


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
    for peer in policy.roster:
        if peer.name in names:
            _add_alerts(session, escalation, peer, peer.alert_addresses, kind, text, now)


def _add_alerts(
    session: Session,
    escalation: Escalation,
    peer: RosterPeer,
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
