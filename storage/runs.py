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
