"""The training hash that decides when to retrain, and the engine's environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warmline.engine_env import BOT_DIR, engine_env, training_hash


@pytest.fixture
def bot(tmp_path: Path) -> Path:
    copy = tmp_path / "bot"
    shutil.copytree(BOT_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_training_hash_is_stable_for_the_same_files(bot: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(bot, again)

    assert training_hash(bot) == training_hash(bot) == training_hash(again)


def test_the_training_hash_does_not_depend_on_where_bot_lives(bot: Path) -> None:
    assert training_hash(bot) == training_hash()


@pytest.mark.parametrize(
    "changed",
    [
        "data/nlu.yml",
        "data/stories.yml",
        "data/nlu/barc10.yml",
        "config.yml",
        "domain/core.yml",
        "domain/barc10.yml",
        "requirements.lock",
        "components/tfidf_intent_classifier.py",
    ],
)
def test_the_training_hash_changes_when_a_training_input_changes(bot: Path, changed: str) -> None:
    before = training_hash(bot)

    with (bot / changed).open("a", encoding="utf-8") as file:
        file.write("\n# changed\n")

    assert training_hash(bot) != before


def test_the_training_hash_ignores_the_bytecode_the_engine_writes(bot: Path) -> None:
    before = training_hash(bot)

    cache = bot / "components" / "__pycache__"
    cache.mkdir(exist_ok=True)
    (cache / "tfidf_intent_classifier.cpython-310.pyc").write_bytes(b"\x00bytecode")

    assert training_hash(bot) == before


def test_the_training_hash_changes_when_a_data_file_is_added(bot: Path) -> None:
    before = training_hash(bot)

    (bot / "data" / "more.yml").write_text('version: "3.1"\n', encoding="utf-8")

    assert training_hash(bot) != before


@pytest.mark.parametrize(
    "changed", ["actions/greet.py", "actions/new.py", "tests/test_stories.yml"]
)
def test_the_training_hash_ignores_actions_and_engine_tests(bot: Path, changed: str) -> None:
    before = training_hash(bot)

    with (bot / changed).open("a", encoding="utf-8") as file:
        file.write("\n# changed\n")

    assert training_hash(bot) == before


def test_the_engine_env_disables_telemetry_and_finds_only_the_engines_components(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VIRTUAL_ENV", "/work/main/.venv")
    monkeypatch.setenv("PYTHONPATH", "/work/main")
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    monkeypatch.setenv("WARMLINE_KEPT", "yes")

    env = engine_env({"EXTRA": "1"})

    assert "VIRTUAL_ENV" not in env
    assert env["PYTHONPATH"] == str(BOT_DIR / "components")  # the engine's own components only
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert (env["WARMLINE_KEPT"], env["EXTRA"]) == ("yes", "1")


@pytest.mark.parametrize("serving_only", ["warmline_channel.py", "handback.py"])
def test_the_training_hash_ignores_the_serving_only_components(
    bot: Path, serving_only: str
) -> None:
    """The engine's message webhook and its hand-back hook live beside the pipeline components
    but never reach the trained model: changing them must not retrain."""
    before = training_hash(bot)

    with (bot / "components" / serving_only).open("a", encoding="utf-8") as file:
        file.write("\n# changed\n")

    assert training_hash(bot) == before
