"""checkups: recovery check-ups and their answers, ruler ratings, the stage of change

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _participant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["participant_id"],
        ["participants.id"],
        name=op.f(f"fk_{table}_participant_id_participants"),
    )


def upgrade() -> None:
    op.create_table(
        "checkups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ask_again_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("needs_linkage", sa.Boolean(), nullable=True),
        sa.Column("peer_requested_at", sa.DateTime(timezone=True), nullable=True),
        _participant_fk("checkups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkups")),
    )
    op.create_index(op.f("ix_checkups_participant_id"), "checkups", ["participant_id"])
    op.create_table(
        "checkup_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkup_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["checkup_id"], ["checkups.id"], name=op.f("fk_checkup_answers_checkup_id_checkups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkup_answers")),
        sa.UniqueConstraint("checkup_id", "question", name="uq_checkup_answers_checkup_question"),
    )
    op.create_index(op.f("ix_checkup_answers_checkup_id"), "checkup_answers", ["checkup_id"])
    op.create_table(
        "ruler_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("ruler", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("stage_of_change", sa.String(length=24), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name=op.f("ck_ruler_ratings_score_range")),
        _participant_fk("ruler_ratings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ruler_ratings")),
    )
    op.create_index(op.f("ix_ruler_ratings_participant_id"), "ruler_ratings", ["participant_id"])
    with op.batch_alter_table("participants") as table:
        table.add_column(sa.Column("stage_of_change", sa.String(length=24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as table:
        table.drop_column("stage_of_change")
    op.drop_index(op.f("ix_ruler_ratings_participant_id"), table_name="ruler_ratings")
    op.drop_table("ruler_ratings")
    op.drop_index(op.f("ix_checkup_answers_checkup_id"), table_name="checkup_answers")
    op.drop_table("checkup_answers")
    op.drop_index(op.f("ix_checkups_participant_id"), table_name="checkups")
    op.drop_table("checkups")
