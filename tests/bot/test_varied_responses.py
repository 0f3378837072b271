"""The engine's response generator (bot/components/varied_responses.py), loaded the way Rasa
loads the `nlg` of the endpoints.yml the supervisor writes: a response said twice running is
never the same words twice when it has other wording that fits, and it keeps to the wording
that fits (a Spanish conversation's Spanish). Run inside the engine's Python 3.10."""

from __future__ import annotations

import json

import pytest

from tests.bot.test_tfidf_intent_classifier import engine_python
from warmline.engine_env import BOT_DIR
from warmline.isolated import PreparedEngine
from warmline.processes import NLG

pytestmark = pytest.mark.engine

GENERATE = """
import asyncio, json, sys
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

domain = Domain.load(sys.argv[1])
nlg = NaturalLanguageGenerator.create(EndpointConfig(type=sys.argv[2]), domain)

def tracker(said=None, language=None):
    events = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"})]
    if language:
        events.append(SlotSet("checkup_language", language))
    if said:
        events.append(BotUttered(said))
    return DialogueStateTracker.from_events("participant-7", events, domain.slots)

async def texts(response, said=None, language=None, times=40):
    found = []
    for _ in range(times):
        made = await nlg.generate(response, tracker(said, language), "rest")
        found.append(made and made["text"])
    return found

async def main():
    help_texts = [v["text"] for v in domain.responses["utter_help"]]
    spanish = [v["text"] for v in domain.responses["utter_ask_checkup_use_often"]
               if v.get("condition")]
    lone = domain.responses["utter_medication_naltrexone"][0]["text"]
    return {
        "class": type(nlg).__name__,
        "help variations": help_texts,
        "help after itself": await texts("utter_help", said=help_texts[0]),
        "help first": await texts("utter_help"),
        "spanish variations": spanish,
        "spanish after itself": await texts("utter_ask_checkup_use_often", said=spanish[0],
                                            language="es"),
        "lone after itself": await texts("utter_medication_naltrexone", said=lone, times=3),
        "lone": lone,
        "unknown": await nlg.generate("utter_not_in_the_domain", tracker(), "rest"),
    }

print(json.dumps(asyncio.run(main())))
"""


def test_a_response_said_twice_running_is_said_in_other_words_that_fit(
    prepared_engine: PreparedEngine,
) -> None:
    """g37 of the sealed 2027-09 set, e18 of 2027-06 and c27 of 2027-03 (each read once) got
    the same message twice running: Rasa had picked the same variation at random."""
    found = engine_python(prepared_engine, GENERATE, str(BOT_DIR / "domain"), NLG)

    assert found["class"] == "VariedResponses"
    first, *others = found["help variations"]
    assert others
    assert set(found["help after itself"]) <= set(others)
    # Nothing said before: every wording can come (40 draws of two or more).
    assert set(found["help first"]) == {first, *others}
    _, *spanish_others = found["spanish variations"]
    assert spanish_others
    assert set(found["spanish after itself"]) <= set(spanish_others)
    # One wording only: it is said, never nothing.
    assert found["lone after itself"] == [found["lone"]] * 3
    assert found["unknown"] is None


def test_the_generator_is_the_one_named_in_the_endpoints() -> None:
    assert (BOT_DIR / "components" / f"{NLG.split('.')[0]}.py").is_file()
    assert json.dumps(NLG) == '"varied_responses.VariedResponses"'
