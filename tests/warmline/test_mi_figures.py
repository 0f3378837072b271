"""`warmline mi-figures`: the MITI codes read from a domain, test stories and action maps, and the
figures and targets computed from them, on small made-up bot projects; and the real bot's test
conversations meeting the targets."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.actions.miti import ActionsSay, Chosen, Run, Turn, tag
from warmline import cli
from warmline.engine_env import BOT_DIR
from warmline.mi_figures import figures, run
from warmline.mi_read import (
    Domain,
    Variation,
    codes_of,
    domain_said,
    load_actions,
    load_domain,
    stories_said,
)

REFLECT_THEN_ASK = {"miti": ["complex_reflection", "open_question"]}
REASK = [{"type": "slot", "name": "reask", "value": True}]


def reflect_answer(turn: Turn) -> tuple[Run, ...]:
    """A made-up validation: reflects an answer it read, says nothing to a re-ask or a skip."""
    answered = turn.set_now.get("q1") not in (None, "skip")
    return (("utter_reflect_ask",),) if answered else ((),)


RESPONSES: dict[str, Any] = {
    "utter_open": [{"text": "How are things?", "metadata": {"miti": "open_question"}}],
    "utter_closed": [{"text": "Any cravings?", "metadata": {"miti": "closed_question"}}],
    "utter_mixed": [
        {"text": "A question?", "metadata": {"miti": "open_question"}},
        {"text": "Yes or no?", "metadata": {"miti": "closed_question"}},
    ],
    "utter_reflect_ask": [{"text": "It's been hard. What helps?", "metadata": REFLECT_THEN_ASK}],
    "utter_ask_q1": [
        {"text": "Sorry? 1 of 2?", "metadata": {"miti": "open_question"}, "condition": REASK},
        {"text": "1 of 2?", "metadata": {"miti": "closed_question"}},
    ],
    "utter_ask_item": [{"text": "Item 1 of 10.", "metadata": {"miti": "instrument_item"}}],
    "utter_ask_q2": [{"text": "2 of 2?", "metadata": {"miti": "closed_question"}}],
    "utter_default": [{"text": "Say more?", "metadata": {"miti": "open_question"}}],
}
ACTIONS: ActionsSay = {
    "action_greet": ((tag("give_information", "open_question"),), (tag("open_question"),)),
    "action_maybe": ((), (tag("simple_reflection"),)),
    "action_says_response": (("utter_open", "utter_reflect_ask"),),
    "action_silent": (),
    "validate_q_form": Chosen(((), ("utter_reflect_ask",)), reflect_answer),
    "action_by_slot": Chosen(
        ((tag("affirm"),), (tag("open_question"),)),
        lambda turn: ((tag("affirm"),),) if turn.slots.get("done") else ((tag("open_question"),),),
    ),
    "action_out_of_date": Chosen(((tag("affirm"),),), lambda turn: ((tag("confront"),),)),
}


def write_bot(root: Path, responses: dict[str, Any], steps: list[dict[str, Any]]) -> Path:
    (root / "domain").mkdir(parents=True)
    (root / "tests").mkdir()
    forms = {"q_form": {"required_slots": ["q1", "q2"]}, "i_form": {"required_slots": ["item"]}}
    domain = {"responses": responses, "forms": forms}
    (root / "domain" / "core.yml").write_text(yaml.safe_dump(domain))
    stories = {"stories": [{"story": "made up", "steps": steps}]}
    (root / "tests" / "test_stories.yml").write_text(yaml.safe_dump(stories))
    return root


@pytest.mark.parametrize(
    ("metadata", "codes"),
    [
        ({"miti": "affirm"}, ("affirm",)),
        (
            {"miti": ["complex_reflection", "open_question"]},
            ("complex_reflection", "open_question"),
        ),
        ({"miti": "confront"}, ("confront",)),
        ({"miti": "open-question"}, None),  # not a MITI code: as good as untagged
        ({"miti": []}, None),
        ({"other": 1}, None),
        (None, None),
    ],
)
def test_codes_are_read_from_metadata(metadata: object, codes: tuple[str, ...] | None) -> None:
    assert codes_of(metadata) == codes


FORM = {"action": "q_form"}
ANSWER = {"intent": "answer", "user": "an answer"}


def asked(*slots: str | None) -> list[dict[str, Any]]:
    return [{"slot_was_set": [{"requested_slot": slot}]} for slot in slots]


@pytest.mark.parametrize(
    ("steps", "open_q", "closed_q", "reflections", "untagged"),
    [
        ([{"action": "utter_open"}, {"action": "utter_closed"}], 1, 1, 0, 0),
        ([{"action": "utter_mixed"}], 0.5, 0.5, 0, 0),  # variations share one message
        ([{"action": "utter_reflect_ask"}], 1, 0, 1, 0),  # a list of codes counts each
        ([{"action": "action_greet"}], 1, 0, 0, 0),
        ([{"action": "action_maybe"}], 0, 0, 0.5, 0),  # a run that says nothing weighs too
        ([{"action": "action_says_response"}], 2, 0, 1, 0),
        ([{"action": "action_silent"}, {"action": "action_listen"}], 0, 0, 0, 0),
        ([{"action": "action_default_fallback"}], 1, 0, 0, 0),
        ([{"action": "action_unknown"}, {"action": "utter_missing"}], 0, 0, 0, 2),
        # A form asks each slot it requests, again when the story requests none (a re-ask),
        # and nothing once it ends.
        ([FORM, {"active_loop": "q_form"}, *asked("q1")], 0, 1, 0, 0),
        ([FORM, *asked("q1"), FORM, *asked("q2")], 0, 2, 0, 0),
        ([FORM, *asked("q1"), {"action": "utter_open"}, FORM], 1, 2, 0, 0),
        ([FORM, *asked("q2"), FORM, *asked(None)], 0, 1, 0, 0),
        ([FORM, *asked("q2"), FORM, {"active_loop": None}], 0, 1, 0, 0),
        # The conditional variation only when its slot holds, as Rasa picks them.
        ([FORM, *asked("q1"), ANSWER, FORM, {"slot_was_set": [{"reask": True}]}], 1, 1, 0, 0),
        # A form step that answers a message says its validation's reply, then asks.
        (
            [FORM, *asked("q1"), ANSWER, FORM, {"slot_was_set": [{"q1": "x"}]}, *asked("q2")],
            1,
            2,
            1,
            0,
        ),
        (
            [FORM, *asked("q1"), ANSWER, FORM, {"slot_was_set": [{"q1": "skip"}]}, *asked("q2")],
            0,
            2,
            0,
            0,
        ),
        # A `Chosen` action picks from the slots the story has set, its own included.
        ([{"action": "action_by_slot"}, {"slot_was_set": [{"done": True}]}], 0, 0, 0, 0),
        ([{"action": "action_by_slot"}], 1, 0, 0, 0),
        ([{"action": "action_out_of_date"}], 0, 0, 0, 1),  # picks what its map lacks
    ],
)
def test_story_steps_are_counted(
    tmp_path: Path,
    steps: list[dict[str, Any]],
    open_q: float,
    closed_q: float,
    reflections: float,
    untagged: int,
) -> None:
    bot = write_bot(tmp_path, RESPONSES, [{"intent": "greet", "user": "hi"}, *steps])
    said = stories_said(sorted((bot / "tests").glob("*.yml")), load_domain(bot / "domain"), ACTIONS)

    found = figures(said)

    assert (found.open_questions, found.closed_questions, found.reflections) == pytest.approx(
        (open_q, closed_q, reflections)
    )
    assert len(found.untagged) == untagged


def test_targets_met_exit_zero(tmp_path: Path) -> None:
    bot = write_bot(tmp_path, RESPONSES, [{"action": "utter_reflect_ask"}])
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 0
    conversations, whole_domain = out.getvalue().split("whole domain")
    assert "MISSED" not in conversations
    assert "MISSED" in whole_domain  # for information: the domain's ratios never decide


def test_too_few_open_questions_or_reflections_fail(tmp_path: Path) -> None:
    bot = write_bot(
        tmp_path, RESPONSES, [{"action": "utter_reflect_ask"}, {"action": "utter_closed"}]
    )
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 1
    assert "1 of 2 = 50.0%" in out.getvalue()
    assert "1 : 2 = 0.50:1" in out.getvalue()


def test_exactly_70_percent_open_and_one_reflection_per_question_meet_the_targets(
    tmp_path: Path,
) -> None:
    """The issue's targets are "open questions >= 70%" and "reflections to questions >= 1:1":
    the boundary itself is met, and the bound is printed as the issue words it."""
    responses = {
        **RESPONSES,
        "utter_reflect": [{"text": "So it's hard.", "metadata": {"miti": "simple_reflection"}}],
    }
    steps = [{"action": "utter_reflect_ask"}] * 7 + [{"action": "utter_closed"}] * 3
    bot = write_bot(tmp_path, responses, [*steps, *[{"action": "utter_reflect"}] * 3])
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 0
    conversations = out.getvalue().split("whole domain")[0]
    assert "7 of 10 = 70.0%" in conversations
    assert "10 : 10 = 1.00:1" in conversations
    assert "(target >= 70%) met" in conversations
    assert "(target >= 1:1) met" in conversations


def test_just_under_70_percent_open_misses(tmp_path: Path) -> None:
    responses = {
        **RESPONSES,
        "utter_reflect": [{"text": "So it's hard.", "metadata": {"miti": "simple_reflection"}}],
    }
    steps = [{"action": "utter_reflect_ask"}] * 16 + [{"action": "utter_closed"}] * 7
    bot = write_bot(tmp_path, responses, [*steps, *[{"action": "utter_reflect"}] * 7])
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 1
    conversations = out.getvalue().split("whole domain")[0]
    assert "16 of 23 = 69.6% (target >= 70%) MISSED" in " ".join(conversations.split())
    assert "(target >= 1:1) met" in conversations


def test_an_untagged_response_is_reported_and_fails(tmp_path: Path) -> None:
    responses = {**RESPONSES, "utter_plain": [{"text": "Hello."}]}
    bot = write_bot(tmp_path, responses, [{"action": "utter_reflect_ask"}])
    out = io.StringIO()

    # Never said in a story, but every response in the domain must carry a code.
    assert run(out, bot, ACTIONS) == 1
    assert "untagged: utter_plain, 1 message" in out.getvalue()


def test_an_unmapped_custom_action_in_a_story_is_untagged(tmp_path: Path) -> None:
    bot = write_bot(tmp_path, RESPONSES, [{"action": "utter_reflect_ask"}, {"action": "action_x"}])
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 1
    assert "untagged: action_x (no MITI entry), 1 message" in out.getvalue()


@pytest.mark.parametrize("code", ["confront", "persuade"])
def test_a_non_adherent_code_fails(tmp_path: Path, code: str) -> None:
    responses = {**RESPONSES, "utter_push": [{"text": "You must.", "metadata": {"miti": code}}]}
    bot = write_bot(tmp_path, responses, [{"action": "utter_reflect_ask"}])
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 1
    assert "non-adherent: utter_push, 1 message" in out.getvalue()


def test_a_non_adherent_action_text_fails(tmp_path: Path) -> None:
    actions: ActionsSay = {**ACTIONS, "action_push": ((tag("persuade"),),)}
    bot = write_bot(tmp_path, RESPONSES, [{"action": "utter_reflect_ask"}])

    assert run(io.StringIO(), bot, actions) == 1


def test_domain_loads_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"responses": {"utter_a": [{"text": "x"}]}}))
    (tmp_path / "b.yml").write_text(yaml.safe_dump({"forms": {"f": {}}, "responses": None}))

    assert load_domain(tmp_path) == Domain({"utter_a": [Variation(None)]}, frozenset({"f"}))


def test_instrument_items_are_reported_apart_never_as_questions(tmp_path: Path) -> None:
    steps = [{"action": "utter_reflect_ask"}, {"action": "i_form"}, *asked("item")]
    bot = write_bot(tmp_path, RESPONSES, steps)
    out = io.StringIO()

    assert run(out, bot, ACTIONS) == 0
    conversations = out.getvalue().split("whole domain")[0]
    assert "1 of 1 = 100.0%" in conversations  # the item is not a closed question
    assert re.search(r"instrument items \(BARC-10\), apart\s+1 ", conversations)


def test_the_real_bot_meets_the_targets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Wired into `warmline`, and the gate: over the test conversations, open questions at
    least 70% of questions, reflections at least as many as questions, nothing untagged or
    non-adherent (`make test` runs the command too, to print the figures)."""
    monkeypatch.chdir(tmp_path)  # no developer .env read

    code = cli.main(["mi-figures"])

    printed = capsys.readouterr().out
    conversations = printed.split("whole domain")[0]
    assert "MISSED" not in conversations, printed
    assert code == 0, printed
    assert re.search(r"instrument items \(BARC-10\), apart\s+[1-9]", conversations)


def test_every_action_in_the_real_test_stories_says_what_its_map_declares() -> None:
    """A `Chosen` action that picks a run its map lacks is reported untagged: none does."""
    said = stories_said(
        sorted((BOT_DIR / "tests").glob("*.yml")), load_domain(BOT_DIR / "domain"), load_actions()
    )

    assert not [s.where for s in said if s.codes is None]


def test_every_response_in_the_real_domain_is_tagged() -> None:
    found = figures(domain_said(load_domain(BOT_DIR / "domain"), load_actions()))

    assert dict(found.untagged) == {}
    assert dict(found.non_adherent) == {}
