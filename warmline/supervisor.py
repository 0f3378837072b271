"""Starts the warmline's processes, watches them, and stops them together.

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
from typing import TextIO

import httpx

from warmline.processes import ChildSpec

PR_SET_PDEATHSIG = 1
STOP_GRACE_SECONDS = 15.0


def _die_with_parent() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class ChildFailed(RuntimeError):
    pass


class Supervisor:
    def __init__(self, specs: list[ChildSpec], out: TextIO = sys.stderr) -> None:
        self._specs = specs
        self._out = out
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self._stop_requested = False

    def say(self, text: str) -> None:
        print(f"warmline: {text}", file=self._out, flush=True)

    def request_stop(self, *_: object) -> None:
        self._stop_requested = True

    def start(self) -> None:
        for spec in self._specs:
            self.children[spec.name] = subprocess.Popen(  # noqa: S603 - argv we built, no shell
                spec.argv,
                cwd=spec.cwd,
                env=spec.env,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        for spec in self._specs:
            self._wait_ready(spec)

    def _wait_ready(self, spec: ChildSpec) -> None:
        deadline = time.monotonic() + spec.ready_timeout
        while time.monotonic() < deadline and not self._stop_requested:
            self._raise_if_any_exited()
            try:
                # trust_env=False: a loopback probe must not go through an HTTP(S)_PROXY
                if httpx.get(spec.ready_url, timeout=2, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        if not self._stop_requested:
            raise ChildFailed(f"{spec.name} was not ready after {spec.ready_timeout:.0f}s")

    def _raise_if_any_exited(self) -> None:
        for name, child in self.children.items():
            code = child.poll()
            if code is not None:
                raise ChildFailed(f"{name} exited with code {code}")

    def watch(self) -> int:
        """Blocks until Ctrl-C/SIGTERM (returns 0) or a child dies (returns 1)."""
        while not self._stop_requested:
            try:
                self._raise_if_any_exited()
            except ChildFailed as failure:
                self.say(f"{failure}; stopping the others")
                self.stop()
                return 1
            time.sleep(0.2)
        self.say("stopping")
        self.stop()
        return 0

    def stop(self) -> None:
        for child in self.children.values():
            _signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in self.children.values():
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()
            _signal_group(child, signal.SIGKILL)  # anything the child left in its group


def _signal_group(child: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, sig)
