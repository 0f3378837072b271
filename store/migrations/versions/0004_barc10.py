"""barc10: BARC-10 check-ins and their per-item answers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "barc10_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("strengths_signal", sa.Boolean(), nullable=True),
        sa.CheckConstraint("total BETWEEN 10 AND 60", name=op.f("ck_barc10_checkins_total_range")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_barc10_checkins_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barc10_checkins")),
    )
    op.create_index(
        op.f("ix_barc10_checkins_participant_id"), "barc10_checkins", ["participant_id"]
    )
    op.create_table(
        "barc10_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("item BETWEEN 1 AND 10", name=op.f("ck_barc10_answers_item_range")),
        sa.CheckConstraint("score BETWEEN 1 AND 6", name=op.f("ck_barc10_answers_score_range")),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["barc10_checkins.id"],
            name=op.f("fk_barc10_answers_checkin_id_barc10_checkins"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barc10_answers")),
        sa.UniqueConstraint("checkin_id", "item", name="uq_barc10_answers_checkin_item"),
    )


def downgrade() -> None:
    op.drop_table("barc10_answers")
    op.drop_index(op.f("ix_barc10_checkins_participant_id"), table_name="barc10_checkins")
    op.drop_table("barc10_checkins")
