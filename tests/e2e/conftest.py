"""The whole system for an end-to-end test: the real engine with the trained model, the action
server and the app, in the test's own data folder and ports. A module marked `shared_system`
starts one system for all its tests (about 20 s saved per test): its tests must each text as
people of their own and must not stop, restart or reconfigure any process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import Settings, load_settings
from warmline.isolated import PreparedEngine, start_system, system_env
from warmline.supervisor import Supervisor


@pytest.fixture(scope="module")
def module_system(
    tmp_path_factory: pytest.TempPathFactory, prepared_engine: PreparedEngine
) -> Iterator[tuple[Settings, Supervisor]]:
    with pytest.MonkeyPatch.context() as patch:
        settings = _exported(tmp_path_factory.mktemp("system") / "data", patch)
        group = start_system(settings, prepared_engine)
        try:
            yield settings, group
        finally:
            group.stop()


def _exported(data_dir: Path, patch: pytest.MonkeyPatch) -> Settings:
    """One isolated system's settings, exported to the environment its processes inherit."""
    for name, value in system_env(data_dir).items():
        patch.setenv(name, value)
    return load_settings()


def _shared(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("shared_system") is not None


@pytest.fixture
def system_settings(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """The settings of the test's system, also exported to the processes it starts."""
    if _shared(request):
        settings: Settings = request.getfixturevalue("module_system")[0]
        return settings
    return _exported(tmp_path / "data", monkeypatch)


@pytest.fixture
def system(
    request: pytest.FixtureRequest, system_settings: Settings, prepared_engine: PreparedEngine
) -> Iterator[Supervisor]:
    if _shared(request):
        group: Supervisor = request.getfixturevalue("module_system")[1]
        yield group
        return
    group = start_system(system_settings, prepared_engine)
    try:
        yield group
    finally:
        group.stop()
