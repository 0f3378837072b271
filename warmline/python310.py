"""Finding a Python 3.10 for the Rasa engine, which runs on nothing newer.

In order: the WARMLINE_RASA_PYTHON setting, python3.10 on PATH, a pyenv-managed 3.10,
`uv python find 3.10`, and finally `uv python install 3.10`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

WANTED = (3, 10)
HOW_TO_FIX = (
    "the Rasa engine needs Python 3.10: install it (`uv python install 3.10` or "
    "`pyenv install 3.10`) or set WARMLINE_RASA_PYTHON to a python3.10 interpreter"
)


class PythonNotFound(RuntimeError):
    pass


def is_python310(candidate: str) -> bool:
    """Asks the interpreter itself: a pyenv shim on PATH may exist and still not run."""
    try:
        result = subprocess.run(  # noqa: S603 - a path we chose, no shell
            [candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 10))"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and result.stdout.strip() == "True"


def _pyenv_candidates() -> Iterator[str]:
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    for version_dir in sorted(Path(root, "versions").glob("3.10*"), reverse=True):
        yield str(version_dir / "bin" / "python3.10")


def _uv_output(uv: str, *args: str) -> str | None:
    try:
        result = subprocess.run(  # noqa: S603
            [uv, "python", *args], capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (
        result.stdout.strip().splitlines()[-1] if result.returncode == 0 and result.stdout else None
    )


def _uv_candidates(uv: str | None) -> Iterator[Callable[[], str | None]]:
    if uv:
        yield lambda: _uv_output(uv, "find", "3.10")
        yield lambda: _uv_output(uv, "install", "3.10") and _uv_output(uv, "find", "3.10")


def find_python310(setting: str, uv: str | None) -> str:
    if setting:  # an explicit choice is honoured or refused, never silently replaced
        if is_python310(setting):
            return setting
        raise PythonNotFound(f"WARMLINE_RASA_PYTHON={setting} is not a Python 3.10 interpreter")
    found = [shutil.which("python3.10"), *_pyenv_candidates()]
    for candidate in found:
        if candidate and is_python310(candidate):
            return candidate
    for lookup in _uv_candidates(uv):
        candidate = lookup()
        if candidate and is_python310(candidate):
            return candidate
    raise PythonNotFound(HOW_TO_FIX)
