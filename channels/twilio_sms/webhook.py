"""Twilio's webhooks: incoming messages (POST /twilio/sms) and status callbacks
(POST /twilio/status). Both are signed by Twilio and refused with 403 when they are not.

An incoming message is stored before Twilio gets its 200, and answered in the background; the
answer goes out through the outbox and the REST API, never as TwiML, so it is retried, paced
and recorded like every other send. A retried MessageSid is stored and answered once.
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, HTTPException, Request, Response

from channels.base import Accepting
from channels.twilio_sms.inbound import MalformedWebhook, read_inbound
from channels.twilio_sms.signature import SignedForm
from channels.twilio_sms.status import read_report, record_report
from core.clock import utcnow

logger = logging.getLogger(__name__)

# An empty TwiML document: "received, nothing to say here" (replies go through the REST API).
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

router = APIRouter(prefix="/twilio", tags=["twilio"])


@router.post("/sms")
async def incoming_message(form: SignedForm, request: Request) -> Response:
    try:
        inbound, _media = read_inbound(form)
    except MalformedWebhook as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    limit: int = request.app.state.settings.max_message_chars
    if len(inbound.text) > limit:
        raise HTTPException(status_code=413, detail=f"Body is over {limit} characters")
    gateway: Accepting = request.app.state.gateway
    stored = await gateway.accept(inbound)
    logger.info(
        "SMS %s stored as message %s%s",
        inbound.channel_message_id,
        stored.message.id,
        " (a repeat)" if stored.duplicate else "",
    )
    return Response(EMPTY_TWIML, media_type="text/xml")


@router.post("/status")
async def status_callback(form: SignedForm, request: Request) -> Response:
    try:
        report = read_report(form)
    except MalformedWebhook as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    await asyncio.to_thread(record_report, request.app.state.db, report, utcnow())
    return Response(status_code=200)
