"""The daily scan: crawl (in its own process) → archive → clean → extract → record → alert.

`run_scan` does it all in one call (the CLI). Its steps are public so that Airflow can run them as
separate tasks: `begin_scan` (a Run row), `crawlers.crawl` per source, `process_crawl` (the pages a
crawl fetched, one transaction each), `finish_scan` (the run's statistics).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from .config import archive_dir as default_archive_dir
from .pipeline import Tally, failed_outcome, load_run, process_page

log = logging.getLogger(__name__)


@dataclass
class ScanReport:
    run_id: int | None
    scan_date: date
    sources: list[str]
    tally: Tally = field(default_factory=Tally)
    source_errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.source_errors) or self.tally.pages.get("failed", 0) > 0

    @property
    def exit_code(self) -> int:
        """0: all went well; 1: some source or page failed (what succeeded is kept)."""
        return 1 if self.failed else 0


def choose_sources(source_ids: list[str] | None = None) -> tuple[list, dict]:
    """(the sources to scan, all configured sources by id). Unknown ids are a ValueError."""
    from crawlers.sources import load_sources

    all_sources = {s.id: s for s in load_sources()}
    unknown = [s for s in (source_ids or []) if s not in all_sources]
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(all_sources)}")
    chosen = [all_sources[s] for s in source_ids] if source_ids else [s for s in all_sources.values() if s.enabled]
    return chosen, all_sources


def begin_scan(engine, scan_date: date, source_ids: list[str], *, kind: str = "scan") -> int:
    """Sync sources and the indicator catalogue, open a Run row; returns its id."""
    from crawlers.sources import load_sources
    from storage.db import session_scope
    from storage.indicators import sync_catalogue
    from storage.pages import sync_sources
    from storage.runs import start_run

    with session_scope(engine) as session:
        sync_sources(session, load_sources())
        sync_catalogue(session)  # so that series/search find every alias, in either script
        return start_run(session, kind, scan_date, source_ids).id


def process_crawl(engine, result, run_id: int | None, *, progress=None) -> Tally:
    """Every page of a CrawlResult through the pipeline, each in its own transaction.

    A page that fails is reported and counted; it was not recorded, so the next run sees it as new.
    """
    from crawlers.archive import read_response
    from crawlers.sources import load_sources
    from storage.db import session_scope

    notify = progress or (lambda *a, **k: None)
    sources = {s.id: s for s in load_sources()}
    tally = Tally()
    for page in result.pages:
        try:
            body = None
            if page.warc_path and not page.error:
                archived = read_response(page.warc_path, page.warc_offset)
                body, page.meta["headers"] = archived.body, archived.headers
            with session_scope(engine) as session:
                outcome = process_page(session, page, body, source=sources[page.source_id],
                                       run=load_run(session, run_id))
        except Exception as exc:  # one bad page must not stop the scan; it is reported and counted
            outcome = failed_outcome(page.url, exc)
        tally.add(outcome)
        notify("page", outcome=outcome)
    return tally


def finish_scan(engine, report: ScanReport) -> None:
    """Record the run's end and statistics; a lost database is reported in the report, not raised."""
    from storage.db import session_scope
    from storage.runs import finish_run

    status = "failed" if report.failed else "ok"
    stats = report.tally.stats() | {"source_errors": report.source_errors}
    try:
        with session_scope(engine) as session:
            finish_run(session, load_run(session, report.run_id), status, stats)
    except SQLAlchemyError as exc:
        # The database went away: the pages recorded so far are kept, the others are in the archive
        # and will be seen as new by the next scan. Say so rather than fail without a summary.
        log.error("could not record the end of run %s: %s", report.run_id, exc)
        report.source_errors.append(f"database: the run's end could not be recorded ({type(exc).__name__})")


def run_scan(engine, *, source_ids: list[str] | None = None, scan_date: date,
             replay: list[Path] | None = None, archive_dir: Path | None = None,
             progress=None) -> ScanReport:
    """Run one scan and return what it did. `progress(event, **info)` is told of each step."""
    import crawlers

    notify = progress or (lambda *a, **k: None)
    chosen, _ = choose_sources(source_ids)
    ids = [s.id for s in chosen]
    report = ScanReport(begin_scan(engine, scan_date, ids), scan_date, ids)

    notify("crawl", sources=ids)
    result = crawlers.crawl(ids, scan_date=scan_date, archive_dir=Path(archive_dir or default_archive_dir()),
                            replay=[Path(p) for p in replay] if replay else None)
    report.source_errors = [str(e) for e in result.errors]
    notify("crawled", pages=len(result.pages), errors=report.source_errors)

    report.tally = process_crawl(engine, result, report.run_id, progress=progress)
    finish_scan(engine, report)
    return report
