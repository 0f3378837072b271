"""The supervisor, in process, with real short-lived children on free ports.

No test here times anything: each waits (bounded) for an event the supervisor reports, such as a
restart counted or a line written, and asserts what happened."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.server import free_port
from tests.warmline.children import child_spec, pid_alive, read_pid, wait_until
from warmline import supervisor
from warmline.processes import ChildSpec
from warmline.restarts import RestartPolicy
from warmline.supervisor import ChildFailed, Supervisor, answers

# Restarts at once, so the tests wait on processes, not on backoff.
QUICK = RestartPolicy(first_delay=0.1, max_delay=0.1, crash_loop_restarts=3)

MakeSupervisor = Callable[[list[ChildSpec]], tuple[Supervisor, io.StringIO]]


@pytest.fixture
def make_supervisor(monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeSupervisor]:
    """Supervisors whose children are all stopped at the end, even when the test fails."""
    monkeypatch.setattr(supervisor, "STOP_GRACE_SECONDS", 2.0)
    made: list[Supervisor] = []

    def make(specs: list[ChildSpec]) -> tuple[Supervisor, io.StringIO]:
        out = io.StringIO()
        made.append(Supervisor(specs, out=out, policy=QUICK))
        return made[-1], out

    try:
        yield make
    finally:
        for each in made:
            each.request_stop()
            each.stop()
            for child in each.children.values():  # should stop() itself leave a group behind
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)


@contextlib.contextmanager
def watching(watched: Supervisor) -> Iterator[list[int]]:
    """Runs watch() in a thread; yields a list that holds its exit code once it returns."""
    code: list[int] = []
    thread = threading.Thread(target=lambda: code.append(watched.watch()), daemon=True)
    thread.start()
    try:
        yield code
    finally:
        watched.request_stop()
        thread.join(timeout=15)


def restarted(watched: Supervisor, name: str, old_pid: int, times: int = 1) -> Callable[[], bool]:
    def check() -> bool:
        child = watched.children[name]
        return (
            watched.restarts(name) == times
            and child.pid != old_pid
            and answers(f"http://127.0.0.1:{_port(watched, name)}/ready")
        )

    return check


def _port(watched: Supervisor, name: str) -> int:
    spec = next(spec for spec in watched.specs if spec.name == name)
    return int(spec.ready_url.split(":")[2].split("/")[0])


def test_start_returns_once_every_child_answers_200(make_supervisor: MakeSupervisor) -> None:
    specs = [child_spec("slow", free_port(), delay=0.8), child_spec("quick", free_port())]
    started, _ = make_supervisor(specs)

    started.start()

    statuses = [httpx.get(spec.ready_url, trust_env=False).status_code for spec in specs]
    assert statuses == [200, 200]


def test_a_killed_child_is_restarted_and_the_others_keep_running(
    make_supervisor: MakeSupervisor,
) -> None:
    watched, out = make_supervisor(
        [child_spec("engine", free_port()), child_spec("app", free_port())]
    )
    watched.start()
    engine_pid, app_pid = watched.children["engine"].pid, watched.children["app"].pid

    with watching(watched) as code:
        os.killpg(engine_pid, signal.SIGKILL)
        assert wait_until(restarted(watched, "engine", engine_pid), timeout=10)

    assert code == [0]
    assert watched.children["app"].pid == app_pid
    assert watched.restarts("app") == 0
    assert out.getvalue().splitlines() == [
        "warmline: engine exited with code -9 (SIGKILL); restarting it in 0.1s (restart 1)",
        "warmline: stopping",
    ]


def test_a_hung_child_is_killed_and_restarted(make_supervisor: MakeSupervisor) -> None:
    watched, out = make_supervisor([child_spec("engine", free_port(), hang_after=1.0)])
    watched.start()
    hung_pid = watched.children["engine"].pid

    with watching(watched):
        os.killpg(hung_pid, signal.SIGSTOP)
        assert wait_until(restarted(watched, "engine", hung_pid), timeout=15)

    assert not pid_alive(hung_pid)
    assert out.getvalue().splitlines()[0] == (
        "warmline: engine did not answer its health check for 1s; restarting it in 0.1s (restart 1)"
    )


def test_a_restarted_child_dying_again_is_restarted_again(
    make_supervisor: MakeSupervisor,
) -> None:
    watched, _ = make_supervisor([child_spec("app", free_port())])
    watched.start()

    with watching(watched):
        first = watched.children["app"].pid
        os.killpg(first, signal.SIGKILL)
        assert wait_until(restarted(watched, "app", first), timeout=10)
        second = watched.children["app"].pid
        os.killpg(second, signal.SIGKILL)
        assert wait_until(restarted(watched, "app", second, times=2), timeout=10)


def test_a_crash_loop_stops_everything_with_one_line(
    make_supervisor: MakeSupervisor, tmp_path: Path
) -> None:
    trigger = tmp_path / "die-now"
    survivor = child_spec("app", free_port())
    dying = child_spec("engine", free_port(), exit_on=str(trigger), exit_code=3)
    watched, out = make_supervisor([survivor, dying])
    watched.start()

    with watching(watched) as code:
        trigger.touch()  # from now on, every start of the engine exits at once
        assert wait_until(lambda: code == [1], timeout=15)

    lines = out.getvalue().splitlines()
    assert lines[:3] == [
        f"warmline: engine exited with code 3; restarting it in 0.1s (restart {n})"
        for n in (1, 2, 3)
    ]
    assert lines[3:] == [
        "warmline: engine exited with code 3 after 3 restarts within 120s: "
        "a crash loop, stopping everything"
    ]
    assert watched.children["app"].returncode == -signal.SIGTERM


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

    with watching(watched) as code:
        watched.request_stop(signal.SIGINT, None)

    assert code == [0]
    assert out.getvalue() == "warmline: stopping\n"
    assert [child.returncode for child in watched.children.values()] == [-signal.SIGTERM] * 2
    assert wait_until(lambda: not pid_alive(grandchild), timeout=5)


def test_a_hung_child_is_stopped_by_stop(make_supervisor: MakeSupervisor) -> None:
    watched, _ = make_supervisor([child_spec("engine", free_port())])
    watched.start()
    os.killpg(watched.children["engine"].pid, signal.SIGSTOP)

    watched.stop()

    assert watched.children["engine"].returncode == -signal.SIGTERM


def test_a_child_ignoring_sigterm_is_killed_after_the_grace_period(
    make_supervisor: MakeSupervisor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(supervisor, "STOP_GRACE_SECONDS", 0.5)
    watched, _ = make_supervisor([child_spec("stubborn", free_port(), ignore_term=True)])
    watched.start()

    watched.stop()

    assert watched.children["stubborn"].returncode == -signal.SIGKILL


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

    with pytest.raises(ChildFailed) as failure:
        started.start()

    assert str(failure.value) == "never was not ready after 1s"


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
