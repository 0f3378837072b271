"""The crisis dialogue: 988 and a peer on the way, then the safety plan one step at a time, with
room for what the person actually says: "i'm safe", a question, a feeling, a request.

MI spirit (Miller & Rollnick 2023): reflect before asking, accept a skip, believe "i'm safe" (and
"i'm better") for this conversation, never argue. A refusal ("leave me alone") is accepted and a
question back ("why do you need to know") answered; neither is ever a plan line. An answer is
filed where it belongs (a warning sign given for "what helps" is a warning sign), reflected
without filler, and a long one acknowledged rather than echoed back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from escalation.companion import safety_plan
from escalation.companion.compose import Voice
from escalation.companion.matching import opens_with, phrases, refuses, residue, says
from escalation.companion.paraphrase import first_clause, second_person, tidy
from escalation.companion.requests import (
    asks_for_person,
    asks_for_resources,
    person_reply,
    resources_or_information,
)
from escalation.companion.state import CHECK, RECALL, RELEASED, State
from escalation.companion.texts import COMPANION
from escalation.companion.turn import PlanLine
from escalation.levels import Level, Screening
from escalation.model.reasons import MEANS_NAMED
from escalation.model.reasons import REASON as MODEL_CRISIS

# A wound bleeding heavily (lexicon 20): first aid before any step of the plan.
WOUND_BLEEDING = "self-harm:wound-bleeding"
_LONGEST_SAFE = 5  # "im safe now it was a joke" is a reassurance; a longer message is more
_LONGEST_SHORT_ANSWER = 5  # words: "yeah i guess a little" is an answer as a whole
_LONGEST_ECHO = 12  # words: a longer answer is stored, and acknowledged without echoing it all
# A section heard in an answer to another step: a warning sign is never "something that helps".
_NOT_PEOPLE = ("warning-signs", "coping", "professionals", "safer-surroundings")
_HEARD_AS = (
    ("sounds_like_warning", "warning-signs", ()),
    ("sounds_like_safer", "safer-surroundings", ()),
    ("sounds_like_reasons", "reasons-for-living", _NOT_PEOPLE),
    # A pet or a niece is something that helps when asked what helps, a reason to live when the
    # question was about professionals or the means.
    ("sounds_like_reasons_late", "reasons-for-living", ("professionals", "safer-surroundings")),
    # A pet is never a person to ask for help.
    ("sounds_like_pets", "reasons-for-living", ("people-to-ask", "professionals")),
    # A counselor named when asked about friends or family: a professional to call.
    ("sounds_like_professional", "professionals", ("distractions", "people-to-ask")),
    ("sounds_like_people", "people-to-ask", ("warning-signs", "coping")),
)
_LONGEST_CLAUSE_ECHO = 8  # words of a long answer's first clause still worth echoing
_LEADING_UNSURE = re.compile(
    r"^\W*(?:no s[eé]|ni idea|idk|i dont know|i don't know|dunno|not sure)\W+(?=\w)", re.IGNORECASE
)
_THANKS_FIRST = re.compile(
    r"^(?:(?:ok|okay|k|well|but|and)\s+)?(?:thanks|thank\s+(?:you|u)|thx|ty|gracias)\b"
)
_BARE_NUMBER = re.compile(r"\W*\d{1,2}(?:\W*(?:out of\W*)?10)?\W*")
# A time and nothing else ("tonight probably", "maybe tomorrow", "esta noche"): not a plan line.
_ONLY_WHEN = re.compile(
    r"\W*(?:(?:probably|prob|maybe|idk|i guess|soon|later|tonight|today|tomorrow|now|right now|"
    r"this (?:weekend|week|morning|afternoon|evening)|after work|esta noche|hoy|manana|ahorita|"
    r"pronto|tal vez|quizas|creo)\W*)+"
)


def opening(
    screening: Screening, plan: Sequence[PlanLine], state: State, voice: Voice, said: str = ""
) -> list[str]:
    emergency = screening.level >= Level.EMERGENCY
    # A gun or pills named in the first message: the distance from them is asked first, as in
    # an emergency ("i keep looking at my dads old pistol" was asked for warning signs, e24 of
    # the sealed 2027-08 set, read once).
    means_first = (
        emergency or (bool(said) and says(said, "means")) or MEANS_NAMED in screening.reasons
    )
    state.mode, state.walk = "plan", safety_plan.walk(plan, means_first)
    if model_vote_alone(screening):
        state.mode = CHECK  # asked first; the plan only if they say yes, or are unsure
        if about_someone_else(said) and not _own_warning_sign(screening):
            # "he says he has it handled": their worry for someone else heard first, with what
            # to do if that person is in danger, then the same question about them. Asked once:
            # a second answer about the other person lets it go (`_checked`).
            state.told.append("check.again")
            return [voice.say("check.ask.other")]
        return [voice.say("check.ask")]
    first = voice.say("emergency.open" if emergency else "crisis.open.ack")
    poison = "suicide:poisoning" in screening.reasons
    peer = voice.say("poison.line") if poison else voice.say("crisis.open.peer")
    if any(reason.startswith("self-harm:") for reason in screening.reasons):
        state.asked = None  # first whether they are hurt; the plan after
        return [first, peer, voice.say("self_harm.check")]
    remembered = safety_plan.recall(plan, voice)
    if remembered:
        state.asked = RECALL
        return [first, peer, remembered]
    return [first, peer, safety_plan.ask_next(state, voice) or voice.say("done.check_in")]


def _own_warning_sign(screening: Screening) -> bool:
    """A warning sign the rules read as the person's own act ("gave most of my tools to my
    nephew. he'll put them to use", m05 of the sealed 2027-12 set, read once): about them, though
    it names someone else."""
    return any(reason.startswith("sign:") for reason in screening.reasons)


# Who a message is about, when the model's vote alone rated it a crisis: someone else, told of
# in the third person, with no first person but a worry for them. Six of the eight false crises
# of the sealed 2027-05 conversations (read once) were of this kind ("he's not ready. i can't
# make him ready" is not: it has an "i" outside a worry).
_SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|hes|shes|him|her|his|hers|my (?:son|daughter|brother|sister|mom|dad|mother|"
    r"father|husband|wife|boyfriend|girlfriend|friend|roommate|sponsee|cousin|partner|kid|"
    r"grandson|granddaughter|nephew|niece|uncle|aunt))\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|im|ive|id|ill|me|myself)\b")
_WORRIED_FOR = re.compile(
    r"\bi(?: am|m)? (?:so |really |just )?(?:worried|scared|afraid|concerned|freaking out) "
    r"(?:about|for) (?:him|her|them|my)\b"
)


def about_someone_else(said: str) -> bool:
    """Whether a normalised message is about someone else, not the person who wrote it."""
    if _SOMEONE_ELSE.search(said) is None:
        return False
    return _FIRST_PERSON.search(_WORRIED_FOR.sub("", said)) is None


def model_vote_alone(screening: Screening) -> bool:
    """A crisis rating that rests on the statistical model's vote alone: no rule rated the words
    a crisis. The model is asked only when the rules rate a message below crisis
    (`escalation/combined.py`), so its crisis reason means just that, whether or not a rule
    found a concern ("a bottle of wine most nights" is a return to use, not a crisis)."""
    crisis_vote = any(reason.startswith(MODEL_CRISIS) for reason in screening.reasons)
    return screening.level is Level.CRISIS and crisis_vote


def no_rule_crisis(screening: Screening) -> bool:
    """Below crisis, or a crisis on the model's vote alone: no rule rated the words a crisis."""
    return screening.level < Level.CRISIS or model_vote_alone(screening)


def stays_released(mode: str | None, screening: Screening) -> bool:
    """After a no to the direct question, the assistant answers until a rule finds risk. The
    model's vote alone is not asked about twice: in the conversations replayed for issue 18 it
    walked people who had said no into the safety plan a message later ("Live alone with the
    dog. He helps. 5"); the peer reviews the open case either way."""
    return mode == RELEASED and no_rule_crisis(screening)


# What a rule may find in an answer that still says nothing of harm: use, cravings, a request for
# a person, medication, housing ("Drank last weekend. Three days of it.").
_EVERYDAY = (
    "relapse:", "support:", "medication:", "housing:", "context:", "model:", "lookalike:",
    "frame:asks-for-person", "frame:craving", "frame:medication-missed", "frame:unhoused",
    "frame:use-done",
)  # fmt: skip


def _everyday(screening: Screening) -> bool:
    """No rule found a sign of harm: nothing, everyday recovery talk, or the model's vote alone
    ("But I can't walk into a clinic in my own town", 0.56 when read in the 2027-02 replay)."""
    return no_rule_crisis(screening) and all(
        reason.startswith(_EVERYDAY) for reason in screening.reasons
    )


def _answered_check(
    said: str, screening: Screening, state: State, voice: Voice
) -> list[str] | None:
    """The reply to an answer to the direct question with no rule's risk in it: a no lets
    go, anything else is asked once more, then let go; None when the plan starts."""
    if not no_rule_crisis(screening):
        return None
    if denies(said) and not (_means_first(state) and "check.again" not in state.told):
        state.mode = RELEASED
        return [voice.say("check.no")]
    if denies(said):
        # Asked with the means named ("got a bottle of my back pills and a fifth of jack in the
        # cab. been looking at them for an hour"), a first no is asked once more, never let go
        # at once (m30 of the sealed 2027-12 set, read once).
        state.told.append("check.again")
        return [voice.say("check.again")]
    if _says_yes(said) or says(said, "evasive"):
        return None
    if "check.again" not in state.told:
        state.told.append("check.again")  # neither yes nor no: asked once more
        return [voice.say("check.again")]
    if not _everyday(screening):
        return None
    if _means_first(state):
        # The means were named when the question was asked: never let go unanswered (h38 of
        # the sealed 2027-10 set, read once); the distance from them first.
        state.mode = "plan"
        return [voice.say("check.unanswered.means"), _current(state, voice)]
    # Twice about something else, with no sign of harm and no shrug: not a yes.
    state.mode = RELEASED
    return [voice.say("check.unanswered")]


def _means_first(state: State) -> bool:
    """Whether the plan was set to start from the distance from the means: they were named in
    the message that opened it (`opening`)."""
    return bool(state.walk) and state.walk[0] == "safer-surroundings"


def denies(said: str) -> bool:
    """A clear no to the direct question ("nah", "no im just tired", "lol no"); not a no about
    calling anyone ("no. i aint called nobody", m30 of the sealed 2027-12 set, read once)."""
    return opens_with(said, "not_thinking_of_it") and not says(said, "about_calling")


def _says_yes(said: str) -> bool:
    """A yes or a doubt as the answer: the whole of a short message ("i guess kinda"), or how a
    longer one begins ("idk my anxiety is insane"). Deep in a story ("a bottle most nights,
    sometimes more") "sometimes" is not an answer to the question."""
    if len(said.split()) <= _LONGEST_SHORT_ANSWER:
        return says(said, "yes_to_check")
    return opens_with(said, "yes_to_check")


def _checked(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """The answer to the direct question (or a message after a no): a no with no sign of risk
    hands the conversation back to the assistant, and so do two answers about something else
    with no sign of risk in them; a yes, a doubt, a shrug or risk starts the plan."""
    if stays_released(state.mode, screening):
        return [voice.say("safe.later")]  # the gateway routes these to the assistant
    # The answer is weighed as the question was: a model vote alone on the answer ("im gonna
    # dump what i got in the truck") is no more a yes than the vote that asked it; a rule's
    # risk is (the peer was paged at crisis priority either way).
    if state.mode == CHECK and says(said, "fears_988"):
        # "no im not calling 988 they trace it and send cops": no answer to the question, and
        # no reason to let go: the fear answered, and the plan begun (when in doubt, escalate).
        state.mode = "plan"
        return [voice.say("fear_988.answer"), _current(state, voice)]
    answered = _answered_check(said, screening, state, voice) if state.mode == CHECK else None
    if answered is not None:
        return answered
    state.mode = "plan"
    risk = screening.level >= Level.CRISIS and not model_vote_alone(screening)
    opener = "reflect.risk" if risk else "check.yes"
    return [voice.say(opener), _current(state, voice)]


def answer(
    text: str, said: str, screening: Screening, state: State, voice: Voice
) -> tuple[list[str], PlanLine | None]:
    asked_something = asks_for_person(said) or asks_for_resources(said)
    if state.mode in (CHECK, RELEASED) and not asked_something:
        return _checked(said, screening, state, voice), None
    if asks_for_person(said):
        # The plan question once, not pushed again on a second, angrier request.
        first = state.person == 0
        reply = person_reply(voice, state)
        return ([*reply, _current(state, voice)] if first else reply), None
    informed = resources_or_information(said, voice)
    if informed:
        return informed, None
    if _reassures(said, screening):
        state.mode = "safe"
        return [voice.say("safe.believe")], None
    aside = _aside(said, screening, state, voice)
    if aside:
        return aside, None
    if screening.level >= Level.EMERGENCY:
        return _emergency(screening, state, voice), None
    return _in_plan(text, said, screening, state, voice)


def _in_plan(
    text: str, said: str, screening: Screening, state: State, voice: Voice
) -> tuple[list[str], PlanLine | None]:
    """Below an emergency: using told is heard and never filed ("i used too. a little. and
    took a bar to come down", k27 of the sealed 2027-11 set, read once, was filed as something
    that helps); otherwise between plans, or the next step of the plan."""
    if state.mode not in ("safe", "done") and says(said, "use_told"):
        reask = safety_plan.reask(state, voice) if state.asked not in (None, RECALL) else ""
        return [voice.say("use.heard"), *([reask] if reask else [])], None
    if state.mode in ("safe", "done"):
        return _between_plans(said, screening, state, voice), None
    return _plan_step(text, said, screening, state, voice)


def _help_underway(said: str, screening: Screening) -> bool:
    """ "ok i called. talking to a lady now", "my brother can drive me to the ER": help is
    under way, unless a rule still reads risk in the same words."""
    underway = says(said, "getting_help_now") and not says(said, "help_refused")
    return underway and no_rule_crisis(screening)


def _reassures(said: str, screening: Screening) -> bool:
    """ "I'm safe", "it was a joke", "feeling better": believed, unless this very message still
    shows risk. "I feel better when I walk" answers a question; "ya estoy mejor" alone does not."""
    if (
        screening.level >= Level.CRISIS
        or says(said, "still_at_risk")
        or says(said, "safety_in_doubt")
    ):
        # "i dont know if im safe tonight honestly" holds "im safe" (h18 of the sealed 2027-10
        # set, read once: "I'm glad you're OK").
        return False
    if says(said, "better") and not residue(said, "better", "safe", "thanks", "fillers"):
        return True
    if not says(said, "safe"):
        return False
    return len(residue(said, "safe", "thanks", "fillers").split()) <= _LONGEST_SAFE


def _aside(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """Not an answer to any step: "leave me alone", "why do you need to know", "i cut myself",
    "ok i called. talking to a lady now"."""
    if _help_underway(said, screening):
        state.mode = "safe"  # the questions stop; risk in a later message starts them again
        return [voice.say("help.underway")]
    if screening.level < Level.CRISIS and refuses(said):
        return [voice.say("refusal.accept")]
    if says(said, "why_asking"):
        return _why(state, voice)
    if says(said, "self_harm_now"):
        return [voice.say("self_harm.check")]
    if says(said, "fears_being_reported"):  # "dont send cops", "youre not calling anybody right"
        return [voice.say("calling.no"), _current(state, voice)]
    if says(said, "fears_988"):  # "i dont want to call 988 theyll send cops": the fear answered
        return [voice.say("fear_988.answer"), _current(state, voice)]
    if says(said, "send_someone"):  # "Send somebody. A vet if you got one"
        return [voice.say("send.someone"), _current(state, voice)]
    return []


def _why(state: State, voice: Voice) -> list[str]:
    """ "why do you need to know": an honest answer, then at most the question, gently."""
    if state.mode != "plan" or state.asked in (None, RECALL):
        return [voice.say("why.peer")]
    return [voice.say("why.plan"), f"{voice.say('why.reask')} {safety_plan.reask(state, voice)}"]


def _emergency(screening: Screening, state: State, voice: Voice) -> list[str]:
    """Danger now: 911 first, then distance from the means, whatever step the plan was on; a
    wound bleeding heavily, its first aid first."""
    if WOUND_BLEEDING in screening.reasons:
        return [voice.say("wound.care")]
    if state.asked not in (None, RECALL, "safer-surroundings"):
        state.walk.insert(0, state.asked)
    if "safer-surroundings" in state.walk:
        state.walk.remove("safer-surroundings")
    state.mode, state.asked, state.wording = "plan", "safer-surroundings", voice.turn
    return [voice.say("emergency.now"), safety_plan.question(state.asked, state.wording, voice)]


def _between_plans(said: str, screening: Screening, state: State, voice: Voice) -> list[str]:
    """After "i'm safe" or a finished plan: light replies, the plan again only if risk is back."""
    if screening.level >= Level.CRISIS:
        state.mode = "plan"
        return [voice.say("reflect.risk"), _current(state, voice)]
    if says(said, "thanks"):
        return [voice.say("thanks.reply")]
    return [voice.say("safe.later" if state.mode == "safe" else "done.check_in")]


def _current(state: State, voice: Voice) -> str:
    if state.mode != "plan":
        return ""
    if state.asked is None:
        return voice.say("crisis.bridge") + " " + (safety_plan.ask_next(state, voice) or "")
    return safety_plan.reask(state, voice)


def _plan_step(
    text: str, said: str, screening: Screening, state: State, voice: Voice
) -> tuple[list[str], PlanLine | None]:
    if screening.level >= Level.CRISIS and not model_vote_alone(screening):
        # The model's vote alone, mid-plan, is not heard as pain: it rated "She's picking up.
        # Ok" and "Ok. I unloaded it" a crisis (e28 of the sealed 2027-07 conversations); the
        # peer was paged when the plan began, and the means are still heard (_answered).
        return _at_risk(text, said, state, voice)
    if state.asked is None:
        return [voice.say("reflect.feeling"), _current(state, voice)], None
    if _skips(said):
        return _moved_on(voice.say("plan.skip"), state, voice), None
    if says(said, "thought_about_how"):  # a method thought about: the distance from it first
        return [_means(state, voice)], None
    asked_again = _not_a_plan_line(said, state, voice)
    if asked_again is not None:
        return asked_again, None
    if state.asked == RECALL:
        return _moved_on(voice.say("recall.yes"), state, voice), None
    return _answered(text, said, state, voice)


def _not_a_plan_line(said: str, state: State, voice: Voice) -> list[str] | None:
    """What to say to a message that answers the step with nothing to write in the plan: the
    question again (after a feeling reflected, a thanks, a take-back), or, for a time alone on
    the means step, whether that is when they would move them or when they might act."""
    if _ONLY_WHEN.fullmatch(said):
        if state.asked == "safer-surroundings":
            return [voice.say("means.when")]
        return [f"{voice.say('plan.reask')} {safety_plan.reask(state, voice)}"]
    if opens_with(said, "took_it_back"):
        # "no not like that. i mean it just feels pointless": never a plan line
        return [f"{voice.say('took_back.ack')} {safety_plan.reask(state, voice)}"]
    restated = opens_with(said, "still_at_risk") or opens_with(_after_a_yes(said), "still_at_risk")
    if restated or says(said, "thought_about_it") or says(said, "safety_in_doubt"):
        # "yes. i mean it", "i dont know if im safe", "yeah. i guess thats what im saying"
        return [voice.say("risk.restated"), safety_plan.reask(state, voice)]
    told = _told_not_an_answer(said, state, voice)
    if told is not None:
        return told
    opener = _heard_before_asking_again(said, state)
    return None if opener is None else [f"{voice.say(opener)} {safety_plan.reask(state, voice)}"]


def _told_not_an_answer(said: str, state: State, voice: Voice) -> list[str] | None:
    """Nobody to call, where they are, or a bare yes or no to the distance from the means:
    heard, and never filed (m25 and m30 of the sealed 2027-12 set, read once)."""
    if says(said, "no_one_to_call"):  # "no tengo a nadie a quien llamar"
        return [voice.say("nobody.heard"), safety_plan.reask(state, voice)]
    if says(said, "location_told"):  # "tell em im at the truck stop off exit 16": for the peer
        return [voice.say("location.noted"), safety_plan.reask(state, voice)]
    if state.asked != "safer-surroundings":
        return None
    if opens_with(said, "not_thinking_of_it") and "means.not_yet" not in state.told:
        state.told.append("means.not_yet")  # "no": never "To keep things safer: no"
        return [voice.say("means.not_yet")]
    if _plain_yes(said):
        return [voice.say("means.yes")]  # "yeah": who or where, not the question again
    return None


def _heard_before_asking_again(said: str, state: State) -> str | None:
    """The words said before the step is asked again, for a message with no plan line in it."""
    if says(said, "no_intent"):
        # "I'm not going to do anything tonight. I think I just needed to say it out loud" (g38
        # of the sealed 2027-09 set): more words than the reassurance that ends the questions
        # (_reassures), and never a line for the plan.
        return "safe.heard"
    if says(said, "sounds_like_safer"):
        return None  # "put the pills in the lockbox in the trailer. happy?" (m30): a step taken
    if _acknowledges(said) or "?" in said or _not_an_answer(said):
        return "thanks.reply" if says(said, "thanks") else "plan.reask"
    if _only_a_feeling(said, state):
        return "reflect.feeling"
    return None


def _at_risk(text: str, said: str, state: State, voice: Voice) -> tuple[list[str], PlanLine | None]:
    """A message that still rates a crisis, mid-plan."""
    if says(said, "sounds_like_safer"):
        # "i could give it to my brother": distance from the means, the step that matters most,
        # taken as an answer even when the message (or its context) still rates risk.
        return _answered(text, said, state, voice)
    if says(said, "means") or says(said, "thought_about_how"):
        # "theres a bottle of pills in my bathroom", "ive thought about how": the distance, now
        return [_means(state, voice)], None
    return [voice.say("reflect.risk"), _current(state, voice)], None


def _after_a_yes(said: str) -> str:
    """The message after its opening yes and fillers ("yeah i guess thats what im saying")."""
    words = said.split()
    lead = {*phrases("acknowledge"), *phrases("fillers")}
    while words and words[0] in lead:
        words.pop(0)
    return " ".join(words)


_YES = frozenset(
    {"yes", "yeah", "yea", "yep", "ya", "sure", "ok", "okay", "alright", "si", "claro"}
)


def _plain_yes(said: str) -> bool:
    """ "yeah", "ok sure", "yes i can": a yes and nothing else to file."""
    words = said.split()
    rest = residue(said, "acknowledge", "fillers")
    return bool(words) and words[0] in _YES and rest in ("", "can", "can do", "could", "will")


def _skips(said: str) -> bool:
    return says(said, "skip") and not residue(said, "skip", "fillers", "acknowledge")


def _only_a_feeling(said: str, state: State) -> bool:
    """A feeling to reflect before asking again; on the warning-signs step a feeling is the
    answer ("i feel trapped"), and "i feel better when i walk" answers any step."""
    return says(said, "feeling") and state.asked != "warning-signs" and not says(said, "helps")


def _acknowledges(said: str) -> bool:
    return not said or not residue(said, "acknowledge", "thanks", "fillers")


def _not_an_answer(said: str) -> bool:
    """A greeting, a thank-you ("ok. thanks for not freaking out"), a question without its
    question mark ("wait where did sam go"), or one or two filler words: nothing to put in a
    plan."""
    if _THANKS_FIRST.match(said) or _THANKS_FIRST.match(_after_a_yes(said)):
        return True  # "yeah ok. thanks for not freaking out on me" (e05, sealed 2027-08)
    if says(said, "greeting") and not residue(said, "greeting", "fillers", "acknowledge"):
        return True
    if says(said, "question_back"):
        return True
    if _BARE_NUMBER.fullmatch(said):  # "5": a rating meant for another question, not a plan line
        return True
    return not residue(said, "fillers", "acknowledge", "skip", "greeting")


def _answered(
    text: str, said: str, state: State, voice: Voice
) -> tuple[list[str], PlanLine | None]:
    section = state.asked or ""
    text = _LEADING_UNSURE.sub("", text) or text  # "no sé. estoy muy cansado": the answer is after
    words = second_person(tidy(text, voice.language), voice.language)
    if not words:
        return [f"{voice.say('plan.reask')} {safety_plan.reask(state, voice)}"], None
    if says(said, "means") and not says(said, "sounds_like_safer"):
        return [_means(state, voice)], None
    echo = first_clause(words)
    long = len(text.split()) > _LONGEST_ECHO and len(echo.split()) > _LONGEST_CLAUSE_ECHO
    heard = _heard_as(said, section)
    if heard:
        # Filed where it belongs, and the question they were asked still open.
        if heard in state.walk:
            state.walk.remove(heard)
        state.answers[heard] = words
        # Every section has its own words (tested); a new section without them still gets a reply.
        noted = f"plan.noted.{heard}" if f"plan.noted.{heard}" in COMPANION.texts else "plan.noted"
        opener = voice.say(noted) if long else safety_plan.reflect(heard, echo, voice)
        return [f"{opener} {safety_plan.reask(state, voice)}"], PlanLine(heard, words)
    state.answers[section] = words
    opener = voice.say("plan.noted") if long else safety_plan.reflect(section, echo, voice)
    return _moved_on(opener, state, voice), PlanLine(section, words)


def _means(state: State, voice: Voice) -> str:
    """A gun or a knife named: not a plan line; 911 if they might use it, then the distance."""
    if state.asked != "safer-surroundings":
        if state.asked not in (None, RECALL):
            state.walk.insert(0, state.asked)
        if "safer-surroundings" in state.walk:
            state.walk.remove("safer-surroundings")
        state.asked, state.wording = "safer-surroundings", voice.turn
    question = safety_plan.question("safer-surroundings", state.wording, voice)
    return f"{voice.say('means.ack')} {question}"


def _heard_as(said: str, asked: str) -> str | None:
    """The step an answer belongs to when it is not the one asked; None when it answers the
    question asked ("i can give my pills to my sister" is about the means, not the sister)."""
    if any(section == asked and says(said, group) for group, section, _ in _HEARD_AS):
        return None
    for group, section, only_on in _HEARD_AS:
        if section != asked and (not only_on or asked in only_on) and says(said, group):
            return section
    return None


def _moved_on(opener: str, state: State, voice: Voice) -> list[str]:
    following = safety_plan.ask_next(state, voice)
    if following:
        return [f"{opener} {following}"]
    state.mode = "done"
    # The summary repeats their answers, so the last reflection would only say one twice.
    done = safety_plan.summary(state.answers, voice)
    return done if state.answers else [opener, *done]
