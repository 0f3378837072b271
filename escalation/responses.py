"""What the participant is told, at once and by the gateway, when a message shows risk.

Emergency: 911 now, 988, and for an overdose the naloxone and rescue-breathing steps.
Crisis: 988 by call or text, a peer on the way, and a first step of a safety plan.
Concern: a reflection in motivational-interviewing style, and the offer of a peer.
"""

from __future__ import annotations

from datetime import timedelta

from escalation.levels import Level, Screening
from escalation.policy import humanise

OVERDOSE_STEPS = (
    "If someone may have overdosed: call 911 now. Give naloxone (Narcan) if you have it: "
    "one spray in one nostril.",
    "Tilt their head back and give rescue breaths, 1 every 5 seconds. If they are breathing, "
    "turn them on their side. No response after 2-3 minutes? Give a 2nd dose. Stay with them.",
    "You can also call or text 988 any time. I've alerted a peer recovery specialist.",
)
EMERGENCY = (
    "Please call 911 now. If you can, stay with someone, or stay on the line with 911.",
    "You can also call or text 988 any time, day or night. I've alerted a peer recovery "
    "specialist, who will text you here.",
)
CRISIS = (
    "I'm really glad you told me. You don't have to go through this alone.",
    "You can call or text 988 any time, day or night, to talk with a trained crisis counselor. "
    "If you're in danger right now, call 911.",
    "I've asked a peer recovery specialist to text you here. While you wait: what's one reason "
    "to stay safe tonight, one person you could call, and one thing that has helped you get "
    "through a night like this before?",
)
# When the engine is down. A person in crisis may be the one whose message arrives then.
HOLDING_REPLY = (
    "Thanks for your message. I can't answer properly right now and will reply as soon as I can. "
    "If you're in crisis, call or text 988 any time. If your life is in danger, call 911."
)
WAITING = (
    "A peer recovery specialist has been alerted and will text you here. If you're in danger "
    "now, call 911. You can call or text 988 any time."
)

# Reflections respond to what the person said; several each, so a returning person does not
# get the same canned line twice in a row.
REFLECTIONS = {
    "relapse:return-to-use": (
        "It sounds like you used again, and it took courage to say so. A slip doesn't erase "
        "the work you've done.",
        "Thank you for telling me. Going back to using can bring up a lot, and you reached out.",
    ),
    "relapse:craving": (
        "Cravings can be really strong. You reached out instead of acting on it, and that matters.",
        "It sounds like the pull is hard right now. Cravings rise and they do pass.",
    ),
    "mood:hopelessness": (
        "It sounds like things feel really heavy right now.",
        "That sounds exhausting, carrying all of this.",
    ),
    "housing:unsafe": (
        "Not having a safe place to stay is a lot to carry.",
        "It sounds like where you're staying doesn't feel safe right now.",
    ),
    "medication:missed": (
        "Missing your medication can feel scary, and it makes sense to want it sorted today.",
        "It sounds like getting your dose has been hard. That's worth sorting out quickly.",
    ),
}
GENERAL_REFLECTION = ("It sounds like a lot is going on for you right now.",)


def peer_offer(wait: timedelta) -> str:
    return (
        "Would it help to talk with a peer recovery specialist? I've let one know, and they "
        f"usually reply here within {humanise(wait)}. If it gets worse, call or text 988."
    )


def asks_for_person(wait: timedelta) -> str:
    return (
        "I've asked a peer recovery specialist to text you here. They usually reply within "
        f"{humanise(wait)}; I'm an automated assistant until then. If you're in crisis before "
        "that, call or text 988, or call 911 in an emergency."
    )


def _reflection(reasons: tuple[str, ...], variant: int) -> str:
    for reason in reasons:
        if reason in REFLECTIONS:
            options = REFLECTIONS[reason]
            return options[variant % len(options)]
    return GENERAL_REFLECTION[0]


# An emergency while a peer has the conversation: the peer is paged at once and talks with the
# person; the gateway adds only the one line that cannot wait. Source: SAMHSA Opioid Overdose
# Prevention Toolkit (2018), "call 911"; 988 Suicide & Crisis Lifeline (988lifeline.org).
EMERGENCY_WITH_PEER = {
    "en": "If anyone's life is in danger right now, call 911 first. Your peer has been alerted "
    "and is with you here. 988 is there too, call or text.",
    "es": "Si la vida de alguien corre peligro ahora mismo, llama primero al 911. Ya avisamos a "
    "tu compañero de apoyo, que sigue contigo aquí. También puedes llamar al 988 y oprimir 2.",
}


def emergency_with_peer(language: str) -> str:
    return EMERGENCY_WITH_PEER.get(language, EMERGENCY_WITH_PEER["en"])


def concern_reply(screening: Screening, wait: timedelta, variant: int = 0) -> list[str]:
    """The gateway's own answer to a message that opens a concern: an MI reflection and the
    offer of a peer (the assistant goes on after it)."""
    if "support:asks-for-person" in screening.reasons:
        return [asks_for_person(wait)]
    return [_reflection(screening.reasons, variant), peer_offer(wait)]


def immediate_reply(screening: Screening, wait: timedelta, variant: int = 0) -> list[str]:
    """The gateway's own answer to a message that screened at concern or above."""
    if screening.level >= Level.EMERGENCY:
        overdose = any(reason.startswith("overdose:") for reason in screening.reasons)
        return list(OVERDOSE_STEPS if overdose else EMERGENCY)
    if screening.level >= Level.CRISIS:
        return list(CRISIS)
    if "support:asks-for-person" in screening.reasons:
        return [asks_for_person(wait)]
    return [_reflection(screening.reasons, variant), peer_offer(wait)]
