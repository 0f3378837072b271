"""`warmline screening-feedback`: what peers said the screener got wrong, as labelled data.

Every false alarm (a case resolved as one) and missed risk (a message a peer marked) becomes a
message in the labelled sets' shape (escalation/evaluation/train/corpus.yml: text and level),
with the kind of mistake, the level the screener gave and when it was reported. The texts are
participants' own words: the file is its owner's alone, and only counts are ever printed.

With `--train` the file goes to var/screening-feedback/ (never committed), which the risk model
reads as training data: the next build of the screener (start-up, or `warmline
evaluate-screening`) retrains on the peers' corrections, and its thresholds are chosen again on
the tuning set, never on the corrections themselves.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import yaml

from store import feedback
from store.db import Database

HEADER = (
    "# Warmline screening feedback: peers' corrections to the screener, as labelled messages.\n"
    "# These are participants' own words, not synthetic: keep this file private, never commit\n"
    "# it, and delete it once the screening work is done.\n"
)


class ExportError(Exception):
    """The export cannot be written where it was asked to go."""


def as_yaml(rows: Sequence[feedback.Labelled]) -> str:
    messages = [
        {
            "text": row.text,
            "level": row.level,
            "kind": row.kind,
            "screened_level": row.screened_level,
            "reported_at": row.reported_at.isoformat(),
        }
        for row in rows
    ]
    body = yaml.safe_dump(
        {"version": 1, "messages": messages}, sort_keys=False, allow_unicode=True, width=100
    )
    return HEADER + body


def _private_file(path: Path, force: bool) -> TextIO:
    """Opens `path` for writing, readable by its owner alone; an existing file only with
    `force`, and never through a symbolic link someone else left there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_TRUNC if force else os.O_EXCL)
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:
        raise ExportError(f"{path} exists; --force overwrites it") from None
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror}") from None
    os.fchmod(descriptor, 0o600)  # an overwritten file keeps its old mode otherwise
    return os.fdopen(descriptor, "w", encoding="utf-8")


def summary(rows: Sequence[feedback.Labelled]) -> str:
    kinds = Counter(row.kind for row in rows)
    each = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    return f"screening feedback: {len(rows)} labelled messages" + (f" ({each})" if each else "")


def training_file() -> Path:
    """Where `--train` writes: a private folder the model's training reads (sets.py)."""
    from escalation.evaluation.sets import feedback_folder

    folder = feedback_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / "peer-feedback.yml"


def export(database_url: str, out: Path | None, force: bool) -> int:
    db = Database(database_url)
    try:
        with db.transaction() as session:
            rows = feedback.labelled(session)
    finally:
        db.dispose()
    text = as_yaml(rows)
    if out is None:
        sys.stdout.write(text)
    else:
        with _private_file(out, force) as file:
            file.write(text)
    print(summary(rows), file=sys.stderr)
    return 0
