"""Twilio's status callbacks: what became of each SMS we sent.

Callbacks arrive out of order (a "sent" can follow the "delivered"), so each status is recorded
only over an earlier one. Error 21610 means the person opted out with their carrier: the address
is marked opted out, so nothing more is sent to someone who asked us to stop.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from channels.twilio_sms.errors import OPTED_OUT
from channels.twilio_sms.inbound import MESSAGE_SID, MalformedWebhook
from store import participants
from store.db import Database
from store.deliveries import Recorded, record_delivery

logger = logging.getLogger(__name__)

# Twilio's lifecycle of a sent message, earliest first. Outcomes share a rank: once one is
# recorded another never replaces it; "read" (WhatsApp, RCS) can only follow a delivery.
_ORDER = {
    "scheduled": 0,
    "accepted": 1,
    "queued": 2,
    "sending": 3,
    "sent": 4,
    "delivered": 5,
    "undelivered": 5,
    "failed": 5,
    "canceled": 5,
    "partially_delivered": 5,
    "read": 6,
}
STATUSES = frozenset(_ORDER)


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    message_sid: str
    status: str
    error_code: int | None


def supersedes(status: str) -> frozenset[str]:
    """The statuses `status` may replace: those earlier in the lifecycle."""
    return frozenset(name for name, rank in _ORDER.items() if rank < _ORDER[status])


def read_report(form: Mapping[str, str]) -> DeliveryReport:
    sid = form.get("MessageSid", "")
    if not MESSAGE_SID.match(sid):  # the id of a message we sent: Twilio's letters and digits
        raise MalformedWebhook("MessageSid is missing or not a message id")
    status = form.get("MessageStatus", "")
    if status not in _ORDER:
        raise MalformedWebhook(f"MessageStatus must be one of {', '.join(sorted(_ORDER))}")
    raw_code = form.get("ErrorCode", "")
    if raw_code and not (raw_code.isascii() and raw_code.isdigit() and len(raw_code) <= 9):
        raise MalformedWebhook("ErrorCode must be a whole number")
    return DeliveryReport(sid, status, int(raw_code) if raw_code else None)


def record_report(db: Database, report: DeliveryReport, now: datetime) -> Recorded:
    """Records the status and, for 21610, the opt-out, in one transaction."""
    with db.transaction() as session:
        delivery = record_delivery(
            session,
            report.message_sid,
            report.status,
            report.error_code,
            now,
            supersedes=supersedes(report.status),
        )
        # An opt-out counts whenever it arrives, even on a callback too late to be recorded.
        address = delivery.address if report.error_code == OPTED_OUT else None
        if address is not None and participants.opt_out(
            session, address, now, why="carrier error 21610"
        ):
            logger.info("an address opted out with its carrier (Twilio error 21610)")
    logger.debug("status %s for %s: %s", report.status, report.message_sid, delivery.outcome.value)
    return delivery.outcome
