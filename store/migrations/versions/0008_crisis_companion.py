"""crisis companion and peer loop: the companion's dialogue state and the message alert
throttle on each escalation, its outcome kind; the person's language and last hand-back;
safety plans; peers' screening feedback

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 14:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("escalations") as table:
        table.add_column(sa.Column("outcome_kind", sa.String(length=24)))
        table.add_column(sa.Column("companion", sa.JSON()))
        table.add_column(sa.Column("message_alerted_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("participants") as table:
        table.add_column(sa.Column("language", sa.String(length=8)))
        table.add_column(sa.Column("handed_back_by", sa.String(length=64)))
        table.add_column(sa.Column("handed_back_at", sa.DateTime(timezone=True)))
    op.create_table(
        "safety_plan_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("message_id", sa.Integer(), sa.ForeignKey("messages.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_safety_plan_entries_participant_id", "safety_plan_entries", ["participant_id"]
    )
    op.create_table(
        "screening_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message_id", sa.Integer(), sa.ForeignKey("messages.id"), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("screened_level", sa.String(length=16)),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("escalation_id", sa.Integer(), sa.ForeignKey("escalations.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_screening_feedback_message_id", "screening_feedback", ["message_id"])


def downgrade() -> None:
    op.drop_index("ix_screening_feedback_message_id", table_name="screening_feedback")
    op.drop_table("screening_feedback")
    op.drop_index("ix_safety_plan_entries_participant_id", table_name="safety_plan_entries")
    op.drop_table("safety_plan_entries")
    with op.batch_alter_table("participants") as table:
        table.drop_column("handed_back_at")
        table.drop_column("handed_back_by")
        table.drop_column("language")
    with op.batch_alter_table("escalations") as table:
        table.drop_column("message_alerted_at")
        table.drop_column("companion")
        table.drop_column("outcome_kind")
