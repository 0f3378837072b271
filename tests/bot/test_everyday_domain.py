"""The everyday, resource and hand-back responses: each carries its MITI 4.2 behaviour code,
none confronts or persuades, and each says it more than one way."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.actions.medication import RESPONSES as MEDICATION_RESPONSES
from warmline.engine_env import BOT_DIR

CODES = {
    "open_question", "closed_question", "simple_reflection", "complex_reflection", "affirm",
    "seek_collaboration", "emphasize_autonomy", "give_information",
}  # fmt: skip
FILES = ["core.yml", "everyday.yml", "resources.yml", "handback.yml"]
# The BARC-10 end-to-end test expects exactly this answer; clinical information about
# medication has one wording, the one reviewed against its sources (bot/domain/resources.yml).
ONE_WAY = {"utter_iamabot", *MEDICATION_RESPONSES}


def responses(name: str) -> dict[str, list[dict[str, Any]]]:
    domain: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / name).read_text())
    found: dict[str, list[dict[str, Any]]] = domain.get("responses", {})
    return found


ALL = [(f, r, v) for f in FILES for r, v in responses(f).items()]


@pytest.mark.parametrize(("file", "response", "variations"), ALL, ids=[a[1] for a in ALL])
def test_every_response_has_its_mi_code(
    file: str, response: str, variations: list[dict[str, Any]]
) -> None:
    for variation in variations:
        found = variation.get("metadata", {}).get("miti")
        found = found if isinstance(found, list) else [found]  # one code, or several in order
        assert found, (file, response)
        assert set(found) <= CODES, (file, response)


@pytest.mark.parametrize(("file", "response", "variations"), ALL, ids=[a[1] for a in ALL])
def test_every_response_has_variations(
    file: str, response: str, variations: list[dict[str, Any]]
) -> None:
    assert len(variations) >= (1 if response in ONE_WAY else 2), (file, response)


def test_the_bot_is_honest_about_being_automated() -> None:
    answers = responses("core.yml")["utter_iamabot"]

    assert len(answers) >= 2  # asked twice running, never the same words twice
    for answer in answers:
        assert "automated assistant" in answer["text"]
        assert "person" in answer["text"]


def test_the_second_miss_offers_a_peer_and_never_repeats_the_first() -> None:
    domain = responses("everyday.yml")
    clarify = {v["text"] for v in domain["utter_fallback_clarify"]}
    offer = {v["text"] for v in domain["utter_fallback_offer_peer"]}

    assert not clarify & offer
    assert all("ask a peer" in text and text.endswith("text you?") for text in offer)


def test_the_resource_offer_asks_permission() -> None:
    for variation in responses("resources.yml")["utter_resources_permission"]:
        assert "{what}" in variation["text"]
        assert "?" in variation["text"]
