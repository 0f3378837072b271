"""The gateway's two transactions on a message's path, timed back to back and after an idle
pause as long as the engine's turn, side by side in one run.

    uv run python -m bench.idle_wake [--messages 300] [--pause-ms 40] [--wait sleep|spin]
                                     [--no-idle-states]

Why: at one sender the gateway's process waits idle while the engine thinks, and the work it
does next (storing the replies, then the next message) runs on a cold CPU. This shows how much
of the gateway's share of a reply's latency is that, rather than the work itself.

`--wait spin` waits by spinning instead of sleeping, and `--no-idle-states` holds the CPU out of
its idle states while measuring (writes 0 to /dev/cpu_dma_latency, which needs root): both tell
whether the slow-down is the CPU sleeping or, as measured here, something else.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from core.clock import utcnow
from store import messages
from store.db import Database
from store.escalations import conversation_state
from store.messages import Draft
from store.migrate import upgrade
from store.models import Message

ADDRESS = "sim:bench"
REPLIES = [Draft("that sounds like a lot this week", ()), Draft("what helped most?", ())]


class Transactions:
    """The gateway's transactions before and after the engine, on a scratch SQLite database."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._count = 0

    def store(self) -> Message:
        self._count += 1
        with self._db.transaction() as session:
            stored = messages.store_inbound(
                session,
                address=ADDRESS,
                channel_message_id=f"bench-{self._count}",
                text="been a rough week but still going to meetings",
                now=utcnow(),
            )
            message = stored.message
            conversation_state(session, message.participant_id, message.id, ADDRESS)
            return message

    def finish(self, message: Message) -> None:
        with self._db.transaction() as session:
            messages.finish_inbound(session, message, REPLIES, "none", utcnow(), send_now=True)


def spin(seconds: float, clock: Callable[[], float] = time.perf_counter) -> None:
    """Waits without letting the CPU idle: reads the clock until the time is up."""
    until = clock() + seconds
    while clock() < until:
        pass


WAITS: dict[str, Callable[[float], None]] = {"sleep": time.sleep, "spin": spin}


@contextlib.contextmanager
def idle_states_held_off() -> Iterator[None]:
    """The kernel's PM QoS interface: while the file is open with 0 in it, no CPU enters an idle
    state that takes time to leave."""
    with open("/dev/cpu_dma_latency", "wb", buffering=0) as request:
        request.write(struct.pack("<i", 0))
        yield


def measure(
    transactions: Transactions, count: int, pause: float, wait: Callable[[float], None] = time.sleep
) -> tuple[float, float]:
    """Median milliseconds of the store and of the finish, after waiting `pause` seconds."""
    stores: list[float] = []
    finishes: list[float] = []
    for _ in range(count):
        wait(pause)
        started = time.perf_counter()
        message = transactions.store()
        stores.append((time.perf_counter() - started) * 1000)
        wait(pause)
        started = time.perf_counter()
        transactions.finish(message)
        finishes.append((time.perf_counter() - started) * 1000)
    return statistics.median(stores), statistics.median(finishes)


def run(args: argparse.Namespace) -> str:
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='warmline-idle-')) / 'app.db'}"
    upgrade(url)
    db = Database(url)
    held = idle_states_held_off() if args.no_idle_states else contextlib.nullcontext()
    wait = WAITS[args.wait]
    try:
        with held:
            transactions = Transactions(db)
            measure(transactions, 50, 0.0)  # warm-up: statement caches, the participant row
            rows = []
            each = args.messages // 3
            for _ in range(3):  # alternate, so drift on a noisy machine hits both alike
                rows.append(("back to back", *measure(transactions, each, 0.0)))
                rows.append(
                    ("after idle", *measure(transactions, each, args.pause_ms / 1000, wait))
                )
    finally:
        db.dispose()
    return report(rows, args.pause_ms)


def report(rows: list[tuple[str, float, float]], pause_ms: float) -> str:
    lines = [f"{'':<14}{'store ms':>10}{'finish ms':>11}   (medians of 3 alternating runs)"]
    medians = {}
    for label in ("back to back", "after idle"):
        store = statistics.median(r[1] for r in rows if r[0] == label)
        finish = statistics.median(r[2] for r in rows if r[0] == label)
        medians[label] = store + finish
        lines.append(f"{label:<14}{store:>10.2f}{finish:>11.2f}")
    ratio = medians["after idle"] / medians["back to back"]
    lines.append(f"after a {pause_ms:g} ms pause / back to back: {ratio:.2f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--pause-ms", type=float, default=40.0)
    parser.add_argument("--wait", choices=sorted(WAITS), default="sleep")
    parser.add_argument("--no-idle-states", action="store_true", help="needs root")
    print(run(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
