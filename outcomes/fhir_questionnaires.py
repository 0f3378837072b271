"""The two Questionnaires Warmline defines under its own canonical URL (FHIR R4B, the
R4-compatible release of fhir.resources): the BARC-10 (it has no LOINC code or published FHIR
Questionnaire) and the recovery check-up.

BARC-10 answers carry their score as the ordinalValue extension on each answerOption's coding,
as R4 and R4B define it (R5 moved scores to a core element): 1 strongly disagree .. 6 strongly
agree. The canonical base names the definitions; it is not a server anyone has to run.
"""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire

from outcomes.instruments import (
    CHECKUP_QUESTIONS,
    SCALE,
    SUPPORT_CODES,
    USE_CODES,
    barc10_items,
    checkup_wordings,
)

CANONICAL = "https://warmline.example.org/fhir"
VERSION = "1.0.0"
BARC10_URL = f"{CANONICAL}/Questionnaire/barc-10"
CHECKUP_URL = f"{CANONICAL}/Questionnaire/recovery-checkup"
AGREEMENT = f"{CANONICAL}/CodeSystem/barc-10-agreement"
USE_FREQUENCY = f"{CANONICAL}/CodeSystem/use-frequency"
SUPPORT_KIND = f"{CANONICAL}/CodeSystem/support-kind"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
_MIN, _MAX = (f"http://hl7.org/fhir/StructureDefinition/{e}" for e in ("minValue", "maxValue"))
USE_DISPLAY = {
    "none": "No use",
    "less_than_weekly": "Less than weekly",
    "weekly_or_more": "Weekly or more",
    "unknown": "Used, how often not said",
}
SUPPORT_DISPLAY = {code: code.capitalize() for code in SUPPORT_CODES}
BARC10_DESCRIPTION = (
    "Brief Assessment of Recovery Capital (Vilsaint et al., 2017, Drug and Alcohol Dependence "
    "177:71-76): ten statements rated 1 (strongly disagree) to 6 (strongly agree), total 10-60, "
    "no reverse-scored items. A skipped item is left unanswered, never filled in."
)


def agreement(score: int) -> dict[str, Any]:
    return {"system": AGREEMENT, "code": str(score), "display": SCALE[score - 1]}


def use_coding(code: str) -> dict[str, Any]:
    return {"system": USE_FREQUENCY, "code": code, "display": USE_DISPLAY[code]}


def support_coding(code: str) -> dict[str, Any]:
    return {"system": SUPPORT_KIND, "code": code, "display": SUPPORT_DISPLAY[code]}


def _scored(score: int) -> dict[str, Any]:
    ordinal = {"url": ORDINAL_VALUE, "valueDecimal": score}
    return {"valueCoding": {**agreement(score), "extension": [ordinal]}}


def _header(url: str, name: str, title: str, description: str) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": url.rsplit("/", 1)[1],
        "url": url,
        "version": VERSION,
        "name": name,
        "title": title,
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "Warmline",
        "description": description,
    }


def barc10_questionnaire() -> Questionnaire:
    items = [
        {
            "linkId": str(number),
            "text": text,
            "type": "choice",
            "required": False,
            "answerOption": [_scored(score) for score in range(1, len(SCALE) + 1)],
        }
        for number, text in enumerate(barc10_items(), 1)
    ]
    header = _header(BARC10_URL, "BARC10", "BARC-10", BARC10_DESCRIPTION)
    return Questionnaire.model_validate({**header, "item": items})


def _checkup_item(question: str, text: str) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": question, "text": text, "required": False}
    if question == "cravings":
        bounds = [{"url": _MIN, "valueInteger": 0}, {"url": _MAX, "valueInteger": 10}]
        return {**item, "type": "integer", "extension": bounds}
    if question in ("use", "use_often"):
        codes = USE_CODES if question == "use" else USE_CODES[1:]
        return {**item, "type": "choice", "answerOption": [
            {"valueCoding": use_coding(code)} for code in codes
        ]}  # fmt: skip
    if question == "supports":
        options = [{"valueCoding": support_coding(code)} for code in SUPPORT_CODES]
        return {**item, "type": "open-choice", "repeats": True, "answerOption": options}
    return {**item, "type": "text"}


def checkup_questionnaire() -> Questionnaire:
    wordings = checkup_wordings()
    header = _header(
        CHECKUP_URL,
        "RecoveryCheckup",
        "Recovery check-up",
        "A recovery check-up by text (after Recovery Management Checkups, Dennis, Scott and "
        "Funk, 2003). Each question is shown in its first wording; the assistant varies it.",
    )
    items = [_checkup_item(q, wordings[q]) for q in CHECKUP_QUESTIONS]
    return Questionnaire.model_validate({**header, "item": items})
