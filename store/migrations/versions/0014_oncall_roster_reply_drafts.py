"""console: the on-call roster kept in the console (seeded from the setting); a peer's unsent
reply draft per case, kept across an idle log-off; audit rows name console staff one way
("peer:NAME", as casework and message authors always did), old "user:NAME" rows rewritten

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 00:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "oncall_roster",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("supervisor", sa.Boolean(), nullable=False),
        sa.Column("telegram_chat_id", sa.BigInteger()),
        sa.Column("phone", sa.String(length=16)),
        sa.Column("sim", sa.String(length=64)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", name="uq_oncall_roster_name"),
    )
    op.create_table(
        "reply_drafts",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("escalation_id", sa.Integer(), sa.ForeignKey("escalations.id"), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute("UPDATE audit_log SET actor = 'peer:' || substr(actor, 6) WHERE actor LIKE 'user:%'")


def downgrade() -> None:
    # The actors stay "peer:NAME": which rows once said "user:" is not kept, and both name
    # the same person.
    op.drop_table("reply_drafts")
    op.drop_table("oncall_roster")
