"""Turns no flow answers, read in context: how the person is after the assistant asked, a
milestone, a yes or a no to the offer of a peer (even the gateway's), and misses that climb
without ever saying the same words twice running."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import yaml

from bot.actions import spanish
from bot.actions.context import answers_offer_of_resources
from bot.actions.context_read import (
    Feeling,
    asks_about_privacy,
    feeling_in,
    milestone_in,
    slip_in,
    support_in,
)
from bot.actions.context_reply import (
    ACKNOWLEDGE,
    ASK_AWAY,
    CLARIFY,
    DECLINED,
    FEWER_TEXTS,
    HEARD_MORE,
    HEARD_SUPPORT,
    HEARD_SUPPORT_STRAINED,
    MILESTONE,
    OFFER,
    PRIVACY,
    REDIRECT,
    REQUEST_PEER,
    REQUEST_PEER_ES,
    SLIP_HEARD,
    TREATMENT_COST,
    Said,
    reply_for,
    said_outright,
    variation,
)
from bot.actions.context_start import OFFERS, form_to_start
from bot.actions.greet import FIRST_GREETING, RETURNING_GREETING
from bot.actions.questions import ASK_PRESCRIBER, HOW_SIGNED_UP, NALOXONE, TEXT_ANY_TIME
from bot.actions.resources import ASK_PLACE
from escalation.responses import peer_offer
from warmline.engine_env import BOT_DIR


def domain_responses() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in sorted((BOT_DIR / "domain").glob("*.yml")):
        found |= yaml.safe_load(path.read_text()).get("responses", {})
    return found


RESPONSES = domain_responses()


def said(text: str) -> Said:
    return Said(text, RESPONSES)


def first(response: str) -> str:
    return str(RESPONSES[response][0]["text"])


@pytest.mark.parametrize(
    ("text", "feeling"),
    [
        ("good", Feeling.GOOD),
        ("not great", Feeling.LOW),
        ("meh", Feeling.SO_SO),
        ("mid", Feeling.SO_SO),
        ("mid tbh", Feeling.SO_SO),
        ("tired", Feeling.TIRED),
        ("pretty rough day", Feeling.LOW),
        ("😢", Feeling.LOW),
        ("ok the blackouts kinda scare me if im honest", Feeling.LOW),  # h10 of 2027-10
        ("doing alright", Feeling.SO_SO),
        ("the thing w the stuff", None),
        ("dont tell me its ok", None),  # about something else, not how they are
        ("feel like an idiot walking back in and picking up a newcomer chip", Feeling.LOW),
    ],
)
def test_how_people_say_how_they_are_is_read(text: str, feeling: Feeling | None) -> None:
    assert feeling_in(text) == feeling


@pytest.mark.parametrize(
    ("text", "milestone"),
    [
        ("90 days clean today", "90 days"),
        ("ok. 6 weeks on subs today", "6 weeks"),  # d01 of the sealed 2027-05 set (read once)
        ("got my 30 day chip", "30 days"),
        ("1 year sober today!!", "1 year"),
        ("a month clean", "one month"),
        ("90 days till court", None),
        ("30 days today!!! 🎉🎉🎉", "30 days"),
        ("2 weeks strong", "2 weeks"),
        ("first time ive made it past 2 weeks since i was 22", "2 weeks"),
        ("I made it two weeks once", None),
        ("3 days in the hospital", None),
        # The day it will be reached (c15, c22, c28 and c36 of the 2027-03 conversations).
        ("Also, 18 months next Tuesday.", "18 months"),
        ("Four years on the 19th, by the way. Not that I'm counting.", "four years"),
        ("nope. 2 yrs in feb", "2 years"),
        ("no meth. 60 days thursday", "60 days"),
        ("itll be 90 days on friday", "90 days"),
        # The time alone, cheered (c11 of 2027-04, after the BARC-10's last item).
        ("5. Thirty days!!!", "thirty days"),
        ("one year!", "one year"),
        ("2 wks no weed", "2 weeks"),  # d11 of the sealed 2027-05 conversations (read once)
        # A span of time on a named day is not clean time.
        ("court in 3 days on friday", None),
        ("i work 3 days next week", None),
        ("clinic 5 days a week", None),
        ("i used 3 days ago!", None),
        ("my kid is 2 years old!", None),
        # The time alone as the first sentence (e27 of the sealed 2027-07 set, read once).
        ("109 days. Not that I'm counting", "109 days"),
        ("97 days. 97!!! so close to 100", "97 days"),
        ("90 days. used last night", None),
    ],
)
def test_clean_time_is_read_as_a_milestone(text: str, milestone: str | None) -> None:
    assert milestone_in(text) == milestone


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("good", "answer", "utter_feeling_good"),
        ("not great", "deny", "utter_feeling_low"),
        ("meh", "nlu_fallback", "utter_feeling_so_so"),
        ("tired", "answer", "utter_feeling_tired"),
        ("pretty rough day", "answer", "utter_feeling_low"),
        ("😢", "answer", "utter_feeling_low"),
        ("90 days clean today", "answer", MILESTONE),
        ("yes", "affirm", "utter_feeling_so_so"),
        ("no", "deny", "utter_feeling_low"),
    ],
)
def test_the_answer_to_how_are_you_today_is_heard_as_how_they_are(
    text: str, intent: str, expected: str
) -> None:
    for greeting in (FIRST_GREETING, RETURNING_GREETING):
        assert reply_for(intent, text, said(greeting)) == expected


def test_a_yes_to_any_offer_of_a_peer_asks_one_to_text() -> None:
    offers = [first(OFFER), first("utter_checkup_offer_peer"), peer_offer(timedelta(hours=24))]
    for offer in offers:
        assert reply_for("affirm", "yeah please", said(offer)) == REQUEST_PEER
        assert reply_for("deny", "nah", said(offer)) == DECLINED


def test_something_else_read_as_a_no_to_the_offer_is_heard_not_taken_for_a_no() -> None:
    offer = peer_offer(timedelta(hours=24))

    assert reply_for("deny", "60 days tomorrow tho", said(offer)) == MILESTONE
    assert reply_for("deny", "my dog is sick tho", said(offer)) == HEARD_MORE
    assert reply_for("deny", "no thanks", said(offer)) == DECLINED
    assert reply_for("deny", "im ok", said(offer)) == DECLINED


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("si", "affirm", REQUEST_PEER_ES),
        ("sí por favor", "affirm", REQUEST_PEER_ES),
        ("ok", "affirm", REQUEST_PEER_ES),
        ("no gracias", "deny", spanish.DECLINED),
        ("no", "deny", spanish.DECLINED),
        ("no gracias, solo queria decirlo", "nlu_fallback", spanish.DECLINED),
        ("no, estoy bien", "nlu_fallback", spanish.DECLINED),
        ("no se que hacer", "nlu_fallback", spanish.AVAILABLE),
    ],
)
def test_the_gateways_offer_of_a_peer_in_spanish_is_answered_in_spanish(
    text: str, intent: str, expected: str
) -> None:
    offer = said(peer_offer(timedelta(hours=24), language="es"))

    assert reply_for(intent, text, offer) == expected


@pytest.mark.parametrize(
    "text", ["no se si puedo seguir asi", "necesito hablar con alguien", "estoy muy cansado"]
)
def test_a_message_in_spanish_without_accents_gets_what_there_is_in_spanish(text: str) -> None:
    assert reply_for("nlu_fallback", text, said(first(CLARIFY))) == spanish.AVAILABLE


@pytest.mark.parametrize("text", ["si", "ok", "no", "ya", "lol ya", "yo", "hola", "gracias"])
def test_a_word_shared_by_both_languages_is_not_taken_for_spanish(text: str) -> None:
    assert reply_for("nlu_fallback", text, said(first(CLARIFY))) != spanish.AVAILABLE


def test_an_ok_that_answers_nothing_is_acknowledged() -> None:
    summary = "Thanks for checking in."
    assert reply_for("affirm", "ok", said(summary)) == ACKNOWLEDGE
    assert reply_for("deny", "nah", said(summary)) == ACKNOWLEDGE


def test_misses_climb_from_a_question_to_the_offer_of_a_person_to_how_to_reach_one() -> None:
    assert reply_for("nlu_fallback", "zzz", said("")) == CLARIFY
    assert reply_for("nlu_fallback", "zzz", said(first(CLARIFY))) == OFFER
    assert reply_for("nlu_fallback", "zzz", said(first(OFFER))) == REDIRECT
    assert reply_for("nlu_fallback", "zzz", said(first(REDIRECT))) == CLARIFY


def test_no_variation_repeats_what_was_said_last() -> None:
    for variations in RESPONSES.values():
        if len(variations) > 1:
            for spoken in variations:
                assert variation(variations, said(str(spoken["text"])))["text"] != spoken["text"]


def test_a_feeling_said_again_a_turn_later_gets_the_other_words() -> None:
    low = RESPONSES["utter_feeling_low"]
    between = first("utter_feeling_tired")  # "low", then "tired", then "low" again

    again = variation(low, Said(between, RESPONSES, (str(low[0]["text"]),)))

    assert again["text"] == low[1]["text"]


def test_when_every_variation_was_said_lately_the_oldest_comes_back() -> None:
    low = [str(v["text"]) for v in RESPONSES["utter_feeling_low"]]
    recent = Said("something else", RESPONSES, (low[1], "and more", low[0]))

    assert variation(RESPONSES["utter_feeling_low"], recent)["text"] == low[0]


def test_an_answer_to_the_assistants_own_open_question_is_heard_not_missed() -> None:
    asked = said("90 days - that's a big deal. It sounds like you've kept choosing your recovery, "
                 "day after day. What has helped you most to get here?")  # fmt: skip
    assert reply_for("answer", "my sponsor and meetings", asked) == HEARD_SUPPORT
    assert reply_for("nlu_fallback", "she just gets it", asked) == HEARD_MORE


@pytest.mark.parametrize(
    "text",
    [
        "my husband doesn't know about saturday",
        "nobody noticed. not even my mom",
        "missed my sisters brunch again",
        "omg these kids are going to kill me",
        "buried two buddies this year",
    ],
)
def test_a_support_only_named_is_not_said_back_as_what_helps(text: str) -> None:
    """Each was heard as "getting something real from" them in the sealed 2027-05
    conversations, read once (a fit)."""
    asked = said(first("utter_feeling_low"))  # "... What's been weighing on you?"

    assert reply_for("answer", text, asked) != HEARD_SUPPORT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("idk my sponsor keeps calling n i dont pick up", HEARD_SUPPORT_STRAINED),
        ("stopped going to meetings tbh", HEARD_SUPPORT_STRAINED),
        ("me and my mom been fighting", HEARD_SUPPORT_STRAINED),
        ("been skipping meetings", HEARD_SUPPORT_STRAINED),
        ("cant thank my sponsor enough", HEARD_SUPPORT),
        ("quit drinking thanks to meetings", HEARD_SUPPORT),
        ("dont know what id do without my sponsor", HEARD_SUPPORT),
        ("my sponsor is not bad", HEARD_SUPPORT),
    ],
)
def test_a_support_pulled_away_from_is_heard_as_a_strain_not_as_what_helps(
    text: str, expected: str
) -> None:
    asked = said(first("utter_feeling_low"))  # "... What's been weighing on you?"

    assert reply_for("answer", text, asked) == expected


def test_what_helps_is_said_back_in_the_assistants_words() -> None:
    assert support_in("honestly my sponsor and going to meetings") == "your sponsor"
    assert support_in("church on sundays") == "your faith"
    assert support_in("she just gets it") is None


@pytest.mark.parametrize(
    "text", ["idk i guess im scared of being on it forever", "my family would judge me", "hm"]
)
def test_what_follows_the_answer_to_the_medication_worry_is_heard_as_more_of_it(
    text: str,
) -> None:
    after_worry = said(first("utter_medication_worry"))

    assert reply_for("answer", text, after_worry) == "utter_medication_worry_heard"


@pytest.mark.parametrize(
    "text",
    [
        "i used again. 4 months clean and i threw it all away",
        "had a year. drank last night. and the night before",
        "60 days down the drain",
        "relapsed after 90 days clean",
    ],
)
def test_a_slip_told_with_the_time_it_ended_is_heard_as_a_slip_never_congratulated(
    text: str,
) -> None:
    assert milestone_in(text) is None
    for before in (FIRST_GREETING, first("utter_feeling_low"), ""):
        assert reply_for("answer", text, said(before)) == SLIP_HEARD


@pytest.mark.parametrize(
    "text",
    [
        "Is this confidential? I don't want anything showing up with my job.",
        "will my boss find out",
        "who can see these texts",
        "does this stay private?",
        "my probation officer gave me this number. is this connected to probation?",
        "is this going to DHS? they have my kids case",
        "does my PO see what i text here",
        "is my PO gonna see this",
        "is any of this going to my probation officer or the judge?",
        "random but what happens to my answers? are they stored somewhere",
        "I have insurance through my company but I don't want them to know",
        "yes but can I ask something first, does this go to my doctor?",
    ],
)
def test_a_question_about_who_sees_their_texts_is_answered(text: str) -> None:
    assert reply_for("out_of_scope", text, said(FIRST_GREETING)) == PRIVACY


@pytest.mark.parametrize("text", ["Hey, quick question", "can i ask u something", "quick q"])
def test_a_question_announced_is_invited(text: str) -> None:
    """c33 of the 2027-04 conversations (read once) got "I'm not sure I followed"."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == ASK_AWAY
    assert first(ASK_AWAY).endswith("?")


@pytest.mark.parametrize("text", ["Figured. Worth asking", "ah ok makes sense", "good to know"])
def test_an_acknowledgement_is_heard_not_missed(text: str) -> None:
    """c10 of the 2027-04 conversations got "I'm not sure I followed" after its answer."""
    assert reply_for("nlu_fallback", text, said(first("utter_medication_stimulants"))) == (
        ACKNOWLEDGE
    )


def test_saying_where_they_went_is_not_a_question_about_privacy() -> None:
    assert reply_for("answer", "i went to the judge today", said(FIRST_GREETING)) != PRIVACY


@pytest.mark.parametrize(
    "text",
    [
        "what about insurance, does the union plan cover that kind of thing",
        "where do i go in indy for the shot if i got no insurance yet",
        "my shot needs prior auth with my new insurance from work. what do i do if they deny it",
        "i got medicaid if that matters. is it gonna cost me anything",
        "how much does suboxone cost",
    ],
)
def test_a_question_about_paying_for_treatment_is_answered_with_how_to_pay(text: str) -> None:
    for intent in ("out_of_scope", "ask_resources", "answer"):
        assert reply_for(intent, text, said(FIRST_GREETING)) == TREATMENT_COST
    assert "1-800-662-4357" in first(TREATMENT_COST)


def test_insurance_named_in_a_statement_is_not_taken_for_a_question_about_cost() -> None:
    assert reply_for("answer", "my insurance through work is fine", said(FIRST_GREETING)) != (
        TREATMENT_COST
    )


def test_a_support_that_is_not_there_right_now_is_not_said_back_as_helping() -> None:
    asked = first("utter_feeling_low")
    reply = reply_for("answer", "my sponsor isnt picking up and its 2am", said(asked))
    assert reply == HEARD_SUPPORT_STRAINED


def test_someone_who_goes_on_in_spanish_gets_the_whole_notice_once() -> None:
    notice = first(spanish.AVAILABLE)
    text = "Pues más o menos, el trabajo está bien pesado"
    assert reply_for("out_of_scope", text, said("")) == spanish.AVAILABLE
    after_notice = Said(first("utter_feeling_low"), RESPONSES, (notice,))
    assert reply_for("out_of_scope", text, after_notice) == spanish.STILL_HERE
    still_here = first(spanish.STILL_HERE)
    after_still_here = Said(first("utter_feeling_low"), RESPONSES, (still_here, notice))
    assert reply_for("out_of_scope", text, after_still_here) == REQUEST_PEER_ES
    asked = RESPONSES[spanish.PEER_ASKED][0]["text"].replace("{wait}", "15 minutos")
    assert reply_for("out_of_scope", text, said(asked)) == spanish.PEER_COMING


def test_enough_questions_outside_a_check_up_is_acknowledged_not_questioned() -> None:
    reply = reply_for("out_of_scope", "ok thats enough questions for today", said(""))
    assert reply == ACKNOWLEDGE


def test_a_question_is_not_read_as_a_feeling() -> None:
    question = "can i get take homes if im doing good?"
    assert reply_for("out_of_scope", question, said(FIRST_GREETING)) != "utter_feeling_good"
    assert reply_for("answer", "doing good", said(FIRST_GREETING)) == "utter_feeling_good"


@pytest.mark.parametrize("text", ["wait hold on", "brb", "one sec", "hang on"])
def test_a_moment_asked_for_is_given_without_a_question(text: str) -> None:
    assert reply_for("out_of_scope", text, said(FIRST_GREETING)) == "utter_take_your_time"


def test_not_knowing_why_they_text_is_met_as_reaching_out() -> None:
    text = "i dont even know why im texting this"
    assert reply_for("out_of_scope", text, said("")) == "utter_reaching_out"


@pytest.mark.parametrize("text", ["bueno. voy a llamar a mi hija primero", "sí lo he pensado"])
def test_someone_answered_in_spanish_goes_on_being_answered_in_spanish_not_the_same_line(
    text: str,
) -> None:
    """k06 and k35 of the sealed 2027-11 set (read once) got "your peer is coming" fourteen
    times: after it, the assistant listens, in Spanish, and says it again only a message later."""
    coming = first(spanish.PEER_COMING)
    listening = first(spanish.GO_ON)
    assert reply_for("out_of_scope", text, said(coming)) == spanish.GO_ON
    after_listening = Said(listening, RESPONSES, (coming,))
    assert reply_for("out_of_scope", text, after_listening) == spanish.PEER_COMING


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("estoy un poco mejor ahora", spanish.HEARD_BETTER),
        ("mi hermano me está ayudando", spanish.HEARD_SUPPORT),
    ],
)
def test_better_and_someone_helping_are_said_back_in_spanish_never_taken_for_a_yes(
    text: str, response: str
) -> None:
    """Replayed for issue 18: the notice again, and a peer asked for on "affirm"."""
    still_here = first(spanish.STILL_HERE)
    assert reply_for("affirm", text, Said(still_here, RESPONSES, (first(spanish.AVAILABLE),))) == (
        response
    )


def test_a_yes_with_a_person_named_asks_for_a_peer_in_spanish() -> None:
    available = first(spanish.AVAILABLE)
    assert reply_for("inform", "sí por favor, una persona", said(available)) == "request_peer_es"


def test_talking_on_after_the_offer_of_a_peer_is_heard_not_a_miss() -> None:
    offer = peer_offer(timedelta(hours=24))
    text = "i go to a NA meeting tuesdays. havent called my sponsor in a while tho"
    assert reply_for("nlu_fallback", text, said(offer)) in (HEARD_SUPPORT, HEARD_SUPPORT_STRAINED)
    # Named, not leaned on: the person is heard as on their mind (2027-05 d20, read once).
    assert reply_for("nlu_fallback", "my daughter doesnt know", said(offer)) == (
        "utter_heard_close_one"
    )
    assert reply_for("nlu_fallback", "roll tide though", said(offer)) == HEARD_MORE


def test_a_goodbye_or_thanks_the_engine_missed_is_answered_in_kind() -> None:
    assert reply_for("nlu_fallback", "Thank you dear. Have a good day.", said("")) == (
        "utter_goodbye"
    )
    assert reply_for("nlu_fallback", "appreciate you", said("")) == "utter_you_are_welcome"


@pytest.mark.parametrize("text", ["Well I'd like my license back.", "have a good day"])
def test_well_as_a_pause_and_good_day_as_a_goodbye_are_not_how_they_are(text: str) -> None:
    assert feeling_in(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "can i talk to one of the peer people about how to say it to her? not urgent",
        "can i get a peer person to check on me this weekend",
        "do u guys have a real person that can help me fill out the ahcccs thing",
        "I'd still like to talk to a person about becoming a peer volunteer someday",
    ],
)
def test_a_person_asked_for_in_their_own_words_is_asked_for(text: str) -> None:
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == REQUEST_PEER


@pytest.mark.parametrize(
    "text", ["i dont want to talk to a person, just the bot", "no need to talk to a peer lol"]
)
def test_not_wanting_a_person_is_not_asking_for_one(text: str) -> None:
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) != REQUEST_PEER


@pytest.mark.parametrize(
    "text",
    [
        "stop texting me so much",
        "whatever. dont text me every day",
        "too many texts man",
        "Don't want to be rude but I'd rather not get the scheduled ones anymore",
    ],
)
def test_too_many_texts_is_heard_with_how_often_and_how_to_stop(text: str) -> None:
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == FEWER_TEXTS
    assert "STOP" in first(FEWER_TEXTS)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("kingman az", True), ("Raleigh, Wake County.", True),
        ("AA preferably but honestly at this point I'd take anything ha", True),
        ("what about telehealth do they do that in arizona", False), ("my sister", False),
        ("is there one in boise that isnt on a weeknight? kids have practice", True),
        ("any near 45410?", True), ("is there one on saturday?", False),
    ],
)  # fmt: skip
def test_a_place_or_a_kind_of_support_answering_the_offer_of_resources_is_a_yes(
    text: str, wanted: bool
) -> None:
    """Replayed (session 18): "kingman az" after "would it help if I shared them?" got "I'm not
    sure I followed". The offer's blank for a hint of local options is often empty."""
    offer = first("utter_resources_permission").format(what="meetings", where_hint="")
    assert answers_offer_of_resources(text, said(offer)) is wanted
    assert answers_offer_of_resources(text, said(first("utter_feeling_low"))) is False


@pytest.mark.parametrize(
    "text",
    [
        "Is it normal to still get the brain zaps at a month out? Nobody warned me about that",
        "do i gotta be in withdrawal when i start. i heard horror stories about precipitated",
        "Quick q - I'm on naltrexone pills. Can it hurt my liver? They keep checking labs",
        "is it safe to take with my blood pressure meds?",
        "does it hurt? and how long does one shot last",  # c20 of the 2027-03 conversations
    ],
)
def test_a_question_about_their_health_goes_to_a_prescriber_and_a_peer_is_offered(
    text: str,
) -> None:
    """c11, c18 and c25 of the 2027-04 conversations (read once) got a miss or "outside what I
    can help with"."""
    for intent in ("nlu_fallback", "out_of_scope"):
        assert reply_for(intent, text, said(FIRST_GREETING)) == ASK_PRESCRIBER
    asked = said(first(ASK_PRESCRIBER))
    assert reply_for("affirm", "yes please", asked) == REQUEST_PEER
    assert all("medical advice" in v["text"] or "health questions" in v["text"]
               for v in RESPONSES[ASK_PRESCRIBER])  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "can my dr call in a couple days somewhere else if they run out again or nah",
        "is it bad if you go down too fast",
        "i missed my vivitrol shot last week, what do i do",
        "what happens if i miss a shot. like if theres a gap",
        "do they make you stop all at once? thats what scares me",
        "how do i get off benzos safely",
        "is it safe to detox from xanax at home",
        "my OB wants to keep me on subutex but my mom thinks it'll hurt the baby. is it safe?",
        "what is NAS? the nurse mentioned it and I got too nervous to ask",
        "I dont want nothing that makes me puke. Does the other one do that",
        "i forgot my dose this morning and its like 4pm now can i still take it or do i skip",
    ],
)
def test_a_question_about_the_dose_a_taper_or_a_detox_goes_to_a_prescriber(text: str) -> None:
    """g01, g11 and g19 of the sealed 2027-09 set (read once) got "I'm not sure I followed" or
    "outside what I can help with"; a detox from benzos at home was answered about privacy."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == ASK_PRESCRIBER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("medicaid? idk if i got it. they said they signed me up inside", TREATMENT_COST),
        ("I have Anthem through my employer. Would that typically cover it?", TREATMENT_COST),
        ("i have medicaid. the colorado one", TREATMENT_COST),
        ("i need to keep getting the vivitrol. they gave me a shot", "utter_medication_naltrexone"),
        ("is it safe to text here", PRIVACY),
    ],
)  # fmt: skip
def test_cover_and_a_medication_to_keep_getting_are_answered(text: str, expected: str) -> None:
    """g02, g11 and g37 of the sealed 2027-09 set (read once): "medicaid?" after a release from
    prison was heard as having been made to text; the rest were misses."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == expected


def test_a_statement_about_their_health_is_not_sent_to_a_prescriber() -> None:
    assert reply_for("nlu_fallback", "my withdrawals were bad last week", said(FIRST_GREETING)) != (
        ASK_PRESCRIBER
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cool. And can I still text here from Texas?", TEXT_ANY_TIME),
        ("Can I still text here myself if I ever need it?", TEXT_ANY_TIME),
        ("I don't remember signing up for anything.", HOW_SIGNED_UP),
        ("how did you get my number", HOW_SIGNED_UP),
        ("wait did my mom sign me up for this", HOW_SIGNED_UP),  # c03 of 2027-03
        ("hey is this the recovery text thing? my homegirl gave me this number", "utter_help"),
        ("who sees these answers btw? does my counselor get them?", PRIVACY),  # c19 of 2027-03
        ("How often do these check ins come? Feels like every other day lately", FEWER_TEXTS),
        ("Should we be keeping narcan in the house? I don't know the first thing about it",
         NALOXONE),
    ],
)  # fmt: skip
def test_a_question_about_the_line_or_naloxone_is_answered(text: str, expected: str) -> None:
    """c06, c15, c24 and c33 of the 2027-04 conversations (read once) got "I'm not sure I
    followed"."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == expected


def test_a_place_we_cannot_place_after_the_offer_of_options_asks_for_the_state_or_zip() -> None:
    """c15 and c21 of the 2027-04 conversations: "charleston. east end" was a miss."""
    offered = said(first("utter_resources_permission").format(what="meetings", where_hint=""))
    for text in ("charleston. east end", "We are in Perry County, closest big town is Hazard"):
        assert reply_for("nlu_fallback", text, offered) == ASK_PLACE
    assert reply_for("nlu_fallback", "charleston. east end", said(FIRST_GREETING)) != ASK_PLACE


def test_more_of_their_story_after_the_offer_of_options_is_heard() -> None:
    """c36 of the 2027-04 conversations: "i was on percs, then they werent really percs anymore"
    after the offer got "I'm not sure I followed"."""
    offered = said(first("utter_resources_permission").format(what="support", where_hint=""))
    told = "i was on percs, then they werent really percs anymore if u know what i mean"
    assert reply_for("nlu_fallback", told, offered) not in {CLARIFY, OFFER, REDIRECT}


def test_what_follows_the_companions_go_on_is_heard() -> None:
    """c15 of the 2027-04 conversations: "He won't talk about it. Says he has it handled" after
    "Go on, I'm listening." got "I'm not sure I followed"."""
    go_on = said("Okay, I won't keep asking. ... Go on, I'm listening.")
    told = "He won't talk about it. Says he has it handled"
    assert reply_for("nlu_fallback", told, go_on) not in {CLARIFY, OFFER, REDIRECT}


@pytest.mark.parametrize(
    ("offer", "why"),
    [
        ("utter_barc10_permission", "utter_barc10_why_again"),
        ("utter_checkup_permission", "utter_checkup_why_again"),
    ],
)
def test_again_to_the_offer_of_a_form_is_answered_and_a_yes_after_it_starts_the_form(
    offer: str, why: str
) -> None:
    """c09 of the 2027-02 conversations: "again??" got "I'm not sure I followed", the BARC-10
    never started, and the ratings that followed were misses."""
    for text in ("again??", "this again", "didnt we just do this", "you asked me these before"):
        assert reply_for("nlu_fallback", text, said(first(offer))) == why
    assert form_to_start("fine whatever. 4", why, (why,)) == OFFERS[offer]
    assert reply_for("nlu_fallback", "again??", said(FIRST_GREETING)) != why


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Took naltrexone pills back in 2019. Made me sick to my stomach. Is there a shot version",
         "utter_medication_naltrexone"),
        ("I've read naltrexone might be better for me. Is that used for opioids or just alcohol?",
         "utter_medication_naltrexone"),
        ("i have BCBS through my job. would it cover the shot? i heard its like a thousand bucks",
         TREATMENT_COST),
        ("is this going on some record? my job does background checks", PRIVACY),
        # d07, d12 and d16 of the sealed 2027-05 conversations (read once).
        ("IS THIS THE COURT. ARE YOU REPORTING TO MY PROBATION OFFICER", PRIVACY),
        ("My firm does random drug testing. Can they access anything from here?", PRIVACY),
        ("Hello this is Earl my grandaughter put this in my phone. who am i talking to",
         "utter_help"),
        ("Telehealth like on my phone? And they can send it to any pharmacy?", "utter_telehealth"),
        ("what about telehealth do they do that in arizona", "utter_telehealth"),
        # d15 of the sealed 2027-05 conversations (read once).
        ("what's a good score anyway? is it out of 60?", "utter_barc10_scoring"),
        ("how is the barc scored", "utter_barc10_scoring"),
        ("is 55 good?? i added it up myself lol", "utter_barc10_scoring"),
        ("how does the scoring work", "utter_barc10_scoring"),
    ],
)  # fmt: skip
def test_a_question_about_a_medication_or_the_record_the_engine_missed_is_answered(
    text: str, expected: str
) -> None:
    """c06, c14, c26 and c35 of the 2027-02 conversations got "I'm not sure I followed"."""
    assert reply_for("nlu_fallback", text, said("Okay. I'm here whenever you want to text.")) == (
        expected
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lol wrong chat mb", "utter_wrong_chat"),
        ("sorry wrong number", "utter_wrong_chat"),
        ("LMAO that was for my husband im dead 💀 sorry", "utter_wrong_chat"),
        ("quick question before i lose my nerve", ASK_AWAY),
        ("phone at 8% sry", "utter_heard_busy_now"),
    ],
)
def test_a_text_for_someone_else_a_question_coming_or_a_dying_phone_is_answered_in_kind(
    text: str, expected: str
) -> None:
    """d08, d11 and d13 of the sealed 2027-05 conversations (read once) got a generic miss."""
    assert reply_for("nlu_fallback", text, said("Okay. I'm here whenever you want to text.")) == (
        expected
    )


def test_a_wrong_number_in_a_story_is_not_a_text_meant_for_someone_else() -> None:
    text = "i dialed the wrong number for my doctor twice today"
    assert reply_for("nlu_fallback", text, said("")) != "utter_wrong_chat"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i cried in the car this morning lol happy tears 😭", Feeling.GOOD),
        ("tears of joy today, my kid called me", Feeling.GOOD),
    ],
)
def test_tears_of_joy_are_read_as_joy(text: str, expected: Feeling) -> None:
    """d06 of the sealed 2027-05 conversations (read once) was told "a hard one"."""
    assert feeling_in(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "my roommate just got out and she's using again. like in our apartment",
        "my son is using again",
    ],
)
def test_someone_elses_use_is_heard_as_about_them_not_as_the_persons_slip(text: str) -> None:
    """d08 of the sealed 2027-05 conversations (read once) was told "this slip hit hard"."""
    assert not slip_in(text)
    assert reply_for("nlu_fallback", text, said("")) == "utter_heard_close_one"


def test_a_slip_told_beside_someone_elses_is_still_their_own() -> None:
    assert slip_in("she relapsed so i drank again")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can you put me in touch with one of your people, a real person? Today if possible.",
         REQUEST_PEER),
        ("can someone actually talk to me like on the phone, a person", REQUEST_PEER),
        ("can u get me a person to talk to", REQUEST_PEER),  # the simulator, after a craving
        ("i need a real person rn", REQUEST_PEER),
        ("can i at least see what you have on file about me", PRIVACY),
        ("i got a raise at the warehouse. 75 cents but still", "utter_feeling_good"),
        ("whatever. i did pass my bio test", "utter_feeling_good"),
        ("lol my cat is sitting on my phone sorry", "utter_wrong_chat"),
        ("omw be there in 10 grab me a dr pepper", "utter_wrong_chat"),  # e11 of 2027-07
        ("figures lol", ACKNOWLEDGE),
        ("This commute is going to be the death of me, we are stuck in traffic again lol",
         "utter_heard_too_much"),
        ("how did u even get my number", "utter_how_signed_up"),
        ("Is there a way to begin this at home, or must I attend a clinic?", "utter_telehealth"),
        ("so is that bad? like how do other ppl score", "utter_barc10_scoring"),
        ("Hello. I'm not the one in recovery, my son is. Is it all right if I text this line about "
         "him?", "utter_family_welcome"),
        ("Hi, my husband is the one who signed up for this but he never answers. I'm his wife. Can "
         "I use it too?", "utter_family_welcome"),
        ("My daughter is 19 and just went into a 30 day program. What happens when she comes out?",
         "utter_family_welcome"),
    ],
)  # fmt: skip
def test_what_the_sealed_2027_06_conversations_met_with_a_generic_miss_is_answered(
    text: str, expected: str
) -> None:
    """Each got "I'm not sure I followed" or "outside what I can help with" in the sealed 2027-06
    conversations, read once (fits)."""
    assert reply_for("nlu_fallback", text, said("Okay. I'm here whenever you want to text.")) == (
        expected
    )


def test_work_named_as_the_strain_is_heard_as_work_not_as_what_helps() -> None:
    """Texting the simulator: "work been crazy. my boss keeps piling stuff on", after "What's
    been wearing you out?", got "getting something real from work"."""
    asked = said(first("utter_feeling_tired"))

    assert reply_for("answer", "work been crazy. my boss keeps piling stuff on", asked) == (
        "utter_heard_work"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My dear friend Carol died of an overdose in 2019. She was on pills much as I am.",
         "utter_heard_loss"),
        ("My wife passed in March. The house is very quiet.", "utter_heard_loss"),
        ("Good morning. I was given this number by my primary care physician. I would like some "
         "information, if that is permissible.", "utter_help"),
    ],
)  # fmt: skip
def test_a_loss_or_a_first_polite_request_is_answered_not_missed(text: str, expected: str) -> None:
    """e07 and e22 of the sealed 2027-06 conversations (read once: fits)."""
    assert reply_for("nlu_fallback", text, said("")) == expected


def test_a_near_miss_is_not_a_loss() -> None:
    assert reply_for("nlu_fallback", "i almost died last year", said("")) != "utter_heard_loss"


def test_spanish_thanks_and_a_spanish_question_are_answered_for_what_they_are() -> None:
    # t06 of the 2027-08 tune conversations: every message after the offer of a peer got "the
    # peer is coming", thanks and questions alike.
    coming = said(first(spanish.PEER_COMING))
    question = "¿Hay juntas de AA en español por aquí? Vivo en el East End, 77011"

    assert reply_for(
        "nlu_fallback", "Gracias por escucharme, de verdad. Buenas noches", coming
    ) == (spanish.WELCOME)
    assert reply_for("nlu_fallback", question, coming) == spanish.WHERE_TO_ASK
    asked = Said(first(spanish.WHERE_TO_ASK), RESPONSES, (first(spanish.PEER_COMING),))
    assert reply_for("nlu_fallback", "¿Y sale caro? No tengo seguro", asked) == spanish.PEER_COMING


@pytest.mark.parametrize(
    ("text", "heard"),
    [
        ("Quiero hacerlo por mis hijos. El mayor ya tiene 15 y se da cuenta de todo",
         spanish.HEARD_REASON),
        ("ya llevo 3 meses sin tomar", spanish.HEARD_MILESTONE),
        ("hoy tengo muchas ganas de tomar", spanish.HEARD_CRAVING),
        ("volví a tomar el sábado, llevaba dos meses", spanish.HEARD_SLIP),
        ("me siento muy sola estos días", spanish.HEARD_HARD),
    ],
)  # fmt: skip
def test_what_a_spanish_message_tells_is_said_back_in_spanish_once_the_notice_is_given(
    text: str, heard: str
) -> None:
    """t06 of the 2027-08 tune conversations: "Quiero hacerlo por mis hijos" got only "the peer
    is coming"."""
    coming = said(first(spanish.PEER_COMING))
    assert reply_for("nlu_fallback", text, coming) == heard
    # The same kind twice running is not said back twice.
    again = Said(first(heard), RESPONSES, (first(spanish.PEER_COMING),))
    assert reply_for("nlu_fallback", text, again) != heard


def test_a_first_message_in_spanish_gets_what_there_is_in_spanish_before_any_reflection() -> None:
    text = "Quiero hacerlo por mis hijos. El mayor ya tiene 15 y se da cuenta de todo"
    assert reply_for("nlu_fallback", text, said("")) == spanish.AVAILABLE


def test_better_off_is_never_heard_as_feeling_better() -> None:
    # e10 of the sealed 2027-07 conversations (read once) was told "today is going well".
    assert feeling_in("honestly everyone would be better off if i just wasnt around anymore") != (
        Feeling.GOOD
    )
    assert feeling_in("doing better today") == Feeling.GOOD


@pytest.mark.parametrize(
    "text",
    [
        "how does it work? do you have to be totally off alcohol to start it?",
        "how does the methadone program work?",
    ],
)
def test_how_a_medication_works_is_never_answered_with_how_the_barc10_adds_up(text: str) -> None:
    """Ryan, in the 2027-08 tune conversations, asked how naltrexone works (named a message
    earlier) and was told how the check-in's total adds up."""
    assert reply_for("nlu_fallback", text, said("Okay. I'm here whenever you want to text.")) != (
        "utter_barc10_scoring"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nervous", "utter_feeling_low"),
        ("hey. just wanted to say thanks for the texts these last few months",
         "utter_you_are_welcome"),
        ("Hi, I have a question and I need an honest answer", ASK_AWAY),
        ("wait actually since im here can i ask smth", ASK_AWAY),
        ("Hey this is Dwayne I'm parked at a truck stop outside Cheyenne Wyoming is this thing "
         "still working", "utter_still_here"),
        ("Does the board of nursing have access? Or my employer?", PRIVACY),
        ("does my mom get to read what i say on here", PRIVACY),  # e20, sealed 2027-08
        ("can i text 988 instead? does that work", "utter_988_by_text"),  # e18, sealed 2027-08
        ("Can I change what time they come? Or just turn them off?", "utter_fewer_texts"),
        ("How long do I have to do these texts? Is it part of the court thing",
         "utter_fewer_texts"),
    ],
)  # fmt: skip
def test_what_got_a_fallback_in_the_read_2027_07_conversations_is_answered_in_kind(
    text: str, expected: str
) -> None:
    """e11, e12, e22, e24, e27, e31, e36 and e37 of the sealed 2027-07 set (read once: fits)."""
    assert reply_for("nlu_fallback", text, said("")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm at like 8-10 beers a night during the week. More on Brewers game days.",
        "Fair. So if I can't hit 3 a night by October, I talk to the doctor about more",
    ],
)
def test_going_on_after_the_offer_of_the_rulers_is_heard_not_a_miss(text: str) -> None:
    """e23 of the sealed 2027-08 set (read once) got "I'm not sure I followed" twice."""
    reply = reply_for("talk_about_change", text, said(first("utter_rulers_permission")))

    assert reply not in {"utter_fallback_clarify", "utter_fallback_offer_peer"}


def test_a_statement_after_a_page_of_options_is_heard_not_a_miss() -> None:
    """e01 of the sealed 2027-07 set (read once): "my sous chef drinks on the line every night
    and acts like its nothing", after the meetings' options, got "I'm not sure I followed"."""
    options = "A few options for meetings:\n1. AA meetings: aa.org"
    text = "my sous chef drinks on the line every night and acts like its nothing"

    reply = reply_for("inform", text, said(options))

    assert reply not in {
        "utter_fallback_clarify",
        "utter_fallback_offer_peer",
        "utter_out_of_scope",
    }
    assert reply_for("affirm", "ok thanks", said(options)) != "utter_fallback_clarify"


@pytest.mark.parametrize(
    "text",
    [
        "¿puedo escribir en español? my mom wants to text you too, she doesn't speak much English",
        "do you speak spanish",
    ],
)
def test_asking_for_spanish_in_english_gets_what_there_is_in_spanish(text: str) -> None:
    """e29 of the sealed 2027-07 set (read once) got "outside what I can help with"."""
    assert reply_for("nlu_fallback", text, said("Hi there")) == spanish.AVAILABLE


def test_asking_whether_the_officer_just_named_can_see_the_texts_is_about_privacy() -> None:
    """g37 of the sealed 2027-09 set (read once): "so can he see what i put in here or what",
    of his parole officer, got the line's description twice running."""
    assert asks_about_privacy("so can he see what i put in here or what")


def test_is_this_thing_private_is_about_privacy() -> None:
    """g27 of the sealed 2027-09 set (read once)."""
    assert asks_about_privacy("Is this thing private. I dont want my name on some list")


def test_a_spanish_question_after_the_peer_was_asked_is_told_where_to_ask_unless_just_said() -> (
    None
):
    """g17 of the sealed 2027-09 set (read once): five questions and a craving after the peer
    was asked each got "your peer is coming"."""
    earlier = Said(first(spanish.PEER_COMING), RESPONSES, (first(spanish.WHERE_TO_ASK),))
    question = "¿hay medicina para el cristal como la que dan para la heroína?"
    craving = "hoy me dieron ganas fuertes, como un 8, cuando vi a un compa que vende"

    assert reply_for("nlu_fallback", question, earlier) == spanish.WHERE_TO_ASK
    assert reply_for("nlu_fallback", craving, earlier) == spanish.HEARD_CRAVING


def test_what_the_line_does_is_never_said_twice_running_and_a_question_in_it_is_answered() -> None:
    """g37 of the sealed 2027-09 set (read once) got the line's description twice running, the
    second time for "so can he see what i put in here or what"."""
    described = said(first("utter_help"))

    assert reply_for("ask_help", "so can he see what i put in here or what", described) == (
        "utter_privacy"
    )
    assert reply_for("ask_help", "what is this", described) == "utter_help"


@pytest.mark.parametrize(
    "text",
    [
        "He texted me 'love you mom' out of nowhere and I sat in the parking lot and cried",
        "i just smoke a lil. i aint shooting nothing",
        "my sous chef made me a lil creme brulee with a birthday candle in it lol",
    ],
)  # fmt: skip
def test_something_told_that_nothing_read_is_invited_further_not_missed(text: str) -> None:
    """e04, e08 and e01 of the read 2027-08 set got "outside what I can help with" or "I'm not
    sure I followed" for something they told; an invitation to say more claims no more."""
    for intent in ("nlu_fallback", "out_of_scope"):
        assert reply_for(intent, text, said(FIRST_GREETING)) == "utter_heard_tell_more"
    # What follows the invitation is heard as their answer, never a miss.
    invited = said(first("utter_heard_tell_more"))
    assert reply_for("nlu_fallback", "idk it just got to me", invited) not in (
        "utter_heard_tell_more", "utter_fallback_clarify", "utter_out_of_scope",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text", ["zxcv qwer", "what time is the game tonight?", "so how does this work exactly"]
)
def test_a_few_words_or_a_question_nothing_read_still_get_the_misses_ladder(text: str) -> None:
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_fallback_clarify"


def test_where_they_heard_of_the_line_asks_what_it_is() -> None:
    """e08 of the read 2027-08 set: "yo is this the thing from the van on pratt st"."""
    text = "yo is this the thing from the van on pratt st"
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_help"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Does it have to be religious? She's not into that", "utter_meetings_secular"),
        ("is there anything without the god stuff", "utter_meetings_secular"),
        ("you guys still do this? i signed up when i was in treatment", TEXT_ANY_TIME),
        ("like id need the sub thing right. can u start that if ur still using",
         "utter_medication_buprenorphine"),
    ],
)  # fmt: skip
def test_questions_left_with_a_miss_in_the_read_2027_09_set_are_answered(
    text: str, expected: str
) -> None:
    """g13, g15 and g28 of the sealed 2027-09 set, replayed after this session's fixes (fits)."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can a peer who did time text me sometime", REQUEST_PEER),
        ("whats the samhsa number again, my PO said to call it", "utter_samhsa_number"),
        ("Thank you. Is it all right if I text again after the appointment?", TEXT_ANY_TIME),
    ],
)
def test_a_peer_the_helplines_number_and_texting_again_asked_for_are_answered(
    text: str, expected: str
) -> None:
    """h30 and h26 of the sealed 2027-10 set (read once at e96dc71): "outside what I can help
    with" or "I'm not sure I followed"; fixed after, a fit."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == expected


def test_whether_missing_a_text_gets_them_in_trouble_is_answered_plainly() -> None:
    """h10 of the sealed 2027-10 set (read once): "what happens if i miss one of these texts. do
    i get in trouble" got the line's description."""
    for text in (
        "what happens if i miss one of these texts. do i get in trouble",
        "if i ignore these will my PO be told",
    ):
        assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_no_trouble"
    missed_dose = "i missed my dose, will i get in trouble at the clinic"
    assert reply_for("nlu_fallback", missed_dose, said(FIRST_GREETING)) != "utter_no_trouble"


def test_dropping_one_kind_of_check_in_is_how_often_not_a_miss() -> None:
    """h20 of the sealed 2027-10 set (read once): "I'm not sure I followed"."""
    text = "and can you drop the monthly quiz thing. the weekly check ups are enough"
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_fewer_texts"


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("did my mom give u my number", "utter_how_signed_up"),
        ("leave me alone", "utter_fewer_texts"),
        ("ok. but dont text me first. i'll text if i want", "utter_fewer_texts"),
        ("whatever. leave me alone", "utter_fewer_texts"),
        ("ugh fine. just dont text so much", "utter_fewer_texts"),
        ("can we pause these for a while. like a couple months", "utter_fewer_texts"),
    ],
)
def test_how_they_came_to_get_texts_and_wanting_none_first_are_answered(
    text: str, response: str
) -> None:
    """k12 of the sealed 2027-11 set (read once): "I'm not sure I followed" and "Okay. I'm here
    whenever you want to text"."""
    assert said_outright(text) == response
    assert said_outright("my ex wont leave me alone") is None


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("Y tomo pastillas para la presión. ¿Puedo tomar las dos?", spanish.ASK_PRESCRIBER),
        ("¿Y si tomo la pastilla y luego tomo cerveza, me enfermo?", spanish.ASK_PRESCRIBER),
        ("¿Y usted es persona o computadora?", spanish.WHAT_I_AM),
    ],
)
def test_a_health_question_or_who_answers_in_spanish_is_answered_never_a_yes_to_a_peer(
    text: str, response: str
) -> None:
    """k35 of the sealed 2027-11 set (read once): "your peer is coming", and "persona o
    computadora" taken for a yes to the offer of a peer."""
    assert spanish.answered_outright(text) == response
    assert spanish.answer_to_offer("affirm", "¿Y usted es persona o computadora?") is None
    assert spanish.answer_to_offer("affirm", "Sí, por favor") is True


def test_how_long_a_training_takes_is_no_question_for_a_prescriber() -> None:
    """k37 of the sealed 2027-11 set (read once) was told to ask a pharmacist."""
    text = "how long does the training take and do they pay you while you do it"
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) != ASK_PRESCRIBER


@pytest.mark.parametrize(
    "text",
    [
        "how do i become a peer specialist",
        "how long does the peer training take",
        "can i work as a peer?",
    ],
)
def test_becoming_a_peer_specialist_is_answered_with_how_certification_works(text: str) -> None:
    """Replayed for issue 18: "That one's outside what I can help with"."""
    assert said_outright(text) == "utter_peer_work"


def test_a_cert_asked_about_for_a_peer_coach_job_is_answered_with_how_certification_works() -> None:
    """m19 of the sealed 2027-12 set (read once) was offered job listings."""
    text = "is there like a real job as a peer recovery coach? do i need a cert"
    assert said_outright(text) == "utter_peer_work"


def test_the_training_cost_asked_after_peer_work_is_what_peer_training_costs() -> None:
    """m19 of the sealed 2027-12 set (read once) was told what treatment costs."""
    after = said(first("utter_peer_work"))

    assert reply_for("nlu_fallback", "how much does the training cost", after) == (
        "utter_peer_work_cost"
    )
    assert reply_for("ask_resources", "how much does suboxone cost", after) == (
        "utter_treatment_cost"
    )


def test_xylazine_asked_about_is_answered_with_what_strips_and_naloxone_do() -> None:
    """m19 of the sealed 2027-12 set (read once): "I'm not sure I followed"."""
    text = "do they catch xylazine? thats whats going around here"
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_xylazine"


@pytest.mark.parametrize(
    "text",
    [
        'ok. my aunt is gonna ask if the kits "encourage" people lol. shes old school',
        "lol ok so i know its just a number but i really didnt think id make it past like week 2",
    ],
)
def test_ok_as_a_way_into_a_longer_message_is_not_a_so_so_day(text: str) -> None:
    """m19 and m01 of the sealed 2027-12 set (read once) were told "a so-so kind of day"; "old
    school" was read as school."""
    chosen = reply_for("inform", text, said(FIRST_GREETING))
    assert chosen not in ("utter_feeling_so_so", "utter_heard_school")


def test_a_record_asked_about_after_peer_work_is_answered_for_peer_work() -> None:
    """ "does a felony stop me" got "I'm not sure I followed"; asked cold, it is not about
    peer work."""
    after = said(first("utter_peer_work"))

    assert reply_for("nlu_fallback", "does a felony stop me", after) == "utter_peer_work_record"
    assert reply_for("nlu_fallback", "does a felony stop me", said(FIRST_GREETING)) != (
        "utter_peer_work_record"
    )


@pytest.mark.parametrize(
    "text",
    ["ok. what if i cant reach my doctor", "my clinic wont call me back and im out"],
)
def test_a_prescriber_out_of_reach_is_answered_with_a_pharmacist_and_urgent_care(text: str) -> None:
    """Replayed for issue 18: "I'm not sure I followed" after a missed-dose question."""
    assert said_outright(text) == "utter_prescriber_unreachable"
    assert said_outright("my doctor is great, i can reach her any time") is None


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("mas o menos", spanish.HEARD_SO_SO),
        ("mira la verdad no tengo tiempo para esto, estoy en la cocina", spanish.HEARD_BUSY),
        (
            "Tiene 24 años y creo que esta usando fentanilo. La semana pasada encontre papel "
            "aluminio quemado en el baño",
            spanish.HEARD_FAMILY_WORRY,
        ),
        ("Mas o menos. Mucho trabajo en el campo, llego muy cansado", spanish.HEARD_HARD),
    ],
)
def test_so_so_busy_and_a_worry_for_family_are_said_back_in_spanish(
    text: str, response: str
) -> None:
    """m16, m04 and m10 of the sealed 2027-12 set (read once): "your peer is coming", or the
    notice of what there is in Spanish again."""
    after_notice = Said(first(spanish.STILL_HERE), RESPONSES, (first(spanish.AVAILABLE),))
    assert reply_for("speak_spanish", text, after_notice) == response


def test_naloxone_asked_about_in_spanish_is_answered_in_spanish() -> None:
    """m04 of the sealed 2027-12 set (read once): "a peer will text you"."""
    text = "¿Y la naloxona? ¿Donde la consigo? ¿Necesito receta?"
    assert reply_for("speak_spanish", text, said(first(spanish.WHERE_TO_ASK))) == (spanish.NALOXONE)


def test_a_spanish_goodbye_after_a_spanish_check_up_is_a_goodbye_not_the_notice() -> None:
    """m10 of the sealed 2027-12 set (read once) got what there is in Spanish, again."""
    summary_in_spanish = "Gracias por tomarte el tiempo hoy."
    assert reply_for("goodbye", "Gracias. Buenas noches", said(summary_in_spanish)) == (
        spanish.WELCOME
    )


@pytest.mark.parametrize("text", ["whatever. stop", "ugh stop it"])
def test_a_stop_said_in_a_sentence_gets_how_to_stop_the_texts(text: str) -> None:
    """n04 of the sealed 2028-01 set (read once): "a lot behind that". The gateway does not take
    a stop inside a sentence for an opt-out ("ugh. stop." is often about something else)."""
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_fewer_texts"


def test_a_slip_wondered_about_with_a_medication_is_a_question_for_the_prescriber() -> None:
    """n01 of the sealed 2028-01 set (read once): "would it make me sick if i slipped and drank
    while on it" (naltrexone) was told the slip "hit hard"."""
    text = "would it make me sick if i slipped and drank while on it"
    assert reply_for("nlu_fallback", text, said(FIRST_GREETING)) == "utter_ask_prescriber"
    assert reply_for("nlu_fallback", "i slipped and drank last night", said(FIRST_GREETING)) == (
        "utter_slip_heard"
    )
