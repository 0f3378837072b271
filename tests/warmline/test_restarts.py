"""The restart policy, with plain numbers for times."""

from __future__ import annotations

from warmline.restarts import RestartHistory, RestartPolicy


def test_backoff_doubles_from_the_first_delay_up_to_the_cap() -> None:
    policy = RestartPolicy(first_delay=1.0, max_delay=30.0)

    assert [policy.delay(n) for n in range(7)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]


def test_each_restart_waits_longer_than_the_one_before() -> None:
    history = RestartHistory(RestartPolicy(first_delay=1.0))

    assert [history.record(now) for now in (0.0, 1.0, 3.0)] == [1.0, 2.0, 4.0]
    assert history.total == 3


def test_five_restarts_within_two_minutes_is_a_crash_loop() -> None:
    history = RestartHistory(RestartPolicy())
    for now in (0.0, 10.0, 20.0, 30.0):
        history.record(now)
    assert not history.in_crash_loop(40.0)

    history.record(40.0)

    assert history.in_crash_loop(50.0)


def test_restarts_older_than_the_window_no_longer_count() -> None:
    history = RestartHistory(RestartPolicy(first_delay=1.0))
    for now in (0.0, 10.0, 20.0, 30.0, 40.0):
        history.record(now)

    assert not history.in_crash_loop(161.0)
    assert history.recent(161.0) == 0
    assert history.record(161.0) == 1.0  # the backoff starts again after a quiet spell
    assert history.total == 6
