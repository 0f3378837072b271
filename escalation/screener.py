"""The lexicon screener: spaCy matchers over the clinician-reviewed lexicon, built once.

Importing this module imports spaCy (about two seconds); `escalation.screening` imports it on
first use only, so commands that never screen start fast.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from escalation.context import Scene
from escalation.levels import Screening
from escalation.lexicon import Lexicon
from escalation.matching import CUE, Hit, LexiconMatcher
from escalation.rating import rate_text


class LexiconScreener:
    def __init__(self, lexicon: Lexicon) -> None:
        self.version = lexicon.version
        self._matcher = LexiconMatcher(lexicon)
        self._categories = {category.id: category for category in lexicon.categories}
        self._word_sets = lexicon.word_sets
        self._net_rules = lexicon.net_rules

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening:
        doc, hits = self._matcher(text)
        scene = self._scene(doc, hits)
        means_elsewhere = self._names_means(recent)
        return rate_text(self._categories, hits, scene, means_elsewhere, self._net_rules)

    def _names_means(self, texts: Sequence[str]) -> bool:
        """Whether earlier texts named the means ("i have 40 xans here")."""
        for text in texts:
            doc, hits = self._matcher(text)
            if self._scene(doc, hits).named({"means"}):
                return True
        return False

    def _scene(self, doc: Doc, hits: list[Hit]) -> Scene:
        cues = [hit for hit in hits if hit.label.startswith(CUE)]
        return Scene(doc, cues, self._word_sets)
