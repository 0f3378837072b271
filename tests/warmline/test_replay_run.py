"""The replay stops at once, saying where, when the system does not answer as a running one
does, and keeps (and reports) the conversations it finished: a sealed set is read once. The
replies of a real system are tested end to end (tests/e2e/test_replay.py); here a stand-in
answers /dev/chat over real HTTP, then stops answering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from tests.fakes.server import free_port, serving
from warmline import cli
from warmline.replay_conversations import Conversation, PersonTurn
from warmline.replay_run import Chat, ReplayError, TriggerText, replay
from warmline.replay_transcript import Exchange, Recorded

TWO_TURNS = (PersonTurn("hey", "small_talk"), PersonTurn("meh", "reflect_feeling"))
FIRST, SECOND = (Conversation(name, "someone", "person", TWO_TURNS) for name in ("c7", "c8"))
FILE = """version: test
conversations:
  - {id: c7, persona: someone, opens_with: person, turns: [{text: hey, expect: small_talk}]}
  - {id: c8, persona: someone, opens_with: person, turns: [{text: hey, expect: small_talk}]}
"""


def answering(times: int) -> FastAPI:
    """A system whose /dev/chat answers `times` messages, then fails."""
    app = FastAPI()
    calls: list[str] = []

    @app.post("/dev/chat")
    async def chat(request: Request) -> Response:
        calls.append((await request.json())["from"])
        if len(calls) > times:
            return Response(status_code=503)
        return JSONResponse({"replies": [f"Reply {len(calls)}."]})

    return app


def test_a_system_that_does_not_answer_stops_the_replay_saying_where() -> None:
    stopped = pytest.raises(ReplayError, match=r"^c7, after 0 exchanges: .*ConnectError$")
    with Chat(f"http://127.0.0.1:{free_port()}") as chat, stopped:
        replay([FIRST], chat, TriggerText(), "t")


def test_a_replay_that_stops_part_way_keeps_the_conversations_it_finished() -> None:
    port = free_port()
    refused = pytest.raises(ReplayError, match=r"^c8, after 1 exchanges: .* 503$")
    with serving(answering(3), port), Chat(f"http://127.0.0.1:{port}") as chat, refused as stopped:
        replay([FIRST, SECOND], chat, TriggerText(), "t")
    finished = Recorded(
        "c7",
        "someone",
        "person",
        (
            Exchange("person", "hey", "small_talk", ("Reply 1.",)),
            Exchange("person", "meh", "reflect_feeling", ("Reply 2.",)),
        ),
    )
    assert stopped.value.recorded == [finished]


def test_the_command_reports_what_it_finished_as_incomplete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conversations, out = tmp_path / "two.yml", tmp_path / "report.json"
    conversations.write_text(FILE)
    port = free_port()
    with serving(answering(1), port):
        code = cli.main(
            ["replay-conversations", str(conversations), "--base-url",
             f"http://127.0.0.1:{port}", "--out", str(out)]
        )  # fmt: skip
    assert code == 2
    assert "INCOMPLETE, stopped: c8, after 0 exchanges" in capsys.readouterr().out
    written = json.loads(out.read_text())
    assert ([t["id"] for t in written["transcripts"]], written["person_turns"]) == (["c7"], 1)
    assert written["stopped"].startswith("c8, after 0 exchanges")
