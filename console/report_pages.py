"""The program report page for program staff and admins: a month, a site and a plan, every figure
`warmline report` prints, charts with their tables, and the exports as downloads.

Downloads are form posts (CSRF) made through outcomes/audited.py, the path `warmline export`
takes: each one is an audit row (who, what, why, and the client address) committed with it, and
an identified export needs program staff and a typed reason.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import Response

from checkins.plans import load_plans
from console import report_charts, reports, web
from console.reports import BadChoice, ReportView
from core.clock import utcnow
from outcomes import render
from outcomes.audited import (
    IDENTIFIED,
    MAX_REASON,
    ExportKind,
    ExportRefused,
    ExportRequest,
    make_export,
    pseudonym_key,
)
from store import audit
from store.barc10 import STRENGTHS_CUTOFF
from store.console_models import Role

router = APIRouter(prefix="/console/reports", dependencies=[Depends(web.note_client)])
READERS = (Role.PROGRAM_STAFF, Role.ADMIN)
Choice = Annotated[str, Query(max_length=80)]
FILES = {
    ExportKind.ANSWERS: ("answers.csv", "text/csv; charset=utf-8"),
    ExportKind.ANSWERS_DEIDENTIFIED: ("answers-deidentified.csv", "text/csv; charset=utf-8"),
    ExportKind.FHIR: ("bundle.json", "application/fhir+json"),
}


def _actor(who: web.Viewer) -> str:
    return f"peer:{who.user.name}"


def _gather(
    request: Request, who: web.Viewer, month: str, site: str, plan: str
) -> tuple[list[str], ReportView | str]:
    """The sites to choose from, and the report, or why the choice cannot be reported on."""
    now, settings = utcnow(), web.settings_of(request)
    with web.db_of(request).transaction() as session:
        sites = reports.sites(session)
        try:
            scope = reports.scope_of(month, site, plan, (sites, list(load_plans())), now)
        except BadChoice as bad:
            return sites, str(bad)
        # Counts only, no person's data; audited as every console action is.
        audit.record(session, _actor(who), "viewed-report", scope=scope.label)
        return sites, reports.report_view(session, scope, settings, now)


@router.get("")
async def report_page(
    request: Request, who: web.Viewer, month: Choice = "", site: Choice = "", plan: Choice = ""
) -> Response:
    web.require(who, READERS)
    month = month or utcnow().strftime("%Y-%m")
    sites, found = await asyncio.to_thread(_gather, request, who, month, site, plan)
    context: dict[str, Any] = {
        "who": who, "month": month, "site": site, "plan": plan, "sites": sites,
        "plans": list(load_plans()), "max_reason": MAX_REASON, "strengths": STRENGTHS_CUTOFF,
        "may_identify": who.user.role == Role.PROGRAM_STAFF, "shown": render.shown,
    }  # fmt: skip
    if isinstance(found, str):
        return web.page(request, "report.html", status_code=400, error=found, **context)
    return web.page(
        request, "report.html", view=found,
        trend=report_charts.trend_chart(found.trend),
        histogram=report_charts.histogram(found.report.barc10.changes), **context,
    )  # fmt: skip


@router.post("/export")
async def export(
    request: Request,
    who: web.Poster,
    kind: Annotated[ExportKind, Form()],
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    web.require(who, READERS)
    if kind in IDENTIFIED and who.user.role != Role.PROGRAM_STAFF:
        raise HTTPException(403, "identified exports are for program staff")
    export_request = ExportRequest(kind, _actor(who), reason, role=str(who.user.role))
    settings = web.settings_of(request)

    def run() -> str:
        key = pseudonym_key(settings) if kind is ExportKind.ANSWERS_DEIDENTIFIED else None
        with web.db_of(request).transaction() as session:
            return make_export(session, export_request, utcnow(), key).content

    try:
        content = await asyncio.to_thread(run)
    except ExportRefused as refused:
        raise HTTPException(400, str(refused)) from refused
    name, media = FILES[kind]
    headers = web.PRIVATE_HEADERS | {
        "Content-Disposition": f'attachment; filename="warmline-{utcnow():%Y-%m-%d}-{name}"'
    }
    return Response(content, media_type=media, headers=headers)
