"""How the actions read a person's words before matching them."""

from __future__ import annotations


def folded(text: str) -> str:
    """Lower case with apostrophes dropped, straight or curly: people text "dont", "don't" and
    "don\u2019t" alike, so the patterns are written once, without them."""
    return text.lower().replace("'", "").replace("\u2019", "")
