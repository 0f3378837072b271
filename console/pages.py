"""The console's pages, mounted on the app in one call."""

from __future__ import annotations

from fastapi import FastAPI

from console import (
    admin_pages,
    case_pages,
    draft_pages,
    enrollment_pages,
    linkage_pages,
    login_pages,
    participant_pages,
    queue_pages,
    quick_replies,
    report_pages,
    roster_pages,
    supervisor_pages,
    web,
)


def install(app: FastAPI) -> None:
    app.state.quick_replies = quick_replies.load()
    app.add_exception_handler(web.SignInRequired, web.to_sign_in)
    for router in (
        login_pages.router,
        queue_pages.router,
        case_pages.router,
        draft_pages.router,
        participant_pages.router,
        supervisor_pages.router,
        admin_pages.router,
        enrollment_pages.router,
        linkage_pages.router,
        roster_pages.router,
        report_pages.router,
    ):
        app.include_router(router)
