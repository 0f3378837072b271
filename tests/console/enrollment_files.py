"""A program's CSV for the console's enrollment tests: good rows, and one bad row of each kind."""

from __future__ import annotations

from datetime import timedelta

from core.clock import utcnow

HEADER = (
    "external_id,display_name,discharge_date,plan,phone,telegram,timezone,contact_window,peer,site"
)


def discharged(days_ago: int = 3) -> str:
    return (utcnow().date() - timedelta(days=days_ago)).isoformat()


def good_rows() -> list[str]:
    return [
        f"P-1,Riley,{discharged()},standard,(312) 555-0142,no,"
        "America/Chicago,09:00-20:00,Ana,North",
        f"P-2,Sky,{discharged(10)},rmc_quarterly,,yes,,10:00-18:00,,South",
    ]


# Each bad row names the problem the report must give for it.
BAD_ROWS = {
    f"P-3,Bad Phone,{discharged()},standard,555-01,no,,,,": "phone: not a valid number",
    f"P-4,Bad Zone,{discharged()},standard,(312) 555-0143,no,Mars/Olympus,,,": "timezone: not a",
    "P-5,Bad Date,31/31/2026,standard,(312) 555-0144,no,,,,": "discharge_date: not a date",
    f"P-6,Bad Plan,{discharged()},weekly,(312) 555-0145,no,,,,": "plan: not one of",
    f"P-7,No Way,{discharged()},standard,,no,,,,": "neither given",
    f"P-8,Bad Window,{discharged()},standard,(312) 555-0146,no,,20:00-21:00,,": "contact_window",
    f"P-9,Bad Peer,{discharged()},standard,(312) 555-0147,no,,,Zed,": "peer: not on the roster",
    f"P-1,Twice,{discharged()},standard,(312) 555-0148,no,,,,": "external_id: the same as on",
    f"P-10,Old,{discharged(400)},standard,(312) 555-0149,no,,,,": "more than a year ago",
    f"P-11,Tele,{discharged()},standard,,maybe,,,,": "telegram: expected yes or no",
}


def csv_text(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows]) + "\n"
