"""The replay's conversations files: a sealed set is refused before a byte of it is read unless
--unseal is given (by its folder, through a link, or as a copy); the sample set loads; a
person's "no" stays the word they typed; a file that is not conversations is refused clearly;
and a report is never written over an existing file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from warmline import cli
from warmline.replay_conversations import (
    EXPECTS,
    SEALED_DIR,
    SEALED_SHA256,
    ConversationsError,
    is_sealed,
    load,
)

SEALED = SEALED_DIR / "conversations_2028_02.yml"
SAMPLE = SEALED_DIR.parent / "sample" / "sample_conversations.yml"
ONE = """version: test
conversations:
  - id: one
    persona: someone
    opens_with: person
    turns:
      - text: {text}
        expect: {expect}
"""


def test_the_sealed_set_is_refused_without_unseal(capsys: pytest.CaptureFixture[str]) -> None:
    assert SEALED.exists()
    code = cli.main(["replay-conversations", str(SEALED)])
    assert code == 2
    assert "sealed set" in capsys.readouterr().err


def test_the_sealed_set_is_the_one_the_readme_names_byte_for_byte() -> None:
    # Hashed, never parsed: a changed byte means the sealed set is no longer the one written.
    assert hashlib.sha256(SEALED.read_bytes()).hexdigest() in SEALED_SHA256


def test_a_path_under_the_sealed_folder_is_refused_by_where_it_is_not_what_it_holds() -> None:
    missing = SEALED_DIR / "not_written_yet.yml"  # refused before anything tries to read it
    with pytest.raises(ConversationsError, match="sealed set"):
        load(missing)


def test_a_link_to_the_sealed_set_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "innocent.yml"
    link.symlink_to(SEALED)
    with pytest.raises(ConversationsError, match="sealed set"):
        load(link)


def test_a_copy_of_a_sealed_file_is_known_by_its_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yml"
    copy.write_text(ONE.format(text="hi", expect="small_talk"))
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    assert is_sealed(copy, sealed_sha256={digest})
    assert not is_sealed(copy, sealed_sha256={"0" * 64})


def test_the_sample_set_loads_in_the_sealed_sets_schema() -> None:
    conversations = load(SAMPLE)
    turns = [turn for c in conversations for turn in c.turns]
    assert (len(conversations), len(turns)) == (7, 42)
    assert {c.opens_with for c in conversations} == {"checkup", "barc10", "person"}
    assert {"crisis", "opt_out", "spanish"} <= {turn.expect for turn in turns}
    assert {turn.expect for turn in turns} <= set(EXPECTS)


@pytest.mark.parametrize("typed", ["no", "Yes", "5", "~", "off", "2026-12-05"])
def test_what_the_person_typed_stays_text(tmp_path: Path, typed: str) -> None:
    path = tmp_path / "typed.yml"
    path.write_text(ONE.format(text=typed, expect="understand_answer"))
    (conversation,) = load(path)
    assert conversation.turns[0].text == typed


@pytest.mark.parametrize(
    ("text", "expect", "named"),
    [("hi", "greeting", "turn 1: expect must be one of"), ('""', "small_talk", "turn 1: text")],
)
def test_a_file_that_is_not_conversations_is_refused_by_what_is_wrong(
    tmp_path: Path, text: str, expect: str, named: str
) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(ONE.format(text=text, expect=expect))
    with pytest.raises(ConversationsError, match=named):
        load(path)


def test_a_report_is_never_written_over_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "report.json"
    existing.write_text("kept")
    args = ["replay-conversations", str(SAMPLE), "--out", str(existing), "--base-url", "x"]
    assert cli.main(args) == 2
    assert "exists" in capsys.readouterr().err
    assert existing.read_text() == "kept"


def test_a_report_into_a_folder_not_made_is_refused_before_anything_is_replayed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sealed 2027-11 set's reading printed its figures and then could not be written."""
    missing = tmp_path / "not-made" / "report.json"
    args = ["replay-conversations", str(SAMPLE), "--out", str(missing), "--base-url", "x"]
    assert cli.main(args) == 2
    assert "not a folder" in capsys.readouterr().err
    assert not missing.parent.exists()
