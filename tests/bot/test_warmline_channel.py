"""The engine's message webhook (bot/components/warmline_channel.py) takes a call's metadata into
the user event when it is a few short strings, and drops it otherwise; on a message that carries
a hand-back (bot/components/handback.py), the engine runs the resume action before it answers,
and on any other message it calls no action for it. Run inside the engine's Python 3.10."""

from __future__ import annotations

import pytest

from tests.bot.test_tfidf_intent_classifier import engine_python
from warmline.engine_env import BOT_DIR
from warmline.isolated import PreparedEngine

pytestmark = pytest.mark.engine

CHANNEL = """
import asyncio, json, socket, sys, types
from aiohttp import web
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
import handback, warmline_channel as channel

SAM = {"handed_back_by": "Sam"}
BODIES = {
    "given": SAM,
    "absent": None,
    "not an object": "handed_back_by=Sam",
    "a number in it": {"handed_back_by": 7},
    "a long string": {"handed_back_by": "S" * 201},
    "too many": {str(n): "x" for n in range(9)},
    "empty": {},
}

def parsed(metadata):
    body = {"sender": "participant-7", "message": "hi", "message_id": "warmline-1"}
    if metadata is not None:
        body["metadata"] = metadata
    return channel._parsed(types.SimpleNamespace(json=body))

class Agent:
    class tracker_store:
        @staticmethod
        async def retrieve(sender):
            return None

async def taken(call):
    seen = []
    async def on_new_message(message):
        seen.append(message.metadata)
    await channel.WarmlineInput("token")._once(Agent, on_new_message, call)
    return seen

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

async def resumed(metadata):
    hits, port = [], free_port()
    async def action(request):
        body = await request.json()
        hits.append([body["next_action"], body["tracker"]["latest_message"].get("metadata")])
        return web.json_response({
            "events": [{"event": "slot", "name": "peer_was_here", "value": True}],
            "responses": [{"response": "utter_resume_after_handback", "peer": "Sam"}],
        })
    app = web.Application()
    app.router.add_post("/webhook", action)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    domain = Domain.load(sys.argv[1])
    processor = types.SimpleNamespace(
        action_endpoint=EndpointConfig(f"http://127.0.0.1:{port}/webhook"),
        nlg=TemplatedNaturalLanguageGenerator(domain.responses),
        domain=domain,
        _send_bot_messages=MessageProcessor._send_bot_messages,
    )
    events = [ActionExecuted("action_listen"), UserUttered("thanks", {"name": "thank"},
                                                           metadata=metadata)]
    tracker = DialogueStateTracker.from_events("participant-7", events, domain.slots)
    async def extract(self, output, tracker):
        return tracker
    out = CollectingOutputChannel()
    try:
        tracker = await handback.resuming_after_handback(extract)(processor, out, tracker)
    finally:
        await runner.cleanup()
    said = [m["text"] for m in out.messages]
    return {"hits": hits, "said": said, "slot": tracker.get_slot("peer_was_here"),
            "actions": [e.action_name for e in tracker.events if isinstance(e, ActionExecuted)]}

async def main():
    return {
        "parsed": {name: parsed(m).metadata for name, m in BODIES.items()},
        "taken": await taken(parsed(SAM)),
        "taken without": await taken(parsed(None)),
        "resumed": await resumed(SAM),
        "not resumed": await resumed({"other": "x"}),
    }

outcomes = asyncio.run(main())
plain = MessageProcessor.run_action_extract_slots
handback.install()
installed = MessageProcessor.run_action_extract_slots is plain  # the webhook installed it
print(json.dumps({**outcomes, "installed once": installed}))
"""


def test_metadata_reaches_the_conversation_and_a_hand_back_is_resumed(
    prepared_engine: PreparedEngine,
) -> None:
    outcomes = engine_python(prepared_engine, CHANNEL, str(BOT_DIR / "domain"))

    assert outcomes["parsed"] == {
        "given": {"handed_back_by": "Sam"},
        "absent": None,
        "not an object": None,
        "a number in it": None,
        "a long string": None,
        "too many": None,
        "empty": None,
    }
    assert outcomes["taken"] == [{"handed_back_by": "Sam"}]
    assert outcomes["taken without"] == [None]
    resumed = outcomes["resumed"]
    assert resumed["hits"] == [["action_resume_after_handback", {"handed_back_by": "Sam"}]]
    assert len(resumed["said"]) == 1
    assert "Sam" in resumed["said"][0]
    assert resumed["slot"] is True
    assert resumed["actions"] == ["action_listen"]  # no action logged: the rules go on as before
    assert outcomes["not resumed"] == {"hits": [], "said": [], "slot": None,
                                       "actions": ["action_listen"]}  # fmt: skip
    assert outcomes["installed once"] is True
