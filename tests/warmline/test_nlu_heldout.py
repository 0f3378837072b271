"""`warmline nlu-heldout`: reads only the two held-out splits, writes them as Rasa NLU data the
engine reads back, and gates the test split on macro F1 and on affirm, deny and answer."""

from __future__ import annotations

import io
import json
import stat
import sys
from pathlib import Path

import pytest
import yaml

from tests.warmline.test_nlu_figures import report
from warmline import engine_env
from warmline.engine_env import EngineInstall
from warmline.nlu_figures import Figures, IntentScore, ReportError
from warmline.nlu_heldout import (
    EVERYDAY_INTENTS,
    load_split,
    misses,
    rasa_nlu,
    read_errors,
    score,
    scoring_command,
    train_command,
)


def figures(macro: float, **f1: float) -> Figures:
    intents = tuple(IntentScore(name, score, 35, {}) for name, score in f1.items())
    return Figures(intents, macro_f1=macro, weighted_f1=macro, accuracy=macro)


@pytest.mark.parametrize("name", ["train", "../data/nlu", "blind", ""])
def test_only_the_tune_and_test_splits_are_read(name: str) -> None:
    with pytest.raises(ReportError, match="no split"):
        load_split(name)


def test_both_splits_hold_every_everyday_intent_with_35_messages() -> None:
    for split in ("tune", "test"):
        intents = [intent for intent, _ in load_split(split)]
        assert all(intents.count(name) == 35 for name in EVERYDAY_INTENTS), split


def test_a_split_without_examples_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tune.yml").write_text("version: 1\nexamples: []\n", encoding="utf-8")

    with pytest.raises(ReportError, match="no examples"):
        load_split("tune", tmp_path)


def test_messages_become_rasa_nlu_blocks_one_per_intent_kept_whole() -> None:
    written = rasa_nlu([("affirm", "yeah def"), ("deny", "nah\nnot today"), ("affirm", "- ok")])

    data = yaml.safe_load(written)
    assert data["version"] == "3.1"
    assert [block["intent"] for block in data["nlu"]] == ["affirm", "deny"]
    assert data["nlu"][0]["examples"] == "- yeah def\n- - ok\n"
    assert data["nlu"][1]["examples"] == "- nah not today\n"


def test_the_gate_names_each_target_missed() -> None:
    assert misses(figures(0.93, affirm=0.9, deny=0.86, answer=0.85, greet=0.5)) == []
    assert misses(figures(0.88, affirm=0.84, deny=0.9, answer=0.7)) == [
        "macro F1 0.880 < 0.90",
        "affirm F1 0.840 < 0.85",
        "answer F1 0.700 < 0.85",
    ]


def test_the_model_is_trained_on_the_training_data_and_scored_on_the_split_alone() -> None:
    python, scratch = Path("/engine/python"), Path("/scratch")

    trained = train_command(python, scratch / "models")
    scored = scoring_command(python, scratch / "m.tar.gz", scratch / "test.yml", scratch / "out")

    assert trained[1:5] == ["-m", "rasa", "train", "nlu"]
    assert trained[trained.index("--nlu") + 1].endswith("bot/data")
    assert scored[scored.index("--nlu") + 1] == "/scratch/test.yml"
    assert scored[scored.index("--model") + 1] == "/scratch/m.tar.gz"


def test_the_misclassified_messages_are_read_from_rasas_errors_file(tmp_path: Path) -> None:
    errors = [
        {"text": "gonna pass", "intent": "deny", "intent_prediction": {"name": "answer"}},
        {"text": "wsg", "intent": "greet", "intent_prediction": {"name": "answer"}},
    ]
    (tmp_path / "intent_errors.json").write_text(json.dumps(errors), encoding="utf-8")

    assert read_errors(tmp_path) == [
        ("gonna pass", "deny", "answer"),
        ("wsg", "greet", "answer"),
    ]
    assert read_errors(tmp_path / "nothing-wrong") == []


def fake_engine(tmp_path: Path, macro: float) -> EngineInstall:
    """An engine `python` that, asked to train, writes a model file, and asked to test, writes
    Rasa's report and one misclassified message into --out."""
    bin_dir = tmp_path / "engine" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "python"
    error = [{"text": "gonna pass", "intent": "deny", "intent_prediction": {"name": "answer"}}]
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, pathlib, sys\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('--out') + 1])\n"
        "out.mkdir(parents=True)\n"
        "if 'train' in sys.argv:\n"
        "    (out / 'heldout.tar.gz').write_text('model')\n"
        "    sys.exit(0)\n"
        f"(out / 'intent_report.json').write_text(json.dumps({json.dumps(report(macro))}))\n"
        f"(out / 'intent_errors.json').write_text(json.dumps({json.dumps(error)}))\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return EngineInstall(bin_dir / "python")


@pytest.fixture
def setup_log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_env, "STATE_DIR", tmp_path / "var")


@pytest.mark.usefixtures("setup_log_in_tmp")
def test_the_tune_split_lists_its_misses_and_the_test_split_never_does(tmp_path: Path) -> None:
    tune, test = io.StringIO(), io.StringIO()

    score(fake_engine(tmp_path / "a", 0.93), "tune", tune)
    figures = score(fake_engine(tmp_path / "b", 0.93), "test", test)

    assert "  missed: deny read as answer: gonna pass" in tune.getvalue().splitlines()
    assert "missed:" not in test.getvalue()
    assert "gonna pass" not in test.getvalue()
    assert figures.macro_f1 == pytest.approx(0.93)
