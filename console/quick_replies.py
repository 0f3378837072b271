"""Quick replies a program edits (console/quick_replies.yml): a peer drops one into the reply
box and edits it before sending. Read once when the console starts; a malformed entry stops
the start, naming it, rather than failing in front of a peer mid-crisis."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

QUICK_REPLIES = Path(__file__).parent / "quick_replies.yml"


class QuickReply(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=1600)

    def for_peer(self, peer: str) -> str:
        return self.text.replace("{peer}", peer)


class QuickReplyError(ValueError):
    """The quick replies file is malformed; the message says where."""


_LIST = TypeAdapter(list[QuickReply])


def load(path: Path = QUICK_REPLIES) -> list[QuickReply]:
    try:
        return _LIST.validate_python(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    except (yaml.YAMLError, ValidationError) as bad:
        raise QuickReplyError(f"{path}: {bad}") from None
