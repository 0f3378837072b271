"""What the gateway itself says outside the crisis companion: the reply to a message that
opens a concern (a reflection in motivational-interviewing style and the offer of a peer), and
the holding reply while the engine is down.

Emergencies and crises are the crisis companion's (escalation/companion/companion.yml).
"""

from __future__ import annotations

from datetime import timedelta

from escalation.levels import Screening
from escalation.policy import humanise

# When the engine is down. A person in crisis may be the one whose message arrives then.
HOLDING_REPLY = (
    "Thanks for your message. I can't answer properly right now and will reply as soon as I can. "
    "If you're in crisis, call or text 988 any time. If your life is in danger, call 911."
)
# 988 in Spanish: call and press 2, or text AYUDA (988 Suicide & Crisis Lifeline).
HOLDING_REPLY_ES = (
    "Gracias por tu mensaje. Ahora no puedo responder bien y te escribiré en cuanto pueda. Si "
    "estás en crisis, llama al 988 y oprime 2, o envía AYUDA al 988. Si tu vida corre peligro, "
    "llama al 911."
)


def holding_reply(language: str) -> str:
    """The holding reply in the language the person writes in."""
    return HOLDING_REPLY_ES if language == "es" else HOLDING_REPLY


# When the engine took a message but its answer was lost (an action that could not run, after
# the action server died mid-call): the person is told, never left with silence.
LOST_ANSWER_REPLY = (
    "Sorry, my answer to that got lost on my side. Could you send it again? If you're in "
    "crisis, call or text 988 any time."
)
LOST_ANSWER_REPLY_ES = (
    "Perdón, mi respuesta se perdió de mi lado. ¿Me lo puedes enviar otra vez? Si estás en "
    "crisis, llama al 988 y oprime 2, o envía AYUDA al 988."
)


def lost_answer_reply(language: str) -> str:
    """The lost-answer reply in the language the person writes in."""
    return LOST_ANSWER_REPLY_ES if language == "es" else LOST_ANSWER_REPLY


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


def concern_reply(screening: Screening, wait: timedelta, variant: int = 0) -> list[str]:
    """The gateway's own answer to a message that opens a concern: an MI reflection and the
    offer of a peer (the assistant goes on after it)."""
    if "support:asks-for-person" in screening.reasons:
        return [asks_for_person(wait)]
    return [_reflection(screening.reasons, variant), peer_offer(wait)]


# A peer handed the person back to the warmline while their crisis case is still open: said once,
# before the crisis companion goes on.
BACK_FROM_PEER = {
    "en": "It's the Warmline assistant again - {peer} handed our chat back to me, and the peers "
    "still have your case. How are you doing right now? 988 is there any time, call or text.",
    "es": "Soy de nuevo el asistente de Warmline: {peer} me devolvió la conversación, y el equipo "
    "de apoyo sigue pendiente de ti. ¿Cómo estás ahora? El 988 está siempre: llama y oprime 2.",
}


def back_from_peer(language: str, peer: str) -> str:
    return BACK_FROM_PEER.get(language, BACK_FROM_PEER["en"]).format(peer=peer)
