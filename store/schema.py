"""Every table the app owns in one metadata: what Alembic compares the migrations against."""

from __future__ import annotations

from store import escalation_models, models

metadata = models.Base.metadata

__all__ = ["escalation_models", "metadata", "models"]
