"""The lexicon screener: spaCy matchers over the clinician-reviewed lexicon, built once.

Importing this module imports spaCy (about two seconds); `escalation.screening` imports it on
first use only, so commands that never screen start fast.

Nothing is cached: the gateway screens each message once. A risk message reads the person's
last three again (did one name the means?), about 3 ms of CPU more than when readings were
kept; at 8 senders all texting risk, the gateway's median reply did not move measurably
(docs/latency.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from escalation.context import Scene
from escalation.levels import Level, Screening
from escalation.lexicon import Lexicon
from escalation.matching import CUE, RISK, Hit, LexiconMatcher
from escalation.rating import rate_text
from escalation.risk_words import load_risk_words

SIGN = "sign:"  # a warning sign's category: lends "sign_before" to the next few messages


class LexiconScreener:
    def __init__(self, lexicon: Lexicon) -> None:
        self.version = lexicon.version
        self._matcher = LexiconMatcher(lexicon)
        self._categories = {category.id: category for category in lexicon.categories}
        self._word_sets = lexicon.word_sets
        self._net_rules = lexicon.net_rules
        self._risk_words = load_risk_words(lexicon.word_lists)

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening:
        hits, scene = self._read(text)
        risky = any(hit.label.startswith(RISK) for hit in hits)
        # What earlier messages hold only lifts a risk phrase in this text: with none, they
        # cannot change the level, and reading them would only cost time.
        elsewhere = frozenset().union(*map(self.said_before, recent)) if risky else frozenset()
        return rate_text(self._categories, hits, scene, elsewhere, self._net_rules)

    def said_before(self, text: str) -> frozenset[str]:
        """What an earlier message lends this one: "means" when it names them ("i have 40 xans
        here", "my dads old pistol"), "used_before" when it names a substance or using,
        "risk_before" when the rules read it a crisis ("i wont be
        around for the next one", before "i mean it. ive got it figured out")."""
        hits, scene = self._read(text)
        found = {"means"} if scene.named({"means"}) else set()
        if scene.named({"substance"}):  # "i already used. like 20 min ago", before "im so heavy"
            found.add("used_before")
        rated = rate_text(self._categories, hits, scene, net_rules=self._net_rules)
        if rated.level >= Level.CRISIS:
            found.add("risk_before")
        if rated.level >= Level.CONCERN and any(r.startswith(SIGN) for r in rated.reasons):
            found.add("sign_before")  # "gave most of my tools to my nephew"
        return frozenset(found)

    def names_means(self, text: str) -> bool:
        """Whether a text names the means ("i have 40 xans here", "my dads old pistol")."""
        return bool(self._read(text)[1].named({"means"}))

    def names_means_or_crisis(self, text: str) -> bool:
        """Whether a text names the means or is itself a crisis by the rules: for what stands
        behind a risk model's vote in the person's last few messages."""
        # Using named ("I drank Saturday") stands behind nothing: it only lifts an overdose's
        # signs said after it (lexicon 20).
        return bool(self.said_before(text) - {"used_before"})

    def speaks_of_risk(self, text: str) -> bool:
        """Whether a text has a word of death, of a method or means, or of harm
        (risk_words.yml), read as the rules read words (lower case, spellings normalised)."""
        doc = self._matcher.nlp.make_doc(self._matcher.normalise(text))
        return any(token.lower_ in self._risk_words for token in doc)

    def _read(self, text: str) -> tuple[list[Hit], Scene]:
        doc, hits = self._matcher(text)
        cues = [hit for hit in hits if hit.label.startswith(CUE)]
        return hits, Scene(doc, cues, self._word_sets)
