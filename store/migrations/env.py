"""Alembic environment: the URL comes from the caller (store.migrate), never from a file."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from store.db import create_db_engine
from store.models import UTCDateTime
from store.schema import metadata

config = context.config


def _render_item(
    kind: str,
    obj: Any,
    autogen_context: AutogenContext,  # noqa: ARG001 - the render_item interface
) -> str | Literal[False]:
    # UTCDateTime only changes what Python reads back; migrations keep the plain column type
    # and never import the models.
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_db_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()


run_migrations_online()
