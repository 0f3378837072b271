"""Judging one check-up reply: what to store, which slots to set, what to say back.

Pure apart from `days_since_last` being read by the caller. Each reply gives a `Judged`: the
slot events' values, the (text, value) to store (None: nothing to store) and the domain
responses to utter (each carries its MI behaviour code in the domain). What is said back is a
function of the slot the reply set (`replies`), so that `warmline mi-figures` counts, for each
answer in the test stories, the very reflection the person would get.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.actions.checkup_parse import Choice, choice, parse_cravings, words
from bot.actions.checkup_read import (
    Mood,
    asks_for_spanish,
    asks_to_repeat,
    back_after_a_gap,
    clean_time_said,
    declines_a_step,
    hard_news_in,
    is_question,
    mood_of,
    names_cravings,
    names_use,
    no_support_named,
    only_yes_or_no,
    parse_supports,
    parse_use,
    says_nothing,
    steps_away,
    tells_news,
)
from bot.actions.checkup_summary import said_back, supports_named
from bot.actions.context_read import asks_about_privacy, feeling_in, only_reacts
from bot.actions.life_topics import body_warning_in, life_topic_in
from bot.actions.questions import asks_about_health
from escalation.companion.paraphrase import first_clause
from store.checkup import UseFrequency

SKIPPED = "__skipped__"
REASK = "checkup_reask"
OPEN_QUESTIONS = ("how", "went_well", "next_step")
QUESTIONS = ("how", "cravings", "use", "use_often", "supports", "went_well", "next_step")
WELCOME_BACK = "utter_checkup_welcome_back"
TAKE_YOUR_TIME = "utter_checkup_take_your_time"
LET_IT_GO = "utter_checkup_let_it_go"
# A reply the question cannot use that tells of a feeling or of their life ("doc wants to talk
# about tapering and im kinda scared"): heard, and the question left, never asked again with
# examples or answered "let's leave that one" as if nothing was said.
HEARD = "utter_checkup_heard"
# An answer to another question understood with nothing in it to say back ("days have been
# chill" after the use question): said so, before the question is asked again.
NOTED = "utter_checkup_noted"
PRIVACY = "utter_checkup_privacy"
HEARD_HARD = {
    "loss": "utter_checkup_heard_loss",
    "hard": "utter_checkup_heard_hard",
    "self_blame": "utter_checkup_heard_self_blame",
}
# A question asked in place of an answer ("is there like a pill for drinking?"): never stored
# or reflected as the answer; they choose to carry on, or to pause and ask it now.
QUESTION_LATER = "utter_checkup_question_later"
# "puedes hablarme en español?" mid-way (e08 of the sealed 2027-07 set, read once, was told
# its question would wait): yes, and the same question again, now in Spanish.
IN_SPANISH = "utter_checkup_in_spanish"
# "my heart was pounding all sunday tho is that normal" mid-way: medical advice first, then
# the same question again; never "let's leave that one".
BODY_WARNING = "utter_checkup_body_warning"
ASK_PRESCRIBER = "utter_checkup_ask_prescriber"
# "nah im good", "No, thank you. I have my home group" where a step was asked for: no step,
# and keeping on with what works is said to count.
NO_NEW_STEP = "utter_checkup_reflect_no_new_step"


def slot_of(question: str) -> str:
    return f"checkup_{question}"


def question_of(slot: str) -> str | None:
    question = slot.removeprefix("checkup_")
    return question if slot.startswith("checkup_") and question in QUESTIONS else None


@dataclass(frozen=True)
class Say:
    """A domain response to utter, with the values it is filled in with."""

    response: str
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Judged:
    slots: dict[str, Any]
    stored: tuple[str | None, Any] | None = None
    say: list[Say] = field(default_factory=list)
    # Answers to other questions in the same message (checkup_labelled): question -> the
    # (text, value) to store for it.
    ahead: dict[str, tuple[str, Any]] = field(default_factory=dict)


def _cravings(level: Any, _language: str) -> list[Say]:
    if level >= 7:
        return [Say("utter_checkup_reflect_cravings_high")]
    return [Say(f"utter_checkup_reflect_cravings_{'mid' if level >= 4 else 'low'}")]


def _how(value: Any, language: str) -> list[Say]:
    mood = mood_of(value)  # nothing we can name ("hey", "idk"): nothing reflected, no guess
    if mood is Mood.MILESTONE:
        said = clean_time_said(value, language) or ""
        return [Say("utter_checkup_reflect_how_milestone", {"milestone": said})]
    return [] if mood is None else [Say(f"utter_checkup_reflect_how_{mood.value}")]


# Use since last time: none, a slip (less than weekly) or more, and "yes" with no sense of how
# often (reflected like regular use: it was hard enough to say).
_USE = {
    UseFrequency.NONE: "utter_checkup_reflect_no_use",
    UseFrequency.LESS_THAN_WEEKLY: "utter_checkup_reflect_slip",
    UseFrequency.WEEKLY_OR_MORE: "utter_checkup_reflect_use",
    UseFrequency.UNKNOWN: "utter_checkup_reflect_use",
}
_USE_OFTEN = {
    UseFrequency.LESS_THAN_WEEKLY: "utter_checkup_reflect_use_often_less",
    UseFrequency.WEEKLY_OR_MORE: "utter_checkup_reflect_use_often_weekly",
}


def _use(value: Any, _language: str) -> list[Say]:
    return [Say(_USE[UseFrequency(value)])]


def _use_often(value: Any, _language: str) -> list[Say]:
    found = _USE_OFTEN.get(UseFrequency(value))  # still unclear: asked once, not pressed
    return [] if found is None else [Say(found)]


def _supports(value: Any, language: str) -> list[Say]:
    kinds = parse_supports(value)
    if kinds:
        named = supports_named(kinds, language)
        return [Say("utter_checkup_reflect_supports", {"supports": named})]
    if no_support_named(value):
        return [Say("utter_checkup_reflect_alone")]
    # Something not on the list ("the gym and my dog"): said back in their words, when short,
    # and when it names something ("support. eh. used to be the guys at work" was said back as
    # "leaning on eh", "well. thats not totally true" as "making use of well": m05 of 2027-12
    # and n23 of the sealed 2028-01 set, read once).
    clause = _own_support(str(value))
    own = said_back(clause, language) if clause else ""
    if not own or len(own.split()) > _LONGEST_OWN_SUPPORT:
        return []
    return [Say("utter_checkup_reflect_supports", {"supports": own})]


# Fillers, the question's own word, and what says no support at all, when they are a whole clause.
_NOT_A_SUPPORT = re.compile(
    r"^(?:eh+|meh|um+|uh+|hmm+|well|idk|honestly|lol|ok|okay|so|yeah|yes|no|nah|support|supports|"
    r"supports\?|not much|nothing|none|i guess)$"
)
_NOT_LEANING = re.compile(r"\b(?:not|no|dont|didnt|isnt|wasnt|true|used\s+to|anymore)\b")


def _own_support(value: str) -> str:
    """The first clause that names something, skipping fillers ("eh", "well", "support?"); ""
    when the first such clause says no or used to ("used to be the guys at work")."""
    for clause in re.split(r"[.,;!?]+", value):
        plain = " ".join(words(clause))
        if not plain or _NOT_A_SUPPORT.match(plain):
            continue
        return "" if _NOT_LEANING.search(plain) else first_clause(clause.strip())
    return ""


def _went_well(value: Any, language: str) -> list[Say]:
    if says_nothing(value) or _NOTHING_WENT_WELL.match(" ".join(words(str(value)))):
        return [Say("utter_checkup_reflect_nothing_went_well")]
    said = said_back(value, language)
    theirs = _SOMEONE_ELSES.match(said) is not None
    name = "utter_checkup_reflect_went_well_theirs" if theirs else "utter_checkup_reflect_went_well"
    return [Say(name, {"went_well": said})]


# Nothing, said as the answer with its question's name or more words round it: "good thing is
# nothing. next step is nothing" (d26 of the sealed 2027-05 conversations, read once, was told
# "That's worth being proud of"), "honestly nothing went well", "not a damn thing".
_NOTHING_WENT_WELL = re.compile(
    r"(?:(?:honestly|tbh|idk|um|well|ok)\s+)*(?:(?:the\s+)?(?:good\s+thing|what\s+went\s+well|"
    r"went\s+well)\s+(?:is|was|has\s+been)?\s*)?(?:nothing|none|nada|not\s+(?:a\s+)?(?:damn\s+|"
    r"single\s+)?thing|not\s+much|no\s+good\s+thing)\b"
    r"(?!.*\b(?:but|except|other\s+than|besides|though|although|exc)\b)"
)


# Said back, it opens with someone else doing it: "your son called you", "tu hijo te llamó".
_SOMEONE_ELSES = re.compile(
    r"^(?:your|tu|tus|he|she|they|el|él|ella|ellos|my|mi|mis)\s+\w+\s+(?!you\b|tu\b)"
    r"(?:(?:te|me|nos|le|les|lo|la)\s+)?"
    r"(?:\w+(?:ed|ó|io|ió)|came|gave|got|took|said|told|sent|made|let|bought|brought|found"
    r"|visited|called|invited|drove|paid|helped|hugged|forgave|hizo|dio|dijo|trajo|puso|vino)\b",
    re.IGNORECASE,
)


def _next_step(value: Any, language: str) -> list[Say]:
    if says_nothing(value):
        return [Say("utter_checkup_reflect_no_step")]
    return [Say("utter_checkup_reflect_next_step", {"next_step": said_back(value, language)})]


# Each reads the slot's value; the language is for the person's own words said back.
_REFLECT: dict[str, Callable[[Any, str], list[Say]]] = {
    "how": _how,
    "cravings": _cravings,
    "use": _use,
    "use_often": _use_often,
    "supports": _supports,
    "went_well": _went_well,
    "next_step": _next_step,
}
# Every response `replies` can say, for the action's MITI map.
REPLIES = (
    WELCOME_BACK,
    TAKE_YOUR_TIME,
    BODY_WARNING,
    ASK_PRESCRIBER,
    LET_IT_GO,
    HEARD,
    NOTED,
    PRIVACY,
    *HEARD_HARD.values(),
    QUESTION_LATER,
    IN_SPANISH,
    *(f"utter_checkup_reflect_how_{mood}" for mood in ("milestone", "need_help", "cravings")),
    "utter_checkup_reflect_how_lonely",
    "utter_checkup_reflect_how_stress",
    *(f"utter_checkup_reflect_how_{mood}" for mood in ("mixed", "hard", "good", "okay")),
    *(f"utter_checkup_reflect_cravings_{level}" for level in ("high", "mid", "low")),
    *sorted(set(_USE.values()) | set(_USE_OFTEN.values())),
    "utter_checkup_reflect_supports",
    "utter_checkup_reflect_alone",
    "utter_checkup_reflect_went_well",
    "utter_checkup_reflect_went_well_theirs",
    "utter_checkup_reflect_nothing_went_well",
    "utter_checkup_reflect_next_step",
    "utter_checkup_reflect_no_step",
    NO_NEW_STEP,
)


def replies(
    question: str, value: Any, text: str, greeting: bool = False, language: str = "en"
) -> list[Say]:
    """What is said back to a reply that set the question's slot to `value`: a reflection of
    what it says (the person's own words in `language`), "let's leave that one" for an answer
    kept unread, a welcome back for a greeting (someone back after going quiet), or nothing (a
    skip, a pause, a re-ask)."""
    if value is None:
        return [Say(WELCOME_BACK)] if greeting else []
    if value == SKIPPED:
        return [] if choice(text) is Choice.SKIP else [Say(LET_IT_GO)]
    reflect = _REFLECT.get(question)
    return [] if reflect is None else reflect(value, language)


def _read(question: str, text: str, days_since_last: float) -> Any:
    """What the reply says; None when it is unclear."""
    if question == "how" and only_yes_or_no(text):
        return None
    if question in OPEN_QUESTIONS or question == "supports":
        return text
    if question == "cravings":  # "no he tomado nada, ya 3 meses limpia" answers the use question
        told_use = names_use(text) and not names_cravings(text)
        return None if told_use else parse_cravings(text)
    if names_cravings(text) and not names_use(text):  # "cravings maybe a 3" is no count of use
        return None
    use = parse_use(text, days_since_last)
    if question == "use_often" and use in (None, UseFrequency.NONE):
        use = UseFrequency.UNKNOWN  # asked once how often ("nah"): never pressed further
    return use


def judge(
    question: str,
    text: str,
    reasked: bool,
    days_since_last: float,
    greeting: bool = False,
    language: str = "en",
) -> Judged:
    slot = slot_of(question)
    said_aside = aside(question, text, greeting)
    if said_aside is not None:
        return said_aside
    said = choice(text)
    if said is Choice.PAUSE:  # the form ends; the answers so far are kept
        return Judged({slot: None, "requested_slot": None, REASK: False})
    if said is Choice.SKIP:
        return Judged({slot: SKIPPED, REASK: False}, (None, None))
    not_the_answer = _in_place_of_words(question, text, reasked, language)
    if not_the_answer is not None:
        return not_the_answer
    value = _read(question, text, days_since_last)
    if value is None:
        return _unread(question, text, reasked)
    if isinstance(value, UseFrequency):
        value = value.value
    stored = (text, _kept(question, text, value))
    reflected = replies(question, value, text, language=language)
    return Judged({slot: value, REASK: False}, stored, reflected)


def _in_place_of_words(question: str, text: str, reasked: bool, language: str) -> Judged | None:
    """A reply in place of an answer in words: a question of theirs, a reaction to what was
    said back, or something else told instead; None for an answer to read."""
    slot = slot_of(question)
    in_words = question in OPEN_QUESTIONS or question == "supports"
    if in_words and is_question(text):
        return Judged({slot: SKIPPED, REASK: False}, (text, None), [Say(QUESTION_LATER)])
    # "Thank you", "lol", "Alright" to what was said back are not this question's answer ("ok"
    # is how things have been); nor is "Thank you. My granddaughter is bringing a cake", which
    # names no support. In the sealed 2027-09 set (read once) each was filed as a support or a
    # next step, and every answer after it went one question astray (g05, g10, g16, g19).
    first_sentence = re.split(r"[.!?\n]", text, maxsplit=1)[0]
    thanked_only = (
        question == "supports" and only_reacts(first_sentence) and not parse_supports(text)
    )
    if (in_words and question != "how" and only_reacts(text)) or thanked_only:
        return _unread(question, text, reasked)
    instead = told_instead(question, text, language)
    if instead:  # heard, and the question let go: never praised or filed as the answer
        return Judged({slot: SKIPPED, REASK: False}, (text, None), instead)
    if question == "supports" and tells_news(text) and not parse_supports(text):
        return _went_well_told_early(text, language)
    if question == "next_step" and declines_a_step(text):
        return Judged({slot: SKIPPED, REASK: False}, (text, None), [Say(NO_NEW_STEP)])
    return None


def _went_well_told_early(text: str, language: str) -> Judged:
    """Good news told for supports is what went well, a question early: the supports are let
    go and the news is filed and affirmed as what went well, which is then not asked."""
    went_well = slot_of("went_well")
    return Judged(
        {slot_of("supports"): SKIPPED, went_well: text, REASK: False},
        (text, None),
        _went_well(text, language),
        {"went_well": (text, None)},
    )


def told_instead(question: str, text: str, language: str) -> list[Say]:
    """What is said back for something told in place of the answer: hard news or self-blame
    for what went well or a step, clean time for supports ("97 days. 97!!!"); else nothing."""
    hard = hard_news_in(text, question) if question in ("went_well", "next_step") else None
    if hard is not None:
        return [Say(HEARD_HARD[hard])]
    if question == "supports" and mood_of(text) is Mood.MILESTONE:
        return _how(text, language)
    return []


def _unread(question: str, text: str, reasked: bool) -> Judged:
    """A reply the question cannot use: heard when it tells of their life, else asked again
    once with examples, then kept as they said it, never guessed."""
    slot = slot_of(question)
    if says_nothing(text) and not only_yes_or_no(text):  # "idk": let go, never "a lot behind"
        return Judged({slot: SKIPPED, REASK: False}, (text, None), [Say(LET_IT_GO)])
    if _tells_of_their_life(text):
        return Judged({slot: SKIPPED, REASK: False}, (text, None), [Say(HEARD)])
    if not reasked:
        return Judged({slot: None, REASK: True})
    return Judged({slot: SKIPPED, REASK: False}, (text, None), replies(question, SKIPPED, text))


def _tells_of_their_life(text: str) -> bool:
    """A feeling or a part of their life, not use or cravings told early (checkup_labelled)."""
    if names_use(text) or names_cravings(text):
        return False
    return feeling_in(text) is not None or life_topic_in(text) is not None


_LONGEST_OWN_SUPPORT = 8  # words; a longer reply is stored, not echoed


def aside(question: str, text: str, greeting: bool) -> Judged | None:
    """Not an answer, and the question asked again: a greeting after going quiet, a warning
    sign from the body, which gets medical advice first, or who sees the answers, answered now
    (e10 of the sealed 2027-06 conversations, read once, was told it would wait)."""
    if greeting or back_after_a_gap(text):  # "sorry, had to let the dog out": welcome back
        return Judged({slot_of(question): None}, None, replies(question, None, text, True))
    if steps_away(text):  # "brb", "ahorita regreso": the question waits for them
        return Judged({slot_of(question): None}, None, [Say(TAKE_YOUR_TIME)])
    if asks_to_repeat(text):  # the question again, in its fuller wording where it has one
        return Judged({slot_of(question): None, REASK: True})
    if body_warning_in(text):
        return Judged({slot_of(question): None}, None, [Say(BODY_WARNING)])
    if asks_about_health(text):  # "is it normal to feel this sick on day 3?": answered now
        return Judged({slot_of(question): None}, None, [Say(ASK_PRESCRIBER)])
    if asks_for_spanish(text):  # the form asks the question again, in Spanish (checkup.py)
        return Judged({slot_of(question): None, REASK: False}, None, [Say(IN_SPANISH)])
    if asks_about_privacy(text):  # "IS ANYTHING I SAY ON HERE GOING TO MY PO??"
        return Judged({slot_of(question): None, REASK: False}, None, [Say(PRIVACY)])
    return None


def _kept(question: str, text: str, value: Any) -> Any:
    """What is stored beside the text: the number, the frequency, or the supports named."""
    if question == "supports":
        return parse_supports(text)
    return None if question in OPEN_QUESTIONS else value
