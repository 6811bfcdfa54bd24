"""Column types shared by the models: UTC timestamps that come back timezone-aware on every backend."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None, what: str = "timestamp") -> datetime | None:
    """An aware datetime converted to UTC; a naive one is refused (its zone would be a guess)."""
    if value is None:
        return None
    if value.__class__ is datetime and value.tzinfo is timezone.utc:  # the usual case, on every bind: no work
        return value
    if not isinstance(value, datetime):
        raise TypeError(f"{what}: expected a datetime, got {type(value).__name__} {value!r}")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(f"{what}: naive datetime {value.isoformat()} given; pass a timezone-aware one")
    return value.astimezone(timezone.utc)


def parse_utc(text: str | None, what: str = "timestamp") -> datetime | None:
    """ISO 8601 text as an aware UTC datetime; text without an offset is UTC (the crawler's convention)."""
    if text is None or text == "":
        return None
    try:
        ts = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"{what}: not an ISO 8601 timestamp: {text!r}") from exc
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Stored as UTC; read back as aware UTC (SQLite keeps no zone, PostgreSQL uses timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        value = as_utc(value)
        if value is not None and dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None or value.tzinfo is timezone.utc:
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    # SQLite: one function per value, straight to and from the text SQLAlchemy's SQLite DATETIME stores
    # ("2025-01-20 02:00:00.000000", compared as text in SQL), not three chained calls: a page binds and
    # reads hundreds of timestamps (bench/store.py). Other databases take the generic path above.
    def bind_processor(self, dialect):
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        def process(value):
            value = as_utc(value)
            if value is None:
                return None
            return "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (  # SQLAlchemy's own format, and its fastest spelling
                value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond)
        return process

    def result_processor(self, dialect, coltype):
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def process(value):
            if value is None:
                return None
            if isinstance(value, str) and len(value) == 26:  # the stored text: parsed as UTC in one C call
                return datetime.fromisoformat(value + "+00:00")
            ts = datetime.fromisoformat(value) if isinstance(value, str) else value
            return ts.replace(tzinfo=timezone.utc) if ts.tzinfo is None else ts.astimezone(timezone.utc)
        return process


def json_dumps(obj) -> str:
    """JSON columns keep Chinese readable in the database too."""
    return json.dumps(obj, ensure_ascii=False, default=str)


def shanghai_text(ts: datetime | None) -> str | None:
    """A stored (UTC) time as analysts read it, in Asia/Shanghai. A page that gave only a date is
    stored at local midnight: that shows as the date alone, not as a made-up 00:00."""
    if ts is None:
        return None
    from zoneinfo import ZoneInfo

    local = as_utc(ts if ts.tzinfo else ts.replace(tzinfo=timezone.utc)).astimezone(ZoneInfo("Asia/Shanghai"))
    return local.strftime("%Y-%m-%d" if (local.hour, local.minute, local.second) == (0, 0, 0) else "%Y-%m-%d %H:%M")
