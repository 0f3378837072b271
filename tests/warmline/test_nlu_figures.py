"""`warmline nlu-figures`: Rasa's cross-validation report read, printed and gated at macro F1
0.90. The engine is stood in for by a script that writes a report, as `rasa test nlu` does."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from warmline import cli, engine_env, nlu_figures
from warmline.engine_env import BOT_DIR, EngineInstall, EngineSetupError
from warmline.nlu_figures import (
    MACRO_F1_TARGET,
    SEEDED_RASA,
    Figures,
    IntentScore,
    ReportError,
    cross_validation_command,
    parse_report,
    print_figures,
    read_report,
    run,
    write_report,
)


def report(macro: float = 0.912) -> dict[str, Any]:
    """The shape of Rasa 3.6's intent_report.json: one row per intent, then the summary rows."""
    return {
        "greet": {"precision": 1.0, "recall": 0.95, "f1-score": 0.974, "support": 40,
                  "confused_with": {"goodbye": 2}},
        "deny": {"precision": 0.8, "recall": 0.9, "f1-score": 0.847, "support": 60,
                 "confused_with": {"answer": 4, "affirm": 1}},
        "answer": {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 100,
                   "confused_with": {}},
        "accuracy": 0.9,
        "macro avg": {"precision": 0.9, "recall": 0.92, "f1-score": macro, "support": 200},
        "weighted avg": {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 200},
        "micro avg": {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 200},
    }  # fmt: skip


def test_the_report_is_read_weakest_intent_first() -> None:
    figures = parse_report(report())

    assert [intent.name for intent in figures.intents] == ["deny", "answer", "greet"]
    assert (figures.macro_f1, figures.weighted_f1, figures.accuracy) == (0.912, 0.9, 0.9)
    assert figures.examples == 200
    assert figures.intents[0].confused_with == {"answer": 4, "affirm": 1}


def test_what_an_intent_is_most_often_mistaken_for() -> None:
    deny, answer, _ = parse_report(report()).intents

    assert deny.most_confused == "answer (4)"
    assert answer.most_confused == "-"


@pytest.mark.parametrize(
    ("macro", "met"), [(0.95, True), (MACRO_F1_TARGET, True), (0.899, False), (0.0, False)]
)
def test_the_target_is_macro_f1_090_or_more(macro: float, met: bool) -> None:
    assert parse_report(report(macro)).met is met


@pytest.mark.parametrize(
    ("broken", "says"),
    [
        ({"macro avg": None}, "no 'macro avg' row"),
        ({"macro avg": {"f1-score": "high"}}, "macro avg: no number for 'f1-score'"),
        ({"accuracy": None}, "no accuracy"),
        ({"greet": 0.5}, "greet: not an intent row"),
        ({"deny": {"f1-score": True, "support": 60}}, "deny: no number for 'f1-score'"),
    ],
)
def test_a_report_that_is_not_rasas_is_refused(broken: dict[str, Any], says: str) -> None:
    with pytest.raises(ReportError, match=says):
        parse_report({**report(), **broken})


def test_a_report_without_intents_is_refused() -> None:
    summary = {k: v for k, v in report().items() if k.endswith("avg") or k == "accuracy"}

    with pytest.raises(ReportError, match="no intents"):
        parse_report(summary)


def test_the_figures_are_printed_with_the_verdict() -> None:
    out = io.StringIO()

    print_figures(parse_report(report()), out, seconds=300)

    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "NLU intent classification, 5-fold cross-validation over 200 examples, 3 intents "
        "(rasa test nlu, 5.0 min)"
    )
    assert lines[2].split() == ["deny", "0.847", "60", "answer", "(4)"]
    assert lines[-1] == "  target macro F1: 0.912 (>= 0.90) met"


def test_a_missed_target_says_so() -> None:
    figures = Figures(
        intents=(IntentScore("deny", 0.5, 10, {}),), macro_f1=0.5, weighted_f1=0.5, accuracy=0.5
    )
    out = io.StringIO()

    print_figures(figures, out)

    assert out.getvalue().splitlines()[-1] == "  target macro F1: 0.500 (>= 0.90) MISSED"
    assert "min)" not in out.getvalue()


def test_the_command_is_rasas_5_fold_cross_validation_over_the_bot_with_seeded_folds() -> None:
    command = cross_validation_command(Path("/engine/bin/python"), Path("/tmp/out"))

    assert command == [
        "/engine/bin/python", "-c", SEEDED_RASA, "2026",
        "test", "nlu", "--cross-validation", "--folds", "5",
        "--config", str(BOT_DIR / "config.yml"), "--nlu", str(BOT_DIR / "data"),
        "--domain", str(BOT_DIR / "domain"), "--out", "/tmp/out",
    ]  # fmt: skip


def run_seeded(tmp_path: Path, seed: str) -> list[str]:
    """SEEDED_RASA run by a real Python with a stand-in `rasa` package that shows what it got."""
    package = tmp_path / "rasa"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__main__.py").write_text(
        "import sys, numpy\n"
        "def main():\n"
        "    print(' '.join(sys.argv[1:]), numpy.random.randint(10**9))\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", SEEDED_RASA, seed, "test", "nlu"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.split()


def test_the_seed_is_taken_off_the_arguments_and_fixes_the_folds_random_state(
    tmp_path: Path,
) -> None:
    first, again, other = (run_seeded(tmp_path, seed) for seed in ("2026", "2026", "7"))

    assert first[:2] == ["test", "nlu"]  # what Rasa reads: its own arguments, no seed
    assert first == again
    assert first[2] != other[2]


def test_a_missing_or_unreadable_report_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"intent_report\.json"):
        read_report(tmp_path)
    (tmp_path / "intent_report.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ReportError, match="not a JSON object"):
        read_report(tmp_path)


def test_the_report_files_are_copied_when_there(tmp_path: Path) -> None:
    results, reports = tmp_path / "results", tmp_path / "reports"
    results.mkdir()
    (results / "intent_report.json").write_text("{}", encoding="utf-8")

    written = write_report(results, reports)

    assert written == [reports / "intent_report.json"]
    assert (reports / "intent_report.json").read_text(encoding="utf-8") == "{}"


def fake_rasa(tmp_path: Path, macro: float, exit_code: int = 0) -> EngineInstall:
    """An engine `python` that writes the report into --out, as `rasa test nlu` does, and records
    the directory it ran in."""
    bin_dir = tmp_path / "engine" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "python"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, pathlib, sys\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('--out') + 1])\n"
        "out.mkdir(parents=True)\n"
        f"(out / 'intent_report.json').write_text(json.dumps({json.dumps(report(macro))}))\n"
        "(out / 'intent_errors.json').write_text('[]')\n"
        f"pathlib.Path({str(tmp_path / 'cwd')!r}).write_text(os.getcwd())\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return EngineInstall(bin_dir / "python")


@pytest.fixture(autouse=True)
def setup_log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_env, "STATE_DIR", tmp_path / "var")


def test_a_run_at_target_prints_the_figures_and_passes(tmp_path: Path) -> None:
    out = io.StringIO()

    code = run(fake_rasa(tmp_path, 0.93), out, report_dir=tmp_path / "reports")

    assert code == 0
    assert out.getvalue().splitlines()[-1] == "  target macro F1: 0.930 (>= 0.90) met"
    assert not (tmp_path / "reports").exists()  # written only when asked
    ran_in = Path((tmp_path / "cwd").read_text(encoding="utf-8"))
    assert ran_in.name.startswith("warmline-nlu-")
    assert not ran_in.exists()  # the scratch folder is gone


def test_a_run_below_target_fails_and_can_still_write_the_report(tmp_path: Path) -> None:
    out = io.StringIO()

    code = run(fake_rasa(tmp_path, 0.85), out, save=True, report_dir=tmp_path / "reports")

    assert code == 1
    assert "  target macro F1: 0.850 (>= 0.90) MISSED" in out.getvalue().splitlines()
    saved = json.loads((tmp_path / "reports" / "intent_report.json").read_text(encoding="utf-8"))
    assert saved["macro avg"]["f1-score"] == 0.85
    assert (tmp_path / "reports" / "intent_errors.json").read_text(encoding="utf-8") == "[]"
    assert f"  wrote {tmp_path / 'reports' / 'intent_report.json'}" in out.getvalue()


def test_a_run_below_target_without_the_gate_says_missed_and_passes(tmp_path: Path) -> None:
    out = io.StringIO()

    code = run(fake_rasa(tmp_path, 0.85), out, gate=False)

    assert code == 0
    lines = out.getvalue().splitlines()
    assert "  target macro F1: 0.850 (>= 0.90) MISSED" in lines
    assert lines[-1].startswith("  (a fit to the training data: reported, not gated")


def test_an_engine_that_fails_without_the_gate_is_still_an_error(tmp_path: Path) -> None:
    with pytest.raises(EngineSetupError):
        run(fake_rasa(tmp_path, 0.95, exit_code=3), io.StringIO(), gate=False)


def test_an_engine_that_fails_is_a_setup_error(tmp_path: Path) -> None:
    with pytest.raises(EngineSetupError, match="cross-validating the NLU"):
        run(fake_rasa(tmp_path, 0.95, exit_code=3), io.StringIO())


def test_the_cli_runs_it_with_the_engine_and_passes_write_report_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no developer .env
    install = EngineInstall(tmp_path / "python")
    calls: list[tuple[EngineInstall, bool, bool]] = []
    monkeypatch.setattr(cli, "find_python310", lambda wanted, uv: "python3.10")
    monkeypatch.setattr(cli, "ensure_engine_env", lambda python, uv: install)

    def fake_run(engine: EngineInstall, out: object, save: bool = False, gate: bool = True) -> int:
        calls.append((engine, save, gate))
        return 1

    monkeypatch.setattr(nlu_figures, "run", fake_run)

    assert cli.main(["nlu-figures", "--write-report"]) == 1
    assert cli.main(["nlu-figures"]) == 1
    assert cli.main(["nlu-figures", "--no-gate"]) == 1
    assert calls == [(install, True, True), (install, False, True), (install, False, False)]


def test_the_cli_reports_a_broken_report_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "find_python310", lambda wanted, uv: "python3.10")
    monkeypatch.setattr(cli, "ensure_engine_env", lambda python, uv: fake_rasa(tmp_path, 0.9))
    monkeypatch.setattr(nlu_figures, "parse_report", _refuse)

    assert cli.main(["nlu-figures"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "warmline: no intents"


def _refuse(report: object) -> Figures:
    raise ReportError("no intents")
