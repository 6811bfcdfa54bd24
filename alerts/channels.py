"""Send the alert ledger out through channels (SMTP email, WeCom, DingTalk, Feishu, Slack, JSON
webhooks) with apprise, recording each delivery. A channel is a name and an apprise URL, e.g.

    Channel("email", "mailto://smtp.example.org:587?from=monitor@example.org&to=analyst@example.org")
    Channel("wecom", "wecombot://BOTKEY")   Channel("hook", "json://127.0.0.1:8080/alerts")

Delivery is at least once: a crash between the send and its record can repeat one message, never lose it.
"""
from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models import Alert, AlertDelivery
from storage.types import as_utc, utcnow

from .ledger import MAX_ATTEMPTS, due, mark_failed, mark_sent, queue_deliveries
from .render import alert_dict, render_alert

log = logging.getLogger(__name__)
ENV_VAR = "SHENYANG_MONITOR_CHANNELS"
BATCH = 10  # alerts per message
MAX_AGE = timedelta(days=7)  # older alerts are not queued for delivery


@dataclass(frozen=True)
class Channel:
    name: str
    url: str  # an apprise URL; may hold secrets, never logged


def channels_from_env(value: str | None = None) -> list[Channel]:
    """Channels from `name=url` entries separated by whitespace or ';' (default: $SHENYANG_MONITOR_CHANNELS)."""
    text = value if value is not None else os.environ.get(ENV_VAR, "")
    out = []
    for entry in text.replace(";", " ").split():
        name, sep, url = entry.partition("=")
        if not sep or not name or "://" not in url:
            raise ValueError(f"channel entry {name or entry!r}: expected name=scheme://…")
        out.append(Channel(name, url))
    return out


@dataclass
class DeliveryReport:
    sent: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _notifier(channel: Channel):
    import apprise

    app = apprise.Apprise()
    if not app.add(channel.url):
        raise ValueError(f"channel {channel.name}: apprise does not understand its URL (scheme "
                         f"{channel.url.split('://')[0]!r})")
    return app


def _send(app, title: str, body: str) -> str | None:
    """None when sent, else the reason apprise gave."""
    import apprise

    with apprise.LogCapture(level=logging.WARNING) as captured:
        ok = app.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
    if ok:
        return None
    lines = [ln for ln in captured.getvalue().splitlines() if ln.strip()]
    return " | ".join(lines[-3:]) or "apprise reported a failure without a reason"


def _message(session, alert_ids: list[int]) -> tuple[str, str]:
    alerts = [session.get(Alert, i) for i in alert_ids]
    if len(alerts) == 1:
        d = alert_dict(alerts[0], session)
        title = f"[{d['type_label']}] {d['indicator']} · {d['region']} · {d['period']}"
    else:
        title = f"沈阳指标监测：{len(alerts)} 条提醒"
    return title, "\n\n".join(render_alert(a, session) for a in alerts)


def deliver(engine: Engine, channels: list[Channel], *, since: datetime | None = None,
            max_age: timedelta = MAX_AGE, max_attempts: int = MAX_ATTEMPTS, batch: int = BATCH) -> DeliveryReport:
    """Queue the alerts created since `since` and within `max_age` for every channel, then send what is due.

    `max_age` keeps a channel added today from receiving months of old alerts. Alerts go out `batch`
    to a message (chat webhooks and mail servers limit the rate of messages); each message's
    deliveries are recorded in their own transaction right after the attempt."""
    if batch < 1:
        raise ValueError("deliver: batch must be at least 1")
    report = DeliveryReport()
    oldest = utcnow() - max_age
    if since is not None:
        oldest = max(oldest, as_utc(since, "since"))
    with session_scope(engine) as session:
        stmt = select(Alert).where(Alert.created_at >= oldest)
        queue_deliveries(session, session.exec(stmt).all(), [c.name for c in channels])
    for channel in channels:
        app = _notifier(channel)
        with session_scope(engine) as session:
            todo = [(d.id, a.id) for d, a in due(session, channel.name, max_attempts)]
        for i in range(0, len(todo), batch):
            chunk = todo[i:i + batch]
            with session_scope(engine) as session:
                title, body = _message(session, [a for _, a in chunk])
            error = _send(app, title, body)
            with session_scope(engine) as session:
                for delivery_id, alert_id in chunk:
                    delivery = session.get(AlertDelivery, delivery_id)
                    if error is None:
                        mark_sent(session, delivery)
                        report.sent[channel.name] += 1
                    else:
                        mark_failed(session, delivery, error)
                        report.failed[channel.name] += 1
            if error is not None:
                report.errors.append(f"{channel.name}: {len(chunk)} alert(s): {error}")
                log.warning("delivery of %d alert(s) through %s failed: %s", len(chunk), channel.name, error)
    return report
