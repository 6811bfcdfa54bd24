"""All tables of the monitor's store (SQLModel). Times are UTC and come back timezone-aware.

The time series is bitemporal in a simple way: an Observation is a series at one period; each
report of its value is an ObservationVersion, and the interval [valid_from, valid_to) says when that
report was the reporting source's value of record (valid_to NULL = still is). Per observation and
source at most one version is current; the headline value is chosen among the current versions by
the source's authority (1 = official statistics … 4 = press). A report that never became the value
of record (an older article crawled late, a less precise repeat) gets an empty interval [t, t): it is
kept as evidence but no as-of query returns it.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

# What a change can be (VersionChange.change, ObservationVersion.change_type, Alert.type).
NEW = "new"
CONFIRMED = "confirmed"
REVISED = "revised"
CONFLICT = "conflict"
EXTRACTOR_CHANGE = "extractor_change"
STALE = "stale"  # an older report of a source, learned after a newer one: kept, never current
RETRACTED = "retracted"  # a newer extractor no longer finds a figure an older one found on that page
SKIPPED = "skipped"  # a figure that cannot enter a series (no period, …); never stored
CHANGE_TYPES = (NEW, CONFIRMED, REVISED, CONFLICT, EXTRACTOR_CHANGE, STALE, RETRACTED)
# Why a version stopped (or never started) being its source's value of record (closed_reason).
REFINED = "refined"  # a more precise report of the same value took over
NOT_CURRENT = "not_current"  # kept as evidence, never the value of record (empty interval)
WITHDRAWN = (EXTRACTOR_CHANGE, RETRACTED)  # our reading was wrong: the source never said this


def _ts(**kw):
    return Field(sa_type=UTCDateTime, **kw)


class Source(SQLModel, table=True):
    __tablename__ = "source"

    id: str = Field(primary_key=True, max_length=64)
    publisher: str
    authority: int = Field(description="1 = official statistics … 4 = press; lower wins a conflict")
    region: str
    kind: Optional[str] = None


class Page(SQLModel, table=True):
    __tablename__ = "page"

    id: Optional[int] = Field(default=None, primary_key=True)
    url: str = Field(sa_column_kwargs={"unique": True}, sa_type=Text)
    source_id: str = Field(foreign_key="source.id", index=True)
    kind: str = "article"  # article | list
    first_seen: datetime = _ts(default_factory=utcnow)
    last_fetched_at: Optional[datetime] = _ts(default=None)  # last seen (any answer, 304 included)
    last_status: Optional[int] = None
    # The seen store (conditional revisits): the validators and hash of the copy we hold.
    content_hash: Optional[str] = Field(default=None, max_length=128)
    etag: Optional[str] = Field(default=None, sa_type=Text)
    last_modified: Optional[str] = None  # as the server wrote it (an HTTP date), sent back verbatim
    last_changed_at: Optional[datetime] = _ts(default=None)  # when the content last differed
    published: Optional[datetime] = _ts(default=None)  # the article's publication time, once cleaned


class PageVersion(SQLModel, table=True):
    """One fetch of a page whose content differed from the previous one, or a failed fetch.

    A failed fetch has `error` set and no content hash; it never counts as the page's latest content.
    """

    __tablename__ = "page_version"
    __table_args__ = (Index("ix_page_version_page_fetched", "page_id", "fetched_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    page_id: int = Field(foreign_key="page.id")
    content_hash: Optional[str] = Field(default=None, index=True, max_length=128)
    fetched_at: datetime = _ts()
    status: int
    error: Optional[str] = Field(default=None, sa_type=Text)
    warc_path: Optional[str] = Field(default=None, sa_type=Text)
    warc_offset: Optional[int] = None
    content_type: Optional[str] = None
    title: Optional[str] = Field(default=None, sa_type=Text)
    published: Optional[datetime] = _ts(default=None)
    published_from: Optional[str] = None
    encoding: Optional[str] = None
    script: Optional[str] = None
    text_length: Optional[int] = None
    rejected: Optional[str] = None  # why the page gives no figures (empty, too short, not about Shenyang)


class Indicator(SQLModel, table=True):
    """The indicator catalogue as the store knows it. `aliases` is '|'-separated so LIKE finds them."""

    __tablename__ = "indicator"

    id: str = Field(primary_key=True, max_length=64)
    name: str = Field(index=True, sa_column_kwargs={"unique": True})
    aliases: Optional[str] = Field(default=None, sa_type=Text)


class Series(SQLModel, table=True):
    """(indicator, region, kind, unit, comparison base). Empty string, not NULL, means "none" in the
    key columns: NULLs are all distinct in a UNIQUE constraint, which would let duplicates in."""

    __tablename__ = "series"
    __table_args__ = (UniqueConstraint("indicator", "region", "kind", "unit", "base", name="uq_series_key"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    indicator: str = Field(index=True)
    indicator_id: Optional[str] = Field(default=None, foreign_key="indicator.id", index=True)
    region: str = Field(index=True)
    kind: str  # level | growth | share | change_pp | rank
    unit: str = ""  # the base unit (元, %, 天, 人次) so that 亿元 and 万元 reports meet in one series
    base: str = ""  # comparison base when stated: 同比, 环比, 两年平均, …
    created_at: datetime = _ts(default_factory=utcnow)


class Observation(SQLModel, table=True):
    """A series at one period (canonical spelling, see storage/periods.py)."""

    __tablename__ = "observation"
    __table_args__ = (UniqueConstraint("series_id", "period", name="uq_observation_series_period"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id")
    period: str
    period_start: date
    period_end: date  # inclusive
    grain: str  # year | half | quarter | quarters | month | months | day | days | years
    # The current headline and whether the current reports disagree: kept up to date by record_figures.
    headline_version_id: Optional[int] = Field(default=None)
    in_conflict: bool = False


class Extraction(SQLModel, table=True):
    """One page version processed by one extractor version: what makes re-recording a no-op."""

    __tablename__ = "extraction"
    __table_args__ = (UniqueConstraint("page_version_id", "extractor_version", name="uq_extraction"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    page_version_id: int = Field(foreign_key="page_version.id")
    extractor_version: str
    recorded_at: datetime = _ts()
    figures: int = 0
    stored: int = 0
    skipped: int = 0


class ObservationVersion(SQLModel, table=True):
    __tablename__ = "observation_version"
    __table_args__ = (
        # Also what as-of reads go by (observation_id first); a second index on (observation_id,
        # valid_from) cost every version INSERT more than it saved those reads (migration 0003).
        Index("ix_obs_version_current", "observation_id", "source_id", "valid_to"),
        Index("ix_obs_version_page", "page_version_id", "extractor_version"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    observation_id: int = Field(foreign_key="observation.id")
    source_id: str = Field(foreign_key="source.id")
    page_version_id: int = Field(foreign_key="page_version.id")
    value: float
    unit: Optional[str] = None  # as written (亿元), the series keeps the base unit
    value_base: Optional[float] = None
    qualifier: Optional[str] = None  # over | under | approx | approaching | range
    # Bounds as written (the unit of `value`; scaled to the base unit by value_base / value). A range
    # (5%-8%, 10亿至20亿元) has qualifier "range" and both, low <= high, value the first figure as
    # written (下降5%～8%: value -5, low -8, high -5); `over` has low = value, high NULL; `under` low
    # NULL, high = value; exact and approx/approaching figures have neither (their interval is computed
    # from the rounding and the qualifier, storage/values.py).
    low: Optional[float] = None
    high: Optional[float] = None
    indicator_raw: Optional[str] = None
    evidence: str = Field(sa_type=Text)
    evidence_start: Optional[int] = None  # offsets of the sentence and of the figure in the clean text
    figure_start: Optional[int] = None
    figure_end: Optional[int] = None
    confidence: Optional[float] = None
    published: Optional[datetime] = _ts(default=None)  # when the source said it
    recorded_at: datetime = _ts()  # when we learned it
    valid_from: datetime = _ts()
    valid_to: Optional[datetime] = _ts(default=None)  # NULL: the source's current value
    closed_reason: Optional[str] = None  # revised | refined | extractor_change | retracted | not_current
    extractor_version: str
    change_type: str


class Run(SQLModel, table=True):
    __tablename__ = "run"

    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str  # scan | ingest | reprocess | …
    scan_date: Optional[date] = Field(default=None, index=True)
    sources: list = Field(default_factory=list, sa_type=JSON)
    started_at: datetime = _ts(default_factory=utcnow)
    finished_at: Optional[datetime] = _ts(default=None)
    status: str = "running"  # running | ok | failed
    stats: dict = Field(default_factory=dict, sa_type=JSON)


THRESHOLD = "threshold"  # a move beyond the indicator's threshold against the previous period
SOURCE_HEALTH = "source_health"  # a source looks broken (no answers, empty lists, …)


class Alert(SQLModel, table=True):
    """The ledger: one row per alerting change; channels read it and record their deliveries.

    Figure alerts (new, revised, conflict, threshold) name their version; a source_health alert has no
    observation and is unique by `dedupe_key` (source, problem kind, scan date)."""

    __tablename__ = "alert"
    __table_args__ = (UniqueConstraint("version_id", "type", name="uq_alert_version_type"),
                      UniqueConstraint("dedupe_key", name="uq_alert_dedupe_key"))

    id: Optional[int] = Field(default=None, primary_key=True)
    type: str  # new | revised | conflict | threshold | source_health
    observation_id: Optional[int] = Field(default=None, foreign_key="observation.id", index=True)
    version_id: Optional[int] = Field(default=None, foreign_key="observation_version.id")
    dedupe_key: Optional[str] = None
    detail: Optional[dict] = Field(default=None, sa_type=JSON)  # threshold: the rule and move; health: problem
    old_version_id: Optional[int] = Field(default=None, foreign_key="observation_version.id")
    run_id: Optional[int] = Field(default=None, foreign_key="run.id", index=True)
    # Message fields, frozen at the time of the alert (what was said then, even if the series moves on).
    indicator: str = ""
    region: str = ""
    period: str = ""
    value: Optional[float] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    old_value: Optional[float] = None
    old_unit: Optional[str] = None
    source_id: str
    created_at: datetime = _ts(default_factory=utcnow, index=True)


class AlertDelivery(SQLModel, table=True):
    __tablename__ = "alert_delivery"
    __table_args__ = (UniqueConstraint("alert_id", "channel", name="uq_alert_delivery"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id")
    channel: str
    status: str = Field(default="pending", index=True)  # pending | sent | failed
    attempts: int = 0
    last_error: Optional[str] = Field(default=None, sa_type=Text)
    last_attempt_at: Optional[datetime] = _ts(default=None)
    next_attempt_at: Optional[datetime] = _ts(default=None)  # a failed one waits (backoff) until then
    delivered_at: Optional[datetime] = _ts(default=None)


class Subscription(SQLModel, table=True):
    """An analyst's standing request: alerts about these indicators / regions / kinds, on a channel,
    immediately or as a daily digest at a local (Asia/Shanghai) time. An empty filter matches all."""

    __tablename__ = "subscription"

    id: Optional[int] = Field(default=None, primary_key=True)
    analyst: str
    channel: str  # a channel name from the settings ($SHENYANG_MONITOR_CHANNELS)
    indicators: list = Field(default_factory=list, sa_type=JSON)  # names or catalogue ids
    regions: list = Field(default_factory=list, sa_type=JSON)
    kinds: list = Field(default_factory=list, sa_type=JSON)  # series kinds (level, growth, …)
    alert_types: list = Field(default_factory=list, sa_type=JSON)  # new, revised, conflict, threshold, …
    mode: str = "immediate"  # immediate | digest
    digest_time: Optional[str] = None  # HH:MM, Asia/Shanghai (digest only)
    active: bool = True
    created_at: datetime = _ts(default_factory=utcnow)


class DigestDelivery(SQLModel, table=True):
    """One digest per subscription and local day: the unique key makes a second one impossible."""

    __tablename__ = "digest_delivery"
    __table_args__ = (UniqueConstraint("subscription_id", "local_day", name="uq_digest_day"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id")
    local_day: date
    channel: str
    status: str = "pending"  # pending | sent | failed | empty
    alerts: list = Field(default_factory=list, sa_type=JSON)  # alert ids it holds
    attempts: int = 0
    last_error: Optional[str] = Field(default=None, sa_type=Text)
    last_attempt_at: Optional[datetime] = _ts(default=None)
    next_attempt_at: Optional[datetime] = _ts(default=None)
    delivered_at: Optional[datetime] = _ts(default=None)


class SourceScan(SQLModel, table=True):
    """One source in one run: what the crawl asked and got, and what became of the articles."""

    __tablename__ = "source_scan"
    __table_args__ = (UniqueConstraint("run_id", "source_id", name="uq_source_scan"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="run.id", index=True)
    source_id: str = Field(foreign_key="source.id", index=True)
    scan_date: Optional[date] = None
    requests_2xx: int = 0
    requests_3xx: int = 0
    requests_4xx: int = 0
    requests_5xx: int = 0
    requests_failed: int = 0
    requests_ignored: int = 0
    retries: int = 0
    list_pages: int = 0
    article_pages: int = 0
    new_article_links: int = 0
    empty_list_pages: int = 0
    parse_failures: int = 0
    articles_new: int = 0  # first content of a page
    articles_changed: int = 0  # a page whose content differs from the copy we held
    articles_unchanged: int = 0  # same hash, or 304 Not Modified
    pages_failed: int = 0
    figures: int = 0
    bytes: int = 0
    seconds: float = 0.0
    recorded_at: datetime = _ts(default_factory=utcnow)
