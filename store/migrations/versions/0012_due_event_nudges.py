"""programs: one nudge per unanswered check-up (when it is due, and when it went)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 21:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("due_events") as batch:
        batch.add_column(sa.Column("nudge_due_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("nudged_at", sa.DateTime(timezone=True)))
        batch.create_index("ix_due_events_nudge_due_at", ["nudge_due_at"])


def downgrade() -> None:
    with op.batch_alter_table("due_events") as batch:
        batch.drop_index("ix_due_events_nudge_due_at")
        batch.drop_column("nudged_at")
        batch.drop_column("nudge_due_at")
