"""shenyang_alert_digest: every 15 minutes, send the daily digests that are due (each digest
subscription names its local time; alerts.digest.send_digests is idempotent per subscription and day,
so running often only makes digests punctual)."""
from __future__ import annotations

import os
import sys

from airflow.sdk import CronTriggerTimetable, dag, task

# The helpers beside this file (Airflow does not always put the DAGs folder on sys.path).
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import default_args  # noqa: E402


@dag(
    dag_id="shenyang_alert_digest",
    schedule=CronTriggerTimetable("*/15 * * * *", timezone="Asia/Shanghai"),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["shenyang-monitor"],
    doc_md=__doc__,
)
def shenyang_alert_digest():
    @task
    def send_digests() -> dict:
        from airflow.sdk import get_current_context

        from _common import settings
        from shenyang_monitor.tasks import send_digests as send

        # The run's own time, not the clock: a late or re-run run sends the digests due at its time.
        ctx = get_current_context()
        return send(settings(), ctx.get("logical_date") or ctx["dag_run"].run_after)

    send_digests()


shenyang_alert_digest()
