"""The texts the warmline sends that are not domain responses, as templates for the replay's
catalog (warmline/replay_catalog.py): the custom actions' own texts with their MITI tags, and
the gateway's own texts, which carry none.

Every text here is imported from where it is said, never copied: a text an action builds is
made by calling the action's own pure function twice with different values, and the words that
differ between the two become a blank. A text an action writes inline (not a constant, not a
function) cannot be imported, so a reply with it is unmapped, and listed as such.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from functools import partial

from bot.actions import (
    barc10,
    barc10_partial,
    barc10_reflection,
    barc10_results,
    fallback,
    greet,
    resources,
)
from bot.actions.miti import Tag
from bot.actions.resources_catalog import Topic
from bot.actions.resources_select import heading
from channels import keywords
from escalation import responses
from escalation.companion.texts import COMPANION, LANGUAGES, wordings
from warmline.mi_read import codes_of
from warmline.replay_catalog import Known, Template

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)
EARLIER = datetime(2026, 10, 9, 12, tzinfo=UTC)
_WORDS = re.compile(r"\S+|\s+")
# A total against the one before, rendered twice (this month; by a point, in an earlier month):
# up, down, the same.
CHANGES = (((30, 23), (24, 23)), ((23, 30), (22, 23)), ((30, 30), (23, 23)))


def blanked(first: str, second: str) -> str:
    """One text with a blank wherever two renderings of it differ, word by word."""
    a, b = _WORDS.findall(first), _WORDS.findall(second)
    parts: list[str] = []
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append("".join(a[i1:i2]))
        else:
            parts.append("{}")
    # A blank matches spaces too: "{} {}" (two words that differ, one space alike) is one blank.
    return re.sub(r"\{\}(?:\s*\{\})+", "{}", "".join(parts))


def _tagged(name: str, tag: Tag, text: str) -> Template:
    return Template(Known(name, codes_of(tag)), text)


def _scores(*values: int | None) -> dict[int, int | None]:
    return dict(enumerate(values, 1))


def barc10_reflections() -> Iterator[Template]:
    """After all ten statements: each way the reflection can go, with its own tag."""
    most, few = _scores(*[6] * 10), _scores(*[1] * 10)
    some = _scores(*[6] * 5, *[1] * 5)
    # With statements left out, the agreement said back is any of the three.
    skipped = [_scores(*agreed[:9], None) for agreed in ([6] * 10, [1] * 10, [6] * 5 + [1] * 5)]
    for scores in (most, few, some, *skipped, _scores(*[None] * 10)):
        total = None if None in scores.values() else sum(v or 0 for v in scores.values())
        text = barc10_reflection.reflection(total, None, None, NOW, scores)
        tag = barc10_reflection.reflection_tag(total, None, None, scores)
        yield _tagged("action_barc10_finish: reflection", tag, text)
    for (total, previous), (nearby, earlier) in CHANGES:
        texts = (
            barc10_reflection.reflection(total, previous, NOW, NOW, most),
            barc10_reflection.reflection(nearby, earlier, EARLIER, NOW, most),
        )
        tag = barc10_reflection.reflection_tag(total, previous, NOW, most)
        yield _tagged("action_barc10_finish: reflection", tag, blanked(*texts))


def barc10_results_texts() -> Iterator[Template]:
    """Their own BARC-10 totals when they ask: none yet, one, changed, the same."""
    name = "action_in_context: own BARC-10 results"
    yield _tagged(name, barc10_results.NONE_YET_TAG, barc10_results.NONE_YET)
    pairs = (
        ([(NOW, 41)], [(EARLIER, 17)]),
        ([(EARLIER, 33), (NOW, 41)], [(NOW, 52), (NOW, 50), (EARLIER, 49)]),
        ([(EARLIER, 44), (NOW, 44)], [(NOW, 12), (NOW, 27), (EARLIER, 27)]),
    )
    for first, second in pairs:
        for again, today in itertools.product((False, True), (None, NOW.date())):
            texts = (
                barc10_results.results_text(first, again, today),
                barc10_results.results_text(second, again, today),
            )
            yield _tagged(name, barc10_results.RESULTS_TAG, blanked(*texts))


def barc10_partial_texts() -> Iterator[Template]:
    """Their own BARC-10 results when the last check-in left statements out: which statements,
    the trend and the last full total vary in number and in shape, so all between the opening
    and the closing question is one blank."""
    name = "action_in_context: own BARC-10 results, statements left out"
    text = f"{barc10_partial.OPENING}{{}} {barc10_results.QUESTION}"
    yield _tagged(name, barc10_results.RESULTS_TAG, text)


def _wait_blanked(said: object) -> str:
    """A text with a wait in it ("within 15 minutes"), the wait as a blank."""
    assert callable(said)
    return blanked(said(timedelta(minutes=15)), said(timedelta(hours=2)))


def action_texts() -> Iterator[Template]:
    for text, tag in (*greet.GREETING_TAGS.items(), *greet.BRIEF_TAGS.items()):
        yield _tagged("action_greet_participant", tag, text)
    yield _tagged("validate_barc10_form: let it go", barc10.LET_IT_GO_TAG, barc10.LET_IT_GO)
    yield _tagged(
        "action_barc10_finish: paused", barc10_reflection.PAUSED_TAG, barc10_reflection.PAUSED
    )
    yield from barc10_reflections()
    yield from barc10_results_texts()
    yield from barc10_partial_texts()
    peer = "action_request_peer"
    yield _tagged(peer, fallback.GIVE_INFORMATION, fallback.NO_HANDOFF)
    yield _tagged(peer, fallback.GIVE_INFORMATION, _wait_blanked(responses.asks_for_person))
    yield _tagged(peer, fallback.GIVE_INFORMATION, _wait_blanked(responses.already_asked))
    page = "action_resources_show: options"
    for topic in (None, *Topic):
        for first in (True, False):
            text = heading(topic, first) + "\n{}"
            yield _tagged(page, resources.GIVE_INFORMATION, text)
    yield _tagged("action_resources_show: none", resources.AND_ASK, resources.NOTHING)
    yield _tagged("action_resources_show: all shown", resources.AND_ASK, resources.ALL_SHOWN)


def _gateway(name: str, texts: Mapping[str, str]) -> Iterator[Template]:
    for language, text in texts.items():
        yield Template(Known(f"gateway: {name}", None, language), text)


def gateway_texts() -> Iterator[Template]:
    """The gateway's own replies (no MITI codes in the code base)."""
    program, contact = "{program}", "{contact}"
    yield from _gateway("STOP confirmation", {
        "en": keywords.stop_confirmation(program), "es": keywords.stop_confirmation_es(program)
    })  # fmt: skip
    yield from _gateway("START confirmation", {
        "en": keywords.start_confirmation(program), "es": keywords.start_confirmation_es(program)
    })  # fmt: skip
    for reach in ("", contact):
        yield from _gateway("HELP reply", {
            "en": keywords.help_text(program, reach), "es": keywords.help_text_es(program, reach)
        })  # fmt: skip
    yield from _gateway("text only", {"en": keywords.TEXT_ONLY})
    yield from _gateway("holding reply", {
        "en": responses.HOLDING_REPLY, "es": responses.HOLDING_REPLY_ES
    })  # fmt: skip
    yield from _gateway("lost answer", {
        "en": responses.LOST_ANSWER_REPLY, "es": responses.LOST_ANSWER_REPLY_ES
    })  # fmt: skip
    for text in (*responses.GENERAL_REFLECTION, *_flat(responses.REFLECTIONS)):
        yield from _gateway("concern reflection", {"en": text})
    for text in (*responses.GENERAL_REFLECTION_ES, *_flat(responses.REFLECTIONS_ES)):
        yield from _gateway("concern reflection", {"es": text})
    yield from _gateway("peer offer", {
        "en": _wait_blanked(responses.peer_offer),
        "es": _wait_blanked(partial(responses.peer_offer, language="es")),
    })  # fmt: skip
    yield from _gateway("peer told", {
        "en": _wait_blanked(responses.peer_told),
        "es": _wait_blanked(partial(responses.peer_told, language="es")),
    })  # fmt: skip
    for said in (responses.asks_for_person, responses.already_asked):
        yield from _gateway("a peer asked for", {"es": _wait_blanked(partial(said, language="es"))})
    yield from _gateway("back from a peer", {
        language: responses.back_from_peer(language, "{peer}") for language in ("en", "es")
    })  # fmt: skip


def _flat(reflections: Mapping[str, tuple[str, ...]]) -> Iterator[str]:
    for texts in reflections.values():
        yield from texts


CRISIS_COMPANION = "gateway: crisis companion"


def companion_texts() -> Iterator[Template]:
    """The crisis companion's wordings, in both languages: a message joins one or more."""
    for key in COMPANION.texts:
        for language in LANGUAGES:
            for text in wordings(key, language):
                yield Template(Known(CRISIS_COMPANION, None, language), text)
