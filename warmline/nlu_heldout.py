"""`warmline nlu-heldout --split tune|test`: the assistant's intent classification scored on
messages nobody trained or chose anything on (bot/heldout/, written blind; its README says how).

    uv run warmline nlu-heldout --split tune [--no-gate]

Trains the NLU once on bot/data with bot/config.yml (`rasa train nlu`), then scores the split with
`rasa test nlu`, all in a scratch folder, and prints each intent's F1 as `warmline nlu-figures`
does. The test split is the gate issue 18 asks for: macro F1 at least 0.90, and the everyday
answers (affirm, deny, answer) at least 0.85 each. The tune split is for trying changes to the
data or the pipeline and is never gated: a figure read on it is a fit to choices made on it; its
misclassified messages are listed, the test split's never are.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

import yaml

from core.settings import PROJECT_ROOT, Settings
from warmline.engine_env import (
    BOT_DIR,
    EngineInstall,
    ensure_engine_env,
    run_checked,
    uv_executable,
)
from warmline.nlu_figures import (
    MACRO_F1_TARGET,
    Figures,
    ReportError,
    print_intents,
    read_report,
)
from warmline.python310 import find_python310

HELDOUT_DIR = PROJECT_ROOT / "bot" / "heldout"
SPLITS = ("tune", "test")
GATED_SPLIT = "test"
EVERYDAY_INTENTS = ("affirm", "deny", "answer")
EVERYDAY_F1_TARGET = 0.85
MODEL_NAME = "heldout"


def load_split(name: str, folder: Path = HELDOUT_DIR) -> list[tuple[str, str]]:
    """(intent, text) of a split; only the two splits the README names are read."""
    if name not in SPLITS:
        raise ReportError(f"no split {name!r}: one of {', '.join(SPLITS)}")
    raw = yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))
    examples = raw.get("examples") if isinstance(raw, dict) else None
    if not isinstance(examples, list) or not examples:
        raise ReportError(f"{name}.yml: no examples")
    found = []
    for each in examples:
        if not isinstance(each, dict) or not each.get("intent") or not each.get("text"):
            raise ReportError(f"{name}.yml: an example without an intent and a text")
        found.append((str(each["intent"]), str(each["text"])))
    return found


def rasa_nlu(examples: list[tuple[str, str]]) -> str:
    """The examples as Rasa 3 NLU training-data YAML, one block per intent."""
    by_intent: dict[str, list[str]] = {}
    for intent, text in examples:
        by_intent.setdefault(intent, []).append(text)
    blocks = [
        {"intent": intent, "examples": "".join(f"- {' '.join(text.split())}\n" for text in texts)}
        for intent, texts in by_intent.items()
    ]
    return yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True, sort_keys=False)


def train_command(python: Path, models: Path, bot_dir: Path = BOT_DIR) -> list[str]:
    return [
        str(python), "-m", "rasa", "train", "nlu",
        "--config", str(bot_dir / "config.yml"), "--nlu", str(bot_dir / "data"),
        "--domain", str(bot_dir / "domain"),
        "--out", str(models), "--fixed-model-name", MODEL_NAME,
    ]  # fmt: skip


def scoring_command(python: Path, model: Path, split_file: Path, out_dir: Path) -> list[str]:
    return [
        str(python), "-m", "rasa", "test", "nlu",
        "--model", str(model), "--nlu", str(split_file), "--out", str(out_dir),
    ]  # fmt: skip


def misses(figures: Figures) -> list[str]:
    """What the gate finds short, in words; [] when it is met."""
    short = [] if figures.met else [f"macro F1 {figures.macro_f1:.3f} < {MACRO_F1_TARGET:.2f}"]
    for intent in figures.intents:
        if intent.name in EVERYDAY_INTENTS and intent.f1 < EVERYDAY_F1_TARGET:
            short.append(f"{intent.name} F1 {intent.f1:.3f} < {EVERYDAY_F1_TARGET:.2f}")
    return short


def print_heldout(figures: Figures, split: str, out: TextIO, seconds: float) -> None:
    print(
        f"NLU intent classification on the held-out {split} split: {figures.examples} messages, "
        f"{len(figures.intents)} intents, trained on bot/data ({seconds / 60:.1f} min)",
        file=out,
    )
    print_intents(figures, out)
    print(
        f"  macro F1 {figures.macro_f1:.3f}, weighted F1 {figures.weighted_f1:.3f}, "
        f"accuracy {figures.accuracy:.3f}",
        file=out,
    )


def score(install: EngineInstall, split: str, out: TextIO) -> Figures:
    examples = load_split(split)
    with tempfile.TemporaryDirectory(prefix="warmline-heldout-") as scratch:
        folder = Path(scratch)
        split_file = folder / f"{split}.yml"
        split_file.write_text(rasa_nlu(examples), encoding="utf-8")
        started = time.monotonic()
        run_checked(
            train_command(install.python, folder / "models"),
            "training the NLU on bot/data (a few minutes)",
            cwd=folder,
        )
        model = folder / "models" / f"{MODEL_NAME}.tar.gz"
        run_checked(
            scoring_command(install.python, model, split_file, folder / "results"),
            f"scoring the held-out {split} split",
            cwd=folder,
        )
        figures = read_report(folder / "results")
        wrong = read_errors(folder / "results") if split != GATED_SPLIT else []
    print_heldout(figures, split, out, time.monotonic() - started)
    for text, said, read in wrong:  # what to work on; never shown for the test split
        print(f"  missed: {said} read as {read}: {text}", file=out)
    return figures


def read_errors(out_dir: Path) -> list[tuple[str, str, str]]:
    """(text, intent, intent read) of each message Rasa classified wrongly."""
    path = out_dir / "intent_errors.json"
    if not path.is_file():
        return []  # Rasa writes none when nothing was wrong
    try:
        errors = json.loads(path.read_text(encoding="utf-8"))
        return sorted(
            (str(e["text"]), str(e["intent"]), str(e["intent_prediction"]["name"])) for e in errors
        )
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ReportError(f"{path}: {error}") from error


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    heldout = commands.add_parser(
        "nlu-heldout", help="intent F1 on the held-out split (test: the gate; tune: never gated)"
    )
    heldout.add_argument("--split", choices=SPLITS, required=True)
    heldout.add_argument(
        "--no-gate", action="store_true", help="print what the test split misses, but exit 0"
    )


def run(settings: Settings, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    uv = uv_executable()
    install = ensure_engine_env(find_python310(settings.rasa_python, uv), uv)
    figures = score(install, args.split, out)
    if args.split != GATED_SPLIT:
        print("  (the tune split: a fit to choices made on it, never gated)", file=out)
        return 0
    short = misses(figures)
    targets = f"macro F1 >= {MACRO_F1_TARGET:.2f}; {', '.join(EVERYDAY_INTENTS)} >= 0.85"
    print(f"  targets: {targets}: {'MISSED: ' + '; '.join(short) if short else 'met'}", file=out)
    if short and args.no_gate:
        print("  (reported, not gated: --no-gate)", file=out)
        return 0
    return 1 if short else 0
