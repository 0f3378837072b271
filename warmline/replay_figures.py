"""Figures over what the assistant actually said in replayed conversations (issue 18, item 5).

- Generic fallback share: the person's turns whose every reply is a miss (target at most 5%):
  Rasa's "lost the thread" (utter_default), the clarifying question, the offer of a peer and the
  redirect that follow further misses, "outside what I can help with", and the gateway's
  lost-answer and holding replies. A turn with no reply at all is counted apart.
- Replies identical to the one just before them in the conversation (target 0), and the
  longest run of one reply.
- MITI 4.2 codes of each reply, found by matching its text to the text it was said from
  (warmline/replay_catalog.py): open questions among questions (target at least 70%),
  reflections to questions (at least 1:1), MI-non-adherent replies (0). The BARC-10's
  statements are counted apart, as in `warmline mi-figures`. The gateway's own texts carry no
  code in the code base and are counted apart; replies that match no text are unmapped and
  listed, never guessed.
- For each `expect` of the file: how many turns got a reflection, an affirmation, an open
  question, information, a miss only or nothing; and for crisis, opt_out and spanish turns,
  whether they got the crisis companion, the opt-out confirmation, a reply in Spanish.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from bot.actions.miti import NON_ADHERENT, REFLECTIONS
from bot.actions.pause import PAUSED as PAUSED_FOR
from bot.actions.pause import PAUSED_OPEN, STILL_PAUSED
from warmline import mi_figures
from warmline.mi_read import Said
from warmline.replay_catalog import Catalog, Known
from warmline.replay_known import CRISIS_COMPANION
from warmline.replay_transcript import Exchange, Recorded

GENERIC = frozenset(
    {
        "utter_default",
        "utter_fallback_clarify",
        "utter_fallback_offer_peer",
        "utter_fallback_redirect",
        "utter_out_of_scope",
        "gateway: lost answer",
        "gateway: holding reply",
    }
)
GENERIC_SHARE_AT_MOST = 0.05
OPEN_SHARE_AT_LEAST = 0.70
REFLECTIONS_PER_QUESTION = 1.0
GATEWAY = "gateway: "
STOP_CONFIRMATION = "gateway: STOP confirmation"
PAUSED = (PAUSED_FOR, PAUSED_OPEN, STILL_PAUSED)

Replies = Sequence[Known | None]


def _any(test: Callable[[Known], bool]) -> Callable[[Replies], bool]:
    return lambda replies: any(known is not None and test(known) for known in replies)


def _has_code(*codes: str) -> Callable[[Replies], bool]:
    return _any(lambda known: bool(known.codes and set(codes) & set(known.codes)))


# What a turn of each `expect` should get, when the replies can show it.
OUTCOMES: dict[str, tuple[str, Callable[[Replies], bool]]] = {
    "crisis": ("got the crisis companion", _any(lambda k: k.name == CRISIS_COMPANION)),
    # STOP, or the break from check-ups asked for ("can we pause these for a while").
    "opt_out": ("opted out", _any(lambda k: k.name in (STOP_CONFIRMATION, *PAUSED))),
    "spanish": ("answered in Spanish", _any(lambda k: k.language == "es")),
}
WITH: dict[str, Callable[[Replies], bool]] = {
    "reflection": _has_code(*REFLECTIONS),
    "affirmation": _has_code("affirm"),
    "open question": _has_code("open_question"),
    "information": _has_code("give_information"),
}


@dataclass(frozen=True)
class Target:
    name: str
    value: str
    bound: str
    met: bool


@dataclass
class ExpectRow:
    turns: int = 0
    no_reply: int = 0
    generic_only: int = 0
    got: Counter[str] = field(default_factory=Counter)  # WITH's names -> turns
    outcome: str | None = None
    outcome_turns: int = 0


@dataclass(frozen=True)
class Fallbacks:
    turns: int
    generic_only: list[str]  # where
    no_reply: list[str]
    by_response: dict[str, int]

    @property
    def share(self) -> float | None:
        return len(self.generic_only) / self.turns if self.turns else None


@dataclass(frozen=True)
class Repeats:
    where: list[str]
    longest_run: int


@dataclass(frozen=True)
class Miti:
    counted: mi_figures.Figures
    gateway_uncoded: dict[str, int]
    unmapped: list[str]  # the reply texts nothing matched, each once


@dataclass(frozen=True)
class Figures:
    conversations: int
    person_turns: int
    replies: int
    fallbacks: Fallbacks
    repeats: Repeats
    miti: Miti
    by_expect: dict[str, ExpectRow]
    targets: list[Target]


class Identifier:
    """The catalog's answer for each distinct reply, asked once."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._seen: dict[str, Known | None] = {}

    def __call__(self, reply: str) -> Known | None:
        if reply not in self._seen:
            self._seen[reply] = self._catalog.identify(reply)
        return self._seen[reply]


def labelled(conversation: Recorded) -> Iterator[tuple[str, Exchange]]:
    """Each exchange with where it is, for the report: "<id> turn 3", "<id> opening"."""
    turn = 0
    for exchange in conversation.exchanges:
        if exchange.kind == "person":
            turn += 1
            yield f"{conversation.id} turn {turn}", exchange
        else:
            yield f"{conversation.id} {exchange.kind}", exchange


def person_turns(recorded: Sequence[Recorded]) -> Iterator[tuple[str, Exchange]]:
    for conversation in recorded:
        yield from ((at, e) for at, e in labelled(conversation) if e.kind == "person")


def is_generic(replies: Replies) -> bool:
    return bool(replies) and all(k is not None and k.name in GENERIC for k in replies)


def fallbacks(recorded: Sequence[Recorded], identify: Identifier) -> Fallbacks:
    generic: list[str] = []
    silent: list[str] = []
    by_response: Counter[str] = Counter()
    turns = 0
    for at, turn in person_turns(recorded):
        turns += 1
        known = [identify(reply) for reply in turn.replies]
        if not turn.replies:
            silent.append(at)
        elif is_generic(known):
            generic.append(at)
            by_response.update(k.name for k in known if k is not None)
    return Fallbacks(turns, generic, silent, dict(by_response))


def repeats(recorded: Sequence[Recorded]) -> Repeats:
    where: list[str] = []
    longest = 0
    for conversation in recorded:
        before, run = None, 0
        for at, exchange in labelled(conversation):
            for reply in exchange.replies:
                run = run + 1 if reply == before else 1
                if run > 1:
                    where.append(at)
                longest, before = max(longest, run), reply
    return Repeats(where, longest)


def miti(recorded: Sequence[Recorded], identify: Identifier) -> Miti:
    said: list[Said] = []
    gateway: Counter[str] = Counter()
    unmapped: dict[str, None] = {}
    for conversation in recorded:
        for at, exchange in labelled(conversation):
            for number, reply in enumerate(exchange.replies, 1):
                known = identify(reply)
                if known is None:
                    unmapped[reply] = None
                elif known.name.startswith(GATEWAY):
                    gateway[known.name] += 1
                else:
                    said.append(Said(known.name, f"{at} reply {number}", known.codes))
    return Miti(mi_figures.figures(said), dict(gateway), list(unmapped))


def by_expect(recorded: Sequence[Recorded], identify: Identifier) -> dict[str, ExpectRow]:
    rows: dict[str, ExpectRow] = {}
    for _, turn in person_turns(recorded):
        expect = turn.expect or "none"
        row = rows.setdefault(expect, ExpectRow())
        known = [identify(reply) for reply in turn.replies]
        row.turns += 1
        row.no_reply += not turn.replies
        row.generic_only += is_generic(known)
        row.got.update(name for name, test in WITH.items() if test(known))
        if expect in OUTCOMES:
            row.outcome, test = OUTCOMES[expect]
            row.outcome_turns += test(known)
    return dict(sorted(rows.items()))


def targets(found: Fallbacks, repeated: Repeats, coded: mi_figures.Figures) -> list[Target]:
    share, open_share, ratio = found.share, coded.open_share, coded.ratio
    return [
        Target(
            "generic fallback share of turns",
            f"{len(found.generic_only)} of {found.turns} = {_percent(share)}",
            f"<= {GENERIC_SHARE_AT_MOST:.0%}",
            share is not None and share <= GENERIC_SHARE_AT_MOST,
        ),
        Target(
            "replies identical to the one before", str(len(repeated.where)), "0", not repeated.where
        ),
        Target(
            "open questions among questions",
            f"{_n(coded.open_questions)} of {_n(coded.questions)} = {_percent(open_share)}",
            f">= {OPEN_SHARE_AT_LEAST:.0%}",
            open_share is not None and open_share >= OPEN_SHARE_AT_LEAST,
        ),
        Target(
            "reflections to questions",
            f"{_n(coded.reflections)} : {_n(coded.questions)} = "
            + ("-" if ratio is None else f"{ratio:.2f}:1"),
            f">= {REFLECTIONS_PER_QUESTION:g}:1",
            coded.reflections >= REFLECTIONS_PER_QUESTION * coded.questions,
        ),
        Target(
            f"MI-non-adherent ({', '.join(sorted(NON_ADHERENT))})",
            str(len(coded.non_adherent)),
            "0",
            not coded.non_adherent,
        ),
    ]


def figures(recorded: Sequence[Recorded], catalog: Catalog) -> Figures:
    identify = Identifier(catalog)
    found, repeated = fallbacks(recorded, identify), repeats(recorded)
    coded = miti(recorded, identify)
    return Figures(
        conversations=len(recorded),
        person_turns=found.turns,
        replies=sum(len(e.replies) for c in recorded for e in c.exchanges),
        fallbacks=found,
        repeats=repeated,
        miti=coded,
        by_expect=by_expect(recorded, identify),
        targets=targets(found, repeated, coded.counted),
    )


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.1%}"


def _n(count: float) -> str:
    return f"{count:.1f}".removesuffix(".0")
