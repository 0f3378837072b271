"""Whether the assistant's last words were one of its forms' questions: a check-up's, a
BARC-10 statement, or one of the rulers.

A message that opens a concern gets the gateway's own reply (an MI reflection and the offer of a
peer) instead of the assistant's, and the assistant never sees it. Mid-way through a form that
loses the answer: "cravings 9" to the check-up's cravings question was the concern, so the form
took the next message ("nope. 2 yrs in feb") for the cravings, and every answer after it went one
question astray (9 of the 17 concern replies in the 2027-03 conversations). So there the
assistant answers, as the architecture has it for a concern ("the assistant goes on"), and the
gateway adds that a peer has been told (channels/crisis.py).

The model's vote alone is weighed the same way there. Over the five conversation sets read for
issue 18 (2,129 person turns, 548 of them answers to a form's question), the model's vote alone
rated 16 of those answers a crisis ("5. Been in the Bronx my whole life", "Four years on the
19th, by the way") and none of the five crisis turns among them needed it: each was rated by a
rule, or not at all. So an answer to a form's question that only the model rates a crisis is a
concern: the peer reviews it within a day, the form goes on, and a rule's risk still opens a
crisis as anywhere else.

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
from escalation.combined import MEANS_NAMED
from escalation.companion.crisis import model_vote_alone
from escalation.levels import Level, Screening

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


IN_FORM = "context:answer-to-a-form-question"


def weighed_in_form(screening: Screening, last_reply: str | None) -> Screening:
    """A crisis on the model's vote alone, said in answer to a form's question: a concern,
    unless the words name the means. "I keep looking at the rifle in the hall closet" (2027-06)
    and "i keep looking at my dads old pistol" (2027-08, both sealed sets, read once) were each
    weighed down this way, and the check-up praised the next message."""
    if not model_vote_alone(screening) or not asks_form_question(last_reply):
        return screening
    if MEANS_NAMED in screening.reasons:
        return screening
    return Screening(Level.CONCERN, (*screening.reasons, IN_FORM))
