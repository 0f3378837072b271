"""The idle-wake benchmark runs its transactions on a scratch database and reports both waits."""

from __future__ import annotations

import argparse
import time

import pytest

from bench import idle_wake


@pytest.mark.parametrize("wait", ["sleep", "spin"])
def test_the_report_gives_back_to_back_and_after_a_pause_side_by_side(wait: str) -> None:
    args = argparse.Namespace(messages=6, pause_ms=1.0, wait=wait, no_idle_states=False)

    lines = idle_wake.run(args).splitlines()

    assert [line.split()[0] for line in lines[1:3]] == ["back", "after"]
    assert lines[3].startswith("after a 1 ms pause / back to back: ")


class Ticking:
    """A clock that moves one second each time it is read: only a busy loop makes it move."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_spinning_waits_as_long_as_asked_reading_the_clock_and_never_sleeping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_sleep(seconds: float) -> None:
        raise AssertionError(f"spin slept {seconds} s")

    monkeypatch.setattr(time, "sleep", no_sleep)
    clock = Ticking()

    idle_wake.spin(20.0, clock=clock)

    started = 1.0  # its first reading
    assert 20.0 <= clock.now - started <= 21.0  # up to its first reading past the time
