"""When a due event may go out: inside the person's own contact window on their own clock,
across both DST changes, late within its expiry after an outage, never stale."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkins.windows import Window, expires_at, send_at

CHICAGO = ZoneInfo("America/Chicago")
DAY = Window(time(9), time(20), CHICAGO)
A_DAY = timedelta(hours=24)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_inside_the_window_it_goes_now() -> None:
    now = utc(2026, 12, 4, 18)  # noon in Chicago

    assert send_at(DAY, date(2026, 12, 4), A_DAY, now) == now


def test_before_the_window_it_waits_for_nine_on_their_clock() -> None:
    assert send_at(DAY, date(2026, 12, 4), A_DAY, utc(2026, 12, 4, 10)) == utc(2026, 12, 4, 15)


def test_after_the_window_it_waits_for_the_next_morning_within_its_expiry() -> None:
    evening = utc(2026, 12, 5, 3)  # 21:00 in Chicago

    assert send_at(DAY, date(2026, 12, 4), A_DAY, evening) == utc(2026, 12, 5, 15)
    assert send_at(DAY, date(2026, 12, 4), timedelta(hours=12), evening) is None


def test_after_an_outage_it_goes_late_within_its_expiry_and_never_stale() -> None:
    due_on, expiry = date(2026, 12, 1), timedelta(hours=72)

    assert send_at(DAY, due_on, expiry, utc(2026, 12, 3, 16)) == utc(2026, 12, 3, 16)
    assert send_at(DAY, due_on, expiry, utc(2026, 12, 4, 16)) is None
    assert expires_at(DAY, due_on, expiry) == utc(2026, 12, 4, 15)


def test_an_event_due_later_waits_for_its_own_day() -> None:
    assert send_at(DAY, date(2026, 12, 10), A_DAY, utc(2026, 12, 4, 18)) == utc(2026, 12, 10, 15)


@pytest.mark.parametrize(
    ("day", "opens_utc", "closes_utc"),
    [
        (date(2026, 3, 7), utc(2026, 3, 7, 15), utc(2026, 3, 8, 2)),  # CST, the day before
        (date(2026, 3, 8), utc(2026, 3, 8, 14), utc(2026, 3, 9, 1)),  # clocks went forward
        (date(2026, 10, 31), utc(2026, 10, 31, 14), utc(2026, 11, 1, 1)),  # CDT
        (date(2026, 11, 1), utc(2026, 11, 1, 15), utc(2026, 11, 2, 2)),  # clocks went back
    ],
)
def test_the_window_is_nine_to_eight_on_their_clock_on_both_dst_change_days(
    day: date, opens_utc: datetime, closes_utc: datetime
) -> None:
    assert (DAY.opens(day), DAY.closes(day)) == (opens_utc, closes_utc)
    assert send_at(DAY, day, A_DAY, opens_utc - timedelta(hours=5)) == opens_utc


def test_a_window_edge_in_the_hour_that_does_not_exist_still_opens_once() -> None:
    night = Window(time(2, 30), time(6), CHICAGO)  # 02:30 never happens on March 8

    opening = send_at(night, date(2026, 3, 8), A_DAY, utc(2026, 3, 8, 0))

    assert opening == utc(2026, 3, 8, 8, 30)  # read with the offset before the change
    assert opening is not None
    assert opening.astimezone(CHICAGO).hour == 3


ZONES = st.sampled_from(["America/Chicago", "America/New_York", "Europe/London", "UTC"])
INSTANTS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=UTC)
)


@given(
    zone=ZONES,
    start=st.integers(0, 14),
    length=st.integers(2, 9),
    due_on=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    expiry_hours=st.integers(1, 24 * 14),
    now=INSTANTS,
)
def test_a_send_time_is_never_before_now_outside_the_window_or_past_the_expiry(
    zone: str, start: int, length: int, due_on: date, expiry_hours: int, now: datetime
) -> None:
    window = Window(time(start), time(start + length), ZoneInfo(zone))
    expiry = timedelta(hours=expiry_hours)

    found = send_at(window, due_on, expiry, now)

    deadline = expires_at(window, due_on, expiry)
    if found is not None:
        assert found >= now
        assert found >= window.opens(due_on)
        assert found <= deadline
        assert window.contains(found)
    else:  # not open at the earliest moment, and no window opens after it before the deadline
        earliest = max(now, window.opens(due_on))
        assert not (window.contains(earliest) and earliest <= deadline)
        day = earliest.astimezone(window.zone).date()
        while window.opens(day) <= deadline:
            assert not earliest <= window.opens(day)
            day += timedelta(days=1)
