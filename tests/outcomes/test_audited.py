"""Who may export what: identified data needs a reason (and, from the console, program staff),
the de-identified file needs its pseudonym key outside dev mode, and every export is an audit
row naming who, what and why, never the data."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from core.settings import Mode, Settings, SettingsError, load_settings
from outcomes.audited import (
    DEV_PSEUDONYM_KEY,
    ExportKind,
    ExportRefused,
    ExportRequest,
    make_export,
    pseudonym_key,
)
from store.console_models import Role
from store.db import Database
from store.models import AuditEntry
from tests.outcomes.conftest import NOW

KEY = b"k" * 32


def audit_rows(db: Database) -> list[tuple[str, dict[str, Any]]]:
    with db.transaction() as session:
        found = session.execute(
            select(AuditEntry.actor, AuditEntry.detail).where(AuditEntry.action == "export")
        )
        return [(actor, detail) for actor, detail in found]


@pytest.mark.parametrize("kind", [ExportKind.ANSWERS, ExportKind.FHIR])
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_identified_export_without_a_reason_is_refused(
    db: Database, kind: ExportKind, reason: str | None
) -> None:
    with pytest.raises(ExportRefused, match="give a reason"), db.transaction() as session:
        make_export(session, ExportRequest(kind, "cli:sam", reason), NOW)

    assert audit_rows(db) == []


@pytest.mark.parametrize("role", [Role.PEER, Role.SUPERVISOR, Role.ADMIN])
def test_identified_exports_from_the_console_are_for_program_staff_only(
    db: Database, role: Role
) -> None:
    request = ExportRequest(ExportKind.ANSWERS, "sam", "funder report", role=role)

    with pytest.raises(ExportRefused, match="program staff"), db.transaction() as session:
        make_export(session, request, NOW)


def test_every_export_is_an_audit_row_naming_who_what_and_why_never_the_data(
    program: Database,
) -> None:
    requests = [
        ExportRequest(ExportKind.ANSWERS, "cli:sam", "  quarterly\nevaluation "),
        ExportRequest(ExportKind.FHIR, "pat", "state HIE upload", role=Role.PROGRAM_STAFF),
        ExportRequest(ExportKind.ANSWERS_DEIDENTIFIED, "cli:sam", None),
    ]
    for request in requests:
        with program.transaction() as session:
            make_export(session, request, NOW, KEY)

    # Nine BARC-10 check-ins and three check-ups of four people.
    assert audit_rows(program) == [
        ("cli:sam", {"kind": "answers", "reason": "quarterly evaluation", "people": 4,
                     "responses": 12}),
        ("pat", {"kind": "fhir", "reason": "state HIE upload", "people": 4, "responses": 12}),
        ("cli:sam", {"kind": "answers-deidentified", "reason": None, "people": 4,
                     "responses": 12}),
    ]  # fmt: skip


def test_the_deidentified_export_needs_its_key_outside_dev_mode() -> None:
    production = Settings.model_construct(mode=Mode.PRODUCTION, export_pseudonym_key=None)
    with pytest.raises(ExportRefused, match="WARMLINE_EXPORT_PSEUDONYM_KEY must be set"):
        pseudonym_key(production)


def test_dev_mode_has_a_dev_key_and_a_set_key_wins() -> None:
    dev = Settings.model_construct(mode=Mode.DEV, export_pseudonym_key=None)
    keyed = Settings.model_construct(mode=Mode.PRODUCTION, export_pseudonym_key=SecretStr("x" * 32))

    assert (pseudonym_key(dev), pseudonym_key(keyed)) == (DEV_PSEUDONYM_KEY, b"x" * 32)


def test_a_short_pseudonym_key_stops_start_up() -> None:
    with pytest.raises(SettingsError, match="EXPORT_PSEUDONYM_KEY must be 32"):
        load_settings(export_pseudonym_key="too-short")
