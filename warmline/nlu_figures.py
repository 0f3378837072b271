"""`warmline nlu-figures`: the assistant's intent classification, 5-fold cross-validated.

    uv run warmline nlu-figures [--write-report] [--no-gate]

Runs the engine's own `rasa test nlu --cross-validation --folds 5` over bot/data with the
pipeline in bot/config.yml, in a scratch folder, and prints each intent's F1 (weakest first,
with what it is most often mistaken for) and the macro F1 over intents. Exits 1 when the macro
F1 is under 0.90 (what `make test` runs), unless --no-gate: then a miss is printed as one and
the exit is 0, for trying out data or a pipeline (a run that fails is still an error). With
--write-report, Rasa's intent_report.json and intent_errors.json are also copied into
reports/nlu-cross-validation/ (its README is written by hand).

`rasa test nlu` shuffles the examples into folds with NumPy's global random state and offers no
seed, so on its own the figure moves by about a hundredth from run to run. The engine is started
with that state seeded (FOLD_SEED), and the classifier has its own fixed `random_state`:
the same data and pipeline give the same folds, and the figure changes when the data does.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from core.settings import PROJECT_ROOT
from warmline.engine_env import BOT_DIR, EngineInstall, run_checked

MACRO_F1_TARGET = 0.90
FOLDS = 5
FOLD_SEED = 2026
# Rasa's own command line, run by the engine's Python after seeding the state its folds are drawn
# from; the seed is the first argument and is taken off before Rasa reads the rest.
SEEDED_RASA = (
    "import sys, numpy; numpy.random.seed(int(sys.argv.pop(1))); "
    "from rasa.__main__ import main; main()"
)
REPORT_DIR = PROJECT_ROOT / "reports" / "nlu-cross-validation"
REPORT_FILES = ("intent_report.json", "intent_errors.json")
# Rasa's summary rows in intent_report.json, beside one row per intent.
SUMMARY_ROWS = frozenset({"accuracy", "macro avg", "weighted avg", "micro avg"})


@dataclass(frozen=True)
class IntentScore:
    name: str
    f1: float
    support: int
    confused_with: Mapping[str, int]

    @property
    def most_confused(self) -> str:
        if not self.confused_with:
            return "-"
        name, count = max(self.confused_with.items(), key=lambda item: (item[1], item[0]))
        return f"{name} ({count})"


@dataclass(frozen=True)
class Figures:
    intents: tuple[IntentScore, ...]
    macro_f1: float
    weighted_f1: float
    accuracy: float

    @property
    def examples(self) -> int:
        return sum(intent.support for intent in self.intents)

    @property
    def met(self) -> bool:
        return self.macro_f1 >= MACRO_F1_TARGET


class ReportError(ValueError):
    """intent_report.json is not what `rasa test nlu` writes."""


def _number(row: Mapping[str, Any], key: str, where: str) -> float:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReportError(f"{where}: no number for {key!r}")
    return float(value)


def _row(report: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    row = report.get(name)
    if not isinstance(row, Mapping):
        raise ReportError(f"no {name!r} row in the report")
    return row


def parse_report(report: Mapping[str, Any]) -> Figures:
    """The figures in Rasa's intent_report.json (a scikit-learn classification report)."""
    intents = []
    for name, row in report.items():
        if name in SUMMARY_ROWS:
            continue
        if not isinstance(row, Mapping):
            raise ReportError(f"{name}: not an intent row")
        confused = row.get("confused_with") or {}
        intents.append(
            IntentScore(
                name=name,
                f1=_number(row, "f1-score", name),
                support=int(_number(row, "support", name)),
                confused_with={str(k): int(v) for k, v in dict(confused).items()},
            )
        )
    if not intents:
        raise ReportError("the report has no intents")
    accuracy = report.get("accuracy")
    if isinstance(accuracy, bool) or not isinstance(accuracy, int | float):
        raise ReportError("no accuracy in the report")
    return Figures(
        intents=tuple(sorted(intents, key=lambda intent: (intent.f1, intent.name))),
        macro_f1=_number(_row(report, "macro avg"), "f1-score", "macro avg"),
        weighted_f1=_number(_row(report, "weighted avg"), "f1-score", "weighted avg"),
        accuracy=float(accuracy),
    )


def print_intents(figures: Figures, out: TextIO) -> None:
    """Each intent's F1, weakest first, with what it is most often mistaken for."""
    print(f"  {'intent':<20} {'F1':>6} {'support':>8}  most often mistaken for", file=out)
    for intent in figures.intents:
        print(
            f"  {intent.name:<20} {intent.f1:>6.3f} {intent.support:>8}  {intent.most_confused}",
            file=out,
        )


def print_figures(figures: Figures, out: TextIO, seconds: float | None = None) -> None:
    took = f", {seconds / 60:.1f} min" if seconds is not None else ""
    print(
        f"NLU intent classification, {FOLDS}-fold cross-validation over {figures.examples} "
        f"examples, {len(figures.intents)} intents (rasa test nlu{took})",
        file=out,
    )
    print_intents(figures, out)
    verdict = "met" if figures.met else "MISSED"
    print(
        f"  weighted F1 {figures.weighted_f1:.3f}, accuracy {figures.accuracy:.3f}\n"
        f"  target macro F1: {figures.macro_f1:.3f} (>= {MACRO_F1_TARGET:.2f}) {verdict}",
        file=out,
    )


def cross_validation_command(
    python: Path, out_dir: Path, bot_dir: Path = BOT_DIR, seed: int = FOLD_SEED
) -> list[str]:
    return [
        str(python), "-c", SEEDED_RASA, str(seed),
        "test", "nlu", "--cross-validation", "--folds", str(FOLDS),
        "--config", str(bot_dir / "config.yml"), "--nlu", str(bot_dir / "data"),
        "--domain", str(bot_dir / "domain"), "--out", str(out_dir),
    ]  # fmt: skip


def read_report(out_dir: Path) -> Figures:
    path = out_dir / "intent_report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ReportError(f"{path}: {error}") from error
    if not isinstance(report, Mapping):
        raise ReportError(f"{path}: not a JSON object")
    return parse_report(report)


def write_report(out_dir: Path, report_dir: Path = REPORT_DIR) -> list[Path]:
    report_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in REPORT_FILES:
        if (out_dir / name).is_file():
            written.append(Path(shutil.copyfile(out_dir / name, report_dir / name)))
    return written


def _shown(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def run(
    install: EngineInstall,
    out: TextIO,
    save: bool = False,
    gate: bool = True,
    report_dir: Path = REPORT_DIR,
    bot_dir: Path = BOT_DIR,
) -> int:
    """Cross-validates, prints the figures; 0 when the target is met, 1 when it is missed and
    gated."""
    # A scratch folder for the results and for what Rasa leaves in its working directory.
    with tempfile.TemporaryDirectory(prefix="warmline-nlu-") as scratch:
        results = Path(scratch) / "results"
        started = time.monotonic()
        run_checked(
            cross_validation_command(install.python, results, bot_dir),
            f"cross-validating the NLU ({FOLDS} trainings, several minutes)",
            cwd=Path(scratch),
        )
        figures = read_report(results)
        print_figures(figures, out, time.monotonic() - started)
        if save:
            for path in write_report(results, report_dir):
                print(f"  wrote {_shown(path)}", file=out)
    if not figures.met and not gate:
        print(
            "  (a fit to the training data: reported, not gated; `make test` gates the held-out"
            " test split, `warmline nlu-heldout --split test`)",
            file=out,
        )
        return 0
    return 0 if figures.met else 1
