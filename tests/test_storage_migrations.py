"""Alembic migrations give exactly the tables of the models, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from storage.db import DatabaseError, create_schema, make_engine, schema_differences, upgrade


def test_migrating_an_empty_schema_gives_the_models_tables(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert schema_differences(conn) == []
            tables = set(inspect(conn).get_table_names())
            assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        upgrade(db_url)  # a second upgrade is a no-op
    finally:
        engine.dispose()


def test_a_create_schema_database_is_adopted_and_a_different_one_refused(db_url):
    engine = make_engine(db_url)
    try:
        create_schema(engine)
        upgrade(engine=engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))
            conn.execute(text("DROP TABLE alert_delivery"))
        with pytest.raises(DatabaseError, match="differ from the models"):
            upgrade(engine=engine)
    finally:
        engine.dispose()
