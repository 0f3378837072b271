"""The FHIR export (R4B, the R4-compatible release in fhir.resources): both Questionnaires, a
QuestionnaireResponse per BARC-10 check-in and per check-up, and an Observation for a BARC-10
total only when all ten items were answered (derived from its response), in one collection
Bundle.

A skipped or unclear answer is absent from its response, never imputed. The person is named by
the program's study id alone (an identifier, no name or number); this is still identified
data, exported with a reason (outcomes/audited.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from outcomes.answers import Answer, Kind, Response, Status
from outcomes.fhir_questionnaires import (
    BARC10_URL,
    CANONICAL,
    CHECKUP_URL,
    VERSION,
    agreement,
    barc10_questionnaire,
    checkup_questionnaire,
    support_coding,
    use_coding,
)
from outcomes.instruments import FREE_TEXT, barc10_items, checkup_wordings

STUDY_ID = f"{CANONICAL}/identifier/study-id"
MEASURES = f"{CANONICAL}/CodeSystem/measures"
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}
# Check-ins left unfinished longer than they can be picked up (store/barc10.py, checkup.py).
RESUMABLE = {Kind.BARC10: timedelta(days=7), Kind.CHECKUP: timedelta(days=1)}


def full_url(response: Response, what: str) -> str:
    """A stable urn:uuid for a resource made from a response: the same on every export."""
    name = f"{CANONICAL}/{response.kind}/{response.id}/{what}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _status(response: Response, now: datetime) -> str:
    if response.completed_at is not None:
        return "completed"
    stale = response.started_at < now - RESUMABLE[response.kind]
    return "stopped" if stale else "in-progress"


def _value(kind: Kind, answer: Answer) -> list[dict[str, Any]]:
    """The answer as FHIR answers: a coding, a number, or the person's words."""
    if kind is Kind.BARC10:
        return [{"valueCoding": agreement(answer.value)}]
    if answer.item in FREE_TEXT:
        return [{"valueString": answer.text}]
    if answer.item == "cravings":
        return [{"valueInteger": answer.value}]
    if answer.item == "supports":
        named: list[dict[str, Any]] = [{"valueCoding": support_coding(c)} for c in answer.value]
        return named or [{"valueString": answer.text}]  # named none we know: their words
    return [{"valueCoding": use_coding(answer.value)}]


def questionnaire_response(response: Response, now: datetime) -> QuestionnaireResponse:
    wordings = _wordings(response.kind)
    items = [
        {"linkId": a.item, "text": wordings[a.item], "answer": _value(response.kind, a)}
        for a in response.answers
        if a.status is Status.ANSWERED
    ]
    url = BARC10_URL if response.kind is Kind.BARC10 else CHECKUP_URL
    last = max((a.answered_at for a in response.answers), default=response.started_at)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{url}|{VERSION}",
        "status": _status(response, now),
        "subject": _subject(response),
        "authored": (response.completed_at or last).isoformat(),
    }
    return QuestionnaireResponse.model_validate({**resource, **({"item": items} if items else {})})


def _wordings(kind: Kind) -> dict[str, str]:
    if kind is Kind.CHECKUP:
        return checkup_wordings()
    return {str(number): text for number, text in enumerate(barc10_items(), 1)}


def _subject(response: Response) -> dict[str, Any]:
    return {"identifier": {"system": STUDY_ID, "value": response.person.study_id}}


def total_observation(response: Response) -> Observation | None:
    """The BARC-10 total, only when all ten items were scored (the store sets it only then)."""
    if response.kind is not Kind.BARC10 or response.total is None or not response.completed_at:
        return None
    code = {"system": MEASURES, "code": "barc-10-total", "display": "BARC-10 total score"}
    return Observation.model_validate(
        {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [SURVEY]}],
            "code": {"coding": [code], "text": "BARC-10 total score (10-60)"},
            "subject": _subject(response),
            "effectiveDateTime": response.completed_at.isoformat(),
            "valueInteger": response.total,
            "derivedFrom": [{"reference": full_url(response, "response")}],
        }
    )


def bundle(found: list[Response], now: datetime) -> Bundle:
    entries: list[dict[str, Any]] = [
        {"fullUrl": q.url, "resource": q} for q in (barc10_questionnaire(), checkup_questionnaire())
    ]
    for response in found:
        made = questionnaire_response(response, now)
        entries.append({"fullUrl": full_url(response, "response"), "resource": made})
        total = total_observation(response)
        if total is not None:
            entries.append({"fullUrl": full_url(response, "total"), "resource": total})
    return Bundle.model_validate(
        {"resourceType": "Bundle", "type": "collection", "timestamp": now, "entry": entries}
    )
