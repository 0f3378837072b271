"""The text simulator (dev mode only): a phone-like page and POST /dev/chat, which runs the very
pipeline a real SMS takes."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select

from channels.base import Inbound
from channels.gateway import Gateway
from core.addresses import InvalidAddress, simulator
from core.inputs import Text
from store.db import Database
from store.escalation_models import PeerAlert
from store.messages import conversation
from store.models import Message, OutboxStatus
from store.participants import participant_for

PAGE = Path(__file__).resolve().parent / "static" / "index.html"

router = APIRouter(prefix="/dev", tags=["simulator"])

# How long past the engine's timeout /dev/chat waits for its replies: storing and sending them.
ANSWER_MARGIN_SECONDS = 5.0


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    sender: Text = Field(alias="from", min_length=1, max_length=40)
    text: Text = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("text must not be empty")
        return text


class ChatOut(BaseModel):
    replies: list[str]


class ConversationMessage(BaseModel):
    direction: str
    text: str
    at: str


class ConversationOut(BaseModel):
    messages: list[ConversationMessage]


def _address(name: str) -> str:
    try:
        return str(simulator(name))
    except InvalidAddress as error:
        raise HTTPException(status_code=422, detail=str(error)) from None


@router.get("/", include_in_schema=False)
async def page() -> FileResponse:
    return FileResponse(PAGE, media_type="text/html")


@router.post("/chat")
async def chat(body: ChatIn, request: Request) -> ChatOut:
    gateway: Gateway = request.app.state.gateway
    limit: int = request.app.state.settings.max_message_chars
    if len(body.text) > limit:
        raise HTTPException(status_code=413, detail=f"text is over {limit} characters")
    inbound = Inbound(_address(body.sender), f"sim-{uuid.uuid4().hex}", body.text)
    stored = await gateway.accept(inbound)  # the very call an SMS webhook makes
    # Bounded: past the engine's own timeout the gateway has answered with its holding reply.
    wait = request.app.state.settings.engine_timeout_seconds + ANSWER_MARGIN_SECONDS
    replies = await gateway.replies_to(stored.message.id, timeout=wait)
    # What the simulator channel delivered: a reply stored but not sent (the person opted out)
    # is not shown, as it would not reach a phone either.
    return ChatOut(replies=[reply.text for reply in replies if _delivered(reply)])


def _delivered(reply: Message) -> bool:
    return reply.outbox is not None and reply.outbox.status == OutboxStatus.SENT


@router.get("/conversation")
async def read_conversation(
    name: Annotated[str, Query(min_length=1, max_length=40)], request: Request
) -> ConversationOut:
    db: Database = request.app.state.db
    return await asyncio.to_thread(_conversation, db, _address(name))


def _conversation(db: Database, address: str) -> ConversationOut:
    """The person's messages; for a dev peer's name, the alerts the peer received too."""
    with db.transaction() as session:
        participant = participant_for(session, address)
        rows = conversation(session, participant.id) if participant else []
        shown = [_shown(m.direction, m.text, m.created_at) for m in rows]
        alerts = session.scalars(
            select(PeerAlert).where(PeerAlert.address == address, PeerAlert.status == "sent")
        )
        shown += [_shown("outbound", a.text, a.created_at) for a in alerts]
        return ConversationOut(messages=sorted(shown, key=lambda m: m.at))


def _shown(direction: str, text: str, at: datetime) -> ConversationMessage:
    return ConversationMessage(direction=direction, text=text, at=at.isoformat())
