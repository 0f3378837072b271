"""The latency benchmark calls the engine's webhook as the gateway does, and reports each number
of senders with the gateway and the engine side by side."""

from __future__ import annotations

import asyncio
import json
import os

import httpx

from bench import latency
from channels.engine import WEBHOOK_PATH


def test_the_engine_is_called_on_its_webhook_with_the_token_and_a_fresh_message_id() -> None:
    calls: list[httpx.Request] = []

    def engine(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json=[{"text": "hello"}])

    target = latency.engine("http://engine", "engine-token", participant=lambda name: name)

    async def two_messages() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(engine)) as client:
            await target.send(client, "participant-7", "hi")
            await target.send(client, "participant-7", "hi")

    asyncio.run(two_messages())

    assert [call.url.path for call in calls] == [WEBHOOK_PATH, WEBHOOK_PATH]
    assert {call.headers["Authorization"] for call in calls} == {"Bearer engine-token"}
    bodies = [json.loads(call.content) for call in calls]
    assert [(b["sender"], b["message"], b["first_attempt"]) for b in bodies] == [
        ("participant-7", "hi", True)
    ] * 2
    assert bodies[0]["message_id"] != bodies[1]["message_id"]


def test_the_report_puts_gateway_and_engine_side_by_side_with_their_ratio() -> None:
    samples = {
        latency.GATEWAY: latency.Sample([0.030, 0.040, 0.050], seconds=0.12, app_cpu=0.015),
        latency.ENGINE: latency.Sample([0.020, 0.025, 0.030], seconds=0.075),
    }

    lines = latency.report(8, samples)

    assert [line.split() for line in lines[:2]] == [
        ["8", "gateway", "/dev/chat", "40.0", "50.0", "25.0", "5.00"],  # p50, p90, msg/s, CPU
        ["8", "engine", "webhook", "25.0", "30.0", "40.0", "0.00"],
    ]
    assert lines[2].split()[-1] == "1.600"  # 40 ms / 25 ms


def test_a_process_cpu_time_counts_up_as_it_works() -> None:
    before = latency.cpu_seconds(os.getpid())
    sum(i * i for i in range(3_000_000))

    assert latency.cpu_seconds(os.getpid()) > before
