"""Every table the app owns in one metadata: what Alembic compares the migrations against."""

from __future__ import annotations

from store import (
    barc10_models,
    checkup_models,
    console_models,
    enrollment_models,
    escalation_models,
    linkage_models,
    models,
    roster_models,
    telegram_links,
)

metadata = models.Base.metadata

__all__ = [
    "barc10_models",
    "checkup_models",
    "console_models",
    "enrollment_models",
    "escalation_models",
    "linkage_models",
    "metadata",
    "models",
    "roster_models",
    "telegram_links",
]
