"""The engine's action calls (bot/components/action_calls.py), run inside the engine's Python
3.10 against a real local server: a call refused at connect, or dropped by an action server that
died during it, waits out the restart; a call the server answered, even with an error, is never
sent twice; an error's body, which echoes the person's messages, never reaches the engine's log,
though a form's rejection (400) keeps its body for Rasa to read."""

from __future__ import annotations

import pytest

from tests.bot.test_tfidf_intent_classifier import engine_python
from warmline.isolated import PreparedEngine

pytestmark = pytest.mark.engine

CALLS = """
import asyncio, json, socket, struct
import aiohttp
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
import action_calls

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

async def serve(port, status, hits, after):
    await asyncio.sleep(after)
    async def action(request):
        hits.append(1)
        if status == 400:  # a form's rejection: Rasa reads the action's name from the body
            return web.json_response({"error": "no", "action_name": "x"}, status=400)
        if status != 200:  # rasa_sdk's error answer: the whole request, the person's words in it
            body = {"error": "boom", "request_body": {"latest_message": {"text": "SECRET-TEXT"}}}
            return web.json_response(body, status=status)
        return web.json_response({"events": [], "responses": []}, status=status)
    app = web.Application()
    app.router.add_post("/webhook", action)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner

async def dropped_once(wait, reset=False):
    # The first call's connection is closed with no answer (the server died), then it answers;
    # a reset (RST, as the kernel sends for a killed process's unread data) is the same death.
    port, hits = free_port(), []
    async def action(request):
        hits.append(1)
        if len(hits) == 1 and reset:
            linger = struct.pack("ii", 1, 0)
            request.transport.get_extra_info("socket").setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, linger)
            request.transport.abort()
        elif len(hits) == 1:
            request.transport.close()
        return web.json_response({"events": [], "responses": []})
    app = web.Application()
    app.router.add_post("/webhook", action)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    request = action_calls.waiting_out_restarts(EndpointConfig.request, wait=wait)
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    try:
        await request(endpoint, json={"next_action": "x"}, method="post")
        outcome = "answered"
    except aiohttp.ClientConnectionError as error:
        outcome = type(error).__name__
    await runner.cleanup()
    return [outcome, len(hits)]

async def call(status, after, wait):
    port, hits = free_port(), []
    server = asyncio.create_task(serve(port, status, hits, after))
    request = action_calls.waiting_out_restarts(EndpointConfig.request, wait=wait)
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    try:
        await request(endpoint, json={"next_action": "x"}, method="post")
        outcome = "answered"
    except aiohttp.ClientConnectorError:
        outcome = "refused"
    except ClientResponseError as error:
        said = "SECRET-TEXT" in f"{error} {error.text} {error.__cause__} {error.__context__}"
        outcome = f"status {error.status}" + (" with the text" if said else "")
        if error.status == 400:
            outcome += " " + json.loads(error.text)["action_name"]
    runner = await server if server.done() else None
    server.cancel()
    if runner is not None:
        await runner.cleanup()
    return [outcome, len(hits)]

async def main():
    return {
        "restarting": await call(200, after=1.0, wait=10.0),
        "down": await call(200, after=30.0, wait=0.6),
        "failing": await call(500, after=0.0, wait=10.0),
        "rejected": await call(400, after=0.0, wait=10.0),
        "dropped": await dropped_once(wait=10.0),
        "reset": await dropped_once(wait=10.0, reset=True),
    }

outcomes = asyncio.run(main())
plain = EndpointConfig.request
action_calls.install()
once = EndpointConfig.request
action_calls.install()
installed = once is not plain and EndpointConfig.request is once
print(json.dumps({**outcomes, "installed": installed}))
"""


def test_an_action_call_waits_out_a_restart_and_never_repeats_one_that_was_answered(
    prepared_engine: PreparedEngine,
) -> None:
    outcomes = engine_python(prepared_engine, CALLS)

    assert outcomes == {
        "restarting": ["answered", 1],  # refused until the server came up, then sent once
        "down": ["refused", 0],  # gives up after its wait: Rasa then handles it as before
        "failing": ["status 500", 1],  # answered with an error: not tried again, body withheld
        "rejected": ["status 400 x", 1],  # a form's rejection: its body kept for Rasa
        "dropped": ["answered", 2],  # the server died during it: tried again once it is back
        "reset": ["answered", 2],  # its connection reset as it died: the same
        "installed": True,  # once, however often the module is loaded
    }
