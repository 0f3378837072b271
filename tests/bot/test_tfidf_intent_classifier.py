"""The engine's own intent classifier (bot/components), run inside the engine's Python 3.10: the
trained model classifies plain texts confidently, and a model file it cannot trust is an error,
never a silently untrained classifier."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from warmline.engine_env import engine_env
from warmline.isolated import PreparedEngine

pytestmark = pytest.mark.engine

CLASSIFY = """
import asyncio, json, sys
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
texts = json.loads(sys.argv[2])
parsed = [asyncio.run(agent.parse_message(t)) for t in texts]
print(json.dumps([[p["intent"]["name"], p["intent"]["confidence"]] for p in parsed]))
"""

LOAD = """
import datetime, json, sys
from pathlib import Path
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from tfidf_intent_classifier import ModelFileError, TfidfIntentClassifier
storage = LocalModelStorage(Path(sys.argv[1]))
context = ExecutionContext(GraphSchema({}), node_name="classifier")
def load(resource):
    try:
        TfidfIntentClassifier.load({}, storage, resource, context)
    except ModelFileError as error:
        return str(error)
    return "loaded"
untrusted = Resource("untrusted")
with storage.write_to(untrusted) as folder:
    sio.dump({"made": datetime.date(2026, 12, 3)}, folder / "untrusted.skops")
print(json.dumps({"missing": load(Resource("missing")), "untrusted": load(untrusted)}))
"""


def engine_python(prepared: PreparedEngine, script: str, *args: str) -> Any:
    result = subprocess.run(
        [str(prepared.install.python), "-c", script, *args],
        env=engine_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_trained_model_classifies_plain_texts_above_the_fallback_threshold(
    prepared_engine: PreparedEngine,
) -> None:
    texts = ["yes", "no thanks", "are you a bot?", "thank you", "where can i find a meeting"]

    parsed = engine_python(prepared_engine, CLASSIFY, str(prepared_engine.model), json.dumps(texts))

    assert [name for name, _ in parsed] == [
        "affirm", "deny", "bot_challenge", "thank", "ask_resources",
    ]  # fmt: skip
    assert min(confidence for _, confidence in parsed) > 0.6


def test_a_missing_or_untrusted_classifier_file_is_an_error_not_an_untrained_model(
    prepared_engine: PreparedEngine, tmp_path: Path
) -> None:
    errors = engine_python(prepared_engine, LOAD, str(tmp_path))

    assert errors["missing"].startswith("no trained intent classifier")
    assert "unexpected types ['datetime.date']" in errors["untrusted"]
