"""What to say to a turn that no rule of a flow answers, from the message and from what was said
to the person last. Pure: the action (context.py) reads the tracker and the database.

A message people send in answer to the assistant's own question is answered as that answer:
"good", "meh" or a sad emoji after "How are you doing today?" is how they are, and a yes after
the offer of a peer is a yes to a peer. Only a message that answers nothing and says nothing we
can read is a miss, and misses climb: a clarifying question, then the offer of a person, then
how to reach one, so no miss is answered the way the one before it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.actions import spanish
from bot.actions.barc10_most_true import (
    MOST_TRUE,
    asked_after_barc10,
    asked_which_statement,
    statement_chosen,
)
from bot.actions.change_talk import Heard, heard_in
from bot.actions.checkup_parse import Choice, choice
from bot.actions.checkup_read import asks_for_spanish, is_question, opens_as_a_question
from bot.actions.context_read import (
    FEELING_NAMES,
    acknowledges,
    announces_a_question,
    asks_about_privacy,
    asks_for_a_moment,
    asks_for_a_peer,
    feeling_in,
    meant_for_someone_else,
    milestone_in,
    signs_off,
    slip_in,
    support_in,
    support_leaned_on,
    support_strained,
    thanks_only,
    unsure_why_texting,
    wants_fewer_texts,
)
from bot.actions.context_start import WHY_AGAIN, asks_why_again
from bot.actions.cravings import craving_heard
from bot.actions.life_topics import RESPONSES as LIFE_TOPICS
from bot.actions.life_topics import LifeTopic, body_warning_in, life_topic_in
from bot.actions.medication import COST, asks_about_cost, medication_information, the_one_named
from bot.actions.medication import WORRY as MEDICATION_WORRY
from bot.actions.opinion import opinion_asked
from bot.actions.questions import (
    ASK_PRESCRIBER,
    BARC10_SCORING,
    COUNTERFEIT_PILLS,
    FAMILY_WELCOME,
    HOW_SIGNED_UP,
    NALOXONE,
    NO_TROUBLE,
    PEER_WORK,
    PRESCRIBER_UNREACHABLE,
    SAMHSA_NUMBER,
    SECULAR_MEETINGS,
    TELEHEALTH,
    TEXT_988,
    TEXT_ANY_TIME,
    WHAT_THIS_IS,
    XYLAZINE,
    asks_about_counterfeit_pills,
    asks_about_health,
    asks_about_naloxone,
    asks_about_peer_work,
    asks_about_telehealth,
    asks_about_texting_988,
    asks_about_xylazine,
    asks_as_family,
    asks_for_samhsa_number,
    asks_for_secular_support,
    asks_how_barc10_adds_up,
    asks_if_missing_texts_is_trouble,
    asks_if_still_there,
    asks_if_they_can_text,
    asks_what_this_is,
    cant_reach_prescriber,
    peer_work_follow_up,
    unsure_how_signed_up,
)
from bot.actions.resources import ASK_PLACE
from bot.actions.resources import PERMISSION as RESOURCES_PERMISSION
from bot.actions.resources_catalog import Topic
from bot.actions.resources_location import names_a_place
from bot.actions.resources_select import shows_options, topic_of
from escalation.responses import PEER_OFFER_OPENING

CLARIFY = "utter_fallback_clarify"
OFFER = "utter_fallback_offer_peer"
REDIRECT = "utter_fallback_redirect"
DECLINED = "utter_fallback_peer_declined"
ACKNOWLEDGE = "utter_acknowledge"
OUT_OF_SCOPE = "utter_out_of_scope"
MILESTONE = "utter_milestone"
# A return to use told in the person's own words ("4 months clean and i threw it all away"):
# reflected and affirmed for telling it, the time they had never congratulated.
SLIP_HEARD = "utter_slip_heard"
# "Is this confidential?": who reads what they text, and what the law keeps from others.
PRIVACY = "utter_privacy"
# "what about insurance?", "where do i go if i got no insurance": paying for treatment.
TREATMENT_COST = COST
FEWER_TEXTS = "utter_fewer_texts"  # "stop texting me so much": how often, and how to stop
TAKE_YOUR_TIME = "utter_take_your_time"  # "wait hold on", "brb"
ASK_AWAY = "utter_ask_away"  # "Hey, quick question"
REACHING_OUT = "utter_reaching_out"  # "i dont even know why im texting this"
HEARD_SUPPORT = "utter_heard_support"
HEARD_SUPPORT_STRAINED = "utter_heard_support_strained"
HEARD_MORE = "utter_heard_more"
TELL_MORE = "utter_heard_tell_more"
GOODBYE = "utter_goodbye"
WELCOME = "utter_you_are_welcome"
WRONG_CHAT = "utter_wrong_chat"
# Intents whose own answer action_in_context gives, unless the words ask for something more
# ("can i talk to an actual human about this" is no question about bots; "what would you do if
# you were me" is no small talk): t29 and t27 of the 2027-08 tune conversations.
OWN_ANSWERS = {
    "chitchat": "utter_chitchat",
    "bot_challenge": "utter_iamabot",
    "ask_help": "utter_help",
    "thank": "utter_you_are_welcome",
}
RULERS_PERMISSION = "utter_rulers_permission"  # "a couple of quick questions about it?"
COMMIT_ASK = "utter_heard_commit_ask"  # "What would help you follow through on it?"
COMMIT_PLAN = "utter_heard_commit_plan"
STILL_HERE = "utter_still_here"  # "you still there? its late i know"
# What someone says after the worry that medication is "trading one drug for another" was
# answered (bot/actions/medication.py): heard as more of that worry, not as a new subject.
WORRY_HEARD = "utter_medication_worry_heard"
# The assistant's own open questions about how the person is doing: what answers them is
# heard as their answer, never as a miss.
ASKED = (
    MILESTONE,
    MOST_TRUE,
    SLIP_HEARD,
    PRIVACY,
    REACHING_OUT,
    HEARD_SUPPORT,
    HEARD_SUPPORT_STRAINED,
    HEARD_MORE,
    TELL_MORE,
    *(f"utter_feeling_{f}" for f in FEELING_NAMES),
    *(
        topic for topic in LIFE_TOPICS if topic != LifeTopic.BUSY_NOW.response
    ),  # that one asks nothing
)
REQUEST_PEER = "request_peer"  # not a response: the action asks a peer to text
REQUEST_PEER_ES = "request_peer_es"  # the same, said in Spanish
YES_OR_NO = frozenset({"affirm", "deny"})
# The offers of a peer a yes or a no can answer: the fallback's, the check-up's, and the one the
# gateway makes with its reply to a message that opens a concern (escalation/responses.py).
OFFERS = (OFFER, "utter_checkup_offer_peer", ASK_PRESCRIBER)
# The assistant's own "how are you?" questions, as they end.
GO_ON = ("I'm listening.", "te leo.")
HOW_ARE_YOU = (
    "how are you doing today?",
    "how are things going today?",
    "how are things with you today?",
    "how are you feeling after talking with them?",
)


def feeling_response(name: str) -> str:
    return f"utter_feeling_{name}"


@dataclass(frozen=True)
class Said:
    """What the assistant (or the gateway) said last, as the texts the domain has for it, and
    what it said in the few messages before that (newest first)."""

    text: str
    responses: Mapping[str, Sequence[Mapping[str, Any]]]
    before: Sequence[str] = ()

    def turns_since(self, variation: Mapping[str, Any]) -> int | None:
        """How many messages back this variation was said (0: the last), or None if not lately."""
        for back, text in enumerate((self.text, *self.before)):
            if _fits(variation, text):
                return back
        return None

    def was(self, response: str) -> bool:
        return self.is_text_of(response, self.text)

    def is_text_of(self, response: str, text: str) -> bool:
        """Whether this text is one of the response's variations, its blanks filled any way."""
        return any(_fits(v, text) for v in self.responses.get(response, ()))

    def said(self, variation: Mapping[str, Any]) -> bool:
        """Whether this is that variation's text, its blanks ("{milestone}") filled any way."""
        return _fits(variation, self.text)

    def offered_peer(self) -> bool:
        openings = tuple(PEER_OFFER_OPENING.values())
        return self.text.startswith(openings) or any(map(self.was, OFFERS))

    def offered_in_spanish(self) -> bool:
        """What there is in Spanish, or the gateway's offer of a peer said in Spanish: "sí" or
        "no" on its own answers it."""
        offered = any(map(self.was, spanish.OFFERING))
        return offered or self.text.startswith(PEER_OFFER_OPENING["es"])

    def in_spanish_lately(self) -> bool:
        """The assistant has been answering in Spanish: "bueno" or "sí lo he pensado" go on in
        Spanish even without two marker words of their own."""
        return any(map(self.lately, spanish.RESPONSES))

    def lately(self, response: str) -> bool:
        """Whether the response was said in the last few messages, not only the last."""
        return any(self.turns_since(v) is not None for v in self.responses.get(response, ()))

    def asked_about_them(self) -> bool:
        return any(map(self.was, ASKED))

    def asked_how_they_are(self) -> bool:
        return self.text.lower().rstrip().endswith(HOW_ARE_YOU)


def change_talk(intent: str, text: str, said: Said) -> Heard | None:
    """Change or sustain talk volunteered, unless the message answers something else first:
    Spanish, a yes or no to the offer of a peer, a slip, or clean time (affirmed as a
    milestone)."""
    if speaks_spanish(intent, text, said):
        return None
    if intent in YES_OR_NO and said.offered_peer():
        return None
    if slip_in(text) or milestone_in(text) is not None:
        return None
    if said.was(COMMIT_ASK) and not is_question(text):
        return None  # how they'd follow through on the step just said back (statement_after)
    if asks_for_a_peer(text):
        return None  # "i want to talk to an actual peer person": a person asked for, not a wish
    return heard_in(text)


def said_outright(text: str) -> str | None:
    """The body's warning signs, a slip, a question about privacy, a person asked for, a moment
    asked for, or not knowing why they are texting: answered whatever was asked before it."""
    craving = craving_heard(text)
    if craving is not None and not slip_in(text):
        return craving
    for said, response in (
        (body_warning_in, LifeTopic.BODY_WARNING.response),
        (slip_in, SLIP_HEARD),
        (asks_about_privacy, PRIVACY),
        (asks_about_cost, TREATMENT_COST),
        (asks_about_naloxone, NALOXONE),
        (asks_about_xylazine, XYLAZINE),
        (asks_about_counterfeit_pills, COUNTERFEIT_PILLS),
        (asks_about_telehealth, TELEHEALTH),
        (asks_about_texting_988, TEXT_988),
        (asks_about_peer_work, PEER_WORK),
        (cant_reach_prescriber, PRESCRIBER_UNREACHABLE),
        (asks_how_barc10_adds_up, BARC10_SCORING),
        (asks_as_family, FAMILY_WELCOME),
        (asks_for_secular_support, SECULAR_MEETINGS),
        (asks_for_samhsa_number, SAMHSA_NUMBER),
        (asks_if_missing_texts_is_trouble, NO_TROUBLE),
        (asks_if_they_can_text, TEXT_ANY_TIME),
        (unsure_how_signed_up, HOW_SIGNED_UP),
        (asks_what_this_is, WHAT_THIS_IS),
        (asks_for_a_peer, REQUEST_PEER),
        (meant_for_someone_else, WRONG_CHAT),  # let go lightly, whoever it names
        (wants_fewer_texts, FEWER_TEXTS),
        (asks_for_a_moment, TAKE_YOUR_TIME),
        (asks_if_still_there, STILL_HERE),
        (announces_a_question, ASK_AWAY),
        (unsure_why_texting, REACHING_OUT),
    ):
        if said(text):
            return response
    return None


def speaks_spanish(intent: str, text: str, said: Said) -> bool:
    if intent == spanish.INTENT or said.offered_in_spanish() or spanish.is_spanish(text):
        return True
    if asks_for_spanish(text):  # "¿puedo escribir en español? my mom wants to text you too"
        return True
    return said.in_spanish_lately() and not spanish.leans_english(text)


def reply_for(intent: str, text: str, said: Said) -> str:
    """The response (or REQUEST_PEER) for this turn."""
    if speaks_spanish(intent, text, said):
        return in_spanish(intent, text, said)
    # "does a felony stop me", "how much does the training cost", after how peer work starts
    follow_up = peer_work_follow_up(text) if said.lately(PEER_WORK) else None
    if follow_up is not None:
        return follow_up
    outright = said_outright(text)
    if outright is not None:
        return outright
    if intent in OWN_ANSWERS:
        return opinion_asked(text) or OWN_ANSWERS[intent]
    if intent in YES_OR_NO:
        return yes_or_no(intent, text, said)
    if choice(text) is Choice.PAUSE:
        return ACKNOWLEDGE  # "ok thats enough questions for today": heard, nothing asked
    if milestone_in(text) is not None:
        return MILESTONE
    return in_what_was_said(intent, text, said)


def in_what_was_said(intent: str, text: str, said: Said) -> str:
    """The answer to the assistant's own last question, or how they are, or else a miss."""
    asked = opinion_asked(text)  # "do you think i can actually do it again?"
    if asked is not None:
        return asked
    if asks_about_health(text):
        # Before any answer to the last question: "i missed my vivitrol shot last week, what
        # do i do" after "How are you doing today?" asks, whatever else it tells.
        return ASK_PRESCRIBER
    answer = answer_to_own_question(intent, text, said)
    if answer is not None:
        return answer
    medication = medication_asked_about(text)
    if medication is not None:
        return medication  # "Is there a shot version" of the naltrexone they named
    # A question is not a feeling: "can i get take homes if im doing good?" is not "good".
    if is_question(text):
        return OUT_OF_SCOPE if intent == "out_of_scope" else next_miss(said)
    if acknowledges(text):
        return ACKNOWLEDGE  # "Figured. Worth asking": heard, nothing asked
    return (
        about_them(text)
        or in_kind(text)
        or tell_more(text, said)
        or (OUT_OF_SCOPE if intent == "out_of_scope" else next_miss(said))
    )


def tell_more(text: str, said: Said) -> str | None:
    """Something told, in a few words or more, that nothing read: an invitation to say more,
    once; a second such message running goes on to the misses' ladder (a clarifying question,
    then a person). In the read 2027-08 set, 11 of the 17 misses left were statements like
    these ("i just smoke a lil. i aint shooting nothing", "I sat in the Fry's parking lot and
    cried"), told "outside what I can help with" or "I'm not sure I followed"."""
    if len(text.split()) < _TELL_MORE_WORDS or said.lately(TELL_MORE) or said.was(CLARIFY):
        return None
    # A question without its question mark is still a question: "yo is this the thing from
    # the van on pratt st" (e08 of the read 2027-08 set) is not something told.
    return None if opens_as_a_question(text) else TELL_MORE


_TELL_MORE_WORDS = 4  # "Not a fan of needles lol"; not "ok sure", "lol"


def answer_to_own_question(intent: str, text: str, said: Said) -> str | None:
    """What answers the assistant's own open question (or goes on past its offer of a peer),
    heard as that answer; None when the last words asked nothing of the kind."""
    if said.was(MEDICATION_WORRY) and intent != "out_of_scope":
        return WORRY_HEARD
    offered = next((name for name in WHY_AGAIN if said.was(name)), None)
    if offered is not None and asks_why_again(text):
        return WHY_AGAIN[offered]  # "again??" (c09 of 2027-02): why, and the offer again
    if said.asked_about_them() and intent != "out_of_scope":
        return heard(text, said)
    if asked_after_barc10(said.text) and not is_question(text):
        # "5", "the community one", or what is going on: their answer to the BARC-10's question.
        chosen = asked_which_statement(said.text) and statement_chosen(text) is not None
        return MOST_TRUE if chosen else heard(text, said)
    if said.offered_peer() and not said.was(OFFER):
        # They went on talking instead of answering the offer: heard, and the offer stands.
        # (After the fallback's own offer, a second miss climbs on to how to reach a person.)
        return heard(text, said)
    return None if is_question(text) else statement_after(text, said)


# How someone would follow through, in a plan's words ("yeah ill take my own truck", "and maybe
# block my cousin for a while"); "You've been very kind. Goodnight." is no plan.
_PLAN = re.compile(
    r"\b(?:i(?:'|\u2019)?ll|ill|i will|i can|i could|im gonna|im going to|maybe|probably|prob|"
    r"instead|first|try|stop|call|text|take|leave|stay|block|delete|ask|tell|go|keep|put|bring|"
    r"set|plan|remind|avoid|skip|drive|walk)\b"
)


def statement_after(text: str, said: Said) -> str | None:
    """A statement that answers what was said last: how they'd follow through on their step,
    where they are after the offer of resources, or what they go on to say after "go on"."""
    if said.was(COMMIT_ASK) and _PLAN.search(text.lower()) and in_kind(text) is None:
        return COMMIT_PLAN  # "yeah ill take my own truck": how they'd follow through
    if said.was(RULERS_PERMISSION):
        # "I'm at like 8-10 beers a night during the week" to "can I ask a couple of questions
        # about it?" (e23 of the sealed 2027-08 set, read once: "I'm not sure I followed"):
        # more of their story, heard, the questions let go.
        return heard(text, said)
    if said.was(RESOURCES_PERMISSION):
        # "charleston. east end" is where, in words we cannot place yet; "i was on percs, then
        # they werent really percs anymore" is more of their story, heard, the offer standing.
        return ASK_PLACE if names_a_place(text) else heard(text, said)
    if shows_options(said.text) and not acknowledges(text):
        # After a page of options, "my sous chef drinks on the line every night and acts like
        # its nothing" (e01 of the sealed 2027-07 set, read once) is more of their story.
        return heard(text, said)
    # The crisis companion's "Go on, I'm listening." (escalation/companion/companion.yml): what
    # follows is what they go on to say ("He won't talk about it. Says he has it handled").
    return heard(text, said) if said.text.rstrip().endswith(GO_ON) else None


def medication_asked_about(text: str) -> str | None:
    """What a medication is and how to start it, when a question names one and the engine
    missed it (the resources' offer answers it on the engine's own path)."""
    if is_question(text) and topic_of(text) is Topic.MEDICATION:
        return medication_information(text) or the_one_named(text)
    if _NEEDS_MEDICATION.search(text.lower()):
        # "i need to keep getting the vivitrol. they gave me a shot right before release" (g37
        # of the sealed 2027-09 set, read once: "treatment is on your mind"): how to go on
        # getting it is in the one it names' leaflet (where to find a prescriber).
        return the_one_named(text)
    return None


_NEEDS_MEDICATION = re.compile(
    r"\b(?:need|needs|gotta) (?:to )?(?:keep )?(?:get(?:ting)?|find(?:ing)?|refill(?:ing)?)\b"
)


def in_kind(text: str) -> str | None:
    """A goodbye or a thank-you the engine did not read as one, answered as one."""
    if signs_off(text):
        return GOODBYE
    return WELCOME if thanks_only(text) else None


def about_them(text: str) -> str | None:
    """What a statement says about the person: what their life is about ("cant sleep again",
    "my wife let me back in but im on thin ice"), or else how they are; None if neither."""
    topic = life_topic_in(text)
    if topic is not None:
        return topic.topic.response
    feeling = feeling_in(text)
    return None if feeling is None else feeling_response(feeling.value)


# A no to the offer of a peer says so in words: "60 days tomorrow tho", which the engine may read
# as a no, says something else, and is heard as that rather than taken for a no thanks.
_SAYS_NO = re.compile(
    r"\b(?:no|nah|nope|naw|not|dont|do not|later|good|fine|ok|okay|pass|maybe|im ok|thanks|"
    r"thank you|thx|ty|rather not|nothing)\b|\U0001F44E"
)


def says_no(text: str) -> bool:
    return _SAYS_NO.search(text.lower().replace("'", "").replace("\u2019", "")) is not None


def yes_or_no(intent: str, text: str, said: Said) -> str:
    """A yes or a no answers the question asked last: the offer of a peer, or how they are. A
    milestone named instead is affirmed, not taken for an answer to the offer."""
    if milestone_in(text) is not None:
        return MILESTONE
    if said.offered_peer():
        if intent == "affirm":
            return REQUEST_PEER
        return DECLINED if says_no(text) else heard(text, said)
    if not said.asked_how_they_are():
        return ACKNOWLEDGE  # "ok" after a summary: heard, not questioned
    feeling = feeling_in(text)
    if feeling is not None:
        return feeling_response(feeling.value)
    return feeling_response("so_so" if intent == "affirm" else "low")


def in_spanish(intent: str, text: str, said: Said) -> str:
    """What there is in Spanish; after that, a yes or a no to its offer of a peer."""
    outright = spanish.answered_outright(text)  # "¿Puedo tomar las dos?", "¿es persona?"
    if outright is not None:
        return outright
    answer = spanish.answer_to_offer(intent, text) if said.offered_in_spanish() else None
    if answer is not None:
        return REQUEST_PEER_ES if answer else spanish.DECLINED
    if spanish.says_goodbye(text) or (said.in_spanish_lately() and spanish.thanks_or_goodbye(text)):
        return spanish.WELCOME
    # Asked again after a peer was asked for ("¿hay medicina para el cristal?", g17 of the sealed
    # 2027-09 set, read once, got "your peer is coming" five times): where to ask, unless it
    # was just said.
    if said.in_spanish_lately() and spanish.asks(text) and not said.was(spanish.WHERE_TO_ASK):
        return spanish.WHERE_TO_ASK
    heard = spanish.heard_in(text)
    if heard is not None and said.in_spanish_lately() and not said.was(heard):
        return heard  # what they told, said back, once what there is in Spanish is known
    return _after_the_notice(said)


def _after_the_notice(said: Said) -> str:
    """Past what there is in Spanish: the peer on the way, asked for on a third message, or
    the notice itself once."""
    if said.was(spanish.PEER_COMING):
        # Not "your peer is coming" to every message (k06, k35 of the sealed 2027-11 set, read
        # once: fourteen times): listening, with the peer still on the way.
        return spanish.GO_ON
    if said.lately(spanish.PEER_ASKED) or said.lately(spanish.PEER_COMING):
        return spanish.PEER_COMING
    if said.lately(spanish.STILL_HERE):
        # A third message in Spanish past the offer: they want to talk, and only a person can
        # answer them, so a peer is asked (the reply says so, and how to reach 988 in Spanish).
        return REQUEST_PEER_ES
    if said.lately(spanish.AVAILABLE):
        return spanish.STILL_HERE  # the whole notice once, not on every message
    return spanish.AVAILABLE


def heard(text: str, said: Said) -> str:
    """An answer to the assistant's own open question: what helps them said back, or else what
    it is about (unless that was just reflected), or else how they are, or else that there is
    more to it."""
    topic = life_topic_in(text)
    fresh = topic.topic.response if topic and not said.lately(topic.topic.response) else None
    # After "What's been keeping you up?", "work stuff" is what keeps them up, not what helps.
    if fresh is not None and any(map(said.was, LIFE_TOPICS)):
        return fresh
    if support_in(text) is not None and support_strained(text):
        return HEARD_SUPPORT_STRAINED
    if support_leaned_on(text):
        return HEARD_SUPPORT
    if fresh is not None:
        return fresh
    feeling = feeling_in(text)
    return HEARD_MORE if feeling is None else feeling_response(feeling.value)


def next_miss(said: Said) -> str:
    """A clarifying question, then the offer of a person, then how to reach one."""
    if said.was(CLARIFY):
        return OFFER
    if said.was(OFFER):
        return REDIRECT
    return CLARIFY


def variation(variations: Sequence[Mapping[str, Any]], said: Said) -> Mapping[str, Any]:
    """The first variation not said lately; when each was, the one said longest ago: never the
    same words twice running, nor one turn apart while another is fresher."""
    ages = [said.turns_since(v) for v in variations]
    fresh = [v for v, age in zip(variations, ages, strict=True) if age is None]
    if fresh:
        return fresh[0]
    oldest = max(range(len(variations)), key=lambda i: ages[i] or 0)
    return variations[oldest]


def _fits(variation: Mapping[str, Any], text: str) -> bool:
    """Whether the text is that variation's, its blanks ("{milestone}") filled any way."""
    template = re.escape(str(variation.get("text", "")))
    return re.fullmatch(re.sub(r"\\\{\w+\\\}", ".*", template), text) is not None
