"""The replay's catalog against the real bot and gateway: every domain response, with its blanks
filled, is read back with its own codes; the texts the actions build and the gateway's own
texts (crisis companion, keywords, the concern reply) are recognised from their sources."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import yaml

from bot.actions.barc10 import SAME_STATEMENT, WELCOME_BACK
from bot.actions.barc10_partial import partial_text
from bot.actions.barc10_reflection import reflection, reflection_tag
from bot.actions.barc10_results import RESULTS_TAG, results_text
from bot.actions.resources_catalog import default_catalog
from bot.actions.resources_select import heading, page, select
from channels.keywords import Keyword, Program, keyword_reply
from core.settings import Settings, load_settings
from escalation.levels import Level, Screening
from escalation.responses import asks_for_person, concern_reply
from store.barc10 import Finished
from tests.support.crisis import opening_for
from warmline.engine_env import BOT_DIR
from warmline.mi_read import codes_of
from warmline.replay import catalog
from warmline.replay_catalog import BLANK
from warmline.replay_known import CRISIS_COMPANION

CATALOG = catalog()
NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)
SCORES = dict(enumerate([5, 6, 2, 4, 6, 1, 3, 5, 6, 4], 1))


def read(reply: str) -> tuple[str | None, tuple[str, ...] | None]:
    """What the catalog takes the reply for: its name and codes."""
    known = CATALOG.identify(reply)
    return (known.name, known.codes) if known else (None, None)


def domain_variations() -> list[tuple[str, str, tuple[str, ...] | None]]:
    found = []
    for path in sorted((BOT_DIR / "domain").glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        for name, variations in (data.get("responses") or {}).items():
            for v in variations:
                found.append((name, str(v["text"]), codes_of(v.get("metadata"))))
    return found


def test_every_domain_response_filled_in_is_read_back_with_its_codes() -> None:
    variations = domain_variations()
    assert len(variations) > 100
    for name, text, codes in variations:
        filled = BLANK.sub("something you said", text)
        known = CATALOG.identify(filled)
        assert known is not None, name
        assert known.codes == codes, f"{name}: read as {known.name}"


@pytest.mark.parametrize(
    ("total", "previous", "previous_at"),
    [(48, None, None), (41, 35, NOW - timedelta(days=3)), (30, 44, NOW - timedelta(days=80)),
     (44, 44, NOW - timedelta(days=40)), (31, 30, NOW - timedelta(days=2))],
)  # fmt: skip
def test_the_barc10_reflection_is_read_with_the_tag_the_action_gives_it(
    total: int, previous: int | None, previous_at: datetime | None
) -> None:
    text = reflection(total, previous, previous_at, NOW, SCORES)
    known = CATALOG.identify(text)
    assert known is not None
    assert known.codes == codes_of(reflection_tag(total, previous, previous_at, SCORES))


def test_a_persons_own_results_and_a_request_for_a_peer_are_the_actions_texts() -> None:
    totals = [(NOW - timedelta(days=60), 38), (NOW - timedelta(days=30), 39), (NOW, 41)]
    for shown in (totals, totals[-1:], [*totals[:2], (NOW, 39)]):
        assert read(results_text(shown))[1] == codes_of(RESULTS_TAG)
    for wait in (timedelta(minutes=1), timedelta(hours=20), timedelta(days=3)):
        assert read(asks_for_person(wait))[0] == "action_request_peer"


def test_the_barc10_welcome_back_is_named_as_its_domain_response() -> None:
    """Once an inline text of the action, so the replay could not name it: now every variation,
    filled as the action fills it, is the domain's response with its own codes."""
    variations = {
        str(v["text"]): codes_of(v.get("metadata"))
        for name, v in _named_variations()
        if name == WELCOME_BACK
    }
    assert len(variations) >= 2
    for text, codes in variations.items():
        for where in ("at statement 3 of 10", SAME_STATEMENT):
            assert read(text.format(where=where)) == (WELCOME_BACK, codes)


def _named_variations() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted((BOT_DIR / "domain").glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        for name, variations in (data.get("responses") or {}).items():
            found += [(str(name), v) for v in variations]
    return found


@pytest.mark.parametrize(
    "scores",
    [[5, None, 4, 4, 4, 4, 4, 4, 4, 4], [None, None, 3, 6, None, None, None, None, None, 2],
     [None] * 10, [6, 6, 6, 6, 6, 6, 6, 6, 6, None]],
)  # fmt: skip
@pytest.mark.parametrize("with_earlier", [False, True])
def test_results_after_statements_left_out_are_the_actions_text(
    scores: list[int | None], with_earlier: bool
) -> None:
    latest = Finished(NOW, None, dict(enumerate(scores, 1)))
    earlier = [Finished(NOW - timedelta(days=50), 33, dict(enumerate([3, 4, 3] * 3 + [3], 1)))]
    text = partial_text(latest, earlier if with_earlier else [])

    assert read(text) == (
        "action_in_context: own BARC-10 results, statements left out",
        codes_of(RESULTS_TAG),
    )


def test_a_page_of_resources_is_information() -> None:
    options = select(default_catalog(), None, None)
    shown = page(options, 0, heading(None, first=True)).text
    assert read(shown) == ("action_resources_show: options", ("give_information",))


def test_the_crisis_companions_opening_is_recognised_in_both_languages() -> None:
    settings: Settings = load_settings()
    for text in ("i dont want to live anymore", "ya no quiero vivir, me quiero morir"):
        replies = opening_for(text, settings)
        assert replies
        identified = [CATALOG.identify(reply) for reply in replies]
        assert {k.name if k else None for k in identified} == {CRISIS_COMPANION}


def test_the_gateways_keyword_and_concern_replies_are_its_own_uncoded_texts() -> None:
    (stop,) = keyword_reply(Keyword.STOP, Program("Riverside Recovery"), "es")
    known = CATALOG.identify(stop)
    assert known is not None
    assert (known.name, known.codes, known.language) == ("gateway: STOP confirmation", None, "es")
    concern = Screening(Level.CONCERN, ("relapse:craving",))
    names = [CATALOG.identify(r) for r in concern_reply(concern, timedelta(hours=24), 1)]
    assert [k.name if k else None for k in names] == [
        "gateway: concern reflection",
        "gateway: peer offer",
    ]


def test_a_text_nobody_wrote_is_unmapped() -> None:
    assert CATALOG.identify("The weather in Ohio is sunny today.") is None


def test_own_results_of_a_check_in_done_today_are_read_back_with_their_codes() -> None:
    """The 2027-08 replay listed "That's your only full check-in so far: 46 out of 60, today."
    as unmapped."""
    now = datetime(2026, 12, 7, 15, tzinfo=UTC)
    said = results_text([(now, 46)], today=now.date())

    assert read(said)[1] == codes_of(RESULTS_TAG)
