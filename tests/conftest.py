"""Shared fixtures: every storage/alerts test runs on a real SQLite file and on the real PostgreSQL.

PostgreSQL tests each get a fresh schema (search_path set through the URL), dropped afterwards, so
tests never see each other's rows. If the server is not reachable the PostgreSQL tests FAIL with the
reason: a store that only works on SQLite must not pass silently.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

# Another server can be named for a CI machine; the default is the one every developer machine runs.
PG_ADMIN_URL = os.environ.get("SHENYANG_MONITOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _conninfo() -> str:
    from sqlalchemy.engine import make_url

    u = make_url(PG_ADMIN_URL)
    parts = {"host": u.host or "127.0.0.1", "port": u.port or 5432, "dbname": u.database, "user": u.username,
             "password": u.password, "connect_timeout": 5}
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def _pg_schema():
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(_conninfo(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is not reachable ({exc}); the storage suite needs it", pytrace=False)
    return name


def _drop_pg_schema(name: str) -> None:
    import psycopg

    with psycopg.connect(_conninfo(), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A database URL nobody else uses: a SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'monitor.db'}"
        return
    schema = _pg_schema()
    try:
        sep = "&" if "?" in PG_ADMIN_URL else "?"
        yield f"{PG_ADMIN_URL}{sep}options={quote('-csearch_path=' + schema)}"
    finally:
        _drop_pg_schema(schema)


@pytest.fixture
def engine(db_url):
    from storage.db import create_schema, make_engine

    eng = make_engine(db_url)
    create_schema(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as s:
        yield s
        s.rollback()
