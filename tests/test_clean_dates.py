"""Publication-date rules (extract/dates.py): the project's own rules first, htmldate last, never
the year of a title."""
from datetime import date, datetime

import pytest

from extract.clean import clean_html
from extract.dates import SHANGHAI, date_from_meta, date_from_text, date_from_url, find_published, htmldate_guess


def at(y, m, d, H=0, M=0, S=0):
    return datetime(y, m, d, H, M, S, tzinfo=SHANGHAI)


@pytest.mark.parametrize("text, expected", [
    ("发布时间：2024年03月28日", at(2024, 3, 28)),
    ("发布时间: 2024-3-28 09:05", at(2024, 3, 28, 9, 5)),
    ("时间:2023年11月09日来源:沈阳市统计局", at(2023, 11, 9)),
    ("發佈時間：2025年7月2日", at(2025, 7, 2)),
    ("日期：2024/05/06", at(2024, 5, 6)),
    ("責任編輯:鍾鴻冰 2026-01-15 14:11:40 來源:香港商報網", at(2026, 1, 15, 14, 11, 40)),
    ("2024年3月28日 10:20 来源：沈阳日报", at(2024, 3, 28, 10, 20)),
    ("2025年01月21日 星期二 第01版：要闻", at(2025, 1, 21)),
    # A labelled date beats an earlier clock time elsewhere on the page.
    ("更新 2020-01-01 08:00 …… 发布日期：2024年03月28日", at(2024, 3, 28)),
    # Not publication dates:
    ("2024年12月3日,第101台新松港口移动机器人在新加坡港交付", None),  # an event date in the text
    ("沈阳市2023年国民经济和社会发展统计公报", None),  # a year alone
    ("日期：2024年1-7月", None),  # mixed separators are a period, not a date
    ("发布时间：2024年02月30日", None),  # no such day
    ("时间:2024年3月", None),
])
def test_dateline_rules(text, expected):
    assert date_from_text(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://tjj.shenyang.gov.cn/sjfb/sqfx/202311/t20231109_4554105.html", date(2023, 11, 9)),
    ("http://fgw.shenyang.gov.cn/fggz/202502/t20250217_4810787.html", date(2025, 2, 17)),
    ("http://hkcd.com/hkcdweb/content/2026/01/15/content_8735593.html", date(2026, 1, 15)),
    ("http://epaper.lnd.com.cn/lswbepaper/pc/con/202005/15/content_71531.htm", date(2020, 5, 15)),
    ("http://tp.hkcd.com/content_p/2022-12/09/content_145620.html", date(2022, 12, 9)),
    ("https://ln.cri.cn/2021-11-04/f73aa318-7091-51bb-f013-a983a19cbf3b.html", date(2021, 11, 4)),
    ("http://ln.cri.cn/n/20230724/dd34a66b-a5c6-f0fa-4391-ed81a3c39073.html", date(2023, 7, 24)),
    ("http://news.syd.com.cn/system/2018/03/20/011602543.shtml", date(2018, 3, 20)),
    ("http://epaper.syd.com.cn/syrb/paperindex.htm", None),
    ("https://tjj.shenyang.gov.cn/sjfb/sqfx/202313/t20231309_1.html", None),  # month 13
    (None, None),
])
def test_url_rules(url, expected):
    assert date_from_url(url) == expected


def test_meta_rules():
    assert date_from_meta({"pubdate": "2024-03-28 10:00"}) == at(2024, 3, 28, 10)
    assert date_from_meta({"article:published_time": "2026-01-15T14:11:40+08:00"}) == at(2026, 1, 15, 14, 11, 40)
    assert date_from_meta({"keywords": "2024-03-28"}) is None


def test_order_of_rules():
    url = "https://tjj.shenyang.gov.cn/sjfb/sqfx/202403/t20240329_1.html"
    assert find_published(meta={"pubdate": "2024-03-27"}, text="发布时间：2024年03月28日", url=url)[1] == "meta"
    assert find_published(meta={}, text="发布时间：2024年03月28日", url=url) == (at(2024, 3, 28), "dateline")
    assert find_published(meta={}, text="正文", url=url) == (at(2024, 3, 29), "url")
    assert find_published(meta={}, text="正文", url=None, marked=["2024-05-06"]) == (at(2024, 5, 6), "dateline")
    assert find_published(meta={}, text="正文", url=None) == (None, None)


def test_htmldate_never_takes_the_title_year():
    page = ("<html><head><title>沈阳市2023年国民经济和社会发展统计公报</title></head><body>"
            "<h1>沈阳市2023年国民经济和社会发展统计公报</h1><p>2023年，全市经济运行稳中有进。</p></body></html>")
    assert htmldate_guess(page, url=None, title=None) is None
    doc = clean_html(page.encode("utf-8"))
    assert doc.published is None and doc.published_from is None


def test_statistics_bulletin_is_dated_by_its_release_not_its_title():
    # The trap of design/lessons.md: htmldate said 2023-01-01 for this kind of page.
    paras = "".join(f"<p>2023年，全市地区生产总值比上年增长{i}.0%，其中第{i}项指标保持增长。</p>" for i in range(1, 6))
    page = ("<html><head><title>沈阳市2023年国民经济和社会发展统计公报</title></head><body>"
            "<h1>沈阳市2023年国民经济和社会发展统计公报</h1><div class='info'>发布时间：2024年03月28日</div>"
            f"<div class='TRS_Editor'>{paras}</div></body></html>")
    doc = clean_html(page.encode("utf-8"), url="https://tjj.shenyang.gov.cn/tjgb/index.html")
    assert doc.published == at(2024, 3, 28) and doc.published_from == "dateline"
    assert "发布时间" not in doc.text


def test_htmldate_fallback_and_marked_elements():
    page = "<html><head><title>x</title></head><body><p class='date'>Published on May 6, 2024</p><p>正文内容。</p></body></html>"
    assert find_published(meta={}, text="正文内容。", url=None, html=page) == (at(2024, 5, 6), "htmldate")
    page = ("<html><head><title>通知</title></head><body><span class='pubtime'>2024年05月06日</span>"
            "<div><p>" + "沈阳市统计局关于开展统计调查工作的通知，请各单位按时报送数据。" * 3 + "</p></div></body></html>")
    doc = clean_html(page.encode("utf-8"))
    assert doc.published == at(2024, 5, 6) and doc.published_from == "dateline"


def test_dates_of_other_articles_in_a_sidebar_are_not_the_page_date():
    page = ("<html><head><title>通知</title></head><body><ul class='side'>"
            "<li><a href='/a.html'>旧闻</a><span class='date'>2019-02-03</span></li></ul>"
            "<div class='main'><span class='time'>2024-05-06</span><p>"
            + "沈阳市统计局关于开展统计调查工作的通知，请各单位按时报送数据。" * 3 + "</p></div></body></html>")
    doc = clean_html(page.encode("utf-8"))
    assert doc.published == at(2024, 5, 6)


def test_event_dates_in_the_text_do_not_date_the_page():
    page = ("<html><head><title>新松机器人</title></head><body><p>"
            + "2024年12月3日，第101台新松港口移动机器人在新加坡港交付。2023年5月1日，另一台下线。" * 2
            + "</p></body></html>")
    doc = clean_html(page.encode("utf-8"))
    assert doc.rejected is None and doc.published is None
