"""Sources, pages and page versions: what was fetched, when, and whether its content changed."""
from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Iterable, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select

from crawlers.items import FetchedPage
from extract.document import CleanDocument

from .models import Page, PageVersion, Source
from .types import as_utc, parse_utc

log = logging.getLogger(__name__)
SHANGHAI = ZoneInfo("Asia/Shanghai")


class UnknownSource(LookupError):
    pass


def _authority(src) -> int:
    raw = getattr(src, "authority", None)
    try:
        rank = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"source {getattr(src, 'id', src)!r}: authority must be a whole number 1..4, got {raw!r}")
    if rank < 1:
        raise ValueError(f"source {src.id!r}: authority must be 1 (official statistics) or more, got {rank}")
    return rank


def sync_sources(session: Session, sources: Iterable) -> list[Source]:
    """Insert or update Source rows from objects with id, publisher, authority, region (and maybe kind).

    Sources missing from `sources` are left alone: their pages and figures still refer to them.
    """
    rows = []
    for src in sources:
        sid = getattr(src, "id", None)
        if not sid:
            raise ValueError(f"source without an id: {src!r}")
        rank = _authority(src)
        row = session.get(Source, sid)
        if row is None:
            row = Source(id=sid, publisher=src.publisher, authority=rank, region=src.region,
                         kind=getattr(src, "kind", None))
            session.add(row)
        else:
            row.publisher, row.authority, row.region = src.publisher, rank, src.region
            row.kind = getattr(src, "kind", row.kind)
        rows.append(row)
    session.flush()
    return rows


def get_source(session: Session, source_id: str) -> Source:
    row = session.get(Source, source_id)
    if row is None:
        known = ", ".join(session.exec(select(Source.id)).all()) or "none"
        raise UnknownSource(f"unknown source {source_id!r} (known: {known}); call storage.pages.sync_sources first")
    return row


class SourceRank(NamedTuple):
    id: str
    authority: int


def source_rank(session: Session, source_id: str) -> SourceRank:
    """The source's id and authority read as a plain row (loading the ORM Source cost more than the
    rest of a page's reads, bench/store.py); UnknownSource as get_source."""
    row = session.execute(_source_rank(), {"id": source_id}).first()
    if row is None:
        get_source(session, source_id)  # raises UnknownSource, naming the known sources
    return SourceRank(*row)


@lru_cache(maxsize=1)
def _source_rank():
    from sqlalchemy import bindparam

    # ORM attributes, not table columns: the session flushes a pending Source first (autoflush).
    return select(Source.id, Source.authority).where(Source.id == bindparam("id"))


def latest_content(session: Session, page_id: int) -> PageVersion | None:
    """The page's latest version that has content (failed fetches are skipped)."""
    stmt = (select(PageVersion).where(PageVersion.page_id == page_id, PageVersion.content_hash.is_not(None))
            .order_by(PageVersion.fetched_at.desc(), PageVersion.id.desc()).limit(1))
    return session.exec(stmt).first()


@lru_cache(maxsize=1)
def _page_by_url():
    from sqlalchemy import bindparam

    return select(Page).where(Page.url == bindparam("url"))  # built once: one per fetch adds up (bench/store.py)


def record_fetch(session: Session, page: FetchedPage) -> PageVersion | None:
    """Record one fetch. Returns the new PageVersion when the content is new, else None.

    None means: the fetch failed (kept as a version row with its error, so that it can be reported and
    retried), the server answered 304 Not Modified, or the body hashes like the latest content.
    """
    source_rank(session, page.source_id)  # known, else UnknownSource
    fetched_at = parse_utc(page.fetched_at, f"fetched_at of {page.url}")
    if fetched_at is None:
        raise ValueError(f"fetched page {page.url} has no fetched_at")
    row = session.execute(_page_by_url(), {"url": page.url}).scalars().first()
    failed = bool(page.error) or page.status >= 400 or (page.status != 304 and not page.content_hash)
    if row is None and not failed and page.status != 304:
        return _first_content(session, page, fetched_at)
    if row is None:  # a failed fetch or a 304 of a new page: written once, with the columns below set
        row = Page(url=page.url, source_id=page.source_id, kind=page.kind or "article", first_seen=fetched_at)
        session.add(row)
    row.last_fetched_at = fetched_at
    row.last_status = page.status

    if failed:
        error = page.error or (f"HTTP {page.status}" if page.status >= 400 else "no content hash")
        session.flush()  # the page's id
        session.add(PageVersion(page_id=row.id, fetched_at=fetched_at, status=page.status, error=error,
                                warc_path=page.warc_path, warc_offset=page.warc_offset,
                                content_type=page.content_type))
        session.flush()
        log.info("fetch of %s failed: %s", page.url, error)
        return None
    etag, last_modified = validators(page.meta.get("headers") if page.meta else None)
    if page.status == 304:  # seen, unchanged; a server may send fresh validators with it
        row.etag, row.last_modified = etag or row.etag, last_modified or row.last_modified
        return None
    row.etag, row.last_modified = etag, last_modified
    latest = latest_content(session, row.id)
    if latest is not None and latest.content_hash == page.content_hash:
        row.content_hash = row.content_hash or page.content_hash
        return None
    row.content_hash, row.last_changed_at = page.content_hash, fetched_at
    session.flush()  # the page's id
    version = PageVersion(page_id=row.id, content_hash=page.content_hash, fetched_at=fetched_at,
                          status=page.status, warc_path=page.warc_path, warc_offset=page.warc_offset,
                          content_type=page.content_type)
    session.add(version)
    session.flush()
    return version


def _first_content(session: Session, page: FetchedPage, fetched_at: datetime) -> PageVersion:
    """A page seen for the first time, with content: the page row in one Core INSERT with all its columns
    (no ORM object to build and flush: the usual case of a scan, bench/store.py), then its first version."""
    from sqlalchemy import insert

    etag, last_modified = validators(page.meta.get("headers") if page.meta else None)
    page_id = session.execute(insert(Page).returning(Page.id), {
        "url": page.url, "source_id": page.source_id, "kind": page.kind or "article", "first_seen": fetched_at,
        "last_fetched_at": fetched_at, "last_status": page.status, "content_hash": page.content_hash,
        "etag": etag, "last_modified": last_modified, "last_changed_at": fetched_at, "published": None}).scalar_one()
    version = PageVersion(page_id=page_id, content_hash=page.content_hash, fetched_at=fetched_at,
                          status=page.status, warc_path=page.warc_path, warc_offset=page.warc_offset,
                          content_type=page.content_type)
    session.add(version)
    session.flush()
    return version


def validators(headers) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) from response headers (a dict or (name, value) pairs), names in any case:
    Scrapy spells `Etag`, servers `ETag`."""
    if not headers:
        return None, None
    items = headers.items() if hasattr(headers, "items") else headers
    found = {}
    for k, v in items:
        if isinstance(k, bytes):
            k = k.decode("latin-1")
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else None
        if isinstance(v, bytes):
            v = v.decode("latin-1")
        found[str(k).lower()] = (v or "").strip() or None
    return found.get("etag"), found.get("last-modified")


def set_document(session: Session, page_version: PageVersion, doc: CleanDocument) -> None:
    """Keep what cleaning learned about a page version: title, publication time, why it was rejected."""
    page_version.title = doc.title
    page_version.published = as_utc(doc.published, f"published of {doc.url}")
    if page_version.published is not None:
        page = session.get(Page, page_version.page_id)
        if page is not None:
            page.published = page_version.published
            session.add(page)
    page_version.published_from = doc.published_from
    page_version.encoding = doc.encoding
    page_version.script = doc.script
    page_version.text_length = len(doc.text or "")
    page_version.rejected = doc.rejected
    session.add(page_version)
    session.flush()


def to_reprocess(session: Session, extractor_version: str, source_ids: list[str] | None = None) -> list[PageVersion]:
    """The latest content version of each article page not yet recorded with `extractor_version` and not
    rejected by cleaning: what a `reprocess` with a new extractor has to read again (from the archive)."""
    from sqlalchemy import func

    from .models import Extraction

    latest = (select(PageVersion.page_id, func.max(PageVersion.id).label("pv_id"))
              .where(PageVersion.content_hash.is_not(None)).group_by(PageVersion.page_id).subquery())
    done = select(Extraction.page_version_id).where(Extraction.extractor_version == extractor_version)
    stmt = (select(PageVersion).join(latest, latest.c.pv_id == PageVersion.id)
            .join(Page, Page.id == PageVersion.page_id)
            .where(Page.kind == "article", PageVersion.rejected.is_(None), PageVersion.id.not_in(done)))
    if source_ids:
        stmt = stmt.where(Page.source_id.in_(source_ids))
    return list(session.exec(stmt.order_by(PageVersion.id)).all())


def revisit_candidates(session: Session, source_ids: Iterable[str] | None, *, scan_date: date,
                       days: int = 14) -> list[dict]:
    """Known article pages of these sources (all when None) published in the `days` days up to
    `scan_date` (Asia/Shanghai), or first seen then when their publication time is unknown, for which we
    hold a copy: what `crawlers.crawl(..., revisit=...)` fetches again conditionally. Dicts with
    source_id, url, etag, last_modified (None when the server gave none), oldest first."""
    if days < 0:
        raise ValueError(f"revisit_candidates: days must be 0 or more, got {days}")
    if not isinstance(scan_date, date) or isinstance(scan_date, datetime):
        raise TypeError(f"revisit_candidates: scan_date must be a date, got {scan_date!r}")
    start = datetime.combine(scan_date - timedelta(days=days), time(0), SHANGHAI)
    end = datetime.combine(scan_date + timedelta(days=1), time(0), SHANGHAI)
    when = func.coalesce(Page.published, Page.first_seen)
    stmt = (select(Page.source_id, Page.url, Page.etag, Page.last_modified)
            .where(Page.kind == "article", Page.content_hash.is_not(None), when >= as_utc(start),
                   when < as_utc(end))
            .order_by(when, Page.id))
    ids = list(source_ids) if source_ids is not None else None
    if ids is not None:
        if not ids:
            return []
        stmt = stmt.where(Page.source_id.in_(ids))
    return [{"source_id": s, "url": u, "etag": e, "last_modified": m} for s, u, e, m in session.exec(stmt).all()]


def last_new_article_at(session: Session, source_id: str) -> datetime | None:
    """When the source last gave an article page we did not have (its first sight), or None."""
    stmt = select(func.max(Page.first_seen)).where(Page.source_id == source_id, Page.kind == "article",
                                                  Page.content_hash.is_not(None))
    value = session.exec(stmt).first()
    if isinstance(value, str):  # SQLite's max() over a column loses its type
        return parse_utc(value)
    return as_utc(value.replace(tzinfo=value.tzinfo or timezone.utc)) if value is not None else None
