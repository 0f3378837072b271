"""At most once in the engine, and a locked message webhook, against the real engine.

The engine is stopped (SIGSTOP) while it answers, so the app's calls time out, the people get
the holding reply and the gateway asks again; then it is continued (SIGCONT) and answers the
calls it had queued as well as the gateway's retries. Each message must still be one user turn
in the engine's conversation. One system serves the whole module (starting one takes a while).
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select

from core.addresses import simulator
from core.settings import Settings, load_settings
from escalation.responses import HOLDING_REPLY
from store.db import Database
from store.models import InboundStatus, Message
from store.participants import engine_sender, participant_id_for
from tests.support.system import chat, wait_for
from warmline.isolated import PreparedEngine, start_system, system_env
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine

# Short enough that a stopped engine makes the app give up and ask again within the test.
TIMEOUT_SECONDS = 3
RETRY_SECONDS = 1
# Each person's messages: everyday turns that the gateway hands to the engine (no risk words,
# no carrier keywords), distinct within a person so each can be counted in the tracker.
TURNS = ("hello", "are you a bot?", "what can you do", "thanks")
PEOPLE = tuple(f"hung-{index}" for index in range(5))


@dataclass(frozen=True)
class Running:
    settings: Settings
    group: Supervisor

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.settings.app_port}"

    def signal_engine(self, sig: signal.Signals) -> None:
        # The supervisor starts each child in its own session: its pid is the process group.
        os.killpg(self.group.children["engine"].pid, sig)


@pytest.fixture(scope="module")
def running(
    tmp_path_factory: pytest.TempPathFactory, prepared_engine: PreparedEngine
) -> Iterator[Running]:
    env = system_env(
        tmp_path_factory.mktemp("at-most-once") / "data",
        WARMLINE_ENGINE_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS),
        WARMLINE_ENGINE_RETRY_SECONDS=str(RETRY_SECONDS),
    )
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        settings = load_settings()
        group = start_system(settings, prepared_engine)
        try:
            yield Running(settings, group)
        finally:
            group.stop()


def user_turns(settings: Settings, sender: str) -> Counter[str]:
    """The texts of the user events in the engine's conversation, counted (all sessions)."""
    url = f"{settings.engine_url}/conversations/{sender}/tracker"
    params = {"token": settings.engine_token_value, "include_events": "ALL"}
    response = httpx.get(url, params=params, timeout=30, trust_env=False)
    assert response.status_code == 200, response.status_code
    events = response.json()["events"]
    return Counter(event["text"] for event in events if event["event"] == "user")


def unanswered(db: Database) -> int:
    with db.transaction() as session:
        query = select(func.count()).where(
            Message.direction == "inbound", Message.status != InboundStatus.PROCESSED
        )
        return int(session.execute(query).scalar_one())


def senders(db: Database) -> dict[str, str]:
    with db.transaction() as session:
        return {p: engine_sender(participant_id_for(session, str(simulator(p)))) for p in PEOPLE}


def test_a_hung_engine_takes_each_message_once(running: Running) -> None:
    settings = running.settings
    chat(running.base, "warm-up", "hello")  # the engine's first turn loads lazily; not measured
    replies: list[list[str]] = []
    with ThreadPoolExecutor(max_workers=len(PEOPLE)) as pool:
        # Each round, everyone texts at once and the engine is stopped while it answers: some
        # calls are mid-way through the engine, others wait in its socket's queue.
        for turn, stop_after in zip(TURNS, (0.05, 0.3, 0.15, 0.6), strict=True):
            sending = [pool.submit(chat, running.base, person, turn) for person in PEOPLE]
            time.sleep(stop_after)
            running.signal_engine(signal.SIGSTOP)
            try:
                # Long enough for the first calls to time out and the retries to time out too.
                time.sleep(TIMEOUT_SECONDS * 2 + RETRY_SECONDS)
            finally:
                running.signal_engine(signal.SIGCONT)
            replies += [future.result() for future in sending]

    db = Database(settings.app_database_url)
    try:
        wait_for(lambda: unanswered(db) == 0, 120, "every held message to be answered")
        conversations = senders(db)
    finally:
        db.dispose()

    # The engine was hung: the app gave up on calls and asked again.
    held = sum(HOLDING_REPLY in answer for answer in replies)
    assert held >= len(PEOPLE), (held, len(replies))

    def counted() -> dict[str, Counter[str]]:
        return {person: user_turns(settings, sender) for person, sender in conversations.items()}

    # Calls the engine had queued while stopped are answered after the gateway's retries: wait
    # until the conversations stop changing before counting.
    seen = counted()
    while (now := counted()) != seen:
        seen = now
        time.sleep(2)
    again = sum(n - 1 for turns in seen.values() for n in turns.values())
    assert again == 0, f"{again} of {len(PEOPLE) * len(TURNS)} messages were taken twice"
    assert seen == {person: Counter(TURNS) for person in PEOPLE}


def test_the_message_webhook_refuses_a_call_without_the_engine_token(running: Running) -> None:
    settings = running.settings
    url = f"{settings.engine_url}/webhooks/warmline/webhook"
    body = {"sender": "participant-9999", "message": "are you a bot?", "message_id": "warmline-x1"}
    wrong = {"Authorization": "Bearer not-the-token"}
    for headers in ({}, wrong):
        response = httpx.post(url, json=body, headers=headers, timeout=30, trust_env=False)
        assert response.status_code in {401, 403}, response.status_code
    # Rasa's own REST channel is not served: it would take any sender without a token.
    rest = f"{settings.engine_url}/webhooks/rest/webhook"
    response = httpx.post(rest, json=body, timeout=30, trust_env=False)
    assert response.status_code == 404, response.status_code
    # Nothing reached the conversation.
    assert user_turns(settings, "participant-9999") == Counter()
    # With the token, the same call is answered.
    token = {"Authorization": f"Bearer {settings.engine_token_value}"}
    response = httpx.post(url, json=body, headers=token, timeout=30, trust_env=False)
    assert response.status_code == 200, response.status_code
    assert user_turns(settings, "participant-9999") == Counter({"are you a bot?": 1})
