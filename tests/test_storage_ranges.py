"""Ranges (5%-8%, 3万-5万人次) stored with their bounds, classified and shown by them; SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlmodel import select

from alerts.render import alert_dict, render_alert, value_text
from alerts.rules import raise_alerts
from storage.history import changes_since
from storage.models import Alert, ObservationVersion
from storage.pages import record_fetch, sync_sources
from storage.queries import observation_history, series_latest
from storage.series import record_figures
from tests.storage_helpers import SOURCES, fetched, fig, utc


@pytest.fixture
def s(session):
    sync_sources(session, SOURCES)
    return session


def ranged(indicator, low, high, unit, period, *, value=None, **kw):
    f = fig(indicator, low if value is None else value, unit, period, **kw)
    f.low, f.high = low, high
    return f


def record(s, url, figures, source_id="tjj_shenyang", published=None):
    pv = record_fetch(s, fetched(url, url, source_id=source_id))
    changes = record_figures(s, pv, figures, source_id=source_id, published=published, extractor_version="x1")
    alerts = [s.get(Alert, i) for i in raise_alerts(s, changes)]
    s.commit()
    return changes, alerts


def version(s, version_id) -> ObservationVersion:
    return s.exec(select(ObservationVersion).where(ObservationVersion.id == version_id)).one()


def test_a_range_is_stored_with_its_bounds_and_shown_as_a_range(s):
    [c], [alert] = record(s, "https://lnd.example/r.html", [ranged("社会消费品零售总额", 5, 8, "%", "2025", kind="growth")],
                          source_id="lnd", published=utc(2025, 11, 20))
    v = version(s, c.version_id)
    assert (v.value, v.low, v.high, v.qualifier) == (5.0, 5.0, 8.0, "range")
    [p] = series_latest(s, "社会消费品零售总额")
    assert (p.value, p.low, p.high, p.qualifier) == (5.0, 5.0, 8.0, "range")
    [h] = observation_history(s, c.observation_id)
    assert (h.low, h.high) == (5.0, 8.0)
    [ch] = changes_since(s, utc(2000, 1, 1))
    assert (ch.low, ch.high, ch.qualifier) == (5.0, 8.0, "range")
    d = alert_dict(alert, s)
    assert (d["value_text"], d["low"], d["high"], d["qualifier"]) == ("同比增长5–8%", 5.0, 8.0, "range")
    assert "社会消费品零售总额 · 沈阳 · 2025: 同比增长5–8%" in render_alert(alert, s)


def test_over_and_under_store_their_one_bound_and_exact_figures_none(s):
    changes, _ = record(s, "https://lnd.example/o.html", [
        fig("地区生产总值", 4400, "亿元", "2025", qualifier="over"),
        fig("城镇新增就业", 12, "万人", "2025", qualifier="under"),
        fig("空气质量优良天数", 328, "天", "2025"),
        fig("常住人口", 900, "万人", "2025", qualifier="approx")], source_id="lnd")
    got = {c.series.indicator: (version(s, c.version_id).low, version(s, c.version_id).high) for c in changes}
    assert got == {"地区生产总值": (4400.0, None), "城镇新增就业": (None, 12.0), "空气质量优良天数": (None, None),
                   "常住人口": (None, None)}


def test_a_value_inside_confirms_and_refines_one_outside_revises(s):
    record(s, "https://tjj.example/a.html", [ranged("接待游客", 3, 5, "万人次", "2025")], published=utc(2025, 3, 1))
    [c], alerts = record(s, "https://tjj.example/b.html", [fig("接待游客", 4.2, "万人次", "2025")],
                         published=utc(2025, 4, 1))
    assert c.change == "confirmed" and alerts == []
    [p] = series_latest(s, "接待游客")  # the exact figure inside the range is the more precise report
    assert (p.value, p.low, p.high, p.qualifier) == (4.2, None, None, None)
    record(s, "https://tjj.example/c.html", [ranged("接待游客", 3, 5, "万人次", "2026")], published=utc(2026, 3, 1))
    [c], alerts = record(s, "https://tjj.example/d.html", [fig("接待游客", 6, "万人次", "2026")],
                         published=utc(2026, 4, 1))
    [alert] = [a for a in alerts if a.type == "revised"]  # (a threshold alert against 2025 comes beside it)
    assert c.change == "revised"
    d = alert_dict(alert, s)
    assert d["old_value_text"] == "3–5 万人次"
    assert "此前为 3–5 万人次" in render_alert(alert, s)


def test_another_source_inside_the_range_confirms_outside_conflicts(s):
    record(s, "https://lnd.example/a.html", [ranged("工业增加值", -8, -5, "%", "2025", value=-5, kind="growth")],
           source_id="lnd")
    [c], alerts = record(s, "https://tjj.example/b.html", [fig("工业增加值", -6.1, "%", "2025", kind="growth")])
    assert c.change == "confirmed" and alerts == [] and c.headline
    [c], [alert] = record(s, "https://hkcd.example/c.html", [fig("工业增加值", -9, "%", "2025", kind="growth")],
                          source_id="hkcd")
    assert c.change == "conflict" and alert.type == "conflict"
    # two sources giving different ranges that overlap agree
    record(s, "https://lnd.example/d.html", [ranged("出口总额", 5, 8, "%", "2025", kind="growth")], source_id="lnd")
    [c], _ = record(s, "https://hkcd.example/e.html", [ranged("出口总额", 7, 10, "%", "2025", kind="growth")],
                    source_id="hkcd")
    assert c.change == "confirmed"
    [c], _ = record(s, "https://tjj.example/f.html", [ranged("出口总额", 11, 12, "%", "2025", kind="growth")])
    assert c.change == "conflict"


def test_value_text_of_ranges():
    assert value_text(5, "%", "range", kind="growth", base="同比", low=5, high=8) == "同比增长5–8%"
    assert value_text(-5, "%", "range", kind="growth", base="同比", low=-8, high=-5) == "同比下降5–8%"
    assert value_text(3, "万人次", "range", low=3, high=5) == "3–5 万人次"
    assert value_text(4400, "亿元", "over") == "超过4400 亿元"
    assert value_text(-2, "%", "range", kind="growth", base="同比", low=-2, high=3) == "同比 -2–3%"
