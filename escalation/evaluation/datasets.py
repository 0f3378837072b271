"""The labelled messages the screener is measured on: the project's corpus and public sets.

The public sets are copies, with their licences, in public/ beside this file (from the project's
shared data, risk-eval); should one be missing the report says so and measures the rest.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from escalation.levels import Level

CORPUS_PATH = Path(__file__).with_name("corpus.yml")
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


def load_corpus(path: Path = CORPUS_PATH) -> list[Example]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Example(str(item["text"]), Level[str(item["level"]).upper()], str(item.get("topic", "")))
        for item in raw["messages"]
    ]


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
