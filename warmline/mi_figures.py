"""`warmline mi-figures`: how MI-adherent the bot is, from the MITI 4.2 codes on what it says.

    uv run warmline mi-figures

Over the test conversations (bot/tests/*.yml), as a person would meet the bot: the share of open
questions among questions (target at least 70%), reflections to questions (at least 1:1), and the
counts of MI-non-adherent messages (confront, persuade) and untagged ones (both 0). The same
figures over the whole domain, every response once, are printed for information; but there too
an untagged or non-adherent response fails, since every response must carry a code. Exits 1 when
a target is missed.

MITI 4.2 itself codes questions without the open/closed split (the 70% share is MITI 3.1.1's);
the issue asks for both. Asking permission is coded seek_collaboration and is not counted as a
question; giving information, affirming and emphasising autonomy count towards neither side.

The BARC-10's ten statements are counted apart, as instrument items (`instrument_item`), and
printed on their own line. MITI codes the clinician's conversational behaviour: the questions
they choose to ask. A standardized rating scale read verbatim, after the person has agreed to
it, is the structure of the session, not a choice of question: its items cannot be reworded as
open questions without ceasing to be the validated instrument, and ten closed items in a row
would make the open share measure the instrument's length rather than the bot's MI style. Only
the instrument's items are counted this way. Every other question, however scripted (the 0-10
cravings question, the importance and confidence rulers, "have you used since we last checked
in?" when it is asked again), is a question the bot chose to ask and is counted as one.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.actions.miti import INSTRUMENT, NON_ADHERENT, REFLECTIONS, ActionsSay
from warmline.engine_env import BOT_DIR
from warmline.mi_read import (
    Said,
    domain_said,
    load_actions,
    load_domain,
    stories_said,
)

OPEN_SHARE_AT_LEAST = 0.70
REFLECTIONS_PER_QUESTION = 1.0


@dataclass(frozen=True)
class Figures:
    messages: float
    open_questions: float
    closed_questions: float
    reflections: float
    instrument_items: float  # reported, never counted as questions (see the module's docstring)
    non_adherent: Mapping[str, str]  # where it is said -> what says it
    untagged: Mapping[str, str]

    @property
    def questions(self) -> float:
        return self.open_questions + self.closed_questions

    @property
    def open_share(self) -> float | None:
        return self.open_questions / self.questions if self.questions else None

    @property
    def ratio(self) -> float | None:
        return self.reflections / self.questions if self.questions else None


@dataclass(frozen=True)
class Target:
    name: str
    value: str
    bound: str
    met: bool
    everywhere: bool = False  # decides over the whole domain too, not only the conversations


def figures(said: Iterable[Said]) -> Figures:
    counts = dict.fromkeys(("open_question", "closed_question", "reflection", "instrument"), 0.0)
    counts["messages"] = 0.0
    non_adherent: dict[str, str] = {}  # keyed by where: a message's variations count once
    untagged: dict[str, str] = {}
    for item in said:
        counts["messages"] += item.weight
        if item.codes is None:
            untagged[item.where] = item.name
            continue
        for code in item.codes:
            key = "reflection" if code in REFLECTIONS else code
            key = "instrument" if code in INSTRUMENT else key
            if key in counts:
                counts[key] += item.weight
        if NON_ADHERENT.intersection(item.codes):
            non_adherent[item.where] = item.name
    return Figures(
        counts["messages"],
        counts["open_question"],
        counts["closed_question"],
        counts["reflection"],
        counts["instrument"],
        non_adherent,
        untagged,
    )


def targets(found: Figures) -> list[Target]:
    share, ratio = found.open_share, found.ratio
    return [
        Target(
            "open questions among questions",
            f"{_n(found.open_questions)} of {_n(found.questions)} = "
            + ("-" if share is None else f"{share:.1%}"),
            f">= {OPEN_SHARE_AT_LEAST:.0%}",
            share is not None and share >= OPEN_SHARE_AT_LEAST,
        ),
        Target(
            "reflections to questions",
            f"{_n(found.reflections)} : {_n(found.questions)} = "
            + ("-" if ratio is None else f"{ratio:.2f}:1"),
            f">= {REFLECTIONS_PER_QUESTION:g}:1",
            found.reflections >= REFLECTIONS_PER_QUESTION * found.questions,
        ),
        Target(
            "MI-non-adherent (confront, persuade)",
            str(len(found.non_adherent)),
            "0",
            not found.non_adherent,
            everywhere=True,
        ),
        Target("untagged", str(len(found.untagged)), "0", not found.untagged, everywhere=True),
    ]


def print_figures(title: str, found: Figures, out: TextIO) -> list[Target]:
    print(f"\n{title}: {_n(found.messages)} messages", file=out)
    checked = targets(found)
    for target in checked:
        verdict = "met" if target.met else "MISSED"
        print(f"  {target.name:<38}{target.value:<28} (target {target.bound}) {verdict}", file=out)
    print(
        f"  {'instrument items (BARC-10), apart':<38}{_n(found.instrument_items):<28} "
        "(not questions: read verbatim)",
        file=out,
    )
    for label, found_where in (("non-adherent", found.non_adherent), ("untagged", found.untagged)):
        # Grouped by what says it: the fix is in one response or action, not in each story.
        by_name = Counter(found_where.values())
        for name, count in sorted(by_name.items()):
            print(f"    {label}: {name}, {count} message{'s' if count > 1 else ''}", file=out)
    return checked


def run(out: TextIO, bot_dir: Path, actions: ActionsSay) -> int:
    domain = load_domain(bot_dir / "domain")
    stories = sorted((bot_dir / "tests").glob("*.yml"))
    in_stories = figures(stories_said(stories, domain, actions))
    in_domain = figures(domain_said(domain, actions))
    print("MI figures from the MITI 4.2 codes on what the bot says", file=out)
    gated = print_figures(f"test conversations ({len(stories)} files)", in_stories, out)
    informed = print_figures("whole domain, every response once (for information)", in_domain, out)
    # Over the domain only "every response tagged, none non-adherent" decides: the ratios there
    # weigh rarely-said responses like frequent ones, so they are not how a person meets the bot.
    gated += [target for target in informed if target.everywhere]
    return 0 if all(target.met for target in gated) else 1


def _n(count: float) -> str:
    """A count to one decimal: shared variations make fractions, whole counts stay whole."""
    return f"{count:.1f}".removesuffix(".0")


def main() -> int:
    return run(sys.stdout, BOT_DIR, load_actions())


if __name__ == "__main__":
    sys.exit(main())
