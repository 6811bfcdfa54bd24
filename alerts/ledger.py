"""Delivery bookkeeping: one AlertDelivery row per (alert, channel), so a re-run never sends twice and
a failed delivery is retried later instead of lost. Database only; sending is alerts/channels.py."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Alert, AlertDelivery
from storage.types import utcnow

PENDING, SENT, FAILED = "pending", "sent", "failed"
MAX_ATTEMPTS = 5


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


def due(session: Session, channel: str, max_attempts: int = MAX_ATTEMPTS) -> list[tuple[AlertDelivery, Alert]]:
    """Deliveries of `channel` still to send: pending, or failed fewer than max_attempts times; oldest first."""
    stmt = (select(AlertDelivery, Alert).join(Alert, Alert.id == AlertDelivery.alert_id)
            .where(AlertDelivery.channel == channel,
                   or_(AlertDelivery.status == PENDING,
                       and_(AlertDelivery.status == FAILED, AlertDelivery.attempts < max_attempts)))
            .order_by(Alert.created_at, Alert.id))
    return [(d, a) for d, a in session.exec(stmt).all()]


def mark_sent(session: Session, delivery: AlertDelivery) -> None:
    now = utcnow()
    delivery.status, delivery.attempts = SENT, delivery.attempts + 1
    delivery.last_attempt_at = delivery.delivered_at = now
    delivery.last_error = None
    session.add(delivery)
    session.flush()


def mark_failed(session: Session, delivery: AlertDelivery, error: str) -> None:
    delivery.status, delivery.attempts = FAILED, delivery.attempts + 1
    delivery.last_attempt_at = utcnow()
    delivery.last_error = (error or "unknown error")[:2000]
    session.add(delivery)
    session.flush()
