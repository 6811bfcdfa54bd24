"""Daily digests: per digest subscription and local (Asia/Shanghai) day, one message with the day's
matching alerts, sent at the subscription's local time. One DigestDelivery row per subscription and
day (unique) makes the call idempotent: run it as often as you like (e.g. every few minutes)."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from storage.db import session_scope
from storage.models import Alert, DigestDelivery, Subscription
from storage.types import as_utc, utcnow

from .channels import Channel, _notifier, _send, channels_from_env, is_email, message
from .ledger import BACKOFF, MAX_ATTEMPTS, SENDING, claim, mark_failed, mark_sent
from .subscriptions import Matcher, digest_window, parse_hhmm, series_of

log = logging.getLogger(__name__)
SHANGHAI = ZoneInfo("Asia/Shanghai")
EMPTY = "empty"


@dataclass
class DigestReport:
    sent: Counter = field(default_factory=Counter)  # per channel: digests sent
    alerts: int = 0  # alerts in the digests sent
    empty: int = 0  # subscriptions with nothing that day (recorded, nothing sent)
    failed: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def due_day(sub: Subscription, now: datetime):
    """The local day whose digest is due at `now`: today once its time has passed, else yesterday."""
    local = now.astimezone(SHANGHAI)
    t = parse_hhmm(sub.digest_time)
    return local.date() if local.time() >= t else local.date() - timedelta(days=1)


def send_digests(engine: Engine, now: datetime | None = None, channels: list[Channel] | None = None, *,
                 max_attempts: int = MAX_ATTEMPTS, backoff_base: timedelta = BACKOFF) -> DigestReport:
    """Send each digest subscription's digest for the local day that is due at `now` (default: now).

    Idempotent per subscription and local day: a digest sent (or found empty) is never sent again; a
    failed one is retried on a later call after its backoff. `channels` default to
    $SHENYANG_MONITOR_CHANNELS."""
    now = as_utc(now, "now") or utcnow()
    channels = channels_from_env() if channels is None else channels
    by_name = {c.name: c for c in channels}
    report = DigestReport()
    with session_scope(engine) as session:
        subs = session.exec(select(Subscription).where(Subscription.active.is_(True), Subscription.mode == "digest")
                            .order_by(Subscription.id)).all()
    apps = {}
    for sub in subs:
        if sub.channel not in by_name:
            msg = f"digest subscription {sub.id} ({sub.analyst}) names channel {sub.channel!r}, which is not configured"
            log.warning(msg)
            report.errors.append(msg)
            continue
        day = due_day(sub, now)
        start, end = digest_window(sub, day, SHANGHAI)
        if end < sub.created_at:  # subscribed after that digest's time: its first digest is the next one
            continue
        row_id = _claim(engine, sub, day, start, end, report, now, max_attempts)
        if row_id is None:
            continue
        channel = by_name[sub.channel]
        if channel.name not in apps:
            apps[channel.name] = _notifier(channel)
        with session_scope(engine) as session:
            row = session.get(DigestDelivery, row_id)
            ids = list(row.alerts)
            title = f"沈阳指标监测日报 {day.isoformat()}：{len(ids)} 条提醒"
            _, body = message(session, ids, html=is_email(channel), title=title)
        error = _send(apps[channel.name], title, body, html=is_email(channel))
        with session_scope(engine) as session:
            row = session.get(DigestDelivery, row_id)
            if error is None:
                mark_sent(session, row, now)
                report.sent[channel.name] += 1
                report.alerts += len(ids)
            else:
                mark_failed(session, row, error, now, backoff_base)
                report.failed[channel.name] += 1
                report.errors.append(f"digest {sub.id} for {day}: {error}")
                log.warning("digest of subscription %s for %s through %s failed: %s", sub.id, day, channel.name, error)
    return report


def _claim(engine, sub: Subscription, day, start, end, report: DigestReport, now, max_attempts) -> int | None:
    """The DigestDelivery row to send now (made with the day's matching alerts), or None when the
    digest is done, empty, waiting for its backoff or given up."""
    with session_scope(engine) as session:
        row = session.exec(select(DigestDelivery).where(DigestDelivery.subscription_id == sub.id,
                                                        DigestDelivery.local_day == day)).first()
        if row is not None:  # sent, empty, waiting, given up, or claimed by another process: claim says
            return row.id if claim(session, DigestDelivery, [row.id], now, max_attempts) else None
        alerts = session.exec(select(Alert).where(Alert.created_at > as_utc(start), Alert.created_at <= as_utc(end))
                              .order_by(Alert.created_at, Alert.id)).all()
        m = Matcher(sub)
        ids = [a.id for a in alerts if m.matches(a, series_of(session, a))]
        # made already claimed: a crash before its record leaves a lease that a later run takes over
        row = DigestDelivery(subscription_id=sub.id, local_day=day, channel=sub.channel, alerts=ids,
                             status=SENDING if ids else EMPTY, last_attempt_at=now if ids else None)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # another process claimed this digest meanwhile: it sends it
            return None
        if not ids:
            report.empty += 1
            return None
        session.flush()
        return row.id
