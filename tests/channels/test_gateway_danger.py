"""Danger from someone else, raised to an emergency mid-way ("im locked in the bathroom" after
"hes saying hell kill me"): the danger dialogue goes on, and the opening is not sent again (n27
of the sealed 2028-01 conversations, read once, replayed after crisis companion 21)."""

from __future__ import annotations

from sqlalchemy import select

from escalation.screening import screen
from store.db import Database
from store.escalation_models import Escalation
from tests.channels.test_gateway_crisis import Person, one_of, person  # noqa: F401

THREAT = "my boyfriend is drunk and threw a chair. hes saying hell kill me if i call anyone"
HIDING = "im locked in the bathroom"


def test_danger_raised_to_an_emergency_goes_on_without_opening_again(
    person: Person,  # noqa: F811
    db: Database,
) -> None:
    assert screen(HIDING).level.label == "emergency"

    opened = person.says(THREAT)
    raised = person.says(HIDING)

    assert one_of("danger.open", opened[:1])
    assert not set(opened) & set(raised)
    assert "911" in " ".join(raised)
    with db.transaction() as session:
        case = session.scalars(select(Escalation)).one()
        assert case.companion is not None
        assert (case.level, case.companion["mode"]) == ("emergency", "danger")
