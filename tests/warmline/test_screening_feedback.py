"""`warmline screening-feedback`: peers' corrections to the screener, exported as labelled
messages in the evaluation corpus's shape, to a private file; only counts are printed."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from store import feedback, messages
from store.db import Database
from store.escalation_models import FeedbackKind
from warmline.cli import main

T0 = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
RATED_HIGH = "this song is killing me lol"
RATED_LOW = "i dont want to wake up tomorrow"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Database) -> Iterator[None]:
    """The command reads the test's database; no developer .env or WARMLINE_* variable leaks
    in; main()'s logging set-up is undone."""
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith("WARMLINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("WARMLINE_DATABASE_URL", db.url)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def reported(db: Database) -> None:
    """A false alarm and a missed risk, on two of one person's messages."""
    with db.transaction() as session:
        ids = [
            messages.store_inbound(
                session, address="sim:jo", channel_message_id=f"m{n}", text=text, now=T0
            ).message.id
            for n, text in enumerate((RATED_HIGH, RATED_LOW))
        ]
        feedback.add(
            session,
            feedback.Report(ids[0], FeedbackKind.FALSE_ALARM, "crisis", "none", "Ana"),
            T0,
        )
        feedback.add(
            session,
            feedback.Report(ids[1], FeedbackKind.MISSED_RISK, "concern", "crisis", "Ben"),
            T0,
        )


EXPECTED = [
    {
        "text": RATED_HIGH,
        "level": "none",
        "kind": "false-alarm",
        "screened_level": "crisis",
        "reported_at": "2026-12-01T09:30:00+00:00",
    },
    {
        "text": RATED_LOW,
        "level": "crisis",
        "kind": "missed-risk",
        "screened_level": "concern",
        "reported_at": "2026-12-01T09:30:00+00:00",
    },
]


def test_feedback_is_written_as_labelled_messages_to_a_file_only_its_owner_reads(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reported(db)
    out = tmp_path / "feedback.yml"

    code = main(["screening-feedback", "--out", str(out)])

    exported = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (code, exported) == (0, {"version": 1, "messages": EXPECTED})
    assert out.stat().st_mode & 0o777 == 0o600
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "screening feedback: 2 labelled messages (1 false-alarm, 1 missed-risk)\n"
    )


def test_without_out_the_export_goes_to_stdout_and_the_counts_to_stderr(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    reported(db)

    assert main(["screening-feedback"]) == 0

    captured = capsys.readouterr()
    assert yaml.safe_load(captured.out)["messages"] == EXPECTED
    assert RATED_HIGH not in captured.err
    assert RATED_LOW not in captured.err


def test_an_existing_file_is_kept_unless_forced(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reported(db)
    out = tmp_path / "feedback.yml"
    out.write_text("keep me\n", encoding="utf-8")
    out.chmod(0o644)

    refused = main(["screening-feedback", "--out", str(out)])
    kept = out.read_text(encoding="utf-8")
    forced = main(["screening-feedback", "--out", str(out), "--force"])

    assert (refused, kept, forced) == (2, "keep me\n", 0)
    assert capsys.readouterr().err.startswith(f"warmline: {out} exists; --force overwrites it\n")
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["messages"] == EXPECTED
    assert out.stat().st_mode & 0o777 == 0o600


def test_no_feedback_is_an_empty_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "feedback.yml"

    assert main(["screening-feedback", "--out", str(out)]) == 0

    assert yaml.safe_load(out.read_text(encoding="utf-8")) == {"version": 1, "messages": []}
    assert capsys.readouterr().err == "screening feedback: 0 labelled messages\n"
