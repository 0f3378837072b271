"""A real supervisor process: stopped by SIGINT, and killed outright."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.settings import PROJECT_ROOT
from tests.fakes.server import free_port
from tests.warmline.children import pid_alive, wait_until

SUPERVISOR = """
import json, os, signal, sys
from tests.warmline.children import child_spec
from warmline.supervisor import Supervisor

pidfile, first, second = sys.argv[1:]
watched = Supervisor(
    [child_spec("first", int(first)), child_spec("second", int(second))], out=sys.stdout
)
signal.signal(signal.SIGINT, watched.request_stop)
signal.signal(signal.SIGTERM, watched.request_stop)
watched.start()
with open(pidfile + ".tmp", "w") as file:
    json.dump([child.pid for child in watched.children.values()], file)
os.rename(pidfile + ".tmp", pidfile)
sys.exit(watched.watch())
"""

Started = tuple[subprocess.Popen[bytes], list[int]]


@pytest.fixture
def run_supervisor(tmp_path: Path) -> Iterator[Callable[[], Started]]:
    """Starts the supervisor script; kills it and its children at the end whatever happened."""
    processes: list[subprocess.Popen[bytes]] = []
    children: list[int] = []

    def start() -> Started:
        pidfile = tmp_path / "children.json"
        with (tmp_path / "supervisor.out").open("wb") as log:
            argv = [sys.executable, "-c", SUPERVISOR, str(pidfile), str(free_port())]
            processes.append(
                subprocess.Popen(
                    [*argv, str(free_port())],
                    cwd=PROJECT_ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        if not wait_until(pidfile.exists, timeout=15):
            output = (tmp_path / "supervisor.out").read_text()
            raise AssertionError(f"the supervisor never started its children:\n{output}")
        children.extend(json.loads(pidfile.read_text()))
        return processes[-1], children

    try:
        yield start
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait()
        for pid in children:
            if pid_alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)


def test_sigint_makes_a_supervisor_process_exit_0_and_stop_its_children(
    run_supervisor: Callable[[], Started], tmp_path: Path
) -> None:
    process, children = run_supervisor()
    assert [pid_alive(pid) for pid in children] == [True, True]

    process.send_signal(signal.SIGINT)

    assert process.wait(timeout=10) == 0
    assert [pid_alive(pid) for pid in children] == [False, False]
    assert (tmp_path / "supervisor.out").read_text().endswith("warmline: stopping\n")


def test_children_die_when_the_supervisor_process_is_killed(
    run_supervisor: Callable[[], Started],
) -> None:
    process, children = run_supervisor()
    assert [pid_alive(pid) for pid in children] == [True, True]

    process.kill()
    process.wait(timeout=10)

    assert wait_until(lambda: not any(pid_alive(pid) for pid in children), timeout=5)
