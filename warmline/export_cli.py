"""`warmline export {answers,answers-deidentified,fhir} --out FILE [--reason TEXT]`: a program's
answers for evaluators (long-format CSV), de-identified, or as a FHIR R4B Bundle.

Identified exports need a reason; every export is an audit row naming who (the operating-system
user), what and why, committed with the export: a file that could not be written leaves no row,
and no row means no file. The file is made readable by its owner alone.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TextIO

from core.clock import utcnow
from core.settings import Settings
from outcomes.audited import ExportKind, ExportRefused, ExportRequest, make_export, pseudonym_key
from store.db import Database
from store.migrate import upgrade


class ExportError(Exception):
    """The export was refused or could not be written: nothing was exported."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export", help="answers as long-format CSV, de-identified CSV, or a FHIR bundle"
    )
    export.add_argument("kind", choices=[kind.value for kind in ExportKind])
    export.add_argument("--out", type=Path, required=True, help="the file to write (made 0600)")
    export.add_argument("--reason", help="why (required for answers and fhir: identified data)")
    export.add_argument("--force", action="store_true", help="overwrite --out if it exists")


def actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no user name in this environment: still say it was the CLI
        return "cli"


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up when called: a test or a pipe may have replaced it
    request = ExportRequest(ExportKind(args.kind), actor(), args.reason)
    if args.out.exists() and not args.force:
        raise ExportError(f"{args.out.name} exists; pass --force to overwrite it")
    try:
        deidentified = request.kind is ExportKind.ANSWERS_DEIDENTIFIED
        key = pseudonym_key(settings) if deidentified else None
        upgrade(settings.app_database_url)
        db = Database(settings.app_database_url)
        try:
            with db.transaction() as session:
                made = make_export(session, request, utcnow(), key)
                _write_private(args.out, made.content)
        finally:
            db.dispose()
    except ExportRefused as error:
        raise ExportError(str(error)) from error
    except OSError as error:
        raise ExportError(f"cannot write {args.out.name}: {error.strerror}") from error
    print(
        f"{args.kind}: {made.responses} responses of {made.people} people -> {args.out}", file=out
    )
    return 0


def _write_private(path: Path, content: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its mode on open: set it
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
        file.write(content)
