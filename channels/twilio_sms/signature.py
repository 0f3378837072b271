"""Proving a webhook came from Twilio: X-Twilio-Signature, an HMAC of the URL and the form.

Twilio signs the URL it called. Behind a reverse proxy the app sees http://127.0.0.1:8000/...
while Twilio called https://warmline.example.org/..., so the URL is rebuilt from the public_url
setting and never from the Host header, which whoever sends the request chooses.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import ImmutableMultiDict
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from core.settings import Settings

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"

Form = ImmutableMultiDict[str, str]


def public_url(base_url: str, request: Request) -> str:
    """The URL Twilio called: the public base, this path, and the query string as sent."""
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{base_url}{request.url.path}" + (f"?{query}" if query else "")


def parse_form(body: bytes) -> Form:
    # Twilio sends UTF-8; anything else cannot carry a valid signature, so "replace" only
    # turns a forged request into a failed check rather than an error page.
    text = body.decode("utf-8", errors="replace")
    return ImmutableMultiDict(parse_qsl(text, keep_blank_values=True))


async def signed_form(request: Request) -> Form:
    """The request's form, once its signature proves Twilio sent it; 403 otherwise."""
    settings: Settings = request.app.state.settings
    token = settings.twilio_auth_token.get_secret_value() if settings.twilio_auth_token else ""
    signature = request.headers.get(SIGNATURE_HEADER, "")
    form = parse_form(await request.body())
    url = public_url(settings.base_url, request)
    if not (token and signature and RequestValidator(token).validate(url, form, signature)):
        # The URL is ours, not the caller's: a mismatch here usually means public_url is wrong.
        logger.warning(
            "refused a request to %s: no valid Twilio signature for %s", request.url.path, url
        )
        raise HTTPException(status_code=403, detail="invalid Twilio signature")
    return form


SignedForm = Annotated[Form, Depends(signed_form)]
