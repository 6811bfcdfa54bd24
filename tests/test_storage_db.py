"""Engine factory, schema, sessions, timestamps, indicator search and runs."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.db import DatabaseError, create_schema, database_url, make_engine, session_scope
from storage.indicators import sync_indicators
from storage.models import Page, PageVersion, Run, Source
from storage.pages import record_fetch, sync_sources
from storage.queries import find_indicators, series_latest
from storage.runs import finish_run, start_run
from storage.series import record_figures
from tests.storage_helpers import SOURCES, fetched, fig


def test_database_url_precedence(monkeypatch):
    monkeypatch.delenv("SHENYANG_MONITOR_DB", raising=False)
    assert database_url() == "sqlite:///data/monitor.db"
    monkeypatch.setenv("SHENYANG_MONITOR_DB", "sqlite:///env.db")
    assert database_url() == "sqlite:///env.db"
    assert database_url("sqlite:///arg.db") == "sqlite:///arg.db"


def test_sqlite_file_dir_created_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "deep" / "er" / "monitor.db"
    eng = make_engine(f"sqlite:///{path}")
    create_schema(eng)
    assert path.exists()
    with eng.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with pytest.raises(IntegrityError):
        with session_scope(eng) as s:
            s.add(Page(url="https://x.example/", source_id="no_such_source"))
    eng.dispose()


def test_unreachable_database_error_names_the_url():
    with pytest.raises(DatabaseError, match=r"127\.0\.0\.1:1/none"):
        make_engine("postgresql://nobody:secret@127.0.0.1:1/none")
    try:
        make_engine("postgresql://nobody:secret@127.0.0.1:1/none")
    except DatabaseError as exc:
        assert "secret" not in str(exc)
    with pytest.raises(DatabaseError, match="not a database URL"):
        make_engine("no url at all")


def test_sqlite_in_an_unusable_place_names_the_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(DatabaseError, match="file/sub/monitor.db"):
        make_engine(f"sqlite:///{blocker}/sub/monitor.db")
    with pytest.raises(DatabaseError, match="not a database"):
        make_engine(f"sqlite:///{blocker}")


def test_session_scope_commits_and_rolls_back(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
    with pytest.raises(RuntimeError):
        with session_scope(engine) as s:
            s.add(Source(id="tmp", publisher="x", authority=3, region="沈阳"))
            s.flush()
            raise RuntimeError("boom")
    with session_scope(engine) as s:
        assert s.get(Source, "tmp") is None and s.get(Source, "lnd").publisher == "辽宁日报"


def test_timestamps_come_back_aware_utc(engine):
    shanghai = timezone(timedelta(hours=8))
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched("https://x.example/a", "A", at="2026-01-15T10:00:00+08:00"))
        pv.published = datetime(2026, 1, 15, 9, 30, tzinfo=shanghai)
        pv_id = pv.id
    with session_scope(engine) as s:
        pv = s.get(PageVersion, pv_id)
        assert pv.fetched_at == datetime(2026, 1, 15, 2, 0, tzinfo=timezone.utc)
        assert pv.published.utcoffset() == timedelta(0) and pv.published.hour == 1


def test_sqlite_timestamps_are_stored_as_sqlalchemy_datetime_text(tmp_path):
    """UTCDateTime's own SQLite processors write the text SQLAlchemy's DATETIME writes (SQL compares it as
    text, and stores written before must keep comparing right) and read that text, older spellings too."""
    from sqlalchemy import DateTime
    from sqlalchemy.dialects import sqlite

    eng = make_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
    create_schema(eng)
    at = datetime(2026, 1, 15, 10, 0, 0, 1234, tzinfo=timezone(timedelta(hours=8)))
    with session_scope(eng) as s:
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched("https://x.example/a", "A", at=at.isoformat()))
        pv_id = pv.id
    dialect = sqlite.dialect()
    reference = DateTime().dialect_impl(dialect).bind_processor(dialect)(datetime(2026, 1, 15, 2, 0, 0, 1234))
    with eng.connect() as conn:
        stored = conn.execute(text("SELECT fetched_at FROM page_version WHERE id = :i"), {"i": pv_id}).scalar()
        assert stored == reference == "2026-01-15 02:00:00.001234"
        conn.execute(text("UPDATE page_version SET fetched_at = '2026-01-15 02:00:00' WHERE id = :i"), {"i": pv_id})
        conn.commit()
    with session_scope(eng) as s:
        assert s.get(PageVersion, pv_id).fetched_at == datetime(2026, 1, 15, 2, 0, tzinfo=timezone.utc)
    eng.dispose()


def test_find_indicators_simplified_traditional_and_alias(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        sync_indicators(s, [{"id": "gdp", "name": "地区生产总值", "aliases": ["GDP", "经济总量"]},
                            {"id": "air_good_days", "name": "空气质量优良天数", "aliases": ["优良天数"]}])
        pv = record_fetch(s, fetched("https://x.example/a", "A"))
        record_figures(s, pv, [fig("地区生产总值", 4439.2, "亿元", "2025", indicator_id="gdp"),
                               fig("城镇新增就业", 15, "万人", "2025")],
                       source_id="tjj_shenyang", published=None, extractor_version="x1")
    with session_scope(engine) as s:
        assert [m.name for m in find_indicators(s, "地區生產總值")] == ["地区生产总值"]
        gdp = find_indicators(s, "gdp")
        assert [(m.name, m.indicator_id, m.series) for m in gdp] == [("地区生产总值", "gdp", 1)]
        assert [m.name for m in find_indicators(s, "就業")] == ["城镇新增就业"]
        assert find_indicators(s, "100%") == []
        assert [r.value for r in series_latest(s, "gdp")] == [4439.2]
        assert [r.value for r in series_latest(s, "城鎮新增就業", region="瀋陽")] == [15.0]
        with pytest.raises(ValueError):
            find_indicators(s, " ")


def test_runs(engine):
    with session_scope(engine) as s:
        run = start_run(s, "scan", date(2026, 1, 15), ["tjj_shenyang", "lnd"])
        run_id = run.id
    with session_scope(engine) as s:
        run = s.get(Run, run_id)
        assert (run.status, run.sources) == ("running", ["tjj_shenyang", "lnd"])
        finish_run(s, run, "failed", {"problems": ["沈阳: 超时"]})
        with pytest.raises(ValueError):
            finish_run(s, run, "weird", {})
    with session_scope(engine) as s:
        run = s.get(Run, run_id)
        assert run.status == "failed" and run.stats == {"problems": ["沈阳: 超时"]}
        raw = s.connection().execute(text("SELECT CAST(stats AS TEXT) FROM run")).scalar()
        assert "沈阳" in raw and "\\u" not in raw  # readable in the database too
        assert run.finished_at >= run.started_at
