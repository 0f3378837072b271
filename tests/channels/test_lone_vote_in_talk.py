"""A crisis on the statistical model's vote alone, in ordinary talk with nothing behind it (no
means named, no rule's crisis in the last few messages): a concern a peer reviews within a day,
the assistant answering as if nothing was flagged (channels/weighing.py). The crisis reply for
"hes the only one at work who knows" was the sealed 2027-08 set's commonest bad turn."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from channels.weighing import IN_TALK, weighed
from escalation.combined import UNSUPPORTED
from escalation.companion.crisis import model_vote_alone
from escalation.levels import Level, Screening
from escalation.model.reasons import MEANS_NAMED
from escalation.screening import screen
from store.db import Database
from store.escalation_models import Escalation
from tests.channels.test_gateway_crisis import Person, one_of, person  # noqa: F401
from tests.fakes.engine import FakeEngine

# Each rated a crisis by the model alone when this was written; the tests check that first.
ORDINARY = "hes the only one at work who knows"  # sealed 2027-08, e01 (read once)
HOPELESS = "no plan. just tired of everything"  # a rule's concern, the model's crisis
RIFLE_BEFORE = "my brother took the rifle last week"  # names the means; no risk by itself
CHECKUP_QUESTION = "How have things been since we last talked?"


def cases(db: Database) -> list[tuple[str, str]]:
    with db.transaction() as session:
        return [(case.level, case.status) for case in session.scalars(select(Escalation))]


def test_a_lone_vote_with_nothing_behind_it_is_a_quiet_concern() -> None:
    alone = screen(ORDINARY)
    assert model_vote_alone(alone), alone
    assert UNSUPPORTED in alone.reasons

    talked = weighed(alone, "What has helped you most to get here?")

    assert talked.level is Level.CONCERN
    assert IN_TALK in talked.reasons


def test_the_means_named_a_few_messages_back_keep_the_vote_a_crisis() -> None:
    supported = screen(ORDINARY, (RIFLE_BEFORE,))

    assert model_vote_alone(supported), supported
    assert UNSUPPORTED not in supported.reasons
    assert weighed(supported, "What has helped you most to get here?") == supported


def test_a_rules_crisis_a_few_messages_back_keeps_the_vote_a_crisis() -> None:
    supported = screen(ORDINARY, ("i want to kill myself", "ok"))

    assert UNSUPPORTED not in supported.reasons
    assert weighed(supported, None).level is Level.CRISIS


def test_the_means_named_in_the_words_themselves_are_never_weighed_down() -> None:
    named = Screening(Level.CRISIS, ("model:crisis-risk(0.88)", MEANS_NAMED))

    assert weighed(named, None) == named
    assert weighed(named, CHECKUP_QUESTION) == named


def test_a_rules_concern_under_the_vote_keeps_it_a_crisis() -> None:
    hopeless = screen(HOPELESS)
    assert model_vote_alone(hopeless), hopeless
    assert UNSUPPORTED in hopeless.reasons

    assert weighed(hopeless, None) == hopeless


@pytest.mark.parametrize(
    "text",
    [
        "the thought of jumping wont leave me alone",
        "it would be easier if i just disappeared for good",
        "kinda planning on doing the whole 8ball myself tonight and seeing what happens",
        "i keep thinking about how peaceful it would be to just not exist",
        "I've asked my neighbor to look after my cat permanently. She doesn't know why.",
    ],
)
def test_a_vote_on_words_of_death_a_method_or_harm_is_never_weighed_in_talk(text: str) -> None:
    """Risk the rules miss, which only the model's vote catches (the tuning set's)."""
    screening = screen(text)

    assert UNSUPPORTED not in screening.reasons
    assert weighed(screening, None).level is screening.level


def test_in_ordinary_talk_the_assistant_answers_and_a_peer_reviews_it(
    person: Person,  # noqa: F811
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    replies = person.says(ORDINARY)

    assert replies == [f"echo: {ORDINARY}"]  # no crisis lines, no word of a peer
    assert fake_engine.calls[-1]["message"] == ORDINARY
    assert cases(db) == [("concern", "open")]  # a peer reviews it within a day


def test_with_the_means_named_before_the_same_words_get_the_crisis_companion(
    person: Person,  # noqa: F811
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    person.says(RIFLE_BEFORE)
    calls_before = len(fake_engine.calls)

    asked = person.says(ORDINARY)

    assert "988" in " ".join(asked)
    assert "thoughts of suicide" in " ".join(asked)  # asked directly
    assert len(fake_engine.calls) == calls_before  # the gateway answered, not the assistant
    assert cases(db) == [("crisis", "open")]


def test_a_rules_concern_with_the_vote_gets_the_crisis_companion(
    person: Person,  # noqa: F811
    db: Database,
    fake_engine: FakeEngine,
) -> None:
    replies = person.says(HOPELESS)

    assert fake_engine.calls == []
    assert "988" in " ".join(replies)
    assert cases(db) == [("crisis", "open")]
