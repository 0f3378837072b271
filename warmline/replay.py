"""`warmline replay-conversations FILE [--base-url URL] [--out REPORT.json] [--gate] [--unseal]`:
replays a file of conversations (conversations/sample/ has an example) through `POST /dev/chat`,
the path every channel's message takes, and prints figures over what the assistant actually
said (warmline/replay_figures.py).

Without --base-url it starts a whole system of its own (engine, action server, app) in a
temporary folder, on free ports, with no channel, database or peer of a real deployment, and
stops it after; with --base-url it talks to a running one in dev mode. Each conversation is a
new person. One that opens with a check-up or a BARC-10 is started by the assistant the way the
scheduler starts one (checkins/dispatch.py: the engine's trigger_intent, its messages queued and
sent through the outbox), which needs the system's engine and database; against --base-url the
replay has neither, so it sends the assistant's own trigger (`/checkup_start`,
`/barc10_start`) through /dev/chat in the person's place, and says so in the report.

A sealed set (conversations/sealed/) is refused unless --unseal is given: it is read once, at
the very end of issue 18. Reporting is the default; --gate exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from core.clock import utcnow
from core.settings import Settings
from warmline.engine_env import BOT_DIR
from warmline.replay_catalog import Catalog, domain_templates
from warmline.replay_conversations import Conversation, ConversationsError, load
from warmline.replay_figures import Identifier, figures
from warmline.replay_known import action_texts, companion_texts, gateway_texts
from warmline.replay_render import as_json, table
from warmline.replay_run import Chat, Opener, ReplayError, ScheduledStart, TriggerText, replay
from warmline.replay_transcript import Recorded

TITLE = "Replayed conversations: figures over what the assistant said"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    replayed = commands.add_parser(
        "replay-conversations",
        help="replay a file of conversations through /dev/chat; figures on what was said",
    )
    replayed.add_argument("file", type=Path, help="conversations (conversations/sample/...)")
    replayed.add_argument(
        "--base-url", help="a running system in dev mode; default: start one of its own"
    )
    replayed.add_argument(
        "--out", type=Path, help="also write the report and transcripts as JSON (new file, 0600)"
    )
    replayed.add_argument("--gate", action="store_true", help="exit 1 when a target is missed")
    replayed.add_argument(
        "--unseal", action="store_true", help="read a sealed set: once, at the very end"
    )


def catalog() -> Catalog:
    """Every text the warmline can send, as the bot and the gateway have them now."""
    templates = [*domain_templates(BOT_DIR / "domain"), *action_texts(), *gateway_texts()]
    return Catalog(templates, joined=companion_texts())


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up when called: a test or a pipe may have replaced it
    opened_by = TriggerText.how if args.base_url else ScheduledStart.how
    try:
        conversations = load(args.file, unseal=args.unseal)  # refused before anything starts
        if args.out is not None and args.out.exists():
            raise ReplayError(f"{args.out} exists: choose a new file for the report")
        if args.out is not None and not args.out.parent.is_dir():
            # Checked before the replay, not when writing: a sealed set's one reading, replayed
            # into a folder not made yet, was printed and its transcripts lost (2027-11).
            raise ReplayError(f"{args.out.parent} is not a folder: make it first")
        recorded = replay_somewhere(conversations, args.base_url, settings)
    except ConversationsError as error:
        print(f"warmline: {error}", file=sys.stderr)
        return 2
    except ReplayError as error:
        print(f"warmline: {error}", file=sys.stderr)
        if error.recorded:  # a sealed set is read once: what was replayed is kept
            report(error.recorded, args, opened_by, out, stopped=str(error))
        return 2
    return report(recorded, args, opened_by, out)


def replay_somewhere(
    conversations: Sequence[Conversation], base_url: str | None, settings: Settings
) -> list[Recorded]:
    if base_url:
        return replay_through(base_url, conversations, TriggerText())
    # Imported here: starting a system (warmline/isolated.py) imports the CLI, which imports this.
    from warmline.replay_system import own_system

    with own_system(settings) as system:
        return replay_through(system.base_url, conversations, ScheduledStart(system))


def replay_through(
    base_url: str, conversations: Sequence[Conversation], opener: Opener
) -> list[Recorded]:
    with Chat(base_url) as chat:
        tag = secrets.token_hex(3)  # new people each run, on a system that may have had others
        return replay(conversations, chat, opener, tag, progress=sys.stderr)


def report(
    recorded: list[Recorded],
    args: argparse.Namespace,
    opened_by: str,
    out: TextIO,
    stopped: str | None = None,
) -> int:
    """Prints the figures (and writes them with --out); `stopped` says why a replay that
    stopped part-way is reported over the conversations it finished."""
    known = catalog()
    found = figures(recorded, known)
    title = f"{TITLE} ({args.file.name})"
    out.write(table(found, f"{title}\nINCOMPLETE, stopped: {stopped}" if stopped else title,
                    opened_by))  # fmt: skip
    if args.out is not None:
        meta = {"file": args.file.name, "at": utcnow().isoformat(), "opened_by": opened_by}
        report = as_json(found, recorded, Identifier(known), {**meta, "stopped": stopped})
        write_new(args.out, report)
        out.write(f"\nReport and transcripts: {args.out}\n")
    missed = [target.name for target in found.targets if not target.met]
    return 1 if args.gate and missed else 0


def write_new(path: Path, report: dict[str, Any]) -> None:
    """A new file, readable by its owner alone: it holds whole conversations."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(report, file, ensure_ascii=False, indent=2)
        file.write("\n")
