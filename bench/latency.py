"""Reply latency through the whole gateway against the engine's message webhook alone, side by
side in one run, with 1 and with 8 people texting at once, on the same trained model.

    uv run python -m bench.latency [--rounds 6] [--per-round 48] [--senders 1 8]

Timed from the sender's side, per message, until its replies are back:

- gateway: `POST /dev/chat`, the path every channel's message takes (store it, screen it, ask
  the engine, store the replies with their outbox rows, send them);
- engine: its message webhook alone (`/webhooks/warmline/webhook`), called as the gateway calls
  it on a first attempt: the engine token, a fresh message id.

The ratio of the medians is what the gateway's work and its extra HTTP hop add to a reply.
On a shared machine that ratio moves from run to run; the app process's CPU time per message
(`app CPU`: the gateway's own work, near nothing while the engine alone is called) does not.
Rounds alternate which target goes first, so drift on a noisy machine hits both alike. Each
round uses fresh senders, so both see conversations of the same length. The engine's senders
are participants of the app, named as the gateway names them (`participant-<id>`), so the
actions do the same database work on both paths.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from channels.engine import WEBHOOK_PATH
from core.addresses import simulator
from core.settings import load_settings
from store.db import Database
from store.participants import engine_sender, participant_id_for
from warmline.isolated import prepare, start_system, system_env

MESSAGES = ["hi", "r u a bot?", "what can u do", "thanks", "whats the weather", "bye"]
GATEWAY, ENGINE = "gateway /dev/chat", "engine webhook"

Send = Callable[[httpx.AsyncClient, str, str], Awaitable[None]]


@dataclass(frozen=True)
class Target:
    send: Send  # one message from a sender, as this target names senders
    sender: Callable[[str], str]  # a person's name -> this target's name for them (not timed)


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    app_cpu: float = 0.0  # seconds of the app process's CPU while this target was loaded

    def percentile(self, q: float) -> float:
        """Milliseconds."""
        ordered = sorted(self.latencies)
        return ordered[min(int(q * len(ordered)), len(ordered) - 1)] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def app_cpu_ms(self) -> float:
        """The app process's CPU milliseconds per message."""
        return self.app_cpu / len(self.latencies) * 1000


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far, all its threads (Linux: user + system time)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def gateway(base: str) -> Target:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> None:
        response = await client.post(f"{base}/dev/chat", json={"from": sender, "text": text})
        response.raise_for_status()

    return Target(send, sender=lambda name: name)


def engine(base: str, token: str, participant: Callable[[str], str]) -> Target:
    async def send(client: httpx.AsyncClient, sender: str, text: str) -> None:
        body = {
            "sender": sender,
            "message": text,
            "message_id": f"bench-{uuid.uuid4().hex}",
            "first_attempt": True,
        }
        headers = {"Authorization": f"Bearer {token}"}
        response = await client.post(f"{base}{WEBHOOK_PATH}", json=body, headers=headers)
        response.raise_for_status()

    return Target(send, sender=participant)


def participants(db: Database) -> Callable[[str], str]:
    """A person's name -> the engine's name for the participant the gateway makes of it."""

    def participant(name: str) -> str:
        with db.transaction() as session:
            return engine_sender(participant_id_for(session, str(simulator(name))))

    return participant


async def load(target: Target, tag: str, count: int, senders: int, into: Sample) -> None:
    """`count` messages from `senders` people texting at once, each waiting for its reply."""
    names = [target.sender(f"{tag}-{index}") for index in range(senders)]
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:

        async def person(index: int) -> None:
            for turn in range(index, count, senders):
                started = time.perf_counter()
                await target.send(client, names[index], MESSAGES[turn // senders % len(MESSAGES)])
                into.latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(person(i) for i in range(senders)))
        into.seconds += time.perf_counter() - started


async def compare(
    targets: dict[str, Target], senders: int, args: argparse.Namespace, app_cpu: Callable[[], float]
) -> dict[str, Sample]:
    samples = {name: Sample() for name in targets}
    names = list(targets)
    for round_no in range(args.rounds):
        for name in names if round_no % 2 == 0 else names[::-1]:
            tag = f"s{senders}r{round_no}-{name[:3]}"
            used = app_cpu()
            await load(targets[name], tag, args.per_round, senders, samples[name])
            samples[name].app_cpu += app_cpu() - used
    return samples


async def measure(
    targets: dict[str, Target], args: argparse.Namespace, app_cpu: Callable[[], float]
) -> list[str]:
    for name, target in targets.items():  # warm-up: first calls load lazy parts of the model
        await load(target, f"warm-{name[:3]}", 16, max(args.senders), Sample())
    lines = [
        f"{args.rounds} rounds x {args.per_round} messages per target and number of senders",
        f"{'senders':<9}{'target':<19}{'p50 ms':>9}{'p90 ms':>9}{'msg/s':>8}{'app CPU ms/msg':>16}",
    ]
    for senders in args.senders:
        lines += report(senders, await compare(targets, senders, args, app_cpu))
    return lines


def report(senders: int, samples: dict[str, Sample]) -> list[str]:
    lines = []
    for name, s in samples.items():
        figures = f"{s.percentile(0.5):>9.1f}{s.percentile(0.9):>9.1f}{s.rate:>8.1f}"
        lines.append(f"{senders:<9}{name:<19}{figures}{s.app_cpu_ms:>16.2f}")
    ratio = statistics.median(samples[GATEWAY].latencies) / statistics.median(
        samples[ENGINE].latencies
    )
    lines.append(f"{'':<9}gateway/engine ratio of medians: {ratio:.3f}")
    return lines


def run(args: argparse.Namespace) -> str:
    data_dir = Path(tempfile.mkdtemp(prefix="warmline-bench-"))
    os.environ.update(system_env(data_dir, WARMLINE_LOG_LEVEL="WARNING"))
    settings = load_settings()
    system = start_system(settings, prepare(settings))
    db = Database(settings.app_database_url)
    try:
        targets = {
            GATEWAY: gateway(f"http://127.0.0.1:{settings.app_port}"),
            ENGINE: engine(settings.engine_url, settings.engine_token_value, participants(db)),
        }
        app = system.children["app"].pid
        return "\n".join(asyncio.run(measure(targets, args, lambda: cpu_seconds(app))))
    finally:
        db.dispose()
        system.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=48)
    parser.add_argument("--senders", type=int, nargs="+", default=[1, 8])
    print(run(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
