"""The library code behind the Airflow DAGs (dags/): one function per task, small values in and out.

The DAG files stay thin and never import the pipeline at parse time; their task bodies resolve the
settings (environment, Airflow Connections and Variables, see `Settings`) and call these functions.
Only small things travel between tasks (source ids, manifest paths, the run id), never pages.

Nothing here imports Airflow: these functions run (and are tested) without it.
"""
from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from .config import SHANGHAI

log = logging.getLogger(__name__)

# Where each setting comes from, first match wins: environment variable, then the Airflow
# Variable / Connection of the same meaning (resolved in dags/_settings.py), then the default.
ENV_DB = "SHENYANG_MONITOR_DB"
ENV_CHANNELS = "SHENYANG_MONITOR_CHANNELS"
ENV_CONTACT = "SHENYANG_MONITOR_CONTACT"
ENV_ARCHIVE = "SHENYANG_MONITOR_ARCHIVE"


@dataclass
class Settings:
    """What a task needs to know about the deployment. `channels` is the apprise channel list in the
    `name=url;name=url` form of alerts.channels.channels_from_env (URLs may hold secrets: never logged)."""

    db_url: str | None = None
    channels: str = ""
    contact: str | None = None
    archive_dir: str | None = None
    replay: list[str] = field(default_factory=list)

    def apply(self) -> None:
        """Export the settings the crawl child process reads (its user agent's contact address)."""
        if self.contact:
            os.environ[ENV_CONTACT] = self.contact

    def archive(self) -> Path:
        from .config import archive_dir

        return Path(self.archive_dir) if self.archive_dir else archive_dir()


def engine_for(settings: Settings):
    """An engine on the project's database, migrated to the latest revision (as the CLI does; the
    migration takes a lock, so tasks starting together on PostgreSQL do not migrate twice)."""
    from storage.db import make_engine, upgrade

    engine = make_engine(settings.db_url)
    try:
        upgrade(engine=engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def scan_date_of(logical_date: datetime | None, run_after: datetime | None = None) -> date:
    """The scan date of a DAG run: the Asia/Shanghai day of its logical date (a manual run without a
    logical date: of the time it was triggered for)."""
    when = logical_date or run_after
    if when is None:
        raise ValueError("a DAG run needs a logical date or a run_after time to have a scan date")
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(SHANGHAI).date()


def replay_paths(value) -> list[str]:
    """The `replay` param or Variable: a list of WARC paths (or one path, or a JSON list as text).
    Every file must exist: a mistyped replay must not turn into a live crawl or an empty run."""
    import json

    if value in (None, "", []):
        return []
    if isinstance(value, str):
        value = json.loads(value) if value.strip().startswith("[") else [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"replay: expected a list of WARC paths, got {value!r}")
    missing = [v for v in value if not Path(v).is_file()]
    if missing:
        raise FileNotFoundError(f"replay: no such WARC file(s): {', '.join(missing)}")
    return [str(Path(v).resolve()) for v in value]


# --- shenyang_daily_scan ------------------------------------------------------------------------

def list_sources(source_ids: list[str] | None = None) -> list[str]:
    """The ids to scan: the enabled sources, or those asked for (unknown ids are a ValueError)."""
    from .scan import choose_sources

    chosen, _ = choose_sources(list(source_ids) if source_ids else None)
    if not chosen:
        raise ValueError("no source to scan: none is enabled in crawlers/sources.toml and none was asked for")
    return [s.id for s in chosen]


def open_run(settings: Settings, scan_date: date, source_ids: list[str], run_key: str) -> int:
    """The project's Run row for this DAG run: made once, found again when the DAG run (same logical
    date) is cleared and re-run, so a re-run does not add a second Run."""
    from sqlmodel import select

    from storage.db import session_scope
    from storage.models import Run

    from .scan import begin_scan

    engine = engine_for(settings)
    try:
        with session_scope(engine) as session:
            for run in session.exec(select(Run).where(Run.kind == "scan", Run.scan_date == scan_date)
                                    .order_by(Run.id)).all():
                if (run.stats or {}).get("airflow_run") == run_key:
                    log.info("re-run of %s: continuing the project's run %s", run_key, run.id)
                    return run.id
        run_id = begin_scan(engine, scan_date, source_ids)
        _merge_stats(engine, run_id, {"airflow_run": run_key})
        log.info("run %s opened for %s (%s), sources %s", run_id, scan_date, run_key, ", ".join(source_ids))
        return run_id
    finally:
        engine.dispose()


class SourceCrawlFailed(RuntimeError):
    """A source's crawl reported errors; raised so that Airflow retries it with backoff."""


def crawl_source(settings: Settings, source_id: str, scan_date: date, *, timeout: float = 600) -> dict:
    """Crawl one source in its own process (crawlers.crawl); returns {source, manifest, pages}.

    A source that reports errors raises SourceCrawlFailed (Airflow retries it; the pages of a failed
    attempt stay in the archive and are fetched again by the retry)."""
    import crawlers

    from .scan import revisit_for

    settings.apply()
    engine = engine_for(settings)
    try:  # known recent articles are asked again conditionally: a revision is caught, a 304 costs little
        revisit = revisit_for(engine, [source_id], scan_date)
    finally:
        engine.dispose()
    result = crawlers.crawl([source_id], scan_date=scan_date, archive_dir=settings.archive(),
                            replay=[Path(p) for p in settings.replay] or None, timeout=timeout,
                            revisit=revisit or None)
    errors = [str(e) for e in result.errors]
    if errors:
        raise SourceCrawlFailed(f"{source_id}: {len(errors)} error(s): {'; '.join(errors)[:1000]} "
                                f"(crawl log: {result.log_path})")
    log.info("%s: %d pages fetched (manifest %s)", source_id, len(result.pages), result.manifest_path)
    return {"source": source_id, "manifest": str(result.manifest_path), "pages": len(result.pages)}


def process_crawls(settings: Settings, run_id: int, scan_date: date, source_ids: list[str],
                   crawls: list[dict]) -> dict:
    """Clean, extract and record what the crawls fetched (crawls: the crawl_source results that
    arrived; a source without one failed). Records each source's statistics and health, finishes the
    Run, and returns a small summary for the report.

    Idempotent: the store skips a page whose content it already holds, the same figures recorded
    again change nothing, an alert is unique per change and a health alert per source, kind and day."""
    from crawlers import read_manifest
    from storage.db import session_scope
    from storage.models import Run

    from .scan import ScanReport, finish_scan, process_crawl, record_crawl_state

    crawls = [c for c in crawls if c]  # failed map indexes leave no result
    arrived = {c["source"] for c in crawls}
    report = ScanReport(run_id, scan_date, list(source_ids))
    report.source_errors = [f"{sid}: crawl failed (see the Airflow log of its crawl task)"
                            for sid in source_ids if sid not in arrived]
    per_source: dict[str, dict] = {}
    engine = engine_for(settings)
    try:
        health_alerts = 0
        for c in crawls:
            # The same steps as run_scan, one source at a time: its pages, then its statistics and health.
            sid = c["source"]
            result = read_manifest(c["manifest"])
            part = ScanReport(run_id, scan_date, [sid], source_errors=[str(e) for e in result.errors])
            outcomes: list = []
            part.tally = process_crawl(engine, result, run_id, outcomes=outcomes)
            problems = record_crawl_state(engine, part, result, outcomes)
            health_alerts += len(problems)
            _add(report.tally, part.tally)
            report.source_errors += part.source_errors
            per_source[sid] = {"pages": dict(part.tally.pages), "figures": part.tally.figures,
                               "changes": dict(part.tally.changes), "alerts": len(part.tally.alert_ids),
                               "health": [f"{p.kind}: {p.message}" for p in problems]}
        with session_scope(engine) as session:  # finish_scan replaces the stats: keep what Airflow added
            before = session.get(Run, run_id).stats or {}
            kept = {k: before[k] for k in ("airflow_run", "task_failures") if k in before}
        finish_scan(engine, report)
        _merge_stats(engine, run_id, kept | {"airflow_per_source": per_source})
    finally:
        engine.dispose()
    return {"run_id": run_id, "scan_date": scan_date.isoformat(), "sources": per_source,
            "source_errors": report.source_errors, "pages": dict(report.tally.pages),
            "figures": report.tally.figures, "changes": dict(report.tally.changes),
            "alerts": len(report.tally.alert_ids), "health_alerts": health_alerts,
            "problems": report.tally.problems[:20], "failed": report.failed}


def _add(total, part) -> None:
    total.pages.update(part.pages)
    total.figures += part.figures
    total.changes.update(part.changes)
    total.alert_ids.extend(part.alert_ids)
    total.problems.extend(part.problems)


def _merge_stats(engine, run_id: int, extra: dict) -> None:
    from storage.db import session_scope
    from storage.models import Run

    with session_scope(engine) as session:
        run = session.get(Run, run_id, with_for_update=True)
        if run is None:
            raise ValueError(f"no run {run_id} in the project's database")
        run.stats = dict(run.stats or {}) | extra
        session.add(run)


def deliver_alerts(settings: Settings, *, broadcast: bool = False) -> dict:
    """Send pending alerts through the configured channels (alerts.channels.deliver). With no
    channel configured, says so and succeeds. A channel that fails raises after the others were tried."""
    from alerts.channels import channels_from_env, deliver

    channels = channels_from_env(settings.channels or "")
    if not channels:
        log.warning("no alert channel configured (%s or the Airflow Variable shenyang_monitor_channels): "
                    "alerts stay in the database only", ENV_CHANNELS)
        return {"channels": [], "sent": {}, "failed": {}, "errors": []}
    engine = engine_for(settings)
    try:
        rep = deliver(engine, channels, broadcast=broadcast)
    finally:
        engine.dispose()
    out = {"channels": [c.name for c in channels], "sent": dict(rep.sent), "failed": dict(rep.failed),
           "errors": rep.errors}
    log.info("delivery: %s", out)
    if rep.failed:
        raise RuntimeError(f"alert delivery failed on {', '.join(rep.failed)}: {'; '.join(rep.errors)[:1000]} "
                           "(the failed deliveries are retried by the next run)")
    return out


class ScanFailed(RuntimeError):
    """The run report of a scan where a source (or the processing) failed."""


def run_report(summary: dict | None, delivery: dict | None, source_ids: list[str]) -> str:
    """The run's report for people (what each source did, its health); raises ScanFailed after
    logging it when a source or the processing failed, so that the DAG run fails visibly."""
    if summary is None:
        raise ScanFailed("the processing task did not finish: nothing of this run was recorded "
                         "(see the log of `process`)")
    lines = [f"Scan of {summary['scan_date']} (project run {summary['run_id']}): "
             f"{sum(summary['pages'].values())} pages, {summary['figures']} figures, "
             f"{summary['alerts']} alerts, {summary['health_alerts']} source-health alerts"]
    for sid in source_ids:
        s = summary["sources"].get(sid)
        if s is None:
            lines.append(f"  {sid}: FAILED (its crawl did not complete)")
            continue
        health = "; ".join(s["health"]) or "healthy"
        lines.append(f"  {sid}: pages {s['pages']}, figures {s['figures']}, changes {s['changes']}, "
                     f"alerts {s['alerts']}; health: {health}")
    for err in summary["source_errors"]:
        lines.append(f"  error: {err}")
    for problem in summary.get("problems", []):
        lines.append(f"  page: {problem}")
    if delivery is None:
        lines.append("  delivery: did not finish (see the log of `deliver`)")
    elif delivery["channels"]:
        lines.append(f"  delivery: sent {delivery['sent']}, failed {delivery['failed']}")
    else:
        lines.append("  delivery: no channel configured")
    text = "\n".join(lines)
    log.info("%s", text)
    if summary["failed"] or summary["source_errors"]:
        raise ScanFailed(f"{len(summary['source_errors'])} source error(s), {summary['pages'].get('failed', 0)} "
                         f"page(s) failed; what arrived was recorded.\n{text}")
    if delivery is None:
        raise ScanFailed(f"alert delivery failed.\n{text}")
    return text


# --- shenyang_reprocess -------------------------------------------------------------------------

def reprocess_archive(settings: Settings, *, since: date | None = None, until: date | None = None,
                      source_ids: list[str] | None = None) -> dict:
    """Re-extract archived pages (fetched from `since` to `until`, inclusive, Asia/Shanghai days)
    with the current extractor, without fetching."""
    from datetime import time, timedelta

    from .reprocess import reprocess

    if since and until and until < since:
        raise ValueError(f"reprocess: until ({until}) is before since ({since})")
    start = datetime.combine(since, time(), SHANGHAI).astimezone(timezone.utc) if since else None
    end = datetime.combine(until + timedelta(days=1), time(), SHANGHAI).astimezone(timezone.utc) if until else None
    engine = engine_for(settings)
    try:
        tally = reprocess(engine, since=start, until=end, source_ids=source_ids or None)
    finally:
        engine.dispose()
    out = tally.stats()
    log.info("reprocess %s..%s %s: %s", since, until, source_ids or "all sources", out)
    if tally.pages.get("failed"):
        raise RuntimeError(f"reprocess: {tally.pages['failed']} page(s) failed: {out['problems'][:5]}")
    return out


# --- shenyang_alert_digest ----------------------------------------------------------------------

def send_digests(settings: Settings, now: datetime | None = None) -> dict:
    """The daily digests that are due (alerts.digest.send_digests; idempotent per subscription and day)."""
    from alerts.channels import channels_from_env

    try:
        from alerts.digest import send_digests as _send_digests
    except ImportError as exc:
        raise RuntimeError(f"digests not available: alerts.digest.send_digests cannot be imported ({exc})") from exc
    channels = channels_from_env(settings.channels or "")
    if not channels:
        log.warning("no alert channel configured: digests cannot be sent (they will be once one is)")
    engine = engine_for(settings)
    try:
        rep = _send_digests(engine, now, channels)
    finally:
        engine.dispose()
    out = {"sent": dict(rep.sent), "alerts": rep.alerts, "empty": rep.empty, "failed": dict(rep.failed),
           "errors": rep.errors}
    log.info("digests: %s", out)
    if rep.failed:
        raise RuntimeError(f"digest delivery failed: {'; '.join(rep.errors)[:1000]}")
    return out


# --- failures ------------------------------------------------------------------------------------

@dataclass
class TaskFailure:
    dag_id: str
    task_id: str
    run_id: str
    map_index: int
    try_number: int
    error: str
    log_url: str | None = None

    def text(self) -> str:
        where = f"{self.dag_id}.{self.task_id}" + (f"[{self.map_index}]" if self.map_index >= 0 else "")
        return (f"Airflow task {where} failed for good (run {self.run_id}, try {self.try_number}): "
                f"{self.error}" + (f"\nLog: {self.log_url}" if self.log_url else ""))


def report_failure(settings: Settings, failure: TaskFailure, project_run_id: int | None = None) -> list[str]:
    """Tell the analysts' channels that a task failed for good, and record it in the project's
    database (the Run's stats under `task_failures`, or a Run of kind `airflow_failure` when the
    scan's Run is unknown). Returns the problems met; never raises (it runs inside a failure callback)."""
    problems: list[str] = []
    title = f"沈阳指标监测：任务失败 {failure.dag_id}.{failure.task_id}"
    body = failure.text()
    try:
        from alerts.channels import _notifier, _send, channels_from_env

        channels = channels_from_env(settings.channels or "")
        if not channels:
            log.warning("no alert channel configured: the failure of %s.%s is only in Airflow and the database",
                        failure.dag_id, failure.task_id)
        for ch in channels:
            error = _send(_notifier(ch), title, body)
            if error:
                problems.append(f"{ch.name}: {error}")
    except Exception as exc:  # a broken channel must not hide the failure record below
        problems.append(f"channels: {type(exc).__name__}: {exc}")
    try:
        from storage.db import session_scope
        from storage.models import Run
        from storage.runs import finish_run, start_run

        engine = engine_for(settings)
        try:
            with session_scope(engine) as session:
                run = (session.get(Run, project_run_id, with_for_update=True)  # concurrent failures: no lost update
                       if project_run_id is not None else None)
                if run is None:
                    run = start_run(session, "airflow_failure", None, [])
                    finish_run(session, run, "failed", {})
                stats = dict(run.stats or {})
                stats["task_failures"] = list(stats.get("task_failures", [])) + [asdict(failure)]
                run.stats = stats
                session.add(run)
        finally:
            engine.dispose()
    except Exception as exc:  # the database may be what failed: the channels above still heard it
        problems.append(f"database: {type(exc).__name__}: {exc}")
    for p in problems:
        log.error("reporting the failure of %s.%s: %s", failure.dag_id, failure.task_id, p)
    return problems
