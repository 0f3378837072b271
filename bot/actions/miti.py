"""MITI 4.2 behaviour codes for what the custom actions say: the convention every action follows.

Domain responses carry their code in the response's `metadata: {miti: <code>}` (or a list of
codes for a response that does several things, in order). A custom action that writes its own
text tags it the same way, through `utter_message`'s metadata, so the code travels with the
message like a domain response's does:

    WELCOME_BACK = tag("give_information")
    dispatcher.utter_message(text="Welcome back ...", metadata=WELCOME_BACK)

and its module declares, in a module-level `MITI`, what each of its actions can say, so that
`warmline mi-figures` can count the action in the test stories without running it:

    MITI: ActionsSay = {
        "action_barc10_start": ((), (WELCOME_BACK,)),     # says nothing, or the welcome back
        "action_checkup_finish": (("utter_checkup_summary", "utter_checkup_close"),),
    }

Each entry is the action's alternatives (what one run can say), each a sequence of messages in
order: a `Tag` for a text the action writes, or the name of a domain response it utters with
`response="utter_..."` (counted with the domain's own code). `()` is a run that says nothing.
The figures weigh an action's alternatives equally, as they weigh a response's variations. An
action that appears in a test story without a `MITI` entry is counted as untagged.

An action whose words follow from the conversation (a form's validation reflecting the answer
it read, a closing that depends on the answers) is a `Chosen` instead: every run it can say,
and a function that picks, from what a test story shows at that step (`Turn`), the runs open
there. The function is the action's own decision, shared with the action, so the figures count
what the person would actually be told, not an average over everything the action can say.

Codes are MITI 4.2's, but for one marker of ours: `instrument_item`, a standardized rating
item read verbatim (the BARC-10's ten statements). See `warmline/mi_figures.py` for why it is
reported apart from the clinician's own questions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, get_args

Code = Literal[
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "affirm",
    "seek_collaboration",
    "emphasize_autonomy",
    "give_information",
    # Not a MITI code: one item of a standardized questionnaire, read verbatim after permission.
    "instrument_item",
    # MI-non-adherent: known so that the checker can name them; they must never be used.
    "confront",
    "persuade",
]
CODES: frozenset[str] = frozenset(get_args(Code))
QUESTIONS: frozenset[str] = frozenset({"open_question", "closed_question"})
REFLECTIONS: frozenset[str] = frozenset({"simple_reflection", "complex_reflection"})
INSTRUMENT: frozenset[str] = frozenset({"instrument_item"})
NON_ADHERENT: frozenset[str] = frozenset({"confront", "persuade"})


class Tag(TypedDict):
    """A message's metadata: the same shape as a domain response's `metadata`."""

    miti: Code | list[Code]


def tag(first: Code, *more: Code) -> Tag:
    """`metadata` for `utter_message(text=...)`: one code, or several in the order said."""
    return {"miti": [first, *more]} if more else {"miti": first}


Said = Tag | str  # a text the action writes, or the name of a domain response it utters
Run = tuple[Said, ...]  # what one run of an action says, in order


@dataclass(frozen=True)
class Turn:
    """What a test story shows at one step of the conversation."""

    slots: Mapping[str, Any]  # every slot the story has set so far, this step's own included
    set_now: Mapping[str, Any]  # the slots this step set (the story writes them after it)
    text: str | None  # the message this step answers; None when it follows another action
    intent: str | None  # that message's intent


@dataclass(frozen=True)
class Chosen:
    """An action whose words follow from the conversation."""

    runs: tuple[Run, ...]  # everything it can say
    choose: Callable[[Turn], tuple[Run, ...]]  # the runs open at this turn, equally likely


ActionsSay = dict[str, tuple[Run, ...] | Chosen]  # action name -> its alternatives
