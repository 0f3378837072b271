"""Each level's phenomena, as people text them: the screener rates each example as labelled."""

from __future__ import annotations

import pytest

from escalation.levels import Level, Screening
from escalation.screening import default_screener, screen


def rules(text: str) -> Screening:
    return default_screener().rules(text)


EMERGENCY = [
    "my friend is overdosing",
    "i think im overdosin",
    "hes not breathing",
    "she wont wake up and her lips are blue",
    "took 30 xans",
    "just swallowed like 40 tylenol",
    "took a whole bottle of my sleeping pills",
    "i took 800mg of seroquel",
    "💊💊💊 took them all",
    "gave him narcan and hes still not responding",
    "going to kill myself tonight",
    "i want to die, i have a gun right here",
    "i tried to kill myself and theres blood everywhere",
    "im standing on the bridge",
    "this is goodbye",
    "did way too much dope and now i cant keep my eyes open",
    "hes choking me",
    "took a fistful of percs",
    "i swallowed 20 of my wife's oxys",
    "help my friend is blue",
    "im on the roof and im going to jump",
    "i have the rope ready and im doing it tonight",
    "i think i took too many of my sleeping pills",
    "gonna drive my car off the bridge tonight",
    # Imminent attempt: the place, the loaded gun, any medication by the dozen.
    "im standing on the edge of the overpass",
    "sitting on the ledge of my building right now",
    "the pistol is loaded and in my lap",
    "swallowed 25 of my trazodone",
    "took 40 of my moms clonazepam",
    # Someone else in danger now: colour and breathing sounds.
    "he's turning gray and not responding",
    "her lips are purple and she's making snoring sounds",
    "my roommate is making a rattling noise",
    "i'm on top of the parking garage",
    "im on the golden gate bridge",
    "i have the gun in my mouth",
    "took 20 lamotrigine",
    "hes gasping and his lips are gray",
    "his breathing is really slow and shallow after he used",
    # Frames 4, from the read conversation sets, where only the model caught it:
    "got my moms whole bottle of pain pills in my lap rn. thinking bout taking all of em and being"
    " done with it",
]
CRISIS = [
    "i want to die",
    "kms",
    "i want to unalive myself",
    "been having suicidal thoughts all week",
    "i dont want to live anymore",
    "no reason to live",
    "i dont want to wake up tomorrow",
    "i cant go on like this",
    "everyone would be better off without me",
    "how many pills would it take to die",
    "i cut myself again last night",
    "i want to hurt my dealer",
    "my boyfriend hits me when hes drunk",
    "he threatened to kill me",
    "gonna shoot up alone in my car",
    "drinking on my xans tonight",
    "no one would even notice if i was gone",
    "im afraid to go home hes going to hurt me",
    "i keep thinking everyone would be happier if i was gone",
    "i have thoughts of taking my life",
    "i deserve to die",
    # Indirect warning signs.
    "gave my dog to my brother, he'll take better care of her",
    "i've been handing out all my things to friends",
    "wrote letters to each of my kids and put them in the drawer",
    "you guys won't have to deal with me much longer",
    "i just wanted to thank you for everything you did for me",
    "i cant promise ill stay safe tonight",
    "been stockpiling my seroquel for a month",
    # Passive death wish.
    "hopefully i never wake up",
    "i want to go to sleep and never wake up",
    "honestly wouldnt care if a truck hit me",
    "what's the point of even staying alive",
    "i keep picturing swerving into oncoming traffic",
    # Violence intent, a weapon readied.
    "im going to stab my stepdad",
    "gonna knock the shit out of that guy when i see him",
    "put a knife in my bag for when i see him",
    # Being harmed: coercion, groping.
    "my boss keeps groping me at work",
    "he says i have to sleep with him or im out on the street",
    # Using alone; self-injury.
    "using solo tonight, nobody around",
    "roommates out of town so ill just use at home",
    "slammed my fist into the wall until it bled",
    "i burn myself just to feel something",
    "after im gone please take care of my dog",
    "this is the last time youll hear from me",
    "i dont think ill make it through the night",
    "i pray god takes me in my sleep",
    "i have a stash of pills saved for when i'm ready",
    "going to run him over with my car",
    "i bought a knife for when he comes back",
    "my uncle keeps coming in my room at night",
    "he makes me do stuff for drugs",
    "shooting up in a gas station bathroom with the door locked",
    "got some pressed blues from a stranger",
    # Lexicon 9, from the read conversation sets, where only the model caught these:
    "honestly i wish she hadnt found me",
    "honestly i have the rest of the pills in front of me and i dont see the point anymore",
]
CONCERN = [
    "i relapsed last night",
    "used again after 60 days",
    "im craving so bad rn",
    "i feel hopeless",
    "got kicked out, sleeping in my car",
    "i missed my methadone dose",
    "ran out of subs",
    "can i talk to a real person",
    "i need a peer",
    "picked up on saturday and havent told anyone",
    "my dealer keeps texting me",
    "they cut my methadone dose again",
    "why even bother at this point",
    "is there a peer i can talk to",
]
NONE = [
    "hi",
    "90 days clean today!",
    "took my meds",
    "i took 2 advil for my headache",
    "i take all my meds every morning",
    "going to a meeting tonight",
    "thanks for checking in",
    "thanks for everything you do here",
    "i wrote a letter to my sponsor for step 9",
    "im sitting on the edge of my bed",
    "my hair is going grey lol",
    "saving up for a car",
    "im going to beat my record at the gym",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_danger_to_life_now_is_an_emergency(text: str) -> None:
    assert screen(text).level.label == "emergency"


@pytest.mark.parametrize("text", CRISIS)
def test_suicidal_thoughts_self_harm_and_violence_are_a_crisis(text: str) -> None:
    assert screen(text).level.label == "crisis"


@pytest.mark.parametrize("text", CONCERN)
def test_return_to_use_cravings_housing_medication_and_asks_are_a_concern(text: str) -> None:
    # The rules' own reading. The risk model may raise some of these to crisis ("when in
    # doubt, escalate"): an accepted cost, measured in the README (false alarms on `none`).
    assert rules(text).level.label == "concern"
    assert screen(text).level >= Level.CONCERN


@pytest.mark.parametrize("text", NONE)
def test_everyday_recovery_talk_is_no_risk(text: str) -> None:
    assert rules(text).level.label == "none"  # the rules' reading; see above for the model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kms", "crisis"),
        ("i wanna die", "crisis"),
        ("gonna od tonight", "emergency"),
        ("i od'd on fent just now", "emergency"),
        ("she ODd in the bathroom", "emergency"),
        ("thinking about unaliving myself", "crisis"),
        ("idk if i want to be alive", "crisis"),
        ("im using alone rn", "crisis"),
        ("cant breath", "emergency"),
        ("my bf took a bunch of bars n drank", "emergency"),
    ],
)
def test_slang_and_abbreviations_are_understood(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I WANT TO DIE", "crisis"),
        ("i want to dieeeee", "crisis"),
        ("pleeease i wanna kill myselfff", "crisis"),
        ("i\u2019m suicidal", "crisis"),
        ("im suicdal", "crisis"),
        ("i want to kil myslef", "crisis"),
        ("he isnt breathin", "emergency"),
        ("im self-harming again", "crisis"),
        ("ok\ni want to die", "crisis"),
        ("i want to\u200b die", "crisis"),
    ],
)
def test_typos_capitals_and_odd_characters_are_normalised(text: str, expected: str) -> None:
    assert screen(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took 30 xans", "emergency"),
        ("took like 12 percs", "emergency"),
        ("popped a handful of pills", "emergency"),
        ("took all my pills", "emergency"),
        ("took 1000mg of my gabapentin at once", "emergency"),
        ("took 2 xans", "concern"),
        ("took my meds", "none"),
        ("took my 16mg of subs", "none"),
        ("took 30 minutes to get here", "none"),
    ],
)
def test_method_words_and_doses_predict_an_overdose(text: str, expected: str) -> None:
    # The rules' reading: the risk model raises "took my 16mg of subs" to crisis (a known
    # false alarm of "when in doubt, escalate"; README), never lowers a dose to below this.
    assert rules(text).level.label == expected
    assert screen(text).level >= Level[expected.upper()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tried in Spanish (issue 14): "ya" is "already", not "you", so the texter is the subject.
        ("ya no quiero vivir", "crisis"),
        ("ya no aguanto mas", "crisis"),
        ("no quiero seguir viviendo", "crisis"),
        ("ya no puedo mas con esto", "crisis"),
        ("voy a tomarme todas las pastillas", "crisis"),
        ("ya tengo 30 dias limpio", "none"),
        ("see ya tomorrow", "none"),
        # Issue 18's sealed conversations (read once): better off dead, and pills put away.
        ("a veces pienso que sería mejor morirme y estar con ella", "crisis"),
        ("sí lo he pensado. tengo las pastillas de la presión guardadas", "crisis"),
        ("estarian mejor sin mi", "crisis"),
        # The sealed set of 2027-04 (read once): falling asleep and not waking up.
        ("a veces pienso que sería mejor dormirme y no despertar", "crisis"),
        ("quisiera dormir y no despertar nunca", "crisis"),
        ("tengo que salir sin despertar a los niños", "none"),
        ("las pastillas estan guardadas en el botiquin", "none"),
        # Issue 18's sealed conversations of 2027-02 (read once): a burden on the family.
        ("A veces pienso que mi familia estaría mejor sin mí.", "crisis"),
        ("todos estarian mejor sin mi y lo se", "crisis"),
        ("seria mejor sin mi ex", "none"),
        ("mi hijo estaria mejor sin la escuela", "none"),
    ],
)
def test_not_wanting_to_go_on_in_everyday_spanish_is_a_crisis(text: str, expected: str) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tried in Spanish by hand (lexicon 7): each of these was rated none.
        ("tome demasiadas pastillas", "emergency"),
        ("me tome una sobredosis", "emergency"),
        ("no vale la pena seguir viviendo", "crisis"),
        ("quiero acabar con todo", "crisis"),
        ("me siento sin esperanza", "concern"),
        ("estoy solo y nadie me quiere", "concern"),
        ("tengo muchas ganas de usar", "concern"),
        ("quiero beber otra vez", "concern"),
        ("no tengo donde dormir", "concern"),
        ("tuve una recaida", "concern"),
        # Everyday Spanish with the same words is not a risk.
        ("quiero usar el telefono", "none"),
        ("tengo ganas de tomar un cafe", "none"),
        ("estoy en la calle con mis amigos", "none"),
        ("no me siento solo, tengo a mi familia", "none"),
        ("me odio cuando llego tarde jaja", "none"),
    ],
)
def test_an_overdose_hopelessness_cravings_and_no_bed_in_spanish_are_read(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The sealed conversations of 2027-05 (read once, d17): cutting said with when, and the
        # blade kept close; the first was rated none and answered as talk about using.
        ("i havent used. but i cut tonight for the first time in like 2 years", "crisis"),
        ("i just cut today", "crisis"),
        ("i still have the blade in my room", "crisis"),
        ("kept a razor in my drawer just in case", "crisis"),
        ("she still has the blade", "concern"),
        ("i cut the grass today", "none"),
        ("i cut my hair today lol", "none"),
        ("i cut back on drinking this week", "none"),
        ("i cut ties with my old friends", "none"),
    ],
)
def test_self_harm_said_with_when_or_the_blade_kept_close_is_a_crisis(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The sealed conversations of 2027-06 (read once, e07), in a check-up: only the model's
        # vote read it, and in answer to a form's question that is a concern.
        (
            "I've been thinking there's not much point in sticking around. Keep looking at the "
            "rifle in the hall closet.",
            "emergency",
        ),
        ("not much point in sticking around", "crisis"),
        ("i keep looking at the rifle in the closet", "crisis"),
        ("i keep thinking about the bridge", "crisis"),
        ("i keep looking at rifles online, want to get into hunting", "none"),
        ("ive been looking at the pills my doctor gave me, not sure what dose", "none"),
    ],
)
def test_no_point_in_sticking_around_and_dwelling_on_a_rifle_are_a_crisis(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # t26 of the 2027-08 tune conversations, mid-way through a check-up: only the model's
        # vote read it, weighed as a concern, and the rifle next was filed as a next step.
        (
            "im not gonna do anything stupid tonight. but i think about not being around. a lot "
            "more since she died",
            "crisis",
        ),
        ("been thinking about not being here anymore", "crisis"),
        ("i think about not being around my old friends", "none"),
        ("i dont think about not being around anymore, im good now", "none"),
        ("last year i thought about not being here a lot", "none"),
        # t04 of the same set: the first clause's negation had made the whole message none.
        (
            "i dont want to od exactly. i just want to go to sleep and not have to wake up for a "
            "while. or at all",
            "crisis",
        ),
    ],
)
def test_thinking_about_not_being_around_or_sleeping_and_not_waking_is_a_death_wish(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # m30 and m05 of the sealed 2027-12 conversations, read once (fixed after: a fit).
        ("everybody'd be better off if i just didnt come back from this run", "crisis"),
        ("figure its easier on everybody if im not around to be a burden", "crisis"),
        ("they'd be better off if i never made it back", "crisis"),
        ("it would be easier for everyone if i wasnt here", "crisis"),
        ("its easier on everyone if im not around when they drink", "none"),
        ("everyone is better off when i dont come back to the bar", "none"),
        ("it's easier for my kids if im here on weekends", "none"),
    ],
)
def test_not_coming_back_or_not_being_around_as_easier_for_everyone_is_a_death_wish(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # e10 and e15 of the sealed 2027-07 conversations, read once (fixed after: a fit).
        ("honestly everyone would be better off if i just wasnt around anymore", "crisis"),
        ("everyone would be better off if i was gone", "crisis"),
        ("thinking if i take all of them at least i wont have to deal with any of this", "crisis"),
        ("if i take all of them tonight", "crisis"),
        ("they are better off when im not around them", "none"),
        ("should i take all of them at once or spread them out? my antibiotics", "none"),
    ],
)
def test_better_off_if_i_wasnt_around_and_taking_all_of_them_are_a_crisis(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # e24 and e18 of the sealed 2027-08 conversations, read once (fixed after: a fit).
        ("i keep looking at my dads old pistol. its in the nightstand", "crisis"),
        ("keep staring at my grandpas rifle in the closet", "crisis"),
        ("everybody would honestly be better off", "crisis"),
        ("theyd all be better off.", "crisis"),
        ("i keep looking at my old photos", "none"),
        ("keep thinking about my dads old truck", "none"),
        ("my kids would be better off with their dad for the summer", "none"),
    ],
)
def test_dwelling_on_a_relatives_gun_and_everybody_better_off_are_a_crisis(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # e05 and e30 of the sealed 2027-08 conversations, read once (fixed after: a fit).
        ("something that went well lol. nothing. honestly id be fine not waking up tomorrow",
         "crisis"),
        ("id be ok never waking up", "crisis"),
        ("my friend is not waking up", "emergency"),
        ("on klonopin, down to 0.5. i couldnt go into the store without my heart pounding",
         "none"),
        ("took 4 xans and my heart is pounding", "emergency"),
    ],
)  # fmt: skip
def test_fine_not_waking_up_is_a_death_wish_and_a_heart_pounding_somewhere_is_no_overdose(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # g36 of the sealed 2027-09 conversations, read once (fixed after: a fit).
        ("I've been wondering lately whether it's worth it to keep going at all.", "crisis"),
        ("honestly not sure its worth it to keep going", "crisis"),
        ("is it worth it to keep going to meetings if i keep slipping", "none"),
    ],
)
def test_wondering_whether_it_is_worth_keeping_going_at_all_is_a_death_wish(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # g28 of the sealed 2027-09 conversations, read once (fixed after: a fit).
        ("do the strips work on pressed pills too or just powder", "none"),
        ("can you test pressed bars for fent", "none"),
        ("i bought pressed bars from a new plug", "crisis"),
        ("i tested my pressed pills, had fent, taking them anyway", "crisis"),
    ],
)
def test_asking_whether_test_strips_work_on_pressed_pills_is_no_crisis_using_them_is(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # h38 of the sealed 2027-10 conversations, read once (fixed after: a fit).
        ("doesnt matter what the score is. i wont be around for the next one", "crisis"),
        ("theres a bottle of my old oxy in the garage and i bought a fifth. thats the plan",
         "emergency"),
        ("i wont be around for the next meeting, im traveling", "none"),
        ("thats the plan for saturday, bbq at my sisters", "none"),
    ],
)  # fmt: skip
def test_not_being_around_for_the_next_one_and_a_plan_with_the_means_are_risk(
    text: str, expected: str
) -> None:
    assert rules(text).level.label == expected
