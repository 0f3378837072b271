"""A file of conversations to replay (conversations/sample/ has an example): who texts, who
starts, and each of the person's turns with what a good reply would do (`expect`).

A file under conversations/sealed/ (or a copy of a sealed file anywhere) is refused before a
byte of it is read, unless the caller unseals it: the sealed set is read once, at the very end
of issue 18, by the coordinator, and a peek before then would spoil it as a measure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from core.settings import PROJECT_ROOT

SEALED_DIR = PROJECT_ROOT / "conversations" / "sealed"
# The sealed files' sha256, as the README gives them: a copy elsewhere is refused too.
SEALED_SHA256 = frozenset({"fa92f44718ac03a96c42ee4db85cd87378b5ae464320eb6ab36b5cbd75547f6e"})

OpensWith = Literal["checkup", "person", "barc10"]
Expect = Literal[
    "understand_answer",
    "info_request",
    "reflect_feeling",
    "small_talk",
    "change_talk",
    "other",
    "crisis",
    "sustain_talk",
    "affirm_milestone",
    "answer_question",
    "spanish",
    "opt_out",
]
OPENINGS: tuple[str, ...] = get_args(OpensWith)
EXPECTS: tuple[str, ...] = get_args(Expect)


class _AsTyped(yaml.SafeLoader):
    """Every scalar as the text it is: a person's unquoted "no", "Yes", "5" or "~" is what they
    typed, not a boolean, a number or nothing (YAML 1.1 would read "no" as false)."""


_AsTyped.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag == "tag:yaml.org,2002:merge"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ConversationsError(Exception):
    """The file was refused (sealed) or is not a file of conversations: nothing was replayed."""


@dataclass(frozen=True)
class PersonTurn:
    text: str
    expect: str


@dataclass(frozen=True)
class Conversation:
    id: str
    persona: str
    opens_with: str
    turns: tuple[PersonTurn, ...]


def is_sealed(path: Path, sealed_sha256: Collection[str] = SEALED_SHA256) -> bool:
    """Under the sealed folder, by where it really is (links followed), whether it exists or
    not; else, a file whose bytes are a sealed file's."""
    if path.resolve().is_relative_to(SEALED_DIR.resolve()):
        return True
    if not path.is_file():
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() in sealed_sha256


def load(path: Path, *, unseal: bool = False) -> list[Conversation]:
    if not unseal and is_sealed(path):
        raise ConversationsError(
            f"{path} is a sealed set: it is read once, at the very end, with --unseal"
        )
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AsTyped)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConversationsError(f"{path}: {type(error).__name__}") from None
    listed = data.get("conversations") if isinstance(data, dict) else None
    if not isinstance(listed, list) or not listed:
        raise ConversationsError(f"{path}: no `conversations:` list")
    conversations = [_conversation(item, number) for number, item in enumerate(listed, 1)]
    ids = [c.id for c in conversations]
    if len(set(ids)) != len(ids):
        raise ConversationsError(f"{path}: two conversations share an id")
    return conversations


def _conversation(item: Any, number: int) -> Conversation:
    where = f"conversation {number}"
    if not isinstance(item, dict):
        raise ConversationsError(f"{where} is not a mapping")
    opens_with = item.get("opens_with")
    if opens_with not in OPENINGS:
        raise ConversationsError(f"{where}: opens_with must be one of {', '.join(OPENINGS)}")
    turns = item.get("turns")
    if not isinstance(turns, list) or not turns:
        raise ConversationsError(f"{where}: no turns")
    return Conversation(
        id=_text(item.get("id"), f"{where}: id"),
        persona=_text(item.get("persona"), f"{where}: persona"),
        opens_with=str(opens_with),
        turns=tuple(_turn(turn, f"{where}, turn {n}") for n, turn in enumerate(turns, 1)),
    )


def _turn(item: Any, where: str) -> PersonTurn:
    if not isinstance(item, dict):
        raise ConversationsError(f"{where} is not a mapping")
    expect = item.get("expect")
    if expect not in EXPECTS:
        raise ConversationsError(f"{where}: expect must be one of {', '.join(EXPECTS)}")
    return PersonTurn(_text(item.get("text"), f"{where}: text"), str(expect))


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConversationsError(f"{where} must be text")
    return value
