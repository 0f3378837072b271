"""The project's paperwork (issue 20): each document exists, the README links to it, the licence
is the one the package metadata names, the changelog has a section for the package's version, and
the pre-commit hooks run exactly the format, lint and type checks of `make test`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# What a reader follows from the README: licence, security, contributing, changes, safety.
LINKED = [
    "LICENSE",
    "SECURITY.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    "docs/safety/safety-case.md",
    "docs/safety/hazard-log.md",
    "docs/safety/hazard-log.yml",
]


def project() -> dict[str, Any]:
    metadata: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return metadata


def make_commands(*targets: str, makefile: Path = ROOT / "Makefile") -> list[str]:
    """The commands the Makefile runs with `$(RUN)` for the given targets, in order."""
    commands: list[str] = []
    current = None
    for line in makefile.read_text().splitlines():
        target = re.match(r"^([\w-]+):", line)
        if target:
            current = target.group(1)
        elif current in targets and line.startswith("\t$(RUN) "):
            commands.append(line.removeprefix("\t$(RUN) "))
    return commands


def hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert all(repo["repo"] == "local" for repo in config["repos"])
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


@pytest.mark.parametrize("document", [*LINKED, ".pre-commit-config.yaml"])
def test_each_document_exists_and_says_something(document: str) -> None:
    assert (ROOT / document).read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("document", LINKED)
def test_the_readme_links_to_each_document(document: str) -> None:
    assert f"]({document})" in README.read_text(encoding="utf-8")


def test_the_licence_is_apache_2_as_the_package_metadata_says() -> None:
    licence = (ROOT / "LICENSE").read_text()

    assert "Apache License" in licence
    assert "Version 2.0, January 2004" in licence
    assert project()["license"] in ("Apache-2.0", {"text": "Apache-2.0"})


def test_the_changelog_has_an_unreleased_section_and_one_for_the_packages_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()

    assert "## [Unreleased]" in changelog
    assert f"## [{project()['version']}]" in changelog


def test_the_hooks_run_make_tests_format_lint_and_type_checks_and_download_nothing() -> None:
    commands = make_commands("lint", "typecheck")
    entries = [hook["entry"] for hook in hooks()]

    assert commands == ["ruff format --check .", "ruff check .", "mypy"]
    assert [entry.removesuffix("'").split(" run --frozen ")[-1] for entry in entries] == commands
    assert {hook["language"] for hook in hooks()} == {"system"}
