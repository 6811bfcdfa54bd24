"""The versioned store on a real SQLite file and the real PostgreSQL (see conftest.db_url)."""
from __future__ import annotations

import pytest
from sqlmodel import func, select

from storage.models import Alert, Observation, ObservationVersion, PageVersion
from storage.pages import record_fetch, sync_sources
from storage.queries import previous_period, series_latest
from storage.series import record_figures
from alerts.rules import raise_alerts
from tests.storage_helpers import SOURCES, fetched, fig, utc

XV = "x1"


@pytest.fixture
def s(session):
    sync_sources(session, SOURCES)
    return session


def page(s, url, body, source_id="tjj_shenyang", at="2026-01-15T02:00:00Z"):
    pv = record_fetch(s, fetched(url, body, source_id=source_id, at=at))
    assert pv is not None
    return pv


def record(s, pv, figures, source_id="tjj_shenyang", published=None, xv=XV, recorded_at=None):
    changes = record_figures(s, pv, figures, source_id=source_id, published=published, extractor_version=xv,
                             recorded_at=recorded_at)
    ids = raise_alerts(s, changes)
    assert all(isinstance(i, int) for i in ids)
    alerts = [s.get(Alert, i) for i in ids]
    s.commit()
    return changes, alerts


def kinds(changes):
    return sorted(c.change for c in changes)


def test_two_pages_two_periods_give_the_previous_period(s):
    pv24 = page(s, "https://tjj.example/2024.html", "公报2024")
    ch24, _ = record(s, pv24, [fig("空气质量优良天数", 318, "天", "2024"), fig("城镇新增就业", 14.8, "万人", "2024")],
                     published=utc(2025, 1, 21, 2))
    assert kinds(ch24) == ["new", "new"]
    pv25 = page(s, "https://tjj.example/2025.html", "公报2025")
    ch25, alerts = record(s, pv25, [fig("空气质量优良天数", 328, "天", "2025"), fig("城镇新增就业", 15, "万人", "2025")],
                          published=utc(2026, 1, 15, 2))
    assert kinds(ch25) == ["new", "new"] and len(alerts) == 2
    assert [a.indicator for a in alerts] == ["空气质量优良天数", "城镇新增就业"]  # the page's order, not the key's
    air = next(c for c in ch25 if c.series.indicator == "空气质量优良天数")
    obs = s.get(Observation, air.observation_id)
    assert previous_period(s, obs) == ("2024", 318.0, "天")
    jobs = s.get(Observation, next(c for c in ch25 if c.series.indicator == "城镇新增就业").observation_id)
    assert previous_period(s, jobs) == ("2024", 14.8, "万人")
    obs24 = s.get(Observation, next(c for c in ch24 if c.series.indicator == "空气质量优良天数").observation_id)
    assert previous_period(s, obs24) is None
    rows = series_latest(s, "空气质量优良天数")
    assert [(r.period, r.value, r.value_unit) for r in rows] == [("2024", 318.0, "天"), ("2025", 328.0, "天")]


def test_same_page_twice_changes_nothing_and_alerts_nobody(s):
    pv = page(s, "https://tjj.example/a.html", "A")
    figures = [fig("地区生产总值", 4439.2, "亿元", "2025"), fig("空气质量优良天数", 328, "天", "2025")]
    first, alerts = record(s, pv, figures)
    assert kinds(first) == ["new", "new"] and len(alerts) == 2
    again, alerts2 = record(s, pv, figures)
    assert again == [] and alerts2 == []
    assert s.exec(select(func.count()).select_from(ObservationVersion)).one() == 2
    assert s.exec(select(func.count()).select_from(Alert)).one() == 2
    # the same bytes fetched again: no new page version at all
    assert record_fetch(s, fetched("https://tjj.example/a.html", "A", at="2026-01-16T02:00:00Z")) is None
    # raising alerts for the same changes again gives nothing new
    assert raise_alerts(s, first) == []


def test_revision_by_the_same_source(s):
    pv1 = page(s, "https://tjj.example/prelim.html", "初步核算")
    record(s, pv1, [fig("地区生产总值", 8000.5, "亿元", "2024")], published=utc(2025, 1, 21))
    pv2 = page(s, "https://tjj.example/final.html", "最终核实")
    changes, alerts = record(s, pv2, [fig("地区生产总值", 8022.3, "亿元", "2024")], published=utc(2025, 9, 1))
    assert kinds(changes) == ["revised"]
    c = changes[0]
    assert (c.old_value, c.new_value, c.headline) == (8000.5, 8022.3, True)
    assert [a.type for a in alerts] == ["revised"] and alerts[0].old_value == 8000.5
    assert [r.value for r in series_latest(s, "地区生产总值")] == [8022.3]


def test_rounded_repeat_confirms_and_an_older_article_read_late_is_stale(s):
    pv1 = page(s, "https://tjj.example/final.html", "B")
    record(s, pv1, [fig("地区生产总值", 8022.3, "亿元", "2024")], published=utc(2025, 9, 1))
    pv2 = page(s, "https://tjj.example/summary.html", "C")
    changes, alerts = record(s, pv2, [fig("地区生产总值", 8022, "亿元", "2024")], published=utc(2025, 10, 1))
    assert kinds(changes) == ["confirmed"] and alerts == []
    pv3 = page(s, "https://tjj.example/prelim.html", "D")  # the preliminary figure, crawled last
    changes, alerts = record(s, pv3, [fig("地区生产总值", 8000.5, "亿元", "2024")], published=utc(2025, 1, 21))
    assert kinds(changes) == ["stale"] and alerts == []
    assert [r.value for r in series_latest(s, "地区生产总值")] == [8022.3]


def test_conflict_higher_authority_gives_the_headline(s):
    press = page(s, "https://lnd.example/a.html", "press", source_id="lnd")
    ch, _ = record(s, press, [fig("城镇新增就业", 15.3, "万人", "2025")], source_id="lnd")
    assert kinds(ch) == ["new"]
    assert series_latest(s, "城镇新增就业")[0].source_id == "lnd"
    official = page(s, "https://tjj.example/b.html", "official")
    ch, alerts = record(s, official, [fig("城镇新增就业", 15.1, "万人", "2025")])
    assert kinds(ch) == ["conflict"] and [a.type for a in alerts] == ["conflict"]
    assert (ch[0].old_value, ch[0].old_source_id, ch[0].headline) == (15.3, "lnd", True)
    [row] = series_latest(s, "城镇新增就业")
    assert (row.value, row.source_id, row.in_conflict, row.sources) == (15.1, "tjj_shenyang", True, 2)
    # a press report that disagrees later does not take the headline from the bureau
    hk = page(s, "https://hkcd.example/c.html", "hk", source_id="hkcd")
    ch, _ = record(s, hk, [fig("城镇新增就业", 16, "万人", "2025")], source_id="hkcd")
    assert kinds(ch) == ["conflict"] and ch[0].old_value == 15.1 and not ch[0].headline
    assert series_latest(s, "城镇新增就业")[0].value == 15.1


def test_another_source_agreeing_is_a_confirmation_without_alert(s):
    official = page(s, "https://tjj.example/b.html", "official")
    record(s, official, [fig("地区生产总值", 4439.2, "亿元", "2025")])
    press = page(s, "https://lnd.example/a.html", "press", source_id="lnd")
    ch, alerts = record(s, press, [fig("地区生产总值", 4400, "亿元", "2025", qualifier="over")], source_id="lnd")
    assert kinds(ch) == ["confirmed"] and alerts == []
    [row] = series_latest(s, "地区生产总值")
    assert (row.value, row.in_conflict) == (4439.2, False)


def test_extractor_change_is_not_a_revision(s):
    pv = page(s, "https://tjj.example/a.html", "A")
    record(s, pv, [fig("空气质量优良天数", 238, "天", "2025"), fig("城镇新增就业", 15, "万人", "2025")], xv="x1")
    ch, alerts = record(s, pv, [fig("空气质量优良天数", 328, "天", "2025"), fig("城镇新增就业", 15, "万人", "2025")],
                        xv="x2")
    assert kinds(ch) == ["extractor_change"] and alerts == []
    assert (ch[0].old_value, ch[0].new_value) == (238, 328)
    assert series_latest(s, "空气质量优良天数")[0].value == 328
    # a figure the newer extractor no longer finds on the page is retracted, not left current
    ch, _ = record(s, pv, [fig("空气质量优良天数", 328, "天", "2025")], xv="x3")
    assert kinds(ch) == ["retracted"]
    assert series_latest(s, "城镇新增就业") == []


def test_as_of_before_and_after_a_revision(s):
    pv1 = page(s, "https://tjj.example/prelim.html", "P")
    record(s, pv1, [fig("地区生产总值", 8000.5, "亿元", "2024")], published=utc(2025, 1, 21),
           recorded_at=utc(2025, 1, 22))
    pv2 = page(s, "https://tjj.example/final.html", "F")
    record(s, pv2, [fig("地区生产总值", 8022.3, "亿元", "2024")], published=utc(2025, 9, 1),
           recorded_at=utc(2025, 9, 2))
    assert series_latest(s, "地区生产总值", as_of=utc(2025, 1, 1)) == []
    assert [r.value for r in series_latest(s, "地区生产总值", as_of=utc(2025, 3, 1))] == [8000.5]
    assert [r.value for r in series_latest(s, "地区生产总值", as_of=utc(2025, 9, 2))] == [8022.3]
    assert [r.value for r in series_latest(s, "地区生产总值")] == [8022.3]


def test_a_figure_repeated_on_one_page_is_one_report_and_periods_meet(s):
    pv = page(s, "https://tjj.example/a.html", "A")
    ch, alerts = record(s, pv, [
        fig("地区生产总值", 2000, "亿元", "2025H1", qualifier="over", sentence="上半年GDP突破2000亿元"),
        fig("地区生产总值", 2010.7, "亿元", "2025Q1-Q2"),
        fig("地区生产总值", 2010.7, "亿元", "2025-01..2025-06"),
    ])
    assert kinds(ch) == ["new"] and len(alerts) == 1
    assert (ch[0].period, ch[0].new_value, ch[0].qualifier) == ("2025H1", 2010.7, None)


def test_figures_without_period_are_counted_as_skipped(s):
    pv = page(s, "https://tjj.example/a.html", "A")
    ch, alerts = record(s, pv, [fig("地区生产总值", 4439.2, "亿元", None), fig("地区生产总值", 1, "亿元", "2025-13"),
                                fig("城镇新增就业", 15, "万人", "2025")])
    assert [c.change for c in ch] == ["skipped", "skipped", "new"] and len(alerts) == 1  # in the page's order
    reasons = [c.reason for c in ch if c.change == "skipped"]
    assert "no period" in reasons[0] and "2025-13" in reasons[1]
    assert s.exec(select(func.count()).select_from(Observation)).one() == 1


def test_units_in_different_multipliers_meet_in_one_series(s):
    official = page(s, "https://tjj.example/b.html", "official")
    record(s, official, [fig("社会消费品零售总额", 4500.5, "亿元", "2025")])
    press = page(s, "https://lnd.example/a.html", "press", source_id="lnd")
    ch, _ = record(s, press, [fig("社会消费品零售总额", 45005000, "万元", "2025")], source_id="lnd")
    assert kinds(ch) == ["confirmed"]


def test_failed_fetch_is_kept_but_gives_no_version(s):
    assert record_fetch(s, fetched("https://tjj.example/x.html", "", status=503)) is None
    assert record_fetch(s, fetched("https://tjj.example/x.html", "", error="timeout")) is None
    rows = s.exec(select(PageVersion)).all()
    assert [r.error for r in rows] == ["HTTP 503", "timeout"]
    assert record_fetch(s, fetched("https://tjj.example/x.html", "now it works")) is not None


def test_unknown_source_and_naive_times_are_refused(s):
    pv = page(s, "https://tjj.example/a.html", "A")
    from datetime import datetime
    with pytest.raises(LookupError, match="nope"):
        record_figures(s, pv, [], source_id="nope", published=None, extractor_version=XV)
    with pytest.raises(ValueError, match="naive"):
        record_figures(s, pv, [], source_id="tjj_shenyang", published=datetime(2025, 1, 1), extractor_version=XV)


def test_published_basis_reads_what_the_sources_had_said_by_then(s):
    # A first crawl reads the final figure (September) before the preliminary one (January).
    final = page(s, "https://tjj.example/final.html", "F")
    record(s, final, [fig("地区生产总值", 8022.3, "亿元", "2024")], published=utc(2025, 9, 1),
           recorded_at=utc(2026, 1, 10))
    prelim = page(s, "https://tjj.example/prelim.html", "P")
    record(s, prelim, [fig("地区生产总值", 8000.5, "亿元", "2024")], published=utc(2025, 1, 21),
           recorded_at=utc(2026, 1, 11))
    press = page(s, "https://lnd.example/p.html", "L", source_id="lnd")
    record(s, press, [fig("地区生产总值", 8100, "亿元", "2024")], source_id="lnd", published=utc(2025, 2, 1),
           xv="x1", recorded_at=utc(2026, 1, 12))
    record(s, press, [fig("地区生产总值", 8001, "亿元", "2024")], source_id="lnd", published=utc(2025, 2, 1),
           xv="x2", recorded_at=utc(2026, 1, 13))  # the newer extractor reads the press page right

    def published_as_of(t):
        return [(r.value, r.source_id, r.in_conflict) for r in series_latest(s, "地区生产总值", as_of=t,
                                                                              basis="published")]
    assert published_as_of(utc(2025, 1, 1)) == []
    assert published_as_of(utc(2025, 3, 1)) == [(8000.5, "tjj_shenyang", False)]  # 8100 was our misreading
    assert published_as_of(utc(2025, 10, 1)) == [(8022.3, "tjj_shenyang", True)]
    # what we knew: nothing before the first crawl, then the final figure
    assert series_latest(s, "地区生产总值", as_of=utc(2025, 10, 1)) == []
    assert [r.value for r in series_latest(s, "地区生产总值", as_of=utc(2026, 1, 10, 12))] == [8022.3]
    with pytest.raises(ValueError, match="basis"):
        series_latest(s, "地区生产总值", basis="nope")


def test_orm_copies_in_the_session_see_what_a_later_page_changed(s):
    """record_figures reads and writes versions and observations as rows: ORM objects of them already
    in the session (same transaction, no commit) must not keep the old valid_to or headline."""
    pv1 = page(s, "https://tjj.example/a.html", "a")
    first = record_figures(s, pv1, [fig("城镇新增就业", 14.8, "万人", "2025")], source_id="tjj_shenyang",
                           published=utc(2026, 1, 10, 2), extractor_version=XV)
    old = s.get(ObservationVersion, first[0].version_id)
    obs = s.get(Observation, first[0].observation_id)
    assert old.valid_to is None and obs.headline_version_id == old.id
    pv2 = page(s, "https://tjj.example/b.html", "b")
    with s.no_autoflush:  # the caller's pending changes are written even with autoflush off
        obs.in_conflict = True  # nonsense on purpose: record_figures recomputes it from the versions
        second = record_figures(s, pv2, [fig("城镇新增就业", 15.2, "万人", "2025")], source_id="tjj_shenyang",
                                published=utc(2026, 1, 12, 2), extractor_version=XV)
    assert [c.change for c in second] == ["revised"] and second[0].old_version_id == old.id
    assert old.valid_to is not None and old.closed_reason == "revised"
    assert obs.headline_version_id == second[0].version_id and obs.in_conflict is False
    current = s.exec(select(ObservationVersion).where(ObservationVersion.observation_id == obs.id,
                                                      ObservationVersion.valid_to.is_(None))).all()
    assert [v.id for v in current] == [second[0].version_id]
