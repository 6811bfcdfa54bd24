"""Run rows: one per scan (or ingest, reprocess), with what it did."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from sqlmodel import Session

from .models import Run
from .types import utcnow

STATUSES = ("running", "ok", "failed")


def start_run(session: Session, kind: str, scan_date: date | None, sources: Iterable[str]) -> Run:
    if not kind:
        raise ValueError("start_run: kind is required (scan, ingest, reprocess, …)")
    run = Run(kind=kind, scan_date=scan_date, sources=[str(s) for s in sources], started_at=utcnow())
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run: Run, status: str, stats: dict) -> Run:
    if status not in STATUSES[1:]:
        raise ValueError(f"finish_run: status must be one of {', '.join(STATUSES[1:])}, got {status!r}")
    if run is None:
        raise ValueError("finish_run: no run given")
    run.status = status
    run.stats = dict(stats or {})
    run.finished_at = utcnow()
    session.add(run)
    session.flush()
    return run


def _source_of(outcome) -> tuple[str | None, object]:
    """(source_id, outcome) from a (source_id, outcome) pair or an object with source_id."""
    if isinstance(outcome, tuple) and len(outcome) == 2:
        return outcome[0], outcome[1]
    return getattr(outcome, "source_id", None), outcome


def record_source_stats(session: Session, run: Run | int, stats: dict, outcomes: Iterable = ()) -> list:
    """One SourceScan row per source of the run: the crawl's statistics (crawlers.stats.SourceStats or
    its dict) and what became of the pages (`outcomes`: (source_id, PageOutcome) pairs, or objects with
    source_id, url and status). A page with new content is `new` when it is its first content and
    `changed` otherwise. Recording the same run and source again replaces the row."""
    from sqlmodel import select

    from .models import Page, PageVersion, SourceScan

    run_row = session.get(Run, run) if isinstance(run, int) else run
    if run_row is None or run_row.id is None:
        raise ValueError(f"record_source_stats: unknown run {run!r}")
    per: dict[str, dict] = {}
    for sid, st in (stats or {}).items():
        d = st.to_dict() if hasattr(st, "to_dict") else dict(st)
        per.setdefault(sid, {})["stats"] = d
    for item in outcomes or ():
        sid, out = _source_of(item)
        if not sid:
            raise ValueError(f"record_source_stats: an outcome without its source: {item!r}")
        counts = per.setdefault(sid, {}).setdefault("pages", {"new": 0, "changed": 0, "unchanged": 0, "failed": 0,
                                                              "figures": 0})
        status = getattr(out, "status", None)
        counts["figures"] += getattr(out, "figures", 0) or 0
        if status in ("unchanged", "failed"):
            counts[status] += 1
        elif status in ("new", "rejected"):  # new content (rejected: new content without figures)
            page = session.exec(select(Page.id).where(Page.url == out.url)).first()
            n = 0 if page is None else len(session.exec(select(PageVersion.id).where(
                PageVersion.page_id == page, PageVersion.content_hash.is_not(None))).all())
            counts["changed" if n > 1 else "new"] += 1
    rows = []
    for sid, parts in per.items():
        st, pages = parts.get("stats", {}), parts.get("pages", {})
        req = st.get("requests", {})
        row = session.exec(select(SourceScan).where(SourceScan.run_id == run_row.id,
                                                    SourceScan.source_id == sid)).first()
        row = row or SourceScan(run_id=run_row.id, source_id=sid)
        row.scan_date = run_row.scan_date
        for cls in ("2xx", "3xx", "4xx", "5xx", "failed", "ignored"):
            setattr(row, f"requests_{cls}", int(req.get(cls, 0)))
        for k in ("retries", "list_pages", "article_pages", "new_article_links", "parse_failures", "bytes"):
            setattr(row, k, int(st.get(k, 0) or 0))
        empty = st.get("empty_list_pages", 0)
        row.empty_list_pages = len(empty) if isinstance(empty, (list, tuple)) else int(empty or 0)
        row.seconds = float(st.get("seconds", 0.0) or 0.0)
        row.articles_new, row.articles_changed = pages.get("new", 0), pages.get("changed", 0)
        row.articles_unchanged, row.pages_failed = pages.get("unchanged", 0), pages.get("failed", 0)
        row.figures = pages.get("figures", 0)
        row.recorded_at = utcnow()
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def source_history(session: Session, source_id: str, limit: int = 30) -> list:
    """The latest SourceScan rows of one source, newest first (for health checks and reports)."""
    from sqlmodel import select

    from .models import SourceScan

    stmt = (select(SourceScan).where(SourceScan.source_id == source_id)
            .order_by(SourceScan.run_id.desc()).limit(limit))
    return list(session.exec(stmt).all())
