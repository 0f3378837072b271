"""Tiny real child processes for the supervisor tests, and ways to watch processes come and go."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from warmline.processes import ChildSpec

# A grandchild that ignores SIGTERM, so only the supervisor's SIGKILL of the group can end it.
GRANDCHILD = (
    "import os, signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); p = sys.argv[1];"
    " open(p + '.tmp', 'w').write(str(os.getpid())); os.rename(p + '.tmp', p); time.sleep(60)"
)

# A child answering 200 on every path, shaped by a JSON argument.
SERVER = f"""
import http.server, json, os, signal, subprocess, sys, threading, time
opts = json.loads(sys.argv[1])
if opts.get("ignore_term"):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
if opts.get("exit_now") is not None:
    sys.exit(opts["exit_now"])
if opts.get("grandchild_pidfile"):
    subprocess.Popen([sys.executable, "-c", {GRANDCHILD!r}, opts["grandchild_pidfile"]])
    while not os.path.exists(opts["grandchild_pidfile"]):
        time.sleep(0.01)
time.sleep(opts.get("delay", 0))

class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass

server = http.server.HTTPServer(("127.0.0.1", opts["port"]), Ok)
if opts.get("exit_on"):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    while not os.path.exists(opts["exit_on"]):
        time.sleep(0.05)
    os._exit(opts["exit_code"])
server.serve_forever()
"""


def child_spec(
    name: str,
    port: int,
    ready_timeout: float = 10.0,
    hang_after: float = 20.0,
    **opts: object,
) -> ChildSpec:
    """A server child on `port`; opts: delay, ignore_term, exit_now, grandchild_pidfile,
    exit_on (a file whose appearance makes it exit with exit_code)."""
    return ChildSpec(
        name=name,
        argv=[sys.executable, "-c", SERVER, json.dumps({"port": port, **opts})],
        ready_url=f"http://127.0.0.1:{port}/ready",
        env=dict(os.environ),
        ready_timeout=ready_timeout,
        probe_every=0.1,
        hang_after=hang_after,
    )


def pid_alive(pid: int) -> bool:
    """True while the process runs; a zombie nobody reaped yet counts as gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def read_pid(path: Path, timeout: float = 10.0) -> int:
    assert wait_until(path.exists, timeout), f"{path} never appeared"
    return int(path.read_text())
