"""Sources, pages and page versions: what was fetched, when, and whether its content changed."""
from __future__ import annotations

import logging
from typing import Iterable

from sqlmodel import Session, select

from crawlers.items import FetchedPage
from extract.document import CleanDocument

from .models import Page, PageVersion, Source
from .types import as_utc, parse_utc

log = logging.getLogger(__name__)


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


def latest_content(session: Session, page_id: int) -> PageVersion | None:
    """The page's latest version that has content (failed fetches are skipped)."""
    stmt = (select(PageVersion).where(PageVersion.page_id == page_id, PageVersion.content_hash.is_not(None))
            .order_by(PageVersion.fetched_at.desc(), PageVersion.id.desc()).limit(1))
    return session.exec(stmt).first()


def record_fetch(session: Session, page: FetchedPage) -> PageVersion | None:
    """Record one fetch. Returns the new PageVersion when the content is new, else None.

    None means: the fetch failed (kept as a version row with its error, so that it can be reported and
    retried), the server answered 304 Not Modified, or the body hashes like the latest content.
    """
    get_source(session, page.source_id)
    fetched_at = parse_utc(page.fetched_at, f"fetched_at of {page.url}")
    if fetched_at is None:
        raise ValueError(f"fetched page {page.url} has no fetched_at")
    row = session.exec(select(Page).where(Page.url == page.url)).first()
    if row is None:
        row = Page(url=page.url, source_id=page.source_id, kind=page.kind or "article", first_seen=fetched_at)
        session.add(row)
        session.flush()
    row.last_fetched_at = fetched_at
    row.last_status = page.status

    failed = bool(page.error) or page.status >= 400 or (page.status != 304 and not page.content_hash)
    if failed:
        error = page.error or (f"HTTP {page.status}" if page.status >= 400 else "no content hash")
        session.add(PageVersion(page_id=row.id, fetched_at=fetched_at, status=page.status, error=error,
                                warc_path=page.warc_path, warc_offset=page.warc_offset,
                                content_type=page.content_type))
        session.flush()
        log.info("fetch of %s failed: %s", page.url, error)
        return None
    if page.status == 304:
        return None
    latest = latest_content(session, row.id)
    if latest is not None and latest.content_hash == page.content_hash:
        return None
    version = PageVersion(page_id=row.id, content_hash=page.content_hash, fetched_at=fetched_at,
                          status=page.status, warc_path=page.warc_path, warc_offset=page.warc_offset,
                          content_type=page.content_type)
    session.add(version)
    session.flush()
    return version


def set_document(session: Session, page_version: PageVersion, doc: CleanDocument) -> None:
    """Keep what cleaning learned about a page version: title, publication time, why it was rejected."""
    page_version.title = doc.title
    page_version.published = as_utc(doc.published, f"published of {doc.url}")
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
