"""Alerts out through a real SMTP server (aiosmtpd) and a real HTTP webhook receiver on 127.0.0.1."""
from __future__ import annotations

import json
import socket
import threading
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from alerts.channels import Channel, channels_from_env, deliver
from alerts.rules import raise_alerts
from storage.db import session_scope
from storage.models import AlertDelivery
from storage.pages import record_fetch, sync_sources
from storage.series import record_figures
from storage.types import utcnow
from tests.storage_helpers import SOURCES, fetched, fig, utc

from datetime import timedelta


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
            return "250 OK"

    inbox = Inbox()
    ctl = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    ctl.start()
    yield ctl.port, inbox.messages
    ctl.stop()


@pytest.fixture
def webhook():
    """A receiver that answers 500 to the first `fail_first` posts, then 200; after `stop_after`
    accepted posts it shuts down (connections refused) until `state["restart"]()` is called."""
    state = {"bodies": [], "fail_first": 0, "stop_after": None, "delay": 0.0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if state["delay"]:
                import time
                time.sleep(state["delay"])
            if state["fail_first"] > 0:
                state["fail_first"] -= 1
                self.send_response(500)
            else:
                state["bodies"].append(json.loads(body))
                self.send_response(200)
            self.end_headers()
            if state["stop_after"] is not None and len(state["bodies"]) >= state["stop_after"]:
                state["stop_after"] = None
                threading.Thread(target=_stop, daemon=True).start()

        def log_message(self, *args):
            pass

    servers = []

    def start(port=0):
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server.server_address[1]

    def _stop():
        servers[-1].shutdown()
        servers[-1].server_close()
        state["stopped"].set()

    state["stopped"] = threading.Event()
    port = start()
    state["restart"] = lambda: start(port)
    yield port, state
    for server in servers:
        server.shutdown()
        server.server_close()


def _two_alerts(engine):
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched("https://tjj.example/2025.html", "2025"))
        ch = record_figures(s, pv, [fig("空气质量优良天数", 328, "天", "2025"), fig("城镇新增就业", 15, "万人", "2025")],
                            source_id="tjj_shenyang", published=utc(2026, 1, 15, 2), extractor_version="x1")
        assert len(raise_alerts(s, ch)) == 2


def test_email_and_webhook_each_alert_once_and_failed_ones_retried(engine, smtp, webhook):
    smtp_port, inbox = smtp
    hook_port, hook = webhook
    _two_alerts(engine)
    channels = [Channel("email", f"mailto://127.0.0.1:{smtp_port}?from=monitor@example.org&to=analyst@example.org"
                                 "&mode=insecure"),
                Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")]
    hook["fail_first"] = 1
    report = deliver(engine, channels, broadcast=True)  # both alerts in one message per channel
    assert report.sent == {"email": 2} and report.failed == {"hook": 2}
    assert "500" in report.errors[0]
    assert len(inbox) == 1 and hook["bodies"] == []
    body = inbox[0].get_body(preferencelist=("plain",)).get_content()
    assert "空气质量优良天数 · 沈阳 · 2025: 328 天" in body and "城镇新增就业 · 沈阳 · 2025: 15 万人" in body
    assert "2 条提醒" in inbox[0]["Subject"]

    assert deliver(engine, channels, broadcast=True).sent == {}  # the failed ones wait for their backoff
    later = utcnow() + timedelta(minutes=6)
    again = deliver(engine, channels, broadcast=True, now=later)  # only the failed ones go out again
    assert again.sent == {"hook": 2} and not again.failed
    assert len(inbox) == 1 and len(hook["bodies"]) == 1
    assert "空气质量优良天数" in hook["bodies"][0]["message"] and "城镇新增就业" in hook["bodies"][0]["message"]
    with session_scope(engine) as s:
        rows = s.exec(select(AlertDelivery)).all()
        assert len(rows) == 4 and all(r.status == "sent" for r in rows)
        assert sorted(r.attempts for r in rows) == [1, 1, 2, 2]
    assert deliver(engine, channels, broadcast=True, now=later + timedelta(days=1)).sent == {}


def test_one_alert_per_message_when_batch_is_one(engine, webhook):
    hook_port, hook = webhook
    _two_alerts(engine)
    report = deliver(engine, [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")], batch=1, broadcast=True)
    assert report.sent == {"hook": 2} and len(hook["bodies"]) == 2
    assert {b["title"].split("] ")[1] for b in hook["bodies"]} == {"空气质量优良天数 · 沈阳 · 2025", "城镇新增就业 · 沈阳 · 2025"}


def test_old_alerts_are_not_sent_to_a_new_channel(engine, webhook):
    from datetime import timedelta

    from storage.models import Alert
    hook_port, hook = webhook
    _two_alerts(engine)
    with session_scope(engine) as s:
        old = s.exec(select(Alert).order_by(Alert.id)).first()
        old.created_at = old.created_at - timedelta(days=30)
    report = deliver(engine, [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")], batch=1, broadcast=True)
    assert report.sent == {"hook": 1} and "城镇新增就业" in hook["bodies"][0]["message"]


def test_channel_configuration_errors_are_clear(engine):
    assert channels_from_env("mail=mailto://x.example; hook=json://127.0.0.1:9/a") == [
        Channel("mail", "mailto://x.example"), Channel("hook", "json://127.0.0.1:9/a")]
    with pytest.raises(ValueError, match="nourl"):
        channels_from_env("nourl")
    with pytest.raises(ValueError, match="does not understand"):
        deliver(engine, [Channel("bad", "nosuchscheme://x")])


def _alerts(engine, n: int, *, sentence: str | None = None):
    """n new-data alerts, one indicator each (空气质量优良天数0 …)."""
    with session_scope(engine) as s:
        sync_sources(s, SOURCES)
        pv = record_fetch(s, fetched(f"https://tjj.example/{n}.html", f"body{n}"))
        figs = [fig(f"指标{i}", 100 + i, "天", "2025", sentence=sentence) for i in range(n)]
        ch = record_figures(s, pv, figs, source_id="tjj_shenyang", published=utc(2026, 1, 15, 2), extractor_version="x1")
        return raise_alerts(s, ch)


def test_a_receiver_that_stops_mid_batch_loses_nothing_and_repeats_nothing(engine, webhook):
    hook_port, hook = webhook
    ids = _alerts(engine, 6)
    channels = [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")]
    hook["stop_after"] = 2  # the receiver goes away after the second message
    first = deliver(engine, channels, batch=1, broadcast=True)
    assert hook["stopped"].wait(5)
    assert first.sent == {"hook": 2} and first.failed == {"hook": 1} and first.deferred == {"hook": 3}
    assert len(hook["bodies"]) == 2 and "3 more left for the next run" in first.errors[0]
    hook["restart"]()
    # The next run sends the three left over; the one that failed waits for its backoff.
    assert deliver(engine, channels, batch=1, broadcast=True).sent == {"hook": 3}
    second = deliver(engine, channels, batch=1, broadcast=True, now=utcnow() + timedelta(minutes=6))
    assert second.sent == {"hook": 1} and not second.failed
    titles = [b["title"] for b in hook["bodies"]]
    assert len(titles) == 6 and len(set(titles)) == 6  # each alert exactly once
    assert {t.split("] ")[1].split(" · ")[0] for t in titles} == {f"指标{i}" for i in range(6)}
    assert deliver(engine, channels, batch=1, broadcast=True, now=utcnow() + timedelta(hours=1)).sent == {}
    with session_scope(engine) as s:
        rows = s.exec(select(AlertDelivery)).all()
        assert sorted(r.alert_id for r in rows) == sorted(ids) and all(r.status == "sent" for r in rows)


def test_a_second_delivery_row_for_one_alert_and_channel_is_impossible(engine):
    from sqlalchemy.exc import IntegrityError

    [aid] = _alerts(engine, 1)
    with session_scope(engine) as s:
        s.add(AlertDelivery(alert_id=aid, channel="hook"))
    with pytest.raises(IntegrityError):
        with session_scope(engine) as s:
            s.add(AlertDelivery(alert_id=aid, channel="hook"))


def test_subscriptions_choose_the_channels(engine, smtp, webhook):
    from alerts.subscriptions import add_subscription

    smtp_port, inbox = smtp
    hook_port, hook = webhook
    _two_alerts(engine)  # 空气质量优良天数 (天) and 城镇新增就业 (万人)
    with session_scope(engine) as s:
        add_subscription(s, "王分析", "hook", indicators=["空氣質量優良天數"])  # traditional spelling
        add_subscription(s, "李分析", "email", regions=["沈阳市"], alert_types=["new"])
        add_subscription(s, "赵分析", "email", regions=["大连"])  # matches nothing
    channels = [Channel("email", f"mailto://127.0.0.1:{smtp_port}?from=monitor@example.org&to=analyst@example.org"
                                 "&mode=insecure"),
                Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")]
    report = deliver(engine, channels)
    assert report.sent == {"hook": 1, "email": 2}
    assert len(hook["bodies"]) == 1 and "空气质量优良天数" in hook["bodies"][0]["message"]
    assert "城镇新增就业" not in hook["bodies"][0]["message"]
    assert len(inbox) == 1
    assert deliver(engine, channels).sent == {}


def test_unknown_subscription_channel_is_reported(engine):
    from alerts.subscriptions import add_subscription

    _two_alerts(engine)
    with session_scope(engine) as s:
        add_subscription(s, "王分析", "wecom")
    report = deliver(engine, [])
    assert report.sent == {} and "wecom" in report.errors[0] and "not configured" in report.errors[0]
    with pytest.raises(ValueError, match="not a URL"):
        with session_scope(engine) as s:
            add_subscription(s, "王分析", "json://127.0.0.1/x")
    with pytest.raises(ValueError, match="HH:MM"):
        with session_scope(engine) as s:
            add_subscription(s, "王分析", "hook", mode="digest", digest_time="25:00")


def test_email_html_body_is_escaped_and_complete(engine, smtp):
    smtp_port, inbox = smtp
    _alerts(engine, 1, sentence='2025年，沈阳<script>alert("x")</script>指标0达到100天 & 更多。')
    deliver(engine, [Channel("email", f"mailto://127.0.0.1:{smtp_port}?from=m@example.org&to=a@example.org"
                                      "&mode=insecure")], broadcast=True)
    assert len(inbox) == 1
    html = inbox[0].get_body(preferencelist=("html",)).get_content()
    plain = inbox[0].get_body(preferencelist=("plain",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; 更多" in html
    assert "指标0 · 沈阳 · 2025: 100 天" in html and "沈阳市统计局" in html and "2026-01-15 10:00" in html
    assert 'href="https://tjj.example/1.html"' in html
    assert "指标0 · 沈阳 · 2025: 100 天" in plain


def test_daily_digest_once_per_subscription_and_local_day(engine, smtp, webhook):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from alerts.digest import send_digests
    from alerts.subscriptions import add_subscription
    from storage.models import Alert, DigestDelivery

    sh = ZoneInfo("Asia/Shanghai")
    smtp_port, inbox = smtp
    hook_port, hook = webhook
    ids = _alerts(engine, 3)
    with session_scope(engine) as s:
        # Two alerts in the window of 2026-03-02 08:00 (after 03-01 08:00), one after it.
        for aid, at in zip(ids, [datetime(2026, 3, 1, 9, 0, tzinfo=sh), datetime(2026, 3, 2, 7, 59, tzinfo=sh),
                                 datetime(2026, 3, 2, 8, 1, tzinfo=sh)]):
            s.get(Alert, aid).created_at = at
        d = add_subscription(s, "王分析", "email", mode="digest", digest_time="08:00")
        h = add_subscription(s, "李分析", "hook", mode="digest", digest_time="8:00", indicators=["指标2"])
        for sub in (d, h):
            sub.created_at = datetime(2026, 2, 1, tzinfo=sh)
    channels = [Channel("email", f"mailto://127.0.0.1:{smtp_port}?from=m@example.org&to=a@example.org&mode=insecure"),
                Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")]
    early = send_digests(engine, datetime(2026, 3, 2, 7, 30, tzinfo=sh), channels)  # the 03-01 digest: empty
    assert early.sent == {} and early.empty == 2
    at8 = send_digests(engine, datetime(2026, 3, 2, 8, 5, tzinfo=sh), channels)
    assert at8.sent == {"email": 1} and at8.alerts == 2 and at8.empty == 1  # 指标2 came after 08:00
    assert len(inbox) == 1 and "2026-03-02" in inbox[0]["Subject"] and "2 条提醒" in inbox[0]["Subject"]
    html = inbox[0].get_body(preferencelist=("html",)).get_content()
    assert "指标0" in html and "指标1" in html and "指标2" not in html
    assert send_digests(engine, datetime(2026, 3, 2, 20, 0, tzinfo=sh), channels).sent == {}  # idempotent
    hook["fail_first"] = 1
    nxt = send_digests(engine, datetime(2026, 3, 3, 8, 0, tzinfo=sh), channels)
    assert nxt.failed == {"hook": 1} and nxt.sent == {"email": 1} and nxt.empty == 0  # 指标2 for both
    assert len(inbox) == 2 and "指标2" in inbox[1].get_body(preferencelist=("html",)).get_content()
    assert send_digests(engine, datetime(2026, 3, 3, 8, 1, tzinfo=sh), channels).sent == {}  # backing off
    retry = send_digests(engine, datetime(2026, 3, 3, 9, 0, tzinfo=sh), channels)
    assert retry.sent == {"hook": 1} and len(hook["bodies"]) == 1 and "指标2" in hook["bodies"][0]["message"]
    with session_scope(engine) as s:
        rows = s.exec(select(DigestDelivery).order_by(DigestDelivery.id)).all()
        assert [(r.local_day.isoformat(), r.status) for r in rows] == [
            ("2026-03-01", "empty"), ("2026-03-01", "empty"), ("2026-03-02", "sent"), ("2026-03-02", "empty"),
            ("2026-03-03", "sent"), ("2026-03-03", "sent")]


def test_two_deliverers_at_once_send_each_alert_once(engine, webhook):
    """The DAG's delivery task and an analyst's `alerts deliver` running together: each row is claimed
    (committed) before its message goes out, so the slower of the two skips what the other sends."""
    import time

    hook_port, hook = webhook
    _alerts(engine, 8)
    channels = [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")]
    hook["delay"] = 0.15  # each post takes a while, so the two runs overlap
    reports, errors = [], []

    def run():
        try:
            reports.append(deliver(engine, channels, batch=1, broadcast=True))
        except Exception as e:  # surfaced by the assertion below, with its message
            errors.append(repr(e))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.05)
    for t in threads:
        t.join(60)
    assert not errors
    titles = [b["title"] for b in hook["bodies"]]
    assert len(titles) == 8 and len(set(titles)) == 8
    assert sum(sum(r.sent.values()) for r in reports) == 8
    assert sum(sum(r.skipped.values()) for r in reports) >= 1  # they did overlap, and one gave way
    with session_scope(engine) as s:
        assert {r.status for r in s.exec(select(AlertDelivery)).all()} == {"sent"}


def test_a_claim_left_by_a_crashed_deliverer_is_taken_again_after_the_lease(engine, webhook):
    from alerts.ledger import LEASE, claim

    hook_port, hook = webhook
    [aid] = _alerts(engine, 1)
    channels = [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")]
    assert deliver(engine, [Channel("hook", "json://127.0.0.1:9/none")], broadcast=True, now=utcnow()).failed
    t0 = utcnow() + timedelta(minutes=6)  # past the first backoff
    with session_scope(engine) as s:  # a deliverer claims the row, then dies before sending or recording
        [row] = s.exec(select(AlertDelivery)).all()
        assert claim(s, AlertDelivery, [row.id], t0) == [row.id]
    assert deliver(engine, channels, broadcast=True, now=t0 + timedelta(minutes=1)).sent == {}  # still its claim
    assert hook["bodies"] == []
    later = t0 + LEASE + timedelta(seconds=1)
    assert deliver(engine, channels, broadcast=True, now=later).sent == {"hook": 1}
    assert len(hook["bodies"]) == 1 and f"提醒编号 {aid}" in hook["bodies"][0]["message"]
    assert deliver(engine, channels, broadcast=True, now=later + LEASE * 2).sent == {}
