"""Action calls that wait out an action server restart instead of losing the turn.

Runs inside the engine. When the action server is down, Rasa 3.6 logs "Bot will continue, but
the actions events are lost" and saves the turn without the action's replies: the person gets
nothing (the greeting, a check-up's next question), and a retry of the message cannot help,
since the turn is already in the tracker. The supervisor restarts a dead action server within
seconds (about 3 s measured; far longer on a loaded machine), so a call is tried again, with
backoff, for up to `WAIT_FOR_ACTIONS_SECONDS`, when the connection was refused (the call never
reached the action server), or closed, reset or cut off before a whole answer (the action server
died during it: a kill -9 closes its sockets with a FIN, or a RST where data was still unread).
The second may run an action twice, which the actions allow: what they write is keyed (an answer
to a question, the open escalation) and written again the same, or an audit row. An action that
answered with an error is left to Rasa, as before; the gateway then tells the person their
answer was lost (`channels/gateway.py`), rather than leave them with silence.

An error answer's body is rasa_sdk's echo of the whole request, the tracker with every message the
person sent, and Rasa logs it with the traceback: it is raised again without the body (42 CFR
Part 2: no message text in any log), except a form's rejection (400), whose body Rasa reads and
which holds only the action's name and the error.

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
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

logger = logging.getLogger(__name__)

WAIT_FOR_ACTIONS_SECONDS = 60.0
REJECTED = 400  # rasa_sdk's ActionExecutionRejection: Rasa reads the body
WITHHELD = '{"error": "withheld: the action server\'s answer echoes the conversation"}'
FIRST_DELAY_SECONDS = 0.25
MAX_DELAY_SECONDS = 2.0

Request = Callable[..., Awaitable[Any]]
# The action server down or dying: refused at connect (a ClientOSError), the connection closed
# (ServerDisconnectedError) or reset (ClientOSError) mid-call, or its answer cut off mid-body. A
# timeout is not among them: an action that hangs is not helped by running it again.
RESTARTING = (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError)


def waiting_out_restarts(request: Request, wait: float = WAIT_FOR_ACTIONS_SECONDS) -> Request:
    """`EndpointConfig.request`, retrying a connection the action server refused."""

    @functools.wraps(request)
    async def retried(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + wait
        delay = FIRST_DELAY_SECONDS
        while True:
            try:
                return await request(self, *args, **kwargs)
            except ClientResponseError as error:
                if error.status == REJECTED:
                    raise
                answered = (error.status, error.message)
            except RESTARTING as error:
                if time.monotonic() + delay > deadline:
                    raise
                logger.warning(
                    "the action server was unreachable (%s); trying again in %.2fs",
                    type(error).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_DELAY_SECONDS)
                continue
            # Raised outside the handler, so the original (with the body) is not even its context.
            raise ClientResponseError(*answered, WITHHELD)

    retried.__wrapped_for_warmline__ = True  # type: ignore[attr-defined]
    return retried


def install() -> None:
    """Once per engine process: the only endpoint the engine calls by HTTP is the action
    server's (the tracker store is SQL, and there is no NLG or model server)."""
    if not getattr(EndpointConfig.request, "__wrapped_for_warmline__", False):
        EndpointConfig.request = waiting_out_restarts(EndpointConfig.request)  # type: ignore[method-assign]
