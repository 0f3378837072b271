"""Migrations: they run both ways on both backends, and they build exactly what the models say."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from store.db import Database, create_db_engine
from store.migrate import downgrade, upgrade
from store.schema import metadata

APP_TABLES = {
    "participants",
    "participant_addresses",
    "messages",
    "outbox",
    "audit_log",
    "escalations",
    "peer_alerts",
    "channel_cursors",
    "barc10_checkins",
    "barc10_answers",
    "checkups",
    "checkup_answers",
    "ruler_ratings",
    "safety_plan_entries",
    "screening_feedback",
    "users",
    "console_sessions",
    "enrollments",
    "due_events",
    "linkage_tasks",
    "case_notes",
    "oncall_roster",
    "reply_drafts",
    "telegram_links",
}


def table_names(url: str) -> set[str]:
    engine = create_db_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_creates_exactly_the_app_tables(db: Database) -> None:
    assert table_names(db.url) == APP_TABLES | {"alembic_version"}


def test_upgrade_downgrade_and_upgrade_again_leave_the_full_schema(database_url: str) -> None:
    upgrade(database_url)
    downgrade(database_url)
    after_downgrade = table_names(database_url)
    upgrade(database_url)

    assert (after_downgrade, table_names(database_url)) == (
        {"alembic_version"},
        APP_TABLES | {"alembic_version"},
    )


def test_upgrade_twice_is_a_no_op(database_url: str) -> None:
    upgrade(database_url)
    upgrade(database_url)

    assert table_names(database_url) == APP_TABLES | {"alembic_version"}


def test_models_match_the_migrated_schema(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)

    assert differences == []
