"""What the gateway itself says outside the crisis companion: the reply to a message that
opens a concern (a reflection in motivational-interviewing style and the offer of a peer), and
the holding reply while the engine is down.

Emergencies and crises are the crisis companion's (escalation/companion/companion.yml).
"""

from __future__ import annotations

from datetime import timedelta

from escalation.companion.language import wait_phrase
from escalation.levels import Screening

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
# get the same canned line twice in a row. Someone who writes in Spanish is answered in Spanish
# (the same reflections, and 988's Spanish line: call and press 2, or text AYUDA).
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
REFLECTIONS_ES = {
    "relapse:return-to-use": (
        "Parece que volviste a consumir, y hace falta valor para decirlo. Un tropiezo no borra "
        "todo lo que has logrado.",
        "Gracias por contármelo. Volver a consumir puede remover mucho, y buscaste apoyo.",
    ),
    "relapse:craving": (
        "Las ganas pueden ser muy fuertes. Escribiste en vez de dejarte llevar, y eso cuenta.",
        "Parece que las ganas aprietan ahora. Suben, y también pasan.",
    ),
    "mood:hopelessness": (
        "Parece que todo se siente muy pesado ahora mismo.",
        "Suena agotador cargar con todo esto.",
    ),
    "housing:unsafe": (
        "No tener un lugar seguro donde quedarte es mucho que cargar.",
        "Parece que donde te estás quedando no se siente seguro ahora.",
    ),
    "medication:missed": (
        "Quedarte sin tu medicamento puede dar miedo, y tiene sentido querer resolverlo hoy.",
        "Parece que conseguir tu dosis ha sido difícil. Vale la pena resolverlo pronto.",
    ),
}
GENERAL_REFLECTION = ("It sounds like a lot is going on for you right now.",)
GENERAL_REFLECTION_ES = ("Parece que estás pasando por mucho ahora mismo.",)
# How the offer of a peer opens, which the assistant reads to know a yes answers it.
PEER_OFFER_OPENING = {
    "en": "Would it help to talk with a peer recovery specialist?",
    "es": "¿Te ayudaría hablar con un compañero de recuperación?",
}
PEER_OFFER = {
    "en": PEER_OFFER_OPENING["en"] + " I've let one know, and they usually reply here within "
    "{wait}. If it gets worse, call or text 988.",
    "es": PEER_OFFER_OPENING["es"] + " Ya le avisé a uno, y suele responder aquí en {wait}; "
    "puede que te escriba en inglés. Si empeora, llama al 988 y oprime 2, o envía AYUDA al 988.",
}
ASKS_FOR_PERSON = {
    "en": "I've asked a peer recovery specialist to text you here. They usually reply within "
    "{wait}; I'm an automated assistant until then. If you're in crisis before that, call or "
    "text 988, or call 911 in an emergency.",
    "es": "Le pedí a un compañero de recuperación que te escriba aquí. Suele responder en "
    "{wait}; hasta entonces soy un asistente automático. Si estás en crisis antes, llama al 988 "
    "y oprime 2, o llama al 911 en una emergencia.",
}

# A person asked for again right after being told one is coming: the same news in other words
# (never the same reply twice running), said by the gateway and by the assistant alike.
ALREADY_ASKED = {
    "en": "You're on the list: a peer recovery specialist will text you here, usually within "
    "{wait}. Until then I'm an automated assistant. If you're in crisis, call or text 988, or "
    "call 911 in an emergency.",
    "es": "Ya estás en la lista: un compañero de recuperación te va a escribir aquí, normalmente "
    "en {wait}. Mientras tanto soy un asistente automático. Si estás en crisis, llama al 988 y "
    "oprime 2, o llama al 911 en una emergencia.",
}

# Said after the assistant's own reply when a message opens a concern mid-way through a form
# (channels/forms.py): the peer is told, as with the offer, and nothing is asked on top of the
# form's own question.
PEER_TOLD = {
    "en": "I've also let a peer recovery specialist know, in case it would help to talk; they "
    "usually reply here within {wait}. If it gets worse, call or text 988.",
    "es": "También le avisé a un compañero de recuperación, por si te ayuda hablar; suele "
    "responder aquí en {wait}. Si empeora, llama al 988 y oprime 2, o envía AYUDA al 988.",
}


def _in_language(texts: dict[str, str], wait: timedelta, language: str) -> str:
    return texts.get(language, texts["en"]).format(wait=wait_phrase(wait, language))


def peer_offer(wait: timedelta, language: str = "en") -> str:
    return _in_language(PEER_OFFER, wait, language)


def already_asked(wait: timedelta, language: str = "en") -> str:
    return _in_language(ALREADY_ASKED, wait, language)


def peer_told(wait: timedelta, language: str = "en") -> str:
    return _in_language(PEER_TOLD, wait, language)


def asks_for_person(wait: timedelta, language: str = "en") -> str:
    return _in_language(ASKS_FOR_PERSON, wait, language)


def _reflection(reasons: tuple[str, ...], variant: int, language: str) -> str:
    spanish = language == "es"
    reflections = REFLECTIONS_ES if spanish else REFLECTIONS
    for reason in reasons:
        if reason in reflections:
            options = reflections[reason]
            return options[variant % len(options)]
    return (GENERAL_REFLECTION_ES if spanish else GENERAL_REFLECTION)[0]


PERSON_ASKED = "support:asks-for-person"  # the screener's reason for "can i talk to a person"


def asks_for_a_person(screening: Screening) -> bool:
    return PERSON_ASKED in screening.reasons


def concern_reply(
    screening: Screening, wait: timedelta, variant: int = 0, language: str = "en"
) -> list[str]:
    """The gateway's own answer to a message that opens a concern, in the person's language:
    an MI reflection and the offer of a peer (the assistant goes on after it)."""
    if asks_for_a_person(screening):
        return [asks_for_person(wait, language)]
    return [_reflection(screening.reasons, variant, language), peer_offer(wait, language)]


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
