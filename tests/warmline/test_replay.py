"""The command's report: printed always, written as a new owner-only JSON file with --out, and
an exit code that says a target was missed only when --gate asks for one."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path
from typing import Any

import yaml

from warmline.engine_env import BOT_DIR
from warmline.replay import report
from warmline.replay_transcript import Exchange, Recorded

CORE: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "core.yml").read_text())
LOST_THE_THREAD = [str(v["text"]) for v in CORE["responses"]["utter_default"]]
MISSED = [
    Recorded(
        "c1",
        "someone",
        "person",
        tuple(
            Exchange("person", text, "other", (reply,))
            for text, reply in zip(("asdf", "qwer"), LOST_THE_THREAD, strict=False)
        ),
    )
]


def args(out: Path | None = None, gate: bool = False) -> argparse.Namespace:
    return argparse.Namespace(file=Path("sample.yml"), out=out, gate=gate)


def test_a_missed_target_fails_the_command_only_with_gate() -> None:
    printed = io.StringIO()
    assert report(MISSED, args(), "the assistant", printed) == 0
    assert re.search(
        r"generic fallback share of turns +2 of 2 = 100\.0% .* MISSED", printed.getvalue()
    )
    assert report(MISSED, args(gate=True), "the assistant", io.StringIO()) == 1


def test_out_writes_the_report_and_transcripts_for_its_owner_alone(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    report(MISSED, args(out=out), "the assistant", io.StringIO())
    assert out.stat().st_mode & 0o777 == 0o600
    written = json.loads(out.read_text())
    assert (written["file"], written["opened_by"], written["person_turns"]) == (
        "sample.yml",
        "the assistant",
        2,
    )
    assert written["generic_fallback"]["by_response"] == {"utter_default": 2}
