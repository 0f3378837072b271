"""SMS keywords, as US carriers require of every SMS program: STOP, START and HELP and their
synonyms, and YES from someone who opted out.

A message that is only the keyword counts ("Stop", " STOP! "), never a keyword inside a sentence
("I can't stop using" is someone who needs an answer, not an unsubscribe).
"""

from __future__ import annotations

import string

from channels.keywords import Keyword

_WORDS = {
    **dict.fromkeys(("stop", "stopall", "unsubscribe", "cancel", "end", "quit"), Keyword.STOP),
    **dict.fromkeys(("start", "unstop"), Keyword.START),
    **dict.fromkeys(("help", "info"), Keyword.HELP),
    # Spanish: the program answers HELP in Spanish to AYUDA (as 988 does), and takes the common
    # Spanish opt-out words as STOP (carriers' own STOP handling is English-only).
    **dict.fromkeys(("parar", "cancelar", "baja"), Keyword.STOP),
    "ayuda": Keyword.HELP,
}
# YES opts back in only someone who opted out; to anyone else it is an answer to a question.
_OPT_IN_WHEN_STOPPED = {"yes"}
_EDGES = string.whitespace + string.punctuation


def sms_keyword(text: str, *, opted_out: bool) -> Keyword | None:
    """The keyword a text message is, or None for anything else."""
    word = text.strip(_EDGES).lower()
    if opted_out and word in _OPT_IN_WHEN_STOPPED:
        return Keyword.START
    return _WORDS.get(word)
