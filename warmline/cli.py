"""The `warmline` command: run the whole system, migrate, prepare the engine, screen messages,
the figures (screening, MI, NLU), peers' screening feedback as labelled data, console users,
enrollment, a program's report and exports, and figures over replayed conversations."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from console.accounts import AccountError
from core.logging import configure_logging
from core.settings import Settings, SettingsError, load_settings
from escalation.evaluation import report as evaluation_report
from escalation.screening import default_screener, screen, screen_safely
from store.migrate import upgrade
from warmline import (
    enroll_cli,
    export_cli,
    mi_figures,
    nlu_figures,
    nlu_heldout,
    replay,
    report_cli,
    screening_feedback,
    users_cli,
)
from warmline.assembly import channel_summary
from warmline.engine_env import (
    EngineInstall,
    EngineSetupError,
    ensure_engine_env,
    ensure_model,
    uv_executable,
)
from warmline.processes import actions_spec, app_spec, engine_spec
from warmline.python310 import PythonNotFound, find_python310
from warmline.supervisor import ChildFailed, Supervisor

logger = logging.getLogger("warmline")


def prepare_engine(settings: Settings) -> tuple[EngineInstall, Path]:
    uv = uv_executable()
    install = ensure_engine_env(find_python310(settings.rasa_python, uv), uv)
    return install, ensure_model(install)


def keep_private(settings: Settings) -> None:
    """Messages about substance use are stored under data_dir: from here on, every file this
    process and its children make is its owner's alone, and so is the folder itself."""
    os.umask(0o077)
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings.data_dir.chmod(0o700)


def command_run(settings: Settings) -> int:
    keep_private(settings)
    install, model = prepare_engine(settings)
    upgrade(settings.app_database_url)
    supervisor = Supervisor(
        [engine_spec(settings, install, model), actions_spec(settings), app_spec(settings)]
    )
    signal.signal(signal.SIGINT, supervisor.request_stop)
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    try:
        supervisor.start()
    except ChildFailed as failure:
        supervisor.say(f"{failure}; stopping the others")
        supervisor.stop()
        return 1
    base = f"http://{settings.public_host}:{settings.app_port}"
    supervisor.say(f"ready. Chat with the bot: {base}/dev/" if settings.dev else "ready.")
    for line in channel_summary(settings):
        supervisor.say(line)
    supervisor.say(f"the peer console will be at {base}/console/ . Ctrl-C stops everything.")
    return supervisor.watch()


def command_nlu_figures(settings: Settings, write_report: bool, gate: bool) -> int:
    uv = uv_executable()
    install = ensure_engine_env(find_python310(settings.rasa_python, uv), uv)
    return nlu_figures.run(install, sys.stdout, save=write_report, gate=gate)


def command_screen() -> int:
    for line in sys.stdin:
        result = screen_safely(screen, line.rstrip("\n"))
        print(json.dumps({"level": result.level.label, "reasons": list(result.reasons)}))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="warmline", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="set up what is missing and run the whole system")
    commands.add_parser("migrate", help="apply the app database migrations")
    commands.add_parser(
        "engine",
        help="install the engine and train both models if their data changed (the engine's, "
        "the risk screener's), so parallel test workers find them ready",
    )
    commands.add_parser("screen", help="risk-screen one message per stdin line, JSON out")
    evaluation = commands.add_parser(
        "evaluate-screening",
        help="screening figures by set role (fit, tune, test: the gate, public, sealed)",
    )
    evaluation.add_argument(
        "--misses", action="store_true", help="list what train and tune sets got wrong"
    )
    evaluation.add_argument(
        "--unseal", action="store_true", help="read the sealed set: once, at the very end"
    )
    commands.add_parser("mi-figures", help="MI figures (MITI 4.2 codes) over the test stories")
    nlu = commands.add_parser(
        "nlu-figures", help="intent F1, 5-fold cross-validated; exits 1 below macro F1 0.90"
    )
    nlu.add_argument(
        "--write-report", action="store_true", help="also copy the report into reports/"
    )
    nlu.add_argument("--no-gate", action="store_true", help="print a missed target, but exit 0")
    feedback = commands.add_parser(
        "screening-feedback",
        help="peers' false alarms and missed risks as labelled YAML (participants' own words)",
    )
    feedback.add_argument(
        "--out", type=Path, help="write to this file (made 0600) instead of stdout"
    )
    feedback.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    feedback.add_argument(
        "--train",
        action="store_true",
        help="write to var/screening-feedback/, where the risk model learns from it (private)",
    )
    users_cli.add_parser(commands)
    enroll_cli.add_parser(commands)
    report_cli.add_parser(commands)
    export_cli.add_parser(commands)
    replay.add_parser(commands)
    nlu_heldout.add_parser(commands)
    return root


def dispatch(
    command: str, settings: Settings, write_report: bool = False, gate: bool = True
) -> int:
    if command == "run":
        return command_run(settings)
    if command == "migrate":
        keep_private(settings)
        upgrade(settings.app_database_url)
        return 0
    if command == "engine":
        print(prepare_engine(settings)[1])
        print(default_screener().model_status)
        return 0
    if command == "evaluate-screening":
        return evaluation_report.main([])
    if command == "mi-figures":
        return mi_figures.main()
    if command == "nlu-figures":
        return command_nlu_figures(settings, write_report, gate)
    return command_screen()


# Commands that read their own arguments: each module's parser and its run.
WITH_ARGUMENTS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "users": users_cli.add,
    "enroll": enroll_cli.run,
    "report": report_cli.run,
    "export": export_cli.run,
    "replay-conversations": replay.run,
    "nlu-heldout": nlu_heldout.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        if args.command == "evaluate-screening":
            flags = [flag for flag in ("--misses", "--unseal") if getattr(args, flag[2:])]
            return evaluation_report.main(flags)
        if args.command == "screening-feedback":
            if args.train:
                out = screening_feedback.training_file()
                return screening_feedback.export(settings.app_database_url, out, force=True)
            return screening_feedback.export(settings.app_database_url, args.out, args.force)
        if args.command in WITH_ARGUMENTS:
            return WITH_ARGUMENTS[args.command](settings, args)
        return dispatch(
            args.command,
            settings,
            getattr(args, "write_report", False),
            not getattr(args, "no_gate", False),
        )
    except (
        SettingsError,
        PythonNotFound,
        EngineSetupError,
        nlu_figures.ReportError,
        screening_feedback.ExportError,
        AccountError,
        enroll_cli.EnrollError,
        report_cli.ReportError,
        export_cli.ExportError,
    ) as error:
        print(f"warmline: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
