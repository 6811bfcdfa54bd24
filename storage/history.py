"""Analyst reads over the versions: which observation a person means, what changed since a moment,
first release against the latest value, every series point (for export). Reads only."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Iterable

from sqlalchemy import or_
from sqlmodel import Session, select

from .models import (CHANGE_TYPES, CONFIRMED, WITHDRAWN, Observation, ObservationVersion, Page, PageVersion,
                     Series)
from .periods import PeriodError, parse_period
from .queries import SeriesPoint, _point, _resolve_names, _versions_at, variants
from .types import as_utc


def _iso(d: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in d.items()}


def find_observations(session: Session, indicator: str, region: str | None, period: str,
                      kind: str | None = None) -> list[tuple[Observation, Series]]:
    """The observations of an indicator (name, id or alias, either script) in a region at a period
    (as parse_period reads it: 2025, 2025H1, 2025Q1-Q2, 2025-07 …). Several when the indicator has several
    series (a level and a growth rate); `kind` narrows it."""
    try:
        canonical = parse_period(period).canonical
    except PeriodError as exc:
        raise ValueError(f"period {period!r}: {exc}") from exc
    names = _resolve_names(session, indicator)
    stmt = (select(Observation, Series).join(Series, Series.id == Observation.series_id)
            .where(or_(Series.indicator.in_(names), Series.indicator_id.in_(names)), Observation.period == canonical))
    if region:
        regions = set(variants(region)) | {r[:-1] for r in variants(region) if len(r) > 2 and r.endswith("市")}
        stmt = stmt.where(Series.region.in_(regions))
    if kind:
        stmt = stmt.where(Series.kind == kind)
    return [(o, s) for o, s in session.exec(stmt.order_by(Series.kind, Series.unit, Series.base)).all()]


@dataclass
class ChangeRow:
    """One recorded report since a moment: what it says, and what it replaced."""

    recorded_at: datetime
    change_type: str
    indicator: str
    region: str
    kind: str
    unit: str | None
    base: str | None
    period: str
    value: float
    value_unit: str | None
    qualifier: str | None
    low: float | None  # bounds as written (models.py)
    high: float | None
    old_value: float | None
    old_unit: str | None
    source_id: str
    published: datetime | None
    url: str
    evidence: str
    observation_id: int
    version_id: int
    headline: bool
    # the replaced report's qualifier and range bounds (a revision of 5%-8% to 9% shows what 5%-8% was)
    old_qualifier: str | None = None
    old_low: float | None = None
    old_high: float | None = None

    def as_dict(self) -> dict:
        return _iso(asdict(self))


DEFAULT_CHANGES = tuple(t for t in CHANGE_TYPES if t != CONFIRMED)


def changes_since(session: Session, since: datetime, *, types: Iterable[str] | None = DEFAULT_CHANGES,
                  indicator: str | None = None, region: str | None = None) -> list[ChangeRow]:
    """Reports recorded at or after `since` (oldest first), by change type (default: all but the
    confirmations; None: all), with the value each one replaced (the same source's previous value of
    record for revisions, the other sources' for conflicts)."""
    since = as_utc(since, "since")
    if since is None:
        raise ValueError("changes_since: a time is required")
    stmt = (select(ObservationVersion, Observation, Series, Page.url)
            .join(Observation, Observation.id == ObservationVersion.observation_id)
            .join(Series, Series.id == Observation.series_id)
            .join(PageVersion, PageVersion.id == ObservationVersion.page_version_id)
            .join(Page, Page.id == PageVersion.page_id)
            .where(ObservationVersion.recorded_at >= since))
    if types is not None:
        types = list(types)
        unknown = [t for t in types if t not in CHANGE_TYPES]
        if unknown:
            raise ValueError(f"unknown change type(s) {', '.join(unknown)}; expected {', '.join(CHANGE_TYPES)}")
        stmt = stmt.where(ObservationVersion.change_type.in_(types))
    if indicator:
        names = _resolve_names(session, indicator)
        stmt = stmt.where(or_(Series.indicator.in_(names), Series.indicator_id.in_(names)))
    if region:
        stmt = stmt.where(Series.region.in_(variants(region)))
    rows = []
    for v, obs, series, url in session.exec(stmt.order_by(ObservationVersion.recorded_at, ObservationVersion.id)):
        old = _replaced(session, v)
        rows.append(ChangeRow(v.recorded_at, v.change_type, series.indicator, series.region, series.kind,
                              series.unit or None, series.base or None, obs.period, v.value, v.unit, v.qualifier,
                              v.low, v.high,
                              old.value if old else None, old.unit if old else None, v.source_id, v.published, url,
                              v.evidence, obs.id, v.id, obs.headline_version_id == v.id,
                              *((old.qualifier, old.low, old.high) if old else ())))
    return rows


def _replaced(session: Session, v: ObservationVersion) -> ObservationVersion | None:
    """The version a report took over from: closed when it was recorded (same source), or for a
    conflict the other sources' version of record then."""
    if v.change_type in ("new", "confirmed", "stale"):
        return None
    stmt = select(ObservationVersion).where(ObservationVersion.observation_id == v.observation_id,
                                            ObservationVersion.id != v.id)
    if v.change_type == "conflict":
        stmt = stmt.where(ObservationVersion.source_id != v.source_id, ObservationVersion.valid_from <= v.recorded_at,
                          or_(ObservationVersion.valid_to.is_(None), ObservationVersion.valid_to > v.recorded_at))
    else:
        stmt = stmt.where(ObservationVersion.valid_to == v.recorded_at, ObservationVersion.id < v.id)
        if v.change_type != "extractor_change":
            stmt = stmt.where(ObservationVersion.source_id == v.source_id)
    return session.exec(stmt.order_by(ObservationVersion.id.desc())).first()


@dataclass
class FirstAndLatest:
    """An observation's first release (the first report we recorded that was not withdrawn) beside its
    value of record now."""

    indicator: str
    region: str
    kind: str
    unit: str | None
    period: str
    first_value: float
    first_unit: str | None
    first_source: str
    first_published: datetime | None
    first_recorded: datetime
    latest_value: float
    latest_unit: str | None
    latest_source: str
    latest_published: datetime | None
    revised: bool  # the value of record differs from the first release
    reports: int
    observation_id: int

    def as_dict(self) -> dict:
        return _iso(asdict(self))


def first_and_latest(session: Session, indicator: str, region: str | None = None) -> list[FirstAndLatest]:
    """Per observation of the indicator: its first release against its value now."""
    from .queries import series_latest
    from .values import agree

    out = []
    for p in series_latest(session, indicator, region):
        versions = session.exec(select(ObservationVersion).where(ObservationVersion.observation_id == p.observation_id)
                                .order_by(ObservationVersion.recorded_at, ObservationVersion.id)).all()
        valid = [v for v in versions if v.closed_reason not in WITHDRAWN] or versions
        first = min(valid, key=lambda v: (v.published or v.recorded_at, v.recorded_at, v.id))
        from .series import reading_of

        head = next(v for v in versions if v.id == p.version_id)
        out.append(FirstAndLatest(p.indicator, p.region, p.kind, p.unit, p.period, first.value, first.unit,
                                  first.source_id, first.published, first.recorded_at, p.value, p.value_unit,
                                  p.source_id, p.published, not agree(reading_of(first), reading_of(head)),
                                  len(versions), p.observation_id))
    return out


def all_points(session: Session, as_of: datetime | None = None, *, basis: str = "recorded",
               indicator: str | None = None, region: str | None = None) -> list[SeriesPoint]:
    """Every series point (now, or as known at `as_of`): what `export` writes. Optionally one
    indicator and / or region."""
    stmt = select(Series)
    if indicator:
        names = _resolve_names(session, indicator)
        stmt = stmt.where(or_(Series.indicator.in_(names), Series.indicator_id.in_(names)))
    if region:
        stmt = stmt.where(Series.region.in_(variants(region)))
    series = {s.id: s for s in session.exec(stmt).all()}
    if not series:
        return []
    observations = session.exec(select(Observation).where(Observation.series_id.in_(list(series)))).all()
    points = []
    ids = [o.id for o in observations]
    for i in range(0, len(ids), 500):  # bounded IN lists
        chunk = observations[i:i + 500]
        versions = _versions_at(session, [o.id for o in chunk], as_of, basis)
        points += [p for o in chunk if (p := _point(series[o.series_id], o, versions.get(o.id, [])))]
    points.sort(key=lambda p: (p.indicator, p.region, p.kind, p.unit or "", p.base or "", p.period_start,
                               p.period_end))
    return points
