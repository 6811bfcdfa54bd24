"""crawlers.health.assess: layout change, silence beyond the source's cadence, error rate."""
from datetime import date, datetime

import pytest

from crawlers.health import ERROR_RATE_THRESHOLD, assess
from crawlers.sources import get_source
from crawlers.stats import SourceStats

DAY = date(2026, 1, 15)


def stats(sid="tjj_shenyang", **kw) -> SourceStats:
    st = SourceStats(sid, list_pages=2, article_pages=3, new_article_links=3)
    st.requests.update({"2xx": 6})
    for k, v in kw.items():
        if k in st.requests:
            st.requests[k] = v
        else:
            setattr(st, k, v)
    return st


def kinds(problems):
    return [p.kind for p in problems]


def test_a_healthy_crawl_has_no_problem():
    assert assess(get_source("tjj_shenyang"), stats(), scan_date=DAY) == []


def test_a_list_page_without_article_links_is_a_layout_problem():
    st = stats(empty_list_pages=["https://tjj.shenyang.gov.cn/sjfb/sqfx/index.html"], new_article_links=0)
    problems = assess(get_source("tjj_shenyang"), st, scan_date=DAY, last_new_article_at=date(2026, 1, 10))
    assert kinds(problems) == ["layout"]
    assert "index.html" in problems[0].message and "article_pattern" in problems[0].message


def test_silence_longer_than_the_cadence():
    src = get_source("tjj_shenyang")  # cadence_days = 21
    quiet = stats(new_article_links=0)
    assert assess(src, quiet, scan_date=DAY, last_new_article_at=date(2025, 12, 30)) == []  # 16 days
    (p,) = assess(src, quiet, scan_date=DAY, last_new_article_at=datetime(2025, 12, 1, 9, 0))
    assert p.kind == "silence" and "45 days" in p.message and "21 days" in p.message
    # new links in this crawl: not silent, whatever the record says
    assert assess(src, stats(), scan_date=DAY, last_new_article_at=date(2025, 1, 1)) == []
    assert kinds(assess(src, quiet, scan_date=DAY)) == ["silence"]  # nothing ever on record


def test_error_rate_above_the_threshold():
    src = get_source("hkcd")
    assert assess(src, stats("hkcd", **{"2xx": 8, "5xx": 2}), scan_date=DAY) == []  # 20%
    (p,) = assess(src, stats("hkcd", **{"2xx": 6, "5xx": 2, "failed": 2}), scan_date=DAY)  # 40%
    assert p.kind == "errors" and "4 of 10" in p.message and "5xx 2" in p.message
    assert assess(src, stats("hkcd", **{"2xx": 6, "5xx": 2, "failed": 2}), scan_date=DAY,
                  error_rate_threshold=0.5) == []
    assert ERROR_RATE_THRESHOLD < 0.5
    # robots.txt refusals are not errors
    assert assess(src, stats("hkcd", **{"2xx": 6, "ignored": 20}), scan_date=DAY) == []


def test_nothing_fetched_and_no_stats_are_reported():
    src = get_source("cri_ln")
    down = SourceStats("cri_ln")
    down.requests["failed"] = 2
    assert kinds(assess(src, down, scan_date=DAY, last_new_article_at=DAY)) == ["errors"]
    assert kinds(assess(src, None, scan_date=DAY)) == ["errors"]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="statistics of 'hkcd' given for source 'cri_ln'"):
        assess(get_source("cri_ln"), stats("hkcd"), scan_date=DAY)
    with pytest.raises(TypeError, match="scan_date"):
        assess(get_source("cri_ln"), stats("cri_ln"), scan_date="2026-01-15")


def test_stats_survive_the_manifest_round_trip():
    st = stats(empty_list_pages=["u"], bytes=10, seconds=1.5)
    assert SourceStats.from_dict(st.to_dict()) == st
    with pytest.raises(ValueError, match="unknown SourceStats field"):
        SourceStats.from_dict({"source_id": "x", "surprise": 1})
