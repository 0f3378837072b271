"""`warmline enroll FILE.csv` as program staff use it: a file with a bad row imports nothing and
names the row; --import-good-rows imports the rest; --check imports nothing; a file sent again
enrolls nobody twice; an unreadable file is refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.clock import utcnow
from core.settings import load_settings
from store import roster
from store.db import Database
from store.enrollment_models import Enrollment
from store.migrate import upgrade
from warmline.cli import main

HEADER = "external_id,display_name,phone,discharge_date,plan,peer"
GOOD = ("P-1,Dana,312-555-0142,{today},standard,", "P-2,Lee,(646) 555-0199,{today},rmc_quarterly,")
BAD = "P-3,Sam,555-01,{today},standard,"


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WARMLINE_DATA_DIR", str(tmp_path / "data"))
    return load_settings().app_database_url


def csv_file(tmp_path: Path, *rows: str) -> Path:
    from core.clock import utcnow

    today = utcnow().date().isoformat()
    path = tmp_path / "discharges.csv"
    path.write_text("\n".join([HEADER, *(row.format(today=today) for row in rows)]) + "\n")
    return path


def enrolled(url: str) -> int:
    db = Database(url)
    try:
        with db.transaction() as session:
            return int(session.scalar(select(func.count()).select_from(Enrollment)) or 0)
    finally:
        db.dispose()


def test_a_file_with_a_bad_row_imports_nothing_and_names_the_row(
    app_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["enroll", str(csv_file(tmp_path, *GOOD, BAD)), "--timezone", "America/Chicago"])

    out = capsys.readouterr().out
    assert code == 1
    assert "line 4: phone: not a valid number" in out
    assert "2 good rows, 1 bad; nothing imported" in out
    assert "555-01" not in out
    assert not Path(app_db.removeprefix("sqlite:///")).exists() or enrolled(app_db) == 0


def test_import_good_rows_imports_the_rest_and_a_second_run_enrolls_nobody_twice(
    app_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, *GOOD, BAD)
    args = ["enroll", str(path), "--timezone", "America/Chicago", "--import-good-rows"]

    first = main(args)
    again = main(args)

    out = capsys.readouterr().out
    assert (first, again) == (1, 1)  # the bad row is still bad
    assert "2 enrolled, 0 already enrolled" in out
    assert "0 enrolled, 2 already enrolled" in out
    assert enrolled(app_db) == 2


def test_check_only_checks(app_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["enroll", str(csv_file(tmp_path, *GOOD)), "--timezone", "UTC", "--check"])

    assert code == 0
    assert "2 good rows, 0 bad; checked" in capsys.readouterr().out
    assert not Path(app_db.removeprefix("sqlite:///")).exists() or enrolled(app_db) == 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"external_id,plan\nP-1,standard\n", "missing column(s): discharge_date"),
        (b"\xff\xfe\x00not utf-8", "cannot read discharges.csv: UnicodeDecodeError"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(
    app_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    path = tmp_path / "discharges.csv"
    path.write_bytes(content)

    assert main(["enroll", str(path)]) == 2
    assert problem in capsys.readouterr().err


def test_a_peer_taken_off_the_roster_is_not_assigned_new_people(
    app_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "WARMLINE_ONCALL_ROSTER",
        '[{"name": "Ana", "token": "ana-token-0123456789", "sim": "ana"},'
        ' {"name": "Ben", "token": "ben-token-0123456789", "sim": "ben"}]',
    )
    upgrade(app_db)
    db = Database(app_db)
    try:
        with db.transaction() as session:
            roster.current(session, load_settings().roster, utcnow())
            roster.remove(session, "Ben", "peer:Ada")
    finally:
        db.dispose()
    path = csv_file(tmp_path, GOOD[0] + "Ben", GOOD[1] + "Ana")

    code = main(["enroll", str(path), "--timezone", "America/Chicago"])

    out = capsys.readouterr().out
    assert code == 1
    assert "line 2: peer: not on the roster" in out
    assert enrolled(app_db) == 0
