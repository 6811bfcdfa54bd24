"""Subscriptions: which alerts an analyst wants, on which channel, immediately or as a daily digest."""
from __future__ import annotations

import re
from datetime import datetime, time
from typing import Iterable

from sqlmodel import Session, select

from storage.models import (CONFLICT, NEW, REVISED, SOURCE_HEALTH, THRESHOLD, Alert, Observation, Series,
                            Subscription)
from storage.series import KINDS

MODES = ("immediate", "digest")
ALERT_TYPES = (NEW, REVISED, CONFLICT, THRESHOLD, SOURCE_HEALTH)
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _names(values: Iterable[str] | None) -> list[str]:
    return [v.strip() for v in (values or []) if v and v.strip()]


def parse_hhmm(text: str) -> time:
    m = _HHMM.match((text or "").strip())
    if not m:
        raise ValueError(f"digest time must be HH:MM (Asia/Shanghai), got {text!r}")
    return time(int(m.group(1)), int(m.group(2)))


def add_subscription(session: Session, analyst: str, channel: str, *, indicators: Iterable[str] = (),
                     regions: Iterable[str] = (), kinds: Iterable[str] = (), alert_types: Iterable[str] = (),
                     mode: str = "immediate", digest_time: str | None = None) -> Subscription:
    """A new subscription. Empty filters match everything; `digest_time` (HH:MM, Asia/Shanghai) is
    required for a digest and refused for an immediate one."""
    if not analyst or not analyst.strip():
        raise ValueError("a subscription needs the analyst's name or address")
    if not channel or not channel.strip() or "://" in channel:
        raise ValueError(f"channel must be a channel name from the settings (not a URL), got {channel!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    kinds, alert_types = _names(kinds), _names(alert_types)
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ValueError(f"unknown kind(s) {', '.join(bad)}; expected {', '.join(KINDS)}")
    bad = [t for t in alert_types if t not in ALERT_TYPES]
    if bad:
        raise ValueError(f"unknown alert type(s) {', '.join(bad)}; expected {', '.join(ALERT_TYPES)}")
    if mode == "digest":
        if not digest_time:
            raise ValueError("a digest subscription needs its local time (HH:MM, Asia/Shanghai)")
        t = parse_hhmm(digest_time)
        digest_time = f"{t.hour:02d}:{t.minute:02d}"
    elif digest_time:
        raise ValueError("digest_time is only for digest subscriptions")
    sub = Subscription(analyst=analyst.strip(), channel=channel.strip(), indicators=_names(indicators),
                       regions=_names(regions), kinds=kinds, alert_types=alert_types, mode=mode,
                       digest_time=digest_time)
    session.add(sub)
    session.flush()
    return sub


def list_subscriptions(session: Session, *, active_only: bool = True) -> list[Subscription]:
    stmt = select(Subscription)
    if active_only:
        stmt = stmt.where(Subscription.active.is_(True))
    return list(session.exec(stmt.order_by(Subscription.id)).all())


def remove_subscription(session: Session, subscription_id: int) -> Subscription:
    """Deactivate a subscription (its digests' history stays). LookupError when there is none."""
    sub = session.get(Subscription, subscription_id)
    if sub is None or not sub.active:
        raise LookupError(f"no active subscription {subscription_id}")
    sub.active = False
    session.add(sub)
    session.flush()
    return sub


class Matcher:
    """Matches alerts against one subscription; indicator and region names in either script."""

    def __init__(self, sub: Subscription):
        from storage.queries import variants

        self.sub = sub
        self.indicators = {v for name in sub.indicators or [] for v in variants(name)}
        self.regions = {v for name in sub.regions or [] for v in variants(name)}
        for r in list(self.regions):  # 沈阳市 and 沈阳 are one region (storage keys drop the 市)
            if len(r) > 2 and r.endswith("市"):
                self.regions.add(r[:-1])
        self.kinds = set(sub.kinds or [])
        self.types = set(sub.alert_types or [])

    def matches(self, alert: Alert, series: Series | None) -> bool:
        if self.types and alert.type not in self.types:
            return False
        if alert.type == SOURCE_HEALTH:  # about a source, not a figure: only for unfiltered subscriptions
            return not self.indicators and not self.kinds and (not self.regions or alert.region in self.regions)
        if self.indicators and alert.indicator not in self.indicators and (
                series is None or series.indicator_id not in self.indicators):
            return False
        if self.regions and alert.region not in self.regions:
            return False
        if self.kinds and (series is None or series.kind not in self.kinds):
            return False
        return True


def series_of(session: Session, alert: Alert) -> Series | None:
    if alert.observation_id is None:
        return None
    obs = session.get(Observation, alert.observation_id)
    return session.get(Series, obs.series_id) if obs is not None else None


def matching(session: Session, alert: Alert, subs: list[Subscription]) -> list[Subscription]:
    series = series_of(session, alert)
    return [s for s in subs if Matcher(s).matches(alert, series)]


def digest_window(sub: Subscription, local_day, tz) -> tuple[datetime, datetime]:
    """The alerts of one digest: created after the previous day's digest time, up to this day's."""
    from datetime import timedelta

    t = parse_hhmm(sub.digest_time)
    end = datetime.combine(local_day, t, tz)
    return end - timedelta(days=1), end
