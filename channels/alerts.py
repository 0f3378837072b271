"""Peer alerts go out through the same channels and sending policy as replies."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from channels.base import Channel
from channels.outbox import Claimed, QueueDispatcher
from core.clock import utcnow
from store import escalations
from store.db import Database
from store.escalation_models import PeerAlert
from store.queue import renew_claims


class AlertQueue:
    name = "alert"

    def claim_due(
        self,
        session: Session,
        now: datetime,
        limit: int,
        urgent_only: bool,  # noqa: ARG002 - every alert is urgent
    ) -> list[Claimed[PeerAlert]]:
        return [
            Claimed(alert, alert.id, alert.address, alert.text, alert.attempts, urgent=True)
            for alert in escalations.claim_due_alerts(session, now, limit)
        ]

    mark_sent = staticmethod(escalations.mark_alert_sent)
    mark_retry = staticmethod(escalations.mark_alert_retry)
    mark_failed = staticmethod(escalations.mark_alert_failed)

    @staticmethod
    def renew(session: Session, held: Mapping[int, int], now: datetime) -> set[int]:
        return renew_claims(session, PeerAlert, held, now)


def alert_dispatcher(
    db: Database,
    channels: Mapping[str, Channel],
    max_attempts: int,
    clock: Callable[[], datetime] = utcnow,
) -> QueueDispatcher[PeerAlert]:
    return QueueDispatcher(db, AlertQueue(), channels, max_attempts, clock)
