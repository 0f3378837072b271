"""What the bot says, with its MITI 4.2 codes: read from the domain, the test stories and the
custom actions' `MITI` maps (the convention: bot/actions/miti.py). Pure but for reading files.

A story step says what its response says; a form step says what the form's validation says
back to the message it answers (a reflection, say), then asks its requested slot
(`utter_ask_...`), again when the story sets no new one (a re-ask, or the form picking up after
an interruption). The slots the story has set choose among a response's conditional variations
as Rasa does, and let a `Chosen` action pick what it says. A response's remaining variations,
and a custom action's alternatives, share one message's weight: which one is said is not in
the story, and each is as likely as the next.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.actions.miti import CODES, ActionsSay, Chosen, Run, Turn

Codes = tuple[str, ...]

# Rasa's own actions that say nothing; the default fallback says the domain's utter_default.
SILENT = frozenset(
    {
        "action_listen",
        "action_restart",
        "action_session_start",
        "action_back",
        "action_deactivate_loop",
        "action_revert_fallback_events",
        "action_unlikely_intent",
        "action_extract_slots",
    }
)
DEFAULT_FALLBACK = "action_default_fallback"
NO_TURN = Turn({}, {}, None, None)  # nothing known: every variation and alternative is open


@dataclass(frozen=True)
class Said:
    """One message, or one of its equally likely variations (then `weight` is its share)."""

    name: str  # the response or action it comes from
    where: str  # where it is said, for the report; one message, one `where`
    codes: Codes | None  # None: untagged, or tagged with a code MITI 4.2 does not have
    weight: float = 1.0


@dataclass(frozen=True)
class Variation:
    codes: Codes | None
    condition: tuple[tuple[str, Any], ...] = ()  # (slot, value) pairs that must all hold


@dataclass(frozen=True)
class Domain:
    responses: Mapping[str, Sequence[Variation]]  # name -> its variations
    forms: frozenset[str] = field(default_factory=frozenset)


def codes_of(metadata: object) -> Codes | None:
    """The codes in a response's or a message's metadata: `{miti: code}` or `{miti: [codes]}`."""
    if not isinstance(metadata, Mapping):
        return None
    value = metadata.get("miti")
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) and item in CODES for item in items):
        return None
    return tuple(items)


def _variation(data: Mapping[str, Any]) -> Variation:
    condition = tuple(
        (str(c.get("name")), c.get("value"))
        for c in data.get("condition") or []
        if isinstance(c, Mapping) and c.get("type") == "slot"
    )
    return Variation(codes_of(data.get("metadata")), condition)


def load_domain(directory: Path) -> Domain:
    responses: dict[str, list[Variation]] = {}
    forms: set[str] = set()
    for path in sorted(directory.glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        for name, variations in (data.get("responses") or {}).items():
            responses[name] = [_variation(v) for v in variations or []]
        forms.update(data.get("forms") or {})
    return Domain(responses, frozenset(forms))


def load_actions(package: str = "bot.actions") -> ActionsSay:
    """Every action module's `MITI` map. Imports the modules, as the action server does."""
    found: ActionsSay = {}
    root = importlib.import_module(package)
    for module in pkgutil.iter_modules(root.__path__):
        declared = getattr(importlib.import_module(f"{package}.{module.name}"), "MITI", None)
        if isinstance(declared, dict):
            found.update(declared)
    return found


def runs_of(entry: tuple[Run, ...] | Chosen) -> tuple[Run, ...]:
    return entry.runs if isinstance(entry, Chosen) else entry


def spoken(variations: Sequence[Variation], slots: Mapping[str, Any]) -> list[Variation]:
    """The variations Rasa picks from: those whose conditions all hold, if any do, else the
    ones without a condition."""
    matching = [
        v
        for v in variations
        if v.condition and all(slots.get(name) == value for name, value in v.condition)
    ]
    return matching or [v for v in variations if not v.condition]


def domain_said(domain: Domain, actions: ActionsSay) -> list[Said]:
    """Every response once (its variations share the weight), and every text an action writes."""
    said = [
        Said(name, f"{name} variation {n}", variation.codes, 1 / len(variations))
        for name, variations in domain.responses.items()
        for n, variation in enumerate(variations, 1)
    ]
    said += [
        Said(f"{name} (no variations)", name, None)
        for name, variations in domain.responses.items()
        if not variations
    ]
    for action, entry in actions.items():
        for n, run in enumerate(runs_of(entry), 1):
            said += [
                Said(action, f"{action} alternative {n} message {m}", codes_of(message))
                for m, message in enumerate(run, 1)
                if not isinstance(message, str)  # a domain response: counted above
            ]
    return said


def said_by(
    action: str,
    where: str,
    domain: Domain,
    actions: ActionsSay,
    weight: float = 1.0,
    turn: Turn = NO_TURN,
) -> list[Said]:
    """What one story step that runs `action` says."""
    if action in domain.responses:
        return _response(action, where, domain, weight, turn)
    if action in actions and runs_of(actions[action]):
        return _alternatives(action, where, domain, actions, weight, turn)
    if action in SILENT or action in actions:  # no runs, or only `()`: it never speaks
        return []
    if action == DEFAULT_FALLBACK:
        return said_by("utter_default", where, domain, actions, weight, turn)
    why = "not in the domain" if action.startswith("utter_") else "no MITI entry"
    return [Said(f"{action} ({why})", f"{where}: {action}", None, weight)]


def _response(action: str, where: str, domain: Domain, weight: float, turn: Turn) -> list[Said]:
    variations = spoken(domain.responses[action], turn.slots)
    if not variations:
        return [Said(f"{action} (no variations)", f"{where}: {action}", None, weight)]
    share = weight / len(variations)
    return [Said(action, f"{where}: {action}", v.codes, share) for v in variations]


def _alternatives(
    action: str, where: str, domain: Domain, actions: ActionsSay, weight: float, turn: Turn
) -> list[Said]:
    entry = actions[action]
    runs = runs_of(entry)
    if isinstance(entry, Chosen) and turn is not NO_TURN:
        runs = entry.choose(turn)
        if any(run not in entry.runs for run in runs):
            # The decision picked what its map does not declare: the map is out of date.
            return [Said(f"{action} (says a run its MITI map lacks)", f"{where}: {action}", None)]
    if not runs:
        return []
    share = weight / len(runs)
    said: list[Said] = []
    for run in runs:
        for message in run:
            if isinstance(message, str):  # a response, never another action: no loops
                said += said_by(message, where, domain, {}, share, turn)
            else:
                said.append(Said(action, f"{where}: {action}", codes_of(message), share))
    return said


def form_ask(form: str, slot: str, domain: Domain, actions: ActionsSay) -> str:
    """The action or response a form asks `slot` with, in Rasa's order of preference."""
    for name in (f"action_ask_{form}_{slot}", f"action_ask_{slot}"):
        if name in actions:
            return name
    specific = f"utter_ask_{form}_{slot}"
    return specific if specific in domain.responses else f"utter_ask_{slot}"


def _is_message(step: Mapping[str, Any]) -> bool:
    return "user" in step or "intent" in step


def _slots_in(step: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for event in step.get("slot_was_set") or []:
        if isinstance(event, Mapping):  # a bare name ("- slot") says only "set": no value
            found.update(event)
    return found


@dataclass(frozen=True)
class _After:
    """What the story writes after an action step, up to the next action or message."""

    set_now: dict[str, Any]
    ended: bool  # `active_loop: null`: a form stopped, and asks nothing more


def _after(steps: Sequence[Mapping[str, Any]]) -> _After:
    set_now: dict[str, Any] = {}
    ended = False
    for step in steps:
        if "action" in step or _is_message(step):
            break
        ended = ended or ("active_loop" in step and step["active_loop"] is None)
        set_now.update(_slots_in(step))
    return _After(set_now, ended)


def steps_said(
    label: str, steps: Sequence[Mapping[str, Any]], domain: Domain, actions: ActionsSay
) -> Iterator[Said]:
    slots: dict[str, Any] = {}
    requested: str | None = None
    message: tuple[str, str | None] | None = None  # the text and intent an action answers
    for index, step in enumerate(steps):
        if _is_message(step):
            intent = step.get("intent")
            message = (
                str(step.get("user") or "").strip(),
                intent if isinstance(intent, str) else None,
            )
            continue
        slots.update(_slots_in(step))
        action = step.get("action")
        if not isinstance(action, str):
            continue
        after = _after(steps[index + 1 :])
        slots.update(after.set_now)
        text, intent = message or (None, None)
        turn = Turn(dict(slots), after.set_now, text, intent)
        message = None  # the next action answers no message, but follows this one
        where = f"{label} step {index + 1}"
        if action not in domain.forms:
            yield from said_by(action, where, domain, actions, turn=turn)
            continue
        if turn.text is not None and f"validate_{action}" in actions:
            yield from said_by(f"validate_{action}", where, domain, actions, turn=turn)
        requested = None if after.ended else after.set_now.get("requested_slot", requested)
        if requested is not None:
            yield from said_by(form_ask(action, requested, domain, actions), where, domain,
                               actions, turn=turn)  # fmt: skip


def stories_said(paths: Iterable[Path], domain: Domain, actions: ActionsSay) -> list[Said]:
    said: list[Said] = []
    for path in paths:
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        for story in [*(data.get("stories") or []), *(data.get("rules") or [])]:
            label = f"{path.name} '{story.get('story') or story.get('rule')}'"
            said += steps_said(label, story.get("steps") or [], domain, actions)
    return said
