"""Send the alert ledger out through channels (SMTP email, WeCom, DingTalk, Feishu, Slack, JSON
webhooks) with apprise, recording each delivery. A channel is a name and an apprise URL, e.g.

    Channel("email", "mailto://smtp.example.org:587?from=monitor@example.org&to=analyst@example.org")
    Channel("wecom", "wecombot://BOTKEY")   Channel("hook", "json://127.0.0.1:8080/alerts")

Each delivery row is claimed before its message goes out (alerts/ledger.py), so concurrent deliverers
never send one alert twice; a process that dies between a send and its record leaves a claim that is
taken again after a lease: that message may repeat once, and is never lost.
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

from .ledger import BACKOFF, MAX_ATTEMPTS, claim, due, mark_failed, mark_sent, queue_deliveries
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
    """Channels from `name=url` entries separated by whitespace or ';' (default: $SHENYANG_MONITOR_CHANNELS).
    Subscriptions name these channels; the URLs (which may hold secrets) stay out of the database."""
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
    deferred: Counter = field(default_factory=Counter)  # not tried: their channel failed earlier in the run
    skipped: Counter = field(default_factory=Counter)  # claimed by another deliverer running at the same time
    errors: list[str] = field(default_factory=list)


def _notifier(channel: Channel):
    import apprise

    app = apprise.Apprise()
    if not app.add(channel.url):
        raise ValueError(f"channel {channel.name}: apprise does not understand its URL (scheme "
                         f"{channel.url.split('://')[0]!r})")
    return app


EMAIL_SCHEMES = ("mailto", "mailtos")


def is_email(channel: Channel) -> bool:
    return channel.url.split("://", 1)[0].lower() in EMAIL_SCHEMES


def _send(app, title: str, body: str, html: bool = False) -> str | None:
    """None when sent, else the reason apprise gave."""
    import apprise

    fmt = apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.TEXT
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
        ok = app.notify(title=title, body=body, body_format=fmt)
    if ok:
        return None
    lines = [ln for ln in captured.getvalue().splitlines() if ln.strip()]
    return " | ".join(lines[-3:]) or "apprise reported a failure without a reason"


def message(session, alert_ids: list[int], *, html: bool = False, title: str | None = None) -> tuple[str, str]:
    """(title, body) of one message holding these alerts: Chinese text, or escaped HTML for email."""
    from .render import render_html

    alerts = [session.get(Alert, i) for i in alert_ids]
    if title is None:
        if len(alerts) == 1:
            d = alert_dict(alerts[0], session)
            title = f"[{d['type_label']}] {d['indicator'] or d.get('publisher', '')} · {d['region']} · {d['period']}"
        else:
            title = f"沈阳指标监测：{len(alerts)} 条提醒"
    if html:
        return title, render_html(alerts, session, title)
    return title, "\n\n".join(render_alert(a, session) for a in alerts)


def queue(engine: Engine, channels: list[Channel], *, since: datetime | None = None, max_age: timedelta = MAX_AGE,
          now: datetime | None = None, broadcast: bool = False, report: DeliveryReport | None = None) -> int:
    """Make the pending deliveries: each alert created within `max_age` (and since `since`) goes to the
    channels of the immediate subscriptions that match it, or with `broadcast` to every channel.
    Returns how many deliveries were made; subscriptions naming an unknown channel are reported."""
    from storage.models import Subscription

    from .subscriptions import Matcher, series_of

    now = as_utc(now, "now") or utcnow()
    oldest = now - max_age
    if since is not None:
        oldest = max(oldest, as_utc(since, "since"))
    names = {c.name for c in channels}
    made = 0
    with session_scope(engine) as session:
        alerts = session.exec(select(Alert).where(Alert.created_at >= oldest, Alert.created_at <= now)
                              .order_by(Alert.created_at, Alert.id)).all()
        if broadcast:
            return queue_deliveries(session, alerts, [c.name for c in channels])
        subs = session.exec(select(Subscription).where(Subscription.active.is_(True),
                                                       Subscription.mode == "immediate")).all()
        for sub in subs:
            if sub.channel not in names:
                msg = f"subscription {sub.id} ({sub.analyst}) names channel {sub.channel!r}, which is not configured"
                log.warning(msg)
                if report is not None:
                    report.errors.append(msg)
        matchers = [Matcher(s) for s in subs if s.channel in names]
        for alert in alerts:
            series = series_of(session, alert)
            wanted = [m.sub.channel for m in matchers if m.matches(alert, series)]
            if wanted:
                made += queue_deliveries(session, [alert], wanted)
    return made


def deliver(engine: Engine, channels: list[Channel], *, since: datetime | None = None,
            max_age: timedelta = MAX_AGE, max_attempts: int = MAX_ATTEMPTS, batch: int = BATCH,
            now: datetime | None = None, broadcast: bool = False,
            backoff_base: timedelta = BACKOFF) -> DeliveryReport:
    """Queue the alerts for the channels of the matching immediate subscriptions (every channel with
    `broadcast`), then send what is due on each channel.

    `max_age` keeps a channel added today from receiving months of old alerts. Alerts go out `batch`
    to a message (chat webhooks and mail servers limit the rate of messages); email gets an HTML body
    (escaped) with a plain-text part. Each message's deliveries are recorded in their own transaction
    right after the attempt; a failed one waits `backoff_base`, doubling per failure, before the next
    run retries it, up to `max_attempts`. After a failed message the channel is left alone for this
    run: its other alerts stay queued (`deferred`) for the next one. The (alert, channel) unique key means an alert delivered
    on a channel is never queued for it again."""
    if batch < 1:
        raise ValueError("deliver: batch must be at least 1")
    now = as_utc(now, "now") or utcnow()
    report = DeliveryReport()
    apps = {c.name: _notifier(c) for c in channels}  # a bad URL fails before anything is queued
    queue(engine, channels, since=since, max_age=max_age, now=now, broadcast=broadcast, report=report)
    for channel in channels:
        app = apps[channel.name]
        with session_scope(engine) as session:
            todo = [(d.id, a.id) for d, a in due(session, channel.name, max_attempts, now)]
        for i in range(0, len(todo), batch):
            chunk = todo[i:i + batch]
            with session_scope(engine) as session:  # committed before the send: nobody else sends these
                won = set(claim(session, AlertDelivery, [d for d, _ in chunk], now, max_attempts))
            if len(won) < len(chunk):
                report.skipped[channel.name] += len(chunk) - len(won)
                chunk = [(d, a) for d, a in chunk if d in won]
                if not chunk:
                    continue
            with session_scope(engine) as session:
                title, body = message(session, [a for _, a in chunk], html=is_email(channel))
            error = _send(app, title, body, html=is_email(channel))
            with session_scope(engine) as session:
                for delivery_id, alert_id in chunk:
                    delivery = session.get(AlertDelivery, delivery_id)
                    if error is None:
                        mark_sent(session, delivery, now)
                        report.sent[channel.name] += 1
                    else:
                        mark_failed(session, delivery, error, now, backoff_base)
                        report.failed[channel.name] += 1
            if error is not None:
                # The receiver is down or refusing: the rest wait for a later run instead of each
                # failing now (and using up their attempts) against the same dead end.
                rest = len(todo) - i - len(chunk)
                report.deferred[channel.name] += rest
                report.errors.append(f"{channel.name}: {len(chunk)} alert(s): {error}"
                                     + (f"; {rest} more left for the next run" if rest else ""))
                log.warning("delivery of %d alert(s) through %s failed: %s", len(chunk), channel.name, error)
                break
    return report
