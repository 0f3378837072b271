"""The supervisor, in process, with real short-lived children on free ports."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.server import free_port
from tests.warmline.children import child_spec, pid_alive, read_pid, wait_until
from warmline import supervisor
from warmline.processes import ChildSpec
from warmline.supervisor import ChildFailed, Supervisor

MakeSupervisor = Callable[[list[ChildSpec]], tuple[Supervisor, io.StringIO]]


@pytest.fixture
def make_supervisor(monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeSupervisor]:
    """Supervisors whose children are all stopped at the end, even when the test fails."""
    monkeypatch.setattr(supervisor, "STOP_GRACE_SECONDS", 2.0)
    made: list[Supervisor] = []

    def make(specs: list[ChildSpec]) -> tuple[Supervisor, io.StringIO]:
        out = io.StringIO()
        made.append(Supervisor(specs, out=out))
        return made[-1], out

    try:
        yield make
    finally:
        for each in made:
            each.stop()
            for child in each.children.values():  # should stop() itself leave a group behind
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)


def watch_at_most(watched: Supervisor, seconds: float = 15.0) -> int:
    """watch(), stopped by request_stop after `seconds` so a broken test cannot hang."""
    timer = threading.Timer(seconds, watched.request_stop)
    timer.start()
    try:
        return watched.watch()
    finally:
        timer.cancel()


def test_start_returns_once_every_child_answers_200(make_supervisor: MakeSupervisor) -> None:
    specs = [child_spec("slow", free_port(), delay=0.8), child_spec("quick", free_port())]
    started, _ = make_supervisor(specs)

    started.start()

    statuses = [httpx.get(spec.ready_url, trust_env=False).status_code for spec in specs]
    assert statuses == [200, 200]


def test_a_dying_child_stops_the_others_and_their_process_groups(
    make_supervisor: MakeSupervisor, tmp_path: Path
) -> None:
    grandchild_pidfile, trigger = tmp_path / "grandchild.pid", tmp_path / "die-now"
    survivor = child_spec("survivor", free_port(), grandchild_pidfile=str(grandchild_pidfile))
    dying = child_spec("dying", free_port(), exit_on=str(trigger), exit_code=3)
    watched, out = make_supervisor([survivor, dying])
    watched.start()
    grandchild = read_pid(grandchild_pidfile)
    assert pid_alive(grandchild)

    trigger.touch()
    code = watch_at_most(watched)

    assert code == 1
    assert out.getvalue() == "warmline: dying exited with code 3; stopping the others\n"
    assert watched.children["survivor"].returncode == -signal.SIGTERM
    assert wait_until(lambda: not pid_alive(grandchild), timeout=5)


def test_request_stop_makes_watch_return_0_and_stops_everyone(
    make_supervisor: MakeSupervisor, tmp_path: Path
) -> None:
    grandchild_pidfile = tmp_path / "grandchild.pid"
    specs = [
        child_spec("first", free_port(), grandchild_pidfile=str(grandchild_pidfile)),
        child_spec("second", free_port()),
    ]
    watched, out = make_supervisor(specs)
    watched.start()
    grandchild = read_pid(grandchild_pidfile)

    threading.Timer(0.3, watched.request_stop, args=(signal.SIGINT, None)).start()
    code = watch_at_most(watched)

    assert code == 0
    assert out.getvalue() == "warmline: stopping\n"
    assert [child.returncode for child in watched.children.values()] == [-signal.SIGTERM] * 2
    assert wait_until(lambda: not pid_alive(grandchild), timeout=5)


def test_a_child_ignoring_sigterm_is_killed_after_the_grace_period(
    make_supervisor: MakeSupervisor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(supervisor, "STOP_GRACE_SECONDS", 0.5)
    watched, _ = make_supervisor([child_spec("stubborn", free_port(), ignore_term=True)])
    watched.start()

    began = time.monotonic()
    watched.stop()
    took = time.monotonic() - began

    assert watched.children["stubborn"].returncode == -signal.SIGKILL
    assert 0.5 <= took < 3


def test_a_child_exiting_before_it_is_ready_fails_start_naming_it(
    make_supervisor: MakeSupervisor,
) -> None:
    fine = child_spec("fine", free_port())
    early = child_spec("early", free_port(), exit_now=4)
    started, _ = make_supervisor([early, fine])

    with pytest.raises(ChildFailed) as failure:
        started.start()

    assert str(failure.value) == "early exited with code 4"


def test_a_child_never_ready_fails_start_after_its_ready_timeout(
    make_supervisor: MakeSupervisor,
) -> None:
    never = child_spec("never", free_port(), delay=60, ready_timeout=1.0)
    started, _ = make_supervisor([never])

    began = time.monotonic()
    with pytest.raises(ChildFailed) as failure:
        started.start()
    took = time.monotonic() - began

    assert str(failure.value) == "never was not ready after 1s"
    assert 1.0 <= took < 4


def test_readiness_is_probed_directly_even_with_a_proxy_configured(
    make_supervisor: MakeSupervisor, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead_proxy = f"http://127.0.0.1:{free_port()}"
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    spec = child_spec("behind-proxy", free_port(), ready_timeout=3.0)
    started, _ = make_supervisor([spec])

    started.start()

    assert started.children["behind-proxy"].poll() is None
