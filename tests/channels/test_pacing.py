"""The pacer: rates per key and overall, urgent sends first in line, on a fake clock."""

from __future__ import annotations

import asyncio
import inspect
import time
from typing import Any

import pytest

from channels.pacing import Pacer, Pacing
from tests.channels.conftest import Run
from tests.channels.pacing_helpers import FakeTime

Send = tuple[str, str, bool]  # a name for the send, its key, whether it is urgent


async def grant_times(pacer: Pacer, clock: FakeTime, sends: list[Send]) -> dict[str, float]:
    """Queues the sends in this order, all before any time passes; when each went."""
    granted: dict[str, float] = {}

    async def send(name: str, key: str, urgent: bool) -> None:
        await pacer.acquire(key, urgent=urgent)
        granted[name] = clock.now

    # Tasks start in the order they are made, all before the pacer's first sleep.
    await asyncio.gather(*(asyncio.create_task(send(*each)) for each in sends))
    return granted


def test_one_key_sends_at_its_rate(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(per_key=1.0))

    granted = run(
        grant_times(pacer, clock, [("a", "k", False), ("b", "k", False), ("c", "k", False)])
    )

    assert granted == {"a": 0.0, "b": 1.0, "c": 2.0}


def test_different_keys_do_not_wait_for_each_other_without_an_overall_rate(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(per_key=1.0))

    granted = run(grant_times(pacer, clock, [("a", "x", False), ("b", "y", False)]))

    assert granted == {"a": 0.0, "b": 0.0}


def test_overall_rate_spaces_every_send(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(per_key=1.0, overall=4.0))

    granted = run(grant_times(pacer, clock, [(n, n, False) for n in "abc"]))

    assert granted == {"a": 0.0, "b": 0.25, "c": 0.5}


def test_an_urgent_send_takes_the_next_slot_ahead_of_a_queue(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(overall=1.0))
    bulk: list[Send] = [(f"bulk{i}", f"tel:{i}", False) for i in range(50)]

    granted = run(grant_times(pacer, clock, [*bulk, ("crisis", "tel:999", True)]))

    assert (granted["bulk0"], granted["crisis"], granted["bulk1"]) == (0.0, 1.0, 2.0)
    assert granted["bulk49"] == 50.0


def test_urgent_sends_keep_their_own_order(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(overall=1.0))
    sends: list[Send] = [
        ("n", "k", False),
        ("n2", "k", False),
        ("u1", "k", True),
        ("u2", "k", True),
    ]

    granted = run(grant_times(pacer, clock, sends))

    assert sorted(granted, key=granted.__getitem__) == ["n", "u1", "u2", "n2"]


def test_a_later_send_fills_a_gap_that_holds_back_nobody_ahead(run: Run[Any]) -> None:
    """Telegram: a crisis reply waits a second for its chat; a check-in to another chat may go
    now, since it does not push the crisis reply's slot back."""
    clock = FakeTime()
    pacer = clock.pacer(Pacing(per_key=1.0, overall=30.0))
    sends: list[Send] = [
        ("first", "chat:1", True),
        ("crisis", "chat:1", True),
        ("other", "chat:2", False),
    ]

    granted = run(grant_times(pacer, clock, sends))

    assert granted == {"first": 0.0, "crisis": 1.0, "other": pytest.approx(1 / 30)}


def test_a_weight_holds_that_many_slots(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(overall=1.0))

    async def go() -> list[float]:
        await pacer.acquire("k", weight=3)  # a message split into three SMS
        await pacer.acquire("k")
        return [clock.now]

    assert run(go()) == [3.0]


def test_a_cancelled_waiter_gives_its_place_up(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(overall=1.0))

    async def go() -> float:
        await pacer.acquire("k")
        gone = asyncio.create_task(pacer.acquire("k", urgent=True))
        await asyncio.sleep(0)
        gone.cancel()
        await pacer.acquire("k")
        return clock.now

    assert run(go()) == 1.0


def test_an_unpaced_pacer_never_waits(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing())

    granted = run(grant_times(pacer, clock, [(n, "k", False) for n in "abc"]))

    assert set(granted.values()) == {0.0}


@pytest.mark.parametrize("pacing", [{"per_key": 0.0}, {"overall": -1.0}])
def test_a_rate_must_be_positive(pacing: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacing(**pacing)


def test_slowest_is_the_lowest_rate_set() -> None:
    assert (Pacing(1.0, 30.0).slowest, Pacing(overall=2.0).slowest, Pacing().slowest) == (
        1.0,
        2.0,
        None,
    )


def test_the_pacer_sleeps_until_the_next_slot_opens(run: Run[Any]) -> None:
    clock = FakeTime()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await clock.sleep(seconds)

    pacer = Pacer(Pacing(overall=20.0), clock=clock, sleep=sleep)

    granted = run(grant_times(pacer, clock, [(n, "k", False) for n in "abc"]))

    assert slept == [pytest.approx(0.05), pytest.approx(0.05)]  # two slots of 50 ms, no more
    assert list(granted.values()) == [0.0, pytest.approx(0.05), pytest.approx(0.1)]


def test_by_default_the_pacer_runs_on_the_monotonic_clock_and_asyncios_sleep() -> None:
    defaults = inspect.signature(Pacer).parameters

    assert defaults["clock"].default is time.monotonic
    assert defaults["sleep"].default is asyncio.sleep


def test_a_waiter_cancelled_just_before_its_slot_does_not_use_it(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(overall=1.0))

    async def go() -> float:
        await pacer.acquire("k")
        gone = asyncio.create_task(pacer.acquire("k", urgent=True))
        kept = asyncio.create_task(pacer.acquire("k"))
        await asyncio.sleep(0)
        gone.cancel()  # its future is cancelled now; the task leaves the line only later
        clock.now = 1.0  # the slot opens and the timer fires before that task has run
        pacer._grant()
        await kept
        return clock.now

    assert run(go()) == 1.0


def test_keys_are_forgotten_once_they_may_send_again(run: Run[Any]) -> None:
    clock = FakeTime()
    pacer = clock.pacer(Pacing(per_key=1.0))

    async def go() -> int:
        for chat in range(100):
            await pacer.acquire(f"chat:{chat}")
        clock.now = 1.0
        await pacer.acquire("chat:last")
        return len(pacer._free.keys)

    assert run(go()) == 1
