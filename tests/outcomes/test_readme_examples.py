"""The README's report and export examples are what the code makes from the generated program
(tests/outcomes/conftest.py): each line of the report table and of the CSVs is a line of the
real output, and each FHIR resource shown is an abridgement of one in the real bundle (keys left
out, list entries left out, nothing changed or added)."""

from __future__ import annotations

import json
import re
from typing import Any

from core.settings import PROJECT_ROOT
from outcomes import exports, fhir
from outcomes.answers import responses
from outcomes.audited import DEV_PSEUDONYM_KEY
from outcomes.render import to_text
from outcomes.report import program_report
from outcomes.scope import month_scope
from store.db import Database
from tests.outcomes.conftest import NOW
from tests.outcomes.programs import TARGETS


def section_blocks() -> list[tuple[str, str]]:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Reports and exports")
    section = readme[start : readme.index("\n## ", start + 1)]
    return re.findall(r"```(\w*)\n(.*?)```", section, re.S)


def abridged(shown: Any, full: Any) -> bool:
    """Whether `shown` is `full` with keys or list entries left out, and nothing else changed."""
    if isinstance(shown, dict):
        return isinstance(full, dict) and all(
            key in full and abridged(value, full[key]) for key, value in shown.items()
        )
    if isinstance(shown, list):
        rest = iter(full) if isinstance(full, list) else iter(())
        return all(any(abridged(each, candidate) for candidate in rest) for each in shown)
    return bool(shown == full)


def test_every_example_in_the_readme_is_made_by_the_code(program: Database) -> None:
    with program.transaction() as session:
        found = responses(session)
        scope = month_scope("2026-11", NOW, site="North")
        table = to_text(program_report(session, scope, TARGETS, NOW)).splitlines()
    answers = exports.answers_csv(found).splitlines()
    deidentified = exports.deidentified_csv(found, DEV_PSEUDONYM_KEY).splitlines()
    bundle = json.loads(fhir.bundle(found, NOW).model_dump_json(exclude_none=True))
    resources = [entry["resource"] for entry in bundle["entry"]]
    outputs = {"study_id,": answers, "pseudonym,": deidentified, "Program report:": table}
    checked = 0
    for language, block in section_blocks():
        if language == "json":
            shown = json.loads(block)
            assert any(abridged(shown, each) for each in resources), block[:80]
            checked += 1
            continue
        made = next((lines for start, lines in outputs.items() if block.startswith(start)), None)
        if made is None:
            continue  # the commands to type, not an output
        for line in block.splitlines():
            assert not line or line in made, line
        checked += 1
    assert checked == 6  # the table, two CSVs, a Questionnaire, a response, an Observation
