"""Reply latency through the gateway (`POST /dev/chat`) against the engine's own REST webhook,
side by side in one run, at the same load, on the same trained model.

    uv run python -m bench.latency [--rounds 6] [--per-round 40] [--concurrency 4]

Rounds alternate which target goes first, so drift on a noisy machine hits both alike. Each
round uses fresh senders, so both paths see conversations of the same length. The engine's own
senders are participants of the app, named as the gateway names them (`participant-<id>`), so
the actions do the same database work on both paths and the difference is the gateway's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from core.addresses import simulator
from core.settings import load_settings
from store.db import Database
from store.participants import engine_sender, participant_id_for
from warmline.isolated import prepare, start_system, system_env

MESSAGES = ["hi", "r u a bot?", "what can u do", "thanks", "whats the weather", "bye"]

Send = Callable[[httpx.AsyncClient, str, str], Awaitable[None]]


@dataclass(frozen=True)
class Target:
    send: Send  # one message from a sender, as this target names senders
    sender: Callable[[str], str]  # a person's name -> this target's name for them (not timed)


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(int(q * len(ordered)), len(ordered) - 1)] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def gateway(base: str) -> Target:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> None:
        response = await client.post(f"{base}/dev/chat", json={"from": sender, "text": text})
        response.raise_for_status()

    return Target(send, sender=lambda name: name)


def engine(base: str, db: Database) -> Target:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> None:
        body = {"sender": sender, "message": text}
        response = await client.post(f"{base}/webhooks/rest/webhook", json=body)
        response.raise_for_status()

    def participant(name: str) -> str:
        with db.transaction() as session:  # the participant the gateway makes of a new name
            return engine_sender(participant_id_for(session, str(simulator(name))))

    return Target(send, sender=participant)


async def load(target: Target, tag: str, count: int, concurrency: int, into: Sample) -> None:
    """`count` messages from `concurrency` people texting at once, each waiting for its reply."""
    senders = [target.sender(f"{tag}-{index}") for index in range(concurrency)]
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:

        async def person(index: int) -> None:
            for turn in range(index, count, concurrency):
                started = time.perf_counter()
                await target.send(client, senders[index], MESSAGES[turn % len(MESSAGES)])
                into.latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(person(i) for i in range(concurrency)))
        into.seconds += time.perf_counter() - started


async def compare(targets: dict[str, Target], args: argparse.Namespace) -> dict[str, Sample]:
    samples = {name: Sample() for name in targets}
    names = list(targets)
    for name in names:  # warm-up: first calls load lazy parts of the model
        await load(targets[name], f"warm-{name[:3]}", 12, args.concurrency, Sample())
    for round_no in range(args.rounds):
        order = names if round_no % 2 == 0 else names[::-1]
        for name in order:
            tag = f"r{round_no}-{name[:3]}"
            await load(targets[name], tag, args.per_round, args.concurrency, samples[name])
    return samples


def report(samples: dict[str, Sample], args: argparse.Namespace) -> str:
    lines = [
        f"{args.rounds} rounds x {args.per_round} messages per target, "
        f"{args.concurrency} concurrent senders",
        f"{'target':<22}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'msg/s':>9}",
    ]
    for name, sample in samples.items():
        row = [sample.percentile(q) for q in (0.5, 0.95, 0.99)]
        lines.append(f"{name:<22}" + "".join(f"{v:>9.1f}" for v in row) + f"{sample.rate:>9.1f}")
    gateway, engine = samples["gateway /dev/chat"], samples["engine REST webhook"]
    ratio = statistics.median(gateway.latencies) / statistics.median(engine.latencies)
    lines.append(f"gateway/engine median latency ratio: {ratio:.3f} (target <= 1.10)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> str:
    data_dir = Path(tempfile.mkdtemp(prefix="warmline-bench-"))
    os.environ.update(system_env(data_dir, WARMLINE_LOG_LEVEL="WARNING"))
    settings = load_settings()
    system = start_system(settings, prepare(settings))
    db = Database(settings.app_database_url)
    try:
        targets = {
            "gateway /dev/chat": gateway(f"http://127.0.0.1:{settings.app_port}"),
            "engine REST webhook": engine(settings.engine_url, db),
        }
        return report(asyncio.run(compare(targets, args)), args)
    finally:
        db.dispose()
        system.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    print(run(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
