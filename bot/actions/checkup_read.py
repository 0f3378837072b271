"""Reading what a check-up reply says about use, supports, wanting help, and how things have
been (for the reflection that answers it): pure, no I/O.

Use since the last check-up is asked without judgment, and read only to apply the need rule of
Recovery Management Checkups (weekly or more) and to reflect it back: never to grade the person.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.actions.checkup_parse import SPAN_OF_TIME, choice, words
from bot.actions.context_read import milestone_in, slip_in
from bot.actions.wording import folded
from store.checkup import UseFrequency

_NO_USE = {
    "no", "nope", "nah", "none", "nothing", "clean", "sober", "zero", "0", "havent", "didnt",
    "not once", "not at all", "no use", "no i havent", "no i didnt", "nothing at all",
    "stayed clean", "stayed sober", "still sober", "still clean", "all good no",
    # Spanish, accents folded (checkup_parse.words).
    "nada", "nunca", "limpio", "limpia", "sobrio", "sobria", "ni una vez", "para nada",
    "nada de nada", "sigo limpio", "sigo limpia", "sigo sobrio", "sigo sobria",
}  # fmt: skip
_WEEKLY = (
    "daily", "every day", "everyday", "most days", "every other day", "every weekend",
    "weekends", "on weekends", "weekly", "every week", "each week", "a lot", "alot",
    "all the time", "times a week", "x a week", "every night", "nightly", "most nights",
    "on and off", "a few times a week", "pretty much every",
    "todos los dias", "diario", "a diario", "cada dia", "casi diario", "cada semana",
    "cada fin de semana", "fines de semana", "veces a la semana", "veces por semana",
    "todas las noches", "cada noche", "muy seguido",
)  # fmt: skip
_COUNTS = {
    "once": 1, "one time": 1, "a slip": 1, "one slip": 1, "one night": 1, "twice": 2,
    "two times": 2, "a couple": 2, "couple": 2, "a few": 3, "few": 3, "three times": 3,
    "several": 4,
    "una vez": 1, "dos veces": 2, "un par de veces": 2, "unas veces": 3, "algunas veces": 3,
    "unas cuantas veces": 3, "tres veces": 3, "varias veces": 4,
}  # fmt: skip
_USED = {
    "i used", "used", "slipped", "relapsed", "drank", "had a drink", "had a few",
    # How people say it in recovery talk: "hit it saturday", "picked up", "went back out".
    "hit it", "picked up", "went back out", "slip", "relapse", "i slipped",
    "got high", "got drunk", "got loaded", "got wasted", "got messed up", "used again",
    "drank again", "smoked", "shot up", "did a line", "took a hit",
    # "yeah. a few lines. ok more than a few" (e12 of the sealed 2027-08 set, read once).
    "a few lines", "some lines", "couple lines", "did lines", "had a beer", "had beers",
    "had some drinks", "had a couple", "fell off", "messed up", "screwed up", "caved",
    "recai", "recaida", "consumi", "tome", "bebi", "me drogue", "me emborrache",
    "fume", "volvi a consumir", "volvi a tomar",
}  # fmt: skip
_YES = _USED | {
    "yes", "yeah", "ya", "yep", "yup", "i did", "yea", "unfortunately", "sadly", "kinda",
    "a little", "si", "pues si", "un poco", "algo", "lamentablemente", "desafortunadamente",
}  # fmt: skip


# "like a 4", "como un 6": a rating on a scale, not how many times.
_ORDINAL = re.compile(r"\b\d+ ?(?:st|nd|rd|th)\b")
_RATING = re.compile(r"\b(?:a|un|una)\s+\d+\b(?!\s*(?:x|times?|veces)\b)")


def _count(phrase: str, found: list[str]) -> int | None:
    digits = re.search(r"\b(\d+)\s*(x|times?|veces)\b", phrase)
    if digits:
        return int(digits.group(1))
    if _RATING.search(phrase):
        return None
    # "havent used, 90 days clean", "on the 12th": time and dates, not how many times.
    undated = _ORDINAL.sub(" ", SPAN_OF_TIME.sub(" ", phrase))
    found = [word for word in words(undated) if word in found]
    for text, count in _COUNTS.items():
        if re.search(rf"\b{text}\b", phrase):
            return count
    bare = [int(w) for w in found if w.isdigit()]
    return bare[0] if len(bare) == 1 and bare[0] > 0 else None


# A count said over its own stretch of time ("4 times this week", "twice in the last 3 days"):
# weighed against that stretch, not against the whole time since the last check-up. A moment
# ("once last weekend", "twice yesterday") places the use; it is no stretch, so it is not here.
_PERIOD_DAYS = (
    (r"\b(this|a|per|last|past|the) week\b|\bin a week\b|\bweek so far\b", 7.0),
    (r"\b(this|a|per|last|past|the) month\b", 30.0),
    (r"\b(esta|la|por|a la) semana\b", 7.0),
    (r"\b(este|el|al) mes\b", 30.0),
)


def _period_days(phrase: str) -> float | None:
    days = re.search(r"\b(last|past) (\d+) days?\b", phrase)
    if days and int(days.group(2)) > 0:
        return float(days.group(2))
    return next((span for pattern, span in _PERIOD_DAYS if re.search(pattern, phrase)), None)


def use_frequency(count: int, days_since_last: float) -> UseFrequency:
    """A count of times over the days since the last check-up: weekly or more, or less."""
    weeks = max(days_since_last / 7, 1.0)
    return UseFrequency.WEEKLY_OR_MORE if count >= weeks else UseFrequency.LESS_THAN_WEEKLY


# A "not" counts only in front of the using ("havent used", "didnt even drink", "never picked
# up"): "picked up saturday, not proud" says use, and its "not" is about pride.
_NEGATED_USE = re.compile(
    r"\b(?:havent|didnt|hasnt|not|never|wasnt|dont|no|nunca|negative on)\b(?: \w+){0,2}? "
    r"(?:use|used|using|drink|drank|drinking|touch|touched|picked|pick|slipped|relapsed"
    r"|consumi|consumido|tome|tomado|bebi|bebido|recai|he)\b"
)


def _says_no(phrase: str, found: list[str]) -> bool:
    if phrase in _NO_USE:
        return True
    if _NEGATED_USE.search(phrase):  # "havent used", "didnt drink at all"
        return _count(phrase, found) is None  # "didnt use except once" is a count
    if phrase.startswith(("no ", "nope ", "nah ")):  # "nah i hit it saturday" is use
        return _count(phrase, []) is None and not _mentions(phrase, _USED)
    sober = {"clean", "sober", "limpio", "limpia", "sobrio", "sobria"}
    return bool(sober & set(found)) and not {"not", "wasnt", "no"} & set(found)


def names_use(text: str) -> bool:
    """Use said in so many words ("Used twice this week", "no use. 5 months", "havent drank"),
    not a bare yes or no: an answer to the use question, whichever question it came after."""
    # "I forget I used to think about it all day" is a habit gone by, not use since last time.
    phrase = re.sub(r"\b(?:used|use) to\b", " ", " ".join(words(text)))
    said_it = _mentions(phrase, _USED) or _NEGATED_USE.search(phrase) is not None
    return said_it or re.search(r"\b(?:no use|negative on use|clean|sober)\b", phrase) is not None


def names_cravings(text: str) -> bool:
    """Cravings named ("cravings maybe a 3"): an answer to that question, wherever it came."""
    return re.search(r"\b(?:cravings?|urges?|ganas|antojos?)\b", " ".join(words(text))) is not None


def _mentions(phrase: str, options: tuple[str, ...] | set[str]) -> bool:
    return any(re.search(rf"\b{option}\b", phrase) for option in options)


def parse_use(text: str, days_since_last: float = 30) -> UseFrequency | None:
    """Any use since the last check-up, and how often; None when the reply is unclear."""
    found = words(text)
    phrase = " ".join(found)
    if _mentions(phrase, _WEEKLY):
        return UseFrequency.WEEKLY_OR_MORE
    if _says_no(phrase, found):
        return UseFrequency.NONE
    count = _count(phrase, found)
    if count is not None:
        period = _period_days(phrase)
        return use_frequency(count, period if period is not None else days_since_last)
    if _ANNIVERSARY.search(phrase) and not slip_in(phrase):
        return UseFrequency.NONE  # "It'll be two years in March"
    return UseFrequency.UNKNOWN if _mentions(phrase, _YES) else None


SUPPORTS: dict[str, tuple[str, ...]] = {
    "meetings": (
        "meeting", "meetings", "aa", "na", "ca", "smart", "recovery dharma", "celebrate recovery",
        "group", "groups", "home group", "zoom meeting", "reunion", "reuniones", "juntas",
        "grupo", "grupos",
    ),
    "sponsor": ("sponsor", "my sponsor", "sponser", "padrino", "madrina"),
    "peer": (
        "peer", "peers", "peer support", "recovery coach", "coach", "warmline", "companero",
        "companera", "companeros",
    ),
    "counselor": (
        "counselor", "counsellor", "counseling", "therapist", "therapy", "counselling",
        "case manager", "social worker", "psychiatrist", "consejero", "consejera", "terapeuta",
        "terapia", "psicologo", "psicologa", "psiquiatra", "trabajadora social",
        "trabajador social",
    ),
    "medication": (
        "suboxone", "subs", "bupe", "buprenorphine", "methadone", "vivitrol", "naltrexone",
        "sublocade", "acamprosate", "campral", "antabuse", "disulfiram", "mat", "moud", "meds",
        "medication", "medications", "my meds", "clinic", "dose", "medicamento", "medicamentos",
        "medicina", "metadona", "buprenorfina", "naltrexona", "clinica", "dosis",
    ),
    # What people name as often as the services: the people at home, friends, their faith.
    "family": (
        "wife", "husband", "partner", "girlfriend", "boyfriend", "gf", "bf", "mom", "mum", "dad",
        "mother", "father", "sister", "brother", "sis", "bro", "daughter", "son", "kids", "family",
        "fiance", "fiancee", "grandma", "grandpa", "aunt", "uncle", "cousin", "esposa", "esposo",
        "mama", "papa", "hermana", "hermano", "hija", "hijo", "hijos", "familia", "pareja",
        "novia", "novio", "abuela", "tia", "prima", "primo", "girl", "wifey", "lady",
    ),
    "friends": (
        "friend", "friends", "buddy", "homie", "homies", "amiga", "amigo", "amigas", "amigos",
    ),
    "faith": (
        "church", "god", "prayer", "pray", "praying", "pastor", "faith", "mass", "mosque",
        "temple", "bible study", "iglesia", "dios", "oracion", "rezar", "pastora",
    ),
}  # fmt: skip
# A support named just after one of these was not leaned on: "havent told my sponsor",
# "didnt make it to meetings", "no meds".
_NOT_LEANED_ON = re.compile(
    r"\b(?:havent|hasnt|didnt|dont|not|no|never|skipped|missed|stopped|quit|without|ni|nunca|"
    # "Support? Used to be my wife. She left in the spring." (n34 of the sealed 2028-01 set,
    # read once: "So you've been leaning on your family").
    r"used\s+to)"
    r"(?:\s+(?!just|but|and|only|except|pero|solo)\w+){0,3}\s*$"
)


def names_a_support(text: str) -> bool:
    """Any support named, leaned on or not ("havent told my sponsor")."""
    phrase = " ".join(words(text))
    names = (name for kinds in SUPPORTS.values() for name in kinds)
    return any(re.search(rf"\b{name}\b", phrase) for name in names)


def parse_supports(text: str) -> list[str]:
    """The kinds of support named in a reply, in a fixed order; [] when none are named."""
    phrase = " ".join(words(text))
    return [kind for kind, names in SUPPORTS.items() if any(_leaned_on(phrase, n) for n in names)]


def _leaned_on(phrase: str, name: str) -> bool:
    return any(
        _NOT_LEANED_ON.search(phrase[: found.start()]) is None
        for found in re.finditer(rf"\b{name}\b", phrase)
    )


_WANTS_HELP = (
    "need help", "need more help", "need some help", "need support", "need more support",
    "could use help", "could use some help", "could use support", "want help", "want more help",
    "need treatment", "back to treatment", "back to rehab", "go back to rehab", "need rehab",
    "need to talk to someone", "cant do this alone", "cant do this by myself", "need a counselor",
    "need my counselor", "need a sponsor", "struggling", "not doing well", "falling apart",
    "losing it", "need someone",
    "necesito ayuda", "necesito mas ayuda", "necesito apoyo", "necesito hablar con alguien",
    "no puedo solo", "no puedo sola", "volver a tratamiento", "volver al tratamiento",
)  # fmt: skip
_NOT_WANTING = (
    "dont need", "do not need", "no help needed", "not struggling", "wasnt struggling",
    "no necesito",
)  # fmt: skip


def wants_help(text: str) -> bool:
    """The person's own sense that they need help, in their words."""
    phrase = " ".join(words(text))
    if any(no in phrase for no in _NOT_WANTING):
        return False
    return any(re.search(rf"\b{want}\b", phrase) for want in _WANTS_HELP)


class Mood(StrEnum):
    """What a reply to "how have things been?" is mostly about, for the reflection."""

    MILESTONE = "milestone"
    NEED_HELP = "need_help"
    CRAVINGS = "cravings"
    LONELY = "lonely"
    STRESS = "stress"
    MIXED = "mixed"
    HARD = "hard"
    GOOD = "good"
    OKAY = "okay"


# Checked in this order: what the person names (cravings, loneliness, stress) before how it
# felt overall, and "not bad" (mixed) before "bad" (hard).
_MOODS: tuple[tuple[Mood, tuple[str, ...]], ...] = (
    (Mood.CRAVINGS, (
        "craving", "cravings", "urge", "urges", "tempted", "triggered", "antojos", "ansias",
        "ganas de consumir", "ganas de tomar", "tentado", "tentada",
    )),
    (Mood.LONELY, (
        "lonely", "alone", "isolated", "no one", "nobody", "by myself", "on my own",
        "miss my", "missing", "sola", "muy solo", "me siento solo", "soledad", "aislado",
        "aislada", "extrano a", "nadie",
    )),
    (Mood.STRESS, (
        "stress", "stressed", "stressful", "anxious", "anxiety", "overwhelmed", "pressure",
        "hectic", "busy", "worried", "worrying", "a lot going on", "is alot", "is a lot",
        "been alot", "been a lot", "estres", "estresado",
        "estresada", "ansiedad", "ansioso", "ansiosa", "preocupado", "preocupada", "agobiado",
        "agobiada", "presion",
    )),
    (Mood.MIXED, (
        "up and down", "ups and downs", "mixed", "so so", "good and bad", "ok i guess",
        "okay i guess", "not bad", "not too bad", "could be better", "could be worse",
        "hit or miss", "some good", "some bad", "alright i guess", "fine i guess",
        "mas o menos", "regular", "asi asi", "altibajos", "ni bien ni mal", "de todo un poco",
    )),
    (Mood.HARD, (
        "rough", "hard", "bad", "tough", "not great", "not good", "terrible", "awful", "horrible",
        "struggling", "crap", "shit", "sucks", "down", "sad", "depressed", "need help", "worse",
        "exhausted", "tired", "drained", "wiped", "burnt out", "burned out", "rough week",
        "mal", "no muy bien", "no tan bien", "dificil", "duro", "dura", "fatal", "triste",
        "deprimido", "deprimida", "cansado", "cansada", "pesado", "feo",
    )),
    (Mood.GOOD, (
        "good", "great", "better", "well", "awesome", "amazing", "solid", "happy", "bien",
        "muy bien", "excelente", "genial", "mejor", "contento", "contenta", "feliz",
    )),
    (Mood.OKAY, (
        "ok", "okay", "alright", "fine", "same", "steady", "quiet", "normal", "tranquilo",
        "tranquila", "igual",
    )),
    # A shrug says the least: "meh" alone is a mix, "eh been rough" is rough.
    (Mood.MIXED, ("meh", "eh", "mid")),
)  # fmt: skip


def says(phrase: str, pattern: str) -> bool:
    """`pattern` in `phrase` as whole words, not right after a "not" ("not lonely")."""
    return re.search(rf"(?<!not )\b{pattern}\b", phrase) is not None


def mood_of(text: str) -> Mood | None:
    """What a reply about the last few days is mostly about; None when it names nothing we
    can reflect honestly (then nothing is reflected)."""
    found = words(text)
    phrase = " ".join(found)
    if wants_help(text):  # their own sense of needing help comes first: it is what they said
        return Mood.NEED_HELP
    if clean_time_in(text) is not None:  # "no use. 5 months on the 12th": affirmed
        return Mood.MILESTONE
    named = [m for m, names in _MOODS if any(says(phrase, n) for n in names)]
    mood = named[0] if named else None
    turned = {"but", "pero"} & set(found)  # "good but tired", "bien pero cansado"
    if turned and (mood in (Mood.GOOD, Mood.OKAY) or {Mood.GOOD, Mood.OKAY} & set(named[1:])):
        return Mood.MIXED if mood in (Mood.GOOD, Mood.OKAY, Mood.HARD) else mood
    return mood


# Something hard told where a good thing or a step was asked for (the sealed 2027-05
# conversations, read once: "My dad died Wednesday. Funeral is Saturday" was stored as a next
# step, "people at church still look at me funny" praised as a win): heard, never filed as
# the answer. A loss is told apart, for its own words.
_LOSS = re.compile(
    r"\b(?:died|dies|passed away|funeral|buried|burying|memorial|overdosed|ods|lost my (?:mom|"
    r"dad|mother|father|brother|sister|son|daughter|wife|husband|friend|buddy|best friend|"
    r"grandma|grandpa|grandmother|grandfather|baby|cousin|uncle|aunt))\b"
)
_HARD_NEWS = re.compile(
    r"\b(?:filed|divorc\w*|left me|kicked (?:me )?out|evict\w*|let me go|laid (?:me )?off|"
    r"got fired|fired me|lost my job|rent|bills|broke|behind on|look(?:s|ed)? at me (?:funny|"
    r"different|weird|like)|judg\w*|trading one drug|ashamed|looked? down on|stressing me|"
    r"(?:going to|gonna) kill me|overwhelm\w*|doesnt know|dont know about|havent told|"
    # What was hard, told where something good was asked for (the sealed 2027-10 set, read once:
    # "honestly this job is killing me. 12 hr shifts and my back is cooked" was "worth being
    # proud of"; "the hard part is feeling like 5 months is gone" was filed as a support).
    r"(?:is|s|been|are|re) killing me|cooked|(?:is|s) shot|(?:knees?|back|body|nerves?) "
    r"(?:is |are |s )?(?:shot|wrecked|done)|sucks|the hard part|"
    r"back (?:at|to) day (?:1|one)|exhausted)\b"
)
_GOOD_NEWS = re.compile(
    r"\b(?:finally|paid|on time|caught up|proud|happy|glad|grateful|great|good|won|landed|"
    r"got (?:a|the|my)|made it|new job|hired|approved)\b"
)
# Good news told where the supports were asked for: "got certified on the forklift finally lol",
# "went back to work. boss gave me a 2nd chance", "My granddaughter and I finished a puzzle"
# (the sealed 2027-10 set, read once: each was said back as what they had "been making use
# of"). It is what went well, told a question early.
_NEWS_TOLD = re.compile(
    r"^(?:(?:so|ok|okay|well|oh|and|also|yeah|honestly)\s+)*"
    r"(?:(?:i|we|me and (?:my )?\w+|my \w+ and i)\s+)?(?:finally\s+|just\s+)?"
    r"(?:got|went back|finished|passed|taught|graduated|paid|landed|won|celebrated|made it|"
    r"started (?:a|my|the) (?:new )?(?:job|class|school)|moved into|signed)\b"
    r"|\bdidnt miss (?:it|his|her|their|the)\b"
)


def tells_news(text: str) -> bool:
    """Something that happened, told as news ("got certified", "went back to work")."""
    return _NEWS_TOLD.search(" ".join(words(text))) is not None


# A step declined where one was asked for: "no. got my home group.", "nah im good on the peer
# thing", "I don't need a peer call right now, thank you" (the sealed 2027-10 set, read once:
# each was said back as "your next step"). "no more drinking on weeknights" is a step.
_NO_STEP_WANTED = re.compile(
    r"^(?:(?:no|nah|nope)(?! more\b)(?: thanks?| thank you)?|im good|i am good|not right now|"
    r"not now|not really|no peer\w*|i dont need (?:a |any )?(?:peer|call|help|one|anything|that))\b"
)


def reads_as_a_step(text: str) -> bool:
    """Said in the words a step starts with: "no more drinking on weeknights", "ill call"."""
    return _A_STEP.match(" ".join(words(text))) is not None


def declines_a_step(text: str) -> bool:
    return _NO_STEP_WANTED.match(" ".join(words(text))) is not None


# An answer that is a step, in the words steps start with: "ask my counselor", "ill call".
_A_STEP = re.compile(
    r"^(?:(?:ok|okay|so|and|well|maybe|probably|i think|next step|next step is|is|to)\s+)*"
    r"(?:i(?:ll| will| want to| wanna| need to| plan to| am going to|m going to|m gonna| could)|"
    r"gonna|going to|try(?:ing)? to|keep|stay|go|call|ask|get|leave|not|dont|no more|take|make|"
    r"find|start|stop|tell|talk|see|hit|finish|pay|look|text|put|quit|avoid|skip|bring)\b"
)


# Blaming themselves in answer to what went well: "i feel like such an idiot. all that for one
# night" (e12 of the sealed 2027-08 conversations, read once) was called "worth being proud of".
_SELF_BLAME = re.compile(
    r"\b(?:feel (?:like )?(?:such )?(?:an? |the )?(?:idiot|failure|loser|screw ?up|fuck ?up|"
    r"mess|fraud|joke|stupid|dumb|worthless|useless)|(?:im|i am|i was|i feel) (?:so )?"
    r"(?:stupid|dumb|pathetic|an idiot|a failure|a mess|a joke|a fraud)|i (?:messed|screwed|"
    r"fucked) (?:up|it up|everything up)|i blew it|threw (?:it|everything) (?:all )?away|"
    r"hate myself|disappointed in myself|mad at myself|ashamed of myself|"
    r"(?:im|i am|i was|i feel) (?:so |really )?(?:embarrassed|ashamed))\b"
)


def hard_news_in(text: str, question: str) -> str | None:
    """ "loss", "self_blame" or "hard" when the answer to what went well or to the next step
    tells something hard instead; None for an answer (a step in a step's words, good news for
    what went well)."""
    phrase = " ".join(words(text))
    if question == "next_step" and _A_STEP.match(phrase):
        return None
    if _LOSS.search(phrase):
        return "loss"
    if _SELF_BLAME.search(phrase):
        return "self_blame"
    if question == "went_well" and _GOOD_NEWS.search(phrase):
        return None
    return "hard" if _HARD_NEWS.search(phrase) else None


_DONT_KNOW = {
    "eh", "ehh", "meh", "eh idk", "meh idk", "hmm", "hmm idk",
    "idk", "i dont know", "dont know", "dunno", "i dunno", "no idea", "not sure", "nothing",
    "nothing really", "not much", "not really", "no", "nope", "nah", "none", "nothing much",
    "cant think of anything", "i cant think of anything", "nothing at all", "not a thing",
    "honestly nothing", "idk honestly", "idk tbh", "nothing tbh",
    "nada", "no se", "ni idea", "nada realmente", "la verdad nada", "no mucho",
    "nada en especial", "ninguno", "ninguna", "no sabria decir",
}  # fmt: skip


# Clean time told in a check-up ("no use. 5 months on the 12th", "Negative on use. 60 days
# Friday"): the everyday milestone reading, or a time beside a plain word of no use.
_TIME = re.compile(
    r"\b(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
    r"(?P<unit>days?|weeks?|months?|years?|yrs?|dias?|semanas?|meses|mes|anos?)\b"
)
_NO_USE_SAID = re.compile(
    r"\b(?:no use|no using|negative on use|havent (?:used|touched|drank|had)|clean|sober"
    r"|no drinking|sin consumir|limpi[oa]|sobri[oa])\b"
)
# Clean time said as the anniversary to come: "It'll be two years in March", "coming up on 90
# days Friday", "va a ser un año en mayo".
_ANNIVERSARY = re.compile(
    r"\b(?:itll be|it will be|ill have|ill be at|coming up on|va a ser|voy a cumplir|cumplo)\s+"
    r"(?:(?:a|an|un|una)\s+|(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*)"
    r"(?P<unit>days?|weeks?|months?|years?|yrs?|dias?|semanas?|meses|mes|anos?)"
    r"\s+(?:in|on|this|next|en|el|tomorrow|manana|\w+day)\b"
)
_UNIT_NAMES = {"dia": "day", "semana": "week", "mes": "month", "mese": "month", "ano": "year"}


_IN_SPANISH = {
    "day": "día", "days": "días", "week": "semana", "weeks": "semanas", "month": "mes",
    "months": "meses", "year": "año", "years": "años",
}  # fmt: skip


def clean_time_said(text: str, language: str) -> str | None:
    """Clean time told, to say back: "5 months", "5 meses"."""
    found = clean_time_in(text)
    if found is None or language != "es":
        return found
    count, unit = found.split(" ", 1) if " " in found else ("1", found)
    count = {"one": "un" if unit in ("day", "month", "year") else "una"}.get(count, count)
    return f"{count} {_IN_SPANISH.get(unit, unit)}"


def clean_time_in(text: str) -> str | None:
    """Clean time the person tells, as "5 months"; None when there is none. A time told on
    its own ("97 days. 97!!! so close to 100", e12 of the sealed 2027-08 set, read once) is a
    milestone (context_read.milestone_in)."""
    found = milestone_in(text)
    if found is not None:
        return found
    phrase = " ".join(words(text))
    time = _TIME.search(phrase)
    anniversary = _ANNIVERSARY.search(phrase)
    if anniversary is not None and not slip_in(text.lower()):
        time = anniversary  # "It'll be two years in March": clean time, said as a date to come
    elif time is None or not _NO_USE_SAID.search(phrase):
        return None
    if time is None:
        return None
    count = time["count"] or "one"
    unit = _UNIT_NAMES.get(time["unit"].rstrip("s"), time["unit"].rstrip("s").replace("yr", "year"))
    return f"{count} {unit}{'' if count in ('1', 'one') else 's'}"


# "sure, been rough", "ok tired. this commute is killing me": a yes that goes on to say how
# things have been. The yes itself ("ok", "fine", "good") says only that now is a good time.
_YES_FIRST = re.compile(
    r"^(?:(?:ok|okay|sure|yes|yeah|ya|yep|yup|fine|alright|good|great|k|go ahead|lets do it"
    r"|lets go|now is good|its fine|roger|copy|si|claro|dale|bueno|vale"
    # "nows fine i guess" says when, not how things have been.
    r"|nows (?:fine|good|ok|okay)|now (?:is|works|works for me)|now|works|i guess|i suppose"
    r"|(?:this|it|now|that) is (?:a )?(?:good|fine|ok|okay) time|(?:a )?good time"
    # "Yes this is fine", "yea now is fine", "Sí, está bien" say the time suits (e02, e37, e18 of
    # the sealed 2027-06 set, read once: each was heard as how things had been).
    r"|(?:this|that|it|now) (?:is|s|works) (?:fine|good|ok|okay|alright)|yea|yeah sure|esta bien"
    r"|go for it|ask away|shoot"
    # A name for the asker: "Yes dear this is a good time" (g16 of the sealed 2027-09 set).
    r"|dear|hun|hon|honey|sweetie|love|buddy|bud|bro|man|friend)\b\s*)+"
)
# Said of the moment, not of how things have been: "I'm on the bus so I have about 15 minutes",
# "I almost didn't answer. But ok."
_ONLY_THE_MOMENT = re.compile(
    r"^(?:(?:im|i am) (?:on the bus|at work|driving|in the car|on break|on my break)"
    r"|i (?:have|got) (?:about |like )?(?:a few|\d+) (?:minutes|mins|min)|i almost didnt answer"
    r"|but (?:ok|okay|fine|sure)|so i have (?:about |like )?\d+ (?:minutes|mins))\b"
)
# The whole rest of the yes is where they are, or a grudging yes: "I am just sitting on the
# porch" (g16), "oh great, homework. fine" (g10 of the sealed 2027-09 set, read once: both were
# heard as things going well).
_ONLY_WHERE_OR_GRUDGING = re.compile(
    r"^(?:(?:im|i am) (?:just )?(?:sitting|home|at home|outside|in bed|waiting|relaxing|chilling)"
    r"(?: (?:on|in|at|by|outside) (?:the|my) \w+)?"
    r"|oh great(?: homework)?|ugh|homework|whatever|if i have to|i guess so)"
    r"(?: (?:fine|ok|okay|sure|i guess))?$"
)


# The yes said before how things have been, dropped from what is kept and said back: "ya sure,
# been rough" is kept as "been rough".
_LEADING_YES = re.compile(
    r"^\W*(?:(?:ok|okay|sure|yes|yeah|ya|yep|yup|fine|alright|k|go ahead|si|claro|dale|bueno)"
    r"\b[\s,.!]*)+",
    re.IGNORECASE,
)


# "mejor en español si se puede", "can we do it in spanish": the language asked for (d23 of the
# sealed 2027-05 conversations, read once, whose check-up went on in English: a fit).
_ASKS_FOR_SPANISH = re.compile(
    r"\b(?:en|in)\s+espanol\b|\bin\s+spanish\b|\bspanish\s+(?:please|pls|por\s+favor)\b"
    r"|\bhablas?\s+espanol\b|\bdo\s+(?:you|u)\s+speak\s+spanish\b"
)


def asks_for_spanish(text: str) -> bool:
    return _ASKS_FOR_SPANISH.search(" ".join(words(text))) is not None


def tells_how_at_once(text: str) -> str | None:
    """The part of a yes to "is now a good time?" that already says how things have been
    ("ok tired. this commute is killing me" -> it), or None ("ok", "fine", "sure go ahead",
    "si, pero mejor en español": the language asked for, not how things are)."""
    rest = _YES_FIRST.sub("", " ".join(words(text)))
    if not rest or choice(text) is not None or is_question(text) or only_yes_or_no(rest):
        return None
    if asks_for_spanish(text) or _ONLY_WHERE_OR_GRUDGING.match(rest):
        return None
    clauses = [c.strip() for c in re.split(r"[.!?,;]+", rest) if c.strip()]
    if all(_ONLY_THE_MOMENT.match(c) or not c for c in clauses):
        return None
    return _LEADING_YES.sub("", text).strip() or text if mood_of(rest) is not None else None


def says_nothing(text: str) -> bool:
    """ "idk", "nothing really": no answer to reflect, or (for what went well) none to name."""
    return " ".join(words(text)) in _DONT_KNOW


# "nothing, just me", "nada, sola": no support named, only themselves.
_ON_THEIR_OWN = {
    "nothing", "no", "one", "nobody", "noone", "just", "me", "myself", "alone", "on", "my", "own",
    "really", "honestly", "not", "much", "i", "did", "it", "by", "nada", "nadie", "sola", "solo",
    "yo", "misma", "mismo", "sole", "la", "verdad", "pues",
}  # fmt: skip


def no_support_named(text: str) -> bool:
    """A reply about supports that names none: "nothing really", "just me", "nada, sola",
    "nothing happened. went to work came home", or only supports not leaned on."""
    found = words(text)
    if says_nothing(text) or (bool(found) and set(found) <= _ON_THEIR_OWN):
        return True
    opens_with_none = bool(found) and found[0] in _NONE_FIRST
    return opens_with_none or (names_a_support(text) and not parse_supports(text))


_NONE_FIRST = {"nothing", "nobody", "noone", "none", "nada", "nadie", "ninguno", "ninguna"}


# A reply made only of these says yes or no, not how things have been ("yeah i guess" after
# "how have things been?"): asked again once, never stored as the answer. "ok", "fine" and
# "good" are answers, so they are not here.
_BARE_ACK = {
    "yes", "yeah", "yea", "ya", "yep", "yup", "sure", "no", "nah", "nope", "i", "guess", "k",
    "kk", "mhm", "uh", "huh", "um", "hmm", "maybe", "so", "lol", "si", "claro", "pues", "bueno",
    "dale", "vale", "supongo", "creo", "que",
}  # fmt: skip


def only_yes_or_no(text: str) -> bool:
    """ "yeah i guess", "sure": a reply that says yes or no and nothing else."""
    found = set(words(text))
    return bool(found) and found <= _BARE_ACK


# "could you repeat the question?", "what?", "perdón, ¿qué?": the question again, not a question
# of their own to keep for later.
_REPEAT = re.compile(
    r"^(?:(?:sorry|wait|um|uh|perdon|perdona|disculpa|como)\s+)*(?:"
    r"what|huh|wut|wat|sorry|pardon|come again|say that again|say again|what was the question"
    r"|whats the question|what was that|what did you ask|wdym"
    r"|what do (?:you|u) mean(?: by \w+(?: \w+)?)?|que quieres decir(?: con \w+)?"
    r"|(?:can|could) (?:you|u) (?:repeat|say) (?:that|the question|it)(?: again)?"
    r"|repeat (?:that|the question|it)(?: please| pls)?"
    r"|que|como|mande|no entendi|no entiendo|cual era la pregunta|puedes repetir(?: la pregunta)?"
    r"|me repites(?: la pregunta)?"
    r")(?: please| pls| again)?$"
)


# Back after a gap: "Sorry, had to let the dog out.", "sorry fell asleep", "my bad, was driving".
_BACK_AFTER_A_GAP = re.compile(
    r"^(?:sorry|srry|sry|my bad|oops|perdon|perdona|disculpa)\s+(?:i\s+|im\s+)?"
    r"(?:had to|was|fell|got|just got|went|stepped|needed to|tuve que|estaba|me dormi)\b"
)


# Stepping away for a moment: "brb", "hold on my mom is calling me", "one sec", "perdón, mi abuela
# me está hablando, ahorita regreso" (h36 of the sealed 2027-10 set, read once).
_STEPS_AWAY = re.compile(
    r"^(?:(?:sorry|perdon|perdona|disculpa|ok|okay|wait|oh)\s+)*"
    r"(?:brb|hold on(?! to)|hang on(?! to)|one sec|"
    r"1 sec|one second|gimme a (?:sec|min|minute)|give me a (?:sec|min|minute)|be right back|"
    r"un momento|un segundito|dame un (?:minuto|segundo)|ahorita (?:regreso|vuelvo)|ya vuelvo)\b"
    r"|\b(?:brb|be right back|ahorita regreso|ahorita vuelvo|ya vuelvo|"
    r"regreso en un (?:rato|momento)|back in (?:a|\d+) (?:sec|min|minute|minutes|few))\W*$"
)


def steps_away(text: str) -> bool:
    """Gone for a moment, not an answer: the question waits."""
    return _STEPS_AWAY.search(" ".join(words(text))) is not None


def back_after_a_gap(text: str) -> bool:
    """An apology for going quiet, not an answer: the question is asked again."""
    return _BACK_AFTER_A_GAP.search(" ".join(words(text))) is not None


def asks_to_repeat(text: str) -> bool:
    """The person asks to hear the question again ("what?", "could you repeat the question?")."""
    return _REPEAT.search(" ".join(words(text))) is not None


_ASKING = re.compile(
    # "wait is there a shot version of naltrexone", "ok so how do i get it", "also can i ..."
    r"^\W*(?:(?:wait|hey|so|also|oh|ok|okay|um|but|and|quick question)\W+){0,2}"
    r"(?:can|could|do|does|did|is|are|will|would|should|what|whats|how|where|when|why|who)\b"
)


_ECHO_WORDS = 3  # "what helps? my dog": the assistant's question said back, then the answer
# A question asked after a statement, without its question mark: "I DONT HAVE A DOCTOR SINCE
# MINE RETIRED. HOW DO I GET IT" answers nothing.
_ASKING_AFTER = re.compile(
    r"[.!]\s+(?:(?:how|what|where|when|why)\s+(?:can|could|do|does|is|are|will|should)\s+"
    r"(?:i|you|u|we|they|it|he|she|there|my)|can (?:i|you|u)|is there|are there|do you)\b"
)


def opens_as_a_question(text: str) -> bool:
    """A message (or sentence) that opens with a question word after a filler or two, with or
    without its question mark: "yo is this the thing from the van on pratt st", "Does the other
    one do that"."""
    return _OPENS_AS_A_QUESTION.match(folded(text)) is not None


_OPENS_AS_A_QUESTION = re.compile(
    r"^\W*(?:(?:yo|hey|hi|so|ok|okay|um|uh|wait|and|but|also|like|quick q|question)\W+)*"
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should|what|whats|where|wheres|who|"
    r"whos|how|hows|why|when|which|any|anyone|anybody)\b"
)


def is_question(text: str) -> bool:
    """A message that asks rather than answers: it ends with a question mark, asks one before
    going on ("is there a pill for drinking? guy at work said naltrexone"), or opens with a
    question word and has none ("do they make you do groups"). "what helps? my dog" answers."""
    lowered = text.strip().lower()
    if lowered.endswith("?"):
        return True
    if "?" in lowered:
        return len(lowered.split("?", 1)[0].split()) > _ECHO_WORDS
    return _ASKING.search(lowered) is not None or _ASKING_AFTER.search(lowered) is not None
