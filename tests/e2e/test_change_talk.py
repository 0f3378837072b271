"""Change talk and sustain talk people volunteer off the script, through the gateway with the
real engine and action server: each is said back with its content in the second person, never
quoted; someone not ready, or speaking up for how things are, is never led into the rulers; and
change talk given where a rating was asked is reflected, not read as a number."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from core.settings import Settings
from tests.support.system import chat
from warmline.engine_env import BOT_DIR
from warmline.supervisor import Supervisor

pytestmark = [pytest.mark.engine, pytest.mark.shared_system]


def responses() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in sorted((BOT_DIR / "domain").glob("*.yml")):
        found |= yaml.safe_load(path.read_text()).get("responses") or {}
    return found


RESPONSES = responses()


def texts(response: str, said: str = "") -> list[str]:
    filled = (str(v["text"]).replace("{said}", said) for v in RESPONSES[response])
    return [text[:1].upper() + text[1:] for text in filled]


def rulers_words() -> set[str]:
    """Every way the rulers are offered or asked for."""
    names = ("utter_rulers_permission", "utter_ask_ruler_importance", "utter_ask_ruler_confidence")
    return {str(v["text"]) for name in names for v in RESPONSES[name]}


def asked_plainly(response: str) -> list[str]:
    """A question's variations without the re-ask's "Sorry, I didn't catch that"."""
    return [str(v["text"]) for v in RESPONSES[response] if "condition" not in v]


def base_of(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.app_port}"


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        ("i dont think i have a problem", "not_ready", "you don't think you have a problem"),
        ("drinking is the only thing that helps me sleep", "sustain",
         "drinking is the only thing that helps you sleep"),
    ],
)  # fmt: skip
def test_not_ready_or_sustain_talk_is_reflected_and_never_led_into_the_rulers(
    system: Supervisor, system_settings: Settings, text: str, kind: str, said: str
) -> None:
    base = base_of(system_settings)
    person = f"pa-{kind}"  # the system is shared: each case texts as a person of its own
    chat(base, person, "hey")

    reflected, asked = chat(base, person, text)

    assert reflected in texts(f"utter_heard_{kind}", said)
    assert asked in texts(f"utter_heard_{kind}_ask")
    later = chat(base, person, "ok")
    assert not rulers_words() & set(later)


def test_change_talk_after_the_greeting_is_said_back_with_its_content(
    system: Supervisor, system_settings: Settings
) -> None:
    base = base_of(system_settings)
    chat(base, "ro", "hi")

    for text, kind, said in (
        ("because of my kids", "reason", "because of your kids"),
        ("I made it two weeks once", "done_before", "you made it two weeks once"),
        ("calling my sponsor more", "step", "calling your sponsor more"),
    ):
        reflected, asked = chat(base, "ro", text)
        assert reflected in texts(f"utter_heard_{kind}", said), text
        assert asked in texts(f"utter_heard_{kind}_ask"), text


def test_change_talk_during_the_rulers_is_reflected_and_never_read_as_a_rating(
    system: Supervisor, system_settings: Settings
) -> None:
    base = base_of(system_settings)
    chat(base, "su", "hi")
    chat(base, "su", "ive been thinking about cutting back on drinking")
    assert chat(base, "su", "yes")[0] in asked_plainly("utter_ask_ruler_importance")

    reflected, asked_again = chat(base, "su", "because of my kids")
    assert reflected in texts("utter_heard_reason", "because of your kids")
    assert asked_again in asked_plainly("utter_ask_ruler_importance")  # no "sorry"
    chat(base, "su", "8")
    assert chat(base, "su", "they need me")[-1] in asked_plainly("utter_ask_ruler_confidence")

    reflected, asked_again = chat(base, "su", "i made it two weeks once")
    assert reflected in texts("utter_heard_done_before", "you made it two weeks once")
    assert asked_again in asked_plainly("utter_ask_ruler_confidence")
    chat(base, "su", "5")
    reflected, close = chat(base, "su", "calling my sponsor more")
    assert reflected in texts("utter_heard_step", "calling your sponsor more")
    assert close in texts("utter_rulers_close")
