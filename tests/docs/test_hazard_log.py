"""The hazard log (docs/safety/hazard-log.yml) is the source of truth for the safety case, so a
reviewer must be able to follow each line to code: every test it names exists (read with `ast`,
never imported), every hazard has every field, its risk is the DCB0129 rating of its severity
and likelihood, and no risk is higher after the controls than before."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, TypeGuard

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HAZARD_LOG = ROOT / "docs" / "safety" / "hazard-log.yml"
FIELDS = {"id", "title", "cause", "effect", "before", "controls", "after", "evidence", "gaps"}
NO_EVIDENCE = "no automated evidence yet"

# DCB0129's risk matrix: RISK[likelihood - 1][severity - 1], from 1 (acceptable) to 5.
RISK = (
    (1, 1, 2, 2, 3),  # very low
    (1, 2, 2, 3, 4),  # low
    (2, 2, 3, 3, 4),  # medium
    (2, 3, 3, 4, 5),  # high
    (3, 4, 4, 5, 5),  # very high
)


def load_hazards(path: Path = HAZARD_LOG) -> list[dict[str, Any]]:
    log = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(log, dict), f"{path} is not a mapping"
    hazards = log.get("hazards")
    assert isinstance(hazards, list), f"{path} has no list of hazards"
    return hazards


def references(hazards: list[dict[str, Any]]) -> list[str]:
    return [ref for hazard in hazards for ref in hazard.get("evidence", {}).get("tests", [])]


def collected_in(path: Path) -> set[str]:
    """The tests pytest would collect by name: `test_*` functions at module level, and
    `Class::test_*` methods of the module's classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in tree.body:
        if _is_test(node):
            found.add(node.name)
        elif isinstance(node, ast.ClassDef):
            found.update(f"{node.name}::{item.name}" for item in node.body if _is_test(item))
    return found


def _is_test(node: ast.stmt) -> TypeGuard[ast.FunctionDef | ast.AsyncFunctionDef]:
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    return isinstance(node, functions) and node.name.startswith("test")


def missing(reference: str, root: Path = ROOT) -> str | None:
    """Why a `tests/<path>.py::<test>` reference does not name an existing test, or None."""
    path, separator, name = reference.partition("::")
    if not (separator and path.startswith("tests/") and path.endswith(".py") and name):
        return "not of the form tests/<path>.py::<test name>"
    file = (root / path).resolve()
    if not file.is_relative_to(root / "tests") or not file.is_file():
        return f"no file {path}"
    if name not in collected_in(file):
        return f"no test {name} in {path}"
    return None


HAZARDS = load_hazards()


@pytest.mark.parametrize("reference", sorted(set(references(HAZARDS))))
def test_every_test_the_hazard_log_names_exists(reference: str) -> None:
    assert missing(reference) is None, missing(reference)


@pytest.mark.parametrize("hazard", HAZARDS, ids=[str(h.get("id")) for h in HAZARDS])
def test_every_hazard_has_every_field(hazard: dict[str, Any]) -> None:
    assert set(hazard) == FIELDS
    texts = [hazard[name] for name in ("id", "title", "cause", "effect")]
    assert all(isinstance(text, str) and text.strip() for text in texts)
    assert hazard["controls"]
    assert all(isinstance(c, str) for c in hazard["controls"])
    assert isinstance(hazard["gaps"], list)
    assert isinstance(hazard["evidence"].get("tests"), list)
    for figure in hazard["evidence"].get("figures", []):
        assert set(figure) == {"figure", "command"}


def test_hazards_are_numbered_h01_h02_in_order() -> None:
    assert [h["id"] for h in HAZARDS] == [f"H{n:02d}" for n in range(1, len(HAZARDS) + 1)]


@pytest.mark.parametrize("hazard", HAZARDS, ids=[str(h.get("id")) for h in HAZARDS])
def test_every_risk_is_the_dcb0129_rating_of_its_severity_and_likelihood(
    hazard: dict[str, Any],
) -> None:
    for when in ("before", "after"):
        severity, likelihood = hazard[when]["severity"], hazard[when]["likelihood"]
        assert severity in range(1, 6)
        assert likelihood in range(1, 6)
        assert hazard[when]["risk"] == RISK[likelihood - 1][severity - 1], when


@pytest.mark.parametrize("hazard", HAZARDS, ids=[str(h.get("id")) for h in HAZARDS])
def test_no_risk_is_higher_after_the_controls_than_before(hazard: dict[str, Any]) -> None:
    before, after = hazard["before"], hazard["after"]

    assert all(after[key] <= before[key] for key in ("severity", "likelihood", "risk"))


@pytest.mark.parametrize("hazard", HAZARDS, ids=[str(h.get("id")) for h in HAZARDS])
def test_a_hazard_without_a_test_says_so(hazard: dict[str, Any]) -> None:
    if not hazard["evidence"]["tests"]:
        assert any(NO_EVIDENCE in gap.lower() for gap in hazard["gaps"])


def test_the_scan_finds_tests_at_module_level_and_in_classes_only(tmp_path: Path) -> None:
    module = tmp_path / "tests" / "test_example.py"
    module.parent.mkdir()
    module.write_text(
        "def test_top(): pass\n"
        "async def test_async(): pass\n"
        "def helper():\n    def test_nested(): pass\n"
        "class TestGroup:\n    def test_method(self): pass\n    def helper(self): pass\n"
    )

    assert collected_in(module) == {"test_top", "test_async", "TestGroup::test_method"}
    assert missing("tests/test_example.py::test_top", tmp_path) is None
    assert missing("tests/test_example.py::test_nested", tmp_path) is not None
    assert missing("tests/test_other.py::test_top", tmp_path) == "no file tests/test_other.py"
    assert missing("tests/../escape.py::test_top", tmp_path) is not None
    assert missing("test_example.py", tmp_path) is not None


def summary_row(hazard: dict[str, Any]) -> str:
    before, after = (
        f"{r['severity']} / {r['likelihood']} / **{r['risk']}**"
        for r in (hazard["before"], hazard["after"])
    )
    counts = f"{len(hazard['evidence']['tests'])} | {len(hazard['gaps'])}"
    return f"| {hazard['id']} | {hazard['title']} | {before} | {after} | {counts} |"


@pytest.mark.parametrize("hazard", HAZARDS, ids=[str(h.get("id")) for h in HAZARDS])
def test_the_summary_in_hazard_log_md_follows_the_log(hazard: dict[str, Any]) -> None:
    assert summary_row(hazard) in HAZARD_LOG.with_suffix(".md").read_text(encoding="utf-8")
