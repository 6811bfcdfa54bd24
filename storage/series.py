"""Figures → series, observations and versions; each report classified as a change.

How one report R (a figure of page version P from source S, extractor X) is classified:

1. P was processed before by another extractor version and gave this observation: the same value is
   nothing new; a different one is an `extractor_change` (our reading changed, not the source).
2. S already has a current value for the observation:
   - R is older (published before it): `stale`, or `confirmed` when it agrees; kept, never current;
   - R agrees (within rounding and qualifiers, storage/values.py): `confirmed`; it becomes S's value
     of record only when more precise (`4439.2` after `突破4400`);
   - R disagrees: `revised` (S changed its figure).
3. Nobody reported the observation: `new`.
4. Other sources did: `confirmed` when R agrees with their headline, else `conflict`; either way R
   becomes S's current value and the headline goes to the highest authority (lowest rank).

A figure repeated in one page (title and body) is one report: the most precise of the agreeing ones.

A range (5%-8%: the extractor's low/high) is stored with qualifier "range" and its bounds; it agrees
with a report inside it and with a range it overlaps, and an exact figure inside it is the more
precise report (storage/values.py, the bounds' semantics in models.py).
"""
from __future__ import annotations

import functools
import logging
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable, NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from extract.figure import Figure

from . import driver
from .models import (CONFIRMED, CONFLICT, EXTRACTOR_CHANGE, NEW, NOT_CURRENT, REFINED, RETRACTED, REVISED, SKIPPED,
                     STALE,
                     Extraction, Indicator, Observation, ObservationVersion, PageVersion, Series, Source)
from .pages import SourceRank, source_rank
from .periods import Period, PeriodError, parse_period
from .types import as_utc, utcnow
from .values import Reading, same_reading
from .values import agree as _agree
from .values import width as _width

log = logging.getLogger(__name__)

# agree() and width() are pure and cost a Decimal per call; a page compares the same few current
# versions again and again (bench/store.py), so they are memoised (Reading is frozen, hashable).
agree = functools.lru_cache(maxsize=1 << 16)(_agree)
width = functools.lru_cache(maxsize=1 << 16)(_width)

KINDS = ("level", "growth", "share", "change_pp", "rank")


@dataclass(frozen=True)
class SeriesKey:
    indicator: str
    region: str
    kind: str
    unit: str | None
    base: str | None = None
    indicator_id: str | None = field(default=None, compare=False)

    def label(self) -> str:
        return " · ".join(x for x in (self.indicator, self.region) if x)


@dataclass
class VersionChange:
    change: str  # new | confirmed | revised | conflict | extractor_change | stale | retracted | skipped
    series: SeriesKey | None
    period: str | None
    new_value: float | None
    unit: str | None = None  # as written in the report
    qualifier: str | None = None
    old_value: float | None = None  # revised: the source's previous value; conflict: the other sources' headline
    old_unit: str | None = None
    observation_id: int | None = None
    version_id: int | None = None
    old_version_id: int | None = None
    source_id: str | None = None
    old_source_id: str | None = None
    headline: bool = False  # this report now gives the observation's headline value
    reason: str | None = None  # skipped: why
    figure: Figure | None = field(default=None, repr=False, compare=False)
    # What record_figures stored beside the fields above, so that raise_alerts need not read it back.
    stored: StoredReport | None = field(default=None, repr=False, compare=False)


class StoredReport(NamedTuple):
    """The stored columns of a new version, its observation and its series that threshold alerts read
    (a NamedTuple: one per figure, cheaper to build than a frozen dataclass)."""

    version_id: int
    value: float
    value_base: float | None
    unit: str | None
    qualifier: str | None
    source_id: str
    observation_id: int
    series_id: int
    period: str
    period_start: date
    period_end: date
    indicator: str
    indicator_id: str | None  # the series' (catalogue) id as stored
    region: str
    kind: str
    series_unit: str  # the series' base unit ("" for none)
    low: float | None = None  # a range's bounds (qualifier "range"), as written like value
    high: float | None = None


def reading_of(v) -> Reading:
    return Reading(v.value, v.value_base, v.qualifier, v.low, v.high)


RANGE = "range"  # the qualifier of a range figure (5%-8%): its bounds are in low/high (models.py)


def bounds(f: Figure) -> tuple[str | None, float | None, float | None]:
    """(qualifier, low, high) stored for a figure: a range gets qualifier "range" and its bounds in
    order, over its low bound, under its high bound; other figures no bounds (models.py)."""
    low, high, q = f.low, f.high, f.qualifier
    if low is None and q is None:  # most figures: exact, nothing to store
        return None, None, None
    if low is not None and high is not None:
        return RANGE, float(min(low, high)), float(max(low, high))
    if q == "over":
        return q, float(f.value), None
    if q == "under":
        return q, None, float(f.value)
    return q, None, None


def figure_reading(f: Figure) -> Reading:
    q, low, high = bounds(f)
    return Reading(f.value, f.value_base, q, low, high)


def headline_order(version: ObservationVersion, authority: int):
    """Sort key: the first is the headline. Authority, then an exact figure over a qualified one,
    then the latest publication, the latest recording."""
    pub = version.published.timestamp() if version.published else float("-inf")
    return (authority, version.qualifier is not None, -pub, -version.recorded_at.timestamp(), -(version.id or 0))


def range_bounds(version) -> tuple[float | None, float | None]:
    """(low, high) of a stored range (qualifier "range"); (None, None) for any other figure, whose
    over/under bound is the value itself."""
    if version.qualifier == RANGE and version.low is not None and version.high is not None:
        return version.low, version.high
    return None, None


def pick_headline(rows: Iterable[tuple[ObservationVersion, int]]) -> ObservationVersion | None:
    rows = list(rows)
    if len(rows) < 2:  # most observations have one current report: no keys to compute
        return rows[0][0] if rows else None
    return min(rows, key=lambda r: headline_order(r[0], r[1]))[0]


def _unusable(f: Figure) -> str | None:
    if f.period is None or not str(f.period).strip():
        return "no period: a figure without a reference period cannot join a series"
    if not f.indicator or not f.indicator.strip():
        return "no indicator"
    if not f.region or not f.region.strip():
        return "no region"
    if f.kind not in KINDS:
        return f"unknown kind {f.kind!r} (expected one of {', '.join(KINDS)})"
    if not isinstance(f.value, (int, float)) or not math.isfinite(f.value):
        return f"value {f.value!r} is not a finite number"
    if f.value_base is not None and (not isinstance(f.value_base, (int, float)) or not math.isfinite(f.value_base)):
        return f"value_base {f.value_base!r} is not a finite number"
    if f.low is not None or f.high is not None:
        for name, b in (("low", f.low), ("high", f.high)):
            if b is None:
                return "a range needs both bounds (low and high)"
            if not isinstance(b, (int, float)) or not math.isfinite(b):
                return f"{name} {b!r} is not a finite number"
    return None


# Year-on-year is what a growth rate means when a Chinese report states no base: one series for both.
YOY_BASES = {"同比", "比上年", "比上年同期", "较上年", "较上年同期", "比去年同期", "较去年同期", "比上年增长"}


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def series_key(f: Figure) -> SeriesKey:
    # Key on the base unit when the value is also given in it, so 亿元 and 万元 reports meet.
    unit = f.base_unit if (f.base_unit and f.value_base is not None) else f.unit
    return _series_key(f.indicator, f.region, f.kind, unit, f.base, f.indicator_id)


@functools.lru_cache(maxsize=1 << 14)
def _series_key(indicator: str, region: str, kind: str, unit: str | None, base: str | None,
                indicator_id: str | None) -> SeriesKey:
    # Memoised: a page names the same few series again and again (SeriesKey is frozen).
    unit = _clean(unit)
    base = _clean(base)
    if kind in ("growth", "change_pp") and (not base or base in YOY_BASES):
        base = "同比"
    region = _clean(region)
    if len(region) > 2 and region.endswith("市"):  # 沈阳市 → 沈阳 (the extractor's usual spelling)
        region = region[:-1]
    return SeriesKey(_clean(indicator), region, kind, unit or None, base or None, indicator_id)


def _skip(f: Figure, reason: str, source_id: str, key: SeriesKey | None = None) -> VersionChange:
    return VersionChange(SKIPPED, key, f.period, f.value, unit=f.unit, qualifier=f.qualifier, source_id=source_id,
                         reason=reason, figure=f)


def _get_or_create(session: Session, model, where: dict, defaults: dict | None = None, *, lock: bool = False):
    """Select by `where`, else insert; a concurrent insert of the same key is re-read, not an error.
    With `lock`, the row is read FOR UPDATE (fresh, and held until the transaction ends)."""
    stmt = select(model).filter_by(**where)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    row = session.exec(stmt).first()
    if row is not None:
        return row
    row = model(**where, **(defaults or {}))
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        row = session.exec(stmt).first()
        if row is None:
            raise
    return row


def _indicator_id(session: Session, key: SeriesKey) -> str | None:
    if not key.indicator_id:
        return None
    row = session.get(Indicator, key.indicator_id)
    if row is not None:
        return row.id
    clash = session.exec(select(Indicator).where(Indicator.name == key.indicator)).first()
    if clash is not None:  # the catalogue and the figure disagree; keep the catalogue's row
        log.warning("indicator %s has id %s in the store, the extractor said %s", key.indicator, clash.id,
                    key.indicator_id)
        return clash.id
    return _get_or_create(session, Indicator, {"id": key.indicator_id}, {"name": key.indicator}).id


def _series(session: Session, key: SeriesKey) -> Series:
    where = {"indicator": key.indicator, "region": key.region, "kind": key.kind, "unit": key.unit or "",
             "base": key.base or ""}
    row = _get_or_create(session, Series, where, {"indicator_id": _indicator_id(session, key)})
    if row.indicator_id is None and key.indicator_id:
        row.indicator_id = _indicator_id(session, key)
    return row


def _observation(session: Session, series: Series, period: Period) -> Observation:
    # Locked: concurrent writers (several workers on PostgreSQL) classify one observation one at a
    # time, so two reports never both see "nothing yet". SQLite serialises writers by itself.
    return _get_or_create(session, Observation, {"series_id": series.id, "period": period.canonical},
                          {"period_start": period.start, "period_end": period.end, "grain": period.grain}, lock=True)


def _one_report(figs: list[Figure]) -> tuple[Figure, list[Figure]]:
    """The report of a figure given several times on one page, and the ones that contradict it."""
    if len(figs) == 1:
        return figs[0], []
    first = figure_reading(figs[0])
    same = [f for f in figs if agree(first, figure_reading(f))]
    other = [f for f in figs if f not in same]
    best = min(same, key=lambda f: (bounds(f)[0] is not None, width(figure_reading(f))))
    return best, other


def _current(session: Session, observation_id: int) -> list[tuple[ObservationVersion, int]]:
    stmt = (select(ObservationVersion, Source.authority).join(Source, Source.id == ObservationVersion.source_id)
            .where(ObservationVersion.observation_id == observation_id, ObservationVersion.valid_to.is_(None)))
    return [(v, a) for v, a in session.exec(stmt).all()]


def refresh_observation(session: Session, obs: Observation) -> None:
    """Recompute the headline and the conflict flag from the current versions."""
    session.flush()
    current = _current(session, obs.id)
    head = pick_headline(current)
    obs.headline_version_id = head.id if head else None
    readings = [reading_of(v) for v, _ in current]
    obs.in_conflict = any(not agree(a, b) for i, a in enumerate(readings) for b in readings[i + 1:])
    session.add(obs)


def record_figures(session: Session, page_version: PageVersion, figures: list[Figure], *, source_id: str,
                   published: datetime | None, extractor_version: str,
                   recorded_at: datetime | None = None) -> list[VersionChange]:
    """Record the figures of one page version; return what changed (and the figures skipped, with why).

    Recording the same page version again with the same extractor version does nothing and returns [].
    The caller owns the transaction (alerts are raised in the same one).
    """
    if not extractor_version or not str(extractor_version).strip():
        raise ValueError("record_figures: extractor_version is required (it tells re-extractions from revisions)")
    t = as_utc(recorded_at, "recorded_at") or utcnow()
    published = as_utc(published, "published")
    source = source_rank(session, source_id)  # id and authority, a plain row
    if page_version.id is None:
        session.add(page_version)
        session.flush()
    done = set(session.execute(_statements()["extractions"], {"pv": page_version.id}).scalars().all())
    if extractor_version in done:
        log.info("page version %s already recorded with extractor %s: nothing to do", page_version.id,
                 extractor_version)
        return []

    changes: list[VersionChange] = []
    groups: dict[tuple[SeriesKey, str], tuple[Period, list[Figure]]] = {}
    for f in figures:
        reason = _unusable(f)
        if reason:
            changes.append(_skip(f, reason, source.id))
            continue
        key = series_key(f)
        try:
            period = parse_period(str(f.period))
        except PeriodError as exc:
            changes.append(_skip(f, str(exc), source.id, key))
            continue
        groups.setdefault((key, period.canonical), (period, []))[1].append(f)

    # The page's observations are read and locked in one go, classified in memory, and written in
    # one flush: per figure only Python work, not a dozen round trips (bench/store.py).
    ordered = sorted(groups.items(), key=lambda kv: (_order(kv[0][0]), kv[0][1]))
    # The reads below are plain rows: pending ORM changes must be in the database first, even when the
    # caller turned autoflush off.
    session.flush()
    series_rows = _series_many(session, [key for (key, _), _ in ordered])
    obs_rows = _observations_many(session, [(series_rows[key], period) for (key, _), (period, _) in ordered])
    current, prev_extractions, loaded = _preload_versions(session, [o.id for o in obs_rows.values()], page_version.id,
                                                  extractor_version)
    touched: set[int] = set()
    stored = 0
    pending: list[tuple[LoadedObservation, NewVersion, str, LoadedVersion | None, SeriesKey, Period, Figure]] = []
    for (key, _), (period, figs) in ordered:
        f, contradicting = _one_report(figs)
        for other in contradicting:
            changes.append(_skip(other, f"the page also gives {f.value:g} {f.unit or ''} for this figure; "
                                        "the first value was kept", source.id, key))
        obs = obs_rows[(series_rows[key].id, period.canonical)]
        touched.add(obs.id)
        qualifier, low, high = bounds(f)
        new = NewVersion(
            observation_id=obs.id, source_id=source.id, page_version_id=page_version.id, value=float(f.value),
            unit=f.unit, value_base=f.value_base, qualifier=qualifier, low=low, high=high,
            indicator_raw=f.indicator_raw,
            evidence=f.sentence or "", evidence_start=f.sentence_start, figure_start=f.start, figure_end=f.end,
            confidence=f.confidence, published=published, recorded_at=t, valid_from=t, valid_to=None,
            extractor_version=extractor_version, change_type=NEW)
        cur = current.setdefault(obs.id, [])
        change, old = _classify_loaded(obs, new, source, t, cur, prev_extractions.get(obs.id, []))
        if change is None:
            continue
        new.change_type = change
        # Keep the in-memory current set what the database will hold after the flush.
        cur[:] = [(v, a) for v, a in cur if v.valid_to is None]
        if new.valid_to is None:
            cur.append((new, source.authority))
        stored += 1
        pending.append((obs, new, change, old, key, period, f))
    if pending:
        session.flush()  # the new observations first
        # The versions this page closed, in one UPDATE before the new ones go in.
        _close_versions(session, [v for v in loaded if v.was_open and v.valid_to is not None])
        _insert_versions(session, [p[1] for p in pending])
    for obs, new, change, old, key, period, f in pending:
        _refresh_loaded(obs, current.get(obs.id, []))
        changes.append(VersionChange(
            change, key, period.canonical, new.value, unit=new.unit, qualifier=new.qualifier,
            old_value=old.value if old is not None and change != CONFIRMED else None,
            old_unit=old.unit if old is not None and change != CONFIRMED else None,
            observation_id=obs.id, version_id=new.id, old_version_id=old.id if old is not None else None,
            source_id=source.id, old_source_id=old.source_id if old is not None else None,
            headline=obs.headline_version_id == new.id, figure=f,
            stored=StoredReport(new.id, new.value, new.value_base, new.unit, new.qualifier, source.id, obs.id,
                                obs.series_id, period.canonical, period.start, period.end, key.indicator,
                                series_rows[key].indicator_id, key.region, key.kind, key.unit or "", new.low, new.high)))

    # Locks were taken in key order; the caller sees the changes in the page's order (its alerts too).
    position = {id(f): i for i, f in enumerate(figures)}
    changes.sort(key=lambda c: position.get(id(c.figure), len(figures)))
    _save_observations(session, obs_rows.values())
    if done:  # versions of this page by another extractor exist only if it recorded an Extraction
        changes.extend(_retract_missing(session, page_version, extractor_version, touched, t))
    # A Core INSERT: no ORM object to build and flush (bench/store.py).
    session.execute(_statements()["extraction"], {
        "page_version_id": page_version.id, "extractor_version": extractor_version, "recorded_at": t,
        "figures": len(figures), "stored": stored, "skipped": sum(1 for c in changes if c.change == SKIPPED)})
    session.flush()  # what _retract_missing changed through the ORM: the caller's Core reads see it
    return changes


_LOADED_COLUMNS = ("id", "observation_id", "source_id", "page_version_id", "value", "unit", "value_base", "qualifier",
                   "low", "high", "published", "recorded_at", "valid_to", "closed_reason", "extractor_version")


class NewVersion:
    """A report about to be stored: the columns of ObservationVersion as a plain object. New versions
    are written with one Core INSERT per page, not as ORM objects (bench/store.py: the ORM's object
    construction and unit of work cost more than the database)."""

    __slots__ = tuple(c.name for c in ObservationVersion.__table__.c)

    def __init__(self, **kw):
        for name in self.__slots__:
            setattr(self, name, kw.get(name))

    def row(self) -> dict:
        return {name: getattr(self, name) for name in _VERSION_COLUMNS}

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in _VERSION_COLUMNS)


_VERSION_COLUMNS = tuple(name for name in NewVersion.__slots__ if name != "id")


def _insert_versions(session: Session, versions: list[NewVersion]) -> None:
    # One version per observation and page: the observation id tells which id is whose, so the INSERT
    # need not keep the rows' order (which SQLite can only do one row per statement).
    by_obs = {v.observation_id: v for v in versions}
    if len(by_obs) != len(versions):
        raise RuntimeError("two new versions of one observation in one page: not expected")
    got = driver.insert_returning(session, ObservationVersion.__table__, _VERSION_COLUMNS,
                                  [v.values() for v in versions], ("id", "observation_id"))
    if got is None:
        got = session.execute(_statements()["insert_versions"], [v.row() for v in versions]).all()
    if len(got) != len(versions):
        raise RuntimeError(f"inserted {len(versions)} versions, got {len(got)} ids back")
    for vid, oid in got:
        by_obs[oid].id = vid


def _order(key: SeriesKey) -> tuple:
    return (key.indicator, key.region, key.kind, key.unit or "", key.base or "")


def _where(key: SeriesKey) -> tuple:
    return (key.indicator, key.region, key.kind, key.unit or "", key.base or "")


class LoadedSeries:
    """A series' id and indicator id, read as a row (see LoadedVersion)."""

    __slots__ = ("id", "indicator_id")

    def __init__(self, id: int, indicator_id: str | None):
        self.id, self.indicator_id = id, indicator_id


def _series_many(session: Session, keys: list[SeriesKey]) -> dict[SeriesKey, LoadedSeries]:
    """The series of each key: read in one query, the missing ones made in one INSERT."""
    if not keys:
        return {}
    names = sorted({k.indicator for k in keys})
    found: dict[tuple, LoadedSeries] = {}
    rows = driver.select_rows(session, functools.partial(_series_sql, n=len(names)), _series_columns(), names)
    if rows is None:
        rows = session.execute(_statements()["series"], {"names": names}).all()
    for sid, indicator_id, *where in rows:
        found[tuple(where)] = LoadedSeries(sid, indicator_id)
    missing = {}
    for key in keys:
        if _where(key) not in found and _where(key) not in missing:
            missing[_where(key)] = key
    if missing:
        made = _insert_returning(session, Series, [
            {"indicator": k.indicator, "region": k.region, "kind": k.kind, "unit": k.unit or "", "base": k.base or "",
             "indicator_id": _indicator_id(session, k), "created_at": utcnow()} for k in missing.values()],
            ("indicator", "region", "kind", "unit", "base", "indicator_id"))
        found.update({tuple(r[1:6]): LoadedSeries(r[0], r[6]) for r in made})
    out = {}
    for key in keys:
        row = found.get(_where(key))
        if row is None:  # a concurrent writer made it first: re-read one by one
            orm = _series(session, key)
            row = found[_where(key)] = LoadedSeries(orm.id, orm.indicator_id)
        elif row.indicator_id is None and key.indicator_id:  # rare: the catalogue id came later
            orm = session.get(Series, row.id)
            orm.indicator_id = row.indicator_id = _indicator_id(session, key)
        out[key] = row
    return out


def _insert_returning(session: Session, model, rows: list[dict], columns: tuple[str, ...]) -> list[tuple]:
    """insert_rows without the ORM read-back: (id, *columns) of each row inserted. A row whose unique key a
    concurrent writer's row holds is left out (INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL;
    elsewhere a clash inserts nothing at all); the caller re-reads those one by one."""
    from sqlalchemy import insert

    if not rows:
        return []
    table = model.__table__
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):  # no savepoint: two statements fewer per page
        session.flush()
        return [tuple(r) for r in session.execute(_insert_skipping(table, dialect, columns), rows).all()]
    try:
        with session.begin_nested():
            session.flush()
            return [tuple(r) for r in session.execute(
                insert(table).returning(table.c.id, *[table.c[c] for c in columns]), rows).all()]
    except IntegrityError:
        return []


@functools.lru_cache(maxsize=16)
def _insert_skipping(table, dialect: str, columns: tuple[str, ...]):
    """INSERT … ON CONFLICT DO NOTHING RETURNING id and `columns`, built once per table and dialect."""
    from sqlalchemy.dialects import postgresql, sqlite

    stmt = (sqlite if dialect == "sqlite" else postgresql).insert(table).on_conflict_do_nothing()
    return stmt.returning(table.c.id, *[table.c[c] for c in columns])


def insert_rows(session: Session, model, rows: list[dict]) -> list:
    """Insert rows (complete column dicts) with one Core INSERT inside a savepoint and read them back
    as ORM objects: many times cheaper than constructing SQLModel objects one by one. [] when a unique
    key clashed with a concurrent writer's row (nothing inserted; the caller goes one by one)."""
    from sqlalchemy import insert

    if not rows:
        return []
    table = model.__table__
    try:
        with session.begin_nested():
            session.flush()
            ids = session.execute(insert(table).returning(table.c.id), rows).scalars().all()
    except IntegrityError:
        return []
    return list(session.exec(select(model).where(model.id.in_(ids)).order_by(model.id)).all())


class LoadedObservation:
    """An observation's id and headline state, read as a row (see LoadedVersion); a changed headline
    or conflict flag is written back by _save_observations."""

    __slots__ = ("id", "series_id", "period", "headline_version_id", "in_conflict", "loaded")

    def __init__(self, id: int, series_id: int, period: str, headline_version_id: int | None, in_conflict: bool):
        self.id, self.series_id, self.period = id, series_id, period
        self.headline_version_id, self.in_conflict = headline_version_id, bool(in_conflict)
        self.loaded = (self.headline_version_id, self.in_conflict)


def _observations_many(session: Session, wanted: list[tuple[LoadedSeries, Period]]
                       ) -> dict[tuple[int, str], LoadedObservation]:
    """The observation of each (series, period), read (and on PostgreSQL locked, in key order) in
    one query; the missing ones made, with a concurrent insert re-read (see _get_or_create)."""
    if not wanted:
        return {}
    series_ids = sorted({s.id for s, _ in wanted})
    periods = sorted({p.canonical for _, p in wanted})
    # Table columns (no ORM loading); record_figures flushed pending ORM changes before.
    lock = session.get_bind().dialect.name == "postgresql"
    pairs = sorted({(s.id, p.canonical) for s, p in wanted})
    rows = driver.select_rows(session, functools.partial(_observations_sql, n=len(pairs), lock=lock),
                              _observations_columns(), [x for pair in pairs for x in pair])
    if rows is None:
        rows = session.execute(_statements()["observations_locked" if lock else "observations"],
                               {"series_ids": series_ids, "periods": periods}).all()
    found = {(r[1], r[2]): LoadedObservation(*r) for r in rows}
    missing = {}
    for series, period in wanted:
        if (series.id, period.canonical) not in found:
            missing[(series.id, period.canonical)] = period
    if missing:  # new rows are locked by their insert until the transaction ends
        made = _insert_returning(session, Observation, [
            {"series_id": sid, "period": canonical, "period_start": p.start, "period_end": p.end, "grain": p.grain,
             "headline_version_id": None, "in_conflict": False} for (sid, canonical), p in missing.items()],
            ("series_id", "period", "headline_version_id", "in_conflict"))
        found.update({(r[1], r[2]): LoadedObservation(*r) for r in made})
    for series, period in wanted:
        if (series.id, period.canonical) not in found:  # a concurrent writer made it first
            o = _observation(session, series, period)
            found[(series.id, period.canonical)] = LoadedObservation(o.id, o.series_id, o.period,
                                                                     o.headline_version_id, o.in_conflict)
    return found


def _save_observations(session: Session, observations: Iterable[LoadedObservation]) -> None:
    """Write the changed headlines and conflict flags in one UPDATE; an ORM copy already in the session
    is expired so that it is re-read."""
    changed = [o for o in observations if (o.headline_version_id, o.in_conflict) != o.loaded]
    if not changed:
        return
    session.execute(_statements()["update_observations"],
                    [{"o_id": o.id, "o_head": o.headline_version_id, "o_conflict": o.in_conflict} for o in changed])
    for o in changed:
        o.loaded = (o.headline_version_id, o.in_conflict)
    _expire_copies(session, Observation, {o.id for o in changed}, ["headline_version_id", "in_conflict"])


def _expire_copies(session: Session, model, ids: set[int], attributes: list[str]) -> None:
    """Expire the given attributes of the ORM objects of `model` with these ids that the session holds
    (rows changed by a Core UPDATE behind its back). One pass over the identity map, not a key per id."""
    for key, obj in list(session.identity_map.items()):
        if key[0] is model and key[1][0] in ids:
            session.expire(obj, attributes)


class LoadedVersion:
    """The columns of a stored version that classification reads, as a plain object: the versions a
    page is compared with are read as rows, not ORM entities (bench/store.py: entity loading was most
    of record_figures' time). The ones it closes are written back by _close_versions."""

    __slots__ = _LOADED_COLUMNS + ("was_open",)

    def __init__(self, row):
        (self.id, self.observation_id, self.source_id, self.page_version_id, self.value, self.unit, self.value_base,
         self.qualifier, self.low, self.high, self.published, self.recorded_at, self.valid_to, self.closed_reason,
         self.extractor_version) = row[:len(_LOADED_COLUMNS)]
        self.was_open = self.valid_to is None


@functools.cache
def _statements() -> dict:
    """The page's statements, built once (building and keying a statement costs more than SQLite
    running it, bench/store.py); IN lists are expanding parameters."""
    from sqlalchemy import bindparam, insert, or_, update

    c = Series.__table__.c
    series = (select(c.id, c.indicator_id, c.indicator, c.region, c.kind, c.unit, c.base)
              .where(c.indicator.in_(bindparam("names", expanding=True))))
    c = Observation.__table__.c
    observations = (select(c.id, c.series_id, c.period, c.headline_version_id, c.in_conflict)
                    .where(c.series_id.in_(bindparam("series_ids", expanding=True)),
                           c.period.in_(bindparam("periods", expanding=True)))
                    .order_by(c.series_id, c.period))
    ov, src = ObservationVersion.__table__.c, Source.__table__.c
    versions = (select(*[ov[name] for name in _LOADED_COLUMNS], src.authority)
                .join_from(ObservationVersion.__table__, Source.__table__, src.id == ov.source_id)
                .where(ov.observation_id.in_(bindparam("observation_ids", expanding=True)),
                       or_(ov.valid_to.is_(None), ov.page_version_id == bindparam("page_version_id")))
                .order_by(ov.id.desc()))
    table = Observation.__table__
    update_observations = (update(table).where(table.c.id == bindparam("o_id"))
                           .values(headline_version_id=bindparam("o_head"), in_conflict=bindparam("o_conflict")))
    table = ObservationVersion.__table__
    close_versions = (update(table).where(table.c.id == bindparam("v_id"))
                      .values(valid_to=bindparam("v_to", type_=table.c.valid_to.type),
                              closed_reason=bindparam("v_reason")))
    ex = Extraction.__table__
    return {"series": series, "observations": observations, "observations_locked": observations.with_for_update(),
            "versions": versions, "extraction": insert(ex),
            "extractions": select(ex.c.extractor_version).where(ex.c.page_version_id == bindparam("pv")),
            "insert_versions": insert(table).returning(table.c.id, table.c.observation_id),
            "update_observations": update_observations, "close_versions": close_versions}


def _preload_versions(session: Session, observation_ids: list[int], page_version_id: int, extractor_version: str):
    """({observation_id: [(current version, authority)]}, {observation_id: [versions of this page by
    another extractor, newest first]}, every version read) in one query, as LoadedVersion (one object
    per row, shared by both maps). Table columns, not ORM attributes: no ORM loading per row."""
    current: dict[int, list] = {}
    prev: dict[int, list] = {}
    loaded: list[LoadedVersion] = []
    if not observation_ids:
        return current, prev, loaded
    session.flush()  # a Core select does not autoflush
    ids = sorted(set(observation_ids))
    rows = driver.select_rows(session, functools.partial(_versions_sql, n=len(ids)), _versions_columns(),
                              [*ids, page_version_id])
    if rows is None:
        rows = session.execute(_statements()["versions"], {"observation_ids": ids,
                                                           "page_version_id": page_version_id}).all()
    for row in rows:
        v, authority = LoadedVersion(row), row[-1]
        loaded.append(v)
        if v.valid_to is None:
            current.setdefault(v.observation_id, []).append((v, authority))
        if v.page_version_id == page_version_id and v.extractor_version != extractor_version:
            prev.setdefault(v.observation_id, []).append(v)
    return current, prev, loaded


_SERIES_COLUMNS = ("id", "indicator_id", "indicator", "region", "kind", "unit", "base")
_OBSERVATION_COLUMNS = ("id", "series_id", "period", "headline_version_id", "in_conflict")


@functools.cache
def _series_columns() -> tuple:
    return tuple(Series.__table__.c[name] for name in _SERIES_COLUMNS)


@functools.lru_cache(maxsize=256)
def _series_sql(dialect, n: int) -> str:
    """_statements()["series"] as SQL text for n names (storage/driver.py)."""
    q, mark = dialect.identifier_preparer.quote, driver.placeholder(dialect)
    return (f"SELECT {', '.join(q(c) for c in _SERIES_COLUMNS)} FROM {q('series')} "
            f"WHERE indicator IN ({', '.join([mark] * n)})")


@functools.cache
def _observations_columns() -> tuple:
    return tuple(Observation.__table__.c[name] for name in _OBSERVATION_COLUMNS)


@functools.lru_cache(maxsize=256)
def _observations_sql(dialect, n: int, lock: bool) -> str:
    """_statements()["observations"] (["observations_locked"] with `lock`) as SQL text for n (series id,
    period) pairs (storage/driver.py). A join with the pairs (VALUES, SQLite and PostgreSQL alike): exactly the page's
    observations are read and locked, not every period of every series it names."""
    q, mark = dialect.identifier_preparer.quote, driver.placeholder(dialect)
    return (f"SELECT {', '.join('o.' + q(c) for c in _OBSERVATION_COLUMNS)} "
            f"FROM (VALUES {', '.join([f'({mark}, {mark})'] * n)}) AS w "
            f"JOIN {q('observation')} AS o ON o.series_id = w.column1 AND o.period = w.column2 "
            "ORDER BY o.series_id, o.period" + (" FOR UPDATE OF o" if lock else ""))


@functools.cache
def _versions_columns() -> tuple:
    ov = ObservationVersion.__table__.c
    return tuple(ov[name] for name in _LOADED_COLUMNS) + (Source.__table__.c.authority,)


@functools.lru_cache(maxsize=256)
def _versions_sql(dialect, n: int) -> str:
    """_statements()["versions"] as SQL text for n observations (storage/driver.py)."""
    q, mark = dialect.identifier_preparer.quote, driver.placeholder(dialect)
    return (f"SELECT {', '.join('v.' + q(c) for c in _LOADED_COLUMNS)}, s.authority "
            "FROM observation_version AS v JOIN source AS s ON s.id = v.source_id "
            f"WHERE v.observation_id IN ({', '.join([mark] * n)}) "
            f"AND (v.valid_to IS NULL OR v.page_version_id = {mark}) ORDER BY v.id DESC")


def _close_versions(session: Session, closed: list[LoadedVersion]) -> None:
    """Write the validity of the versions classification closed, in one UPDATE; an ORM copy of one of
    them already in the session (read earlier in the transaction) is expired so that it is re-read."""
    if not closed:
        return
    session.execute(_statements()["close_versions"],
                    [{"v_id": v.id, "v_to": v.valid_to, "v_reason": v.closed_reason} for v in closed])
    _expire_copies(session, ObservationVersion, {v.id for v in closed}, ["valid_to", "closed_reason"])


def _classify_loaded(obs: LoadedObservation, new: NewVersion, source: SourceRank, t: datetime,
                     current: list[tuple[ObservationVersion, int]], prev_extractions: list[ObservationVersion]
                     ) -> tuple[str | None, ObservationVersion | None]:
    """Classify a report over preloaded versions, as the module docstring says (current: the observation's current versions, newest first
    among the preloaded; prev_extractions: this page's versions by other extractors, newest first)."""
    r = reading_of(new)
    prev_extraction = prev_extractions[0] if prev_extractions else None
    if prev_extraction is not None:
        if same_reading(r, reading_of(prev_extraction)):
            return None, prev_extraction
        if prev_extraction.valid_to is None:
            prev_extraction.valid_to, prev_extraction.closed_reason = t, EXTRACTOR_CHANGE
        else:
            new.valid_to, new.closed_reason = t, NOT_CURRENT
        return EXTRACTOR_CHANGE, prev_extraction

    own_rows = [v for v, _ in current if v.source_id == source.id and v.valid_to is None]
    own = max(own_rows, key=lambda v: v.id) if own_rows else None
    if own is not None:
        agrees = agree(r, reading_of(own))
        if new.published and own.published and new.published < own.published:
            new.valid_to, new.closed_reason = t, NOT_CURRENT
            return (CONFIRMED if agrees else STALE), own
        if agrees:
            if width(r) < width(reading_of(own)) * (1 - 1e-9):
                own.valid_to, own.closed_reason = t, REFINED
            else:
                new.valid_to, new.closed_reason = t, NOT_CURRENT
            return CONFIRMED, own
        own.valid_to, own.closed_reason = t, REVISED
        return REVISED, own

    others = [(v, a) for v, a in current if v.source_id != source.id and v.valid_to is None]
    head = pick_headline(others)
    if head is None:
        return NEW, None
    return (CONFIRMED if agree(r, reading_of(head)) else CONFLICT), head


def _refresh_loaded(obs: LoadedObservation, current: list) -> None:
    """refresh_observation over the in-memory current versions (written by _save_observations)."""
    current = [(v, a) for v, a in current if v.valid_to is None]
    head = pick_headline(current)
    obs.headline_version_id = head.id if head else None
    readings = [reading_of(v) for v, _ in current]
    obs.in_conflict = any(not agree(a, b) for i, a in enumerate(readings) for b in readings[i + 1:])


def _retract_missing(session: Session, page_version: PageVersion, extractor_version: str, touched: set[int],
                     t: datetime) -> list[VersionChange]:
    """Current versions that an older extractor took from this page and the newer one no longer finds."""
    stmt = select(ObservationVersion).where(ObservationVersion.page_version_id == page_version.id,
                                            ObservationVersion.extractor_version != extractor_version,
                                            ObservationVersion.valid_to.is_(None))
    out = []
    for v in session.exec(stmt).all():
        if v.observation_id in touched:
            continue
        v.valid_to, v.closed_reason = t, RETRACTED
        session.add(v)
        obs = session.get(Observation, v.observation_id)
        refresh_observation(session, obs)
        series = session.get(Series, obs.series_id)
        out.append(VersionChange(RETRACTED, key_of(series), obs.period, None, old_value=v.value, old_unit=v.unit,
                                 observation_id=obs.id, old_version_id=v.id, source_id=v.source_id,
                                 reason=f"extractor {extractor_version} no longer finds it on this page"))
    return out


def key_of(series: Series) -> SeriesKey:
    return SeriesKey(series.indicator, series.region, series.kind, series.unit or None, series.base or None,
                     series.indicator_id)
