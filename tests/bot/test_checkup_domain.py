"""The check-up and rulers domains: every response coded in MITI 4.2 terms, never confronting
or persuading, reflections varied and short enough for SMS with the person's words in them,
"pause" (never a bare "stop") offered, and "check-up" kept apart from the BARC-10's "check in"."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from warmline.engine_env import BOT_DIR

CODES = {
    "open_question", "closed_question", "simple_reflection", "complex_reflection", "affirm",
    "seek_collaboration", "emphasize_autonomy", "give_information",
}  # fmt: skip
REFLECTIONS = {"simple_reflection", "complex_reflection"}
SMS_LIMIT = 320  # two SMS segments: every reply here stays within it
LONGEST_QUOTE = '"' + "x" * 67 + '..."'  # checkup_summary.quote shortens to this at most


def codes(variation: dict[str, Any]) -> list[str]:
    """A response's codes: one, or several in the order said."""
    found = variation["metadata"]["miti"]
    return found if isinstance(found, list) else [found]


def responses(name: str) -> dict[str, list[dict[str, Any]]]:
    domain: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / f"{name}.yml").read_text())
    found: dict[str, list[dict[str, Any]]] = domain["responses"]
    return found


ALL = [(n, r, v) for n in ("checkup", "rulers") for r, vs in responses(n).items() for v in vs]


@pytest.mark.parametrize(("domain", "response", "variation"), ALL)
def test_every_response_carries_its_mi_code(
    domain: str, response: str, variation: dict[str, Any]
) -> None:
    assert codes(variation), f"{domain}: {response}"
    assert set(codes(variation)) <= CODES, f"{domain}: {response}"


@pytest.mark.parametrize(("domain", "response", "variation"), ALL)
def test_every_response_fits_sms_with_the_longest_words_filled_in(
    domain: str, response: str, variation: dict[str, Any]
) -> None:
    values = {"supports": "meetings, your sponsor, a peer, your counselor and your medication"}
    values |= dict.fromkeys(("said", "went_well", "next_step"), LONGEST_QUOTE)
    values |= {"when": "in a few hours", "summary": "", "ruler_importance": "10"}
    values |= {"milestone": "12 months"}
    values |= {"ruler_lower": "7", "ruler_confidence": "10", "ruler_higher": "10"}

    assert len(variation["text"].format(**values)) <= SMS_LIMIT, f"{domain}: {response}"


@pytest.mark.parametrize("domain", ["checkup", "rulers"])
def test_reflections_come_in_several_variations(domain: str) -> None:
    for name, variations in responses(domain).items():
        if REFLECTIONS & set(codes(variations[0])):
            assert len(variations) >= 2, name


def language_of(variation: dict[str, Any]) -> str:
    """The language a variation is said in: its `checkup_language` condition, else English."""
    for condition in variation.get("condition", []):
        if condition["name"] == "checkup_language":
            return str(condition["value"])
    return "en"


def test_permission_offers_pause_never_a_bare_stop() -> None:
    pause = {"en": "pause", "es": "pausa"}
    for variation in responses("checkup")["utter_checkup_permission"]:
        assert variation["text"].endswith("?")
        assert pause[language_of(variation)] in re.findall(r"\w+", variation["text"])
        said = set(variation["text"].lower().split())
        assert not said & {"stop", "para", "parar", "alto"}  # carrier opt-out words


BLANKS = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize(("response", "variations"), responses("checkup").items())
def test_every_check_up_response_is_in_spanish_too_with_the_same_blanks(
    response: str, variations: list[dict[str, Any]]
) -> None:
    blanks = {lang: set() for lang in ("en", "es")}  # type: dict[str, set[str]]
    for variation in variations:
        blanks[language_of(variation)] |= set(BLANKS.findall(variation["text"]))
    spanish = [v for v in variations if language_of(v) == "es"]
    assert spanish, response
    assert blanks["es"] == blanks["en"], response


@pytest.mark.parametrize(("response", "variations"), responses("checkup").items())
def test_a_spanish_reflection_comes_in_several_variations(
    response: str, variations: list[dict[str, Any]]
) -> None:
    spanish = [v for v in variations if language_of(v) == "es" and "condition" in v]
    plain = [v for v in spanish if len(v["condition"]) == 1]  # not the re-ask
    if REFLECTIONS & set(codes(spanish[0])) and not response.startswith("utter_ask"):
        assert len(plain) >= 2, response


def test_check_up_and_check_in_are_kept_apart() -> None:
    def examples(name: str, intent: str) -> list[str]:
        data = yaml.safe_load((BOT_DIR / "data" / "nlu" / f"{name}.yml").read_text())
        block = next(i for i in data["nlu"] if i.get("intent") == intent)
        return [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]

    def says(example: str, word: str) -> bool:
        return f"check {word}" in example.replace("-", " ") or f"check{word}" in example

    assert not [e for e in examples("barc10", "barc10_start") if says(e, "up")]
    assert not [e for e in examples("checkup", "checkup_start") if says(e, "in")]
