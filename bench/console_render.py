"""Server time of the console's busiest pages over a large database: the queue and an
escalation page, with 10,000 escalations and 100,000 messages stored (made up here, never
real), on SQLite or PostgreSQL.

    uv run python -m bench.console_render [--requests 60] [--open 100]
    uv run python -m bench.console_render --postgres postgresql://postgres@127.0.0.1:5432/test

Each page is requested through the app in-process (no network between client and server),
signed in as a peer, after a few warm-up requests; median and p95 are printed in ms, with the
process's CPU time per request (what the load of a shared machine moves least). With
--postgres a database of its own is created on that server, and dropped afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.console_data import PASSWORD, PEER, fill
from core.settings import load_settings
from store.db import Database
from store.migrate import upgrade
from warmline.app import create_app

PAGES = {"queue": "/console/", "escalation": "/console/escalations/{open_case}"}


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    name = f"warmline_bench_{uuid.uuid4().hex[:10]}"
    admin_url = make_url(admin_url).set(drivername="postgresql+psycopg").render_as_string(False)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def timed(client: TestClient, path: str, requests: int) -> tuple[list[float], list[float]]:
    """Wall-clock ms per request, and this process's CPU ms per request (the app runs in it):
    on a shared machine the first moves with the load, the second much less."""
    for _ in range(3):  # warm-up: templates compiled, connections opened
        client.get(path)
    took, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        answer = client.get(path)
        took.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert answer.status_code == 200, answer.status_code
    return took, cpu


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(int(0.95 * len(ordered)), len(ordered) - 1)]


def measure(url: str, data_dir: Path, args: argparse.Namespace) -> list[str]:
    upgrade(url)
    db = Database(url)
    started = time.perf_counter()
    open_case = fill(db, escalations=args.escalations, messages=args.messages, unresolved=args.open)
    lines = [f"filled in {time.perf_counter() - started:.0f} s; one open case is #{open_case}"]
    db.dispose()
    settings = load_settings(data_dir=data_dir, database_url=url, log_level="WARNING")
    with TestClient(create_app(settings)) as client:
        signed = client.post("/console/login", data={"name": PEER, "password": PASSWORD,
                                                     "csrf": _login_csrf(client)})  # fmt: skip
        assert signed.status_code == 200, signed.status_code
        for page, path in PAGES.items():
            took, cpu = timed(client, path.format(open_case=open_case), args.requests)
            lines.append(
                f"{page:<11} median {statistics.median(took):6.1f} ms   p95 {p95(took):6.1f} ms"
                f"   CPU median {statistics.median(cpu):5.1f} ms   ({args.requests} requests)"
            )
    return lines


def _login_csrf(client: TestClient) -> str:
    client.get("/console/login")
    return str(client.cookies.get("warmline_login_csrf"))


def run(args: argparse.Namespace) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            with postgres_database(args.postgres) as url:
                lines = measure(url, Path(tmp), args)
        else:
            lines = measure(f"sqlite:///{Path(tmp) / 'bench.db'}", Path(tmp), args)
    backend = "postgresql" if args.postgres else "sqlite"
    head = (
        f"console render, {backend}: {args.escalations} escalations ({args.open} unresolved), "
        f"{args.messages} messages"
    )
    return "\n".join([head, *lines])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--escalations", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=100, help="escalations left unresolved")
    parser.add_argument("--postgres", default="", help="a server's URL: bench in a new database")
    print(run(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
