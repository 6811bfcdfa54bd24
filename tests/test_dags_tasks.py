"""shenyang_monitor.tasks without Airflow: the small decisions the DAG tasks rely on."""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone

import pytest

from shenyang_monitor import tasks
from tests.test_dags_support import SEEDS, WebhookSink


def test_the_scan_date_is_the_shanghai_day_of_the_logical_date():
    assert tasks.scan_date_of(datetime(2025, 1, 20, 22, 0, tzinfo=timezone.utc)) == date(2025, 1, 21)
    assert tasks.scan_date_of(datetime(2025, 1, 20, 15, 59, tzinfo=timezone.utc)) == date(2025, 1, 20)
    # a manual run without a logical date: the time it was triggered for
    assert tasks.scan_date_of(None, datetime(2025, 1, 20, 16, 0, tzinfo=timezone.utc)) == date(2025, 1, 21)
    with pytest.raises(ValueError, match="logical date"):
        tasks.scan_date_of(None, None)


def test_replay_paths_accept_a_list_one_path_or_json_text_and_refuse_missing_files(tmp_path):
    assert tasks.replay_paths(None) == [] and tasks.replay_paths([]) == [] and tasks.replay_paths("") == []
    assert tasks.replay_paths([str(SEEDS)]) == [str(SEEDS)]
    assert tasks.replay_paths(str(SEEDS)) == [str(SEEDS)]
    assert tasks.replay_paths(f'["{SEEDS}"]') == [str(SEEDS)]
    with pytest.raises(FileNotFoundError, match="no-such.warc.gz"):
        tasks.replay_paths([str(tmp_path / "no-such.warc.gz")])
    with pytest.raises(ValueError, match="list of WARC paths"):
        tasks.replay_paths({"a": 1})


def test_list_sources_gives_the_enabled_ones_and_refuses_unknown_ids():
    ids = tasks.list_sources()
    assert "lnd_epaper" in ids and len(ids) == len(set(ids))
    assert tasks.list_sources(["hkcd"]) == ["hkcd"]
    with pytest.raises(ValueError, match="no_such_source"):
        tasks.list_sources(["no_such_source"])


def _summary(**kw):
    base = {"run_id": 7, "scan_date": "2025-01-21", "pages": {"new": 1}, "figures": 3, "alerts": 2,
            "health_alerts": 0, "source_errors": [], "problems": [], "failed": False,
            "sources": {"lnd_epaper": {"pages": {"new": 1}, "figures": 3, "changes": {"new": 3}, "alerts": 2,
                                       "health": []}}}
    return base | kw


def test_the_report_says_what_each_source_did_and_fails_when_a_source_failed(caplog):
    caplog.set_level(logging.INFO, logger="shenyang_monitor.tasks")
    text = tasks.run_report(_summary(), {"channels": [], "sent": {}, "failed": {}, "errors": []}, ["lnd_epaper"])
    assert "lnd_epaper: pages {'new': 1}, figures 3" in text and "healthy" in text and "no channel" in text
    with pytest.raises(tasks.ScanFailed, match="1 source error") as err:
        tasks.run_report(_summary(source_errors=["hkcd: crawl failed (see the Airflow log of its crawl task)"],
                                  failed=True),
                         {"channels": [], "sent": {}, "failed": {}, "errors": []}, ["lnd_epaper", "hkcd"])
    assert "hkcd: FAILED" in str(err.value)
    with pytest.raises(tasks.ScanFailed, match="processing task did not finish"):
        tasks.run_report(None, None, ["lnd_epaper"])
    with pytest.raises(tasks.ScanFailed, match="delivery failed"):
        tasks.run_report(_summary(), None, ["lnd_epaper"])


def test_delivery_without_a_channel_says_so_and_succeeds(caplog, tmp_path):
    caplog.set_level(logging.WARNING, logger="shenyang_monitor.tasks")
    out = tasks.deliver_alerts(tasks.Settings(db_url=f"sqlite:///{tmp_path / 'm.db'}"))
    assert out["channels"] == [] and "no alert channel configured" in caplog.text


def test_a_failure_is_sent_to_the_channels_and_recorded_even_without_a_run(tmp_path):
    from sqlmodel import select

    from storage.db import make_engine, session_scope
    from storage.models import Run

    url = f"sqlite:///{tmp_path / 'm.db'}"
    failure = tasks.TaskFailure("shenyang_daily_scan", "crawl", "scheduled__x", 2, 3, "SourceCrawlFailed: hkcd: 503")
    with WebhookSink() as hook:
        problems = tasks.report_failure(tasks.Settings(db_url=url, channels=f"ops=json://127.0.0.1:{hook.port}/f"),
                                        failure)
    assert problems == []
    assert "shenyang_daily_scan.crawl[2]" in hook.messages[0]["message"] and "hkcd: 503" in hook.messages[0]["message"]
    engine = make_engine(url)
    with session_scope(engine) as session:
        run = session.exec(select(Run).where(Run.kind == "airflow_failure")).one()
        assert run.status == "failed" and run.stats["task_failures"][0]["task_id"] == "crawl"
    engine.dispose()


def test_a_failure_report_survives_an_unreachable_channel_and_database(tmp_path):
    failure = tasks.TaskFailure("d", "t", "r", -1, 1, "boom")
    problems = tasks.report_failure(tasks.Settings(db_url=f"sqlite:///{tmp_path}/no/such/dir/\0bad.db",
                                                   channels="ops=json://127.0.0.1:9/nothing-listens"), failure)
    assert any(p.startswith("ops:") for p in problems) and any(p.startswith("database:") for p in problems)


def test_reprocess_refuses_an_until_before_its_since(tmp_path):
    with pytest.raises(ValueError, match="before since"):
        tasks.reprocess_archive(tasks.Settings(db_url=f"sqlite:///{tmp_path / 'm.db'}"),
                                since=date(2025, 2, 1), until=date(2025, 1, 1))
