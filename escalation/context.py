"""How the words around a risk phrase change what it means.

"im not suicidal", "i used to cut years ago", "what should i do if someone ods" and "my friend
relapsed" all contain risk words and none is a risk to the texter now. Each rule here only ever
reads one phrase; the screener then takes the highest level over all phrases, so a lowered phrase
never hides an unambiguous one elsewhere in the text.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc

from escalation.matching import CUE, Hit

_SENTENCE_END = re.compile(r"^[.!?;…]+$")
_PUNCTUATION = re.compile(r"^[^\w]+$")
_NEGATION_REACH = 4  # words between "not" and what it negates: "not really having any thoughts of"
_SUBJECT_REACH = 8
_REPORT_REACH = 2  # words between "said" and the words it reports: "said i just want it to end"
_ROUTINE = frozenset({"every day", "everyday"})  # "used to ... every day" is a habit gone


class Subject(enum.Enum):
    SELF = "self"
    OTHER = "other-person"
    GENERIC = "generic-person"


_SUBJECT_SETS = (("self", Subject.SELF), ("generic", Subject.GENERIC), ("others", Subject.OTHER))
# Pronouns inside a phrase say whom it is about, whoever else the sentence names.
_INSIDE = {
    **dict.fromkeys(["i", "im", "ive", "id", "me", "my", "myself"], Subject.SELF),
    # Not "them": "took them all" is about pills.
    **dict.fromkeys(["him", "her", "himself", "herself", "themselves"], Subject.OTHER),
    "yourself": Subject.GENERIC,
}


@dataclass(frozen=True, slots=True)
class Reading:
    subject: Subject
    negated: bool
    past: bool
    hypothetical: bool
    # Days or weeks ago ("got narcanned last week"): over for now, whoever it happened to.
    recent: bool = False
    # Picturing it ("i keep picturing hanging myself"): a thought of the act, not the act.
    imagined: bool = False
    # After a song, a film or a book in its sentence ("the movie where he jumps off a bridge").
    quoted: bool = False


class Scene:
    """One text's clauses, sentences and cues, read once and then asked about each phrase."""

    def __init__(self, doc: Doc, cues: list[Hit], word_sets: Mapping[str, frozenset[str]]) -> None:
        self.words = [token.lower_ for token in doc]
        self.cues: dict[str, list[Hit]] = {}
        for cue in cues:
            self.cues.setdefault(cue.label.removeprefix(CUE), []).append(cue)
        self.sets = word_sets
        breaks = {i for cue in self.cues.get("clause-break", []) for i in range(cue.start, cue.end)}
        self.clause = _numbering(
            self.words, lambda i, w: i in breaks or bool(_PUNCTUATION.match(w))
        )
        self.sentence = _numbering(self.words, lambda _i, w: bool(_SENTENCE_END.match(w)))

    def read(self, hit: Hit) -> Reading:
        hypothetical = self._hypothetical(hit)
        return Reading(
            self._subject(hit, hypothetical),
            self.negated(hit) or self._denied(hit),
            self._past(hit),
            hypothetical,
            self._recent(hit),
            bool(self._before(hit, "imagining")),
            self._quoted(hit),
        )

    def _quoted(self, hit: Hit) -> bool:
        sentence = self.sentence[hit.start]
        return any(
            cue.end <= hit.start and self.sentence[cue.start] == sentence
            for cue in self.has("quotation")
        )

    def negated(self, hit: Hit) -> bool:
        adjacent = self.sets["adjacent-negation"]
        if hit.start > 0 and self.words[hit.start - 1] in adjacent:
            return True
        return any(self._bridged(cue.end, hit.start) for cue in self._before(hit, "negation"))

    def has(self, kind: str) -> list[Hit]:
        return self.cues.get(kind, [])

    def named(self, kinds: Iterable[str], besides: Hit | None = None) -> set[str]:
        """The cue kinds in the text, not negated ("i dont have a gun") and, given a phrase,
        outside it: "get my gun" names a weapon, not a weapon in hand as well."""
        return {
            kind
            for kind in kinds
            if any(
                not self.negated(cue) and (besides is None or not besides.overlaps(cue))
                for cue in self.has(kind)
            )
        }

    def _bridged(self, start: int, end: int) -> bool:
        between = self.words[start:end]
        return len(between) <= _NEGATION_REACH and all(w in self.sets["bridge"] for w in between)

    def _denied(self, hit: Hit) -> bool:
        """A question someone asked, answered no: "asked if i was suicidal and honestly no"."""
        sentence = self.sentence[hit.start]
        asked = any(
            cue.end <= hit.start and self.sentence[cue.start] == sentence
            for cue in self.has("hypothetical")
            if self.words[cue.start] in ("asked", "asks", "asking")
        )
        return asked and any(
            cue.start >= hit.end and self.sentence[cue.start] == sentence
            for cue in self.has("denial")
        )

    def _present(self, clause: int) -> bool:
        """'now', 'today' in the clause, unless part of an anniversary ("10 years ago today")
        or a habit long gone ("i used to think about it every day")."""
        past = self.has("past")
        habits = [cue for cue in self.has("habitual") if self.clause[cue.start] == clause]
        return any(
            self.clause[cue.start] == clause
            and not any(cue.overlaps(p) for p in past)
            and not (self._is_routine(cue) and any(h.end <= cue.start for h in habits))
            for cue in self.has("present")
        )

    def _is_routine(self, cue: Hit) -> bool:
        """How often a habit was, not when: after "used to" it keeps the habit in the past."""
        return " ".join(self.words[cue.start : cue.end]) in _ROUTINE

    def _back_again(self, hit: Hit) -> bool:
        """'again' later in the sentence brings the history back: "used to be suicidal in my
        twenties but now i am again", unless negated ("never again", "dont want that again")."""
        sentence, negations = self.sentence[hit.start], self.has("negation")
        return any(
            self.words[cue.start] == "again"
            and cue.start >= hit.end
            and self.sentence[cue.start] == sentence
            and not any(self.clause[n.start] == self.clause[cue.start] for n in negations)
            for cue in self.has("present")
        )

    def _recent(self, hit: Hit) -> bool:
        clause = self.clause[hit.start]
        if self._present(clause):
            return False
        return any(self.clause[cue.start] == clause for cue in self.has("recent"))

    def _past(self, hit: Hit) -> bool:
        clause = self.clause[hit.start]
        if self._present(clause) or self._back_again(hit):
            return False
        if self._before(hit, "habitual"):
            return True
        return any(self._reaches_back(cue, hit) for cue in self.has("past"))

    def _reaches_back(self, cue: Hit, hit: Hit) -> bool:
        """'years ago' reaches its own clause; 'back in 2019,' also what follows in its sentence."""
        if self.clause[cue.start] == self.clause[hit.start]:
            return True
        return cue.end <= hit.start and self.sentence[cue.start] == self.sentence[hit.start]

    def _hypothetical(self, hit: Hit) -> bool:
        for cue in self._before(hit, "hypothetical"):
            intent = self.has("intent")
            if not any(cue.end <= other.start and other.end <= hit.start for other in intent):
                return True
        return False

    def _before(self, hit: Hit, kind: str) -> list[Hit]:
        """Cues of a kind that end before the phrase starts, in its clause."""
        clause = self.clause[hit.start]
        return [c for c in self.has(kind) if c.end <= hit.start and self.clause[c.start] == clause]

    def _reporter(self, hit: Hit) -> Subject | None:
        """Whose words these are when someone else's are reported before the phrase, in its
        sentence: "my son screamed i wish i was dead" is the son's wish (quotation marks are
        gone by now, so the speech verb and its speaker say it)."""
        sentence = self.sentence[hit.start]
        for cue in self.has("reported"):
            # Right before the phrase only: in "mom said im worthless and i want to die" the
            # wish is the texter's own.
            if (
                not 0 <= hit.start - cue.end <= _REPORT_REACH
                or self.sentence[cue.start] != sentence
            ):
                continue
            for index in range(cue.start - 1, max(cue.start - _SUBJECT_REACH, -1), -1):
                if self.sentence[index] != sentence:
                    break
                kind = self._person(self.words[index])
                if kind is not None:
                    return kind if kind is not Subject.SELF else None
        return None

    def _subject(self, hit: Hit, hypothetical: bool) -> Subject:
        """Whom the phrase is about: someone else whose words are reported, a pronoun inside
        it ("better off without me", "gave him narcan"), else the nearest person named before
        it in its clause."""
        reporter = self._reporter(hit)
        if reporter is not None:
            return Subject.OTHER
        inside = self._inside(hit)
        if inside is not None:
            return inside
        # A what-if's subject comes after it: "what should i do if someone ods" is about
        # someone, "how to give narcan" about nobody in particular.
        asked = max((cue.end for cue in self._before(hit, "hypothetical")), default=0)
        if hypothetical and any(cue.start >= asked for cue in self._before(hit, "general")):
            return Subject.GENERIC  # "if my buddy ever nods out": anyone, some day
        stop = max(asked - 1, hit.start - _SUBJECT_REACH, -1)
        clause = self.clause[hit.start]
        for index in range(hit.start, stop, -1):
            if self.clause[index] != clause:
                break
            kind = self._person(self.words[index])
            if kind is not None and not self._addressed(index):
                return kind
        # "how to give narcan" is about nobody in particular; "took 30 xans" is about the texter.
        return Subject.GENERIC if hypothetical else Subject.SELF

    def _inside(self, hit: Hit) -> Subject | None:
        """The first pronoun inside the phrase; a third person's read through its antecedent."""
        for word in self.words[hit.start : hit.end]:
            if word in _INSIDE:
                subject = _INSIDE[word]
                return (self._antecedent(hit) or subject) if subject is Subject.OTHER else subject
        return None

    def _antecedent(self, hit: Hit) -> Subject | None:
        """'her' in "someone who wants to take all her pills" is that someone: nobody in
        particular. Only a generic person named just before the phrase, in its clause, counts;
        someone named keeps the pronoun's own reading ("my sister ... her")."""
        clause = self.clause[hit.start]
        for index in range(hit.start - 1, max(hit.start - _SUBJECT_REACH, -1), -1):
            if self.clause[index] != clause:
                return None
            kind = self._person(self.words[index])
            if kind is not None:
                return Subject.GENERIC if kind is Subject.GENERIC else None
        return None

    def _addressed(self, index: int) -> bool:
        """'man' in "idk man" is said to the reader; in "my man relapsed" it is someone."""
        if self.words[index] not in self.sets["address"]:
            return False
        return index == 0 or self.words[index - 1] not in self.sets["determiners"]

    def _person(self, word: str) -> Subject | None:
        for kind, subject in _SUBJECT_SETS:
            if word in self.sets[kind]:
                return subject
        return None


def _numbering(words: list[str], is_break: Callable[[int, str], bool]) -> list[int]:
    """Numbers the stretches between breaks: tokens with the same number share a clause."""
    numbers, current = [], 0
    for index, word in enumerate(words):
        if is_break(index, word):
            current += 1
        numbers.append(current)
    return numbers
