"""Assembles the app: database, engine client, channels, gateway, background worker, routes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from functools import partial

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy import text

from channels.alerts import alert_dispatcher
from channels.base import Channel, Wiring
from channels.checkups import CheckupScheduler
from channels.engine import EngineClient
from channels.gateway import Gateway
from channels.outbox import OutboxDispatcher
from channels.workers import Pass, run_background, run_sender
from checkins.dispatch import Dispatcher
from checkins.invitations import Invitations
from checkins.telegram_start import TelegramStarts
from console.api import router as peer_api
from console.pages import install as install_console
from core.clock import utcnow
from core.logging import configure_logging
from core.settings import Settings, SettingsError, get_settings
from escalation import linkage_alerts, service
from escalation.screening import default_screener, screen
from escalation.service import EscalationPolicy
from store.db import Database
from store.migrate import pending_migrations
from store.models import OutboxItem
from warmline.assembly import (
    CHANNELS,
    ChannelFactory,
    build_channels,
    escalation_policy,
    program,
    scheduled_starter,
)
from warmline.faults import ServerFaults, refuse_invalid_request
from warmline.limits import BodySizeLimit

# Headroom over the longest text we accept, for JSON quoting and the other fields.
MAX_BODY_BYTES = 64 * 1024


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if pending_migrations(settings.app_database_url):
        raise SettingsError("the app database is not migrated: run `warmline migrate` first")
    # Build the screener now (about 2 s, mostly spaCy) so the first person to text does not wait.
    await asyncio.to_thread(default_screener)
    db = Database(settings.app_database_url)
    engine = EngineClient(
        settings.engine_url, settings.engine_timeout_seconds, token=settings.engine_token_value
    )
    channels: dict[str, Channel] = app.state.channels
    policy = escalation_policy(settings)
    # A provider's "this person stopped" (21610, a blocked bot) also tells the peer with the case.
    opted_out = partial(service.address_opted_out, policy=policy)
    outbox = OutboxDispatcher(db, channels, settings.outbox_max_attempts, opted_out=opted_out)
    alerts = alert_dispatcher(db, channels, settings.outbox_max_attempts)
    app.state.db = db
    app.state.policy = policy
    app.state.outbox = outbox
    invitations = Invitations(settings.program_name)
    app.state.gateway = Gateway(
        db=db,
        engine=engine,
        screener=screen,
        channels=channels,
        outbox=outbox,
        engine_retry=timedelta(seconds=settings.engine_retry_seconds),
        policy=policy,
        program=program(settings),
        invitations=invitations,
    )
    checkups = CheckupScheduler(db=db, engine=engine, channels=channels, outbox=outbox)
    start = scheduled_starter(engine, channels)
    scheduled = Dispatcher(db, start, settings.program_name)
    passes: list[Pass] = [
        app.state.gateway.retry_due,
        checkups.offer_due,
        partial(_invite, db, invitations),
        scheduled.dispatch_due,
    ]
    # Peer alerts run in their own loop: a paced outbox pass can take half a minute, and an
    # alert about a crisis must not wait for it.
    alert_passes: list[Pass] = [
        partial(asyncio.to_thread, _remind_overdue, db, policy),
        partial(asyncio.to_thread, _alert_overdue_linkage, db, policy),
        alerts.dispatch,
    ]
    wiring = Wiring(
        gateway=app.state.gateway,
        db=db,
        opted_out=opted_out,
        starts=TelegramStarts(settings.program_name),
    )
    for channel in channels.values():  # pollers, webhook registrations
        await channel.start(wiring)
    stop = asyncio.Event()
    poll = settings.outbox_poll_seconds
    workers = [
        asyncio.create_task(run_background(passes, poll, stop)),
        asyncio.create_task(run_background(alert_passes, poll, stop)),
        # The outbox's sender in a loop of its own: a wave of check-ups goes out at the channel's
        # pace while the passes above queue the next, neither waiting on the other.
        asyncio.create_task(run_sender(outbox.dispatch, poll, stop)),
    ]
    try:
        yield
    finally:
        stop.set()
        await app.state.gateway.drain()  # answers under way finish before their channels close
        await asyncio.gather(*workers)
        await engine.aclose()
        for channel in channels.values():
            await channel.stop()
        db.dispose()


async def _invite(db: Database, invitations: Invitations) -> int:
    """Programs' invitations, reminders and expiries that are due, queued for the outbox's
    sender; returns how many were queued."""

    def step() -> list[OutboxItem]:
        with db.transaction() as session:
            return invitations.step_due(session, utcnow())

    return len(await asyncio.to_thread(step))


def create_app(
    settings: Settings | None = None, registry: Sequence[ChannelFactory] = CHANNELS
) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    dev = settings.dev
    # In production the API's shape is nobody's business but ours: no schema, no docs pages.
    app = FastAPI(
        title="Warmline",
        lifespan=lifespan,
        openapi_url="/openapi.json" if dev else None,
        docs_url="/docs" if dev else None,
        redoc_url="/redoc" if dev else None,
    )
    app.state.settings = settings
    app.add_exception_handler(RequestValidationError, refuse_invalid_request)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(ServerFaults)  # added last, so outermost: it also covers the limit
    app.include_router(peer_api)
    install_console(app)
    app.state.channels = build_channels(settings, registry)
    for channel in app.state.channels.values():
        if (routes := channel.routes()) is not None:
            app.include_router(routes)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        await asyncio.to_thread(_ping, app.state.db)
        return {"status": "ok"}

    return app


def _remind_overdue(db: Database, policy: EscalationPolicy) -> int:
    with db.transaction() as session:
        return service.remind_overdue(session, policy, utcnow())


def _alert_overdue_linkage(db: Database, policy: EscalationPolicy) -> int:
    with db.transaction() as session:
        return linkage_alerts.alert_overdue(session, policy, utcnow())


def _ping(db: Database) -> None:
    with db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
