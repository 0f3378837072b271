"""The screener on messages written from the structure grammar (escalation/generation.yml).

A consistency check, reported as a fit: the grammar and the rules were written by the same hand,
and the model may train on draws from it (model/train.py), so a figure here says whether the
screener reads the structure as its scenes label it, not how well it generalises. The draw has a
seed of its own, not the training one: other sentences, the same words.
"""

from __future__ import annotations

from typing import TextIO

from escalation.generation import Generated, generate, load_grammar
from escalation.levels import Level
from escalation.lexicon import load_lexicon
from escalation.screening import screen

SEED = 2026  # the model's training draw uses TrainingConfig.seed (0)
PER_SCENE = 200


def read_as_labelled(rated: Level, label: Level) -> bool:
    """The screening targets' own lines: risk rated crisis or higher, a concern concern or
    higher, anything else below crisis."""
    if label >= Level.CRISIS:
        return rated >= Level.CRISIS
    if label is Level.CONCERN:
        return rated >= Level.CONCERN
    return rated < Level.CRISIS


def generated_examples(per_scene: int = PER_SCENE, seed: int = SEED) -> list[Generated]:
    return generate(load_lexicon(), load_grammar(), per_scene, seed)


def report_generated(out: TextIO, misses: bool) -> None:
    drawn = generated_examples()
    print(
        f"\ngenerated from escalation/generation.yml ({len(drawn)} messages, seed {SEED}):"
        " each scene read as labelled, as fit",
        file=out,
    )
    for scene in dict.fromkeys(item.scene for item in drawn):
        mine = [(item, screen(item.text).level) for item in drawn if item.scene == scene]
        wrong = [(item, level) for item, level in mine if not read_as_labelled(level, item.level)]
        good, label = len(mine) - len(wrong), mine[0][0].level.label
        print(f"  {scene:<26}{label:<11}{good:>4}/{len(mine):<4}{good / len(mine):>6.0%}", file=out)
        for item, level in wrong if misses else []:
            print(f"      rated {level.label:<10}{item.text!r}", file=out)
