"""shenyang_reprocess (manual): clean, extract and record archived pages again with the current
extractor, without fetching. Params: `since`, `until` (YYYY-MM-DD, Asia/Shanghai days of fetching,
inclusive; empty: no bound) and `sources` (ids; empty: all)."""
from __future__ import annotations

import os
import sys

from airflow.sdk import Param, dag, get_current_context, task

# The helpers beside this file (Airflow does not always put the DAGs folder on sys.path).
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import default_args  # noqa: E402


@dag(
    dag_id="shenyang_reprocess",
    schedule=None,
    catchup=False,
    max_active_runs=1,
    default_args=default_args() | {"retries": 0},
    params={
        "since": Param(None, type=["null", "string"], format="date", description="First day fetched (inclusive)."),
        "until": Param(None, type=["null", "string"], format="date", description="Last day fetched (inclusive)."),
        "sources": Param([], type="array", items={"type": "string"}, description="Source ids; empty: all."),
    },
    tags=["shenyang-monitor"],
    doc_md=__doc__,
)
def shenyang_reprocess():
    @task
    def reprocess() -> dict:
        from datetime import date

        from _common import settings
        from shenyang_monitor.tasks import reprocess_archive

        p = get_current_context()["params"]
        since = date.fromisoformat(p["since"]) if p.get("since") else None
        until = date.fromisoformat(p["until"]) if p.get("until") else None
        return reprocess_archive(settings(), since=since, until=until, source_ids=p.get("sources") or None)

    reprocess()


shenyang_reprocess()
