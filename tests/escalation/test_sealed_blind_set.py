"""The sealed blind set (issue 15) is written by someone who never saw the screener and read once,
when the screening work is finished. Until then nothing may change it or read it: this test
checks only its bytes' hash, so an edit (or a "fix" after a peek) fails the build."""

from __future__ import annotations

import hashlib
from pathlib import Path

SEALED = Path(__file__).parents[2] / "escalation" / "evaluation" / "sealed" / "blind_2026_12.yml"
SHA256 = "4db10163317da435cc949639e427650f0ae8053cd961db1ad8fb9411d79e09c7"


def test_the_sealed_blind_set_is_unchanged_since_it_was_written() -> None:
    assert hashlib.sha256(SEALED.read_bytes()).hexdigest() == SHA256
