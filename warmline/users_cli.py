"""`warmline users add NAME --role ROLE`: a console account. The password is asked for
without echo (or read from stdin); the TOTP link and the backup codes are printed once."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from console.accounts import AccountError, create_user
from core.settings import Settings
from store.console_models import Role
from store.db import Database
from store.migrate import pending_migrations


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = commands.add_parser("users", help="console accounts")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser("add", help="add a console user")
    add.add_argument(
        "name", help="the name to sign in with (a roster name gets that peer's alerts)"
    )
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--display-name", help="as shown in the console (default: the name)")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin's first line"
    )
    add.add_argument(
        "--no-totp", action="store_true", help="dev mode only: sign in with the password alone"
    )


def _password(from_stdin: bool, stdin: TextIO) -> str:
    if from_stdin:
        return stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def add(settings: Settings, args: argparse.Namespace, stdin: TextIO | None = None) -> int:
    if args.no_totp and not settings.dev:
        raise AccountError("TOTP is required in production mode: leave out --no-totp")
    if pending_migrations(settings.app_database_url):
        raise AccountError("the app database is not migrated: run `warmline migrate` first")
    password = _password(args.password_stdin, stdin or sys.stdin)
    db = Database(settings.app_database_url)
    try:
        with db.transaction() as session:
            made = create_user(
                session, args.name, Role(args.role), password,
                display_name=args.display_name, with_totp=not args.no_totp,
                issuer=settings.program_name,
            )  # fmt: skip
    finally:
        db.dispose()
    print(f"added {args.name} ({args.role})")
    if made.provisioning_uri:
        print("Add this to an authenticator app (shown once):")
        print(made.provisioning_uri)
        print("Backup codes, each good once (shown once; keep them somewhere safe):")
        print("\n".join(made.backup_codes))
    return 0
