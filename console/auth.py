"""Peers sign in to the API with their roster token (a bearer token)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from core.settings import RosterPeer, Settings

_bearer = HTTPBearer(auto_error=False)


def current_peer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> RosterPeer:
    settings: Settings = request.app.state.settings
    offered = credentials.credentials.encode() if credentials else b""
    for peer in settings.roster:
        # Compare against every token, in constant time, so timing says nothing about them.
        if offered and hmac.compare_digest(offered, peer.token.get_secret_value().encode()):
            return peer
    raise HTTPException(
        status_code=401,
        detail="a peer token is required (Authorization: Bearer <token>)",
        headers={"WWW-Authenticate": "Bearer"},
    )


Peer = Annotated[RosterPeer, Depends(current_peer)]
