"""Serving a fake's ASGI app over real HTTP on loopback, in a thread, for one test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from warmline.isolated import free_port

__all__ = ["free_port", "serving"]


STARTUP_SECONDS = 90
# An open console page holds its live stream open; the server would wait for it for ever.
SHUTDOWN_GRACE_SECONDS = 1


@contextmanager
def serving(app: ASGIApp, port: int) -> Iterator[None]:
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # An app's start-up builds the screener (about 2 s alone, far longer on a loaded machine):
    # wait for it, and fail here, saying so, rather than hand out an address nobody answers.
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        server.should_exit = True
        raise RuntimeError(f"the server on port {port} did not start in {STARTUP_SECONDS} s")
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)
