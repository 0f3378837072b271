"""`warmline report` and `warmline export` as program staff use them: the report as a table or
CSV; an export written for its owner alone, refused without a reason, and audited."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from core.settings import load_settings
from store.db import Database
from store.models import AuditEntry
from warmline.cli import main


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WARMLINE_DATA_DIR", str(tmp_path / "data"))
    return load_settings().app_database_url


def exports_audited(url: str) -> list[str]:
    db = Database(url)
    try:
        with db.transaction() as session:
            query = select(AuditEntry.detail).where(AuditEntry.action == "export")
            return [detail["kind"] for detail in session.scalars(query)]
    finally:
        db.dispose()


def test_the_report_prints_as_csv(app_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--month", "2026-11", "--site", "North", "--csv"]) == 0

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["section", "measure", "value", "of", "share"]
    assert ["Enrollment", "enrolled", "0", "", ""] in rows


def test_the_report_refuses_a_month_that_is_not_yyyy_mm(
    app_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--month", "Nov"]) == 2
    assert "not a month" in capsys.readouterr().err


def test_an_identified_export_without_a_reason_writes_nothing(
    app_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "answers.csv"

    assert main(["export", "answers", "--out", str(out)]) == 2
    assert "give a reason" in capsys.readouterr().err
    assert not out.exists()


def test_an_export_is_written_for_its_owner_alone_and_audited(
    app_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bundle.json"

    assert main(["export", "fhir", "--out", str(out), "--reason", "HIE upload"]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert '"resourceType":"Bundle"' in out.read_text().replace(" ", "")
    assert "fhir: 0 responses of 0 people" in capsys.readouterr().out
    assert exports_audited(app_db) == ["fhir"]


def test_an_export_does_not_overwrite_a_file_unless_forced(app_db: str, tmp_path: Path) -> None:
    out = tmp_path / "deidentified.csv"
    out.write_text("kept")

    assert main(["export", "answers-deidentified", "--out", str(out)]) == 2
    assert out.read_text() == "kept"
    assert main(["export", "answers-deidentified", "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("pseudonym,")
