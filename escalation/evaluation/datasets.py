"""A labelled message, and the public sets the screener is reported on.

The project's own labelled sets are read only through sets.py, which knows each set's role
(train, tune, test, sealed) and refuses a read its role forbids. The public sets are copies, with
their licences, in public/ beside this file (from the project's shared data, risk-eval); should
one be missing the report says so and measures the rest. Earlier work read their misses while
writing rules, so they are reported as public test sets closer to tune than to test.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from escalation.levels import Level

PUBLIC_DIR = Path(__file__).with_name("public")
# Public set name -> its file. Their `crisis` label counts as crisis, `not_crisis` as none.
PUBLIC_SETS = {
    "xstest-hard-negatives": "xstest_hard_negatives.csv",
    "openai-self-harm": "openai_moderation_sh.csv",
}
_PUBLIC_LABELS = {"crisis": Level.CRISIS, "not_crisis": Level.NONE}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    level: Level
    topic: str


def load_public_set(name: str, directory: Path = PUBLIC_DIR) -> list[Example] | None:
    """The named public set, or None when its file is not there."""
    path = directory / PUBLIC_SETS[name]
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as file:
        return [
            Example(row["text"], _PUBLIC_LABELS[row["label"]], row.get("orig_label", ""))
            for row in csv.DictReader(file)
        ]
