"""The on-call roster as the console keeps it: who is on call, in order.

Alerting (escalation/service.py) and the supervisor's view read it from here, the one path.
The `oncall_roster` setting only seeds an empty table; after that the console's edits are the
roster, and they cannot empty it (nobody would be alerted). Every change is an audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.settings import RosterPeer
from store import audit
from store.roster_models import OnCallPeer


@dataclass(frozen=True)
class OnCall:
    """One person on call, as alerting needs them (no token: the peer API's tokens stay in
    the setting)."""

    name: str
    supervisor: bool = False
    telegram_chat_id: int | None = None
    phone: str | None = None
    sim: str | None = None

    @property
    def alert_addresses(self) -> list[str]:
        found = [f"telegram:{self.telegram_chat_id}" if self.telegram_chat_id else ""]
        found += [f"tel:{self.phone}" if self.phone else "", f"sim:{self.sim}" if self.sim else ""]
        return [address for address in found if address]


class RosterRefused(ValueError):
    """An edit that would leave the roster wrong; the message says why, in plain words."""


def _snapshot(row: OnCallPeer) -> OnCall:
    return OnCall(row.name, row.supervisor, row.telegram_chat_id, row.phone, row.sim)


def _rows(session: Session) -> list[OnCallPeer]:
    return list(session.scalars(select(OnCallPeer).order_by(OnCallPeer.position, OnCallPeer.id)))


def _seed(session: Session, seed: Sequence[RosterPeer], now: datetime) -> None:
    """Fills an empty table from the setting. Two processes seeding at once: the second's
    insert meets the first's unique names and gives way (a savepoint, so its transaction
    goes on)."""
    try:
        with session.begin_nested():
            session.add_all(
                OnCallPeer(position=i, name=p.name, supervisor=p.supervisor,
                           telegram_chat_id=p.telegram_chat_id, phone=p.phone, sim=p.sim,
                           updated_at=now)
                for i, p in enumerate(seed)
            )  # fmt: skip
        audit.record(session, "roster-seed", "roster-seeded", names=[p.name for p in seed])
    except IntegrityError:
        pass  # seeded by someone else a moment ago


def current(session: Session, seed: Sequence[RosterPeer], now: datetime) -> list[OnCall]:
    """Who is on call, in order; an empty table is first seeded from the setting."""
    rows = _rows(session)
    if not rows and seed:
        _seed(session, seed, now)
        rows = _rows(session)
    return [_snapshot(row) for row in rows]


def assignable(session: Session, seed: Sequence[RosterPeer], now: datetime) -> list[str]:
    """The peers (not supervisors) on the roster, whom an enrolled person can be assigned to."""
    return [each.name for each in current(session, seed, now) if not each.supervisor]


def _check_leaves_someone(rows: Sequence[OnCallPeer], without: OnCallPeer) -> None:
    rest = [row for row in rows if row is not without]
    if not any(not row.supervisor for row in rest):
        raise RosterRefused("the roster needs at least one peer (not a supervisor) on call")


def add(session: Session, entry: OnCall, by: str, now: datetime) -> None:
    """Puts someone at the end of the roster."""
    if session.scalar(select(OnCallPeer.id).where(OnCallPeer.name == entry.name)) is not None:
        raise RosterRefused(f"{entry.name} is already on the roster")
    if not entry.alert_addresses:
        raise RosterRefused("someone on call needs an address for alerts")
    last = session.scalar(select(func.max(OnCallPeer.position)))
    session.add(
        OnCallPeer(position=(last if last is not None else -1) + 1, name=entry.name,
                   supervisor=entry.supervisor, telegram_chat_id=entry.telegram_chat_id,
                   phone=entry.phone, sim=entry.sim, updated_at=now)
    )  # fmt: skip
    session.flush()
    audit.record(session, by, "roster-added", name=entry.name, supervisor=entry.supervisor)


def _named(rows: Sequence[OnCallPeer], name: str) -> OnCallPeer:
    for row in rows:
        if row.name == name:
            return row
    raise RosterRefused(f"{name} is not on the roster")


def remove(session: Session, name: str, by: str) -> None:
    rows = _rows(session)
    row = _named(rows, name)
    if not row.supervisor:
        _check_leaves_someone(rows, row)
    session.delete(row)
    session.flush()
    audit.record(session, by, "roster-removed", name=name)


def move(session: Session, name: str, by: str, now: datetime, *, up: bool) -> None:
    """Swaps someone with the one before (up) or after them; at either end, nothing moves."""
    rows = _rows(session)
    row = _named(rows, name)
    at = rows.index(row)
    other_at = at - 1 if up else at + 1
    if not 0 <= other_at < len(rows):
        return
    for i, each in enumerate(rows):  # positions 0..n-1 first: ties and gaps made plain
        each.position = i
    row.position, rows[other_at].position = other_at, at
    row.updated_at = rows[other_at].updated_at = now
    session.flush()
    audit.record(session, by, "roster-moved", name=name, position=other_at + 1)
