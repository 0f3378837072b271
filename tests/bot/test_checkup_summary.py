"""The closing summary says the person's words back in the second person, in whole sentences,
never quoted and never cut mid-phrase; it leaves out what they skipped, and fits SMS."""

from __future__ import annotations

from bot.actions.checkup_summary import said_back, summary


def test_a_full_summary_in_their_words_as_whole_sentences() -> None:
    said = summary({
        "how": "pretty rough week tbh", "cravings": 6, "use": "none",
        "supports": "went to 2 meetings and called my sponsor",
        "went_well": "made it to work every day", "next_step": "call my sponsor on sunday",
    })  # fmt: skip

    assert said == (
        "On how things have been, you said pretty rough week. Cravings were around 6 out of 10. "
        "You leaned on meetings and your sponsor. Something that went well: made it to work "
        "every day. Your next step, in your words: call your sponsor on sunday."
    )
    assert "none" not in said  # use is theirs to bring up again
    assert '"' not in said


def test_skipped_answers_are_left_out() -> None:
    said = summary({"how": "ok", "cravings": None, "went_well": None})

    assert said == "On how things have been, you said ok."


def test_supports_not_on_the_list_are_said_back_in_the_second_person() -> None:
    assert summary({"supports": "my dog lol"}) == "For support, you named your dog."


def test_nothing_answered() -> None:
    assert summary({}) == "You chose to keep this one short, and that's okay."


def test_their_words_come_back_in_the_second_person_without_quotation_marks() -> None:
    assert said_back("  I called my mom  ") == "you called your mom"


def test_the_questions_name_said_before_the_answer_is_not_said_back() -> None:
    """Texted by hand (2026-12-06): "next step: hit the thursday meeting" came back whole."""
    assert said_back("next step: hit the thursday meeting") == "hit the thursday meeting"
    assert said_back("went well: i cooked her dinner") == "you cooked her dinner"


def test_a_long_answer_ends_where_a_clause_ends_not_mid_phrase() -> None:
    answer = (
        "i went to a meeting every single day, called my sponsor twice, cooked for my kids, "
        "walked the dog every morning, and also started reading again which i havent done in years"
    )

    said = said_back(answer * 2)

    assert len(said) <= 200
    assert said == (
        "you went to a meeting every single day, called your sponsor twice, cooked for your "
        "kids, walked the dog every morning"
    )


def test_a_spanish_summary_says_their_words_back_as_you_in_spanish() -> None:
    said = summary(
        {
            "how": "más o menos, cansada", "cravings": 6, "supports": "las reuniones",
            "went_well": "volví a trabajar", "next_step": "llamar a mi madrina el domingo",
        },
        "es",
    )  # fmt: skip
    assert said == (
        "Sobre cómo te ha ido, me dijiste más o menos, cansada. Las ganas de consumir "
        "estuvieron en un 6 de 10. Te apoyaste en las reuniones. Algo que salió bien: "
        "volviste a trabajar. Tu siguiente paso, en tus palabras: llamar a tu madrina el domingo."
    )


def test_spanish_past_tense_is_said_back_as_you_did_it_and_other_words_are_kept() -> None:
    assert said_back("hablé con mi padrino y fui a una reunión", "es") == (
        "hablaste con tu padrino y fuiste a una reunión"
    )
    assert said_back("tomé café con José aquí", "es") == "tomaste café con José aquí"


def test_a_summary_says_plainly_what_an_idk_or_just_me_meant_never_names_it() -> None:
    said = summary({"supports": "nothing really", "went_well": "idk", "next_step": "not sure"})
    assert said == (
        "For support, it's mostly been you. Nothing in particular stood out as going well, and "
        "that's okay. The next step isn't clear yet."
    )
    assert summary({"supports": "nada, sola", "next_step": "no sé"}, "es") == (
        "El apoyo ha venido sobre todo de ti. El siguiente paso todavía no está claro."
    )
    assert summary({"supports": "the gym and my dog"}) == (
        "For support, you named the gym and your dog."
    )
    assert summary({"supports": "my sponsor and church"}) == (
        "You leaned on your sponsor and your faith."
    )


def test_someone_elses_past_tense_stays_theirs_in_spanish() -> None:
    assert said_back("que mi hijo me llamó", "es") == "tu hijo te llamó"


def test_a_full_stop_inside_their_words_starts_a_new_sentence_in_the_summary() -> None:
    said = summary({"how": "más o menos, cansada. mi mamá está enferma"}, "es")
    assert said == "Sobre cómo te ha ido, me dijiste más o menos, cansada. Tu mamá está enferma."


def test_a_message_in_capitals_is_said_back_in_lower_case_not_shouted() -> None:
    shouted = "MY BROTHER DROVE ME TO A MEETING SUNDAY. NICE PEOPLE"

    assert said_back(shouted) == "your brother drove you to a meeting sunday. nice people"
    assert said_back("I called my mom, AA helped") == "you called your mom, AA helped"
