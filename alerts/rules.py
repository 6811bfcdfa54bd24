"""Changes → alert rows (the ledger). Channels read the ledger later; nothing is sent from here."""
from __future__ import annotations

import functools
import logging
from types import SimpleNamespace

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import CONFLICT, NEW, REVISED, SOURCE_HEALTH, THRESHOLD, Alert, Observation, Run, Series, Source
from storage import driver
from storage.series import VersionChange, insert_rows, range_bounds

from .thresholds import check, load_rules, rule_for

log = logging.getLogger(__name__)

# Extractor changes, confirmations, stale and retracted reports are recorded but alert nobody by default.
ALERTING = (NEW, REVISED, CONFLICT, THRESHOLD)


def _insert(session: Session, alert: Alert, what: str) -> bool:
    try:
        with session.begin_nested():
            session.add(alert)
    except IntegrityError:
        log.info("%s already written by another process", what)
        return False
    return True


def raise_alerts(session: Session, changes: list[VersionChange], run: Run | int | None = None, *,
                 types: tuple[str, ...] = ALERTING, thresholds: dict | None = None) -> list[int]:
    """One Alert per alerting change, in the caller's transaction; returns the ids of the alerts created
    now, in insertion order (ids, not Alert objects: the pipeline only needs the ids, and loading the
    rows back as ORM objects cost more than inserting them, bench/store.py; session.get(Alert, id) reads one).

    A new or revised report that gives the headline also gets a `threshold` alert when it moves beyond
    its indicator's limit against the previous period (alerts/thresholds.toml, or `thresholds`, a dict
    of alerts.thresholds.Rule by indicator).

    Idempotent: a change that already has its alert (same version, same type) gives nothing new: the
    unique constraint on (version_id, type) leaves it out of the INSERT (a re-run, or a concurrent
    writer), with no read beforehand (bench/store.py)."""
    run_id = run.id if isinstance(run, Run) else run
    for c in changes:
        if c.change in types and c.change in (NEW, REVISED, CONFLICT) and (
                c.version_id is None or c.observation_id is None or c.series is None):
            raise ValueError(f"raise_alerts: a {c.change} change without its stored version: {c!r}")
    made: list[dict] = []
    if THRESHOLD in types:
        rules = load_rules() if thresholds is None else thresholds
        wanted = [c for c in changes if c.change in (NEW, REVISED) and c.headline and c.version_id is not None]
        made += threshold_alerts(session, wanted, rules, run_id)
    seen = set()
    for c in changes:
        if c.change not in types or c.change not in (NEW, REVISED, CONFLICT) or (c.version_id, c.change) in seen:
            continue
        seen.add((c.version_id, c.change))
        made.append(_alert_row(type=c.change, observation_id=c.observation_id, version_id=c.version_id,
                               old_version_id=c.old_version_id if c.change in (REVISED, CONFLICT) else None,
                               run_id=run_id, indicator=c.series.indicator, region=c.series.region, period=c.period,
                               value=c.new_value, unit=c.unit, qualifier=c.qualifier, old_value=c.old_value,
                               old_unit=c.old_unit, source_id=c.source_id))
    if not made:
        return []
    created = insert_alerts(session, made)
    session.flush()
    return created


def insert_alerts(session: Session, rows: list[dict]) -> list[int]:
    """Insert complete alert rows in one statement and return the new alerts' ids, in insertion order. A row whose (version, type) or dedupe key is taken already (a re-run, or another
    process meanwhile) is left out (INSERT … ON CONFLICT DO NOTHING, SQLite and PostgreSQL alike: no
    savepoint, no second try)."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):  # no ON CONFLICT: one savepoint per row
        return _insert_alerts_one_by_one(session, rows)
    created = driver.insert_returning(session, Alert.__table__, _ALERT_COLUMNS,
                                      [tuple(r[c] for c in _ALERT_COLUMNS) for r in rows],
                                      ("id", "version_id", "type", "dedupe_key"), skip_conflicts=True)
    if created is None:
        created = session.execute(_insert_alerts_statement(dialect), rows).all()
    created.sort()
    if len(created) < len(rows):
        got = {tuple(r[1:]) for r in created}
        for r in rows:
            if (r["version_id"], r["type"], r["dedupe_key"]) not in got:
                log.info("alert for version %s (%s) already written", r["version_id"], r["type"])
    return [r[0] for r in created]


@functools.lru_cache(maxsize=2)
def _insert_alerts_statement(dialect: str):
    """Core INSERT … ON CONFLICT DO NOTHING RETURNING the id and the keys a skipped row is told by (no ORM
    objects built, bench/store.py). Every row has every column (_alert_row): one statement for all rows."""
    from sqlalchemy.dialects import postgresql, sqlite

    insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    c = Alert.__table__.c
    return insert(Alert.__table__).on_conflict_do_nothing().returning(c.id, c.version_id, c.type, c.dedupe_key)


def _insert_alerts_one_by_one(session: Session, rows: list[dict]) -> list[int]:
    created = []
    for row in rows:
        one = insert_rows(session, Alert, [dict(row)])
        if one:
            created += [a.id for a in one]
        else:
            log.info("alert for version %s (%s) already written", row["version_id"], row["type"])
    return created


def threshold_alerts(session: Session, changes: list[VersionChange], rules: dict, run_id: int | None) -> list[dict]:
    """Alert rows (dicts, not yet written) for the changes that move their series beyond the indicator's limit
    against the previous period. What record_figures stored comes with its changes (VersionChange.stored);
    other changes are read in one query; the previous periods in one more (storage.queries.previous_headlines)."""
    from storage.queries import previous_headlines

    if not changes:
        return []
    found = {c.version_id: _Reported.of(c.stored) for c in changes if c.stored is not None}
    unread = sorted({c.version_id for c in changes} - set(found))
    if unread:
        found.update({r.version_id: _Reported.of(r)
                      for r in session.execute(_statements()["reported"], {"ids": unread}).all()})
    prev = previous_headlines(session, [r.obs for r in found.values()])
    out = []
    for c in changes:
        reported = found[c.version_id]
        point = prev.get(reported.obs.id)
        if point is None:
            continue
        rule = rule_for(rules, reported.series.indicator, reported.series.indicator_id)
        if rule is None:
            continue
        alert = _threshold_alert(reported, reported.obs, reported.series, point, rule, run_id)
        if alert is not None:
            out.append(alert)
    return out


class _Reported:
    """A version with its observation and series (threshold_alerts): from storage.series.StoredReport or
    a row of _statements()["reported"], which has the same names."""

    __slots__ = ("id", "value", "value_base", "unit", "qualifier", "low", "high", "source_id", "obs", "series")

    @classmethod
    def of(cls, r) -> "_Reported":
        self = cls()
        self.id, self.value, self.value_base, self.unit = r.version_id, r.value, r.value_base, r.unit
        self.qualifier, self.source_id = r.qualifier, r.source_id
        self.low, self.high = range_bounds(r)
        self.obs = SimpleNamespace(id=r.observation_id, series_id=r.series_id, period=r.period,
                                   period_start=r.period_start, period_end=r.period_end)
        self.series = SimpleNamespace(indicator=r.indicator, indicator_id=r.indicator_id, region=r.region,
                                      kind=r.kind, unit=r.series_unit)
        return self


@functools.cache
def _statements() -> dict:
    """raise_alerts' reads, built once: IN lists are expanding parameters."""
    from sqlalchemy import bindparam

    from storage.models import ObservationVersion

    v, o, s = ObservationVersion.__table__.c, Observation.__table__.c, Series.__table__.c
    reported = (select(v.id.label("version_id"), v.value, v.value_base, v.unit, v.qualifier, v.low, v.high,
                       v.source_id,
                       o.id.label("observation_id"), o.series_id, o.period, o.period_start, o.period_end,
                       s.indicator, s.indicator_id, s.region, s.kind, s.unit.label("series_unit"))
                .select_from(ObservationVersion.__table__)
                .join(Observation.__table__, o.id == v.observation_id)
                .join(Series.__table__, s.id == o.series_id)
                .where(v.id.in_(bindparam("ids", expanding=True))))
    return {"reported": reported}


def _interval(report, in_base: bool) -> tuple[float, float]:
    """(low, high) a report says, in the base unit when `in_base`: a range its bounds, anything else its
    value twice. Bounds are stored as written, so they take the value's own unit factor."""
    value = report.value_base if in_base else report.value
    if report.low is None or report.high is None:
        return value, value
    factor = report.value_base / report.value if in_base and report.value else 1.0
    return report.low * factor, report.high * factor


def _threshold_alert(version, obs, series, prev, rule, run_id) -> dict | None:
    # Levels compare in the base unit (亿元 against 万元); rates are percent either way.
    both = version.value_base is not None and prev.value_base is not None
    # A range moved only by what it certainly moved: the gap between the two intervals (none if they
    # overlap), so 5%-8% after 6% is no move, and 10%-12% after 6% is a move of at least 4 points.
    new_low, new_high = _interval(version, both)
    old_low, old_high = _interval(prev, both)
    if new_low > old_high:
        new, old = new_low, old_high
    elif new_high < old_low:
        new, old = new_high, old_low
    else:
        return None
    breach = check(rule, series.kind, new, old)
    if breach is None:
        return None
    detail = {"rule": breach.rule, "limit": breach.limit, "rule_indicator": rule.indicator,
              "change": breach.change, "change_pct": breach.relative, "base_unit": series.unit or None,
              "previous_period": prev.period, "previous_value": prev.value, "previous_unit": prev.value_unit,
              "previous_version_id": prev.version_id}
    return _alert_row(type=THRESHOLD, observation_id=obs.id, version_id=version.id, old_version_id=prev.version_id,
                      run_id=run_id, indicator=series.indicator, region=series.region, period=obs.period,
                      value=version.value, unit=version.unit, qualifier=version.qualifier, old_value=prev.value,
                      old_unit=prev.value_unit, source_id=version.source_id, detail=detail)


_ALERT_COLUMNS = tuple(c.name for c in Alert.__table__.c if c.name != "id")


def _alert_row(**values) -> dict:
    """A complete Alert row for a Core INSERT (no column left to a Python-side default)."""
    from storage.types import utcnow

    row = {name: None for name in _ALERT_COLUMNS}
    row.update(values)
    row["created_at"] = row["created_at"] or utcnow()
    return row


def health_key(source_id: str, kind: str, scan_date) -> str:
    return f"{SOURCE_HEALTH}|{source_id}|{kind}|{scan_date}"


def raise_health_alerts(session: Session, problems, run: Run | int | None = None, *,
                        scan_date=None) -> list[Alert]:
    """One `source_health` Alert per (source, problem kind, scan date), in the caller's transaction.

    `problems`: objects with source_id, kind and message (crawlers.health.HealthProblem); several
    problems of one kind for one source become one alert with their messages joined. The scan
    date is the run's (or `scan_date`). A problem already alerted that day gives nothing new; the
    unique dedupe key backs this up against a concurrent writer. Returns the alerts created now."""
    run_row = session.get(Run, run) if isinstance(run, int) else run
    day = scan_date or (run_row.scan_date if run_row is not None else None)
    if day is None:
        raise ValueError("raise_health_alerts: no scan date (give a run with a scan_date, or scan_date=)")
    grouped: dict[tuple[str, str], list[str]] = {}
    for p in problems:
        sid, kind, message = getattr(p, "source_id", None), getattr(p, "kind", None), getattr(p, "message", None)
        if not sid or not kind:
            raise ValueError(f"raise_health_alerts: a problem needs source_id and kind: {p!r}")
        grouped.setdefault((sid, kind), [])
        if message and message not in grouped[(sid, kind)]:
            grouped[(sid, kind)].append(message)
    created = []
    for (sid, kind), messages in grouped.items():
        message = "; ".join(messages)
        source = session.get(Source, sid)
        if source is None:
            raise ValueError(f"raise_health_alerts: unknown source {sid!r} (sync the sources first)")
        key = health_key(sid, kind, day)
        if session.exec(select(Alert.id).where(Alert.dedupe_key == key)).first() is not None:
            continue
        detail = {"kind": kind, "message": message, "scan_date": str(day)}
        alert = Alert(type=SOURCE_HEALTH, dedupe_key=key, run_id=run_row.id if run_row is not None else None,
                      indicator="", region=source.region, period=str(day), source_id=sid, detail=detail)
        if _insert(session, alert, f"health alert {key}"):
            created.append(alert)
    session.flush()
    return created
