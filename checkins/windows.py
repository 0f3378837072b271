"""When a due event may go out: inside the person's contact window, in their own time zone, and
never after its expiry. Pure (zoneinfo only), so it is tested across both DST changes.

A window is wall-clock time where the person lives (09:00-20:00 means nine in the morning on
their clock, winter or summer). On the night the clocks go forward an hour does not exist, and
on the night they go back one happens twice; a window's edges are resolved the way zoneinfo
resolves them (fold 0: the first of two, and a missing time read with the offset before the
change), and every instant is compared in UTC, so neither night sends twice or skips a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Window:
    start: time
    end: time
    zone: ZoneInfo

    def opens(self, day: date) -> datetime:
        return datetime.combine(day, self.start, self.zone).astimezone(UTC)

    def closes(self, day: date) -> datetime:
        return datetime.combine(day, self.end, self.zone).astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        day = instant.astimezone(self.zone).date()
        return self.opens(day) <= instant < self.closes(day)


def expires_at(window: Window, due_on: date, expires_after: timedelta) -> datetime:
    """An event may go out from its window's opening on its day until this instant."""
    return window.opens(due_on) + expires_after


def send_at(
    window: Window, due_on: date, expires_after: timedelta, now: datetime
) -> datetime | None:
    """The first instant from `now` on when the event may go out (`now` itself if it may go out
    now), or None when its expiry passes before the window opens again: an event late after an
    outage goes out late within its expiry, never stale."""
    deadline = expires_at(window, due_on, expires_after)
    earliest = max(now, window.opens(due_on))
    day = earliest.astimezone(window.zone).date()
    while True:
        opening, closing = window.opens(day), window.closes(day)
        if earliest < closing:
            candidate = max(earliest, opening)
            return candidate if candidate <= deadline else None
        day += timedelta(days=1)
        if window.opens(day) > deadline:
            return None
