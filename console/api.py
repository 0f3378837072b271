"""The peer API: see escalations, claim, resolve and (supervisors) reassign them, take a
conversation over, reply, hand it back to the assistant, and mark a message the screener rated
too low. The console builds on it."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from console import cases, queries
from console.auth import Peer
from console.queries import ConversationOut, EscalationOut
from core.clock import utcnow
from core.inputs import RowId, Text
from escalation.casework import Outcome
from escalation.levels import Level
from escalation.service import EscalationPolicy
from store.db import Database
from store.escalation_models import OutcomeKind

router = APIRouter(prefix="/api", tags=["peers"])

OK = {"ok": True}


class ResolveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Text = Field(min_length=1, max_length=200)
    kind: OutcomeKind = OutcomeKind.OTHER
    # For a false alarm: the level the message deserved (none unless the peer says otherwise).
    level: Literal["none", "concern", "crisis", "emergency"] | None = None

    @model_validator(mode="after")
    def _level_is_for_a_false_alarm(self) -> ResolveIn:
        if self.level is not None and self.kind != OutcomeKind.FALSE_ALARM:
            raise ValueError("a level goes only with a false alarm (kind false-alarm)")
        return self


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    peer: Text = Field(min_length=1, max_length=64)


class MissedRiskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: Literal["concern", "crisis", "emergency"]


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text = Field(min_length=1, max_length=1600)


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _policy(request: Request) -> EscalationPolicy:
    policy: EscalationPolicy = request.app.state.policy
    return policy


@router.get("/escalations")
async def list_escalations(
    request: Request,
    _peer: Peer,
    status: Annotated[str, Query(pattern="^(open|claimed|resolved)$")] = "open",
) -> list[EscalationOut]:
    return await asyncio.to_thread(queries.escalations, _db(request), status)


@router.post("/escalations/{escalation_id}/claim")
async def claim(escalation_id: RowId, request: Request, peer: Peer) -> dict[str, bool]:
    await asyncio.to_thread(cases.claim, _db(request), escalation_id, peer, utcnow())
    return OK


@router.post("/escalations/{escalation_id}/resolve")
async def resolve(
    escalation_id: RowId, body: ResolveIn, request: Request, peer: Peer
) -> dict[str, bool]:
    """Anyone resolves an unclaimed case (a false alarm in one step); a claimed one, its
    claimer or a supervisor."""
    outcome = Outcome(body.outcome, body.kind)
    level = Level[(body.level or "none").upper()]
    await asyncio.to_thread(
        cases.resolve, _db(request), escalation_id, peer, outcome, level, utcnow()
    )
    return OK


@router.post("/escalations/{escalation_id}/assign")
async def assign(
    escalation_id: RowId, body: AssignIn, request: Request, peer: Peer
) -> dict[str, bool]:
    """A supervisor gives a case to a peer on the roster, who is paged."""
    await asyncio.to_thread(
        cases.assign, _db(request), _policy(request), escalation_id, body.peer, peer, utcnow()
    )
    return OK


@router.post("/messages/{message_id}/missed-risk")
async def missed_risk(
    message_id: RowId, body: MissedRiskIn, request: Request, peer: Peer
) -> dict[str, bool]:
    level = Level[body.level.upper()]
    await asyncio.to_thread(cases.missed_risk, _db(request), message_id, level, peer, utcnow())
    return OK


@router.get("/participants/{participant_id}/messages")
async def messages(participant_id: RowId, request: Request, peer: Peer) -> ConversationOut:
    return await asyncio.to_thread(queries.conversation_of, _db(request), participant_id, peer.name)


@router.post("/participants/{participant_id}/takeover")
async def take_over(participant_id: RowId, request: Request, peer: Peer) -> dict[str, bool]:
    await asyncio.to_thread(cases.take_over, _db(request), participant_id, peer, utcnow())
    return OK


@router.post("/participants/{participant_id}/reply", status_code=202)
async def reply(
    participant_id: RowId, body: ReplyIn, request: Request, peer: Peer
) -> dict[str, int]:
    db = _db(request)
    items = await asyncio.to_thread(queries.peer_reply, db, participant_id, peer.name, body.text)
    await request.app.state.outbox.send_items(items)
    return {"message_id": items[0].message_id}


@router.post("/participants/{participant_id}/handback")
async def hand_back(participant_id: RowId, request: Request, peer: Peer) -> dict[str, bool]:
    await asyncio.to_thread(cases.hand_back, _db(request), participant_id, peer, utcnow())
    return OK
