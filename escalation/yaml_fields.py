"""Checked reads from the lexicon's YAML: a wrong type fails loudly, naming the entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from escalation.levels import Level


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the entry."""


def level(value: Any, where: str) -> Level:
    try:
        return Level[str(value).upper()]
    except KeyError:
        raise LexiconError(f"{where}: unknown level {value!r}") from None


def words(value: Any, where: str) -> tuple[str, ...]:
    # YAML reads a bare no, yes, on or off as true/false: such a word must be quoted.
    if not isinstance(value, list) or not all(_is_word(item) for item in value):
        raise LexiconError(f"{where}: expected a list of words or phrases (quote no/yes/on/off)")
    return tuple(str(item) for item in value)


def _is_word(item: Any) -> bool:
    return isinstance(item, str | int) and not isinstance(item, bool)


def mapping(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise LexiconError(f"`{key}` must be a mapping")
    return value


def items(raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise LexiconError(f"`{key}` must be a list")
    return value


def check_unique(ids: list[str]) -> None:
    repeated = sorted({name for name in ids if ids.count(name) > 1})
    if repeated:
        raise LexiconError(f"category ids used twice: {', '.join(repeated)}")


def table(raw: Mapping[str, Any], key: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in mapping(raw, key).items()}
