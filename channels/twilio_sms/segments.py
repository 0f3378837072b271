"""How many SMS segments a body goes out as: what a sender's rate counts, not API calls.

A long code sends about one segment a second. A body of up to 160 GSM-7 characters is one
segment; a longer one is cut into segments of 153 (the rest is the header that joins them).
One character outside GSM-7 (an emoji) makes the whole body UCS-2: 70, then 67 a segment.
"""

from __future__ import annotations

import math

# GSM 03.38: the basic set, and the extension set whose characters take two septets each.
_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENDED = frozenset("^{}\\[~]|€\f")


def segments(body: str) -> int:
    """The number of segments `body` is sent as (at least one)."""
    if all(char in _BASIC or char in _EXTENDED for char in body):
        units = len(body) + sum(char in _EXTENDED for char in body)
        single, joined = 160, 153
    else:
        units = len(body.encode("utf-16-le")) // 2  # an emoji is two UTF-16 units
        single, joined = 70, 67
    return 1 if units <= single else math.ceil(units / joined)
