"""`ingest`: saved pages (HTML files or WARC archives) through the same pipeline as crawled ones.

A plain file is first written into a WARC of its own under the archive dir (a synthesized 200
response, marked `WARC-Ingested-From`), so that every page row points at an archive record and
`reprocess` can find it again, whatever happens to the original file.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from crawlers.archive import ArchiveError, ArchiveWriter, archive_path_for, iter_responses, sha256
from crawlers.items import FetchedPage

from . import config
from .pipeline import PageOutcome, failed_outcome, process_page

@dataclass
class IngestResult:
    path: Path
    url: str | None
    status: str  # new | unchanged | list | rejected | failed
    detail: str | None = None
    figures: int = 0
    alerts: int = 0


def _is_warc(path: Path) -> bool:
    return path.name.endswith((".warc", ".warc.gz"))


def ingest_paths(engine, paths: list[Path], *, source_id: str, url: str | None = None,
                 published: date | None = None) -> list[IngestResult]:
    """Process each path on its own; one result per page (a WARC gives one per response)."""
    from crawlers.sources import load_sources
    from storage.db import session_scope
    from storage.indicators import sync_catalogue
    from storage.pages import sync_sources

    sources = {s.id: s for s in load_sources()}
    if source_id not in sources:
        raise ValueError(f"unknown source {source_id!r}; known: {', '.join(sources)}")
    if url and len(paths) > 1:
        raise ValueError("--url names one page: give it with a single file")
    source = sources[source_id]
    with session_scope(engine) as session:
        sync_sources(session, sources.values())
        sync_catalogue(session)
    hint = datetime.combine(published, time(0), tzinfo=config.SHANGHAI) if published else None

    results: list[IngestResult] = []
    writer: ArchiveWriter | None = None
    try:
        for path in paths:
            if not path.is_file():
                results.append(IngestResult(path, None, "failed", "no such file"))
                continue
            if _is_warc(path):
                results.extend(_ingest_warc(engine, path, source, hint))
                continue
            body = path.read_bytes()
            if not body:
                # Nothing to archive or read: say so rather than record an empty page.
                results.append(IngestResult(path, None, "failed", "empty file (0 bytes)"))
                continue
            if writer is None:
                writer = ArchiveWriter(archive_path_for(config.archive_dir(), f"ingest-{source_id}"))
            page_url = url or path.resolve().as_uri()
            offset = writer.write_response(page_url, 200, [], body,
                                           extra={"WARC-Ingested-From": str(path.resolve())})
            page = FetchedPage(source_id=source_id, url=page_url, kind="article", status=200,
                               fetched_at=config.utcnow().isoformat(), warc_path=str(writer.path),
                               warc_offset=offset, content_hash=sha256(body))
            results.append(_process(engine, path, page, body, source, hint))
    finally:
        if writer is not None:
            writer.close()
    return results


def _ingest_warc(engine, path: Path, source, hint) -> list[IngestResult]:
    results = []
    try:
        for resp in iter_responses(path):
            page = FetchedPage(source_id=source.id, url=resp.url, kind="article", status=resp.status,
                               fetched_at=(resp.date or config.utcnow()).isoformat(), warc_path=str(path.resolve()),
                               warc_offset=resp.offset, content_hash=resp.content_hash,
                               content_type=resp.content_type, meta={"headers": resp.headers})
            results.append(_process(engine, path, page, resp.body, source, hint))
    except (ArchiveError, OSError, ValueError) as exc:  # a damaged archive: keep what was read, say where it broke
        results.append(IngestResult(path, None, "failed", f"unreadable WARC: {exc}"))
    return results


def _process(engine, path: Path, page: FetchedPage, body: bytes, source, hint) -> IngestResult:
    from storage.db import session_scope

    try:
        with session_scope(engine) as session:
            outcome: PageOutcome = process_page(session, page, body, source=source, published_hint=hint)
    except Exception as exc:  # one bad page is reported; the next file still goes through
        outcome = failed_outcome(page.url, exc)
    return IngestResult(path, page.url, outcome.status, outcome.detail, outcome.figures, len(outcome.alert_ids))
