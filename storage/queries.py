"""What analysts read: series values (now or as known at a past moment), previous periods, alerts,
indicator search. All reads; nothing here writes."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import func, or_
from sqlmodel import Session, select

from .models import Alert, Indicator, Observation, ObservationVersion, Page, PageVersion, Series, Source
from .periods import from_bounds, one_year_earlier
from .models import WITHDRAWN
from .series import pick_headline, range_bounds, reading_of
from .types import as_utc
from .values import agree, width


@lru_cache(maxsize=None)
def _converters():
    import opencc

    return [opencc.OpenCC(cfg) for cfg in ("t2s", "hk2s", "tw2s")]


def variants(text: str) -> list[str]:
    """The text as given and its simplified forms. The raw text is always kept: converting text that is
    already simplified can damage it (在沈 → 在沉), so a converted form is only ever an extra try."""
    text = (text or "").strip()
    out = [text]
    for conv in _converters():
        t = conv.convert(text)
        if t not in out:
            out.append(t)
    return out


@dataclass
class SeriesPoint:
    """One (series, period) with the value of record: the headline now, or the one valid at as_of."""

    indicator: str
    indicator_id: str | None
    region: str
    kind: str
    unit: str | None  # the series' unit (base unit)
    base: str | None
    period: str
    period_start: date
    period_end: date
    value: float
    value_unit: str | None  # the unit as the report wrote it
    value_base: float | None
    qualifier: str | None
    low: float | None  # bounds as written: a range, over (low), under (high); models.py
    high: float | None
    source_id: str
    publisher: str
    authority: int
    published: datetime | None
    recorded_at: datetime
    url: str
    evidence: str
    in_conflict: bool
    sources: int  # how many sources had a value of record for it at that time
    observation_id: int
    version_id: int
    series_id: int

    def as_dict(self) -> dict:
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, (date, datetime)):
                d[k] = v.isoformat()
        return d


def _valid_at(as_of: datetime | None):
    if as_of is None:
        return ObservationVersion.valid_to.is_(None)
    as_of = as_utc(as_of, "as_of")
    return (ObservationVersion.valid_from <= as_of) & (
        ObservationVersion.valid_to.is_(None) | (ObservationVersion.valid_to > as_of))


BASES = ("recorded", "published")
_HEAVY = ("indicator_raw",)  # never shown in a series point



def _versions_at(session: Session, observation_ids: list[int], as_of: datetime | None, basis: str = "recorded"):
    """{observation_id: [(version, authority, publisher, url)]}: each source's value of record.

    basis "recorded": as we knew it at as_of (the knowledge interval), or now.
    basis "published": as the sources had published it by as_of, whenever we learned it: per source
    the latest report published by then, leaving out readings a newer extractor withdrew."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, got {basis!r}")
    if not observation_ids:
        return {}
    # Plain rows, not ORM objects: an as-of read over many versions must not pay for the identity map.
    v_cols = [c for c in ObservationVersion.__table__.c if c.name not in _HEAVY]
    stmt = (select(*v_cols, Source.authority, Source.publisher, Page.url)
            .join(Source, Source.id == ObservationVersion.source_id)
            .join(PageVersion, PageVersion.id == ObservationVersion.page_version_id)
            .join(Page, Page.id == PageVersion.page_id)
            .where(ObservationVersion.observation_id.in_(observation_ids)))
    if basis == "recorded":
        stmt = stmt.where(_valid_at(as_of))
    else:
        stmt = stmt.where(ObservationVersion.published.is_not(None),
                          or_(ObservationVersion.closed_reason.is_(None),
                              ObservationVersion.closed_reason.not_in(WITHDRAWN)))
        if as_of is not None:
            stmt = stmt.where(ObservationVersion.published <= as_utc(as_of, "as_of"))
    rows = [(r, r.authority, r.publisher, r.url) for r in session.execute(stmt).all()]
    if basis == "published":
        latest: dict[tuple[int, str], tuple] = {}
        for row in rows:
            v = row[0]
            key = (v.observation_id, v.source_id)
            rank = (v.published, -width(reading_of(v)), v.id)
            if key not in latest or rank > latest[key][0]:
                latest[key] = (rank, row)
        rows = [row for _, row in latest.values()]
    out: dict[int, list] = {}
    for v, authority, publisher, url in rows:
        out.setdefault(v.observation_id, []).append((v, authority, publisher, url))
    return out


def _point(series: Series, obs: Observation, rows: list) -> SeriesPoint | None:
    head = pick_headline((v, a) for v, a, _, _ in rows)
    if head is None:
        return None
    _, authority, publisher, url = next(r for r in rows if r[0] is head)
    readings = [reading_of(v) for v, *_ in rows]
    conflict = any(not agree(a, b) for i, a in enumerate(readings) for b in readings[i + 1:])
    return SeriesPoint(
        series.indicator, series.indicator_id, series.region, series.kind, series.unit or None, series.base or None,
        obs.period, obs.period_start, obs.period_end, head.value, head.unit, head.value_base, head.qualifier,
        head.low, head.high, head.source_id, publisher, authority, head.published, head.recorded_at, url, head.evidence, conflict,
        len({v.source_id for v, *_ in rows}), obs.id, head.id, series.id)


def _resolve_names(session: Session, text: str) -> list[str]:
    """The text's forms, plus the catalogue names it is an exact alias of (GDP → 地区生产总值)."""
    forms = variants(text)
    names = list(forms)
    cond = or_(*[Indicator.aliases.ilike(_like(t), escape="\\") for t in forms])
    for ind in session.exec(select(Indicator).where(cond)).all():
        aliases = {a.lower() for a in (ind.aliases or "").split("|")}
        if any(t.lower() in aliases for t in forms) and ind.name not in names:
            names.append(ind.name)
    return names


def series_latest(session: Session, indicator: str, region: str | None = None, as_of: datetime | None = None,
                  *, basis: str = "recorded") -> list[SeriesPoint]:
    """One row per (series, period) of the indicator (name, catalogue id or alias; simplified or
    traditional), with the value valid at `as_of` (what we knew then), else the current headline value.
    With basis="published", the value the sources had published by `as_of` (for articles we read
    later than they appeared, e.g. a first crawl of older pages)."""
    names = _resolve_names(session, indicator)
    stmt = select(Series).where(or_(Series.indicator.in_(names), Series.indicator_id.in_(names)))
    if region:
        stmt = stmt.where(Series.region.in_(variants(region)))
    series = {s.id: s for s in session.exec(stmt).all()}
    if not series:
        return []
    # Plain rows: _point reads id, period and its bounds; no identity map needed for a read.
    observations = session.execute(select(*Observation.__table__.c).where(
        Observation.series_id.in_(list(series)))).all()
    versions = _versions_at(session, [o.id for o in observations], as_of, basis)
    points = [p for o in observations if (p := _point(series[o.series_id], o, versions.get(o.id, [])))]
    points.sort(key=lambda p: (p.indicator, p.region, p.kind, p.unit or "", p.base or "", p.period_start,
                               p.period_end))
    return points


def observation_value(session: Session, observation: Observation, as_of: datetime | None = None):
    """The SeriesPoint of one observation (now, or as known at as_of), or None."""
    series = session.get(Series, observation.series_id)
    return _point(series, observation, _versions_at(session, [observation.id], as_of).get(observation.id, []))


def _length(o: Observation) -> int:
    p = from_bounds(o.period_start, o.period_end)
    if p.grain in ("year", "years", "half", "quarter", "quarters", "month", "months"):
        return (o.period_end.year - o.period_start.year) * 12 + o.period_end.month - o.period_start.month + 1
    return (o.period_end - o.period_start).days + 1


def previous_point(session: Session, observation: Observation, as_of: datetime | None = None) -> SeriesPoint | None:
    """The SeriesPoint of the same series' previous period, or None.

    The same period a year earlier when the series has it (2024 for 2025, 2024Q1-Q3 for 2025Q1-Q3:
    what Chinese reports compare with); else the period of the same length that ends the day before
    this one starts (2025-06 for 2025-07 in a monthly series). Never an older gap-bridging period:
    2018 beside 2023 would read as last year's value."""
    this = from_bounds(observation.period_start, observation.period_end)
    same_series = select(Observation).where(Observation.series_id == observation.series_id,
                                            Observation.id != observation.id)
    candidates = [session.exec(same_series.where(Observation.period == one_year_earlier(this).canonical)).first()]
    adjacent = session.exec(same_series.where(Observation.grain == this.grain,
                                              Observation.period_end == observation.period_start - timedelta(days=1))
                            ).all()
    candidates += [o for o in adjacent if _length(o) == _length(observation)]
    for cand in candidates:
        point = observation_value(session, cand, as_of) if cand is not None else None
        if point is not None:
            return point
    return None


def previous_points(session: Session, observations: list,
                    as_of: datetime | None = None) -> dict[int, SeriesPoint]:
    """previous_point for many observations in one query: {observation id: SeriesPoint}.

    `observations`: Observation rows or anything with id, series_id, period_start and period_end."""
    out = {}
    for o, chosen in _previous_candidates(session, observations, as_of, lean=False):
        for c in chosen:
            point = _point(c.series, c, c.rows)
            if point is not None:
                out[o.id] = point
                break
    return out


@dataclass(frozen=True)
class PreviousHeadline:
    """The headline value of an observation's previous period now (what a threshold alert compares with)."""

    period: str
    value: float
    value_unit: str | None
    value_base: float | None
    version_id: int
    low: float | None = None  # a range's bounds (as written, like value); None for an exact figure
    high: float | None = None


def previous_headlines(session: Session, observations: list) -> dict[int, PreviousHeadline]:
    """The current headline of each observation's previous period (see previous_point) in one query of
    the few columns that needs: {observation id: PreviousHeadline}. The same choice as previous_points."""
    out = {}
    for o, chosen in _previous_candidates(session, observations, None, lean=True):
        for c in chosen:
            head = pick_headline((v, a) for v, a, _, _ in c.rows)
            if head is not None:
                out[o.id] = PreviousHeadline(c.period, head.value, head.unit, head.value_base, head.id,
                                                 *range_bounds(head))
                break
    return out


def _previous_candidates(session: Session, observations: list, as_of: datetime | None, *, lean: bool):
    """(observation, its candidate previous observations in order of preference, each with its valid
    versions), the candidates of all observations read with one query."""
    observations = [o for o in observations if o is not None]
    if not observations:
        return
    wants = {}
    year_periods, ends = set(), set()
    for o in observations:
        this = from_bounds(o.period_start, o.period_end)
        earlier = one_year_earlier(this).canonical
        end = o.period_start - timedelta(days=1)
        wants[o.id] = (earlier, this.grain, end, _length(o))
        year_periods.add(earlier)
        ends.add(end)
    params = {"series_ids": sorted({o.series_id for o in observations}), "periods": sorted(year_periods),
              "ends": sorted(ends)}
    if as_of is not None:
        params["as_of"] = as_utc(as_of, "as_of")
    cands: dict[int, _Candidate] = {}
    by_series: dict[int, list[_Candidate]] = {}
    for row in session.execute(_previous_statement(as_of is not None, lean), params).all():
        cand = cands.get(row.o_id)
        if cand is None:
            cand = cands[row.o_id] = _Candidate(row, lean)
            by_series.setdefault(cand.series_id, []).append(cand)
        cand.rows.append((row, row.authority, None, None) if lean else (row, row.authority, row.publisher, row.url))
    for o in observations:
        earlier, grain, end, length = wants[o.id]
        same = [c for c in by_series.get(o.series_id, []) if c.id != o.id]
        yield o, ([c for c in same if c.period == earlier] +
                  [c for c in same if c.grain == grain and c.period_end == end and _length(c) == length])


class _Candidate:
    """A candidate previous observation read as a row, with its series and its valid versions."""

    __slots__ = ("id", "series_id", "period", "period_start", "period_end", "grain", "series", "rows")

    def __init__(self, row, lean: bool):
        self.id, self.series_id, self.period = row.o_id, row.o_series_id, row.o_period
        self.period_start, self.period_end, self.grain = row.o_period_start, row.o_period_end, row.o_grain
        self.series = None if lean else _SeriesRow(row.s_id, row.s_indicator, row.s_indicator_id, row.s_region,
                                                   row.s_kind, row.s_unit, row.s_base)
        self.rows: list = []


@dataclass(frozen=True)
class _SeriesRow:
    id: int
    indicator: str
    indicator_id: str | None
    region: str
    kind: str
    unit: str
    base: str


@lru_cache(maxsize=4)
def _previous_statement(with_as_of: bool, lean: bool = False):
    """previous_points' read, built once per variant (its IN lists are expanding parameters). `lean`:
    only what a headline is chosen by and what previous_headlines gives (no series, page or evidence)."""
    from sqlalchemy import bindparam

    o, s, v = Observation.__table__.c, Series.__table__.c, ObservationVersion.__table__.c
    cols = [o[n].label(f"o_{n}") for n in ("id", "series_id", "period", "period_start", "period_end", "grain")]
    if lean:
        cols += [v[n] for n in ("id", "value", "unit", "value_base", "qualifier", "low", "high",
                                         "published", "recorded_at")]
        cols += [Source.authority]
    else:
        cols += [s[n].label(f"s_{n}") for n in ("id", "indicator", "indicator_id", "region", "kind", "unit", "base")]
        cols += [c for c in v if c.name not in _HEAVY] + [Source.authority, Source.publisher, Page.url]
    if with_as_of:
        as_of = bindparam("as_of", type_=v.valid_from.type)
        valid = (v.valid_from <= as_of) & (v.valid_to.is_(None) | (v.valid_to > as_of))
    else:
        valid = v.valid_to.is_(None)
    stmt = (select(*cols).select_from(Observation.__table__)
            .join(ObservationVersion.__table__, v.observation_id == o.id)
            .join(Source, Source.id == v.source_id))
    if not lean:
        stmt = (stmt.join(Series.__table__, s.id == o.series_id)
                .join(PageVersion, PageVersion.id == v.page_version_id)
                .join(Page, Page.id == PageVersion.page_id))
    return stmt.where(o.series_id.in_(bindparam("series_ids", expanding=True)),
                      or_(o.period.in_(bindparam("periods", expanding=True)),
                          o.period_end.in_(bindparam("ends", expanding=True))),
                      valid)


def previous_period(session: Session, observation: Observation,
                    as_of: datetime | None = None) -> tuple[str, float, str | None] | None:
    """(period, value, unit as written) of the same series' previous period (see previous_point), or None."""
    point = previous_point(session, observation, as_of)
    return None if point is None else (point.period, point.value, point.value_unit)


def alerts_since(session: Session, since: datetime | None = None) -> list[Alert]:
    """Alerts created at or after `since` (all when None), oldest first."""
    stmt = select(Alert)
    if since is not None:
        stmt = stmt.where(Alert.created_at >= as_utc(since, "since"))
    return list(session.exec(stmt.order_by(Alert.created_at, Alert.id)).all())


@dataclass
class IndicatorMatch:
    name: str
    indicator_id: str | None
    aliases: list[str]
    series: int  # how many series the store has under this name


def _like(text: str) -> str:
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def find_indicators(session: Session, text: str) -> list[IndicatorMatch]:
    """Indicators whose name or alias contains `text` (simplified or traditional), catalogue or seen in
    a series; exact names first."""
    if not text or not text.strip():
        raise ValueError("find_indicators: empty search text")
    forms = variants(text)
    found: dict[str, IndicatorMatch] = {}
    cat_cond = or_(*[c.ilike(_like(t), escape="\\") for t in forms for c in (Indicator.name, Indicator.aliases)],
                   Indicator.id.in_(forms))
    catalogue = session.exec(select(Indicator).where(cat_cond)).all()
    for ind in catalogue:
        aliases = [a for a in (ind.aliases or "").split("|") if a]
        found[ind.name] = IndicatorMatch(ind.name, ind.id, aliases, 0)
    # A catalogue hit found through an alias (GDP) still counts the series stored under its name.
    ser_cond = or_(*[Series.indicator.ilike(_like(t), escape="\\") for t in forms],
                   Series.indicator.in_([i.name for i in catalogue]))
    stmt = select(Series.indicator, Series.indicator_id, func.count(Series.id)).where(ser_cond).group_by(
        Series.indicator, Series.indicator_id)
    for name, ind_id, n in session.exec(stmt).all():
        m = found.setdefault(name, IndicatorMatch(name, ind_id, [], 0))
        m.series += n
        m.indicator_id = m.indicator_id or ind_id
    def rank(m: IndicatorMatch):
        exact = 0 if m.name in forms else 1 if any(a in forms for a in m.aliases) else 2
        return (exact, len(m.name), m.name)

    return sorted(found.values(), key=rank)


@dataclass
class HistoryRow:
    """One report of an observation: its value, who said it when, and when it was the value of record."""

    version_id: int
    change_type: str
    value: float
    unit: str | None
    qualifier: str | None
    low: float | None  # bounds as written (models.py)
    high: float | None
    source_id: str
    authority: int
    published: datetime | None
    recorded_at: datetime
    valid_from: datetime
    valid_to: datetime | None
    extractor_version: str
    url: str
    evidence: str
    headline: bool

    def as_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(self).items()}


def observation_history(session: Session, observation_id: int) -> list[HistoryRow]:
    """Every report of one observation in the order we learned them."""
    obs = session.get(Observation, observation_id)
    if obs is None:
        raise LookupError(f"no observation {observation_id}")
    stmt = (select(ObservationVersion, Source.authority, Page.url)
            .join(Source, Source.id == ObservationVersion.source_id)
            .join(PageVersion, PageVersion.id == ObservationVersion.page_version_id)
            .join(Page, Page.id == PageVersion.page_id)
            .where(ObservationVersion.observation_id == observation_id)
            .order_by(ObservationVersion.recorded_at, ObservationVersion.id))
    return [HistoryRow(v.id, v.change_type, v.value, v.unit, v.qualifier, v.low, v.high, v.source_id, a, v.published,
                       v.recorded_at, v.valid_from, v.valid_to, v.extractor_version, url, v.evidence, v.id == obs.headline_version_id)
            for v, a, url in session.exec(stmt).all()]
