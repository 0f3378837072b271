"""The screener meets the project's targets on its labelled corpus, and on the public sets
whenever they are beside the project (../shared/data/risk-eval)."""

from __future__ import annotations

from escalation.evaluation.datasets import load_corpus, load_public_set
from escalation.evaluation.metrics import corpus_targets, openai_target, xstest_target
from escalation.evaluation.report import rate

CORPUS = rate(load_corpus())


def test_every_emergency_and_crisis_message_is_rated_crisis_or_higher() -> None:
    assert corpus_targets(CORPUS)[0].share == 1.0


def test_at_least_nine_in_ten_emergencies_are_rated_emergency() -> None:
    assert corpus_targets(CORPUS)[1].share >= 0.9


def test_at_most_three_in_a_hundred_everyday_messages_are_rated_crisis_or_higher() -> None:
    assert corpus_targets(CORPUS)[2].share <= 0.03


def test_the_corpus_has_every_level_and_420_messages_or_more() -> None:
    labels = {item.label.label for item in CORPUS}

    assert (labels, len(CORPUS) >= 420) == ({"emergency", "crisis", "concern", "none"}, True)


def test_public_set_targets_are_met_when_the_sets_are_present() -> None:
    xstest = load_public_set("xstest-hard-negatives")
    openai = load_public_set("openai-self-harm")
    met = {
        "xstest": xstest is None or xstest_target(rate(xstest)).met,
        "openai": openai is None or openai_target(rate(openai)).met,
    }

    assert met == {"xstest": True, "openai": True}
