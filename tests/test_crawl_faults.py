"""A crawl against a site on 127.0.0.1 that misbehaves (tests/fixtures/local_site.py): 500s, a timeout,
a connection reset, a truncated body, a wrong charset label, 20 MB pages, a redirect loop, a list page
whose layout changed. The crawl completes, reports each failure, archives what came, and the next
crawl fetches again what failed."""
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import crawlers
from crawlers.archive import iter_responses, read_response
from crawlers.health import assess
from crawlers.sources import get_source
from extract.clean import clean_html

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from local_site import FAULTS, Site, article_path, serve, sources_file  # noqa: E402

QUICK = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_TIMEOUT": 1, "RETRY_BACKOFF_BASE": 0.1,
         "CONCURRENT_REQUESTS_PER_DOMAIN": 8}
DAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with serve() as base:
        sources = sources_file(tmp / "sources.toml", base, moved=f"{base}/moved/index.html")
        Site.reset(broken=True)
        started = time.monotonic()
        first = crawlers.crawl(["site", "moved"], scan_date=DAY, archive_dir=tmp / "a1", sources_path=sources,
                               settings=QUICK, timeout=90)
        elapsed = time.monotonic() - started
        hits_first = dict(Site.hits)
        Site.reset(broken=False)
        second = crawlers.crawl(["site"], scan_date=DAY, archive_dir=tmp / "a2", sources_path=sources,
                                settings=QUICK, timeout=90)
    return base, first, second, elapsed, hits_first, sources


def page(result, base, n):
    found = [p for p in result.pages if p.url == base + article_path(n)]
    assert len(found) == 1, [(p.url, p.status, p.error) for p in result.pages]
    return found[0]


def test_the_crawl_completes_quickly_and_keeps_the_good_page(runs):
    base, first, _, elapsed, _, _ = runs
    assert elapsed < 30, elapsed
    ok = page(first, base, 1)
    assert ok.status == 200 and ok.error is None
    assert [e.source_id for e in first.errors] == []  # every list page answered: no source is down


@pytest.mark.parametrize("n, status, message", [
    (2, 500, "HTTP 500"),
    (3, 0, "timed out"),
    (4, 0, "Connection"),  # ConnectionLost / ResponseFailed: the peer reset it
    (5, 200, "truncated"),
    (7, 0, "too large"),
    (8, 0, "too large"),
    (9, 0, "max redirections"),
    (10, 0, "redirected off the site"),
])
def test_each_failure_is_reported(runs, n, status, message):
    base, first, *_ = runs
    p = page(first, base, n)
    assert p.status == status, (n, p.status, p.error)
    assert p.error and message.lower() in p.error.lower(), (n, p.error)


def test_what_came_is_archived(runs):
    base, first, *_ = runs
    (warc,) = first.warc_paths
    got = {}
    for r in iter_responses(warc):
        got.setdefault(r.url.removeprefix(base), []).append(r)
    assert [r.status for r in got[article_path(2)]] == [500, 500]  # the first attempt and its retry
    cut = page(first, base, 5)
    body = read_response(cut.warc_path, cut.warc_offset).body
    assert 0 < len(body) < 1000  # the bytes that came, kept as they came
    assert article_path(3) not in got and article_path(4) not in got  # nothing came: nothing to keep
    assert all(len(r.body) < 11 * 1024 * 1024 for rs in got.values() for r in rs)  # no 20 MB record
    # The redirect loop: each hop archived (302s), bounded by REDIRECT_MAX_TIMES.
    hops = [r for u, rs in got.items() if u.startswith("/loop/") or u == article_path(9) for r in rs]
    assert hops and all(r.status == 302 for r in hops) and len(hops) <= 2 * (5 + 1)


def test_a_wrong_charset_label_is_survived(runs):
    base, first, *_ = runs
    p = page(first, base, 6)
    assert p.status == 200 and p.error is None
    rec = read_response(p.warc_path, p.warc_offset)
    doc = clean_html(rec.body, url=p.url, headers=rec.headers)  # says utf-8, is GBK
    assert doc.title == "测试文章6" and doc.encoding == "gb18030" and "规模以上工业" in doc.text


def test_failures_are_counted_per_source(runs):
    base, first, _, _, _, sources = runs
    st = first.stats["site"]
    assert st.requests["5xx"] == 2 and st.requests["failed"] >= 4 and st.requests["3xx"] >= 5
    assert st.requests["ignored"] == 1  # /private/ is forbidden by robots.txt
    assert st.retries >= 3 and st.new_article_links == len(FAULTS) + 1
    problems = assess(get_source("site", sources), st, scan_date=DAY)
    assert [p.kind for p in problems] == ["errors"], problems


def test_a_list_page_that_changed_layout_is_reported(runs):
    base, first, _, _, _, sources = runs
    st = first.stats["moved"]
    assert st.empty_list_pages == [f"{base}/moved/index.html"] and st.new_article_links == 0
    (lp,) = [p for p in first.pages if p.source_id == "moved"]
    assert lp.meta["article_links"] == 0
    kinds = {p.kind for p in assess(get_source("moved", sources), st, scan_date=DAY,
                                    last_new_article_at=date(2026, 1, 1))}
    assert kinds == {"layout", "silence"}


def test_the_next_crawl_fetches_again_what_failed(runs):
    base, first, second, _, hits_first, _ = runs
    for n in (2, 3, 4, 5, 7, 8, 9, 10):
        assert page(first, base, n).error
        again = page(second, base, n)
        assert again.status == 200 and again.error is None, (n, again.error)
    assert second.stats["site"].error_rate == 0
    assert hits_first[article_path(3)] == 2  # a timeout is retried once, after a pause
