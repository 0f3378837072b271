"""The resource actions: the offer asks permission and remembers what was asked; showing sends
at most three options; "more" pages on and says when the list is done."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import resources
from bot.actions.medication import medication_information
from bot.actions.resources import (
    ALL_SHOWN,
    NOTHING,
    PERMISSION,
    WHERE_HINT,
    ActionResourcesDeclined,
    ActionResourcesMore,
    ActionResourcesOffer,
    ActionResourcesShow,
)
from bot.actions.resources_catalog import parse_catalog
from bot.actions.resources_select import MAX_MESSAGE, MORE_HINT

Slots = dict[str, Any]


def tracker(text: str, slots: Slots | None = None, intent: str = "ask_resources") -> Tracker:
    message = {"text": text, "intent": {"name": intent}}
    return Tracker("participant-1", slots or {}, message, [], False, None, {}, "")


def run(
    action: Any, text: str, slots: Slots | None = None, intent: str = "ask_resources"
) -> tuple[list[dict[str, Any]], Slots]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker(text, slots, intent), {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_the_offer_names_what_was_asked_and_asks_permission() -> None:
    (message,), slots = run(ActionResourcesOffer(), "any na meetings in ohio?")

    assert message["response"] == "utter_resources_permission"
    assert (message["what"], message["where_hint"]) == ("meetings in Ohio", "")
    assert slots == {
        "resource_topic": "meetings",
        "resource_location": "OH",
        "resource_offset": None,
    }


def test_asked_again_right_after_the_offer_the_options_are_shown_not_offered_twice() -> None:
    """c27 of the 2027-03 conversations got the same offer twice running."""
    offered = {"event": "bot", "text": "...", "metadata": {"utter_action": PERMISSION}}
    message = {"text": "is there like a na meeting in ohio", "intent": {"name": "ask_resources"}}
    after_offer = Tracker("participant-1", {}, message, [offered], False, None, {}, "")
    dispatcher = CollectingDispatcher()

    ActionResourcesOffer().run(dispatcher, after_offer, {})

    (shown,) = dispatcher.messages
    assert shown.get("response") != PERMISSION
    assert shown["text"].startswith("A few options for meetings")


def test_a_question_about_cost_gets_how_to_pay_then_the_offer() -> None:
    messages, _ = run(ActionResourcesOffer(), "how much does suboxone cost, i got no insurance")

    assert [m["response"] for m in messages] == ["utter_treatment_cost", PERMISSION]


def test_a_question_about_naloxone_itself_gets_what_it_is_then_the_offer() -> None:
    """c15 of the 2027-04 conversations: "Should we be keeping narcan in the house? I don't know
    the first thing about it" got "I'm still not getting it"."""
    messages, _ = run(ActionResourcesOffer(), "Should we be keeping narcan in the house?")
    assert [m["response"] for m in messages] == ["utter_naloxone", PERMISSION]

    (only,), _ = run(ActionResourcesOffer(), "where can i get narcan")
    assert only["response"] == PERMISSION


def test_the_list_just_shown_is_not_shown_again() -> None:
    """c33 of the 2027-04 conversations: "Got it. I'll send her that" got the same list twice."""
    (shown,), _ = run(ActionResourcesShow(), "yes", {"resource_topic": "family"}, "affirm")
    listed = {"event": "bot", "text": shown["text"], "metadata": {}}
    message = {"text": "Got it. I'll send her that", "intent": {"name": "affirm"}}
    after = Tracker("participant-1", {"resource_topic": "family"}, message, [listed], False, None,
                    {}, "")  # fmt: skip
    dispatcher = CollectingDispatcher()

    ActionResourcesShow().run(dispatcher, after, {})

    assert [m.get("response") for m in dispatcher.messages] == ["utter_resources_enough"]


def test_with_no_local_entries_the_offer_does_not_ask_where() -> None:
    (message,), slots = run(ActionResourcesOffer(), "resources")

    assert (message["what"], message["where_hint"]) == ("support", "")
    assert slots["resource_topic"] is None


def test_with_local_entries_the_offer_asks_where(monkeypatch: pytest.MonkeyPatch) -> None:
    local = """version: 1
resources:
  - {id: oh, name: Ohio center, contact: 1-555-0100, kinds: [emotional], topics: [meetings],
     states: [OH]}
"""
    monkeypatch.setattr(resources, "default_catalog", lambda: parse_catalog(local))

    (asked,), _ = run(ActionResourcesOffer(), "any meetings")
    (placed,), _ = run(ActionResourcesOffer(), "any meetings in ohio")

    assert asked["where_hint"] == WHERE_HINT
    assert placed["where_hint"] == ""


def test_yes_shows_three_options_for_what_was_asked() -> None:
    slots = {"resource_topic": "meetings", "resource_location": "OH"}
    (message,), remembered = run(ActionResourcesShow(), "ya please", slots)

    lines = message["text"].splitlines()
    assert lines[0] == "A few options for meetings:"
    assert [line[:2] for line in lines[1:4]] == ["1.", "2.", "3."]
    assert lines[-1] == MORE_HINT
    assert len(message["text"]) <= MAX_MESSAGE
    assert message["metadata"] == {"miti": "give_information"}
    assert remembered == {
        "resource_topic": "meetings",
        "resource_location": "OH",
        "resource_offset": 3,
    }


def test_a_place_as_the_answer_is_remembered() -> None:
    _, slots = run(ActionResourcesShow(), "43215", {"resource_topic": "harm_reduction"})

    assert slots["resource_location"] == "OH 43215"
    assert slots["resource_offset"] == -1  # three harm-reduction options: all shown


def test_more_pages_on_then_says_the_list_is_done() -> None:
    slots: Slots = {"resource_topic": "meetings", "resource_offset": 3.0}

    (second,), slots = run(ActionResourcesMore(), "more", slots)
    (done,), after = run(ActionResourcesMore(), "more", slots)

    assert second["text"].startswith("More options for meetings:")
    assert "Recovery Dharma" in second["text"]
    assert slots["resource_offset"] == -1
    assert done["text"] == ALL_SHOWN.format(subject="meetings")
    assert after["resource_offset"] == -1


def test_more_with_nothing_shown_yet_starts_at_the_top() -> None:
    (message,), slots = run(ActionResourcesMore(), "more")

    assert message["text"].startswith("A few options for support:")
    assert slots["resource_offset"] == 3


def test_more_for_another_topic_starts_a_new_list() -> None:
    slots = {"resource_topic": "meetings", "resource_offset": -1.0}
    (message,), remembered = run(ActionResourcesMore(), "more for housing", slots)

    assert message["text"].startswith("A few options for housing:")
    assert remembered["resource_topic"] == "housing"


def test_a_topic_the_catalog_lacks_points_to_211(monkeypatch: pytest.MonkeyPatch) -> None:
    only_aa = """version: 1
resources:
  - {id: aa, name: AA, contact: aa.org, kinds: [affiliational], topics: [meetings]}
"""
    monkeypatch.setattr(resources, "default_catalog", lambda: parse_catalog(only_aa))

    (message,), _ = run(ActionResourcesShow(), "i need a lawyer")

    assert message["text"] == NOTHING


def test_a_place_as_the_answer_is_used() -> None:
    (message,), slots = run(ActionResourcesShow(), "kentucky", intent="inform_location")

    assert message["text"].startswith("A few options for support:")
    assert slots["resource_location"] == "KY"


@pytest.mark.parametrize("text", ["im in chillicothe", "im in columbus", "hmmm zzz"])
def test_a_place_that_cannot_be_placed_asks_for_the_state_or_zip(text: str) -> None:
    (message,), slots = run(ActionResourcesShow(), text, intent="inform_location")

    assert message["response"] == "utter_resources_ask_place"
    assert slots == {}


@pytest.mark.parametrize(
    ("text", "information"),
    [
        ("whats suboxone and how do i get on it, im in ohio", "utter_medication_buprenorphine"),
        ("how does methadone work", "utter_medication_methadone"),
        ("is vivitrol an opioid?", "utter_medication_naltrexone"),
        ("what is mat", "utter_medication_overview"),
        ("suboxone or methadone, whats the difference", "utter_medication_overview"),
        ("what meds help with alcohol cravings", "utter_medication_alcohol"),
    ],
)
def test_a_question_about_a_medication_is_answered_before_places_are_offered(
    text: str, information: str
) -> None:
    (answer, offer), slots = run(ActionResourcesOffer(), text)

    assert answer["response"] == information
    assert offer["response"] == "utter_resources_permission"
    assert slots["resource_topic"] == "medication"


def test_the_answer_about_suboxone_offers_places_in_the_state_named() -> None:
    (_, offer), slots = run(
        ActionResourcesOffer(), "whats suboxone and how do i get on it, im in ohio"
    )

    assert offer["what"] == "medication for recovery in Ohio"
    assert slots["resource_location"] == "OH"


@pytest.mark.parametrize("text", ["where can i get suboxone", "any methadone clinics near me"])
def test_asking_only_where_gets_only_the_offer_of_places(text: str) -> None:
    (offer,), _ = run(ActionResourcesOffer(), text)

    assert offer["response"] == "utter_resources_permission"


def test_the_worry_about_medication_is_answered_with_no_offer_of_places_on_top() -> None:
    (answer,), slots = run(
        ActionResourcesOffer(), "isnt suboxone just trading one drug for another"
    )

    assert answer["response"] == "utter_medication_worry"
    assert slots["resource_topic"] == "medication"


def test_a_no_that_names_where_they_are_shares_the_options_there() -> None:
    """d12 of the sealed 2027-05 conversations (read once): "72204. i can drive in the day not
    at night" was read as a no for its "not"."""
    text = "72204. i can drive in the day not at night"
    (message,), slots = run(ActionResourcesDeclined(), text, {"resource_topic": "meetings"}, "deny")

    assert message["text"].startswith("A few options for meetings")
    assert slots["resource_location"] == "AR 72204"


def test_a_plain_no_to_the_offer_is_left_with_the_person() -> None:
    (message,), slots = run(ActionResourcesDeclined(), "nah im good", {}, "deny")

    assert (message["response"], slots) == ("utter_resources_declined", {})


def test_the_same_leaflet_is_never_said_twice_running() -> None:
    """e23 of the sealed 2027-08 conversations (read once): "What does naltrexone actually do
    then?" got naltrexone's leaflet word for word a second time."""
    leaflet = "Naltrexone blocks the effects of opioids."
    domain = {"responses": {"utter_medication_naltrexone": [{"text": leaflet}]}}
    said = {"event": "bot", "text": leaflet, "metadata": {}}
    message = {
        "text": "What does naltrexone actually do then?",
        "intent": {"name": "ask_resources"},
    }
    after = Tracker("participant-1", {}, message, [said], False, None, {}, "")
    dispatcher = CollectingDispatcher()

    ActionResourcesOffer().run(dispatcher, after, domain)

    assert [m.get("response") for m in dispatcher.messages] == [PERMISSION]


def test_the_pill_that_makes_you_sick_if_you_drink_gets_the_alcohol_answer_naming_it() -> None:
    assert medication_information("Is naltrexone the pill that makes you sick if you drink?") == (
        "utter_medication_alcohol"
    )
