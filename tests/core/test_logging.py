"""Logging set-up: even at DEBUG, the libraries that would log message text, numbers or tokens
say only warnings."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from core.logging import configure_logging

QUIETED = ["httpx", "twilio", "telegram", "telegram.ext", "rasa_sdk", "uvicorn.access"]


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in QUIETED}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, saved in levels.items():
            logging.getLogger(name).setLevel(saved)


@pytest.mark.usefixtures("restored_logging")
@pytest.mark.parametrize("name", QUIETED)
def test_at_debug_libraries_that_log_what_they_send_say_only_warnings(name: str) -> None:
    configure_logging("DEBUG")

    logger = logging.getLogger(name)

    assert (logger.isEnabledFor(logging.INFO), logger.isEnabledFor(logging.WARNING)) == (
        False,
        True,
    )
