"""programs: linkage tasks (a check-up showed need; a peer helps the person back to treatment)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "linkage_tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("checkup_id", sa.Integer(), sa.ForeignKey("checkups.id")),
        sa.Column("peer", sa.String(length=64)),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True)),
        sa.Column("due_by", sa.DateTime(timezone=True)),
        sa.Column("outcome", sa.String(length=24)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("closed_by", sa.String(length=64)),
        sa.Column("follow_up_event_id", sa.Integer(), sa.ForeignKey("due_events.id")),
    )
    op.create_index("ix_linkage_tasks_participant_id", "linkage_tasks", ["participant_id"])
    op.create_index("ix_linkage_tasks_status_due_by", "linkage_tasks", ["status", "due_by"])


def downgrade() -> None:
    op.drop_index("ix_linkage_tasks_status_due_by", table_name="linkage_tasks")
    op.drop_index("ix_linkage_tasks_participant_id", table_name="linkage_tasks")
    op.drop_table("linkage_tasks")
