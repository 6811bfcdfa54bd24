"""Alembic environment: the models' metadata, and the connection handed over by storage.db.upgrade()."""
from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.types import UTCDateTime

target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    # Migrations name the project's types through sqlalchemy only, so they never break when a model
    # module moves: UTC timestamps are timestamptz, SQLModel's AutoString is a plain String.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and type(obj).__name__ == "AutoString":
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run the migrations through storage.db.upgrade(url), which provides the connection")
    context.configure(connection=connection, target_metadata=target_metadata, render_item=render_item,
                      compare_type=True, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; use storage.db.upgrade(url)")
run()
