"""The words that keep a lone model vote as it was (risk_words.yml) load whole, with the
lexicon's lists they name, and a list the lexicon lacks is refused, not silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation.lexicon import load_lexicon
from escalation.risk_words import load_risk_words


def test_the_file_and_the_lexicons_lists_it_names_are_all_words_of_risk() -> None:
    lexicon = load_lexicon()

    words = load_risk_words(lexicon.word_lists)

    assert {"die", "forever", "rifle", "jumping"} <= words
    assert set(lexicon.word_lists["drug"]) <= words  # named in the file: taken whole
    assert "work" not in words


def test_a_lexicon_list_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "risk_words.yml"
    path.write_text("version: 1\nlexicon_lists: [nope]\nwords: [[die]]\n", encoding="utf-8")

    with pytest.raises(ValueError, match="nope"):
        load_risk_words({"drug": ("pills",)}, path)
