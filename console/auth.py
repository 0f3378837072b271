"""Peers sign in to the API with their roster token (a bearer token).

The tokens live in the setting (a secret does not belong in a table an admin can read back),
but who is on call is the console's roster: a peer an admin took off it is refused here too,
though their token is still in the setting until someone edits it.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from core.clock import utcnow
from core.settings import RosterPeer, Settings
from store import roster
from store.db import Database

_bearer = HTTPBearer(auto_error=False)


def _refused(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def current_peer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> RosterPeer:
    settings: Settings = request.app.state.settings
    offered = credentials.credentials.encode() if credentials else b""
    matched = None
    for peer in settings.roster:
        # Compare against every token, in constant time, so timing says nothing about them.
        if offered and hmac.compare_digest(offered, peer.token.get_secret_value().encode()):
            matched = peer
    if matched is None:
        raise _refused("a peer token is required (Authorization: Bearer <token>)")
    db: Database = request.app.state.db
    with db.transaction() as session:
        on_call = {each.name for each in roster.current(session, settings.roster, utcnow())}
    if matched.name not in on_call:
        raise _refused("this peer is no longer on the roster")
    return matched


Peer = Annotated[RosterPeer, Depends(current_peer)]
