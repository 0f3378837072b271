"""The companion's texts and phrase lists (companion.yml), loaded and checked once, at import.

A text missing its Spanish, its source or a placeholder must stop the warmline at start-up,
loudly: a crisis is the worst moment to find a hole in the script.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

COMPANION_PATH = Path(__file__).with_name("companion.yml")
LANGUAGES = ("en", "es")
Language = Literal["en", "es"]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_NonEmpty = Field(min_length=1)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Strict):
    """One step of the dialogue: alternative wordings in each language, and where it comes from."""

    source: StrictStr = _NonEmpty
    en: tuple[StrictStr, ...] = _NonEmpty
    es: tuple[StrictStr, ...] = _NonEmpty

    @model_validator(mode="after")
    def _same_placeholders(self) -> Step:
        found = {frozenset(_PLACEHOLDER.findall(text)) for text in (*self.en, *self.es)}
        if len(found) > 1:
            raise ValueError("every wording, in both languages, needs the same {placeholders}")
        if not all(text.strip() for text in (*self.en, *self.es)):
            raise ValueError("an empty wording")
        return self


class Phrases(_Strict):
    en: tuple[StrictStr, ...] = _NonEmpty
    es: tuple[StrictStr, ...] = _NonEmpty


class Companion(_Strict):
    version: int
    sources: dict[StrictStr, StrictStr]
    texts: dict[StrictStr, Step]
    phrases: dict[StrictStr, Phrases]
    spellings: dict[StrictStr, StrictStr]
    paraphrase: dict[Language, dict[StrictStr, StrictStr]]
    language: dict[Language, tuple[StrictStr, ...]]

    @model_validator(mode="after")
    def _sources_known(self) -> Companion:
        unknown = sorted(key for key, step in self.texts.items() if step.source not in self.sources)
        if unknown:
            raise ValueError(f"texts citing an unknown source: {', '.join(unknown)}")
        if set(self.paraphrase) != set(LANGUAGES) or set(self.language) != set(LANGUAGES):
            raise ValueError("`paraphrase` and `language` need both en and es")
        return self


def load_companion(path: Path = COMPANION_PATH) -> Companion:
    return Companion.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


COMPANION = load_companion()


def wordings(key: str, language: str) -> tuple[str, ...]:
    step = COMPANION.texts[key]
    return step.es if language == "es" else step.en
