"""The state survives storage and old versions; the YAML a clinician edits is checked at load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from escalation.companion import follow_up
from escalation.companion.paraphrase import LONGEST, second_person
from escalation.companion.texts import COMPANION, COMPANION_PATH, load_companion
from tests.escalation.companion.conftest import NONE, OVERDOSE, SUICIDAL, WAIT, Conversation


@pytest.mark.parametrize(
    "state",
    [
        None,
        {},
        {"unknown": 1},
        {"mode": "dancing"},
        {"mode": "plan", "turns": "many", "asked": 7, "walk": "all", "answers": [1], "sent": None},
        {"mode": "overdose", "naloxone": ["x"], "called": "yes", "breathing": 1},
        {"mode": "plan", "asked": "recall", "walk": ["coping", "not-a-section", 3]},
        {"mode": "done", "turns": -4, "wording": True},
    ],
)
def test_any_state_gives_a_sensible_reply(state: dict[str, Any] | None) -> None:
    turn = follow_up("ok", NONE, state, language="en", plan=(), previous_reply=None, wait=WAIT)

    assert (bool(turn.texts), "988" in " ".join(turn.texts) or "911" in " ".join(turn.texts)) == (
        True,
        True,
    )
    assert json.loads(json.dumps(turn.state)) == turn.state


def test_an_escalation_opened_before_the_companion_talks_about_the_overdose_it_hears() -> None:
    turn = follow_up(
        "he's not breathing", OVERDOSE, None, language="en", plan=(), previous_reply=None, wait=WAIT
    )

    assert (turn.state["mode"], "911" in " ".join(turn.texts)) == ("overdose", True)


def test_an_escalation_opened_before_the_companion_starts_the_plan_gently() -> None:
    turn = follow_up(
        "still here", NONE, None, language="en", plan=(), previous_reply=None, wait=WAIT
    )

    assert (turn.state["mode"], turn.state["asked"], turn.plan_line) == (
        "plan",
        "warning-signs",
        None,
    )


def test_every_turn_of_a_conversation_is_json_and_has_988_or_911() -> None:
    conversation = Conversation()
    conversation.open(SUICIDAL)
    for message in ("hmm", "idk", "my mom", "?", "im safe", "ok", "thanks"):
        conversation.say(message)

    assert all("988" in " ".join(t.texts) or "911" in " ".join(t.texts) for t in conversation.turns)
    assert all(json.loads(json.dumps(t.state)) == t.state for t in conversation.turns)


def test_every_step_in_the_yaml_has_a_source_and_both_languages() -> None:
    raw = yaml.safe_load(COMPANION_PATH.read_text(encoding="utf-8"))

    incomplete = [
        key
        for key, step in raw["texts"].items()
        if not (step.get("source") in raw["sources"] and step.get("en") and step.get("es"))
    ]

    assert incomplete == []
    assert set(raw["texts"]) == set(COMPANION.texts)


def test_every_phrase_list_has_both_languages() -> None:
    assert [name for name, p in COMPANION.phrases.items() if not (p.en and p.es)] == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda raw: raw["texts"]["od.open.call"].pop("es"), "es"),
        (lambda raw: raw["texts"]["od.open.call"].update(source="a blog"), "unknown source"),
        (lambda raw: raw["texts"]["od.open.peer"].update(es=["sin espera"]), "placeholders"),
        (lambda raw: raw["phrases"]["skip"].update(en=[True]), "string"),
    ],
)
def test_a_broken_yaml_fails_loudly_at_load(change: Any, where: str, tmp_path: Path) -> None:
    raw = yaml.safe_load(COMPANION_PATH.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "companion.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")

    with pytest.raises(ValidationError, match=where):
        load_companion(path)


@pytest.mark.parametrize(
    ("said", "language", "expected"),
    [
        ("my brother Mike", "en", "your brother Mike"),
        ("My sister", "en", "your sister"),
        ("I call my mom and she calms me down", "en", "you call your mom and she calms you down"),
        ("I'm with my kids", "en", "you're with your kids"),
        ("i am tired and i was alone", "en", "you are tired and you were alone"),
        ('"Walking my dog."', "en", "walking your dog"),
        ("mi hermana me escucha", "es", "tu hermana te escucha"),
        ("yo rezo con mi mamá", "es", "tú rezas con tu mamá"),
        ("cuando me encierro y no contesto", "es", "cuando te encierras y no contestas"),
    ],
)
def test_answers_are_paraphrased_to_second_person(said: str, language: str, expected: str) -> None:
    assert second_person(said, language) == expected


def test_a_long_answer_is_shortened_where_a_clause_ends() -> None:
    said = "my brother Mike, " + "who always picks up the phone when I call him late " * 5

    shortened = second_person(said, "en")

    assert shortened == "your brother Mike"


def test_a_long_answer_without_clauses_is_shortened_where_a_word_ends() -> None:
    shortened = second_person("walking " * 40, "en")

    assert (len(shortened) <= LONGEST, shortened.endswith("walking")) == (True, True)


def test_every_step_a_long_answer_can_be_filed_under_has_its_own_words() -> None:
    # t04 of the 2027-08 tune conversations: a long answer filed under people to ask found no
    # words for it, the companion raised, and the person got no reply at all.
    from escalation.companion.crisis import _HEARD_AS

    for _, section, _ in _HEARD_AS:
        step = COMPANION.texts[f"plan.noted.{section}"]
        assert step.en, section
        assert step.es, section


def test_a_long_answer_naming_someone_while_asked_for_warning_signs_gets_a_reply() -> None:
    talk = Conversation()
    talk.open(SUICIDAL)

    turn = talk.say("my sister lives off mcdowell like 10 min away. shes probably asleep tho")

    assert turn.texts
