"""The whole system for an end-to-end test: the real engine with the trained model, the action
server and the app, in the test's own data folder and ports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.settings import Settings
from tests.support.crisis_log import CRISIS_LOG
from warmline.isolated import PreparedEngine, start_system
from warmline.supervisor import Supervisor


@pytest.fixture
def system(system_settings: Settings, prepared_engine: PreparedEngine) -> Iterator[Supervisor]:
    group = start_system(system_settings, prepared_engine)
    try:
        yield group
    finally:
        group.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The crisis-conversation figure, printed whenever the end-to-end tests ran."""
    if CRISIS_LOG.conversations:
        terminalreporter.write_sep("-", "crisis companion")
        terminalreporter.write_line(CRISIS_LOG.summary())
