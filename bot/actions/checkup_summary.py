"""The closing summary of a check-up, in the person's own words: pure, no I/O.

Their words are said back in the second person ("call my sponsor" -> "call your sponsor"),
without quotation marks (a reflection, not a transcript) and never cut in the middle of a
phrase; each part is a whole sentence. What they skipped is left out, and use is not repeated:
a summary shows on a lock screen, and it is theirs to bring up again, not ours.
"""

from __future__ import annotations

import re

from bot.actions.checkup_read import no_support_named, parse_supports, says_nothing
from escalation.companion.paraphrase import second_person, tidy

SUPPORT_NAMES = {
    "en": {
        "meetings": "meetings",
        "sponsor": "your sponsor",
        "peer": "a peer",
        "counselor": "your counselor",
        "medication": "your medication",
        "family": "your family",
        "friends": "friends",
        "faith": "your faith",
    },
    "es": {
        "meetings": "las reuniones",
        "sponsor": "tu padrino o madrina",
        "peer": "un compañero de apoyo",
        "counselor": "tu consejero o terapeuta",
        "medication": "tu medicamento",
        "family": "tu familia",
        "friends": "tus amistades",
        "faith": "tu fe",
    },
}
# The summary's parts, by language: what each answer is said back as.
_PARTS = {
    "en": {
        "how": "on how things have been, you said {}",
        "cravings": "cravings were around {} out of 10",
        "leaned": "you leaned on {}",
        "named": "for support, you named {}",
        "on_own": "for support, it's mostly been you",
        "went_well": "something that went well: {}",
        "nothing_went_well": "nothing in particular stood out as going well, and that's okay",
        "next_step": "your next step, in your words: {}",
        "no_step": "the next step isn't clear yet",
        "short": "You chose to keep this one short, and that's okay.",
        "and": " and ",
    },
    "es": {
        "how": "sobre cómo te ha ido, me dijiste {}",
        "cravings": "las ganas de consumir estuvieron en un {} de 10",
        "leaned": "te apoyaste en {}",
        "named": "como apoyo, nombraste {}",
        "on_own": "el apoyo ha venido sobre todo de ti",
        "went_well": "algo que salió bien: {}",
        "nothing_went_well": "nada en especial destacó como algo que salió bien, y está bien",
        "next_step": "tu siguiente paso, en tus palabras: {}",
        "no_step": "el siguiente paso todavía no está claro",
        "short": "Preferiste que este fuera corto, y está bien.",
        "and": " y ",
    },
}


# The question's own name said before the answer ("next step: hit the thursday meeting", "went
# well: i cooked her dinner"), as people answer a list of questions: not said back.
_LABEL = re.compile(
    r"^\s*(?:my\s+)?(?:next\s+step|went\s+well|supports?|siguiente\s+paso)(?:\s+is)?\s*[:=-]\s*",
    re.IGNORECASE,
)


def said_back(text: str, language: str = "en") -> str:
    """Their answer in the second person, filler dropped, ending where a clause ends."""
    text = _LABEL.sub("", text) or text
    if language != "es":
        return second_person(tidy(text, language), language)
    # "mi hijo me llamó": the shared table's "llamo" (I call myself) must not turn a "llamó"
    # (he called) into "llamas", so a final ó is kept out of its reach.
    kept = _STRESSED_O.sub(_HIDDEN_O, _LEADING_QUE.sub("", tidy(text, language)))
    return _past_to_you(second_person(kept, language).replace(_HIDDEN_O, "ó"))


_LEADING_QUE = re.compile(r"^que\s+", re.IGNORECASE)  # "que mi hijo me llamó"
_STRESSED_O = re.compile(r"ó\b")
_HIDDEN_O = "\ue000"


# Spanish answers about the last few days are mostly in the preterite, first person ("volví
# a trabajar", "hablé con mi padrino"): said back as "volviste", "hablaste". The companion's
# shared table (escalation/companion/companion.yml) swaps pronouns and present-tense verbs;
# this is the check-up's own, so the crisis path is untouched.
_IRREGULAR_PAST = {
    "fui": "fuiste", "hice": "hiciste", "tuve": "tuviste", "estuve": "estuviste",
    "pude": "pudiste", "dije": "dijiste", "vine": "viniste", "puse": "pusiste",
    "supe": "supiste", "quise": "quisiste", "di": "diste", "vi": "viste", "anduve": "anduviste",
}  # fmt: skip
# Words ending in é or í that are not a verb in the first person.
_NOT_VERBS = {
    "cafe", "bebe", "que", "se", "fe", "te", "si", "aqui", "alli", "ahi", "asi", "mi", "ti",
    "mani", "ali", "jose", "rene", "andre",
}  # fmt: skip
_WORD = re.compile(r"\w+", re.UNICODE)


def _you_did(match: re.Match[str]) -> str:
    word = match.group(0)
    lowered = word.lower()
    if lowered in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lowered]
    folded = lowered.translate(_FOLD)
    if len(lowered) < 4 or folded in _NOT_VERBS or word[:1].isupper():
        return word
    if lowered.endswith("é"):  # hablé, llamé, trabajé
        return word[:-1] + "aste"
    if lowered.endswith("í"):  # volví, salí, comí
        return word[:-1] + "iste"
    return word


_FOLD = str.maketrans("áéíóúü", "aeiouu")


def _past_to_you(said: str) -> str:
    return _WORD.sub(_you_did, said)


def _sentence(text: str) -> str:
    """A whole sentence: capitalised, after a full stop inside it too ("cansada. Tu mamá")."""
    text = re.sub(r"([.!?]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    return text[:1].upper() + text[1:] + ("" if text.endswith(("?", "!")) else ".")


def listed(items: list[str], language: str = "en") -> str:
    last = _PARTS[language]["and"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def supports_named(kinds: list[str], language: str = "en") -> str:
    """ "meetings and your sponsor", "las reuniones y tu padrino o madrina"."""
    return listed([SUPPORT_NAMES[language][kind] for kind in kinds], language)


def _supports_part(text: str, language: str) -> str:
    kinds = parse_supports(text)
    if kinds:
        return _PARTS[language]["leaned"].format(supports_named(kinds, language))
    if no_support_named(text):
        return _PARTS[language]["on_own"]
    return _PARTS[language]["named"].format(said_back(text, language))


def _own_words(text: str, said: str, nothing: str, language: str) -> str:
    """An answer in their words, or what its "idk" or "nothing really" means, said plainly."""
    part = _PARTS[language]
    return part[nothing] if says_nothing(text) else part[said].format(said_back(text, language))


def summary(answers: dict[str, str | int | None], language: str = "en") -> str:
    """What they said, question by question, in the check-up's language; `answers` holds the
    texts (cravings: 0-10)."""
    part = _PARTS[language]
    parts: list[str] = []
    how, cravings, supports = answers.get("how"), answers.get("cravings"), answers.get("supports")
    went_well, step = answers.get("went_well"), answers.get("next_step")
    if isinstance(how, str):
        parts.append(part["how"].format(said_back(how, language)))
    if isinstance(cravings, int):
        parts.append(part["cravings"].format(cravings))
    if isinstance(supports, str):
        parts.append(_supports_part(supports, language))
    if isinstance(went_well, str):
        parts.append(_own_words(went_well, "went_well", "nothing_went_well", language))
    if isinstance(step, str):
        parts.append(_own_words(step, "next_step", "no_step", language))
    if not parts:
        return part["short"]
    return " ".join(_sentence(part) for part in parts)
