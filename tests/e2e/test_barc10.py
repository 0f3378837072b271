"""A full BARC-10 in the simulator with the real engine and action server: permission first,
the items one per message, a question about the bot in between, an unclear answer asked again
with the scale, a pause and a pick-up later, a greeting after going quiet, the reflection, and
the ten answers and the total read back from the app database."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from sqlalchemy import select

from bot.actions.barc10 import WELCOME_BACK
from bot.actions.barc10_reflection import MOST_AGREED, OPEN_QUESTION, PAUSED, THANKS
from core.settings import Settings
from store.barc10_models import Barc10Answer, Barc10Checkin
from store.db import Database
from tests.support.system import chat
from warmline.engine_env import BOT_DIR
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine

RESPONSES: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "barc10.yml").read_text())[
    "responses"
]
DOMAIN_CORE: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "core.yml").read_text())
REPLIES = ["6", "agree", "4", "somewhat disagree", "strongly agree", "5", "agre", "disagree a bit"]
REPLIES += ["mostly agree", "6!"]
SCORES = [6, 5, 4, 3, 6, 5, 5, 3, 5, 6]


def ask(item: int, reask: bool = False) -> str:
    variations = RESPONSES[f"utter_ask_barc10_q{item}"]
    return next(str(v["text"]) for v in variations if ("condition" in v) == reask)


def welcome_back(where: str) -> list[str]:
    """The domain's welcome back, each variation, with where the check-in stands."""
    return [str(v["text"]).format(where=where) for v in RESPONSES[WELCOME_BACK]]


def test_a_full_barc10_through_the_simulator(system: Supervisor, system_settings: Settings) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    permission = [v["text"] for v in RESPONSES["utter_barc10_permission"]]

    (asked,) = chat(base, "ana", "can we do the barc")
    assert asked in permission
    assert chat(base, "ana", "ya sure") == [ask(1)]
    # Two wordings, so that asked twice running it never says the same words twice.
    bot_answers = [v["text"] for v in DOMAIN_CORE["responses"]["utter_iamabot"]]
    bot_answer, asked_again = chat(base, "ana", "r u a real person?")
    assert bot_answer in bot_answers
    assert asked_again == ask(1)
    assert chat(base, "ana", REPLIES[0]) == [ask(2)]
    assert chat(base, "ana", "hmm hard to say") == [ask(2, reask=True)]
    assert chat(base, "ana", REPLIES[1]) == [ask(3)]
    assert chat(base, "ana", "pause") == [PAUSED]

    welcome, asked_again = chat(base, "ana", "continue")
    assert welcome in welcome_back("at statement 3 of 10")
    assert asked_again == ask(3)
    for item, reply in enumerate(REPLIES[2:-1], 3):
        assert chat(base, "ana", reply) == [ask(item + 1)]
        if item == 5:  # quiet for a while, then "hi": the same statement again
            welcome, asked_again = chat(base, "ana", "hi again")
            assert welcome in welcome_back("with the statement we were on")
            assert asked_again == ask(6)
    assert chat(base, "ana", REPLIES[-1]) == [f"{THANKS} {MOST_AGREED} {OPEN_QUESTION}"]

    db = Database(system_settings.app_database_url)
    try:
        with db.transaction() as session:
            rows = session.execute(select(Barc10Answer.item, Barc10Answer.score)).all()
            checkin = session.scalars(select(Barc10Checkin)).one()
            assert sorted(rows) == list(enumerate(SCORES, 1))
            assert (checkin.total, checkin.strengths_signal) == (48, True)
            assert checkin.completed_at is not None
    finally:
        db.dispose()
