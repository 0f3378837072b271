"""Spanish, for ordinary messages: the assistant itself talks in English only, so a message in
Spanish gets an honest reply in Spanish about what there is in Spanish (988, press 2 or text
AYUDA; SAMHSA's helpline) and the offer of a peer. Pure: context_reply.py decides when.

A message is Spanish when the gateway's own reading says so (escalation/companion/language.py,
the one it uses for its crisis, STOP and HELP texts: Spanish words and marks, accents or not, so
"no se si puedo seguir asi" is Spanish), when the engine names the `speak_spanish` intent, or
when it answers the assistant's own Spanish reply: "sí" on its own says nothing about its
language.
"""

from __future__ import annotations

import re

from escalation.companion.language import language_of

INTENT = "speak_spanish"
AVAILABLE = "utter_spanish_available"  # what there is in Spanish, and the offer of a peer
PEER_ASKED = "utter_spanish_peer_asked"  # {wait}: "15 minutos"
DECLINED = "utter_spanish_declined"
RESPONSES = (AVAILABLE, PEER_ASKED, DECLINED)

# The whole message: "no sé qué hacer" is not a no, "sí, pero..." not a plain yes.
_POLITE = r"(?:\W+(?:por\s+favor|porfa|gracias|claro|ahora|por\s+ahora))*\W*$"
_YES_WORDS = r"s[ií]|claro(?:\s+que\s+s[ií])?|dale|vale|bueno|ok(?:ay)?|por\s+favor|yes|yeah"
_NO_WORDS = r"no|nel|nop|ahora\s+no|mejor\s+no|todav[ií]a\s+no"
_YES = re.compile(rf"^\W*(?:{_YES_WORDS}){_POLITE}", re.IGNORECASE)
_NO = re.compile(rf"^\W*(?:{_NO_WORDS}){_POLITE}", re.IGNORECASE)


def is_spanish(text: str) -> bool:
    """Clearly Spanish on its own (no earlier message counts: "ok" or "si" is not)."""
    return language_of(text, None) == "es"


def answer_to_offer(intent: str, text: str) -> bool | None:
    """A yes (True) or a no (False) to the Spanish offer of a peer; None when it is neither."""
    if intent == "deny" or _NO.search(text):
        return False
    if intent == "affirm" or _YES.search(text):
        return True
    return None
