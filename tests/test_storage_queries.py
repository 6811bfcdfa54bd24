"""Analyst reads: history of an observation, what to reprocess, the catalogue in the store."""
from __future__ import annotations

from storage.db import session_scope
from storage.indicators import sync_catalogue
from storage.pages import record_fetch, set_document, sync_sources, to_reprocess
from storage.queries import find_indicators, observation_history, previous_period, series_latest
from storage.series import record_figures
from extract.document import CleanDocument
from tests.storage_helpers import SOURCES, fetched, fig, utc


def test_history_lists_every_report_with_its_interval(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        pv1 = record_fetch(s, fetched("https://tjj.example/p.html", "P"))
        [c1] = record_figures(s, pv1, [fig("地区生产总值", 8000.5, "亿元", "2024")], source_id="tjj_shenyang",
                              published=utc(2025, 1, 21), extractor_version="x1", recorded_at=utc(2025, 1, 22))
        pv2 = record_fetch(s, fetched("https://lnd.example/q.html", "Q", source_id="lnd"))
        record_figures(s, pv2, [fig("地区生产总值", 8000, "亿元", "2024", qualifier="over")], source_id="lnd",
                       published=utc(2025, 1, 23), extractor_version="x1", recorded_at=utc(2025, 1, 24))
        pv3 = record_fetch(s, fetched("https://tjj.example/f.html", "F"))
        record_figures(s, pv3, [fig("地区生产总值", 8022.3, "亿元", "2024")], source_id="tjj_shenyang",
                       published=utc(2025, 9, 1), extractor_version="x1", recorded_at=utc(2025, 9, 2))
        rows = observation_history(s, c1.observation_id)
    assert [(r.change_type, r.value, r.source_id, r.headline) for r in rows] == [
        ("new", 8000.5, "tjj_shenyang", False), ("confirmed", 8000, "lnd", False),
        ("revised", 8022.3, "tjj_shenyang", True)]
    assert rows[0].valid_to == utc(2025, 9, 2) and rows[1].valid_to is None and rows[2].valid_to is None
    assert "地区生产总值" in str(rows[2].as_dict()["evidence"])


def test_to_reprocess_gives_latest_unprocessed_articles(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        a1 = record_fetch(s, fetched("https://tjj.example/a.html", "A1"))
        a2 = record_fetch(s, fetched("https://tjj.example/a.html", "A2", at="2026-01-16T02:00:00Z"))
        b = record_fetch(s, fetched("https://tjj.example/b.html", "B"))
        r = record_fetch(s, fetched("https://tjj.example/r.html", "R"))
        set_document(s, r, CleanDocument(url=None, title=None, text="", rejected="empty"))
        record_figures(s, b, [], source_id="tjj_shenyang", published=None, extractor_version="x1")
        assert [p.id for p in to_reprocess(s, "x1")] == [a2.id]
        assert [p.id for p in to_reprocess(s, "x2")] == [a2.id, b.id]
        assert to_reprocess(s, "x2", source_ids=["lnd"]) == []
        assert a1.id not in [p.id for p in to_reprocess(s, "x2")]


def test_catalogue_aliases_are_searchable(engine):
    with session_scope(engine) as s:
        assert sync_catalogue(s) > 50
        assert find_indicators(s, "GDP")[0].name == "地区生产总值"
        assert find_indicators(s, "規上工業增加值")[0].name == "规模以上工业增加值"
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched("https://tjj.example/g.html", "G"))
        record_figures(s, pv, [fig("地区生产总值", 4439.2, "亿元", "2025")], source_id="tjj_shenyang",
                       published=None, extractor_version="x1")
        assert [r.value for r in series_latest(s, "gdp")] == [4439.2]  # an alias of the catalogue
        assert series_latest(s, "生产") == []  # a substring is a search (find_indicators), not a name


def test_previous_period_falls_back_to_the_preceding_month(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched("https://tjj.example/m.html", "M"))
        ch = record_figures(s, pv, [fig("居民消费价格指数", 100.2, "%", "2025-06"),
                                    fig("居民消费价格指数", 100.4, "%", "2025-07"),
                                    fig("居民消费价格指数", 99.9, "%", "2024-05")],
                            source_id="tjj_shenyang", published=None, extractor_version="x1")
        from storage.models import Observation
        july = s.get(Observation, next(c.observation_id for c in ch if c.period == "2025-07"))
        assert previous_period(s, july) == ("2025-06", 100.2, "%")
        may = s.get(Observation, next(c.observation_id for c in ch if c.period == "2024-05"))
        assert previous_period(s, may) is None
        # 2024-05 is neither a year before 2025-06 nor adjacent to it: no "previous" bridging a gap
        june = s.get(Observation, next(c.observation_id for c in ch if c.period == "2025-06"))
        assert previous_period(s, june) is None
        assert [r.period for r in series_latest(s, "居民消费价格指数")] == ["2024-05", "2025-06", "2025-07"]
