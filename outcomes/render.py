"""The program report as lines (section, measure, value), printed as a text table or as CSV.

A share is printed with its count and denominator ("3 of 4 (75%)"), never as a bare percentage:
a funder reading 100% should see it was 1 of 1. The CSV keeps the numbers unformatted.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from outcomes.crisis import LevelFigures
from outcomes.report import ProgramReport
from outcomes.stats import share

CSV_COLUMNS = ("section", "measure", "value", "of", "share")


@dataclass(frozen=True)
class Line:
    section: str
    measure: str
    value: float | None  # None: nothing to compute it from
    of: int | None = None  # the denominator, when the value is a count out of it

    @property
    def share(self) -> float | None:
        return None if self.of is None or self.value is None else share(int(self.value), self.of)


def lines(report: ProgramReport) -> list[Line]:
    return [
        *_reach(report),
        *_recovery(report),
        *(line for level in report.escalations for line in _level(level)),
        *(Line("Escalation outcomes", kind, count) for kind, count in report.outcomes.items()),
        *_linkage(report),
        Line("Opt-outs", "people who opted out (STOP, a carrier, a blocked bot)", report.opt_outs),
    ]


def _linkage(report: ProgramReport) -> list[Line]:
    section, linkage = "Linkage tasks", report.linkage
    return [
        Line(section, "opened (need found, or a peer asked for)", linkage.opened),
        Line(section, "said yes to a peer", linkage.accepted, linkage.opened),
        *(Line(section, f"-> {end}", n, linkage.opened) for end, n in linkage.by_end.items()),
    ]


def _reach(report: ProgramReport) -> list[Line]:
    e, c, r = report.enrollments, report.checkups, report.early_response
    return [
        Line("Enrollment", "enrolled", e.enrolled),
        Line("Enrollment", "invited", e.invited),
        Line("Enrollment", "invited -> consented", e.consented, e.invited),
        Line("Enrollment", "invited -> declined", e.declined, e.invited),
        Line("Enrollment", "invited -> expired (no answer)", e.expired, e.invited),
        Line("Enrollment", "invited -> awaiting an answer", e.awaiting, e.invited),
        Line("Check-ups", "sent", c.sent),
        Line("Check-ups", "answered within their expiry", c.answered, c.sent),
        Line("Check-ups", "completed", c.completed, c.sent),
        Line("Check-ups", "completed showing need for linkage (staff)", c.need_linkage),
        Line("Check-ups", "completed with a peer asked for", c.peer_requested),
        Line("First week", "texted within 7 days of discharge", r.responded, r.discharged),
        Line("First week", "discharged, still within their 7 days", r.waiting),
    ]


def _recovery(report: ProgramReport) -> list[Line]:
    b = report.barc10
    section = "BARC-10 (10-60)"
    return [
        Line(
            section, "people with a first and a latest total, by the period's end (n)", b.change.n
        ),
        Line(section, "mean change, first to latest (points)", b.change.mean),
        Line(section, "95% CI of the mean change, low", b.change.low),
        Line(section, "95% CI of the mean change, high", b.change.high),
        Line(section, "check-ins with fewer than ten items answered (no total)", b.without_total),
        Line(
            section,
            "47 or more at latest: a strengths signal for staff, not a pass mark",
            b.strengths_signal,
            b.with_latest,
        ),
    ]


def _level(level: LevelFigures) -> list[Line]:
    section = f"Escalations: {level.level}"
    return [
        Line(section, "escalations", level.escalations),
        Line(section, "claimed by a peer", level.claimed, level.escalations),
        Line(section, "target (minutes)", level.target_minutes),
        Line(section, "time to claim, median (minutes)", level.median_minutes),
        Line(section, "time to claim, p90 (minutes)", level.p90_minutes),
        Line(section, "claimed within target", level.within_target, level.judged),
    ]


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.1f}"


def shown(line: Line) -> str:
    if line.of is None:
        return _number(line.value)
    percent = "" if line.share is None else f" ({line.share:.0%})"
    return f"{_number(line.value)} of {line.of}{percent}"


def to_text(report: ProgramReport) -> str:
    """A plain table: one block per section, measures left, values right-aligned."""
    all_lines = lines(report)
    width = max(len(line.measure) for line in all_lines) + 2
    out = [f"Program report: {report.scope.label}", ""]
    section = ""
    for line in all_lines:
        if line.section != section:
            section = line.section
            out += ["", section] if len(out) > 2 else [section]
        out.append(f"  {line.measure.ljust(width)}{shown(line):>16}")
    out += ["", "Months are UTC calendar months. Counts cover people enrolled in a program."]
    return "\n".join(out) + "\n"


def _raw(value: float | None) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else str(round(value, 4))


def to_csv(report: ProgramReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines(report):
        of = "" if line.of is None else line.of
        writer.writerow((line.section, line.measure, _raw(line.value), of, _raw(line.share)))
    return buffer.getvalue()
