"""Which of the assistant's texts a reply is, and so its MITI 4.2 codes: each reply is matched
against every text the warmline can send, its blanks (`{slot}`) matching anything.

The texts are the domain's response variations (bot/domain/*.yml, with their codes), the custom
actions' own texts with their tags (warmline/replay_known.py), and the gateway's own texts, which
carry no code in the code base (crisis companion, keyword replies, the concern reply, holding and
lost-answer replies). A reply two texts match is the more specific one's (more words outside
the blanks). A reply nothing matches is unmapped: it is listed, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from bot.actions import spanish
from warmline.mi_read import codes_of

BLANK = re.compile(r"\{\w*\}")
Codes = tuple[str, ...]


@dataclass(frozen=True)
class Known:
    """A text the warmline can send: where it comes from and its MITI codes."""

    name: str  # a domain response, `action:...` or `gateway:...`
    codes: Codes | None  # None: the gateway's own text, which has no code in the code base
    language: str = "en"


@dataclass(frozen=True)
class Template:
    known: Known
    text: str  # with `{blanks}`

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        parts = [re.escape(part) for part in BLANK.split(self.text)]
        return re.compile("(?:.*?)".join(parts), re.DOTALL | re.IGNORECASE)

    @cached_property
    def literal(self) -> int:
        """Characters outside the blanks: the more, the more specific."""
        return len(BLANK.sub("", self.text))

    @cached_property
    def prefix(self) -> str:
        """The words before the first blank, lower-cased: a cheap test before the pattern's."""
        return BLANK.split(self.text, maxsplit=1)[0].lower()


def domain_templates(domain_dir: Path) -> Iterator[Template]:
    """Every variation of every response in the domain, with its codes."""
    for path in sorted(domain_dir.glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            language = "es" if name in spanish.RESPONSES else "en"
            for variation in variations or []:
                if isinstance(variation, dict) and variation.get("text"):
                    codes = codes_of(variation.get("metadata"))
                    yield Template(Known(str(name), codes, language), str(variation["text"]))


class Catalog:
    """Identifies replies. `joined` texts (the crisis companion's) may come several to a
    message, one after another, separated by a space."""

    def __init__(self, templates: Iterable[Template], joined: Iterable[Template] = ()) -> None:
        self._templates = list(templates)
        self._joined = list(joined)

    def identify(self, reply: str) -> Known | None:
        found = [(t.literal, t.known) for t in self._templates if t.pattern.fullmatch(reply)]
        parts = self._segments(reply, 0, {})
        if parts is not None:
            found.append((sum(part.literal for part in parts), _joined(parts)))
        if not found:
            return None
        return max(found, key=lambda each: each[0])[1]  # the first of equals: the domain's

    def _segments(
        self, reply: str, start: int, tried: dict[int, list[Template] | None]
    ) -> list[Template] | None:
        """`reply[start:]` as joined texts, if it is made of them; remembers failed starts."""
        if start in tried:
            return tried[start]
        tried[start] = None
        rest = reply[start:].lower()
        for template in self._joined:
            if not rest.startswith(template.prefix):
                continue
            for end in _ends(reply, start):
                if template.pattern.fullmatch(reply, start, end):
                    after = [] if end == len(reply) else self._segments(reply, end + 1, tried)
                    if after is not None:
                        tried[start] = [template, *after]
                        return tried[start]
        return None


def _ends(reply: str, start: int) -> Sequence[int]:
    """Where a joined text can end: before a space, or at the end of the reply."""
    spaces = [i for i in range(start + 1, len(reply)) if reply[i] == " "]
    return [*spaces, len(reply)]


def _joined(parts: Sequence[Template]) -> Known:
    """Texts said in one message: the first one's name and codes, their language if one."""
    languages = {part.known.language for part in parts}
    first = parts[0].known
    return Known(first.name, first.codes, languages.pop() if len(languages) == 1 else "en")
