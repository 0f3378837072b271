"""Enrollment pages for program staff (and admins): enroll one person, upload a program's CSV
(checked first, each bad row named, nothing imported from a file with a bad row unless staff
chooses to import the good rows), and change a person's discharge date or plan."""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from checkins.enroll import Enrolled, Result
from checkins.enrollment_csv import Rules
from checkins.plans import Plan, load_plans
from console import consent_state, enrollment, web
from console.consent_state import LinkRefused
from console.enrollment import ChangeRefused, EnrolledPerson, Upload
from core.clock import utcnow
from core.inputs import RowId, unstorable
from store import audit, roster
from store.console_models import Role

router = APIRouter(prefix="/console/enroll", dependencies=[Depends(web.note_client)])
STAFF = (Role.PROGRAM_STAFF, Role.ADMIN)
# What the person form sends, by the CSV's column names: one set of rules for both.
PERSON_FIELDS = (
    "external_id", "display_name", "discharge_date", "timezone", "contact_window", "phone",
    "plan", "site", "peer", "language",
)  # fmt: skip
Text = Annotated[str, Form(max_length=200)]
# warmline/app.py refuses a request over 64 KiB; the form, its token and its zone fit beside this.
MAX_FILE_BYTES = 60 * 1024


@cache
def zones() -> list[str]:
    return sorted(available_timezones())


def _actor(who: web.Viewer) -> str:
    return f"peer:{who.user.name}"


def _peers(request: Request) -> list[str]:
    """Who can be assigned: the console's roster as admins keep it, not the setting that seeded
    it (a peer taken off the roster gets no new people)."""
    with web.db_of(request).transaction() as session:
        return roster.assignable(session, web.settings_of(request).roster, utcnow())


async def _rules(request: Request, plans: dict[str, Plan], zone: str | None) -> Rules:
    peers = await asyncio.to_thread(_peers, request)
    return enrollment.rules(list(plans), peers, utcnow().date(), zone)


def _people(request: Request, viewer: str) -> list[EnrolledPerson]:
    with web.db_of(request).transaction() as session:
        # The list names people and their discharge dates: a view of their data, audited.
        audit.record(session, f"peer:{viewer}", "viewed-enrollments")
        return enrollment.enrolled_people(session, utcnow())


async def _page(request: Request, who: web.Viewer, status: int = 200, **context: Any) -> Response:
    plans = load_plans()
    people = await asyncio.to_thread(_people, request, who.user.name)
    settings = web.settings_of(request)
    defaults = {"timezone": settings.program_timezone, "contact_window": "09:00-20:00"}
    return web.page(
        request, "enroll.html", status, who=who, people=people, plans=sorted(plans),
        peers=await asyncio.to_thread(_peers, request), zones=zones(),
        program_zone=settings.program_timezone, max_file_bytes=MAX_FILE_BYTES,
        values={**defaults, **context.pop("values", {})}, **context,
    )  # fmt: skip


@router.get("")
async def enroll_page(request: Request, who: web.Viewer) -> Response:
    web.require(who, STAFF)
    return await _page(request, who)


@router.post("/person")
async def enroll_person(request: Request, who: web.Poster) -> Response:
    web.require(who, STAFF)
    form = await request.form()
    values = {name: str(form.get(name, ""))[:200] for name in PERSON_FIELDS}
    values["telegram"] = "yes" if form.get("telegram") else "no"
    if any(unstorable(value) for value in values.values()):
        raise HTTPException(422, "a field holds a character that cannot be stored")
    plans = load_plans()
    checking = await _rules(request, plans, values["timezone"] or None)

    def run() -> tuple[Enrolled | None, list[str]]:
        with web.db_of(request).transaction() as session:
            return enrollment.enroll_person(session, values, checking, plans, _actor(who), utcnow())

    done, problems = await asyncio.to_thread(run)
    if done is None:
        return await _page(request, who, 422, values=values, person_problems=problems)
    return await _page(
        request, who, 201 if done.result is Result.ENROLLED else 200, person_done=done
    )


async def _read_upload(file: UploadFile) -> str:
    try:
        text = (await file.read()).decode("utf-8")
    except UnicodeDecodeError as error:
        raise _NotText from error
    if unstorable(text):  # a NUL: no spreadsheet writes one, and the database refuses it
        raise _NotText
    return text


class _NotText(Exception):
    pass


NOT_TEXT = (
    "the file is not UTF-8 text: in the spreadsheet, save it as “CSV UTF-8” and upload it again"
)


async def _run_upload(
    request: Request, who: web.Viewer, text: str, zone: str, import_good: bool
) -> Response:
    plans = load_plans()
    checking = await _rules(request, plans, zone or None)

    def run() -> Upload:
        with web.db_of(request).transaction() as session:
            return enrollment.upload(
                session, text, checking, plans, _actor(who), utcnow(), import_good
            )

    done = await asyncio.to_thread(run)
    status = 422 if done.file_error or done.held_back else 200
    # The file comes back only in the form that imports its good rows: nothing else keeps it.
    keep = text if done.held_back and done.checked.rows else None
    return await _page(
        request, who, status, upload=done, upload_text=keep, upload_zone=zone,
        values={"timezone": zone} if zone else {},
    )  # fmt: skip


@router.post("/file")
async def enroll_file(
    request: Request,
    who: web.Poster,
    file: UploadFile,
    timezone: Text = "",
) -> Response:
    web.require(who, STAFF)
    try:
        text = await _read_upload(file)
    except _NotText:
        upload = Upload(file_error=NOT_TEXT)
        return await _page(request, who, 422, upload=upload)
    return await _run_upload(request, who, text, timezone.strip(), import_good=False)


@router.post("/good-rows")
async def enroll_good_rows(
    request: Request,
    who: web.Poster,
    text: Annotated[str, Form(min_length=1, max_length=70_000)],
    timezone: Text = "",
) -> Response:
    """The good rows of a file whose report was just shown, checked again as they are imported."""
    web.require(who, STAFF)
    if unstorable(text):
        raise HTTPException(422, "the file holds a character that cannot be stored")
    return await _run_upload(request, who, text, timezone.strip(), import_good=True)


def _person_or_404(request: Request, participant_id: int, viewer: str) -> EnrolledPerson:
    with web.db_of(request).transaction() as session:
        found = enrollment.enrolled_person(session, participant_id, utcnow())
        if found is None:
            raise HTTPException(404, "nobody is enrolled with that number")
        audit.record(session, f"peer:{viewer}", "viewed-enrollment", participant_id)
        return found


@router.get("/{participant_id}")
async def edit_page(
    participant_id: RowId,
    request: Request,
    who: web.Viewer,
    changed: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    web.require(who, STAFF)
    person = await asyncio.to_thread(_person_or_404, request, participant_id, who.user.name)
    return web.page(
        request, "enroll_edit.html", who=who, person=person, plans=sorted(load_plans()),
        changed=changed,
    )  # fmt: skip


@router.post("/{participant_id}")
async def change_enrollment(
    participant_id: RowId,
    request: Request,
    who: web.Poster,
    discharge_date: Annotated[str, Form(min_length=1, max_length=20)],
    plan: Annotated[str, Form(min_length=1, max_length=40)],
) -> Response:
    web.require(who, STAFF)
    person = await asyncio.to_thread(_person_or_404, request, participant_id, who.user.name)
    plans = load_plans()

    def run() -> int | None:
        with web.db_of(request).transaction() as session:
            return enrollment.change(
                session, participant_id, discharge_date, plan, plans, _actor(who), utcnow()
            )

    try:
        due = await asyncio.to_thread(run)
    except ChangeRefused as refused:
        return web.page(
            request, "enroll_edit.html", 422, who=who, person=person, plans=sorted(plans),
            error=str(refused), asked={"discharge_date": discharge_date, "plan": plan},
        )  # fmt: skip
    changed = "unchanged" if due is None else str(due)
    return RedirectResponse(f"/console/enroll/{participant_id}?changed={changed}", status_code=303)


@router.post("/{participant_id}/telegram-link")
async def new_telegram_link(participant_id: RowId, request: Request, who: web.Poster) -> Response:
    """A new deep link for someone whose link was lost or ran out: shown on this page once (it
    is stored only hashed, so it cannot be shown again); the old ones stop working."""
    web.require(who, STAFF)
    await asyncio.to_thread(_person_or_404, request, participant_id, who.user.name)

    def run() -> str:
        with web.db_of(request).transaction() as session:
            return consent_state.new_telegram_link(session, participant_id, _actor(who), utcnow())

    try:
        code = await asyncio.to_thread(run)
    except LinkRefused as refused:
        raise HTTPException(409, f"No new link: {refused}.") from refused
    person = await asyncio.to_thread(_person_or_404, request, participant_id, who.user.name)
    return web.page(
        request, "enroll_edit.html", 201, who=who, person=person, plans=sorted(load_plans()),
        new_code=code,
    )  # fmt: skip
