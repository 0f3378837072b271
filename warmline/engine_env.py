"""The engine's own environment and model: installed from the lock, trained when bot/ changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from core.settings import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"
ENGINE_LOCK = BOT_DIR / "requirements.lock"
STATE_DIR = PROJECT_ROOT / "var"
ENGINE_VENV = STATE_DIR / "engine-venv"
MODELS_DIR = STATE_DIR / "models"
# What the trained model depends on. Actions and engine tests do not change the model.
TRAINING_INPUTS = ("config.yml", "components", "domain", "data", "requirements.lock")
# The engine's own pipeline components (bot/config.yml names them by module), on its PYTHONPATH.
ENGINE_COMPONENTS_DIR = BOT_DIR / "components"
# On the same path but only served, never trained: the message webhook (bot/credentials.yml)
# and its action calls. They never reach the trained model, so changing them must not retrain.
SERVING_ONLY = frozenset(
    {
        Path("components/warmline_channel.py"),
        Path("components/action_calls.py"),
        Path("components/handback.py"),
    }
)


class EngineSetupError(RuntimeError):
    pass


def uv_executable() -> str | None:
    """The uv that runs us (`uv run` says which in $UV), else one beside us or on PATH."""
    beside_python = Path(sys.executable).parent / "uv"
    if os.environ.get("UV"):
        return os.environ["UV"]
    return str(beside_python) if beside_python.exists() else shutil.which("uv")


def engine_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The engine's environment: no telemetry calls home, nothing from the app's venv, and the
    project's own pipeline components importable."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(ENGINE_COMPONENTS_DIR),
        }
    )
    env.update(extra or {})
    return env


def _digest(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def training_hash(bot_dir: Path = BOT_DIR) -> str:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        target = bot_dir / name
        # Bytecode the engine writes when it imports bot/components is not an input.
        found = target.rglob("*") if target.is_dir() else []
        files.extend(p for p in found if p.is_file() and "__pycache__" not in p.parts)
        files.append(target) if target.is_file() else None
    return _digest([p for p in files if p.relative_to(bot_dir) not in SERVING_ONLY], bot_dir)


@dataclass(frozen=True)
class EngineInstall:
    python: Path

    @property
    def rasa(self) -> Path:
        return self.python.parent / "rasa"


def run_checked(argv: list[str], what: str, cwd: Path | None = None) -> None:
    """Runs a set-up step with its chatter in a log file; on failure, shows the log's tail."""
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    log_path = STATE_DIR / "setup.log"
    print(f"warmline: {what} ...", file=sys.stderr, flush=True)
    with log_path.open("w", encoding="utf-8") as log:
        result = subprocess.run(  # noqa: S603
            argv, cwd=cwd, env=engine_env(), stdout=log, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        tail = "".join(log_path.read_text(encoding="utf-8").splitlines(keepends=True)[-20:])
        raise EngineSetupError(
            f"{what} failed (exit code {result.returncode}); last lines of {log_path}:\n{tail}"
        )


def ensure_engine_env(python310: str, uv: str | None) -> EngineInstall:
    """Creates or refreshes var/engine-venv from the lock; a stamp skips it when unchanged."""
    install = EngineInstall(ENGINE_VENV / "bin" / "python")
    stamp = ENGINE_VENV / ".lock-hash"
    wanted = hashlib.sha256(ENGINE_LOCK.read_bytes()).hexdigest()
    if install.python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return install
    if uv is None:
        raise EngineSetupError("uv is needed to install the engine: run `make run`")
    run_checked([uv, "venv", "--quiet", "--python", python310, str(ENGINE_VENV)], "engine venv")
    sync = [uv, "pip", "sync", "--quiet", "--python", str(install.python), str(ENGINE_LOCK)]
    run_checked(sync, "installing the Rasa engine (rasa==3.6.21)")
    stamp.write_text(wanted)
    return install


def ensure_model(install: EngineInstall) -> Path:
    """Trains only when the training inputs changed since the cached model."""
    name = training_hash()
    model = MODELS_DIR / f"{name}.tar.gz"
    if model.exists():
        return model
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    # Trained into a folder of its own, then renamed into place: a run that dies mid-way, or
    # two runs training at once, never leave a half-written model where the engine loads it.
    with tempfile.TemporaryDirectory(dir=MODELS_DIR, prefix=".training-") as scratch:
        run_checked(
            [str(install.rasa), "train", "--config", str(BOT_DIR / "config.yml"),
             "--domain", str(BOT_DIR / "domain"), "--data", str(BOT_DIR / "data"),
             "--out", scratch, "--fixed-model-name", name],
            "training the model (about a minute; only when bot/ changed)",
            cwd=STATE_DIR,
        )  # fmt: skip
        os.replace(Path(scratch) / f"{name}.tar.gz", model)
    return model
