"""Finding the Python 3.10 the Rasa engine needs, on this machine and on a bare one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from warmline.engine_env import uv_executable
from warmline.python310 import HOW_TO_FIX, PythonNotFound, find_python310, is_python310


@pytest.fixture(scope="module")
def python310() -> str:
    return find_python310("", uv_executable())


def test_an_empty_setting_finds_a_python310_on_this_machine(python310: str) -> None:
    assert (Path(python310).is_absolute(), is_python310(python310)) == (True, True)


def test_an_explicit_setting_that_is_a_real_310_is_returned(python310: str) -> None:
    assert find_python310(python310, None) == python310


def test_an_explicit_setting_that_is_not_310_is_refused_naming_the_setting() -> None:
    with pytest.raises(PythonNotFound) as refused:
        find_python310(sys.executable, uv_executable())

    expected = f"WARMLINE_RASA_PYTHON={sys.executable} is not a Python 3.10 interpreter"
    assert str(refused.value) == expected


def test_a_broken_python310_on_path_is_passed_over_for_pyenvs(
    python310: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shims, pyenv_bin = tmp_path / "shims", tmp_path / "pyenv" / "versions" / "3.10.99" / "bin"
    shims.mkdir()
    pyenv_bin.mkdir(parents=True)
    shim = shims / "python3.10"  # what a pyenv shim does when 3.10 is not the selected version
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.10: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    (pyenv_bin / "python3.10").symlink_to(python310)
    monkeypatch.setenv("PATH", str(shims))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))

    assert find_python310("", None) == str(pyenv_bin / "python3.10")


def test_with_no_python310_anywhere_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))

    with pytest.raises(PythonNotFound) as missing:
        find_python310("", None)

    assert str(missing.value) == HOW_TO_FIX
    assert "uv python install 3.10" in str(missing.value)
    assert "WARMLINE_RASA_PYTHON" in str(missing.value)


def test_is_python310_is_false_for_a_missing_path(tmp_path: Path) -> None:
    assert is_python310(str(tmp_path / "no-such-python")) is False


def test_is_python310_is_false_for_another_python() -> None:
    assert is_python310(sys.executable) is False
