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


def test_spinning_waits_as_long_as_asked_without_sleeping() -> None:
    started_wall, started_cpu = time.perf_counter(), time.process_time()

    idle_wake.spin(0.02)

    assert time.perf_counter() - started_wall >= 0.02
    assert time.process_time() - started_cpu >= 0.015  # the CPU was busy, not idle
