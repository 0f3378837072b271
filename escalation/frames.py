"""Risk frames (frames.yml): risk language by its structure, built into lexicon categories.

A frame names its slots in order ("intent" then "act"); every combination of one alternative per
slot becomes a pattern of a category with the frame's levels. The categories join the lexicon's,
so the same matcher finds them and the same context rules (who, negation, the past, a what-if, a
quotation) read them: a frame adds wording, never a second way of judging it.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product
from pathlib import Path
from typing import Any

import yaml

from escalation import yaml_fields as fields
from escalation.lexicon import Category, LexiconError, category_from

FRAMES_PATH = Path(__file__).with_name("frames.yml")


def load_frames(path: Path = FRAMES_PATH) -> tuple[Category, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
        raise LexiconError(f"{path}: expected a mapping with an integer `version`")
    slots = {
        name: fields.words(value, name) for name, value in fields.mapping(raw, "slots").items()
    }
    return tuple(_frame(entry, slots) for entry in fields.items(raw, "frames"))


def _frame(entry: Any, slots: Mapping[str, tuple[str, ...]]) -> Category:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise LexiconError(f"frame without an id: {entry!r}")
    names = fields.words(entry.get("slots"), entry["id"])
    missing = [name for name in names if name not in slots]
    if not names or missing:
        raise LexiconError(f"{entry['id']}: unknown or no slots {missing}")
    patterns = [" ".join(parts) for parts in product(*(slots[name] for name in names))]
    return category_from({**entry, "patterns": patterns})
