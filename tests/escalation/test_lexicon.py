"""The lexicon file a clinician reviews is complete, consistent and loads as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from escalation.lexicon import LexiconError, load_lexicon
from escalation.matching import vocabulary
from escalation.normalise import Normaliser
from escalation.patterns import PatternError, compile_pattern, pattern_words

LEXICON = load_lexicon()


def test_the_lexicon_is_versioned() -> None:
    assert isinstance(LEXICON.version, int)


def test_every_category_has_a_rationale_and_something_to_match() -> None:
    incomplete = [
        category.id
        for category in LEXICON.categories
        if not category.rationale or not (category.phrases or category.patterns)
    ]

    assert incomplete == []


def test_pattern_words_are_written_as_the_normaliser_writes_them() -> None:
    normalise = Normaliser(LEXICON.spellings, vocabulary(LEXICON))
    patterns = [p for c in LEXICON.categories for p in c.patterns]
    patterns += [p for kind in LEXICON.cue_patterns.values() for p in kind]
    words = {word for pattern in patterns for word in pattern_words(pattern)}
    words |= {word for words in LEXICON.word_lists.values() for word in words}

    assert sorted(word for word in words if normalise(word) != word) == []


def test_every_pattern_compiles() -> None:
    patterns = [p for c in LEXICON.categories for p in c.patterns]

    assert all(compile_pattern(p, LEXICON.word_lists) for p in patterns)


@pytest.mark.parametrize(
    ("floor", "expected"),
    [
        ("#5", ["5", "12", "13", "30", "499", "500", "1000"]),
        ("#13", ["13", "30", "499", "500", "1000"]),
        ("#500", ["500", "1000"]),
    ],
)
def test_a_number_in_a_pattern_matches_whole_numbers_from_its_floor(
    floor: str, expected: list[str]
) -> None:
    token = compile_pattern(f"took {floor}", {})[1]
    numbers = ["4", "5", "05", "12", "13", "30", "499", "500", "1000", "x5"]

    assert [n for n in numbers if re.match(token["LOWER"]["REGEX"], n)] == expected


@pytest.mark.parametrize("pattern", ["took @nolist", "took #x", "took #05"])
def test_a_malformed_pattern_is_named_in_the_error(pattern: str) -> None:
    with pytest.raises(PatternError, match=pattern.split()[1]):
        compile_pattern(pattern, {})


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("version: one\n", "version"),
        ("version: 1\ncontext: {}\ncategories: [{id: a, level: high, rationale: x}]\n", "level"),
        ("version: 1\ncontext: {}\ncategories: [{id: a, level: crisis}]\n", "rationale"),
    ],
)
def test_a_malformed_lexicon_fails_loudly(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(LexiconError, match=error):
        load_lexicon(path)
