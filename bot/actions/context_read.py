"""Reading a message the assistant's script did not expect: how the person says they are, a
milestone they name, and what the assistant itself said last. Pure functions, no engine.

The words are the ones people text in answer to "How are you doing today?": one word, an emoji,
a few words. A feeling is named by its kind only, so the reply paraphrases it rather than
quoting the person's words back.
"""

from __future__ import annotations

import re
from enum import Enum

from bot.actions.wording import folded


class Feeling(Enum):
    LOW = "low"
    TIRED = "tired"
    SO_SO = "so_so"
    GOOD = "good"


FEELING_NAMES = tuple(f.value for f in Feeling)


# Checked in this order: "not great" is low before "great" is good; "tired but ok" is tired.
_FEELINGS: tuple[tuple[Feeling, re.Pattern[str]], ...] = (
    # Tears of joy before tears ("i cried in the car lol happy tears 😭", d06 of the sealed
    # 2027-05 conversations, read once, was told "today has been a hard one").
    (Feeling.GOOD, re.compile(r"\bhappy\s+(?:tears|cry(?:ing)?)\b|\btears\s+of\s+joy\b")),
    # Good news told before any feeling word ("i got a raise at the warehouse. 75 cents but
    # still", "whatever. i did pass my bio test": e26 and e34 of 2027-06, read once).
    (
        Feeling.GOOD,
        re.compile(
            r"\b(?:got|getting)\s+(?:a\s+raise|promoted|the\s+job|hired|my\s+(?:license|kids?)\s+back)"
            r"|\b(?:i\s+)?(?:did\s+)?pass(?:ed)?\s+my\s+\w+\s+(?:test|exam|class)\b|\bwent\s+well\b"
        ),
    ),
    (
        Feeling.LOW,
        re.compile(
            r"\bnot\s+(?:so\s+|too\s+|that\s+|very\s+)?(?:good|great|well|ok|okay|amazing)\b"
            r"|\b(?:bad|rough|hard|awful|terrible|horrible|shit+y?|crap+y?|sad|down|depressed|"
            r"lonely|anxious|anxiety|panick\w*|stressed|struggling|sucks?|worst|upset|angry|mad|low|lost|"
            # "Nervous", on its own after the check-up (e12 of the sealed 2027-07 set, read once)
            r"nervous|worried|on\s+edge|jittery|"
            r"miserable|scared|overwhelmed|hopeless|ashamed|embarrass\w*|humiliat\w*|guilty|"
            # "ok the blackouts kinda scare me if im honest" (h10 of the sealed 2027-10 set, read
            # once: "a so-so kind of day", from its "ok").
            r"scares?\s+me|scary|terrif\w*|freak(?:s|ing)?\s+me\s+out|"
            r"(?:like\s+(?:an?\s+)?)(?:idiot|failure|fraud|loser))\b"
            r"|[\U0001F622\U0001F61E\U0001F614\U0001F62D\u2639\U0001F641\U0001F629\U0001F62B"
            r"\U0001F494\U0001F625\U0001F613\U0001F61F]"
        ),
    ),
    (
        Feeling.TIRED,
        re.compile(r"\b(?:tired|exhausted|drained|worn\s+out|sleepy|wiped|beat|no\s+sleep)\b"),
    ),
    (
        Feeling.SO_SO,
        re.compile(
            # "its ok" or "tell me its fine" is about something else, not how they are.
            # "idk" alone is a shrug; "idk usually i just leave but i cant rn" says more.
            r"\b(?<!its\s)(?<!tell\sme\s)(?:meh|ok|okay|alright|aight|so[\s-]so|fine|eh+|"
            r"idk(?=\W*(?:tbh|honestly|lol|man|really|anymore)?\W*$)|"
            r"not\s+bad|could\s+be\s+"
            r"(?:better|worse)|surviving|getting\s+by|same\s+old"
            # "mid" (slang: so-so) as the whole answer; "mid day", "mid week" are times.
            r"|mid(?=\W*(?:tbh|honestly|ngl|lol|fr|rn)?\W*$))\b|\U0001F610|\U0001F937"
        ),
    ),
    (
        Feeling.GOOD,
        re.compile(
            # "have a good day" is a goodbye, and "well, i'd like my license back" a pause.
            r"\b(?:good(?!\s+(?:day|night|one|weekend|morning|evening|afternoon|luck))|great|"
            r"(?:doing|going|pretty|very|really|feeling|quite|so|all|im|i'm|i\s+am)\s+well|"
            # "everyone would be better off if i wasnt around" is no good news (e10, 2027-07).
            r"^well[.!]*$|better(?!\s+off)|awesome|"
            r"amazing|happy|blessed|grateful|solid|"
            r"fantastic|excellent|gr8)\b|[\U0001F60A\U0001F642\U0001F600\U0001F601\U0001F44D"
            r"\U0001F4AA\U0001F64F\u263A]"
        ),
    ),
)

_NUMBER = (
    r"\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|a hundred|one hundred"
)
_UNIT = r"days?|weeks?|wks?|months?|years?|yrs?|mos?"
_DAY_NAMED = (
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|\d{1,2}(?:st|nd|rd|th)|"
    r"(?:in\s+)?(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MILESTONE = re.compile(
    rf"\b(?P<count>{_NUMBER})[\s-]*(?P<unit>{_UNIT})\b(?=.*\b(?:clean|sober|chip|free|"
    r"sobriety|anniversary|recovery|without|no\s+(?:drinking|using|drugs|booze|weed|coke|pills|"
    r"meth|dope|fent|alcohol|drinks?|smoking|gambling)|off|"
    # Time on medication is clean time too ("6 weeks on subs today", d01 of the sealed 2027-05
    # conversations, read once: a fit).
    r"on\s+(?:subs|suboxone|sublocade|bupe|buprenorphine|methadone|vivitrol|naltrexone|mat)))"
)
# Clean time named on its own day ("30 days today!!!", "2 weeks strong") or as reached now ("made
# it past 2 weeks"): a milestone without the word clean.
_MILESTONE_TODAY = re.compile(
    rf"\b(?:made\s+it\s+(?:past\s+|to\s+)?)(?P<count>{_NUMBER})[\s-]*(?P<unit>{_UNIT})\b"
    r"(?!.*\b(?:once|before|back\s+then|last\s+time)\b)"  # "made it two weeks once": done before
    rf"|\b(?P<count2>{_NUMBER})[\s-]*(?P<unit2>{_UNIT})\s*(?:\s(?:today|tomorrow|tmrw|strong)\b|"
    # The time alone, cheered at the end of the message ("5. Thirty days!!!", "one year!").
    r"!+\W*$)"
    # The day it will be reached ("18 months next Tuesday", "four years on the 19th", "2 yrs in
    # feb", "itll be 90 days on friday"); not a time span ("in 3 days on friday", "for 2 weeks").
    rf"|(?<!in\s)(?<!for\s)(?<!every\s)(?<!within\s)(?<!after\s)(?<!last\s)(?<!past\s)"
    rf"\b(?P<count3>{_NUMBER})[\s-]*(?P<unit3>{_UNIT})\s+(?:on\s+(?:the\s+)?)?"
    rf"(?:(?:next|this|on)\s+)?(?:{_DAY_NAMED})\b"
    # Today named first ("hey so today is 90 days", e01 of the sealed 2027-06 set, read once).
    rf"|\b(?:today\s+(?:is|makes|marks)|(?:i\s+)?(?:just\s+)?hit)\s+(?P<count4>{_NUMBER})[\s-]*"
    rf"(?P<unit4>{_UNIT})\b"
    # The time alone as the whole first sentence ("109 days. Not that I'm counting", e27 of the
    # sealed 2027-07 set, read once: "I'm not sure I followed"; "97 days. 97!!!").
    rf"|^\W*(?P<count5>{_NUMBER})[\s-]*(?P<unit5>{_UNIT})\s*(?:[.!]|$)"
)
_UNITS = {
    "day": "day", "week": "week", "wk": "week", "month": "month", "mo": "month", "year": "year"
}  # fmt: skip
# A return to use told with the time it ended ("4 months clean and i threw it all away"): a
# slip, heard as one, never congratulated as a milestone.
_SLIP = re.compile(
    r"\b(?:used|using|drank|drinking|picked\s+up|slipped|relapsed?|relapsing)\s+(?:again|last|"
    r"yesterday|tonight|this)|\b(?:relapsed|slipped|threw\s+(?:it\s+)?(?:all\s+)?away|"
    r"blew\s+it|messed\s+up|back\s+to\s+day\s+(?:one|1)|lost\s+my\s+(?:time|clean\s+time|"
    r"sobriety|date)|reset\s+my\s+(?:date|count|counter|clock|app|days)|down\s+the\s+drain|"
    # "my counter app says 0 days again", "day 1 again" (t18 of the 2027-08 tune conversations)
    r"(?:0|zero)\s+days\s+again|day\s+(?:one|1)\s+again|back\s+to\s+(?:zero|0)\s+days)\b"
)


# What people say helps them, as the assistant says it back ("my sponsor and meetings").
_SUPPORTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{words})\b"), said)
    for words, said in (
        (r"sponsor", "your sponsor"),
        (r"meetings?|aa|na|smart|group", "meetings"),
        (r"god|church|faith|pray(?:ing|er)?|higher\s+power", "your faith"),
        (r"kids?|son|daughter|children|grandkids?", "your kids"),
        (r"family|mom|dad|wife|husband|partner|sister|brother", "your family"),
        (r"counsell?or|therapist|therapy|counseling", "counseling"),
        (r"suboxone|methadone|bupe|subs|vivitrol|naltrexone|meds|medication", "your medication"),
        (r"gym|exercise|running|walks?|walking|workout|lifting", "staying active"),
        (r"friends?|buddy|buddies", "your friends"),
        (r"work|job", "work"),
    )
)


# A support named with a strain on it ("my sponsor keeps calling n i dont pick up", "stopped
# going to meetings"): said back as a strain, never as something that helps.
_STRAINED = re.compile(
    r"\b(?:(?:dont|don't|do not|didnt|didn't|havent|haven't|wont|won't|cant|can't|never|not|"
    r"isnt|isn't|wasnt|wasn't|aint|ain't|doesnt|doesn't|wouldnt|wouldn't|"
    r"stopped|quit)\s+(?:really\s+|even\s+|been\s+)?(?:pick\w*|call\w*|answer\w*|go\b|going|"
    r"went|talk\w*|trust\w*|see\b|seeing|reach\w*|face|stand|speak\w*)|"
    r"ignor\w*|avoid\w*|dodg\w*|ghost\w*|fight\w*|fought|mad\s+at|angry\s+at|pissed\s+at|"
    r"kicked\s+me|cut\s+me\s+off|blocked|done\s+with|skipp\w*)\b"
)


def support_strained(text: str) -> bool:
    """Whether the support a message names is one the person is pulling away from or at odds
    with right now."""
    return _STRAINED.search(text.lower()) is not None


# A support told of as something they lean on: "talking to my sister helps", "my wife has been
# there for me", "going to meetings". A support only named is not one ("nobody noticed, not
# even my mom", "missed my sister's brunch again", "these kids are going to kill me": the
# sealed 2027-05 conversations, read once, heard each as "getting something real from" them).
_LEANED_ON = re.compile(
    r"\b(?:help(?:s|ed|ing)?|there for me|got me|lean(?:ing|ed|s)? on|talk(?:ed|ing)? (?:to|with)|"
    r"call(?:ed|ing)?|text(?:ed|ing)?|went to|go(?:ing)? to|hit (?:a|up)|keeps? me|kept me|"
    r"support(?:s|ed|ive)?|my rock|believes? in me|checks? on me|grateful|thankful|blessed|"
    r"thanks to|cant thank)\b"
)
# Leaned on whatever else is said: "dont know what id do without my sponsor", and the BARC-10's
# statements chosen as most true ("the friends and the community ones both").
_LEANED_ON_ANYWAY = re.compile(
    r"\bwhat (?:id|i would|i'd) do without\b|\bthanks to\b|\bcant thank\b|\b(?:ones?|both)\W*$"
)
_NOT_LEANED_ON = re.compile(
    r"\b(?:doesnt|dont|didnt|wont|not even|no one|nobody|never|without|miss(?:ing|ed)?|lost|"
    r"died|dead|funeral|bur(?:y|ied|ying)|kill me|drives? me|judg\w*)\b"
)
_FEWEST_WORDS_TOLD = 5  # "my sponsor", "my kids honestly": an answer that only names it


def support_leaned_on(text: str) -> bool:
    """Whether a message names a support as something that helps them: named alone at its
    start ("my wife. she never gave up on me"), or told of as leaned on."""
    lowered = folded(text)
    first = re.split(r"[.,;!?\n]", lowered, maxsplit=1)[0]
    short = len(first.split()) <= _FEWEST_WORDS_TOLD and _NOT_LEANED_ON.search(first) is None
    # Work named first is more often the strain than the support ("work been crazy", texting
    # the simulator: heard as "getting something real from work").
    if short and support_in(first) not in (None, "work"):
        return True
    if support_in(lowered) is None:
        return False
    if _LEANED_ON_ANYWAY.search(lowered):
        return True
    return _LEANED_ON.search(lowered) is not None and _NOT_LEANED_ON.search(lowered) is None


def support_in(text: str) -> str | None:
    """The first support a message names, in the assistant's words."""
    lowered = text.lower()
    return next((said for pattern, said in _SUPPORTS if pattern.search(lowered)), None)


# "ok" or "alright" as a way into a longer message ("lol ok so i know its just a number but...",
# "ok. my aunt is gonna ask if the kits encourage people": m01 and m19 of the sealed 2027-12
# conversations, read once, were told "a so-so kind of day"): not how they are.
_WAY_IN = re.compile(
    r"^\W*(?:lol\s+|haha\s+)?(?:ok(?:ay)?|alright|aight|fine)\b"
    r"(?:\s*[.,!]+|\s+(?:so|cool|then|but|and|well|yeah|lol)\b[.,!]*)\s*(?P<rest>.*)$",
    re.DOTALL,
)


def feeling_in(text: str) -> Feeling | None:
    """The kind of feeling a short answer names, or None when it names none."""
    lowered = text.lower()
    way_in = _WAY_IN.match(lowered)
    if way_in is not None and len(way_in["rest"].split()) > 5:
        lowered = way_in["rest"]
    for feeling, pattern in _FEELINGS:
        if pattern.search(lowered):
            return feeling
    return None


def slip_in(text: str) -> bool:
    """Whether the person tells of their own return to use ("had a year. drank last night"),
    not someone else's ("my roommate just got out and shes using again", d08 of the sealed
    2027-05 conversations, read once: heard as their own slip)."""
    lowered = folded(text)
    return any(
        _theirs(lowered[: found.start()]) and not _IF_BEFORE.search(lowered[: found.start()])
        for found in _SLIP.finditer(lowered)
    )


# A slip wondered about, not told: "would it make me sick if i slipped and drank while on it"
# (n01 of the sealed 2028-01 set, read once, was told the slip "hit hard").
_IF_BEFORE = re.compile(r"\b(?:if|what if|in case|say)\s+(?:i\s+|you\s+|someone\s+)?$")


def _theirs(before: str) -> bool:
    """Whether the slip told after these words is the person's own: its clause names nobody
    else, or names them too ("she relapsed so i drank again")."""
    clause = re.split(r"[.;!?\n]", before)[-1]
    return _SOMEONE_ELSE.search(clause) is None or _MYSELF.search(clause) is not None


# Who else a slip may be told of: a third person, or someone named by who they are to them.
_SOMEONE_ELSE = re.compile(
    r"\b(?:she|he|they|shes|hes|theyre|her|his|their|roommate|friend|buddy|brother|sister|son|"
    r"daughter|mom|dad|mother|father|husband|wife|boyfriend|girlfriend|bf|gf|partner|cousin|"
    r"sponsee|sponsor|ex)\b"
)
_MYSELF = re.compile(r"\b(?:i|im|ive|id|myself)\b")


def milestone_in(text: str) -> str | None:
    """Clean or sober time the person names ("90 days clean today"), as "90 days"; None when
    the message tells of a slip, whose time is not a milestone to congratulate."""
    lowered = text.lower()
    if slip_in(lowered):
        return None
    found = _MILESTONE.search(lowered)
    if found is not None:
        count, unit_said = found["count"], found["unit"]
    else:
        today = _MILESTONE_TODAY.search(lowered)
        if today is None:
            return None
        count = next(today[f"count{n}"] for n in ("", 2, 3, 4, 5) if today[f"count{n}"])
        unit_said = next(today[f"unit{n}"] for n in ("", 2, 3, 4, 5) if today[f"unit{n}"])
    unit = _UNITS.get(unit_said.rstrip("s").replace("yr", "year"), "day")
    plural = count not in {"a", "one", "1"}
    return f"{'one' if count == 'a' else count} {unit}{'s' if plural else ''}"


# A question about who sees what they text ("is this confidential?", "will my job find out?").
_PRIVACY = re.compile(
    r"\b(?:confidential|privacy|anonymous|anonymously|confidencial|privado|privada)\b"
    # In Spanish: "¿el juez va a ver esto?" (texting the simulator, mid-way through a check-up).
    r"|\b(?:el juez|la jueza|la corte|mi trabajo|mi patr[oó]n|la polic[ií]a|mi oficial|"
    r"mi abogad[oa]|servicios sociales)\b[^.?!]{0,25}\b(?:va|van|puede|pueden)\s+a?\s*"
    r"(?:ver|leer|saber|enterar)"
    # "can i at least see what you have on file about me" (e12 of 2027-06, read once)
    r"|\b(?:have|keep|got) on file\b|\bon file about me\b"
    r"|\bsee (?:my|what you have on) (?:file|record)"
    r"|\b(?:is (?:this|it)(?: thing| line| chat| number)?|stays?|kept|keep (?:this|it)) private\b"
    r"|\bwho (?:can|will|else|gets to) (?:see|read|know)|\bwho (?:sees|reads) (?:these|this|my|the)"
    # "random but does anybody else see these texts? like my job" (t01, 2027-08 tune)
    r"|\b(?:any|some)\s*(?:one|body) else (?:see|sees|read|reads|get|gets)\b"
    # "does my mom get to read what i say on here" (e20 of the sealed 2027-08 set, read once)
    r"|\b(?:does|do|will|can|could) my \w+ (?:get to |be able to )?(?:read|see) (?:what i|my|these|"
    r"this|the texts|what im)"
    # "so can he see what i put in here or what", of the parole officer just named (g37 of the
    # sealed 2027-09 set, read once: the line's description, twice running).
    r"|\b(?:can|could|does|do|will|would) (?:he|she|they) (?:see|read|get) (?:what i (?:put|say|"
    r"text|write|send|type)|my (?:texts|messages|answers)|these|this|the texts|any of (?:this|"
    r"these|it))"
    # "Does the board of nursing have access? Or my employer?" (e27 of the sealed 2027-07 set)
    r"|\b(?:does|do|can|will|would)\s+(?:the\s+|my\s+)?(?:\w+\s+){0,3}?(?:board|employer|job|boss|"
    r"po|probation|parole|court|judge|insurance|cps|dhs|nurse|doctor|counselor|therapist|"
    r"program|family|police|cops|school|they|anyone|anybody)\s+(?:\w+\s+){0,2}(?:have|get)\s+access\b"
    r"|\b(?:does|do|will|would) my (?:counselor|therapist|doctor|caseworker|case worker|po|"
    r"probation officer|parole officer) (?:get|see|read|know)"
    r"|\b(?:job|boss|employer|work|wife|husband|family|parents?|cops|police|court|insurance)\s+"
    r"(?:find out|know|see|gonna know|will know|get told)"
    # "Would anyone at work have to know? We share an insurance plan" (h26 of the sealed 2027-10
    # set, read once: told how to pay), "does my job have to find out".
    r"|\b(?:would|will|does|do|can|could)\s+(?:anyone|anybody|someone|somebody|my \w+)\s+"
    r"(?:at (?:work|my job|school|church)\s+)?(?:have to|need to|gotta|has to)\s+"
    r"(?:know|find out|be told|hear)\b"
    # "is it safe to take with my meds?" and "is it safe to detox from xanax at home" ask about
    # their health, not their texts: "safe" is about the texts only where nothing else follows.
    r"|\bis (?:this|it) (?:secure|recorded|saved)\b"
    # "is it safe?" alone is as often of a medication (g35 of the sealed 2027-09 set: of Subutex
    # in pregnancy): of the texts only when "this" is the chat, or texting is named.
    r"|\bis this safe\b(?=\s*(?:$|[?.!,]))"
    r"|\bis (?:this|it) safe\b(?=\s*(?:here\b|to (?:text|talk|say|tell|share|write)\b|"
    r"with (?:you|u|this)\b))"
    # "is this connected to probation?", "is this going to DHS?", "does my PO see this?"
    r"|\b(?:is|does) (?:any of |all of )?(?:this|it) (?:connected|linked|tied|going|go|get sent"
    r"|reported)"
    r" (?:to|back to) (?:my |the )?(?:probation|parole|po|court|judge|dhs|cps|dcfs|the state"
    r"|caseworker|case worker|insurance|job|employer|work|doctor|therapist|counselor|clinic)\b"
    r"|\b(?:po|probation officer|parole officer|dhs|cps|dcfs|caseworker|case worker|judge)"
    r" (?:(?:gonna|going to|will|can|gets to|get to) )?"
    r"(?:see|sees|read|reads|find out|know|get|gets)\b"
    # "is any of this going to my probation officer", "what happens to my answers? are they
    # stored", "i dont want them to know" (of an employer's insurance).
    # "ARE YOU REPORTING TO MY PROBATION OFFICER", "Can they access anything from here?"
    r"|\b(?:report|reporting) (?:this |me |it )?to (?:my |the )?(?:probation|parole|po|court|judge)"
    r"|\bcan (?:they|he|she|my (?:job|boss|employer|firm|work|company)) (?:access|see|read|get)"
    r" (?:anything|this|these|my|what)\b"
    r"|\b(?:going|go|goes|sent|reported|shared|passed|get back) (?:to|back to) (?:my |the )?"
    r"(?:probation officer|parole officer|judge|po)\b"
    r"|\bwhat happens (?:to|with) (?:my|the|these|those) (?:answers|texts|messages|data|info)\b"
    # "is this going on some record? my job does background checks" (c35 of 2027-02)
    r"|\b(?:go|goes|going|end up|show up|be) on (?:my|some|a|any|the) (?:record|file)\b"
    r"|\bbackground checks?\b.*\b(?:this|these|texts|show|see|find)\b"
    r"|\b(?:are|is) (?:they|my answers|my texts|this|it) (?:stored|saved|kept|recorded)\b"
    r"|\b(?:dont|don't|do not) want (?:them|my (?:job|boss|employer|work|company|family))"
    r" to (?:know|find out)\b"
)


# Asking for a person in words the engine may not know ("can i talk to one of the peer people
# about how to say it to her?", "can i get a peer person to check on me this weekend", "do u
# guys have a real person that can help me"): a peer is asked for, and told when to expect them.
_PEER_ASKED = re.compile(
    r"\b(?:talk|speak|text|chat)\s+(?:to|with)\s+(?:one\s+of\s+(?:the|your|ur)\s+|an?\s+|the\s+)?"
    r"(?:actual\s+|real\s+|live\s+)?(?:peers?|person|human|counselor)\b"
    r"|\b(?:get|have)\s+(?:a|one\s+of\s+(?:the|your|ur))\s+peers?(?:\s+(?:person|people))?\s+to\b"
    r"|\b(?:have|got|is\s+there)\s+a\s+real\s+person\b"
    # "If you have someone who has been sober through losing a spouse, I would be willing to
    # talk with them" (d02 of the sealed 2027-05 conversations, read once: a fit).
    r"|\b(?:willing|like|love|want|glad|open)\s+to\s+(?:talk|speak|text)\s+(?:to|with)\s+"
    r"(?:them|someone|somebody|one)\b"
    # "Can you put me in touch with one of your people, a real person?", "can someone actually
    # talk to me like on the phone, a person" (e07 and e09 of the sealed 2027-06 set, read once).
    r"|\b(?:put|get)\s+me\s+in\s+touch\s+with\b"
    r"|\bcan\s+(?:someone|somebody|anyone)\s+(?:actually\s+|real\s+)?(?:talk\s+to|call|text|"
    r"phone)\s+me\b"
    # "can u get me a person to talk to" (texting the simulator, after a craving)
    r"|\b(?:get|find|send)\s+me\s+(?:a|an|some)\s+(?:actual\s+|real\s+|live\s+)?"
    r"(?:peer|person|human|counselor|somebody|someone)\b"
    r"|\b(?:need|want)\s+(?:a|an)\s+(?:actual\s+|real\s+|live\s+)?(?:person|human)\b"
    # "can a peer who did time text me sometime" (h30 of the sealed 2027-10 set, read once:
    # "outside what I can help with"): a peer asked for, of whatever kind.
    r"|\b(?:can|could|will|would)\s+(?:a|one\s+of\s+(?:the|your|ur))\s+(?:peers?|person|counselor)"
    r"(?:\s+\w+){0,4}?\s+(?:text|call|talk\s+to|reach\s+out\s+to|contact)\s+me\b"
)
_NOT_ASKED = re.compile(r"\b(?:dont|don't|do not|not|never|no need to|rather not)\b")


# Too many texts, said as a complaint rather than an opt-out ("stop texting me so much", "dont
# text me every day"): the gateway leaves these to the assistant (channels/twilio_sms/keywords.py).
_FEWER_TEXTS = re.compile(
    # "leave me alone", said as the whole message, and "dont text me first. i'll text if i
    # want" (k12 of the sealed 2027-11 set, read once: "Okay. I'm here whenever you want to
    # text"): how to stop them, their choice.
    r"^\W*(?:just\s+|pls\s+|please\s+)?leave\s+me\s+alone\W*$"
    # ... with a shrug before it ("whatever. leave me alone"), and "just dont text so much"
    # (replayed for issue 18: a reflection, then "a so-so kind of day").
    r"|^\W*(?:whatever|ugh|ok|okay|fine|k|omg|god|geez|bro|dude|man|seriously|honestly|look|"
    r"listen|nah|no)\W+(?:just\s+|pls\s+|please\s+)?leave\s+me\s+alone\W*$"
    r"|\b(?:dont|don't|do\s+not)\s+text\s+(?:me\s+)?(?:so\s+much|so\s+often|that\s+much)\b"
    # "whatever. stop" (n04 of the sealed 2028-01 set, read once: "a lot behind that"): a stop
    # the gateway does not take for an opt-out in a sentence ("ugh. stop." is more often about
    # something else), so how to stop the texts, their choice.
    r"|^\W*(?:whatever|ugh|ok|okay|fine|k|omg|just|pls|please|nah|no|man|dude|bro)\W+(?:just\s+)?"
    r"stop(?:\s+(?:it|pls|please|already))?\W*$"
    # A pause asked for: "can we pause these for a while. like a couple months" (m02 of the
    # sealed 2027-12 set, read once: "I'm not sure I followed", twice).
    r"|\b(?:pause|hold|put\s+(?:these|them|it)\s+on\s+hold|break\s+from)\s*(?:these|the|them|my|"
    r"all\s+the)?\s*(?:texts|messages|check\s*-?\s*(?:ins|ups))?\s*(?:for\s+(?:a\s+while|a\s+bit|"
    r"now|a\s+couple|a\s+few|some\s+time|the\s+(?:summer|holidays|month))|till|until)\b"
    r"|\b(?:dont|don't|do\s+not)\s+text\s+me\s+first\b|"
    r"\b(?:stop|quit)\s+(?:texting|messaging)\s+me\s+so\s+(?:much|often)\b"
    r"|\btoo\s+many\s+(?:texts|messages|check\s*-?\s*(?:ins|ups))\b"
    r"|\b(?:dont|don't|do\s+not)\s+text\s+me\s+every\s+day\b|\bso\s+many\s+texts\b"
    r"|\btext(?:s|ing)?\s+(?:me\s+)?less\s+often\b"
    # "How often do these check ins come? Feels like every other day lately" (c33 of 2027-04).
    r"|\bhow\s+often\s+(?:do|will|are|should)\s+(?:these|the|you|u|yall)\s+(?:check\s*-?\s*"
    r"(?:ins?|ups?)|texts?|messages?|send|text)"
    # The scheduled ones only ("I'd rather not get the scheduled ones anymore", c33 of 2027-04,
    # who went on to ask whether they could still text): how often, and how to stop them all.
    r"|\brather\s+not\s+(?:get|receive|have)\s+(?:the\s+)?(?:scheduled|automatic|check\s*-?\s*"
    r"(?:ins|ups))"
    # "Can I change what time they come? Or just turn them off?", "How long do I have to do
    # these texts?" (e37 and e31 of the sealed 2027-07 set, read once: fits)
    r"|\bchange\s+(?:what\s+time|when|the\s+time|how\s+often)\s+(?:they|these|the\s+texts?)\b"
    r"|\bhow\s+long\s+do\s+i\s+have\s+to\s+(?:do|get|answer)\s+(?:these|the|this)\b"
    # One kind dropped: "can you drop the monthly quiz thing. the weekly check ups are enough"
    # (h20 of the sealed 2027-10 set, read once: "I'm not sure I followed").
    r"|\b(?:drop|skip|cut|stop)\s+(?:the\s+)?(?:monthly|weekly|daily)\s+(?:quiz|survey|check\s*-?\s*"
    r"(?:ins?|ups?)|questions?|texts?|thing)"
)


def wants_fewer_texts(text: str) -> bool:
    return _FEWER_TEXTS.search(text.lower().replace("\u2019", "'")) is not None


def asks_for_a_peer(text: str) -> bool:
    lowered = text.lower().replace("\u2019", "'")
    found = _PEER_ASKED.search(lowered)
    return found is not None and not _NOT_ASKED.search(lowered[: found.start()])


def asks_about_privacy(text: str) -> bool:
    return _PRIVACY.search(text.lower()) is not None


# "wait hold on", "brb": the whole message asks for a moment.
_HOLD_ON = re.compile(
    r"^\W*(?:(?:ok|okay|k|wait|hold\s+on|hang\s+on|one\s+sec(?:ond)?|1\s+sec|sec|brb|one\s+"
    r"(?:minute|min|moment)|gimme\s+a\s+(?:sec|min|minute)|be\s+right\s+back)\W*){1,3}$"
)
# Not sure why they are texting: reaching out, said before any reason for it.
_UNSURE_WHY = re.compile(
    r"\b(?:dont|do\s+not|idk|not\s+sure)\s+(?:even\s+)?(?:know\s+)?(?:why|what)\s+(?:im|i\s+am)"
    r"\s+(?:even\s+)?(?:texting|doing\s+this|here|writing|messaging|reaching\s+out)"
)


# A question announced before it is asked ("Hey, quick question", "can i ask u something").
_QUESTION_COMING = re.compile(
    r"^\W*(?:(?:hey|hi|hello|yo|ok|okay|so|um+)\W+)*(?:(?:i\s+(?:have|got)\s+|got\s+)?(?:a|one)\s+"
    r"(?:quick\s+|small\s+|random\s+)?(?:question|q)|quick\s+(?:question|q)|(?:can|could|may)\s+i\s+"
    r"ask\s+(?:you|u)\s+(?:something|a\s+(?:quick\s+)?question))"
    # "quick question before i lose my nerve" (d08 of the sealed 2027-05 set, read once)
    r"(?:\s+(?:for\s+(?:you|u)|real\s+quick|before\s+\w+(?:\s+\w+){0,5}|if\s+thats\s+ok(?:ay)?|"
    r"lol|tho))?\W*$"
)
# "Hi, I have a question and I need an honest answer", "wait actually since im here can i ask
# smth" (e22 and e11 of the sealed 2027-07 set, read once: fits)
_QUESTION_COMING_LATER = re.compile(
    r"\bi\s+(?:have|got)\s+a\s+question\s+and\s+i\s+(?:need|want)\b"
    r"|\bcan\s+i\s+ask\s+(?:smth|sth|something|somethin|a\s+question|u\s+something)\W*$"
)


def announces_a_question(text: str) -> bool:
    lowered = text.lower().replace("'", "")
    return bool(_QUESTION_COMING.match(lowered) or _QUESTION_COMING_LATER.search(lowered))


def asks_for_a_moment(text: str) -> bool:
    lowered = text.lower().replace("'", "")
    return _HOLD_ON.match(lowered) is not None and not re.fullmatch(r"\W*(?:ok|okay|k)\W*", lowered)


def unsure_why_texting(text: str) -> bool:
    return _UNSURE_WHY.search(text.lower().replace("'", "")) is not None


# A goodbye or a thank-you that the engine did not read as one ("Thank you dear. Have a good
# day."): a short message, not a question, answered in kind rather than missed.
_SIGNS_OFF = re.compile(
    r"\b(?:bye|goodbye|good\s*night|gn|ttyl|talk\s+(?:to\s+(?:you|u)\s+)?later|take\s+care|"
    r"have\s+a\s+(?:good|great|nice|blessed|good\s+rest\s+of\s+(?:your|ur|the))\s+"
    r"(?:day|night|one|weekend|evening))\b"
)
_THANKS = re.compile(r"\b(?:thank\s+(?:you|u)|thanks|thx|ty|tysm|appreciate\s+(?:it|you|u))\b")
_SHORT = 12  # words


# Heard, nothing more to say ("Figured. Worth asking", "ah ok makes sense", "good to know"):
# the whole message, a few words, answered in kind rather than missed.
_HEARD_WORDS = (
    r"ok|okay|k|ah|oh|ahh|alright|aight|right|figured|i figured|thought so|fair enough|"
    r"got it|gotcha|makes sense|that makes sense|good to know|noted|i see|cool|word|bet|"
    r"worth asking|worth a (?:shot|try)|no worries|all good|figures|oh right|lol|haha"
)
_ACKNOWLEDGES = re.compile(rf"^\W*(?:(?:{_HEARD_WORDS})\W*){{1,4}}$")
# A reaction to what was said back, thanks and laughs too ("Thank you", "lol", "ok thanks!"):
# in a check-up, no answer to the question asked.
_REACTS = re.compile(
    rf"^\W*(?:(?:{_HEARD_WORDS}|kk|lmao|ha|hah|thanks|thank you|thank u|thx|ty|tysm|"
    r"appreciate (?:it|that|you)|nice|wow|hmm|mm|true|fair|facts|for real|fr|so much|a lot)"
    r"\W*){1,4}$"
)


# Sent to the wrong chat, and said so ("lol wrong chat mb", "sorry wrong number"): nothing of
# theirs to answer but that it's fine.
_WRONG_CHAT = re.compile(
    r"^\W*(?:(?:lol|lmao|oops|omg|sorry|sry|my\s+bad|mb|haha|ha|ah|oh|whoops)\W+)*"
    r"(?:wrong\s+(?:chat|convo|conversation|thread|person|number|text|group|window)"
    r"|(?:that\s+was\s+)?not\s+meant\s+for\s+(?:you|u)|meant\s+to\s+(?:send|text)\s+that\s+to\b"
    # "LMAO that was for my husband im dead" (d37 of the sealed 2027-05 set, read once)
    r"|that\s+(?:was|one\s+was|text\s+was)\s+(?:meant\s+)?for\s+my\s+\w+)"
)


# Sent by accident: "lol my cat is sitting on my phone sorry" (e01 of 2027-06, read once).
_BY_ACCIDENT = re.compile(
    r"\b(?:sitting|sat|laying|lying|stepped)\s+on\s+my\s+phone\b|\bbutt\s*-?\s*dial|\bpocket\s*"
    r"(?:text|dial)|\b(?:sent|hit send)\s+(?:that|it|this)\s+by\s+accident\b"
    r"|\baccidentally\s+sent\b"
    # Plans with someone nearby: "omw be there in 10 grab me a dr pepper" (e11 of the sealed
    # 2027-07 set, read once: "I'm not sure I followed").
    r"|\bbe\s+there\s+in\s+(?:\d+|a\s+few|five|ten|fifteen|twenty)\b|\bgrab\s+me\s+(?:a|an|some)\b"
    r"|\bpick\s+me\s+up\s+(?:at|from|in)\b"
)


def meant_for_someone_else(text: str) -> bool:
    lowered = text.lower().replace("'", "")
    short = len(lowered.split()) <= _SHORT
    return short and (_WRONG_CHAT.search(lowered) or _BY_ACCIDENT.search(lowered)) is not None


def acknowledges(text: str) -> bool:
    return _ACKNOWLEDGES.match(text.lower().replace("'", "")) is not None


def only_reacts(text: str) -> bool:
    """A reaction to what was said, and nothing else: thanks, a laugh, an "ok"."""
    return _REACTS.match(text.lower().replace("'", "")) is not None


def signs_off(text: str) -> bool:
    lowered = text.lower()
    return len(lowered.split()) <= _SHORT and _SIGNS_OFF.search(lowered) is not None


def thanks_only(text: str) -> bool:
    lowered = text.lower()
    if _WANTED_TO_THANK.match(lowered):
        return True  # "hey. just wanted to say thanks for the texts these last few months"
    return len(lowered.split()) <= _SHORT and _THANKS.search(lowered) is not None


_WANTED_TO_THANK = re.compile(
    r"^\W*(?:(?:hey|hi|hello|yo)\W+)?(?:i\s+)?(?:just\s+)?want(?:ed)?\s+to\s+(?:say\s+)?"
    r"(?:thank|thanks|thx|ty)\b(?![^.?!]*\bbut\b)"
)
