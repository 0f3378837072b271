"""channels: opt-outs, enrolment codes, media, buttons, send lanes, delivery receipts, cursors

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participant_addresses") as table:
        table.add_column(sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("participants") as table:
        table.add_column(sa.Column("enrollment_code", sa.String(length=64), nullable=True))
        table.create_unique_constraint("uq_participants_enrollment_code", ["enrollment_code"])
    with op.batch_alter_table("messages") as table:
        table.add_column(sa.Column("media_urls", sa.JSON(), nullable=True))
        table.add_column(sa.Column("buttons", sa.JSON(), nullable=True))
    with op.batch_alter_table("outbox") as table:
        table.add_column(
            sa.Column("lane", sa.String(length=8), nullable=False, server_default="normal")
        )
        table.add_column(
            sa.Column("compliance", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        table.add_column(sa.Column("delivery_status", sa.String(length=24), nullable=True))
        table.add_column(sa.Column("delivery_error_code", sa.Integer(), nullable=True))
        table.add_column(
            sa.Column("delivery_updated_at", sa.DateTime(timezone=True), nullable=True)
        )
        table.create_index("ix_outbox_provider_message_id", ["provider_message_id"])
    op.create_table(
        "channel_cursors",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_channel_cursors")),
    )


def downgrade() -> None:
    op.drop_table("channel_cursors")
    with op.batch_alter_table("outbox") as table:
        table.drop_index("ix_outbox_provider_message_id")
        for column in (
            "delivery_updated_at",
            "delivery_error_code",
            "delivery_status",
            "compliance",
            "lane",
        ):
            table.drop_column(column)
    with op.batch_alter_table("messages") as table:
        table.drop_column("buttons")
        table.drop_column("media_urls")
    with op.batch_alter_table("participants") as table:
        table.drop_constraint("uq_participants_enrollment_code", type_="unique")
        table.drop_column("enrollment_code")
    with op.batch_alter_table("participant_addresses") as table:
        table.drop_column("opted_out_at")
