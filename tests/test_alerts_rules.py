"""Threshold alerts against the previous period, and source-health alerts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlmodel import select

from alerts.render import alert_dict, render_alert
from alerts.rules import raise_alerts, raise_health_alerts
from alerts.thresholds import Rule, check, load_rules, parse_rules
from storage.db import session_scope
from storage.models import Alert
from storage.pages import record_fetch, sync_sources
from storage.runs import start_run
from storage.series import record_figures
from tests.storage_helpers import SOURCES, fetched, fig, utc

RULES = {"空气质量优良天数": Rule("空气质量优良天数", absolute=20), "地区生产总值": Rule("地区生产总值", relative=10.0),
         "*": Rule("*", pp=2.0)}


def _record(s, url, figures, published, rules=RULES):
    pv = record_fetch(s, fetched(url, url))
    ch = record_figures(s, pv, figures, source_id="tjj_shenyang", published=published, extractor_version="x1")
    return [s.get(Alert, i) for i in raise_alerts(s, ch, thresholds=rules)]


def test_moves_beyond_the_indicator_limit_raise_a_threshold_alert(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        _record(s, "https://tjj.example/2024.html",
                [fig("空气质量优良天数", 300, "天", "2024"), fig("地区生产总值", 8000, "亿元", "2024"),
                 fig("出口总额", 5.0, "%", "2024", kind="growth")], utc(2025, 1, 20))
        made = _record(s, "https://tjj.example/2025.html",
                       [fig("空气质量优良天数", 328, "天", "2025"), fig("地区生产总值", 8700, "亿元", "2025"),
                        fig("出口总额", 6.5, "%", "2025", kind="growth")], utc(2026, 1, 20))
        types = sorted((a.type, a.indicator) for a in made)
        assert types == [("new", "出口总额"), ("new", "地区生产总值"), ("new", "空气质量优良天数"),
                         ("threshold", "空气质量优良天数")]  # 28 days ≥ 20; GDP +8.75 % < 10 %; exports +1.5 pp < 2
        t = next(a for a in made if a.type == "threshold")
        assert t.detail["rule"] == "absolute" and t.detail["change"] == 28 and t.detail["previous_period"] == "2024"
        text = render_alert(t, s)
        assert "[大幅变动]" in text and "(2024: 300 天)，较上期增加28 天 +9.3%" in text and "±20" in text
        # A revision that moves GDP 11 % above 2024 and exports 2.5 points: both cross now.
        revised = _record(s, "https://tjj.example/2025r.html",
                          [fig("地区生产总值", 8880, "亿元", "2025"), fig("出口总额", 7.5, "%", "2025", kind="growth")],
                          utc(2026, 3, 1))
        assert sorted((a.type, a.indicator) for a in revised) == [
            ("revised", "出口总额"), ("revised", "地区生产总值"), ("threshold", "出口总额"), ("threshold", "地区生产总值")]
        gdp = next(a for a in revised if a.type == "threshold" and a.indicator == "地区生产总值")
        assert gdp.detail["rule"] == "relative" and round(gdp.detail["change_pct"], 1) == 11.0
        exp = alert_dict(next(a for a in revised if a.type == "threshold" and a.indicator == "出口总额"), s)
        assert exp["change"]["text"] == "较上期提高2.5 个百分点" and exp["threshold"]["rule"] == "pp"


def test_threshold_rules_are_checked_and_the_data_file_loads():
    rules = load_rules()
    assert "*" in rules and all(isinstance(r, Rule) for r in rules.values())
    assert check(Rule("x", absolute=5), "level", 10, 4).rule == "absolute"
    assert check(Rule("x", relative=50), "level", 10, 7) is None and check(Rule("x", relative=50), "level", 10, 5)
    assert check(Rule("x", pp=1), "growth", -0.5, 0.5).change == -1.0
    assert check(Rule("x", absolute=1), "rank", 1, 5) is None
    with pytest.raises(ValueError, match="unknown key"):
        parse_rules({"a": {"percent": 3}})
    with pytest.raises(ValueError, match="positive number"):
        parse_rules({"a": {"pp": -1}})


@dataclass
class Problem:  # the shape of crawlers.health.HealthProblem
    source_id: str
    kind: str
    message: str


def test_health_alerts_once_per_source_kind_and_day(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        run = start_run(s, "scan", date(2026, 1, 15), ["lnd", "hkcd"])
        probs = [Problem("lnd", "empty_lists", "3 list pages held no article link"),
                 Problem("hkcd", "unreachable", "all 12 requests failed <timeout>")]
        made = raise_health_alerts(s, probs, run)
        assert [(a.type, a.source_id, a.period) for a in made] == [("source_health", "lnd", "2026-01-15"),
                                                                     ("source_health", "hkcd", "2026-01-15")]
        assert raise_health_alerts(s, probs, run) == []  # same day: nothing new
        run2 = start_run(s, "scan", date(2026, 1, 16), ["lnd"])
        assert len(raise_health_alerts(s, probs[:1], run2)) == 1
        text = render_alert(made[0], s)
        assert "[来源异常 / source health] 辽宁日报 (lnd) · 2026-01-15" in text
        assert "列表页无文章链接" in text and "layout changed" in text and "3 list pages" in text
        assert alert_dict(made[1], s)["problem_en"] == "unreachable"
        assert len(s.exec(select(Alert)).all()) == 3
        with pytest.raises(ValueError, match="unknown source"):
            raise_health_alerts(s, [Problem("nosuch", "unreachable", "x")], run)


def test_raising_the_same_changes_again_writes_no_second_alert(engine):
    """raise_alerts reads no existing alerts first: the unique (version, type) constraint leaves a re-run's
    rows out of the INSERT, threshold alerts included, and only what is new now comes back."""
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        _record(s, "https://tjj.example/2024.html", [fig("空气质量优良天数", 300, "天", "2024")], utc(2025, 1, 20))
        pv = record_fetch(s, fetched("https://tjj.example/2025.html", "2025"))
        ch = record_figures(s, pv, [fig("空气质量优良天数", 328, "天", "2025"), fig("地区生产总值", 8700, "亿元", "2025")],
                            source_id="tjj_shenyang", published=utc(2026, 1, 20), extractor_version="x1")
        first = [s.get(Alert, i) for i in raise_alerts(s, ch, thresholds=RULES)]
        assert sorted((a.type, a.indicator) for a in first) == [
            ("new", "地区生产总值"), ("new", "空气质量优良天数"), ("threshold", "空气质量优良天数")]
        assert raise_alerts(s, ch, thresholds=RULES) == []
    with session_scope(engine) as s:
        assert raise_alerts(s, ch, thresholds=RULES) == []  # another transaction, same changes
        rows = s.exec(select(Alert.version_id, Alert.type)).all()
        assert len(rows) == len(set(rows)) == 4  # 2024's new alert and the three above, once each


def test_threshold_alerts_read_back_what_the_changes_do_not_carry(engine):
    """Changes from record_figures carry what was stored (VersionChange.stored); changes without it (built
    elsewhere) are read from the store: both give the same alert rows."""
    from dataclasses import replace

    from alerts.rules import threshold_alerts

    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        _record(s, "https://tjj.example/2024.html", [fig("空气质量优良天数", 300, "天", "2024"),
                                                     fig("地区生产总值", 8000, "亿元", "2024")], utc(2025, 1, 20))
        pv = record_fetch(s, fetched("https://tjj.example/2025.html", "2025"))
        ch = record_figures(s, pv, [fig("空气质量优良天数", 328, "天", "2025"), fig("地区生产总值", 9000, "亿元", "2025")],
                            source_id="tjj_shenyang", published=utc(2026, 1, 20), extractor_version="x1")
        assert all(c.stored is not None for c in ch)
        carried = threshold_alerts(s, ch, RULES, None)
        read = threshold_alerts(s, [replace(c, stored=None) for c in ch], RULES, None)
        drop = lambda rows: [{k: v for k, v in r.items() if k != "created_at"} for r in rows]  # noqa: E731
        assert len(carried) == 2 and drop(carried) == drop(read)
        assert {r["detail"]["rule"] for r in carried} == {"absolute", "relative"}


def test_a_range_moves_by_the_gap_between_the_intervals(engine):
    """A range (5%-8%) against the previous period crosses a limit only when every value in it does:
    its nearest bound, not its first figure, is compared. Levels scale the bounds to the base unit."""
    from dataclasses import replace

    rules = {"*": Rule("*", pp=2.0), "地区生产总值": Rule("地区生产总值", absolute=1e11)}
    rng = lambda f, low, high: replace(f, low=low, high=high)  # noqa: E731
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        _record(s, "https://tjj.example/2024.html",
                [fig("出口总额", 6.0, "%", "2024", kind="growth"), fig("进口总额", 6.0, "%", "2024", kind="growth"),
                 fig("地区生产总值", 8000, "亿元", "2024")], utc(2025, 1, 20), rules)
        made = _record(s, "https://tjj.example/2025.html",
                       # 2%-9% spans 6%: no certain move although its first figure is 4 points off
                       [rng(fig("出口总额", 2.0, "%", "2025", kind="growth"), 2.0, 9.0),
                        # 9%-12% is at least 3 points above 6%
                        rng(fig("进口总额", 12.0, "%", "2025", kind="growth"), 9.0, 12.0),
                        # 8500-9500亿元: at least 500亿 above 8000亿, short of the 1000亿 limit
                        rng(fig("地区生产总值", 9500, "亿元", "2025"), 8500, 9500)],
                       utc(2026, 1, 20), rules)
        moved = {a.indicator: a.detail for a in made if a.type == "threshold"}
        assert set(moved) == {"进口总额"}
        assert moved["进口总额"]["change"] == pytest.approx(3.0)
        # a revision to 9600-9800亿元 (outside 8500-9500, so not a confirmation) is ≥ 1600亿 above 8000亿
        again = _record(s, "https://tjj.example/2025b.html",
                        [rng(fig("地区生产总值", 9600, "亿元", "2025"), 9600, 9800)], utc(2026, 2, 1), rules)
        assert sorted(a.type for a in again) == ["revised", "threshold"]
        gdp = next(a for a in again if a.type == "threshold")
        assert gdp.detail["change"] == pytest.approx(1.6e11) and gdp.detail["rule"] == "absolute"
