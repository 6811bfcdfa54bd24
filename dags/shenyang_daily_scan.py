"""shenyang_daily_scan: every morning at 06:00 Asia/Shanghai, scan the enabled sources.

sources → open_run → crawl (one mapped task per source, each crawl in its own process, retried with
backoff) → process (clean, extract, record; runs whatever crawls failed) → deliver (alert channels)
→ report (what each source did, its health; fails when a source failed).

Params: `sources` (ids; empty: the enabled ones), `replay` (WARC files to replay instead of fetching,
else the Variable shenyang_monitor_replay). The scan date is the Shanghai day of the logical date.
The task bodies call shenyang_monitor.tasks; nothing heavy is imported when the file is parsed.
"""
from __future__ import annotations

import os
import sys
from datetime import timedelta

from airflow.sdk import CronTriggerTimetable, Param, dag, get_current_context, task

# The helpers beside this file (Airflow does not always put the DAGs folder on sys.path).
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import default_args, retries, retry_delay  # noqa: E402

SHANGHAI = "Asia/Shanghai"


def _scan_date():
    from shenyang_monitor.tasks import scan_date_of

    ctx = get_current_context()
    return scan_date_of(ctx.get("logical_date"), ctx["dag_run"].run_after)


def _settings():
    from _common import settings

    return settings(get_current_context()["params"].get("replay"))


@dag(
    dag_id="shenyang_daily_scan",
    # The first run waits for the next 06:00. (Airflow reads run_immediately=False, its default, as "within a tenth
    # of the day": a DAG first unpaused between 06:00 and 08:24 would scan at once, besides any triggered run.)
    schedule=CronTriggerTimetable("0 6 * * *", timezone=SHANGHAI, run_immediately=timedelta(0)),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    params={
        "sources": Param([], type="array", items={"type": "string"},
                         description="Source ids to scan; empty: every enabled source."),
        "replay": Param([], type="array", items={"type": "string"},
                        description="WARC files to replay instead of fetching (tests, demo)."),
    },
    tags=["shenyang-monitor"],
    doc_md=__doc__,
)
def shenyang_daily_scan():
    @task
    def sources() -> list[str]:
        from shenyang_monitor.tasks import list_sources

        return list_sources(get_current_context()["params"].get("sources") or None)

    @task
    def open_run(source_ids: list[str]) -> int:
        from shenyang_monitor.tasks import open_run as open_

        ctx = get_current_context()
        # Keyed by the logical date: a re-run of that date continues the same project Run.
        when = ctx.get("logical_date")
        key = f"{ctx['dag'].dag_id}@{when.isoformat()}" if when else f"{ctx['dag'].dag_id}/{ctx['dag_run'].run_id}"
        return open_(_settings(), _scan_date(), list(source_ids), key)

    # Each crawl is its own process (crawlers.crawl starts one), so many can run in one worker.
    @task(retries=retries(2), retry_delay=retry_delay(), max_active_tis_per_dagrun=4)
    def crawl(source_id: str) -> dict:
        from shenyang_monitor.tasks import crawl_source

        return crawl_source(_settings(), source_id, _scan_date())

    @task(trigger_rule="all_done")
    def process(project_run: int, source_ids: list[str]) -> dict:
        from shenyang_monitor.tasks import process_crawls

        # Pulled here rather than passed in: the results of the crawls that failed are missing.
        ti = get_current_context()["ti"]
        crawls = ti.xcom_pull(task_ids="crawl", default=None) or []
        if isinstance(crawls, dict):  # one mapped instance
            crawls = [crawls]
        return process_crawls(_settings(), project_run, _scan_date(), list(source_ids), list(crawls))

    @task(trigger_rule="all_done")
    def deliver() -> dict:
        from shenyang_monitor.tasks import deliver_alerts

        return deliver_alerts(_settings())

    @task(trigger_rule="all_done", retries=0)
    def report(source_ids: list[str]) -> str:
        from shenyang_monitor.tasks import run_report

        ti = get_current_context()["ti"]
        return run_report(ti.xcom_pull(task_ids="process", default=None),
                          ti.xcom_pull(task_ids="deliver", default=None), list(source_ids))

    ids = sources()
    project_run = open_run(ids)
    crawled = crawl.expand(source_id=ids)
    project_run >> crawled  # the Run exists before a crawl can fail (its failure is recorded there)
    processed = process(project_run, ids)
    crawled >> processed
    delivered = deliver()
    processed >> delivered >> report(ids)


shenyang_daily_scan()
