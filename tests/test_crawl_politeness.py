"""Politeness and limits against a site on 127.0.0.1: the User-Agent names the product and a contact
(configurable), robots.txt is obeyed, at most 2 requests at a time per site, AutoThrottle on, a 5xx
is retried after a pause, and a backfill (--since) follows the numbered list pages back to its date.
(Size limit, timeouts and bounded redirects: tests/test_crawl_faults.py.)"""
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import crawlers

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from local_site import PAGED, Site, serve, sources_file  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DAY = date(2026, 1, 15)
# The defaults (AutoThrottle on, 2 per site, robots.txt obeyed), with delays shrunk so the test is quick.
SHORT_DELAYS = {"DOWNLOAD_DELAY": 0.05, "AUTOTHROTTLE_START_DELAY": 0.05, "AUTOTHROTTLE_MAX_DELAY": 0.5,
                "RETRY_BACKOFF_BASE": 0.5, "CONCURRENT_REQUESTS": 16}


@pytest.fixture(scope="module")
def polite(tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("polite")
    mp = pytest.MonkeyPatch()
    mp.setenv("SHENYANG_MONITOR_CONTACT", "data-desk@example.cn")
    try:
        with serve() as base:
            Site.reset(slow=0.3)
            sources = sources_file(tmp / "sources.toml", base, busy=f"{base}/busy/index.html")
            result = crawlers.crawl(["busy"], scan_date=DAY, archive_dir=tmp, sources_path=sources,
                                    settings=SHORT_DELAYS, timeout=60)
            seen = {"hits": dict(Site.hits), "agents": list(Site.agents), "times": dict(Site.times),
                    "max_in_flight": Site.max_in_flight}
    finally:
        mp.undo()
    return result, seen


def test_user_agent_names_the_product_and_the_configured_contact(polite):
    _, seen = polite
    assert seen["agents"] and all(a.startswith("shenyang-monitor/") and "contact: data-desk@example.cn" in a
                                  for a in seen["agents"])


def test_robots_txt_is_obeyed(polite):
    result, seen = polite
    assert seen["hits"]["/robots.txt"] == 1
    assert not any(p.startswith("/private/") for p in seen["hits"])
    (blocked,) = [p for p in result.pages if "/private/" in p.url]
    assert "robots.txt" in blocked.error and blocked.status == 0
    assert result.stats["busy"].requests["ignored"] == 1


def test_at_most_two_requests_at_a_time_and_autothrottle_on(polite):
    result, seen = polite
    assert 1 <= seen["max_in_flight"] <= 2
    assert sum(1 for p in result.pages if "/busy/2" in p.url and p.status == 200) == 8
    log = result.log_path.read_text(encoding="utf-8")
    assert "scrapy.extensions.throttle.AutoThrottle" in log.split("Enabled downloader middlewares")[0]


def test_a_5xx_is_retried_after_a_pause(polite):
    result, seen = polite
    first, second = seen["times"]["/flaky/202601/t20260115_1.html"]
    assert second - first >= 0.5  # RETRY_BACKOFF_BASE
    (page,) = [p for p in result.pages if "/flaky/" in p.url]
    assert page.status == 200 and page.error is None
    assert result.stats["busy"].retries == 1 and result.stats["busy"].requests["5xx"] == 1


def write_paged(path, base):
    path.write_text(f'''
[[source]]
id = "paged"
publisher = "分页测试"
authority = 2
region = "沈阳"
kind = "government"
start_urls = ["{base}/paged/index.html"]
article_pattern = '/paged/\\d{{6}}/t\\d{{8}}_\\d+\\.html$'
page_url = "index_{{n}}.html"
max_list_pages = 1
recent_days = 30
''', encoding="utf-8")
    return path


def test_since_follows_the_list_pages_back_to_its_date(tmp_path):
    with serve() as base:
        sources = write_paged(tmp_path / "sources.toml", base)
        Site.reset()
        daily = crawlers.crawl(["paged"], scan_date=DAY, archive_dir=tmp_path / "d", sources_path=sources,
                               settings=SHORT_DELAYS, timeout=60)
        daily_hits = dict(Site.hits)
        Site.reset()
        # The command line an Airflow backfill task runs.
        out = tmp_path / "b.jsonl"
        proc = subprocess.run([sys.executable, "-m", "crawlers.run", "--source", "paged", "--date", DAY.isoformat(),
                               "--since", "2025-12-01", "--sources", str(sources), "--archive-dir", str(tmp_path / "b"),
                               "--out", str(out), "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=false"],
                              cwd=REPO, capture_output=True, text=True, timeout=60)
        back_hits = dict(Site.hits)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # daily: the first list page only (max_list_pages = 1), entries of the last 30 days
    assert [p for p in daily_hits if p.startswith("/paged/index")] == ["/paged/index.html"]
    assert {p.url.rsplit("/", 1)[1] for p in daily.pages if p.kind == "article"} == {
        "t20260114_00.html", "t20260105_01.html"}
    # backfill: pages 0, 1, 2 (page 2 lists only entries older than 2025-12-01: the last one read)
    assert sorted(p for p in back_hits if p.startswith("/paged/index")) == [
        "/paged/index.html", "/paged/index_1.html", "/paged/index_2.html"]
    arts = sorted(p.rsplit("/", 1)[1] for p in back_hits if "/paged/20" in p)
    assert arts == ["t20251210_11.html", "t20251220_10.html", "t20260105_01.html", "t20260114_00.html"]
    assert len(PAGED) == 4  # index_3 exists and was never asked for
    text = out.read_text(encoding="utf-8")
    assert '"type": "stats"' in text and '"type": "done"' in text
