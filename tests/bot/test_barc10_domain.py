"""The BARC-10 as the domain asks it: the ten items verbatim (Vilsaint et al., 2017), one per
message, each with the 1-6 scale, and nothing said about the staff-only cut-off."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from warmline.engine_env import BOT_DIR

ITEMS = [
    "There are more important things to me in life than using substances.",
    "In general I am happy with my life.",
    "I have enough energy to complete the tasks I set myself.",
    "I am proud of the community I live in and feel part of it.",
    "I get lots of support from friends.",
    "I regard my life as challenging and fulfilling without the need for using drugs or alcohol.",
    "My living space has helped to drive my recovery journey.",
    "I take full responsibility for my actions.",
    "I am happy dealing with a range of professional people.",
    "I am making good progress on my recovery journey.",
]
SCALE = (
    "1 strongly disagree, 2 disagree, 3 somewhat disagree, 4 somewhat agree, 5 agree, "
    "6 strongly agree"
)


def domain() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((BOT_DIR / "domain" / "barc10.yml").read_text())
    return loaded


@pytest.mark.parametrize(("number", "item"), list(enumerate(ITEMS, 1)))
def test_each_item_is_asked_verbatim_with_the_scale(number: int, item: str) -> None:
    first_ask, reask = sorted(
        domain()["responses"][f"utter_ask_barc10_q{number}"], key=lambda r: "condition" in r
    )

    assert first_ask["text"] == (
        f"{number} of 10: {item}\nReply 1-6 (1 = strongly disagree, 6 = strongly agree), or skip."
    )
    assert reask["condition"] == [{"type": "slot", "name": "barc10_reask", "value": True}]
    assert reask["text"].endswith(f"{SCALE}. Or say skip.\n{number} of 10: {item}")


def test_the_form_asks_the_ten_items_in_order() -> None:
    assert domain()["forms"]["barc10_form"]["required_slots"] == [
        f"barc10_q{n}" for n in range(1, 11)
    ]


def test_the_participant_never_hears_of_the_cut_off() -> None:
    texts = [
        variation["text"].lower()
        for variations in domain()["responses"].values()
        for variation in variations
    ]

    assert not [t for t in texts if "47" in t or "pass" in t.split() or "fail" in t]


def test_permission_is_asked_with_what_it_is_for() -> None:
    for variation in domain()["responses"]["utter_barc10_permission"]:
        assert variation["text"].endswith("?")
        assert "recovery" in variation["text"]
        assert "pause" in variation["text"]  # a bare "stop" would opt out of SMS altogether
