"""Alert rows and their rendering, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest

from alerts.render import alert_dict, excerpt, number, render_alert, value_text
from alerts.rules import raise_alerts
from storage.models import Alert
from storage.pages import record_fetch, sync_sources
from storage.queries import alerts_since
from storage.runs import finish_run, start_run
from storage.series import record_figures
from tests.storage_helpers import SOURCES, fetched, fig, utc


@pytest.fixture
def s(session):
    sync_sources(session, SOURCES)
    return session


def _record(s, url, figures, *, source_id="tjj_shenyang", published=None, run=None, body=None):
    pv = record_fetch(s, fetched(url, body or url, source_id=source_id))
    changes = record_figures(s, pv, figures, source_id=source_id, published=published, extractor_version="x1")
    alerts = [s.get(Alert, i) for i in raise_alerts(s, changes, run=run)]
    s.commit()
    return alerts


def test_new_alert_shows_previous_period_source_time_evidence_and_link(s):
    run = start_run(s, "scan", utc(2026, 1, 15).date(), ["tjj_shenyang"])
    _record(s, "https://tjj.example/2024.html", [fig("空气质量优良天数", 318, "天", "2024")], published=utc(2025, 1, 20, 2))
    sentence = "2025年，全市空气质量优良天数达到328天，同比增加10天。"
    [alert] = _record(s, "https://tjj.example/2025.html", [fig("空气质量优良天数", 328, "天", "2025", sentence=sentence)],
                      published=utc(2026, 1, 15, 2, 30), run=run)
    finish_run(s, run, "ok", {"pages": {"new": 2}, "note": "中文"})
    s.commit()
    text = render_alert(alert, s)
    assert "空气质量优良天数 · 沈阳 · 2025: 328 天 (2024: 318 天)" in text
    assert "沈阳市统计局" in text and "2026-01-15 10:30" in text  # Asia/Shanghai, not UTC
    assert sentence in text and "https://tjj.example/2025.html" in text
    assert len(text.splitlines()) == 2
    d = alert_dict(alert, s)
    dumped = json.dumps(d, ensure_ascii=False)
    assert "\\u" not in dumped and "\\u" not in text
    assert d["previous"] == {"period": "2024", "value": 318.0, "unit": "天", "value_text": "318 天"}
    assert (d["value"], d["unit"], d["run_id"], d["published_shanghai"]) == (328.0, "天", run.id, "2026-01-15 10:30")
    assert run.stats["note"] == "中文" and run.finished_at is not None


def test_revision_and_conflict_texts_name_the_old_value(s):
    _record(s, "https://tjj.example/p.html", [fig("地区生产总值", 8000.5, "亿元", "2024")], published=utc(2025, 1, 21))
    [rev] = _record(s, "https://tjj.example/f.html", [fig("地区生产总值", 8022.3, "亿元", "2024")],
                    published=utc(2025, 9, 1))
    text = render_alert(rev, s)
    assert "[修订]" in text and "8022.3 亿元" in text and "此前为 8000.5 亿元" in text
    # 约8100 is within 5% of 8022.3: a confirmation, no alert
    assert _record(s, "https://lnd.example/a.html", [fig("地区生产总值", 8100, "亿元", "2024", qualifier="approx")],
                   source_id="lnd") == []
    [con] = _record(s, "https://hkcd.example/b.html", [fig("地区生产总值", 9022, "亿元", "2024")], source_id="hkcd")
    text = render_alert(con, s)
    assert con.type == "conflict"
    assert "与沈阳市统计局的 8022.3 亿元 不一致" in text and "采用沈阳市统计局的数据" in text
    assert "\\u" not in text


def test_alerts_since_and_number_formatting(s):
    _record(s, "https://tjj.example/a.html", [fig("城镇新增就业", 15, "万人", "2025"),
                                              fig("地区生产总值增速", 5.6, "%", "2025", kind="growth", base="同比"),
                                              fig("社会消费品零售总额", 44392000000, "元", "2025", qualifier="over")])
    alerts = alerts_since(s, None)
    assert len(alerts) == 3
    assert alerts_since(s, utc(2100, 1, 1)) == []
    texts = "\n".join(render_alert(a, s) for a in alerts)
    assert "15 万人" in texts and "同比增长5.6%" in texts and "超过44392000000 元" in texts
    assert number(328.0) == "328" and number(-2.3) == "-2.3" and value_text(4.8, "个百分点") == "4.8 个百分点"
    assert value_text(-2.3, "%", kind="growth", base="同比") == "同比下降2.3%"
    assert value_text(0.2, "个百分点", "approx", kind="change_pp", base="同比") == "同比提高约0.2 个百分点"


def test_long_evidence_is_cut_around_the_figure(s):
    sentence = "2026年1月14日,瀋陽市第十七屆人民代表大會第五次會議上,市長作政府工作報告時披露," * 3 + "地區出口總額增長10%,入境遊客增長43.5%。"
    [alert] = _record(s, "https://hkcd.example/x.html", [fig("出口总额", 10, "%", "2025", kind="growth", sentence=sentence)],
                      source_id="hkcd")
    second_line = render_alert(alert, s).splitlines()[1]
    assert "出口總額增長10%" in second_line and second_line.count("…") == 1
    assert excerpt("短句。") == "短句。"
