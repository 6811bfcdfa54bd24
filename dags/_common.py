"""What the DAG files share: settings from the environment, Airflow Connections and Variables, the
failure callback. Cheap to import (no pipeline code); the pipeline is imported inside task bodies."""
from __future__ import annotations

import logging
import os
from datetime import timedelta

log = logging.getLogger(__name__)

# Airflow Variables and the Connection the deployment may set (the environment wins over them):
#   connection shenyang_monitor_db       the project's database (else $SHENYANG_MONITOR_DB, else SQLite)
#   variable shenyang_monitor_channels   apprise channels, "name=url;name=url" (else $SHENYANG_MONITOR_CHANNELS)
#   variable shenyang_monitor_contact    contact address in the crawler's user agent (else $SHENYANG_MONITOR_CONTACT)
#   variable shenyang_monitor_archive    WARC archive directory (else $SHENYANG_MONITOR_ARCHIVE, else data/archive)
#   variable shenyang_monitor_replay     JSON list of WARC files to replay instead of fetching (tests, demo)
CONN_DB = "shenyang_monitor_db"
VARIABLES = {"channels": "shenyang_monitor_channels", "contact": "shenyang_monitor_contact",
             "archive_dir": "shenyang_monitor_archive", "replay": "shenyang_monitor_replay"}
ENV = {"db_url": "SHENYANG_MONITOR_DB", "channels": "SHENYANG_MONITOR_CHANNELS",
       "contact": "SHENYANG_MONITOR_CONTACT", "archive_dir": "SHENYANG_MONITOR_ARCHIVE"}


def _variable(name: str):
    from airflow.sdk import Variable

    try:
        return Variable.get(name, default=None)
    except Exception as exc:  # no metadata access (a plain import): the environment still applies
        log.debug("variable %s not readable: %s", name, exc)
        return None


def _db_url() -> str | None:
    if os.environ.get(ENV["db_url"]):
        return os.environ[ENV["db_url"]]
    from airflow.sdk import Connection

    try:
        return Connection.get(CONN_DB).get_uri()
    except Exception:  # not defined: the project's default (see storage.db.database_url)
        return None


def settings(replay=None):
    """tasks.Settings for this task: the environment first, then Connections and Variables.
    `replay` (a DAG param) wins over the Variable."""
    from shenyang_monitor.tasks import Settings, replay_paths

    values = {k: os.environ.get(ENV[k]) or _variable(VARIABLES[k]) for k in ("channels", "contact", "archive_dir")}
    replay = replay or _variable(VARIABLES["replay"])
    return Settings(db_url=_db_url(), channels=values["channels"] or "", contact=values["contact"],
                    archive_dir=values["archive_dir"], replay=replay_paths(replay))


def on_failure(context) -> None:
    """A task failed for good: the analysts' channels hear it, and the project's database records it."""
    from shenyang_monitor.tasks import TaskFailure, report_failure

    ti = context["ti"]
    project_run = None
    try:
        project_run = ti.xcom_pull(task_ids="open_run")
    except Exception as exc:  # the DAG may have no open_run task, or it failed itself
        log.debug("no project run for the failure report: %s", exc)
    map_index = getattr(ti, "map_index", None)
    failure = TaskFailure(dag_id=ti.dag_id, task_id=ti.task_id, run_id=ti.run_id,
                          map_index=-1 if map_index is None else map_index, try_number=ti.try_number,
                          error=f"{type(context.get('exception')).__name__}: {context.get('exception')}"[:2000],
                          log_url=getattr(ti, "log_url", None))
    try:
        s = settings()
    except Exception as exc:  # bad replay Variable etc.: still report through the environment's settings
        from shenyang_monitor.tasks import Settings

        log.error("settings unreadable while reporting a failure: %s", exc)
        s = Settings(db_url=os.environ.get(ENV["db_url"]), channels=os.environ.get(ENV["channels"], ""))
    report_failure(s, failure, project_run if isinstance(project_run, int) else None)


def retries(default: int) -> int:
    """Retries of a task; SHENYANG_MONITOR_TASK_RETRIES overrides them (tests set 0)."""
    return int(os.environ.get("SHENYANG_MONITOR_TASK_RETRIES", default))


def retry_delay() -> timedelta:
    return timedelta(seconds=float(os.environ.get("SHENYANG_MONITOR_RETRY_DELAY_S", 300)))


def default_args() -> dict:
    return {
        "owner": "shenyang-monitor",
        "retries": retries(1),
        "retry_delay": retry_delay(),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(hours=1),
        "on_failure_callback": on_failure,
    }
