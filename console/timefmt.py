"""Times as a peer reads them in the console: how long ago, how long until a target."""

from __future__ import annotations

from datetime import datetime

from core.clock import utcnow


def span(seconds: float) -> str:
    minutes = int(abs(seconds) // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 90:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h {minutes % 60} min" if hours < 48 else f"{hours // 24} days"


def ago(at: datetime) -> str:
    return span((utcnow() - at).total_seconds())


def due(respond_by: datetime) -> str:
    left = (respond_by - utcnow()).total_seconds()
    return f"respond within {span(left)}" if left > 0 else f"target passed {span(left)} ago"


def next_page(at: datetime) -> str:
    """A re-paged case's respond_by: when the next re-page goes, not a target still ahead."""
    left = (at - utcnow()).total_seconds()
    return f"in {span(left)}" if left > 0 else "any moment now"


def clock(at: datetime) -> str:
    return at.strftime("%d %b %H:%M UTC")
