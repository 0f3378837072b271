"""Making an export: who may, and the audit row every export writes (who, what, why; never the
data). Identified exports (the answers with study ids and the person's words, and FHIR) need a
reason, and from the console the program-staff role; the de-identified file needs the pseudonym
key outside dev mode, so its pseudonyms cannot be remade by anyone holding the code alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from core.settings import ENV_PREFIX, Settings
from outcomes import exports, fhir
from outcomes.answers import Response, responses
from store.audit import record
from store.console_models import Role

DEV_PSEUDONYM_KEY = b"dev-only-pseudonym-key"  # dev mode only: its pseudonyms are not secret
MAX_REASON = 200


class ExportKind(StrEnum):
    ANSWERS = "answers"
    ANSWERS_DEIDENTIFIED = "answers-deidentified"
    FHIR = "fhir"


IDENTIFIED = frozenset({ExportKind.ANSWERS, ExportKind.FHIR})


class ExportRefused(Exception):
    """The export may not be made as asked; nothing was read or written."""


@dataclass(frozen=True)
class ExportRequest:
    kind: ExportKind
    actor: str  # who asks: a console user's name, or cli:<the operating-system user>
    reason: str | None
    role: str | None = None  # the console user's role; None on the command line


@dataclass(frozen=True)
class Made:
    content: str
    people: int
    responses: int


def pseudonym_key(settings: Settings) -> bytes:
    if settings.export_pseudonym_key is not None:
        return settings.export_pseudonym_key.get_secret_value().encode()
    if settings.dev:
        return DEV_PSEUDONYM_KEY
    raise ExportRefused(
        f"{ENV_PREFIX}EXPORT_PSEUDONYM_KEY must be set (32+ characters) for de-identified "
        "exports outside dev mode"
    )


def check(request: ExportRequest) -> str | None:
    """The reason as it will be recorded; refuses an identified export without one, or asked
    for from the console by anyone but program staff."""
    reason = " ".join((request.reason or "").split())[:MAX_REASON] or None
    if request.kind in IDENTIFIED:
        if request.role is not None and request.role != Role.PROGRAM_STAFF:
            raise ExportRefused("identified exports are for program staff")
        if reason is None:
            raise ExportRefused(f"a {request.kind} export is identified data: give a reason")
    return reason


def make_export(
    session: Session, request: ExportRequest, now: datetime, key: bytes | None = None
) -> Made:
    """The export's content, and its audit row in the caller's transaction."""
    reason = check(request)
    found = responses(session)
    made = Made(_content(request.kind, found, now, key), _people(found), len(found))
    record(
        session,
        request.actor,
        "export",
        kind=str(request.kind),
        reason=reason,
        people=made.people,
        responses=made.responses,
    )
    return made


def _content(kind: ExportKind, found: list[Response], now: datetime, key: bytes | None) -> str:
    if kind is ExportKind.ANSWERS:
        return exports.answers_csv(found)
    if kind is ExportKind.FHIR:
        return fhir.bundle(found, now).model_dump_json(exclude_none=True, indent=2) + "\n"
    if key is None:
        raise ExportRefused("a de-identified export needs the pseudonym key")
    return exports.deidentified_csv(found, key)


def _people(found: list[Response]) -> int:
    return len({response.person.participant_id for response in found})
