"""Action calls that wait out an action server restart instead of losing the turn.

Runs inside the engine. When the action server is down, Rasa 3.6 logs "Bot will continue, but
the actions events are lost" and saves the turn without the action's replies: the person gets
nothing (the greeting, a check-up's next question), and a retry of the message cannot help,
since the turn is already in the tracker. The supervisor restarts a dead action server within
seconds, so a call refused at connect is tried again, with backoff, for up to
`WAIT_FOR_ACTIONS_SECONDS`. Only a refused connection is retried: such a call never reached the
action server, so trying again cannot run an action twice. A call that reached it and failed is
left to Rasa, as before.

Meanwhile the gateway's own call may time out; the person then gets the holding reply, and the
gateway's retry of the message (same message id) gets this turn's replies from the tracker once
it is saved (warmline_channel.py).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

WAIT_FOR_ACTIONS_SECONDS = 30.0
FIRST_DELAY_SECONDS = 0.25
MAX_DELAY_SECONDS = 2.0

Request = Callable[..., Awaitable[Any]]


def waiting_out_restarts(request: Request, wait: float = WAIT_FOR_ACTIONS_SECONDS) -> Request:
    """`EndpointConfig.request`, retrying a connection the action server refused."""

    @functools.wraps(request)
    async def retried(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + wait
        delay = FIRST_DELAY_SECONDS
        while True:
            try:
                return await request(self, *args, **kwargs)
            except aiohttp.ClientConnectorError:
                if time.monotonic() + delay > deadline:
                    raise
                logger.warning("the action server refused a call; trying again in %.2fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_DELAY_SECONDS)

    retried.__wrapped_for_warmline__ = True  # type: ignore[attr-defined]
    return retried


def install() -> None:
    """Once per engine process: the only endpoint the engine calls by HTTP is the action
    server's (the tracker store is SQL, and there is no NLG or model server)."""
    if not getattr(EndpointConfig.request, "__wrapped_for_warmline__", False):
        EndpointConfig.request = waiting_out_restarts(EndpointConfig.request)  # type: ignore[method-assign]
