"""Quick replies come from a YAML file a program edits (a malformed one stops the start and
says where); the escalation page shows the person's safety plan, in the plan's order, to the
peers working the case and not to program staff."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from console.quick_replies import QuickReplyError, load
from core.clock import utcnow
from store import safety_plans
from store.db import Database
from tests.console.peers import open_escalation
from tests.console.staff import Account, sign_in


def test_the_shipped_quick_replies_load_and_name_the_peer() -> None:
    replies = load()

    assert replies[0].label == "Introduce yourself"
    assert replies[0].for_peer("Ana").startswith("Hi, this is Ana.")


@pytest.mark.parametrize(
    "written",
    [
        "- label: no text\n",
        "- label: ''\n  text: hello\n",
        "- [unclosed\n",
        "- label: a\n  text: b\n  send: yes\n",
    ],
)
def test_a_malformed_quick_replies_file_is_refused_naming_the_file(
    tmp_path: Path, written: str
) -> None:
    path = tmp_path / "quick_replies.yml"
    path.write_text(written)

    with pytest.raises(QuickReplyError, match=r"quick_replies\.yml"):
        load(path)


def test_an_empty_quick_replies_file_means_none(tmp_path: Path) -> None:
    path = tmp_path / "quick_replies.yml"
    path.write_text("# none yet\n")

    assert load(path) == []


def add_plan(db: Database, person: int) -> None:
    with db.transaction() as session:
        for section, text in [
            ("reasons-for-living", "my daughter"),
            ("warning-signs", "when I stop sleeping"),
            ("coping", "a long walk"),
        ]:
            safety_plans.add_line(session, person, section, text, 1, utcnow())


def test_a_peer_sees_the_safety_plan_in_the_plans_order_on_the_escalation_page(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, person = open_escalation(client, db)
    add_plan(db, person)
    sign_in(client, accounts["Ana"])

    page = client.get(f"/console/escalations/{escalation_id}").text

    order = [page.index(t) for t in ("when I stop sleeping", "a long walk", "my daughter")]
    assert order == sorted(order)
    assert "<dt>Reasons for living</dt>" in page


def test_program_staff_do_not_see_the_safety_plan(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, person = open_escalation(client, db)
    add_plan(db, person)
    sign_in(client, accounts["Pat"])

    page = client.get(f"/console/escalations/{escalation_id}").text

    assert "my daughter" not in page
