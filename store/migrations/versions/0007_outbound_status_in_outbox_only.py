"""outbound status in the outbox only: a reply's sending status lives on its outbox row; the
message row's status is for inbound messages (received, processing, answered) and empty for
replies, so the two can never disagree

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 11:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as table:
        table.alter_column("status", existing_type=sa.String(length=16), nullable=True)
    op.execute("UPDATE messages SET status = NULL WHERE direction = 'outbound'")


def downgrade() -> None:
    op.execute(
        "UPDATE messages SET status = (SELECT outbox.status FROM outbox "
        "WHERE outbox.message_id = messages.id) WHERE direction = 'outbound'"
    )
    op.execute("UPDATE messages SET status = 'pending' WHERE status IS NULL")
    with op.batch_alter_table("messages") as table:
        table.alter_column("status", existing_type=sa.String(length=16), nullable=False)
