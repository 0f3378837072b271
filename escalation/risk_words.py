"""Words that speak of death, of a method or means, or of harm (risk_words.yml): without one, a
lone crisis vote of the risk model has nothing in the words behind it (escalation/combined.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from escalation import yaml_fields as fields

RISK_WORDS_PATH = Path(__file__).with_name("risk_words.yml")


def load_risk_words(
    word_lists: Mapping[str, Sequence[str]], path: Path = RISK_WORDS_PATH
) -> frozenset[str]:
    """The file's words with the lexicon's lists it names; a list it names must exist."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping")
    words = {str(word).lower() for group in fields.items(raw, "words") for word in group}
    for name in fields.items(raw, "lexicon_lists"):
        if name not in word_lists:
            raise ValueError(f"{path}: no word list {name!r} in the lexicon")
        words.update(word_lists[name])
    return frozenset(words)
