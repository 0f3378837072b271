"""Named read positions: none before the first advance, then the last one set."""

from __future__ import annotations

from datetime import timedelta

from store import cursors
from store.db import Database
from tests.store.helpers import T0


def test_a_cursor_is_none_until_set_then_keeps_the_last_position(db: Database) -> None:
    with db.transaction() as session:
        assert cursors.get_position(session, "telegram:getUpdates") is None
        cursors.set_position(session, "telegram:getUpdates", 101, T0)
    with db.transaction() as session:
        cursors.set_position(session, "telegram:getUpdates", 2**40, T0 + timedelta(seconds=1))
        cursors.set_position(session, "other", 5, T0)
    with db.transaction() as session:
        assert cursors.get_position(session, "telegram:getUpdates") == 2**40  # update ids grow
        assert cursors.get_position(session, "other") == 5
