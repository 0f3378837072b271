"""programs: enrollments (discharge date, zone, contact window, plan, site, peer, consent) and
the plan's due events per participant; invitations and consent

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enrollments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("discharge_date", sa.Date(), nullable=False),
        sa.Column("plan", sa.String(length=40), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("window_start", sa.Time(), nullable=False),
        sa.Column("window_end", sa.Time(), nullable=False),
        sa.Column("site", sa.String(length=80)),
        sa.Column("peer", sa.String(length=64)),
        sa.Column("consent", sa.String(length=16), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True)),
        sa.Column("consent_wording", sa.String(length=40)),
        sa.Column("invited_at", sa.DateTime(timezone=True)),
        sa.Column("invitations_sent", sa.Integer(), nullable=False),
        sa.Column("enrolled_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("participant_id", name="uq_enrollments_participant_id"),
        sa.UniqueConstraint("external_id", name="uq_enrollments_external_id"),
    )
    op.create_table(
        "due_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("expires_after_seconds", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint(
            "participant_id", "kind", "day", name="uq_due_events_participant_kind_day"
        ),
    )
    op.create_index("ix_due_events_participant_id", "due_events", ["participant_id"])
    op.create_index("ix_due_events_due_on", "due_events", ["due_on"])
    op.create_index("ix_due_events_status", "due_events", ["status"])


def downgrade() -> None:
    op.drop_index("ix_due_events_status", table_name="due_events")
    op.drop_index("ix_due_events_due_on", table_name="due_events")
    op.drop_index("ix_due_events_participant_id", table_name="due_events")
    op.drop_table("due_events")
    op.drop_table("enrollments")
