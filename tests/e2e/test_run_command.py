"""`warmline run` brings the whole system up, holds a real conversation through the simulator,
and Ctrl-C stops every process it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.actions.greet import FIRST_GREETING, RETURNING_GREETING
from store.db import Database
from store.models import AuditEntry, Message
from tests.support.system import chat, wait_for
from warmline.isolated import PreparedEngine, system_env

pytestmark = pytest.mark.engine

EVERYDAY = Path(__file__).resolve().parents[2] / "bot" / "domain" / "everyday.yml"

BOT_CHALLENGE = (
    "I'm an automated assistant, not a person. Real peer recovery specialists read "
    "conversations that need them, and you can ask for a person any time."
)
# Out of scope gets a gentle redirect, one of its variations.
REDIRECTS = [
    str(variation["text"])
    for variation in yaml.safe_load(EVERYDAY.read_text(encoding="utf-8"))["responses"][
        "utter_out_of_scope"
    ]
]


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def stored_conversation(data_dir: Path) -> list[tuple[str, str]]:
    db = Database(f"sqlite:///{data_dir / 'warmline.db'}")
    with db.transaction() as session:
        rows = session.scalars(select(Message).order_by(Message.id)).all()
        result = [(str(m.direction), m.text) for m in rows]
        greeted = session.scalars(select(AuditEntry.action)).all()
    db.dispose()
    return result + [("audit", action) for action in greeted]


def test_run_serves_a_conversation_and_ctrl_c_stops_everything(
    prepared_engine: PreparedEngine, tmp_path: Path
) -> None:
    env = {**os.environ, **system_env(tmp_path / "data")}
    ports = [int(env[k]) for k in ("WARMLINE_APP_PORT", "WARMLINE_ENGINE_PORT")]
    ports.append(int(env["WARMLINE_ACTIONS_PORT"]))
    log = (tmp_path / "run.log").open("w+")
    runner = subprocess.Popen(
        [sys.executable, "-m", "warmline.cli", "run"], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{env['WARMLINE_APP_PORT']}"
    try:
        wait_for(
            lambda: "warmline: ready" in Path(log.name).read_text(), 300, "warmline run to be ready"
        )

        assert chat(base, "sam", "hey") == [FIRST_GREETING]
        assert chat(base, "sam", "r u a real person?") == [BOT_CHALLENGE]
        assert chat(base, "sam", "hi again") == [RETURNING_GREETING]
        [redirect] = chat(base, "sam", "whats the weather like tomorrow")
        assert redirect in REDIRECTS
    finally:
        runner.send_signal(signal.SIGINT)
        code = runner.wait(timeout=60)

    assert code == 0, Path(log.name).read_text()[-3000:]
    assert [port_is_free(port) for port in ports] == [True, True, True]
    assert stored_conversation(tmp_path / "data") == [
        ("inbound", "hey"),
        ("outbound", FIRST_GREETING),
        ("inbound", "r u a real person?"),
        ("outbound", BOT_CHALLENGE),
        ("inbound", "hi again"),
        ("outbound", RETURNING_GREETING),
        ("inbound", "whats the weather like tomorrow"),
        ("outbound", redirect),
        ("audit", "greeted"),
        ("audit", "greeted"),
    ]
