"""The risk lexicon a clinician reviews (lexicon.yml), loaded into typed, checked values.

A lexicon that does not load must stop the warmline at start-up, loudly, rather than screen with
half its phrases: `LexiconError` names the entry at fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from escalation import yaml_fields as fields
from escalation.levels import Level
from escalation.yaml_fields import LexiconError

__all__ = [
    "LEXICON_PATH",
    "Category",
    "Lexicon",
    "LexiconError",
    "NetRule",
    "Spellings",
    "category_from",
    "load_lexicon",
]

LEXICON_PATH = Path(__file__).with_name("lexicon.yml")


# Cue kinds whose presence anywhere in a text can escalate a phrase (see `escalates`).
# "risk_before", "used_before" and "sign_before" are never found in the text itself: the screener
# lends them from the person's last few messages, when the rules read one of them a crisis, one
# names a substance or using, or one is a warning sign ("sign:" categories; escalation/screener.py).
ESCALATING_CUES = frozenset(
    {"means", "moment", "substance", "risk_before", "used_before", "sign_before"}
)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    level: Level
    others: Level
    hypothetical: Level
    escalates: Mapping[str, Level]
    joking: Level | None
    explains_away: bool
    rationale: str
    phrases: tuple[str, ...]
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NetRule:
    """The safety net: signals that are weak alone ("thanks for everything", "the rope") and
    that, named together in one text and read as the texter's own and present, lift it."""

    id: str
    needs: tuple[str, ...]  # cue kinds, each found at its own words
    level: Level
    anyone: bool  # also when the signals are about someone else ("he's limp" + "did a shot")
    rationale: str


@dataclass(frozen=True, slots=True)
class Spellings:
    cased: Mapping[str, str]
    marks: Mapping[str, str]
    words: Mapping[str, str]
    emoji: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: int
    spellings: Spellings
    word_lists: Mapping[str, tuple[str, ...]]
    # Cue kind ("negation", "past", ...) -> the phrases and patterns that signal it.
    cue_phrases: Mapping[str, tuple[str, ...]]
    cue_patterns: Mapping[str, tuple[str, ...]]
    # Word set name ("bridge", "self", "others", ...) -> single words looked up per token.
    word_sets: Mapping[str, frozenset[str]]
    categories: tuple[Category, ...]
    net_rules: tuple[NetRule, ...] = ()


def load_lexicon(path: Path = LEXICON_PATH, frames: Path | None = None) -> Lexicon:
    """The lexicon, with the risk frames (frames.yml) built into categories beside its own.
    `frames`: another frames file (tests); the default one when None."""
    from escalation.frames import FRAMES_PATH, load_frames  # frames.py builds on this module

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
        raise LexiconError(f"{path}: expected a mapping with an integer `version`")
    context = fields.mapping(raw, "context")
    categories = tuple(category_from(entry) for entry in fields.items(raw, "categories"))
    categories += load_frames(frames or FRAMES_PATH)
    fields.check_unique([category.id for category in categories])
    cue_phrases, cue_patterns = _cue_phrases(context), _cue_patterns(context)
    net = raw.get("safety_net", {"signals": {}, "rules": []})
    _add_signals(fields.mapping(net, "signals"), cue_phrases, cue_patterns)
    net_rules = tuple(_net_rule(entry, set(cue_phrases)) for entry in fields.items(net, "rules"))
    fields.check_unique([rule.id for rule in net_rules])
    return Lexicon(
        version=raw["version"],
        spellings=_spellings(fields.mapping(raw, "spellings")),
        word_lists={
            name: fields.words(words, name)
            for name, words in fields.mapping(raw, "word_lists").items()
        },
        cue_phrases=cue_phrases,
        cue_patterns=cue_patterns,
        word_sets=_word_sets(context),
        categories=categories,
        net_rules=net_rules,
    )


def _cue_patterns(context: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {
        kind: fields.words(patterns, kind)
        for kind, patterns in fields.mapping(context, "cue_patterns").items()
    }


def _add_signals(
    signals: Mapping[str, Any],
    phrases: dict[str, tuple[str, ...]],
    patterns: dict[str, tuple[str, ...]],
) -> None:
    """The safety net's signals become cue kinds of their own, found like any other cue."""
    for kind, entry in signals.items():
        if kind in phrases or not isinstance(entry, dict):
            raise LexiconError(f"signal {kind}: a new cue kind with phrases and/or patterns")
        phrases[kind] = fields.words(entry.get("phrases", []), kind)
        patterns[kind] = fields.words(entry.get("patterns", []), kind)


def _net_rule(entry: Any, kinds: set[str]) -> NetRule:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise LexiconError(f"safety net rule without an id: {entry!r}")
    name = entry["id"]
    needs = fields.words(entry.get("needs"), name)
    if len(needs) < 2 or not set(needs) <= kinds:
        raise LexiconError(f"{name}: `needs` names two or more cue kinds or signals")
    if not entry.get("rationale"):
        raise LexiconError(f"{name}: every rule needs a one-line rationale")
    return NetRule(
        id=name,
        needs=tuple(str(kind) for kind in needs),
        level=fields.level(entry.get("level"), name),
        anyone=bool(entry.get("anyone", False)),
        rationale=str(entry["rationale"]),
    )


def _cue_phrases(context: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    negation, past = fields.mapping(context, "negation"), fields.mapping(context, "past")
    hypothetical = fields.mapping(context, "hypothetical")
    return {
        "clause-break": fields.words(context.get("clause_breaks"), "clause_breaks"),
        "negation": fields.words(negation.get("cues"), "negation.cues"),
        "past": fields.words(past.get("cues"), "past.cues"),
        "habitual": fields.words(past.get("habitual"), "past.habitual"),
        "present": fields.words(past.get("present"), "past.present"),
        "recent": fields.words(past.get("recent"), "past.recent"),
        "hypothetical": fields.words(hypothetical.get("cues"), "hypothetical.cues"),
        "intent": fields.words(hypothetical.get("intent"), "hypothetical.intent"),
        "denial": fields.words(hypothetical.get("denial"), "hypothetical.denial"),
        "general": fields.words(hypothetical.get("general"), "hypothetical.general"),
        "imagining": fields.words(hypothetical.get("imagining"), "hypothetical.imagining"),
        **{
            kind: fields.words(context.get(kind), kind)
            for kind in ("means", "moment", "substance", "joking", "quotation", "reported")
        },
    }


def _word_sets(context: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    negation, subjects = fields.mapping(context, "negation"), fields.mapping(context, "subjects")
    sets = {
        "adjacent-negation": negation.get("adjacent"),
        "bridge": negation.get("bridge"),
        "self": subjects.get("self"),
        "generic": subjects.get("generic"),
        "others": subjects.get("others"),
        "address": subjects.get("address"),
        "determiners": subjects.get("determiners"),
    }
    return {name: frozenset(fields.words(words, name)) for name, words in sets.items()}


def category_from(entry: Any) -> Category:
    """A category from its YAML mapping (lexicon.yml's categories, frames.yml's frames)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise LexiconError(f"category without an id: {entry!r}")
    name = entry["id"]
    if not entry.get("rationale"):
        raise LexiconError(f"{name}: every category needs a one-line rationale")
    joking = entry.get("joking")
    return Category(
        id=name,
        level=fields.level(entry.get("level"), name),
        others=fields.level(entry.get("others", "none"), name),
        hypothetical=fields.level(entry.get("hypothetical", "none"), name),
        escalates=_escalates(entry.get("escalates", {}), name),
        joking=None if joking is None else fields.level(joking, name),
        explains_away=bool(entry.get("explains_away", False)),
        rationale=str(entry["rationale"]),
        phrases=fields.words(entry.get("phrases", []), name),
        patterns=fields.words(entry.get("patterns", []), name),
    )


def _escalates(raw: Any, where: str) -> dict[str, Level]:
    if not isinstance(raw, dict) or not set(raw) <= ESCALATING_CUES:
        raise LexiconError(f"{where}: `escalates` maps {sorted(ESCALATING_CUES)} to levels")
    return {str(kind): fields.level(value, where) for kind, value in raw.items()}


def _spellings(raw: Mapping[str, Any]) -> Spellings:
    return Spellings(*(fields.table(raw, key) for key in ("cased", "marks", "words", "emoji")))
