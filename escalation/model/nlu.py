"""The assistant's own NLU training examples, as ordinary (not risk) messages for the model.

The labelled sets are mostly about risk; on their own they teach the model little of how people
ask for a meeting, a ride or a shelter, and a message made of words it has never seen scored
near the prior, at the threshold. The bot's NLU examples (bot/data, Rasa 3.x format) are exactly
that everyday wording. Each is a negative example, except where the rules alone rate it crisis or
higher, or a labelled set calls the same text emergency or crisis: the model must never be
taught that a risky sentence is safe.

The model reads a snapshot of those examples (ordinary_talk.yml), not bot/data as it stands: the
assistant's NLU data grows for intent classification, and each growth would otherwise retrain
the crisis screener unseen. It did: with the bot's examples grown from 1,301 to 3,192, the blind
set's emergency and crisis messages rated crisis or higher fell from 90.4% to 87.2%. A change to
the snapshot is a change to screening, made on purpose, with its figures before and after.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path

import yaml

from escalation.levels import Level
from escalation.lexicon import Lexicon

NLU_DIR = Path(__file__).resolve().parents[2] / "bot" / "data"
ORDINARY_TALK = Path(__file__).resolve().parent / "ordinary_talk.yml"

# `[ohio](state)`, `[ohio]{"entity": "state", "value": "OH"}`, `[ohio][state]` -> `ohio`
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")


def nlu_paths(directory: Path = NLU_DIR) -> list[Path]:
    """Every YAML file under bot/data, sorted (their order makes the training order)."""
    return sorted(path for pattern in ("*.yml", "*.yaml") for path in directory.rglob(pattern))


def ordinary_talk_paths() -> list[Path]:
    """The files the risk model learns ordinary talk from: the snapshot, not bot/data."""
    return [ORDINARY_TALK]


def strip_annotations(text: str) -> str:
    return " ".join(_ANNOTATION.sub(r"\1", text).split())


def read_examples(paths: Sequence[Path]) -> list[str]:
    """The intents' example texts, annotations stripped, in file order, each once."""
    texts: dict[str, None] = {}
    for path in paths:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        blocks = (raw.get("nlu") or []) if isinstance(raw, dict) else []
        for block in blocks:
            if not isinstance(block, dict) or "intent" not in block:
                continue  # regex, lookup and synonym blocks are not messages
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = strip_annotations(line[2:])
                    if text:
                        texts.setdefault(text, None)
    return list(texts)


def ordinary_examples(
    lexicon: Lexicon, paths: Sequence[Path], risky_texts: Collection[str] = ()
) -> list[str]:
    """The NLU examples fit to teach as not risk: none the rules alone rate crisis or higher,
    none a labelled set (`risky_texts`) calls emergency or crisis."""
    from escalation.screener import LexiconScreener

    rules = LexiconScreener(lexicon)
    risky = {_key(text) for text in risky_texts}
    return [
        text
        for text in read_examples(paths)
        if _key(text) not in risky and rules(text).level < Level.CRISIS
    ]


def _key(text: str) -> str:
    return " ".join(text.lower().split())
