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
    health: list = field(default_factory=list)  # crawlers.health.HealthProblem (reported, not failures)
    revisited: int = 0  # known recent articles asked again conditionally

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


def process_crawl(engine, result, run_id: int | None, *, progress=None, outcomes: list | None = None) -> Tally:
    """Every page of a CrawlResult through the pipeline, each in its own transaction.

    A page that fails is reported and counted; it was not recorded, so the next run sees it as new.
    `outcomes`, when given, receives a (source_id, PageOutcome) pair per page (for record_crawl_state).
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
        if outcomes is not None:
            outcomes.append((page.source_id, outcome))
        notify("page", outcome=outcome)
    return tally


def revisit_for(engine, source_ids: list[str], scan_date: date) -> list[dict]:
    """Recent articles we hold, to be asked again with their validators (crawl(..., revisit=)): a
    revised figure is found at the cost of a 304 when nothing changed."""
    from storage.db import session_scope
    from storage.pages import revisit_candidates

    with session_scope(engine) as session:
        return revisit_candidates(session, source_ids, scan_date=scan_date)


def record_crawl_state(engine, report: ScanReport, result, outcomes: list) -> list:
    """Per-source statistics of the run (SourceScan rows) and source-health alerts (crawlers.health;
    one per source, problem kind and scan date). Returns the health problems, also kept in the report
    (their alerts join the report's alerts). The figures are already recorded: a database failure
    here is reported in the report, not raised."""
    from alerts.rules import raise_health_alerts
    from crawlers.health import assess
    from storage.db import session_scope
    from storage.pages import last_new_article_at
    from storage.runs import record_source_stats

    _, all_sources = choose_sources()
    try:
        with session_scope(engine) as session:
            run = load_run(session, report.run_id)
            record_source_stats(session, run, result.stats, outcomes)
            problems = []
            for sid in report.sources:
                problems += assess(all_sources[sid], result.stats.get(sid), scan_date=report.scan_date,
                                   last_new_article_at=last_new_article_at(session, sid))
            alerts = raise_health_alerts(session, problems, run, scan_date=report.scan_date)
            alert_ids = [a.id for a in alerts]
    except SQLAlchemyError as exc:
        log.error("could not record the crawl statistics of run %s: %s", report.run_id, exc)
        report.source_errors.append(f"database: the crawl statistics could not be recorded ({type(exc).__name__})")
        return []
    report.health = problems
    report.tally.alert_ids.extend(alert_ids)
    return problems


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
             since: date | None = None, progress=None) -> ScanReport:
    """Run one scan and return what it did. `progress(event, **info)` is told of each step.

    `since`: a backfill; list pages are followed back to that date (see crawlers.crawl)."""
    import crawlers

    notify = progress or (lambda *a, **k: None)
    chosen, _ = choose_sources(source_ids)
    ids = [s.id for s in chosen]
    report = ScanReport(begin_scan(engine, scan_date, ids), scan_date, ids)
    revisit = revisit_for(engine, ids, scan_date)
    report.revisited = len(revisit)

    notify("crawl", sources=ids)
    result = crawlers.crawl(ids, scan_date=scan_date, archive_dir=Path(archive_dir or default_archive_dir()),
                            replay=[Path(p) for p in replay] if replay else None, revisit=revisit or None,
                            since=since)
    report.source_errors = [str(e) for e in result.errors]
    notify("crawled", pages=len(result.pages), errors=report.source_errors)

    outcomes: list = []
    report.tally = process_crawl(engine, result, report.run_id, progress=progress, outcomes=outcomes)
    record_crawl_state(engine, report, result, outcomes)
    finish_scan(engine, report)
    return report

