"""The lexicon screener: spaCy matchers over the clinician-reviewed lexicon, built once.

Importing this module imports spaCy (about two seconds); `escalation.screening` imports it on
first use only, so commands that never screen start fast.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.tokens import Doc

from escalation.context import Scene
from escalation.levels import Screening
from escalation.lexicon import Lexicon
from escalation.matching import CUE, RISK, Hit, LexiconMatcher
from escalation.rating import rate_text


class LexiconScreener:
    def __init__(self, lexicon: Lexicon) -> None:
        self.version = lexicon.version
        self._matcher = LexiconMatcher(lexicon)
        self._categories = {category.id: category for category in lexicon.categories}
        self._word_sets = lexicon.word_sets
        self._net_rules = lexicon.net_rules

    def __call__(self, text: str, recent: Sequence[str] = ()) -> Screening:
        _hits, _scene, risky = self._read(text)
        # Means named earlier only lift a risk phrase in this text: with none, the earlier
        # texts cannot change the level, and reading them would only cost time.
        means_elsewhere = risky and any(self._names_means(earlier) for earlier in recent)
        return self._rated(text, means_elsewhere)

    # Cached because screening is pure and a text is often screened twice: the gateway screens
    # it alone while it is being stored, then again with the person's earlier messages.
    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one screener per process, kept for good
    def _read(self, text: str) -> tuple[tuple[Hit, ...], Scene, bool]:
        doc, hits = self._matcher(text)
        risky = any(hit.label.startswith(RISK) for hit in hits)
        return tuple(hits), self._scene(doc, hits), risky

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - as above
    def _rated(self, text: str, means_elsewhere: bool) -> Screening:
        hits, scene, _risky = self._read(text)
        return rate_text(self._categories, list(hits), scene, means_elsewhere, self._net_rules)

    @functools.lru_cache(maxsize=2048)  # noqa: B019 - one screener per process, kept for good
    def _names_means(self, text: str) -> bool:
        """Whether an earlier text named the means ("i have 40 xans here"). Cached: each
        message is read again as context for the person's next three."""
        return bool(self._read(text)[1].named({"means"}))

    def clear_cache(self) -> None:
        """Forgets every text screened so far, so the next screening of any text does the work
        again: for timing screening itself, not a look-up (escalation/evaluation/benchmark.py).
        The caches are the class's, so this clears them for every rules screener."""
        LexiconScreener._read.cache_clear()
        LexiconScreener._rated.cache_clear()
        LexiconScreener._names_means.cache_clear()

    def _scene(self, doc: Doc, hits: list[Hit]) -> Scene:
        cues = [hit for hit in hits if hit.label.startswith(CUE)]
        return Scene(doc, cues, self._word_sets)
