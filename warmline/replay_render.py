"""The replay's figures as a printed table, and as JSON with every transcript."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from warmline.replay_figures import WITH, ExpectRow, Figures, Identifier, labelled
from warmline.replay_transcript import Recorded

SHOWN = 100  # characters of an unmapped reply in the table; the JSON has them whole


def table(found: Figures, title: str, opened_by: str) -> str:
    lines = [
        title,
        f"{found.conversations} conversations, {found.person_turns} person turns, "
        f"{found.replies} replies. Check-ups and BARC-10s opened by {opened_by}.",
        "",
    ]
    for target in found.targets:
        verdict = "met" if target.met else "MISSED"
        lines.append(f"  {target.name:<40}{target.value:<28} (target {target.bound}) {verdict}")
    lines += _details(found)
    lines += ["", "By expect (turns that got ...):", _expect_header()]
    lines += [_expect_line(name, row) for name, row in found.by_expect.items()]
    if found.miti.unmapped:
        lines += ["", "Unmapped replies (no known text matches them; not coded):"]
        lines += [f"  - {_short(text)}" for text in found.miti.unmapped]
    return "\n".join(lines) + "\n"


def _details(found: Figures) -> list[str]:
    coded, fell = found.miti.counted, found.fallbacks
    lines = [
        f"  {'instrument items (BARC-10), apart':<40}{_n(coded.instrument_items)}",
        f"  {'coded replies':<40}{_n(coded.messages)} (untagged {len(coded.untagged)})",
        f"  {'gateway texts (no MITI code)':<40}{sum(found.miti.gateway_uncoded.values())} "
        + _counts(found.miti.gateway_uncoded),
        f"  {'unmapped replies':<40}{len(found.miti.unmapped)} distinct",
        f"  {'turns with no reply':<40}{len(fell.no_reply)}",
        f"  {'longest run of one reply':<40}{found.repeats.longest_run}",
    ]
    if fell.by_response:
        lines.append(f"  generic replies: {_counts(fell.by_response)}")
    for label, at in (("generic only", fell.generic_only), ("repeats", found.repeats.where)):
        if at:
            lines.append(f"  {label} at: {', '.join(at)}")
    for where, name in sorted(coded.non_adherent.items()):
        lines.append(f"  non-adherent: {name} at {where}")
    return lines


def _expect_header() -> str:
    got = "".join(f"{name:>14}" for name in WITH)
    return f"  {'expect':<18}{'turns':>6}{'no reply':>10}{'generic':>9}{got}  outcome"


def _expect_line(name: str, row: ExpectRow) -> str:
    got = "".join(f"{row.got[key]:>14}" for key in WITH)
    outcome = f"  {row.outcome}: {row.outcome_turns} of {row.turns}" if row.outcome else ""
    return f"  {name:<18}{row.turns:>6}{row.no_reply:>10}{row.generic_only:>9}{got}{outcome}"


def as_json(
    found: Figures, recorded: Sequence[Recorded], identify: Identifier, meta: dict[str, Any]
) -> dict[str, Any]:
    coded = found.miti.counted
    return {
        **meta,
        "conversations": found.conversations,
        "person_turns": found.person_turns,
        "replies": found.replies,
        "targets": [vars(target) for target in found.targets],
        "generic_fallback": {
            "share": found.fallbacks.share,
            "turns": found.fallbacks.generic_only,
            "by_response": found.fallbacks.by_response,
            "no_reply": found.fallbacks.no_reply,
        },
        "repeats": {"at": found.repeats.where, "longest_run": found.repeats.longest_run},
        "miti": {
            "coded_replies": coded.messages,
            "open_questions": coded.open_questions,
            "closed_questions": coded.closed_questions,
            "reflections": coded.reflections,
            "instrument_items": coded.instrument_items,
            "open_share": coded.open_share,
            "reflections_per_question": coded.ratio,
            "non_adherent": dict(coded.non_adherent),
            "untagged": dict(coded.untagged),
            "gateway_uncoded": found.miti.gateway_uncoded,
            "unmapped": found.miti.unmapped,
        },
        "by_expect": {
            name: {**vars(row), "got": dict(row.got)} for name, row in found.by_expect.items()
        },
        "transcripts": [_transcript(c, identify) for c in recorded],
    }


def _transcript(conversation: Recorded, identify: Identifier) -> dict[str, Any]:
    exchanges = []
    for at, exchange in labelled(conversation):
        replies = []
        for reply in exchange.replies:
            known = identify(reply)
            said = {"name": known.name, "codes": known.codes} if known else {"name": None}
            replies.append({"text": reply, **said})
        exchanges.append({"at": at, "kind": exchange.kind, "text": exchange.text,
                          "expect": exchange.expect, "replies": replies})  # fmt: skip
    return {
        "id": conversation.id,
        "persona": conversation.persona,
        "opens_with": conversation.opens_with,
        "exchanges": exchanges,
    }


def _counts(counted: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counted.items()))


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN else flat[: SHOWN - 3] + "..."


def _n(count: float) -> str:
    return f"{count:.1f}".removesuffix(".0")
