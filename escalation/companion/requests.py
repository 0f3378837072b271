"""Asked for something, answered: a number, treatment, naloxone, or a person.

A crisis line that deflects "where can i get narcan" loses the person; so does one that pretends
to be human. Sources: SAMHSA National Helpline, Never Use Alone, Poison Control, 988 Lifeline.
"""

from __future__ import annotations

from escalation.companion.compose import Voice
from escalation.companion.matching import says
from escalation.companion.state import State

# Extra lines for what the request names, beside the SAMHSA helpline.
_EXTRAS = (
    ("family_groups", "resources.family"),
    ("detox_tonight", "resources.detox_tonight"),
    ("naloxone_request", "resources.naloxone"),
    ("using_alone", "resources.alone"),
    ("poison", "resources.poison"),
)


def asks_for_person(said: str) -> bool:
    return says(said, "person")


def asks_for_resources(said: str) -> bool:
    """A resource named in a request ("where can i get narcan"), not in passing ("my therapist")."""
    if says(said, "detox_tonight"):
        return True
    asked = said.endswith("?") or says(said, "question_back")  # "whats the narcan thing"
    return says(said, "resources") and (says(said, "resource_request") or asked)


def person_reply(voice: Voice, state: State) -> list[str]:
    """Each request for a person gets the next wording: a second "I WANT A REAL PERSON" is
    frustration to acknowledge, not the same text again."""
    state.person += 1
    return [voice.say("person.alerted", offset=state.person - 1 - voice.turn)]


def resources_reply(said: str, voice: Voice) -> list[str]:
    extras = [voice.say(key) for phrases, key in _EXTRAS if says(said, phrases)]
    return [voice.say("resources.samhsa"), *extras[:1]]


def information_asked(said: str, voice: Voice) -> list[str]:
    """How to tell an overdose, whether naloxone can hurt someone who took none (a parent
    asking about a son), whether 988 takes texts, someone to stay with them, a wound's care,
    asked as a question or told: answered, never taken for a plan answer."""
    for asked, reply in _ANSWERED:
        if says(said, asked):
            return [voice.say(reply)]
    return []


# Each question (or report) and its answer, first found first.
_ANSWERED = (
    ("asks_naloxone_safe", "naloxone.safe"),
    ("asks_text_988", "text_988.answer"),  # "Can I text 988 instead of calling?"
    ("asks_spanish_line", "spanish_line.answer"),  # "¿la linea habla español?"
    ("asks_company", "company.answer"),  # "ill flush them if someone stays on with me"
    ("asks_stitches", "stitches.answer"),  # "do i need stitches"
    ("wound_tended", "wound.tended"),  # "ok i'm pressing on it"
    ("asks_stay", "stay.answer"),  # "will you stay on here while i call that number"
    ("asks_follow_up", "follow_up.answer"),  # "¿Me escribes mañana?"
    ("asks_overdose_signs", "od.signs"),
)


def resources_or_information(said: str, voice: Voice) -> list[str]:
    """What a request for a resource, or a question about an overdose, is answered with; []
    when the message asks neither."""
    if asks_for_resources(said):
        return resources_reply(said, voice)
    return information_asked(said, voice)
