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
from tests.storage_helpers import SOURCES, fetched, fig, utc


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
    """A receiver that answers 500 to the first `fail_first` posts, then 200."""
    state = {"bodies": [], "fail_first": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if state["fail_first"] > 0:
                state["fail_first"] -= 1
                self.send_response(500)
            else:
                state["bodies"].append(json.loads(body))
                self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], state
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
    report = deliver(engine, channels)  # both alerts in one message per channel
    assert report.sent == {"email": 2} and report.failed == {"hook": 2}
    assert "500" in report.errors[0]
    assert len(inbox) == 1 and hook["bodies"] == []
    body = inbox[0].get_body(preferencelist=("plain",)).get_content()
    assert "空气质量优良天数 · 沈阳 · 2025: 328 天" in body and "城镇新增就业 · 沈阳 · 2025: 15 万人" in body
    assert "2 条提醒" in inbox[0]["Subject"]

    again = deliver(engine, channels)  # only the failed ones go out again
    assert again.sent == {"hook": 2} and not again.failed
    assert len(inbox) == 1 and len(hook["bodies"]) == 1
    assert "空气质量优良天数" in hook["bodies"][0]["message"] and "城镇新增就业" in hook["bodies"][0]["message"]
    with session_scope(engine) as s:
        rows = s.exec(select(AlertDelivery)).all()
        assert len(rows) == 4 and all(r.status == "sent" for r in rows)
        assert sorted(r.attempts for r in rows) == [1, 1, 2, 2]
    assert deliver(engine, channels).sent == {}


def test_one_alert_per_message_when_batch_is_one(engine, webhook):
    hook_port, hook = webhook
    _two_alerts(engine)
    report = deliver(engine, [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")], batch=1)
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
    report = deliver(engine, [Channel("hook", f"json://127.0.0.1:{hook_port}/alerts")], batch=1)
    assert report.sent == {"hook": 1} and "城镇新增就业" in hook["bodies"][0]["message"]


def test_channel_configuration_errors_are_clear(engine):
    assert channels_from_env("mail=mailto://x.example; hook=json://127.0.0.1:9/a") == [
        Channel("mail", "mailto://x.example"), Channel("hook", "json://127.0.0.1:9/a")]
    with pytest.raises(ValueError, match="nourl"):
        channels_from_env("nourl")
    with pytest.raises(ValueError, match="does not understand"):
        deliver(engine, [Channel("bad", "nosuchscheme://x")])
