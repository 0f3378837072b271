"""console: staff notes on an escalation; the last TOTP step each user signed in with (a code
is good once); an index for the queue's "last message from the person"

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 22:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("escalation_id", sa.Integer(), sa.ForeignKey("escalations.id"), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_case_notes_escalation_id", "case_notes", ["escalation_id"])
    with op.batch_alter_table("users") as table:
        table.add_column(sa.Column("totp_last_step", sa.BigInteger()))
    op.create_index(
        "ix_messages_participant_direction_created",
        "messages",
        ["participant_id", "direction", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_messages_participant_direction_created", table_name="messages")
    with op.batch_alter_table("users") as table:
        table.drop_column("totp_last_step")
    op.drop_index("ix_case_notes_escalation_id", table_name="case_notes")
    op.drop_table("case_notes")
