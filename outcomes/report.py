"""The program report: who was reached, who answered, how recovery capital changed, how fast
peers answered a crisis, and who stopped, for a month (or everything so far), a site and a plan.

Pure queries returning dataclasses (outcomes/reach.py, recovery.py, crisis.py, linkage.py),
gathered here; outcomes/render.py turns the result into a text table or CSV.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from core.settings import Settings
from outcomes.crisis import LevelFigures, by_level, escalations_in, opt_outs, outcomes_of
from outcomes.linkage import Linkage, linkage_figures
from outcomes.reach import (
    Checkups,
    EarlyResponse,
    Enrollments,
    checkup_figures,
    early_response,
    enrollment_figures,
)
from outcomes.recovery import Barc10Change, barc10_change
from outcomes.scope import Scope


@dataclass(frozen=True)
class ProgramReport:
    scope: Scope
    generated_at: datetime
    enrollments: Enrollments
    checkups: Checkups
    early_response: EarlyResponse
    barc10: Barc10Change
    escalations: list[LevelFigures]
    outcomes: dict[str, int]  # how the period's escalations ended
    opt_outs: int
    linkage: Linkage


def targets_of(settings: Settings) -> dict[str, float]:
    """Each level's response target in minutes, as the escalations are paged with."""
    return {
        "emergency": settings.target_emergency_minutes,
        "crisis": settings.target_crisis_minutes,
        "concern": settings.target_concern_minutes,
    }


def program_report(
    session: Session, scope: Scope, targets: Mapping[str, float], now: datetime
) -> ProgramReport:
    escalations = escalations_in(session, scope)
    return ProgramReport(
        scope=scope,
        generated_at=now,
        enrollments=enrollment_figures(session, scope),
        checkups=checkup_figures(session, scope),
        early_response=early_response(session, scope, now),
        barc10=barc10_change(session, scope),
        escalations=by_level(escalations, targets, now),
        outcomes=outcomes_of(escalations),
        opt_outs=opt_outs(session, scope),
        linkage=linkage_figures(session, scope),
    )
