"""Whether the assistant's last words were one of its forms' questions: a check-up's, a
BARC-10 statement, or one of the rulers.

A message that opens a concern gets the gateway's own reply (an MI reflection and the offer of a
peer) instead of the assistant's, and the assistant never sees it. Mid-way through a form that
loses the answer: "cravings 9" to the check-up's cravings question was the concern, so the form
took the next message ("nope. 2 yrs in feb") for the cravings, and every answer after it went one
question astray (9 of the 17 concern replies in the 2027-03 conversations). So there the
assistant answers, as the architecture has it for a concern ("the assistant goes on"), and the
gateway adds that a peer has been told (channels/crisis.py).

The questions are read from the assistant's own domain files, as its `utter_ask_*` responses:
the texts the gateway stored as sent. A wording with a blank in it cannot be matched, and is
left out.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from core.settings import PROJECT_ROOT

_FORM_DOMAINS = ("checkup.yml", "barc10.yml", "rulers.yml")
_QUESTION = "utter_ask_"


@functools.cache
def form_questions(domain_dir: Path = PROJECT_ROOT / "bot" / "domain") -> frozenset[str]:
    texts: set[str] = set()
    for name in _FORM_DOMAINS:
        domain: dict[str, Any] = yaml.safe_load((domain_dir / name).read_text(encoding="utf-8"))
        for response, variations in (domain.get("responses") or {}).items():
            if not response.startswith(_QUESTION):
                continue
            texts.update(
                text.strip()
                for variation in variations
                if "{" not in (text := str(variation.get("text") or "")) and text.strip()
            )
    return frozenset(texts)


def asks_form_question(last_reply: str | None) -> bool:
    """Whether the last thing sent to the person ends with a form's question."""
    if not last_reply:
        return False
    said = last_reply.strip()
    return any(said.endswith(question) for question in form_questions())
