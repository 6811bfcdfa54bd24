"""The daily scan: crawl (in its own process) → archive → clean → extract → record → alert."""
from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

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


def run_scan(engine, *, source_ids: list[str] | None = None, scan_date: date,
             replay: list[Path] | None = None, archive_dir: Path | None = None,
             progress=None) -> ScanReport:
    """Run one scan and return what it did. `progress(event, **info)` is told of each step."""
    import crawlers
    from crawlers.archive import read_response
    from crawlers.sources import load_sources
    from storage.db import session_scope
    from storage.indicators import sync_catalogue
    from storage.pages import sync_sources
    from storage.runs import finish_run, start_run

    notify = progress or (lambda *a, **k: None)
    all_sources = {s.id: s for s in load_sources()}
    unknown = [s for s in (source_ids or []) if s not in all_sources]
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(all_sources)}")
    chosen = [all_sources[s] for s in source_ids] if source_ids else [s for s in all_sources.values() if s.enabled]
    ids = [s.id for s in chosen]
    with session_scope(engine) as session:
        sync_sources(session, all_sources.values())
        sync_catalogue(session)  # so that series/search find every alias, in either script
        run = start_run(session, "scan", scan_date, ids)
        run_id = run.id
    report = ScanReport(run_id, scan_date, ids)

    notify("crawl", sources=ids)
    result = crawlers.crawl(ids, scan_date=scan_date, archive_dir=Path(archive_dir or default_archive_dir()),
                            replay=[Path(p) for p in replay] if replay else None)
    report.source_errors = [str(e) for e in result.errors]
    notify("crawled", pages=len(result.pages), errors=report.source_errors)

    for page in result.pages:
        source = all_sources[page.source_id]
        try:
            body = None
            if page.warc_path and not page.error:
                archived = read_response(page.warc_path, page.warc_offset)
                body, page.meta["headers"] = archived.body, archived.headers
            with session_scope(engine) as session:
                run = load_run(session, run_id)
                outcome = process_page(session, page, body, source=source, run=run)
        except Exception as exc:  # one bad page must not stop the scan; it is reported and counted
            outcome = failed_outcome(page.url, exc)
        report.tally.add(outcome)
        notify("page", outcome=outcome)

    status = "failed" if report.failed else "ok"
    stats = report.tally.stats() | {"source_errors": report.source_errors}
    try:
        with session_scope(engine) as session:
            finish_run(session, load_run(session, run_id), status, stats)
    except SQLAlchemyError as exc:
        # The database went away: the pages recorded so far are kept, the others are in the archive
        # and will be seen as new by the next scan. Say so rather than fail without a summary.
        log.error("could not record the end of run %s: %s", run_id, exc)
        report.source_errors.append(f"database: the run's end could not be recorded ({type(exc).__name__})")
    return report

