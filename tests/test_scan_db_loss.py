"""A database that goes away in the middle of a scan: what was recorded stays, the run says what
happened, and the next scan picks up the rest from the same archive. Real PostgreSQL."""
from __future__ import annotations

import os
from datetime import date

import psycopg
import pytest

from shenyang_monitor.config import DEMO_REPLAY
from shenyang_monitor.scan import run_scan
from storage.db import create_schema, make_engine, session_scope
from storage.models import Alert, PageVersion
from sqlmodel import func, select

from .conftest import _conninfo

pytestmark = pytest.mark.postgres


@pytest.fixture
def own_database():
    """A database of its own: the test shuts connections to it, which it must not do to `test`."""
    name = f"shenyang_loss_{os.getpid()}"
    admin = psycopg.connect(_conninfo(), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin, name
    finally:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_scan_survives_losing_the_database_and_the_next_scan_picks_up_the_rest(own_database, tmp_path):
    admin, name = own_database
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    engine = make_engine(url)
    create_schema(engine)
    seen = []

    def cut_after_list_pages(event, **info):
        if event == "page":
            seen.append(info["outcome"].status)
            if seen == ["list", "list"]:  # both list pages recorded, no article yet
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))

    args = dict(source_ids=["lnd_epaper"], scan_date=date(2025, 1, 21), replay=[DEMO_REPLAY],
                archive_dir=tmp_path / "archive")
    first = run_scan(engine, progress=cut_after_list_pages, **args)
    assert first.exit_code == 1
    assert first.tally.pages == {"list": 2, "failed": 3}
    assert all("OperationalError" in p for p in first.tally.problems)
    assert any(e.startswith("database:") for e in first.source_errors)

    admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    engine.dispose()
    second = run_scan(engine, **args)
    assert second.exit_code == 0, second.tally.problems
    # The list pages were kept from the first run; the articles are processed now.
    assert second.tally.pages == {"unchanged": 2, "new": 1, "rejected": 2}
    assert second.tally.alert_ids
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(Alert)).one() == len(second.tally.alert_ids)
        assert s.exec(select(func.count()).select_from(PageVersion)).one() == 5
    engine.dispose()
