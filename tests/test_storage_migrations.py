"""Alembic migrations give exactly the tables of the models, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from storage.db import DatabaseError, create_schema, make_engine, schema_differences, upgrade

HEAD = "0004"  # the latest migration in storage/migrations/versions


def test_migrating_an_empty_schema_gives_the_models_tables(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert schema_differences(conn) == []
            tables = set(inspect(conn).get_table_names())
            assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        upgrade(db_url)  # a second upgrade is a no-op
        from alembic import command

        from storage.db import alembic_config
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"alembic_version"}
        upgrade(db_url)
        with engine.connect() as conn:
            assert schema_differences(conn) == []
    finally:
        engine.dispose()


def test_a_create_schema_database_is_adopted_and_a_different_one_refused(db_url):
    engine = make_engine(db_url)
    try:
        create_schema(engine)
        upgrade(engine=engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))
            conn.execute(text("DROP TABLE alert_delivery"))
        with pytest.raises(DatabaseError, match="differ from the models"):
            upgrade(engine=engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("how", ["create_schema", "upgrade"])
def test_workers_starting_together_do_not_trip_over_the_schema(db_url, how):
    if db_url.startswith("sqlite"):
        pytest.skip("the embedded SQLite store has one process; the schema lock is for PostgreSQL workers")
    import threading

    errors = []

    def worker():
        try:
            if how == "upgrade":
                upgrade(db_url)
            else:
                eng = make_engine(db_url)
                create_schema(eng)
                eng.dispose()
        except Exception as exc:  # collected and asserted on below
            errors.append(repr(exc))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert schema_differences(conn) == []
    engine.dispose()


def test_a_create_schema_database_of_the_first_revision_is_adopted_and_upgraded(db_url):
    """A store made by create_schema() before migration 0002 existed (the CLI did that) keeps its rows."""
    from alembic import command

    from storage.db import alembic_config
    upgrade(db_url, "0001")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))
            conn.execute(text("INSERT INTO source (id, publisher, authority, region) VALUES ('s', '统计局', 1, '沈阳')"))
        upgrade(engine=engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            assert schema_differences(conn) == []
            assert conn.execute(text("SELECT publisher FROM source")).scalar() == "统计局"
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
            assert conn.execute(text("SELECT publisher FROM source")).scalar() == "统计局"
    finally:
        engine.dispose()


def test_0004_gives_stored_over_and_under_figures_their_bound_and_downgrades_keeping_rows(db_url):
    """Versions stored before 0004: over gets low = value, under high = value, the rest no bounds."""
    from alembic import command

    from storage.db import alembic_config
    upgrade(db_url, "0003")
    engine = make_engine(db_url)
    ts = "2025-01-20 02:00:00"
    try:
        with engine.begin() as conn:
            for sql in (
                "INSERT INTO source (id, publisher, authority, region) VALUES ('s', '统计局', 1, '沈阳')",
                f"INSERT INTO page (id, url, source_id, kind, first_seen) VALUES (1, 'u', 's', 'article', '{ts}')",
                f"INSERT INTO page_version (id, page_id, fetched_at, status) VALUES (1, 1, '{ts}', 200)",
                "INSERT INTO series (id, indicator, region, kind, unit, base, created_at) "
                f"VALUES (1, 'GDP', '沈阳', 'level', '元', '', '{ts}')",
                "INSERT INTO observation (id, series_id, period, period_start, period_end, grain, in_conflict) "
                "VALUES (1, 1, '2025', '2025-01-01', '2025-12-31', 'year', false)"):
                conn.execute(text(sql))
            for vid, value, qualifier in ((1, 4400, "'over'"), (2, 30, "'under'"), (3, 4439.2, "NULL"),
                                          (4, 4400, "'approx'")):
                conn.execute(text(
                    "INSERT INTO observation_version (id, observation_id, source_id, page_version_id, value, qualifier, "
                    "evidence, recorded_at, valid_from, extractor_version, change_type) "
                    f"VALUES ({vid}, 1, 's', 1, {value}, {qualifier}, 'e', '{ts}', '{ts}', 'x', 'new')"))
        upgrade(engine=engine)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, low, high FROM observation_version ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [(1, 4400.0, None), (2, None, 30.0), (3, None, None), (4, None, None)]
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0003")
        with engine.connect() as conn:
            assert "low" not in {c["name"] for c in inspect(conn).get_columns("observation_version")}
            assert conn.execute(text("SELECT count(*) FROM observation_version")).scalar() == 4
    finally:
        engine.dispose()


def test_head_read_from_the_files_is_alembics_head():
    """upgrade() skips Alembic when the store is at head_revision(); it must be the head Alembic sees."""
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config, head_revision
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_store_behind_head_is_still_migrated_by_the_fast_upgrade(db_url):
    """The shortcut applies only at head: a store at 0003 gains 0004's bounds columns."""
    upgrade(db_url, "0003")
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            columns = {c["name"] for c in inspect(conn).get_columns("observation_version")}
            assert {"low", "high"} <= columns
    finally:
        engine.dispose()
