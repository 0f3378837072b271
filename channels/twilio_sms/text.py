"""Shaping text for SMS: stay inside GSM-7 where a look-alike exists, and fit Twilio's body limit.

One curly quote turns a whole message into UCS-2, which cuts a segment from 160 characters to 70:
a check-up that fit in one text arrives as three, and costs three.
"""

from __future__ import annotations

MAX_BODY_CHARS = 1600  # Twilio rejects a longer Body (error 21617)

_GSM7_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote, the apostrophe phones type
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",  # non-breaking space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow non-breaking space
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2026": "...",
        "\u200b": "",  # zero-width space: invisible, yet forces UCS-2
    }
)


def gsm7_friendly(text: str) -> str:
    """Replaces typographic characters with their ASCII look-alikes; leaves emoji alone."""
    return text.translate(_GSM7_LOOKALIKES)


def split_on_words(text: str, limit: int = MAX_BODY_CHARS) -> list[str]:
    """Parts of at most `limit` characters, broken at whitespace (mid-word only if one must)."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _last_break(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    parts.append(rest)
    return parts


def _last_break(text: str, limit: int) -> int:
    # Whitespace at index `limit` still lets text[:limit] fit, so the search includes it.
    for index in range(limit, 0, -1):
        if text[index].isspace():
            return index
    return limit  # one unbroken run (a long link): cutting it is better than not sending
