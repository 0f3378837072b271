"""The lexicon's pattern notation -> spaCy Matcher token patterns.

A clinician reads `@ingest ?like #5 @drug` as "took (like) 30 xans"; the Matcher needs a list of
token dictionaries. The notation is described at the top of lexicon.yml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

TokenSpec = dict[str, Any]

_STOP = r"[^\w]+"  # punctuation, emoji or the end-of-text stop the matcher appends
_WILDCARD = re.compile(r"\*(\d?)")
_AT_LEAST = re.compile(r"#([1-9]\d*)")


class PatternError(ValueError):
    """A pattern in the lexicon cannot be read; the message quotes it."""


def compile_pattern(pattern: str, word_lists: Mapping[str, Sequence[str]]) -> list[TokenSpec]:
    try:
        return [_token(element, word_lists) for element in pattern.split()]
    except (KeyError, ValueError) as error:
        raise PatternError(f"{pattern!r}: {error}") from None


def pattern_words(pattern: str) -> set[str]:
    """The literal words a pattern names, for checking they are written in normal form."""
    alternatives = (element.lstrip("?!~").split("|") for element in pattern.split())
    return {word for group in alternatives for word in group if word.isalnum()}


def _token(element: str, word_lists: Mapping[str, Sequence[str]]) -> TokenSpec:
    if element.startswith("?"):
        return {**_token(element[1:], word_lists), "OP": "?"}
    wildcard = _WILDCARD.fullmatch(element)
    if wildcard:
        return {"OP": f"{{0,{wildcard.group(1) or 2}}}"}
    if element.startswith("~"):
        return {"LOWER": {"FUZZY1": element[1:]}}
    if element.startswith("!"):
        return {"LOWER": {"NOT_IN": _words(element[1:], word_lists)}}
    if element.startswith("/") and element.endswith("/"):
        return {"LOWER": {"REGEX": element[1:-1]}}
    return _alternatives(element, word_lists)


def _alternatives(element: str, word_lists: Mapping[str, Sequence[str]]) -> TokenSpec:
    choices = element.split("|")
    special = [choice for choice in choices if choice == "<stop>" or choice.startswith("#")]
    words = _words("|".join(c for c in choices if c not in special), word_lists)
    if not special:
        return {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": words}}
    regexes = [re.escape(word) for word in words] + [_regex(choice) for choice in special]
    return {"LOWER": {"REGEX": "^(?:" + "|".join(regexes) + ")$"}}


def _words(element: str, word_lists: Mapping[str, Sequence[str]]) -> list[str]:
    words: list[str] = []
    for choice in filter(None, element.split("|")):
        words.extend(word_lists[choice[1:]] if choice.startswith("@") else [choice])
    return words


def _regex(choice: str) -> str:
    if choice == "<stop>":
        return _STOP
    at_least = _AT_LEAST.fullmatch(choice)
    if not at_least:
        raise ValueError(f"{choice!r}: write a number as #5 or #500")
    return _number_at_least(at_least.group(1))


def _number_at_least(digits: str) -> str:
    """Whole numbers >= the given one: '#13' -> 13..19, 20..99, 100...; no leading zeros."""
    options = [digits, f"[1-9]\\d{{{len(digits)},}}"]
    for position, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - position - 1
            options.append(f"{digits[:position]}[{int(digit) + 1}-9]\\d{{{rest}}}")
    return "|".join(options)
