"""Logging set-up. Messages are health data: log ids and counts at info, never text or numbers."""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        force=True,
    )
    # httpx logs every request URL at info, and a URL can carry a sender id.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # The Twilio SDK logs each request's URL and headers at info.
    logging.getLogger("twilio").setLevel(logging.WARNING)
