"""scheduler: Telegram deep links as single-use tokens with an expiry, stored only hashed;
the enrolment codes kept in the clear on participants until now are moved over, hashed

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 01:00:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    links = op.create_table(
        "telegram_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participants.id"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("token_hash", name="uq_telegram_links_token_hash"),
    )
    op.create_index("ix_telegram_links_participant_id", "telegram_links", ["participant_id"])
    _move_enrolment_codes(links)


def _move_enrolment_codes(links: sa.Table) -> None:
    """Codes issued before: still good for 30 days from now, then only hashed."""
    bind = op.get_bind()
    participants = sa.table("participants", sa.column("id"), sa.column("enrollment_code"))
    now = datetime.now(UTC)
    rows = bind.execute(
        sa.select(participants.c.id, participants.c.enrollment_code).where(
            participants.c.enrollment_code.is_not(None)
        )
    ).all()
    if rows:
        op.bulk_insert(
            links,
            [
                {
                    "participant_id": pid,
                    "token_hash": hashlib.sha256(code.encode()).hexdigest(),
                    "created_at": now,
                    "expires_at": now + timedelta(days=30),
                    "used_at": None,
                }
                for pid, code in rows
            ],
        )
        bind.execute(sa.update(participants).values(enrollment_code=None))


def downgrade() -> None:
    # The codes cannot be recovered from their hashes: links issued since stop working.
    op.drop_index("ix_telegram_links_participant_id", table_name="telegram_links")
    op.drop_table("telegram_links")
