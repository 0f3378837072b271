"""Labelled messages written by code from the structure of risk language (generation.yml).

The grammar names the parts of a risk statement (who, the intent or modal frame, the act, the
means and the moment, finality) and the frames that change its meaning (negation, the past, a
question about nobody, someone else, a quotation, hyperbole); a scene puts parts together into a
template and gives every message it writes one level. Drawing is seeded: the same seed and
grammar give the same messages, so a model trained on them is reproducible and its hash can
name the grammar's version.

What the messages are for: training data for the risk model, which learns the structure's words
in many more combinations than the labelled sets hold; and a consistency check of the rules
against the same structure. Neither is a test of generalisation: the grammar and the rules were
written by the same hand, so a figure on generated messages is a fit (evaluation/report.py says
so).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from escalation import yaml_fields as fields
from escalation.levels import Level
from escalation.lexicon import Lexicon, LexiconError

GENERATION_PATH = Path(__file__).with_name("generation.yml")
_SLOT = re.compile(r"\{(@?[a-z_]+)\}")
# A slot inside a slot inside ...: deep enough for the grammar, and a guard against a loop.
_MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    level: Level
    templates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grammar:
    version: int
    slots: Mapping[str, tuple[str, ...]]
    scenes: tuple[Scene, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    text: str
    level: Level
    scene: str


def load_grammar(path: Path = GENERATION_PATH) -> Grammar:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
        raise LexiconError(f"{path}: expected a mapping with an integer `version`")
    slots = {
        name: _alternatives(value, name) for name, value in fields.mapping(raw, "slots").items()
    }
    scenes = tuple(_scene(entry) for entry in fields.items(raw, "scenes"))
    return Grammar(raw["version"], slots, scenes)


def generate(lexicon: Lexicon, grammar: Grammar, per_scene: int, seed: int) -> list[Generated]:
    """`per_scene` messages from each scene, each text once, in a seeded order."""
    draw = random.Random(seed)  # noqa: S311 - reproducible sampling, not a secret
    written: dict[str, Generated] = {}
    for scene in grammar.scenes:
        for _ in range(per_scene * 3):  # a small scene runs out of new texts: stop trying
            if sum(item.scene == scene.id for item in written.values()) >= per_scene:
                break
            text = _expand(draw.choice(scene.templates), lexicon, grammar, draw, 0)
            text = " ".join(text.split())
            written.setdefault(text, Generated(text, scene.level, scene.id))
    return list(written.values())


def _expand(
    template: str, lexicon: Lexicon, grammar: Grammar, draw: random.Random, depth: int
) -> str:
    if depth > _MAX_DEPTH:
        raise LexiconError(f"generation.yml: slots nest deeper than {_MAX_DEPTH}: {template!r}")

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        choices = _choices(name, lexicon, grammar)
        return _expand(draw.choice(choices), lexicon, grammar, draw, depth + 1)

    return _SLOT.sub(one, template)


def _choices(name: str, lexicon: Lexicon, grammar: Grammar) -> tuple[str, ...]:
    lists = lexicon.word_lists if name.startswith("@") else grammar.slots
    words = lists.get(name.removeprefix("@"))
    if not words:
        raise LexiconError(f"generation.yml: no slot or word list {name!r}")
    return words


def _alternatives(value: object, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(f"generation.yml: slot {name!r} must be a list of strings")
    return tuple(value)


def _scene(entry: object) -> Scene:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise LexiconError(f"generation.yml: a scene without an id: {entry!r}")
    level = fields.level(entry.get("level"), entry["id"])
    return Scene(entry["id"], level, _alternatives(entry.get("templates"), entry["id"]))
