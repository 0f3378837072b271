"""The FHIR export (R4B): both Questionnaires with the items verbatim and BARC-10 scores as
ordinalValue, a response per check-in with skipped items absent, and a total Observation only for
a check-in with all ten items answered; every resource validated by fhir.resources, round-trip."""

from __future__ import annotations

import json
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from bot.actions.checkup_read import SUPPORTS
from outcomes.answers import responses
from outcomes.fhir import bundle
from outcomes.fhir_questionnaires import (
    BARC10_URL,
    ORDINAL_VALUE,
    barc10_questionnaire,
    checkup_questionnaire,
)
from outcomes.instruments import SUPPORT_CODES, USE_CODES
from store.checkup import UseFrequency
from store.db import Database
from tests.outcomes.conftest import NOW

# ARCHITECTURE.md section 6 (Vilsaint et al., 2017), verbatim.
ITEMS = [
    "There are more important things to me in life than using substances.",
    "In general I am happy with my life.",
    "I have enough energy to complete the tasks I set myself.",
    "I am proud of the community I live in and feel part of it.",
    "I get lots of support from friends.",
    "I regard my life as challenging and fulfilling without the need for using drugs or alcohol.",
    "My living space has helped to drive my recovery journey.",
    "I take full responsibility for my actions.",
    "I am happy dealing with a range of professional people.",
    "I am making good progress on my recovery journey.",
]


def exported(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        made = bundle(responses(session), NOW)
    loaded: dict[str, Any] = json.loads(made.model_dump_json(exclude_none=True))
    return loaded


def resources(made: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in made["entry"] if e["resource"]["resourceType"] == kind]


def study_id(resource: dict[str, Any]) -> str:
    return str(resource["subject"]["identifier"]["value"])


def test_every_exported_resource_validates_and_round_trips(program: Database) -> None:
    made = exported(program)
    parsed = Bundle.model_validate_json(json.dumps(made))
    kinds: dict[str, type[Questionnaire | QuestionnaireResponse | Observation]] = {
        "Questionnaire": Questionnaire,
        "QuestionnaireResponse": QuestionnaireResponse,
        "Observation": Observation,
    }

    assert json.loads(parsed.model_dump_json(exclude_none=True)) == made
    assert parsed.type == "collection"
    for entry in made["entry"]:
        resource = entry["resource"]
        again = kinds[resource["resourceType"]].model_validate(resource)
        assert json.loads(again.model_dump_json(exclude_none=True)) == resource


def test_the_barc10_questionnaire_has_the_items_verbatim_and_ordinal_scores() -> None:
    questionnaire = barc10_questionnaire().model_dump(exclude_none=True)
    items = questionnaire["item"]

    assert questionnaire["url"] == "https://warmline.example.org/fhir/Questionnaire/barc-10"
    assert [item["text"] for item in items] == ITEMS
    for item in items:
        scored = [
            (option["valueCoding"]["code"], option["valueCoding"]["extension"])
            for option in item["answerOption"]
        ]
        assert scored == [
            (str(n), [{"url": ORDINAL_VALUE, "valueDecimal": n}]) for n in range(1, 7)
        ]


def test_a_skipped_item_is_absent_and_its_checkin_has_no_total(program: Database) -> None:
    made = exported(program)
    averys = [r for r in resources(made, "QuestionnaireResponse") if study_id(r) == "P-1"]
    barc10 = [r for r in averys if r["questionnaire"].startswith(BARC10_URL)]
    totals = [o["valueInteger"] for o in resources(made, "Observation") if study_id(o) == "P-1"]

    skipped = barc10[1]  # 15 November: item 3 skipped
    assert [item["linkId"] for item in skipped["item"]] == [
        str(n) for n in (1, 2, 4, 5, 6, 7, 8, 9, 10)
    ]
    assert totals == [30, 32]  # the first and the latest; none for the one with a skip


def test_each_total_is_derived_from_its_response(program: Database) -> None:
    made = exported(program)
    responses_at = {
        entry["fullUrl"]
        for entry in made["entry"]
        if entry["resource"]["resourceType"] == "QuestionnaireResponse"
    }

    observations = resources(made, "Observation")
    assert len(observations) == 8  # four people, two full check-ins each
    for observation in observations:
        [source] = observation["derivedFrom"]
        assert source["reference"] in responses_at


def test_a_checkup_response_keeps_answers_and_leaves_out_skipped_and_unclear(
    program: Database,
) -> None:
    made = exported(program)
    checkups = [
        r
        for r in resources(made, "QuestionnaireResponse")
        if "recovery-checkup" in r["questionnaire"]
    ]
    averys = next(r for r in checkups if study_id(r) == "P-1")
    answers = {item["linkId"]: item["answer"] for item in averys["item"]}

    assert set(answers) == {"how", "cravings", "supports"}  # "use" unclear, "went_well" skipped
    assert answers["how"] == [{"valueString": "ROUGH WEEK HONESTLY"}]
    assert answers["cravings"] == [{"valueInteger": 7}]
    assert [a["valueCoding"]["code"] for a in answers["supports"]] == ["meetings", "sponsor"]
    caseys = next(r for r in checkups if study_id(r) == "P-3")
    assert (averys["status"], caseys["status"]) == ("completed", "stopped")


def test_the_checkup_questionnaire_codes_are_the_assistants_own() -> None:
    items = {i.linkId: i for i in checkup_questionnaire().item or []}
    use = [
        option.valueCoding.code for option in items["use"].answerOption or [] if option.valueCoding
    ]

    assert list(SUPPORT_CODES) == list(SUPPORTS)
    assert list(USE_CODES) == [each.value for each in UseFrequency]
    assert use == list(USE_CODES)
