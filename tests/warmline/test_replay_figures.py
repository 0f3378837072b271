"""The replay's figures, computed from transcripts recorded by hand against a small made-up
catalog of texts: the generic fallback share, repeats, MITI codes from the text each reply was
said from, unmapped replies, the gateway's uncoded texts, and what each `expect` got."""

from __future__ import annotations

import json

from warmline.replay_catalog import Catalog, Known, Template
from warmline.replay_figures import Figures, Identifier, figures
from warmline.replay_known import CRISIS_COMPANION
from warmline.replay_render import as_json, table
from warmline.replay_transcript import Exchange, Recorded

CLARIFY = "I'm not sure I followed. What do you mean?"
OUT_OF_SCOPE = "That's outside what I can help with. What would help today?"
FEELING_LOW = "Sounds like a hard day. What's been weighing on you?"
RULER = "From 0 to 10, how important is this change for you?"
ITEM = "1 of 10: There are more important things to me in life than using substances."
CONFRONT = "You need to stop making excuses."
STOP = "You're unsubscribed from Warmline and won't get more messages."
SPANISH = "Hay ayuda en español a cualquier hora."
GLAD, LIFELINE = "I'm really glad you told me.", "Call or text 988 any time."

CATALOG = Catalog(
    [
        Template(Known("utter_fallback_clarify", ("open_question",)), CLARIFY),
        Template(Known("utter_out_of_scope", ("open_question",)), OUT_OF_SCOPE),
        Template(
            Known(
                "utter_feeling_low", ("simple_reflection", "complex_reflection", "open_question")
            ),
            FEELING_LOW,
        ),
        Template(Known("utter_ask_ruler", ("closed_question",)), RULER),
        Template(Known("utter_ask_barc10_q1", ("instrument_item",)), ITEM),
        Template(
            Known("utter_milestone", ("affirm", "complex_reflection", "open_question")),
            "{milestone} - that's a big deal. What has helped you most?",
        ),
        Template(Known("utter_anything", ("give_information",)), "{anything}"),
        Template(Known("utter_push", ("confront",)), CONFRONT),
        Template(Known("utter_untagged", None), "A response someone forgot to code."),
        Template(Known("gateway: STOP confirmation", None), STOP.replace("Warmline", "{program}")),
        Template(Known("utter_spanish_available", ("give_information",), "es"), SPANISH),
    ],
    joined=[Template(Known(CRISIS_COMPANION, None), text) for text in (GLAD, LIFELINE)],
)


def person(text: str, *replies: str, expect: str = "other") -> Exchange:
    return Exchange("person", text, expect, replies)


def conversation(*exchanges: Exchange, name: str = "c1") -> Recorded:
    return Recorded(name, "someone", "person", exchanges)


def found(*recorded: Recorded, catalog: Catalog = CATALOG) -> Figures:
    return figures(list(recorded), catalog)


def target(found: Figures, name: str) -> tuple[str, bool]:
    (chosen,) = [t for t in found.targets if t.name.startswith(name)]
    return chosen.value, chosen.met


def test_a_turn_answered_only_by_misses_is_a_generic_fallback() -> None:
    result = found(
        conversation(
            person("asdf", CLARIFY),
            person("meh", FEELING_LOW),
            person("whats the weather", OUT_OF_SCOPE),
            person("hmm", FEELING_LOW, CLARIFY),  # a reflection too: not only a miss
        )
    )
    assert result.fallbacks.generic_only == ["c1 turn 1", "c1 turn 3"]
    assert result.fallbacks.by_response == {"utter_fallback_clarify": 1, "utter_out_of_scope": 1}
    assert target(result, "generic fallback share") == ("2 of 4 = 50.0%", False)


def test_one_generic_turn_in_twenty_meets_the_five_percent_target() -> None:
    turns = [
        person("asdf", CLARIFY),
        *(person(f"turn {n}", FEELING_LOW + f" {n}") for n in range(19)),
    ]
    assert target(found(conversation(*turns)), "generic fallback share") == ("1 of 20 = 5.0%", True)


def test_a_turn_with_no_reply_is_counted_apart_not_as_a_miss() -> None:
    result = found(conversation(person("STOP", STOP), person("hello?")))
    assert (result.fallbacks.no_reply, result.fallbacks.generic_only) == (["c1 turn 2"], [])


def test_a_reply_identical_to_the_one_before_it_is_a_repeat() -> None:
    result = found(
        conversation(
            person("asdf", CLARIFY),
            person("qwer", CLARIFY),  # the same words again
            person("zxcv", FEELING_LOW, CLARIFY),  # said before, but not just before: no repeat
            person("uiop", CLARIFY),
        ),
        conversation(person("asdf", CLARIFY), name="c2"),  # another person: no repeat
    )
    assert (result.repeats.where, result.repeats.longest_run) == (["c1 turn 2", "c1 turn 4"], 2)
    assert target(result, "replies identical") == ("2", False)


def test_miti_codes_are_those_of_the_text_each_reply_was_said_from() -> None:
    result = found(
        conversation(
            person("not great", FEELING_LOW),
            person("i want to cut back", RULER),
            person("ok", ITEM),
        )
    )
    coded = result.miti.counted
    assert (coded.open_questions, coded.closed_questions, coded.reflections) == (1, 1, 2)
    assert coded.instrument_items == 1  # apart: not one of the assistant's own questions
    assert target(result, "open questions") == ("1 of 2 = 50.0%", False)
    assert target(result, "reflections to questions") == ("2 : 2 = 1.00:1", True)


def test_a_blank_matches_what_filled_it_and_the_most_specific_text_wins() -> None:
    identify = Identifier(CATALOG)
    milestone = identify("Six months - that's a big deal. What has helped you most?")
    anything = identify("A text nobody wrote as such.")  # only "{anything}" matches it
    assert [milestone, anything] == [
        Known("utter_milestone", ("affirm", "complex_reflection", "open_question")),
        Known("utter_anything", ("give_information",)),
    ]


def test_a_reply_no_text_matches_is_unmapped_listed_and_not_coded() -> None:
    strict = Catalog([Template(Known("utter_ask_ruler", ("closed_question",)), RULER)])
    result = found(conversation(person("hi", "Something nobody wrote.", RULER)), catalog=strict)
    assert result.miti.unmapped == ["Something nobody wrote."]
    assert result.miti.counted.messages == 1


def test_the_gateways_texts_and_untagged_responses_are_counted_apart() -> None:
    result = found(
        conversation(
            person("i dont want to be here", f"{GLAD} {LIFELINE}", expect="crisis"),
            person("hm", "A response someone forgot to code."),
            person("stop texting me", STOP, expect="opt_out"),
        )
    )
    assert result.miti.gateway_uncoded == {
        CRISIS_COMPANION: 1,
        "gateway: STOP confirmation": 1,
    }
    assert dict(result.miti.counted.untagged) == {"c1 turn 2 reply 1": "utter_untagged"}


def test_an_mi_non_adherent_reply_misses_its_target() -> None:
    result = found(conversation(person("i had a drink", CONFRONT)))
    assert target(result, "MI-non-adherent") == ("1", False)


def test_each_expect_says_what_its_turns_got() -> None:
    result = found(
        conversation(
            person("no quiero vivir", f"{GLAD} {LIFELINE}", expect="crisis"),
            person("i cant do this", f"{GLAD} Something else.", expect="crisis"),
            person("stop texting me", STOP, expect="opt_out"),
            person("hola necesito ayuda", SPANISH, expect="spanish"),
            person("si por favor", CLARIFY, expect="spanish"),
            person("not great", FEELING_LOW, expect="reflect_feeling"),
        )
    )
    rows = result.by_expect
    assert (rows["crisis"].outcome, rows["crisis"].outcome_turns) == ("got the crisis companion", 1)
    assert (rows["opt_out"].outcome, rows["opt_out"].outcome_turns) == ("opted out", 1)
    assert (rows["spanish"].turns, rows["spanish"].outcome_turns) == (2, 1)
    assert (rows["spanish"].generic_only, rows["reflect_feeling"].got["reflection"]) == (1, 1)
    assert rows["reflect_feeling"].outcome is None


def test_the_report_prints_every_target_and_writes_every_transcript() -> None:
    recorded = [
        Recorded(
            "c1",
            "someone",
            "checkup",
            (Exchange("opening", "", None, (RULER,)), person("7", "Nobody wrote this.")),
        )
    ]
    result = figures(recorded, CATALOG)
    printed = table(result, "Replay", "the assistant")
    assert all(t.name in printed for t in result.targets)
    assert "Nobody wrote this." not in printed  # "{anything}" mapped it
    report = json.loads(json.dumps(as_json(result, recorded, Identifier(CATALOG), {"file": "x"})))
    (transcript,) = report["transcripts"]
    assert [e["at"] for e in transcript["exchanges"]] == ["c1 opening", "c1 turn 1"]
    assert transcript["exchanges"][0]["replies"] == [
        {"text": RULER, "name": "utter_ask_ruler", "codes": ["closed_question"]}
    ]
    assert {"targets", "generic_fallback", "repeats", "miti", "by_expect"} <= set(report)
