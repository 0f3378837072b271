"""Reading a program's enrollment CSV: every row checked before anything is imported, each bad
row named with every reason it is bad. Pure: no database, no I/O beyond the text given.

Problems name the row and the column, never the value: the report goes to a terminal or a
ticket, and a phone number or a name has no place there.

Columns (a header row; order free; unknown columns refused, since a misspelt header would
otherwise drop its values silently):

- `external_id` (required): the program's own id for the person; how a person already enrolled
  is recognised when a later file names them again.
- `discharge_date` (required): YYYY-MM-DD, or M/D/YYYY as spreadsheets write US dates.
- `plan` (required): a plan in checkins/plans/.
- `phone` and/or `telegram` (at least one): a phone number the `phonenumbers` library finds
  valid (national numbers read in the default region); `telegram` is yes or no, and yes makes a
  deep link the person opens to start.
- `display_name`, `site`, `peer` (a peer on the roster), `timezone` (an IANA zone, else the
  default given), `contact_window` (HH:MM-HH:MM in the person's zone; 09:00-20:00 if empty),
  `language` (en or es: what the invitation and the crisis texts are written in; en if empty).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers

REQUIRED = ("external_id", "discharge_date", "plan")
OPTIONAL = (
    "phone", "telegram", "display_name", "site", "peer", "timezone", "contact_window", "language"
)  # fmt: skip
DEFAULT_WINDOW = (time(9), time(20))
# A discharge more than a year ago has no plan left worth starting; more than 90 days ahead is
# more likely a typo in the year than a real discharge date.
OLDEST_DISCHARGE = timedelta(days=365)
LATEST_DISCHARGE = timedelta(days=90)
SHORTEST_WINDOW = timedelta(hours=2)
MAX_LENGTH = {"external_id": 64, "display_name": 80, "site": 80}
LANGUAGES = {"": None, "en": None, "es": "es"}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


class CsvFileError(ValueError):
    """The file as a whole cannot be read (encoding, header): no row is looked at."""


@dataclass(frozen=True)
class EnrollmentRow:
    """One valid row, normalised: the phone in E.164, the zone and the window checked."""

    line: int
    external_id: str
    discharge_date: date
    plan: str
    phone: str | None
    telegram: bool
    display_name: str | None
    site: str | None
    peer: str | None
    timezone: str
    window: tuple[time, time]
    language: str | None = None  # "es"; None is English, as on the participant


@dataclass(frozen=True)
class BadRow:
    line: int
    problems: tuple[str, ...]


@dataclass
class CheckedFile:
    rows: list[EnrollmentRow] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    """What a row is checked against, besides its own shape."""

    plans: Collection[str]
    peers: Collection[str]
    today: date
    default_timezone: str | None = None
    region: str = "US"


def read_enrollment_csv(text: str, rules: Rules) -> CheckedFile:
    """Every row of the file, valid or with its problems. The header is line 1."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    _check_header(reader.fieldnames)
    checked = CheckedFile()
    seen: dict[tuple[str, str], int] = {}
    for raw in reader:
        line = reader.line_num  # the file's own line, though the reader skips empty ones
        if raw.get(None):  # more cells than the header has columns
            checked.bad.append(BadRow(line, ("more cells than the header has columns",)))
            continue
        values = {key: (value or "").strip() for key, value in raw.items() if key is not None}
        if not any(values.values()):
            continue  # a blank line, as spreadsheets leave at the end
        row, problems = _check_row(line, values, rules)
        problems.extend(_repeats(line, values, row, seen))
        if problems or row is None:
            checked.bad.append(BadRow(line, tuple(problems)))
        else:
            checked.rows.append(row)
    return checked


def check_values(
    values: dict[str, str], rules: Rules, line: int = 1
) -> tuple[EnrollmentRow | None, list[str]]:
    """One person given column by column (the console's form), checked by the same rules as a
    file's row: the row, or None and every problem."""
    cleaned = {key: value.strip() for key, value in values.items()}
    return _check_row(line, cleaned, rules)


def check_discharge(text: str, today: date) -> tuple[date | None, str | None]:
    """A discharge date by the file's rules (a changed one, in the console)."""
    return _discharge(text.strip(), today)


def _check_header(fields: Iterable[str] | None) -> None:
    names = [name.strip() for name in fields or []]
    if not names:
        raise CsvFileError("the file is empty: expected a header row")
    unknown = sorted(set(names) - set(REQUIRED) - set(OPTIONAL))
    missing = [name for name in REQUIRED if name not in names]
    problems = []
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s): {', '.join(unknown)}")
    if "phone" not in names and "telegram" not in names:
        problems.append("a phone or a telegram column is needed")
    if problems:
        known = ", ".join((*REQUIRED, *OPTIONAL))
        raise CsvFileError(f"{'; '.join(problems)} (the columns are: {known})")


def _check_row(
    line: int, values: dict[str, str], rules: Rules
) -> tuple[EnrollmentRow | None, list[str]]:
    problems: list[str] = []

    def note(problem: str | None) -> None:
        if problem:
            problems.append(problem)

    for name, limit in MAX_LENGTH.items():
        if len(values.get(name, "")) > limit:
            problems.append(f"{name}: longer than {limit} characters")
    external_id = values.get("external_id", "")
    note(None if external_id else "external_id: empty")
    discharged, problem = _discharge(values.get("discharge_date", ""), rules.today)
    note(problem)
    plan = values.get("plan", "")
    note(None if plan in rules.plans else f"plan: not one of {', '.join(sorted(rules.plans))}")
    phone, phone_problem = _phone(values.get("phone", ""), rules.region)
    note(phone_problem)
    telegram, problem = _yes_no(values.get("telegram", ""))
    note(problem)
    if phone is None and not telegram and not (problem or phone_problem):
        note("phone or telegram: neither given, so the person could not be reached")
    peer, problem = _peer(values.get("peer", ""), rules.peers)
    note(problem)
    zone, problem = _zone(values.get("timezone", ""), rules.default_timezone)
    note(problem)
    window, problem = _window(values.get("contact_window", ""))
    note(problem)
    language = values.get("language", "").lower()
    note(None if language in LANGUAGES else "language: expected en or es")
    if problems or discharged is None or zone is None or window is None:
        return None, problems
    return EnrollmentRow(
        line=line,
        external_id=external_id,
        discharge_date=discharged,
        plan=plan,
        phone=phone,
        telegram=telegram,
        display_name=values.get("display_name") or None,
        site=values.get("site") or None,
        peer=peer,
        timezone=zone,
        window=window,
        language=LANGUAGES[language],
    ), problems


def _repeats(
    line: int,
    values: dict[str, str],
    row: EnrollmentRow | None,
    seen: dict[tuple[str, str], int],
) -> list[str]:
    """A person named twice in one file: the later row is refused, naming the earlier."""
    keys = [("external_id", values.get("external_id", ""))]
    if row is not None and row.phone is not None:
        keys.append(("phone", row.phone))
    problems = []
    for key in keys:
        if not key[1]:
            continue
        if key in seen:
            problems.append(f"{key[0]}: the same as on line {seen[key]}")
        else:
            seen[key] = line
    return problems


def _discharge(text: str, today: date) -> tuple[date | None, str | None]:
    if not text:
        return None, "discharge_date: empty"
    parsed = None
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            parsed = datetime.strptime(text, pattern).date()
            break
        except ValueError:
            continue
    if parsed is None:
        return None, "discharge_date: not a date (YYYY-MM-DD or M/D/YYYY)"
    if parsed < today - OLDEST_DISCHARGE:
        return None, "discharge_date: more than a year ago"
    if parsed > today + LATEST_DISCHARGE:
        return None, "discharge_date: more than 90 days ahead (a typo in the year?)"
    return parsed, None


def _phone(text: str, region: str) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None, "phone: not a phone number"
    if not phonenumbers.is_valid_number(number):
        return None, "phone: not a valid number (a digit missing or extra, or no such area code)"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def _yes_no(text: str) -> tuple[bool, str | None]:
    word = text.lower()
    if word in _YES:
        return True, None
    if word in _NO:
        return False, None
    return False, "telegram: expected yes or no"


def _zone(text: str, default: str | None) -> tuple[str | None, str | None]:
    name = text or default
    if not name:
        return None, "timezone: empty, and no default zone was given (--timezone)"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None, "timezone: not a time zone (for example America/Chicago)"
    return name, None


_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def _window(text: str) -> tuple[tuple[time, time] | None, str | None]:
    if not text:
        return DEFAULT_WINDOW, None
    found = _WINDOW.match(text)
    problem = "contact_window: expected HH:MM-HH:MM, for example 09:00-20:00"
    if found is None:
        return None, problem
    hours_start, minutes_start, hours_end, minutes_end = (int(part) for part in found.groups())
    if max(hours_start, hours_end) > 23 or max(minutes_start, minutes_end) > 59:
        return None, problem
    start, end = time(hours_start, minutes_start), time(hours_end, minutes_end)
    length = datetime.combine(date.min, end) - datetime.combine(date.min, start)
    if length < SHORTEST_WINDOW:
        return None, "contact_window: must start before it ends and last 2 hours or more"
    return (start, end), None


def _peer(given: str, roster: Collection[str]) -> tuple[str | None, str | None]:
    """The roster's spelling of the peer named ("ana" is Ana), or why there is none."""
    if not given.strip():
        return None, None
    found = next((name for name in roster if name.casefold() == given.strip().casefold()), None)
    if found is not None:
        return found, None
    on_it = f"on it: {', '.join(sorted(roster))}" if roster else "nobody is on it yet"
    return None, f"peer: not on the roster ({on_it})"
