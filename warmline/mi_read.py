"""What the bot says, with its MITI 4.2 codes: read from the domain, the test stories and the
custom actions' `MITI` maps (the convention: bot/actions/miti.py). Pure but for reading files.

A story step says what its response says; a form step asks its requested slot (`utter_ask_...`),
again when the story sets no new one (a re-ask, or the form picking up after an interruption).
A response's variations, and a custom action's alternatives, share one message's weight: which
one is said is not in the story, and each is as likely as the next.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.actions.miti import CODES, ActionsSay

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


@dataclass(frozen=True)
class Said:
    """One message, or one of its equally likely variations (then `weight` is its share)."""

    name: str  # the response or action it comes from
    where: str  # where it is said, for the report; one message, one `where`
    codes: Codes | None  # None: untagged, or tagged with a code MITI 4.2 does not have
    weight: float = 1.0


@dataclass(frozen=True)
class Domain:
    responses: Mapping[str, Sequence[Codes | None]]  # name -> each variation's codes
    forms: frozenset[str]


def codes_of(metadata: object) -> Codes | None:
    """The codes in a response's or a message's metadata: `{miti: code}` or `{miti: [codes]}`."""
    if not isinstance(metadata, Mapping):
        return None
    value = metadata.get("miti")
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) and item in CODES for item in items):
        return None
    return tuple(items)


def load_domain(directory: Path) -> Domain:
    responses: dict[str, list[Codes | None]] = {}
    forms: set[str] = set()
    for path in sorted(directory.glob("*.yml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        for name, variations in (data.get("responses") or {}).items():
            responses[name] = [codes_of(v.get("metadata")) for v in variations or []]
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


def domain_said(domain: Domain, actions: ActionsSay) -> list[Said]:
    """Every response once (its variations share the weight), and every text an action writes."""
    said = [
        Said(name, f"{name} variation {n}", codes, 1 / len(variations))
        for name, variations in domain.responses.items()
        for n, codes in enumerate(variations, 1)
    ]
    said += [
        Said(f"{name} (no variations)", name, None)
        for name, variations in domain.responses.items()
        if not variations
    ]
    for action, runs in actions.items():
        for n, run in enumerate(runs, 1):
            said += [
                Said(action, f"{action} alternative {n} message {m}", codes_of(message))
                for m, message in enumerate(run, 1)
                if not isinstance(message, str)  # a domain response: counted above
            ]
    return said


def said_by(
    action: str, where: str, domain: Domain, actions: ActionsSay, weight: float = 1.0
) -> list[Said]:
    """What one story step that runs `action` says."""
    if action in domain.responses:
        variations = domain.responses[action]
        if not variations:
            return [Said(f"{action} (no variations)", f"{where}: {action}", None, weight)]
        share = weight / len(variations)
        return [Said(action, f"{where}: {action}", codes, share) for codes in variations]
    if actions.get(action):
        return _alternatives(action, where, domain, actions, weight)
    if action in SILENT or action in actions:  # `actions[action] == ()`: it never speaks
        return []
    if action == DEFAULT_FALLBACK:
        return said_by("utter_default", where, domain, actions, weight)
    why = "not in the domain" if action.startswith("utter_") else "no MITI entry"
    return [Said(f"{action} ({why})", f"{where}: {action}", None, weight)]


def _alternatives(
    action: str, where: str, domain: Domain, actions: ActionsSay, weight: float
) -> list[Said]:
    runs = actions[action]
    share = weight / len(runs)
    said: list[Said] = []
    for run in runs:
        for message in run:
            if isinstance(message, str):  # a response, never another action: no loops
                said += said_by(message, where, domain, {}, share)
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


def _form_after(steps: Sequence[Mapping[str, Any]], requested: str | None) -> str | None:
    """The slot a form asks for after its step: the one the story sets next, else the same."""
    for step in steps:
        if "action" in step or "user" in step or "intent" in step:
            break
        if "active_loop" in step and step["active_loop"] is None:
            return None
        for event in step.get("slot_was_set") or []:
            if isinstance(event, Mapping) and "requested_slot" in event:
                requested = event["requested_slot"]
    return requested


def steps_said(
    label: str, steps: Sequence[Mapping[str, Any]], domain: Domain, actions: ActionsSay
) -> Iterator[Said]:
    requested: str | None = None
    for index, step in enumerate(steps):
        action = step.get("action")
        if not isinstance(action, str):
            continue
        where = f"{label} step {index + 1}"
        if action not in domain.forms:
            yield from said_by(action, where, domain, actions)
            continue
        requested = _form_after(steps[index + 1 :], requested)
        if requested is not None:
            ask = form_ask(action, requested, domain, actions)
            yield from said_by(ask, where, domain, actions)


def stories_said(paths: Iterable[Path], domain: Domain, actions: ActionsSay) -> list[Said]:
    said: list[Said] = []
    for path in paths:
        data: dict[str, Any] = yaml.safe_load(path.read_text()) or {}
        for story in [*(data.get("stories") or []), *(data.get("rules") or [])]:
            label = f"{path.name} '{story.get('story') or story.get('rule')}'"
            said += steps_said(label, story.get("steps") or [], domain, actions)
    return said
