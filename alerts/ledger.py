"""Delivery bookkeeping: one AlertDelivery row per (alert, channel), so a re-run never sends twice and
a failed delivery is retried later instead of lost. Database only; sending is alerts/channels.py.

A row is claimed (status `sending`, committed) before its message goes out, so two deliverers running at
once (the DAG's task and an analyst's `alerts deliver`) never both send it. A claim left behind by a
process that died between the send and its record is taken again after LEASE: that one message may then
arrive twice (its text carries the alert numbers, so a reader can tell), but it is never lost."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Alert, AlertDelivery
from storage.types import utcnow

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=15)  # a claim older than this belongs to a process that died: take it again
BACKOFF = timedelta(minutes=5)  # the wait after the first failure; doubled after each further one
BACKOFF_MAX = timedelta(hours=6)


def backoff(attempts: int, base: timedelta = BACKOFF) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: base, 2·base, 4·base, … up to BACKOFF_MAX."""
    return min(base * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def queue_deliveries(session: Session, alerts: Iterable[Alert], channels: Iterable[str]) -> int:
    """Make a pending delivery for each alert and channel that has none yet; returns how many were made."""
    channels = list(dict.fromkeys(channels))
    made = 0
    for alert in alerts:
        have = set(session.exec(select(AlertDelivery.channel).where(AlertDelivery.alert_id == alert.id)).all())
        for ch in channels:
            if ch in have:
                continue
            try:
                with session.begin_nested():
                    session.add(AlertDelivery(alert_id=alert.id, channel=ch))
                made += 1
            except IntegrityError:  # another process queued it meanwhile: the unique key keeps one
                pass
    session.flush()
    return made


def sendable(model, now: datetime, max_attempts: int = MAX_ATTEMPTS, lease: timedelta = LEASE):
    """The condition on a delivery row (AlertDelivery or DigestDelivery) that may be sent now: pending;
    failed fewer than max_attempts times and past its backoff; or claimed longer ago than `lease`."""
    return or_(model.status == PENDING,
               and_(model.status == FAILED, model.attempts < max_attempts,
                    or_(model.next_attempt_at.is_(None), model.next_attempt_at <= now)),
               and_(model.status == SENDING, model.last_attempt_at < now - lease))


def due(session: Session, channel: str, max_attempts: int = MAX_ATTEMPTS,
        now: datetime | None = None, lease: timedelta = LEASE) -> list[tuple[AlertDelivery, Alert]]:
    """Deliveries of `channel` to send now (see `sendable`), oldest first. Claim them before sending."""
    now = now or utcnow()
    stmt = (select(AlertDelivery, Alert).join(Alert, Alert.id == AlertDelivery.alert_id)
            .where(AlertDelivery.channel == channel, sendable(AlertDelivery, now, max_attempts, lease))
            .order_by(Alert.created_at, Alert.id))
    return [(d, a) for d, a in session.exec(stmt).all()]


def claim(session: Session, model, ids: Iterable[int], now: datetime | None = None,
          max_attempts: int = MAX_ATTEMPTS, lease: timedelta = LEASE) -> list[int]:
    """Mark these delivery rows as being sent by this process and return the ids it won: one conditional
    UPDATE per row, so of two processes claiming the same row only one sees it change (PostgreSQL
    re-checks the condition after the other's commit; SQLite runs one writer at a time). Commit before
    sending."""
    now = now or utcnow()
    won = []
    for i in ids:
        res = session.execute(update(model).where(model.id == i, sendable(model, now, max_attempts, lease))
                              .values(status=SENDING, last_attempt_at=now)
                              .execution_options(synchronize_session=False))
        if res.rowcount == 1:
            won.append(i)
    session.expire_all()  # ORM copies loaded before the UPDATE are out of date
    return won


def mark_sent(session: Session, delivery: AlertDelivery, now: datetime | None = None) -> None:
    now = now or utcnow()
    delivery.status, delivery.attempts = SENT, delivery.attempts + 1
    delivery.last_attempt_at = delivery.delivered_at = now
    delivery.last_error = delivery.next_attempt_at = None
    session.add(delivery)
    session.flush()


def mark_failed(session: Session, delivery, error: str, now: datetime | None = None,
                base: timedelta = BACKOFF) -> None:
    """Record a failed attempt (an AlertDelivery or a DigestDelivery) and when to try again."""
    now = now or utcnow()
    delivery.status, delivery.attempts = FAILED, delivery.attempts + 1
    delivery.last_attempt_at = now
    delivery.next_attempt_at = now + backoff(delivery.attempts, base)
    delivery.last_error = (error or "unknown error")[:2000]
    session.add(delivery)
    session.flush()
