"""The engine dies mid-conversation: the participant still gets a holding reply with 988 at once,
and the message is answered once the engine is back."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from bot.actions.greet import FIRST_GREETING
from core.settings import Settings
from escalation.responses import HOLDING_REPLY
from store.migrate import upgrade
from tests.support.system import chat, conversation, wait_for
from warmline.isolated import PreparedEngine
from warmline.processes import ChildSpec, actions_spec, app_spec, engine_spec
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine


@pytest.fixture
def settings(system_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("WARMLINE_ENGINE_RETRY_SECONDS", "1")
    return type(system_settings)()


def start(*specs: ChildSpec) -> Supervisor:
    group = Supervisor(list(specs), out=io.StringIO())
    group.start()
    return group


@pytest.fixture
def engine_spec_(settings: Settings, prepared_engine: PreparedEngine) -> ChildSpec:
    return engine_spec(settings, prepared_engine.install, prepared_engine.model)


@pytest.fixture
def app_and_actions(settings: Settings) -> Iterator[str]:
    upgrade(settings.app_database_url)
    group = start(actions_spec(settings), app_spec(settings))
    try:
        yield f"http://127.0.0.1:{settings.app_port}"
    finally:
        group.stop()


def test_engine_outage_gets_a_holding_reply_then_the_real_answer(
    app_and_actions: str, engine_spec_: ChildSpec
) -> None:
    base = app_and_actions
    engine = start(engine_spec_)
    try:
        assert chat(base, "kim", "hello") == [FIRST_GREETING]
    finally:
        engine.stop()  # the engine dies mid-conversation

    assert chat(base, "kim", "are you a bot?") == [HOLDING_REPLY]
    assert "988" in HOLDING_REPLY

    engine = start(engine_spec_)
    try:
        wait_for(lambda: len(conversation(base, "kim")) == 5, 60, "the held message's answer")
    finally:
        engine.stop()

    assert conversation(base, "kim")[2:] == [
        ("inbound", "are you a bot?"),
        ("outbound", HOLDING_REPLY),
        (
            "outbound",
            "I'm an automated assistant, not a person. Real peer recovery specialists read "
            "conversations that need them, and you can ask for a person any time.",
        ),
    ]
