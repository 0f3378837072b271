"""The long-format answer files: one row per answer, identified or de-identified.

Identified: the program's study id, the event and its number for the person, the item, whether it
was answered, the value, the person's own words (check-ups) and the time. De-identified: no
names, numbers or free text; the person is a stable pseudonym (HMAC-SHA256 of the participant id
under WARMLINE_EXPORT_PSEUDONYM_KEY), and each time is a day counted from discharge in the
person's own zone. Only values from a fixed vocabulary leave in it: a BARC-10 score, a cravings
number 0-10, a use frequency code, the kinds of support named; anything else is left blank.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from outcomes.answers import Answer, Kind, Person, Response
from outcomes.instruments import FREE_TEXT, SUPPORT_CODES, USE_CODES

ANSWER_COLUMNS = (
    "study_id", "event", "event_number", "item", "status", "value", "text", "answered_at",
)  # fmt: skip
DEIDENTIFIED_COLUMNS = ("pseudonym", "event", "event_number", "item", "status", "value", "day")


def pseudonym(key: bytes, participant_id: int) -> str:
    """Stable for one key, and unlinkable to the person without it."""
    return hmac.new(key, str(participant_id).encode(), hashlib.sha256).hexdigest()


def day_after_discharge(person: Person, answer: Answer) -> int:
    """Days from the discharge date to the answer, by the calendar of the person's zone."""
    local = answer.answered_at.astimezone(ZoneInfo(person.timezone)).date()
    return (local - person.discharge_date).days


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(each) for each in value)
    return str(value)


def _coded(kind: Kind, item: str, value: Any) -> str:
    """The value if it comes from the instrument's fixed vocabulary; "" for anything else."""
    if kind is Kind.BARC10:
        return str(value) if value in range(1, 7) else ""
    if item == "cravings":
        return str(value) if isinstance(value, int) and 0 <= value <= 10 else ""
    if item in ("use", "use_often"):
        return str(value) if value in USE_CODES else ""
    if item == "supports" and isinstance(value, list):
        return ";".join(code for code in SUPPORT_CODES if code in value)
    return ""  # the person's words, or something not from a fixed list


def _rows(found: Iterable[Response]) -> Iterable[tuple[Response, Answer]]:
    return ((response, answer) for response in found for answer in response.answers)


def _write(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def answers_csv(found: Iterable[Response]) -> str:
    return _write(
        ANSWER_COLUMNS,
        (
            (
                r.person.study_id, r.kind, r.number, a.item, a.status,
                "" if a.item in FREE_TEXT else _plain(a.value), a.text or "",
                a.answered_at.isoformat(),
            )
            for r, a in _rows(found)
        ),
    )  # fmt: skip


def deidentified_csv(found: Iterable[Response], key: bytes) -> str:
    return _write(
        DEIDENTIFIED_COLUMNS,
        (
            (
                pseudonym(key, r.person.participant_id), r.kind, r.number, a.item, a.status,
                _coded(r.kind, a.item, a.value), day_after_discharge(r.person, a),
            )
            for r, a in _rows(found)
        ),
    )  # fmt: skip
