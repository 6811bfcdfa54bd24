"""Analyst questions, one call each: what changed since T, first release against latest, which
observation a person means, every point for export."""
from __future__ import annotations

import pytest

from storage.db import session_scope
from storage.history import all_points, changes_since, find_observations, first_and_latest
from storage.pages import record_fetch, sync_sources
from storage.queries import observation_history, series_latest
from storage.series import record_figures
from tests.storage_helpers import SOURCES, fetched, fig, utc


def _story(s):
    """GDP 2024: 8000.5 (bureau, Jan 22) → 8100 (press, conflict, Jan 24) → 8022.3 (bureau revision, Sep 2)."""
    sync_sources(s, SOURCES)
    for url, src, value, pub, rec in [("https://tjj.example/p.html", "tjj_shenyang", 8000.5, utc(2025, 1, 21), utc(2025, 1, 22)),
                                      ("https://lnd.example/q.html", "lnd", 8100, utc(2025, 1, 23), utc(2025, 1, 24)),
                                      ("https://tjj.example/f.html", "tjj_shenyang", 8022.3, utc(2025, 9, 1), utc(2025, 9, 2))]:
        pv = record_fetch(s, fetched(url, url, source_id=src))
        record_figures(s, pv, [fig("地区生产总值", value, "亿元", "2024"), fig("城镇新增就业", 14.8, "万人", "2024")],
                       source_id=src, published=pub, extractor_version="x1", recorded_at=rec)


def test_changes_since_give_what_changed_with_what_it_replaced(engine):
    with session_scope(engine) as s:
        _story(s)
        rows = changes_since(s, utc(2025, 1, 23))
        assert [(r.change_type, r.indicator, r.value, r.old_value, r.source_id) for r in rows] == [
            ("conflict", "地区生产总值", 8100.0, 8000.5, "lnd"), ("revised", "地区生产总值", 8022.3, 8000.5, "tjj_shenyang")]
        assert rows[1].headline and rows[1].url == "https://tjj.example/f.html" and "8022.3" in rows[1].evidence
        assert [r.change_type for r in changes_since(s, utc(2025, 1, 23), types=None)].count("confirmed") == 2
        assert changes_since(s, utc(2025, 9, 3)) == []
        assert len(changes_since(s, utc(2000, 1, 1), indicator="地區生產總值")) == 3  # traditional spelling
        assert rows[0].as_dict()["recorded_at"].startswith("2025-01-24")
        with pytest.raises(ValueError, match="unknown change type"):
            changes_since(s, utc(2025, 1, 1), types=["nope"])


def test_first_release_against_latest_and_as_of(engine):
    with session_scope(engine) as s:
        _story(s)
        [gdp] = first_and_latest(s, "地区生产总值", "沈阳")
        assert (gdp.first_value, gdp.first_source, gdp.latest_value, gdp.latest_source, gdp.revised, gdp.reports) == (
            8000.5, "tjj_shenyang", 8022.3, "tjj_shenyang", True, 3)
        [jobs] = first_and_latest(s, "城镇新增就业")
        assert not jobs.revised and jobs.first_value == jobs.latest_value == 14.8
        assert [p.value for p in series_latest(s, "地区生产总值", as_of=utc(2025, 2, 1))] == [8000.5]
        assert [p.value for p in series_latest(s, "地区生产总值", as_of=utc(2025, 1, 21))] == []


def test_the_observation_a_person_names_and_its_revision_log(engine):
    with session_scope(engine) as s:
        _story(s)
        [(obs, series)] = find_observations(s, "地区生产总值", "沈阳市", "2024")
        assert series.kind == "level" and obs.period == "2024"
        log = observation_history(s, obs.id)
        assert [(r.change_type, r.value) for r in log] == [("new", 8000.5), ("conflict", 8100.0), ("revised", 8022.3)]
        assert find_observations(s, "地区生产总值", "大连", "2024") == []
        with pytest.raises(ValueError, match="period"):
            find_observations(s, "地区生产总值", None, "someday")


def test_all_points_for_export(engine):
    with session_scope(engine) as s:
        _story(s)
        points = all_points(s)
        assert [(p.indicator, p.value) for p in points] == [("地区生产总值", 8022.3), ("城镇新增就业", 14.8)]
        assert [p.value for p in all_points(s, as_of=utc(2025, 2, 1), indicator="地区生产总值")] == [8000.5]
