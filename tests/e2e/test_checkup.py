"""A full recovery check-up and the rulers in the simulator, with the real engine and action
server: "later" stored as when to ask again, a question about the bot, a bare "yeah i guess"
asked again, and a request for a person in between, an emoji for cravings, a pause and a
pick-up, an unclear "yeah" followed by how often, a greeting after going quiet, each answer
reflected, the summary in the person's words, the need rule and a peer offered; then importance
and confidence rulers after "thinking about quitting", each answer reflected; someone not ready
said back in their words and never led into the rulers, and for an importance of 2 only the
importance ruler. Everything is read back from the app database."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from sqlalchemy import select

from core.settings import Settings
from store.checkup_models import Checkup, CheckupAnswer, RulerRating
from store.db import Database
from store.models import Participant
from tests.support.system import chat
from warmline.engine_env import BOT_DIR
from warmline.supervisor import Supervisor

pytestmark = pytest.mark.engine


def responses(name: str) -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = yaml.safe_load(
        (BOT_DIR / "domain" / f"{name}.yml").read_text()
    )
    return found["responses"]


RESPONSES = {
    **responses("core"), **responses("checkup"), **responses("rulers"), **responses("change_talk")
}  # fmt: skip


def _conditions(variation: dict[str, Any]) -> dict[str, object]:
    return {c["name"]: c["value"] for c in variation.get("condition", [])}


def plain(name: str, **values: object) -> set[str]:
    """Every way the assistant may say a response the first time (no re-ask), filled in."""
    return {str(v["text"]).format(**values) for v in RESPONSES[name] if "condition" not in v}


def asked_again(name: str) -> set[str]:
    """The ways the assistant asks a question again after a reply it could not use."""
    return {str(v["text"]) for v in RESPONSES[name] if _conditions(v).get("checkup_reask")}


def in_spanish(name: str, **values: object) -> set[str]:
    """Every way the check-up says a response in Spanish the first time, filled in."""
    return {
        str(v["text"]).format(**values)
        for v in RESPONSES[name]
        if _conditions(v).get("checkup_language") == "es"
        and not _conditions(v).get("checkup_reask")
    }


def spanish(replies: list[str], *names: str, **values: object) -> None:
    assert len(replies) == len(names), replies
    for reply, name in zip(replies, names, strict=True):
        assert reply in in_spanish(name, **values), f"{reply!r} is not {name} in Spanish"


def one_of(replies: list[str], *names: str, **values: object) -> None:
    assert len(replies) == len(names), replies
    for reply, name in zip(replies, names, strict=True):
        assert reply in plain(name, **values), f"{reply!r} is not {name}"


def check_up(base: str) -> None:
    one_of(chat(base, "ben", "checkup pls"), "utter_checkup_permission")
    one_of(chat(base, "ben", "later"), "utter_checkup_rescheduled", when="in a few hours")
    one_of(chat(base, "ben", "can we do a check-up"), "utter_checkup_permission")
    one_of(chat(base, "ben", "ya sure"), "utter_ask_checkup_how")
    one_of(chat(base, "ben", "wait r u a bot?"), "utter_iamabot", "utter_ask_checkup_how")
    (again,) = chat(base, "ben", "yeah i guess")  # says nothing of how things have been
    assert again in asked_again("utter_ask_checkup_how")
    one_of(
        chat(base, "ben", "rough week tbh"),
        "utter_checkup_reflect_how_hard", "utter_ask_checkup_cravings",
    )  # fmt: skip
    one_of(chat(base, "ben", "😣"), "utter_checkup_reflect_cravings_high", "utter_ask_checkup_use")
    one_of(chat(base, "ben", "pause"), "utter_checkup_paused")

    one_of(
        chat(base, "ben", "checkup pls"),
        "utter_checkup_welcome_back_recap", "utter_ask_checkup_use", said="rough week",
    )  # fmt: skip
    one_of(chat(base, "ben", "yeah"), "utter_checkup_reflect_use", "utter_ask_checkup_use_often")
    # Quiet for a while, then "hey": not taken as how often; the same question again.
    one_of(chat(base, "ben", "hey"), "utter_checkup_welcome_back", "utter_ask_checkup_use_often")
    one_of(
        chat(base, "ben", "most days tbh"),
        "utter_checkup_reflect_use_often_weekly", "utter_ask_checkup_supports",
    )  # fmt: skip
    person = chat(base, "ben", "can i talk to a real person")  # answered by the gateway itself
    assert "peer" in " ".join(person)
    one_of(
        chat(base, "ben", "went to 2 meetings and called my sponsor"),
        "utter_checkup_reflect_supports", "utter_ask_checkup_went_well",
        supports="meetings and your sponsor",
    )  # fmt: skip
    one_of(
        chat(base, "ben", "made it to work every day"),
        "utter_checkup_reflect_went_well", "utter_ask_checkup_next_step",
        went_well="made it to work every day",
    )  # fmt: skip
    step, summary, offer = chat(base, "ben", "call my sponsor on sunday")
    assert step in plain("utter_checkup_reflect_next_step", next_step="call your sponsor on sunday")
    assert summary.endswith(
        "On how things have been, you said rough week. Cravings were around 8 out of 10. You "
        "leaned on meetings and your sponsor. Something that went well: made it to work every "
        "day. Your next step, in your words: call your sponsor on sunday."
    )
    assert offer in plain("utter_checkup_offer_peer")
    (connected,) = chat(base, "ben", "yes please")
    assert "peer" in connected


def rulers(base: str) -> None:
    reflection, permission = chat(base, "cal", "thinking about quitting")
    assert reflection in plain("utter_rulers_reflect_change")
    assert permission in plain("utter_rulers_permission")
    one_of(chat(base, "cal", "sure"), "utter_ask_ruler_importance")
    one_of(
        chat(base, "cal", "6"), "utter_rulers_reflect_importance_mid",
        "utter_ask_ruler_importance_why", ruler_importance=6, ruler_lower=3,
    )  # fmt: skip
    one_of(
        chat(base, "cal", "my kids keep asking me to"),
        "utter_rulers_reflect_reason_family", "utter_ask_ruler_confidence",
    )  # fmt: skip
    one_of(
        chat(base, "cal", "like a 4"), "utter_rulers_reflect_confidence_mid",
        "utter_ask_ruler_confidence_step", ruler_confidence=4, ruler_higher=5,
    )  # fmt: skip
    one_of(
        chat(base, "cal", "if my friends didnt drink so much"),
        "utter_rulers_reflect_step_people", "utter_rulers_close",
    )  # fmt: skip


def not_ready(base: str) -> None:
    """An importance of 2: asked only how important it feels, never for confidence or a plan;
    later, pre-contemplation: said back in their words with their autonomy, never led into the
    rulers."""
    one_of(
        chat(base, "dee", "thinking about cutting back"),
        "utter_rulers_reflect_change", "utter_rulers_permission",
    )  # fmt: skip
    one_of(chat(base, "dee", "ok"), "utter_ask_ruler_importance")
    one_of(
        chat(base, "dee", "2"), "utter_rulers_reflect_importance_low",
        "utter_ask_ruler_importance_why", ruler_importance=2, ruler_lower=0,
    )  # fmt: skip
    one_of(
        chat(base, "dee", "idk my wife worries"),
        "utter_rulers_reflect_reason_family", "utter_rulers_close_not_ready",
    )  # fmt: skip
    reflection, question = chat(base, "dee", "im not ready to quit")
    assert reflection in said_back("utter_heard_not_ready", "you're not ready to quit")
    assert question in plain("utter_heard_not_ready_ask")
    rulers = plain("utter_rulers_permission") | plain("utter_ask_ruler_importance")
    assert not rulers & set(chat(base, "dee", "ok"))


def check_up_in_spanish(base: str) -> None:
    """Someone who writes in Spanish is told what there is in Spanish, asks for the check-up,
    and has it in Spanish: their answers read, said back in Spanish, and summarised."""
    (notice,) = chat(base, "lupe", "hola buenas tardes, como funciona esto")
    assert "chequeo" in notice
    spanish(chat(base, "lupe", "chequeo"), "utter_checkup_permission")
    spanish(chat(base, "lupe", "sí"), "utter_ask_checkup_how")
    spanish(
        chat(base, "lupe", "más o menos, cansada"),
        "utter_checkup_reflect_how_mixed", "utter_ask_checkup_cravings",
    )  # fmt: skip
    spanish(
        chat(base, "lupe", "como un 6"),
        "utter_checkup_reflect_cravings_mid", "utter_ask_checkup_use",
    )  # fmt: skip
    spanish(
        chat(base, "lupe", "no, sigo limpia"),
        "utter_checkup_reflect_no_use", "utter_ask_checkup_supports",
    )  # fmt: skip
    spanish(
        chat(base, "lupe", "las reuniones y mi madrina"),
        "utter_checkup_reflect_supports", "utter_ask_checkup_went_well",
        supports="las reuniones y tu padrino o madrina",
    )  # fmt: skip
    spanish(
        chat(base, "lupe", "volví a trabajar"),
        "utter_checkup_reflect_went_well", "utter_ask_checkup_next_step",
        went_well="volviste a trabajar",
    )  # fmt: skip
    step, summary, close = chat(base, "lupe", "llamar a mi madrina el domingo")
    assert step in in_spanish(
        "utter_checkup_reflect_next_step", next_step="llamar a tu madrina el domingo"
    )
    assert summary.endswith(
        "Sobre cómo te ha ido, me dijiste más o menos, cansada. Las ganas de consumir estuvieron "
        "en un 6 de 10. Te apoyaste en las reuniones y tu padrino o madrina. Algo que salió "
        "bien: volviste a trabajar. Tu siguiente paso, en tus palabras: llamar a tu madrina el "
        "domingo."
    )
    assert close in in_spanish("utter_checkup_close")


def test_a_check_up_in_spanish_through_the_simulator(
    system: Supervisor, system_settings: Settings
) -> None:
    check_up_in_spanish(f"http://127.0.0.1:{system_settings.app_port}")
    db = Database(system_settings.app_database_url)
    try:
        with db.transaction() as session:
            answers = {
                a.question: (a.text, a.value) for a in session.scalars(select(CheckupAnswer))
            }
            done = session.scalars(select(Checkup)).one()
            assert done.completed_at is not None
    finally:
        db.dispose()
    assert answers["use"] == ("no, sigo limpia", "none")
    assert answers["supports"] == ("las reuniones y mi madrina", ["meetings", "sponsor"])
    assert answers["cravings"] == ("como un 6", 6)


def said_back(name: str, said: str) -> set[str]:
    """A reflection's variations with the person's words in, as the action fills them."""
    return {text[:1].upper() + text[1:] for text in plain(name, said=said)}


def test_a_check_up_and_the_rulers_through_the_simulator(
    system: Supervisor, system_settings: Settings
) -> None:
    base = f"http://127.0.0.1:{system_settings.app_port}"
    check_up(base)
    rulers(base)
    not_ready(base)

    db = Database(system_settings.app_database_url)
    try:
        with db.transaction() as session:
            later, done = session.scalars(select(Checkup).order_by(Checkup.id)).all()
            assert (later.ask_again_at is not None, later.completed_at) == (True, None)
            assert (done.needs_linkage, done.peer_requested_at is not None) == (True, True)
            answers = {
                a.question: (a.text, a.value) for a in session.scalars(select(CheckupAnswer))
            }
            assert answers == {
                "how": ("rough week tbh", None),
                "cravings": ("😣", 8),
                "use": ("yeah", "unknown"),
                "use_often": ("most days tbh", "weekly_or_more"),
                "supports": ("went to 2 meetings and called my sponsor", ["meetings", "sponsor"]),
                "went_well": ("made it to work every day", None),
                "next_step": ("call my sponsor on sunday", None),
            }
            ratings = session.execute(
                select(RulerRating.ruler, RulerRating.score, RulerRating.reason)
            ).all()
            assert sorted(ratings) == [
                ("confidence", 4, "if my friends didnt drink so much"),
                ("importance", 2, "idk my wife worries"),
                ("importance", 6, "my kids keep asking me to"),
            ]
            stages = session.scalars(select(Participant.stage_of_change)).all()
            assert {"contemplation", "precontemplation"} <= set(stages)
    finally:
        db.dispose()
