"""Asked for something, answered: a number, treatment, naloxone, or a person.

A crisis line that deflects "where can i get narcan" loses the person; so does one that pretends
to be human. Sources: SAMHSA National Helpline, Never Use Alone, Poison Control, 988 Lifeline.
"""

from __future__ import annotations

from escalation.companion.compose import Voice
from escalation.companion.matching import says

# Extra lines for what the request names, beside the SAMHSA helpline.
_EXTRAS = (
    ("naloxone_request", "resources.naloxone"),
    ("using_alone", "resources.alone"),
    ("poison", "resources.poison"),
)


def asks_for_person(said: str) -> bool:
    return says(said, "person")


def asks_for_resources(said: str) -> bool:
    """A resource named in a request ("where can i get narcan"), not in passing ("my therapist")."""
    return says(said, "resources") and (says(said, "resource_request") or said.endswith("?"))


def person_reply(voice: Voice) -> list[str]:
    return [voice.say("person.alerted")]


def resources_reply(said: str, voice: Voice) -> list[str]:
    extras = [voice.say(key) for phrases, key in _EXTRAS if says(said, phrases)]
    return [voice.say("resources.samhsa"), *extras[:1]]
