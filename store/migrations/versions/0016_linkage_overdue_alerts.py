"""escalation: a peer alert may be about an overdue linkage task instead of an escalation
(exactly one of the two), and a linkage task is alerted about once

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_SUBJECT = "(escalation_id IS NULL) <> (linkage_task_id IS NULL)"
LINKAGE_ALERT = sa.text("linkage_task_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("linkage_tasks") as batch_op:
        # Set by the pass that claims the task for its one overdue alert (a conditional update).
        batch_op.add_column(sa.Column("overdue_alerted_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("peer_alerts") as batch_op:
        batch_op.alter_column("escalation_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("linkage_task_id", sa.Integer()))
        batch_op.create_foreign_key(
            op.f("fk_peer_alerts_linkage_task_id_linkage_tasks"),
            "linkage_tasks",
            ["linkage_task_id"],
            ["id"],
        )
        batch_op.create_check_constraint(op.f("ck_peer_alerts_one_subject"), ONE_SUBJECT)
    op.create_index(
        "uq_peer_alerts_linkage_task_once",
        "peer_alerts",
        ["linkage_task_id", "recipient"],
        unique=True,
        sqlite_where=LINKAGE_ALERT,
        postgresql_where=LINKAGE_ALERT,
    )


def downgrade() -> None:
    op.execute("DELETE FROM peer_alerts WHERE linkage_task_id IS NOT NULL")
    op.drop_index("uq_peer_alerts_linkage_task_once", table_name="peer_alerts")
    with op.batch_alter_table("peer_alerts") as batch_op:
        batch_op.drop_constraint(op.f("ck_peer_alerts_one_subject"), type_="check")
        batch_op.drop_constraint(
            op.f("fk_peer_alerts_linkage_task_id_linkage_tasks"), type_="foreignkey"
        )
        batch_op.drop_column("linkage_task_id")
        batch_op.alter_column("escalation_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("linkage_tasks") as batch_op:
        batch_op.drop_column("overdue_alerted_at")
