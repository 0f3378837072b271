"""Starts the warmline's processes, keeps them up, and stops them together.

A child that exits, or stops answering its health check, is restarted with backoff, and the
others go on: the app screens every message and sends the crisis reply itself, so it must never
stop because the engine did. Only a crash loop stops everything, with one line saying which
child and why.

Each child runs in its own process group, so stopping it stops whatever it spawned; and each asks
the kernel for SIGTERM should the supervisor itself die, so nothing is left orphaned.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

import httpx

from warmline.processes import ChildSpec
from warmline.restarts import RestartHistory, RestartPolicy

PR_SET_PDEATHSIG = 1
STOP_GRACE_SECONDS = 15.0
TICK_SECONDS = 0.2
PROBE_TIMEOUT_SECONDS = 2.0


def _die_with_parent() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class ChildFailed(RuntimeError):
    pass


def _spawn(spec: ChildSpec) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - argv we built, no shell
        spec.argv,
        cwd=spec.cwd,
        env=spec.env,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def answers(url: str) -> bool:
    try:
        # trust_env=False: a loopback probe must not go through an HTTP(S)_PROXY
        return httpx.get(url, timeout=PROBE_TIMEOUT_SECONDS, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def exit_reason(code: int) -> str:
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"exited with code {code} ({signal.Signals(-code).name})"
    return f"exited with code {code}"


@dataclass
class Watched:
    """One child as the watch loop sees it."""

    spec: ChildSpec
    process: subprocess.Popen[bytes]
    history: RestartHistory
    ready: bool = False
    healthy_at: float = 0.0  # the last health check answered, or the (re)start
    probe_at: float = 0.0
    restart_at: float | None = None  # set while waiting out a backoff

    def silent_for(self, now: float) -> float | None:
        """How long past its allowance the child has gone without answering, if it has."""
        allowed = self.spec.hang_after if self.ready else self.spec.ready_timeout
        return allowed if now - self.healthy_at > allowed else None


@dataclass
class Supervisor:
    specs: list[ChildSpec]
    out: TextIO = sys.stderr
    policy: RestartPolicy = field(default_factory=RestartPolicy)
    clock: Callable[[], float] = time.monotonic
    _watched: dict[str, Watched] = field(default_factory=dict, init=False)
    _stop_requested: bool = field(default=False, init=False)

    @property
    def children(self) -> dict[str, subprocess.Popen[bytes]]:
        return {name: watched.process for name, watched in self._watched.items()}

    def restarts(self, name: str) -> int:
        return self._watched[name].history.total

    def say(self, text: str) -> None:
        print(f"warmline: {text}", file=self.out, flush=True)

    def request_stop(self, *_: object) -> None:
        self._stop_requested = True

    def start(self) -> None:
        """Starts every child and waits until each answers. A child that fails here fails the
        start: at first start that is a configuration problem, which restarting will not fix."""
        now = self.clock()
        for spec in self.specs:
            history = RestartHistory(self.policy)
            self._watched[spec.name] = Watched(spec, _spawn(spec), history, healthy_at=now)
        for watched in self._watched.values():
            self._wait_ready(watched)

    def _wait_ready(self, watched: Watched) -> None:
        while not self._stop_requested:
            for each in self._watched.values():
                code = each.process.poll()
                if code is not None:
                    raise ChildFailed(f"{each.spec.name} {exit_reason(code)}")
            if answers(watched.spec.ready_url):
                watched.ready, watched.healthy_at = True, self.clock()
                return
            if watched.silent_for(self.clock()) is not None:
                timeout = watched.spec.ready_timeout
                raise ChildFailed(f"{watched.spec.name} was not ready after {timeout:.0f}s")
            time.sleep(0.3)

    def watch(self) -> int:
        """Keeps the children up until Ctrl-C/SIGTERM (returns 0) or a crash loop (returns 1)."""
        while not self._stop_requested:
            for watched in self._watched.values():
                if not self._tend(watched, self.clock()):
                    self.stop()
                    return 1
            time.sleep(TICK_SECONDS)
        self.say("stopping")
        self.stop()
        return 0

    def _tend(self, watched: Watched, now: float) -> bool:
        """One look at one child; False when it is in a crash loop and everything must stop."""
        if watched.restart_at is not None:
            if now >= watched.restart_at:
                self._respawn(watched, now)
            return True
        code = watched.process.poll()
        if code is not None:
            return self._failed(watched, exit_reason(code), now)
        if now < watched.probe_at:
            return True
        if answers(watched.spec.ready_url):
            watched.ready, watched.healthy_at = True, self.clock()
        elif (allowed := watched.silent_for(now)) is not None:
            what = "its health check" if watched.ready else "as it started"
            return self._failed(watched, f"did not answer {what} for {allowed:.0f}s", now)
        interval = watched.spec.probe_every if watched.ready else 0.3
        watched.probe_at = now + interval
        return True

    def _failed(self, watched: Watched, why: str, now: float) -> bool:
        name = watched.spec.name
        _signal_group(watched.process, signal.SIGKILL)  # a hung child, or what it left behind
        watched.process.wait()
        if watched.history.in_crash_loop(now):
            window = self.policy.crash_loop_window
            recent = watched.history.recent(now)
            self.say(
                f"{name} {why} after {recent} restarts within {window:.0f}s: "
                "a crash loop, stopping everything"
            )
            return False
        delay = watched.history.record(now)
        total = watched.history.total
        self.say(f"{name} {why}; restarting it in {delay:.1f}s (restart {total})")
        watched.restart_at = now + delay
        return True

    def _respawn(self, watched: Watched, now: float) -> None:
        watched.process = _spawn(watched.spec)
        watched.ready, watched.healthy_at, watched.probe_at = False, now, now
        watched.restart_at = None

    def stop(self) -> None:
        processes = [watched.process for watched in self._watched.values()]
        for process in processes:
            _signal_group(process, signal.SIGTERM)
            _signal_group(process, signal.SIGCONT)  # a stopped (hung) child acts on it only now
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in processes:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
            _signal_group(process, signal.SIGKILL)  # anything the child left in its group


def _signal_group(child: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, sig)
