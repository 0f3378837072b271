"""Logging set-up. Messages are health data: log ids and counts at info, never text or numbers."""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        force=True,
    )
    # These log what they send at debug or info, whatever our level: request URLs, which can
    # carry a sender id (httpx), URLs and headers (Twilio), each sendMessage's text and chat id
    # and the API URL holding the bot token (python-telegram-bot), each action call's tracker
    # (rasa-sdk), and request lines with their query strings (uvicorn).
    for name in ("httpx", "twilio", "telegram", "rasa_sdk", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
