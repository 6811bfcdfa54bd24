"""Reprocessing reads the archive again, never the network, and only what a new extractor has not read."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import extract
from shenyang_monitor.ingest import ingest_paths
from shenyang_monitor.reprocess import reprocess
from storage.db import create_schema, make_engine, session_scope
from storage.models import Alert, ObservationVersion
from sqlmodel import func, select

PAGE = Path(__file__).parent / "fixtures" / "pages" / "hkcd_content_8735593.html"
URL = "http://hkcd.com/hkcdweb/content/2026/01/15/content_8735593.html"


def counts(engine):
    with session_scope(engine) as s:
        return (s.exec(select(func.count()).select_from(ObservationVersion)).one(),
                s.exec(select(func.count()).select_from(Alert)).one())


def test_reprocess_reads_archived_pages_once_per_extractor_version(tmp_path, monkeypatch):
    monkeypatch.setenv("SHENYANG_MONITOR_ARCHIVE", str(tmp_path / "archive"))
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    create_schema(engine)
    [result] = ingest_paths(engine, [PAGE], source_id="hkcd", url=URL)
    assert result.status == "new" and result.figures > 10
    versions, alerts = counts(engine)

    # Same extractor: everything was already read.
    assert not reprocess(engine).pages

    # A new extractor version reads the archived copy again (the original file is not needed).
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", extract.EXTRACTOR_VERSION + "+next")
    # Bounded on fetch time: a window that ends before the page was fetched holds nothing.
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    assert not reprocess(engine, until=an_hour_ago).pages
    assert not reprocess(engine, since=datetime.now(timezone.utc) + timedelta(hours=1)).pages
    tally = reprocess(engine, since=an_hour_ago)
    assert tally.pages == {"new": 1}
    assert tally.figures == result.figures
    assert counts(engine)[1] == alerts, "same values read again are no news for analysts"
    assert not reprocess(engine).pages
