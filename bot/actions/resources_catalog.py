"""The resource catalog (bot/resources/catalog.yml): loaded once, validated with pydantic.

A program edits the YAML by hand, so a mistake must say where it is: every validation error is
reported with the file and line of the value at fault, and the action server refuses to start
rather than share a half-read catalog.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.actions.resources_location import STATE_NAMES

CATALOG_PATH = Path(__file__).resolve().parents[1] / "resources" / "catalog.yml"
MAX_LINE = 77  # "name: contact (note)"; three of these, a heading and "more" fit 320 characters


class Kind(StrEnum):
    """The four kinds of peer support."""

    EMOTIONAL = "emotional"
    INFORMATIONAL = "informational"
    INSTRUMENTAL = "instrumental"
    AFFILIATIONAL = "affiliational"


class Topic(StrEnum):
    CRISIS = "crisis"
    TREATMENT = "treatment"
    MEDICATION = "medication"
    HARM_REDUCTION = "harm_reduction"
    MEETINGS = "meetings"
    HOUSING = "housing"
    EMPLOYMENT = "employment"
    TRANSPORTATION = "transportation"
    LEGAL = "legal"
    FAMILY = "family"


class Resource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    contact: str
    note: str = ""
    kinds: tuple[Kind, ...] = Field(min_length=1)
    topics: tuple[Topic, ...] = Field(min_length=1)
    states: tuple[str, ...] = ()
    zip_prefixes: tuple[str, ...] = ()
    enabled: bool = True

    @field_validator("states")
    @classmethod
    def _state_codes(cls, states: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [s for s in states if s.upper() not in STATE_NAMES]
        if unknown:
            raise ValueError(f"not US state codes: {', '.join(unknown)}")
        return tuple(s.upper() for s in states)

    @field_validator("zip_prefixes")
    @classmethod
    def _zip_prefixes(cls, prefixes: tuple[str, ...]) -> tuple[str, ...]:
        bad = [p for p in prefixes if not (p.isdigit() and 1 <= len(p) <= 5)]
        if bad:
            raise ValueError(f"ZIP prefixes must be 1-5 digits in quotes: {', '.join(bad)}")
        return prefixes

    @model_validator(mode="after")
    def _fits_a_text(self) -> Resource:
        if self.enabled and not self.contact.strip():
            raise ValueError("an enabled entry needs a contact")
        if len(self.line) > MAX_LINE:
            raise ValueError(f"'{self.line}' is {len(self.line)} characters; at most {MAX_LINE}")
        return self

    @property
    def line(self) -> str:
        text = f"{self.name}: {self.contact}"
        return f"{text} ({self.note})" if self.note else text

    @property
    def national(self) -> bool:
        return not self.states and not self.zip_prefixes


class Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1, le=1)
    resources: tuple[Resource, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalog:
        ids = [r.id for r in self.resources]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"repeated ids: {', '.join(repeated)}")
        return self

    @property
    def shown(self) -> tuple[Resource, ...]:
        return tuple(r for r in self.resources if r.enabled)


class CatalogError(ValueError):
    """The catalog file cannot be used; the message names the file and line."""


def _line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the YAML node at a pydantic error location (or its nearest parent)."""
    for key in loc:
        child = _child(node, key)
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _child(node: yaml.Node, key: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item: yaml.Node = node.value[key]
        return item
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if name.value == key:
                found: yaml.Node = value
                return found
    return None


def parse_catalog(text: str, source: str = "catalog.yml") -> Catalog:
    try:
        root = yaml.compose(text)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CatalogError(f"{source}: not valid YAML: {error}") from error
    if root is None:
        raise CatalogError(f"{source}: the file is empty")
    try:
        return Catalog.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{source}:{_line_of(root, tuple(e['loc']))}: {'.'.join(map(str, e['loc']))}: "
            f"{e['msg']}"
            for e in error.errors()
        ]
        raise CatalogError("\n".join(problems)) from error


def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    return parse_catalog(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return load_catalog()
