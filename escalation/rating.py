"""From the risk phrases found in one text to its level and the reasons for it.

Each phrase is rated on its own, in its context; the text takes the highest. When in doubt this
escalates: context may lower a phrase, and nothing lowers the text below its riskiest phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from escalation.context import Reading, Scene, Subject
from escalation.levels import Level, Screening
from escalation.lexicon import ESCALATING_CUES, Category, NetRule
from escalation.matching import RISK, Hit
from escalation.safety_net import caught

FRAME = f"{RISK}frame:"
MEANS_AFTER_RISK = f"{RISK}suicide:means-after-risk"  # a hit's label


@dataclass(frozen=True, slots=True)
class Rated:
    category: Category
    reading: Reading
    level: Level
    flags: tuple[str, ...]


def rate_text(
    categories: Mapping[str, Category],
    hits: list[Hit],
    scene: Scene,
    elsewhere: frozenset[str] = frozenset(),
    net_rules: Sequence[NetRule] = (),
) -> Screening:
    """The highest level of the text's phrases, or of the safety net's rules when higher.
    `elsewhere`: the escalating cues found in the person's last few messages instead ("means"
    named there, "risk_before": a crisis the rules read there)."""
    joking = bool(scene.named({"joking"}))
    rated = []
    for hit, reading in _read_with_negation_spread(
        _explained_away_removed(hits, categories), scene
    ):
        phrase = rate_phrase(categories[hit.label.removeprefix(RISK)], reading)
        phrase = _escalated(phrase, scene.named(ESCALATING_CUES, besides=hit) | set(elsewhere))
        rated.append(_as_joke(phrase) if joking else phrase)
    # Highest first; at one level the lexicon's named category before a frame's, so a peer
    # reads the specific reason ("overdose:ingested-quantity") first.
    rated.sort(key=lambda phrase: (phrase.level, not _is_frame(phrase)), reverse=True)
    level = rated[0].level if rated else Level.NONE
    net_level, net_reasons = caught(net_rules, scene, _lookalikes(hits, categories))
    if net_level > level:
        return Screening(net_level, (*_reasons(rated), *net_reasons))
    return Screening(level, _reasons(rated))


def _read_with_negation_spread(hits: list[Hit], scene: Scene) -> list[tuple[Hit, Reading]]:
    """Each phrase in its context, where a negation covers the whole phrase it negates: in "im
    not going to overdose on purpose" the "on purpose" found inside "going to overdose on
    purpose" is negated with it, though "not" is too far from it to reach it alone."""
    read = [(hit, scene.read(hit)) for hit in hits]
    negated = [hit for hit, reading in read if reading.negated]
    return [
        (hit, replace(reading, negated=True))
        if any(other.start < hit.start and other.overlaps(hit) for other in negated)
        else (hit, reading)
        for hit, reading in read
    ]


def rate_phrase(category: Category, reading: Reading) -> Rated:
    level = category.level if reading.subject is Subject.SELF else category.others
    flags = [] if reading.subject is Subject.SELF else [f"context:{reading.subject.value}"]
    if reading.negated:
        return Rated(category, reading, Level.NONE, (*flags, "context:negated"))
    if reading.quoted and reading.subject is not Subject.SELF:
        # Someone in a song, a film or a book; the texter's own words keep their level.
        return Rated(category, reading, Level.NONE, (*flags, "context:quotation"))
    if reading.past:
        # History with recovery since is not a danger now; the reason still tells a peer.
        return Rated(category, reading, Level.NONE, (*flags, "context:past"))
    if reading.hypothetical:
        level = min(level, _question_ceiling(category, reading.subject))
        flags.append("context:hypothetical")
    if reading.imagined and level > Level.CRISIS:
        level = Level.CRISIS  # a thought of the act: never lowered below crisis
        flags.append("context:imagined")
    if reading.recent and reading.subject is not Subject.SELF:
        # Someone else's overdose last week is news to talk over; one's own may still harm.
        level = min(level, Level.CONCERN)
        flags.append("context:recent")
    return Rated(category, reading, level, tuple(flags))


def _question_ceiling(category: Category, subject: Subject) -> Level:
    """A question about nobody in particular is information-seeking; one about the texter or
    someone named may be happening as they type, so it stays at least crisis."""
    if subject is Subject.GENERIC or category.level < Level.CRISIS:
        return category.hypothetical
    return max(category.hypothetical, Level.CRISIS)


def _escalated(phrase: Rated, named: set[str]) -> Rated:
    """A suicidal thought with the means or the moment named is a plan with means now; being
    alone is using alone once a substance is named. Only a phrase read as present counts."""
    reading = phrase.reading
    if reading.negated or reading.past or reading.hypothetical or reading.quoted:
        return phrase
    raised = [(level, kind) for kind, level in phrase.category.escalates.items() if kind in named]
    if not raised or max(raised)[0] <= phrase.level:
        return phrase
    level, kind = max(raised)
    return Rated(phrase.category, reading, level, (*phrase.flags, f"context:{kind}"))


def _is_frame(phrase: Rated) -> bool:
    return phrase.category.id.startswith(FRAME.removeprefix(RISK))


def _as_joke(phrase: Rated) -> Rated:
    """A threat marked as a joke ("if he eats my leftovers again lol") is for a peer to glance
    at, not an alert; a death wish with "lol" keeps its level (the category says which)."""
    ceiling = phrase.category.joking
    if ceiling is None or phrase.level <= ceiling:
        return phrase
    return Rated(phrase.category, phrase.reading, ceiling, (*phrase.flags, "context:joking"))


def _lookalikes(hits: list[Hit], categories: Mapping[str, Category]) -> list[Hit]:
    risks = (hit for hit in hits if hit.label.startswith(RISK))
    return [hit for hit in risks if categories[hit.label.removeprefix(RISK)].explains_away]


def _explained_away_removed(hits: list[Hit], categories: Mapping[str, Category]) -> list[Hit]:
    """A phrase inside a longer one ("overdosed" in "overdosed and died") is read as the longer
    one; a phrase touching a look-alike ("relapse" in "relapse prevention") is not a risk. A
    frame (frames.yml) explains nothing away: it adds wording, and a lexicon phrase inside it
    ("take them all", an emergency) keeps its own level."""
    risks = [hit for hit in hits if hit.label.startswith(RISK)]
    lookalikes = _lookalikes(hits, categories)
    # A phrase that is nothing alone, only lifting others ("i still have the blade", which
    # suicide:means-after-risk reads, holds self-harm's "still have the blade"), hides none.
    longer = [
        hit for hit in risks if not hit.label.startswith(FRAME) and hit.label != MEANS_AFTER_RISK
    ]
    return [
        hit
        for hit in risks
        if hit not in lookalikes
        and not any(other.contains(hit) for other in longer)
        and not any(other.overlaps(hit) for other in lookalikes)
    ]


def _reasons(rated: Iterable[Rated]) -> tuple[str, ...]:
    reasons = (reason for phrase in rated for reason in (phrase.category.id, *phrase.flags))
    return tuple(dict.fromkeys(reasons))
