"""checkup reminders: when the scheduler claimed and sent a check-up put off with "not now"

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkups") as table:
        table.add_column(sa.Column("reminder_claimed_at", sa.DateTime(timezone=True)))
        table.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True)))
        table.add_column(sa.Column("reminder_outcome", sa.String(length=24)))
    op.create_index("ix_checkups_ask_again_at", "checkups", ["ask_again_at"])


def downgrade() -> None:
    op.drop_index("ix_checkups_ask_again_at", table_name="checkups")
    with op.batch_alter_table("checkups") as table:
        table.drop_column("reminder_outcome")
        table.drop_column("reminded_at")
        table.drop_column("reminder_claimed_at")
