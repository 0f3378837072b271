"""`warmline evaluate-screening`: its figures mean what the report says they mean, each set shown
under its role, misses only where they may be read, the sealed set unread unless unsealed, and
the exit code decided by the test sets alone.

The report runs here on small sets of the tests' own in temporary role folders, rated by a stub
screener that answers the level each text names first, so the figures are known in advance."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from escalation.evaluation import report, sets
from escalation.evaluation.metrics import (
    LevelFigures,
    Rated,
    level_figures,
    openai_target,
    screening_targets,
    xstest_target,
)
from escalation.levels import Level, Screening
from tests.escalation.evaluation.layout import use_layout, write_set

E, C, W, N = Level.EMERGENCY, Level.CRISIS, Level.CONCERN, Level.NONE
# Every target measured and met: each text is rated as labelled.
RIGHT = [("emergency now", E), ("crisis now", C), ("concern now", W), ("none now", N)]


class StubScreener:
    version = "stub"
    model_status = "stub model status"


def rated_as_named(text: str, recent: Sequence[str] = ()) -> Screening:
    """The level a text names first: "crisis, labelled none" is rated crisis."""
    return Screening(Level[text.split()[0].strip(",").upper()])


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(report, "screen", rated_as_named)
    monkeypatch.setattr(report, "default_screener", StubScreener)
    return use_layout(tmp_path / "evaluation", monkeypatch)


def run(tmp_path: Path, **options: Any) -> tuple[int, str]:
    out = io.StringIO()
    code = report.run(out, public_dir=tmp_path / "no-public-sets", **options)
    return code, out.getvalue()


def test_per_level_figures_count_exact_at_or_above_and_false_alarms() -> None:
    rated = [Rated(label, rating, "") for label, rating in [(E, E), (E, C), (C, E), (W, N), (N, C)]]

    assert level_figures(rated) == [
        LevelFigures(E, n=2, exact=1, at_or_above=1, below=3, false_alarms=1),
        LevelFigures(C, n=1, exact=0, at_or_above=1, below=2, false_alarms=1),
        LevelFigures(W, n=1, exact=0, at_or_above=0, below=1, false_alarms=1),
        LevelFigures(N, n=1, exact=0, at_or_above=1, below=0, false_alarms=0),
    ]


def test_the_targets_are_the_projects_bounds() -> None:
    bounds = [(t.name, t.at_least, t.bound) for t in screening_targets([])]
    public = [(t.name, t.at_least, t.bound) for t in (openai_target([]), xstest_target([]))]

    assert bounds == [
        ("emergency+crisis rated crisis or higher", True, 0.98),
        ("emergency rated emergency", True, 0.9),
        ("concern rated concern or higher", True, 0.85),
        ("none rated crisis or higher", False, 0.03),
    ]
    assert public == [
        ("OpenAI self-harm positives rated crisis or higher", True, 0.85),
        ("XSTest rated crisis or higher", False, 0.02),
    ]


def test_a_missed_crisis_and_a_concern_rated_none_miss_their_targets() -> None:
    rated = [Rated(C, W, ""), Rated(E, E, ""), Rated(W, N, ""), Rated(N, N, "")]

    assert [target.met for target in screening_targets(rated)] == [False, True, False, True]


def test_a_target_over_no_messages_is_not_measured_and_so_not_met() -> None:
    only_none = screening_targets([Rated(N, N, "")])

    assert [(t.measured, t.met) for t in only_none] == [(False, False)] * 3 + [(True, True)]


def test_each_role_has_its_labelled_section_naming_each_sets_role_size_and_file(
    root: Path, tmp_path: Path
) -> None:
    write_set(root / "train" / "corpus.yml", RIGHT)
    write_set(root / "tune" / "tune_x.yml", RIGHT[:2])
    write_set(root / "test" / "test_x.yml", RIGHT)

    _, text = run(tmp_path)

    headings = [line for line in text.splitlines() if line.startswith("== ")]
    assert headings == [
        f"== {report.FIT} ==",
        f"== {report.TUNE} ==",
        f"== {report.TEST} ==",
        f"== {report.PUBLIC} ==",
        f"== {report.SEALED} ==",
    ]
    for line in (
        f"train set corpus.yml (4 messages, {root / 'train' / 'corpus.yml'})",
        f"tune set tune_x.yml (2 messages, {root / 'tune' / 'tune_x.yml'})",
        f"test set test_x.yml (4 messages, {root / 'test' / 'test_x.yml'})",
        "  model fit (trained on the train sets; not a test): stub model status",
    ):
        assert line in text.splitlines()


def test_the_fit_covers_every_train_set_together(root: Path, tmp_path: Path) -> None:
    write_set(root / "train" / "a.yml", RIGHT)
    write_set(root / "train" / "generated_train.yml", RIGHT[:1])
    write_set(root / "test" / "t.yml", RIGHT)

    _, text = run(tmp_path)

    assert "all train sets together (5 messages): targets, as fit" in text
    assert "  fit emergency rated emergency: 100.0% of 2 (>= 90%) met" in text


def test_the_gate_is_met_when_every_test_target_is(root: Path, tmp_path: Path) -> None:
    write_set(root / "test" / "t.yml", RIGHT)

    code, text = run(tmp_path)

    assert (code, text.splitlines()[-1]) == (0, "gate (test sets only): met")


def test_a_missed_test_target_fails_the_gate(root: Path, tmp_path: Path) -> None:
    write_set(root / "test" / "t.yml", [*RIGHT, ("concern, labelled crisis", C)])

    code, text = run(tmp_path)

    assert "  target emergency+crisis rated crisis or higher: 66.7% of 3 (>= 98%) MISSED" in text
    assert (code, text.splitlines()[-1]) == (1, "gate (test sets only): MISSED")


def test_a_missed_target_in_any_one_test_set_fails_the_gate(root: Path, tmp_path: Path) -> None:
    write_set(root / "test" / "a.yml", RIGHT)
    write_set(root / "test" / "generated_test.yml", [("crisis, labelled none", N)])

    assert run(tmp_path)[0] == 1


def test_no_test_set_fails_the_gate(root: Path, tmp_path: Path) -> None:
    write_set(root / "train" / "a.yml", RIGHT)

    code, text = run(tmp_path)

    assert code == 1
    assert f"no test set in {root / 'test'}/: the gate fails" in text


def test_a_target_no_test_set_measures_fails_the_gate(root: Path, tmp_path: Path) -> None:
    write_set(root / "test" / "t.yml", [m for m in RIGHT if m[1] != W])

    code, text = run(tmp_path)

    assert code == 1
    assert "  no test set measures concern rated concern or higher: the gate fails" in text


def test_train_and_tune_figures_never_decide_the_exit_code(root: Path, tmp_path: Path) -> None:
    wrong = [("none, labelled emergency", E), ("emergency, labelled none", N)]
    write_set(root / "train" / "a.yml", wrong)
    write_set(root / "tune" / "a.yml", wrong)
    write_set(root / "test" / "t.yml", RIGHT)

    code, text = run(tmp_path)

    assert "MISSED" in text.split(report.TEST)[0]  # the fit and tune figures are printed
    assert code == 0


def test_misses_are_listed_for_train_and_tune_sets_and_never_for_test_sets(
    root: Path, tmp_path: Path
) -> None:
    write_set(root / "train" / "a.yml", [*RIGHT, ("none, train miss", C)])
    write_set(root / "tune" / "a.yml", [("none, tune miss", W)])
    write_set(root / "test" / "a.yml", [*RIGHT, ("none, test miss", C)])

    _, text = run(tmp_path, misses=True)

    assert "train miss" in text
    assert "tune miss" in text
    assert "test miss" not in text


def test_missing_public_sets_are_reported_and_skipped_and_never_decide_the_exit_code(
    root: Path, tmp_path: Path
) -> None:
    write_set(root / "test" / "t.yml", RIGHT)

    code, text = run(tmp_path)

    skipped = [line for line in text.splitlines() if line.endswith("; skipped")]
    assert (code, len(skipped)) == (0, 2)


def test_the_sealed_set_is_named_with_its_declared_size_and_not_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sets, "SEALED_SIZES", {"blind_x.yml": 3})
    # Not YAML: reading it would fail the run.
    (root / "sealed" / "blind_x.yml").write_text("{{ sealed", encoding="utf-8")
    write_set(root / "test" / "t.yml", RIGHT)

    code, text = run(tmp_path, misses=True)

    assert "sealed set blind_x.yml (3 messages): sealed, not read" in text.splitlines()
    assert code == 0


def test_the_projects_sealed_set_is_reported_sealed_without_opening_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(path: Path) -> None:
        raise AssertionError(f"{path} was opened")

    monkeypatch.setattr(sets, "_read", refuse)
    out = io.StringIO()

    report.report_sealed(out, misses=True, unseal=False)

    assert [line for line in out.getvalue().splitlines() if line] == [
        "== SEALED ==",
        "sealed set blind_2026_12.yml (448 messages): sealed, not read",
    ]


def test_unsealed_the_sealed_set_is_measured_and_with_misses_its_misses_listed(
    root: Path, tmp_path: Path
) -> None:
    write_set(root / "sealed" / "blind_x.yml", [*RIGHT, ("none, sealed miss", C)])
    write_set(root / "test" / "t.yml", RIGHT)

    _, figures = run(tmp_path, unseal=True)
    _, misses = run(tmp_path, unseal=True, misses=True)

    assert f"sealed set blind_x.yml (5 messages, {root / 'sealed' / 'blind_x.yml'}), UNSEALED" in (
        figures.splitlines()
    )
    assert ("sealed miss" in figures, "sealed miss" in misses) == (False, True)


def test_the_sealed_set_never_decides_the_exit_code(root: Path, tmp_path: Path) -> None:
    write_set(root / "sealed" / "blind_x.yml", [("none, labelled crisis", C)])
    write_set(root / "test" / "t.yml", RIGHT)

    assert run(tmp_path, unseal=True)[0] == 0


def test_the_command_line_takes_misses_and_unseal_and_no_way_around_the_gate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[bool, bool]] = []

    def record(out: io.StringIO, misses: bool, unseal: bool) -> int:
        calls.append((misses, unseal))
        return 1

    monkeypatch.setattr(report, "run", record)

    codes = [report.main([]), report.main(["--misses"]), report.main(["--misses", "--unseal"])]

    assert (codes, calls) == ([1, 1, 1], [(False, False), (True, False), (True, True)])
    with pytest.raises(SystemExit):
        report.main(["--gate-floor", "0.5"])
