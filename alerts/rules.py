"""Changes → alert rows (the ledger). Channels read the ledger later; nothing is sent from here."""
from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import CONFLICT, NEW, REVISED, Alert, Run
from storage.series import VersionChange

log = logging.getLogger(__name__)

# Extractor changes, confirmations, stale and retracted reports are recorded but alert nobody by default.
ALERTING = (NEW, REVISED, CONFLICT)


def raise_alerts(session: Session, changes: list[VersionChange], run: Run | int | None = None, *,
                 types: tuple[str, ...] = ALERTING) -> list[Alert]:
    """One Alert per alerting change, in the caller's transaction; returns the alerts created now.

    Idempotent: a change that already has its alert (same version, same type) gives nothing new; the
    unique constraint on (version_id, type) backs this up against a concurrent writer."""
    run_id = run.id if isinstance(run, Run) else run
    created: list[Alert] = []
    for c in changes:
        if c.change not in types:
            continue
        if c.version_id is None or c.observation_id is None or c.series is None:
            raise ValueError(f"raise_alerts: a {c.change} change without its stored version: {c!r}")
        exists = session.exec(select(Alert.id).where(Alert.version_id == c.version_id, Alert.type == c.change)).first()
        if exists is not None:
            continue
        alert = Alert(type=c.change, observation_id=c.observation_id, version_id=c.version_id,
                      old_version_id=c.old_version_id if c.change in (REVISED, CONFLICT) else None, run_id=run_id,
                      indicator=c.series.indicator, region=c.series.region, period=c.period, value=c.new_value,
                      unit=c.unit, qualifier=c.qualifier, old_value=c.old_value, old_unit=c.old_unit,
                      source_id=c.source_id)
        try:
            with session.begin_nested():
                session.add(alert)
        except IntegrityError:
            log.info("alert for version %s (%s) already written by another process", c.version_id, c.change)
            continue
        created.append(alert)
    session.flush()
    return created
