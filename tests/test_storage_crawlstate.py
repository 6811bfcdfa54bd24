"""The crawl state in the store: the seen store (validators, hashes), revisit candidates, per-source
run statistics."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from crawlers.stats import SourceStats
from extract.document import CleanDocument
from storage.db import session_scope
from storage.models import Page, SourceScan
from storage.pages import record_fetch, revisit_candidates, set_document, sync_sources, validators
from storage.runs import record_source_stats, start_run
from tests.storage_helpers import SOURCES, fetched


def _fetch(s, url, body, *, at, status=200, headers=None, source_id="lnd", published=None):
    page = fetched(url, body, source_id=source_id, at=at, status=status)
    if status == 304:
        page.content_hash = None
    page.meta["headers"] = headers or {}
    version = record_fetch(s, page)
    if version is not None and published:
        set_document(s, version, CleanDocument(url=url, title="t", text="x", published=published))
    return version


def test_validators_are_read_in_any_case():
    assert validators({"Etag": '"abc"', "Last-Modified": "Wed, 14 Jan 2026 02:00:00 GMT"}) == (
        '"abc"', "Wed, 14 Jan 2026 02:00:00 GMT")
    assert validators([(b"ETAG", [b'W/"x"']), ("last-modified", "")]) == ('W/"x"', None)
    assert validators(None) == (None, None)


def test_seen_store_keeps_validators_hash_and_times(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        url = "https://lnd.example/a.html"
        v1 = _fetch(s, url, "A", at="2026-01-10T02:00:00Z", headers={"Etag": '"v1"', "Last-Modified": "Sat, 10 Jan 2026"})
        assert v1 is not None
        page = s.exec(select(Page).where(Page.url == url)).one()
        assert (page.etag, page.last_modified, page.content_hash) == ('"v1"', "Sat, 10 Jan 2026", v1.content_hash)
        first_changed = page.last_changed_at
        # 304: seen, unchanged; the validators stay, the last-seen time moves.
        assert _fetch(s, url, "", at="2026-01-11T02:00:00Z", status=304) is None
        assert page.etag == '"v1"' and page.last_fetched_at == datetime(2026, 1, 11, 2, tzinfo=timezone.utc)
        assert page.last_changed_at == first_changed and page.last_status == 304
        # Same body, new validators: unchanged content, fresh validators.
        assert _fetch(s, url, "A", at="2026-01-12T02:00:00Z", headers={"ETag": '"v1b"'}) is None
        assert page.etag == '"v1b"' and page.last_modified is None and page.last_changed_at == first_changed
        v2 = _fetch(s, url, "B", at="2026-01-13T02:00:00Z", headers={"etag": '"v2"'})
        assert v2 is not None and page.content_hash == v2.content_hash and page.etag == '"v2"'
        assert page.last_changed_at == datetime(2026, 1, 13, 2, tzinfo=timezone.utc)
        assert page.first_seen == datetime(2026, 1, 10, 2, tzinfo=timezone.utc)


def test_revisit_candidates_are_recent_articles_we_hold(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        sh = timezone.utc
        _fetch(s, "https://lnd.example/recent.html", "R", at="2026-01-14T02:00:00Z", headers={"ETag": '"r"'},
               published=datetime(2026, 1, 5, 1, tzinfo=sh))
        _fetch(s, "https://lnd.example/old.html", "O", at="2026-01-14T02:00:00Z",
               published=datetime(2025, 12, 1, tzinfo=sh))  # published long ago, crawled lately
        _fetch(s, "https://lnd.example/undated.html", "U", at="2026-01-03T02:00:00Z",
               headers={"Last-Modified": "Sat, 03 Jan 2026 01:00:00 GMT"})  # no date: first seen counts
        _fetch(s, "https://lnd.example/ancient.html", "X", at="2025-11-01T02:00:00Z")
        _fetch(s, "https://hkcd.example/h.html", "H", at="2026-01-14T02:00:00Z", source_id="hkcd")
        _fetch(s, "https://lnd.example/broken.html", "", at="2026-01-14T02:00:00Z", status=500)
        got = revisit_candidates(s, ["lnd"], scan_date=date(2026, 1, 15), days=14)
        assert got == [
            {"source_id": "lnd", "url": "https://lnd.example/undated.html", "etag": None,
             "last_modified": "Sat, 03 Jan 2026 01:00:00 GMT"},
            {"source_id": "lnd", "url": "https://lnd.example/recent.html", "etag": '"r"', "last_modified": None}]
        assert len(revisit_candidates(s, None, scan_date=date(2026, 1, 15))) == 3
        assert revisit_candidates(s, [], scan_date=date(2026, 1, 15)) == []
        assert [r["url"] for r in revisit_candidates(s, ["lnd"], scan_date=date(2026, 1, 15), days=3)] == []
        with pytest.raises(ValueError, match="days"):
            revisit_candidates(s, ["lnd"], scan_date=date(2026, 1, 15), days=-1)


class Outcome:
    def __init__(self, url, status, figures=0):
        self.url, self.status, self.figures = url, status, figures


def test_source_stats_are_kept_per_run_and_source(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        run = start_run(s, "scan", date(2026, 1, 15), ["lnd", "hkcd"])
        _fetch(s, "https://lnd.example/a.html", "A1", at="2026-01-10T02:00:00Z")
        _fetch(s, "https://lnd.example/a.html", "A2", at="2026-01-15T02:00:00Z")  # changed
        _fetch(s, "https://lnd.example/b.html", "B", at="2026-01-15T02:00:00Z")  # new
        stats = {"lnd": SourceStats("lnd", requests={"2xx": 5, "3xx": 1, "4xx": 1, "5xx": 0, "failed": 2, "ignored": 1},
                                    list_pages=2, article_pages=4, new_article_links=3,
                                    empty_list_pages=["https://lnd.example/list2"], parse_failures=1, retries=2,
                                    bytes=12345, seconds=3.5),
                 "hkcd": SourceStats("hkcd").to_dict()}
        outcomes = [("lnd", Outcome("https://lnd.example/a.html", "new", 3)),
                    ("lnd", Outcome("https://lnd.example/b.html", "new", 2)),
                    ("lnd", Outcome("https://lnd.example/c.html", "unchanged")),
                    ("lnd", Outcome("https://lnd.example/d.html", "failed")),
                    ("hkcd", Outcome("https://hkcd.example/x.html", "unchanged"))]
        rows = record_source_stats(s, run, stats, outcomes)
        assert len(rows) == 2
        record_source_stats(s, run.id, stats, outcomes)  # again: replaced, not doubled
        got = {r.source_id: r for r in s.exec(select(SourceScan)).all()}
        assert len(got) == 2
        lnd = got["lnd"]
        assert (lnd.requests_2xx, lnd.requests_3xx, lnd.requests_4xx, lnd.requests_failed, lnd.requests_ignored) == (
            5, 1, 1, 2, 1)
        assert (lnd.articles_new, lnd.articles_changed, lnd.articles_unchanged, lnd.pages_failed, lnd.figures) == (
            1, 1, 1, 1, 5)
        assert (lnd.empty_list_pages, lnd.parse_failures, lnd.bytes, lnd.seconds, lnd.scan_date) == (
            1, 1, 12345, 3.5, date(2026, 1, 15))
        assert got["hkcd"].articles_unchanged == 1 and got["hkcd"].requests_2xx == 0
        with pytest.raises(ValueError, match="without its source"):
            record_source_stats(s, run, {}, [Outcome("u", "new")])


def test_a_scan_records_its_source_stats_and_revisits_what_it_holds(engine, tmp_path):
    from shenyang_monitor import config
    from shenyang_monitor.scan import run_scan

    day = date(2026, 1, 15)
    first = run_scan(engine, source_ids=["hkcd"], scan_date=day, replay=[config.DEMO_REPLAY], archive_dir=tmp_path)
    second = run_scan(engine, source_ids=["hkcd"], scan_date=day, replay=[config.DEMO_REPLAY], archive_dir=tmp_path)
    assert first.revisited == 0 and second.revisited >= 1  # the articles of the first run are asked again
    with session_scope(engine) as s:
        rows = s.exec(select(SourceScan).order_by(SourceScan.run_id)).all()
        assert [(r.run_id, r.source_id) for r in rows] == [(first.run_id, "hkcd"), (second.run_id, "hkcd")]
        assert rows[0].articles_new >= 1 and rows[0].figures > 0 and rows[0].requests_2xx >= 2 and rows[0].bytes > 0
        assert rows[1].articles_new == 0 and rows[1].articles_unchanged >= 1
        held = {r["url"] for r in revisit_candidates(s, ["hkcd"], scan_date=day)}
        assert held and all(s.exec(select(Page).where(Page.url == u)).one().content_hash for u in held)
