"""Delivery bookkeeping: one AlertDelivery row per (alert, channel), so a re-run never sends twice and
a failed delivery is retried later instead of lost. Database only; sending is alerts/channels.py."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable

from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Alert, AlertDelivery
from storage.types import utcnow

PENDING, SENT, FAILED = "pending", "sent", "failed"
MAX_ATTEMPTS = 8
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


def due(session: Session, channel: str, max_attempts: int = MAX_ATTEMPTS,
        now: datetime | None = None) -> list[tuple[AlertDelivery, Alert]]:
    """Deliveries of `channel` to send now: pending, or failed fewer than max_attempts times and past
    their backoff; oldest first."""
    now = now or utcnow()
    stmt = (select(AlertDelivery, Alert).join(Alert, Alert.id == AlertDelivery.alert_id)
            .where(AlertDelivery.channel == channel,
                   or_(AlertDelivery.status == PENDING,
                       and_(AlertDelivery.status == FAILED, AlertDelivery.attempts < max_attempts,
                            or_(AlertDelivery.next_attempt_at.is_(None), AlertDelivery.next_attempt_at <= now))))
            .order_by(Alert.created_at, Alert.id))
    return [(d, a) for d, a in session.exec(stmt).all()]


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
