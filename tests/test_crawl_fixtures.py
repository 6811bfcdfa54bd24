"""Every configured source over its recorded fixtures (tests/fixtures/replay/sources.warc.gz, built by
tests/fixtures/build_sources.py), offline: links found, pagination followed, title, publication date
and body of each article, GBK pages without a charset, relevance of press articles; a government
section added by a sources.toml entry alone; a backfill (--since) going further back."""
import sys
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import crawlers
from crawlers.archive import read_response
from crawlers.sources import load_sources
from extract.clean import apply_relevance, clean_html

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "fixtures"))
import build_sources as fx  # noqa: E402  (the builder's constants say what the fixtures hold)

WARC = fx.OUT_WARC
IDS = ["tjj_shenyang", "gov_shenyang", "fgw_shenyang", "lnd_epaper", "syd_news", "hkcd", "cri_ln"]

# source -> (list pages, articles) a daily scan of 2026-01-15 must fetch
EXPECTED = {
    "tjj_shenyang": ({f"{fx.TJJ_SQFX}/index.html", f"{fx.TJJ_SQFX}/index_1.html"},
                     {f"{fx.TJJ_SQFX}/{m}/{k}.html" for k, (m, *_r) in fx.TJJ_ARTICLES.items() if k >= "t2025112"}),
    "gov_shenyang": ({f"{fx.GOV_SYYW}/index.html", f"{fx.GOV_SYYW}/index_1.html", f"{fx.GOV_GZBG}/index.html"},
                     set(fx.GOV_ARTICLES)),
    "fgw_shenyang": ({f"{fx.FGW}/fggz/index.html", f"{fx.FGW}/fggz/index_1.html"}, set(fx.FGW_ARTICLES)),
    "lnd_epaper": ({f"{fx.LND}/layout/{fx.LND_ISSUE}/node_01.html", f"{fx.LND}/layout/{fx.LND_ISSUE}/node_02.html"},
                   set(fx.LND_ARTICLES)),
    "syd_news": ({f"{fx.SYD}/node_1.htm", f"{fx.SYD}/node_2.htm", f"{fx.SYD_NEWS}/"}, set(fx.SYD_ARTICLES)),
    "hkcd": ({f"{fx.HKCD}/china/index.html", f"{fx.HKCD}/china/index_2.html"}, set(fx.HKCD_ARTICLES)),
    "cri_ln": ({f"{fx.CRI}/", f"{fx.CRI}/news/index.html"}, set(fx.CRI_ARTICLES)),
}


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    out = tmp_path_factory.mktemp("sources")
    return crawlers.crawl(IDS, scan_date=fx.SCAN_DATE, archive_dir=out, replay=[WARC], timeout=120)


@pytest.fixture(scope="module")
def docs(scan):
    out = {}
    for p in scan.pages:
        if p.kind == "article" and not p.error:
            rec = read_response(p.warc_path, p.warc_offset)
            out[p.url] = clean_html(rec.body, url=p.url, headers=rec.headers)
    return out


def test_the_fixtures_cover_every_configured_source():
    assert sorted(IDS) == sorted(s.id for s in load_sources())


@pytest.mark.parametrize("sid", IDS)
def test_lists_pagination_and_articles(scan, sid):
    lists, articles = EXPECTED[sid]
    pages = [p for p in scan.pages if p.source_id == sid]
    assert all(p.error is None and p.status == 200 for p in pages), [(p.url, p.error) for p in pages if p.error]
    assert {p.url for p in pages if p.kind == "list"} == lists
    assert {p.url for p in pages if p.kind == "article"} == articles
    assert len(articles) >= 2
    st = scan.stats[sid]
    assert st.list_pages == len(lists) and st.article_pages == len(articles)
    assert st.new_article_links == len(articles) and st.empty_list_pages == [] and st.parse_failures == 0
    hosts = {urlsplit(u).netloc for u in lists | articles}  # one robots.txt each
    assert st.requests["2xx"] == len(lists) + len(articles) + len(hosts)
    assert st.error_rate == 0 and st.bytes > 0 and st.seconds > 0


def test_no_source_errors(scan):
    assert scan.errors == []


def _expected_articles():
    """url -> (title, publication date, first body sentence, about Shenyang or None for gov sources)."""
    out = {}
    for key, (month, title, d, body, _gbk) in fx.TJJ_ARTICLES.items():
        out[f"{fx.TJJ_SQFX}/{month}/{key}.html"] = (title, d, body[0], None)
    for url, (title, when, body) in fx.GOV_ARTICLES.items():
        out[url] = (title, when, body[0], None)
    for url, (title, d, body, _gbk) in fx.FGW_ARTICLES.items():
        out[url] = (title, d, body[0], None)
    for url, (_no, title, body, about) in fx.LND_ARTICLES.items():
        out[url] = (title, "2026-01-15", body[1], about)
    for url, (_no, title, dateline, body, about) in fx.SYD_ARTICLES.items():
        out[url] = (title, "2026-01-15 08:45:12" if "-" in dateline else "2026-01-15", body[0], about)
    for table in (fx.HKCD_ARTICLES, fx.CRI_ARTICLES):
        for url, (title, when, body, about) in table.items():
            out[url] = (title, when, body[0], about)
    return out


EXPECTED_ARTICLES = _expected_articles()


@pytest.mark.parametrize("sid", IDS)
def test_title_date_and_body_of_each_article(docs, sid):
    urls = EXPECTED[sid][1]
    for url in urls:
        title, when, first, _about = EXPECTED_ARTICLES[url]
        doc = docs[url]
        assert doc.rejected is None, (url, doc.rejected)
        assert doc.title == title, url
        want = datetime.fromisoformat(when) if " " in when else datetime.fromisoformat(when + " 00:00")
        assert doc.published.replace(tzinfo=None) == want, (url, doc.published)
        assert doc.published_from == "dateline", (url, doc.published_from)  # not the URL fallback
        assert first in doc.text, url
        assert "字体" not in doc.text and "打印本页" not in doc.text and "版权所有" not in doc.text, url


def test_gbk_pages_without_charset_are_read(scan, docs):
    gbk = [f"{fx.TJJ_SQFX}/{v[0]}/{k}.html" for k, v in fx.TJJ_ARTICLES.items() if v[4] and k >= "t2025112"]
    gbk += [u for u, v in fx.FGW_ARTICLES.items() if v[3]]
    gbk += [u for u in fx.SYD_ARTICLES if "epaper" in u]
    assert len(gbk) >= 3
    pages = {p.url: p for p in scan.pages}
    for url in gbk:
        rec = read_response(pages[url].warc_path, pages[url].warc_offset)
        assert "charset" not in rec.body.decode("gb18030").lower() and "charset" not in rec.content_type
        assert docs[url].encoding == "gb18030" and docs[url].title == EXPECTED_ARTICLES[url][0]
    # The GBK e-paper list pages gave their links (the source's `encoding` hint) and their text.
    node1 = pages[f"{fx.SYD}/node_1.htm"]
    assert node1.meta["article_links"] == 1
    art = pages[f"{fx.SYD}/content_1122331.htm"]
    assert art.meta["link_text"] == "我市新增3条公交线路方便群众出行"


@pytest.mark.parametrize("sid", ["lnd_epaper", "syd_news", "hkcd", "cri_ln"])
def test_press_sources_keep_only_articles_about_shenyang(docs, sid):
    kept, skipped = [], []
    for url in EXPECTED[sid][1]:
        doc = apply_relevance(docs[url])
        about = EXPECTED_ARTICLES[url][3]
        assert (doc.rejected is None) == about, (url, doc.rejected)
        (kept if about else skipped).append(doc)
    assert kept and skipped
    for doc in skipped:
        assert doc.rejected.startswith("not about Shenyang: "), doc.rejected


def test_a_government_section_is_added_by_a_sources_entry_alone(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('''
[[source]]
id = "tjj_tjgb"
publisher = "沈阳市统计局"
authority = 1
region = "沈阳"
kind = "statistics"
start_urls = ["https://tjj.shenyang.gov.cn/sjfb/tjgb/index.html"]
article_pattern = '^https://tjj\\.shenyang\\.gov\\.cn/sjfb/tjgb/\\d{6}/t\\d{8}_\\d+\\.html$'
page_url = "index_{n}.html"
max_list_pages = 3
recent_days = 90
''', encoding="utf-8")
    result = crawlers.crawl(["tjj_tjgb"], scan_date=fx.SCAN_DATE, archive_dir=tmp_path / "a", replay=[WARC],
                            sources_path=sources, timeout=60)
    assert result.errors == []
    arts = {p.url: p for p in result.pages if p.kind == "article"}
    assert set(arts) == {f"{fx.TJJ_TJGB}/{m}/{k}.html" for k, (m, *_r) in fx.TJGB_ARTICLES.items()}
    # createPageHTML(1, ...): the CMS says there is one list page, so no index_1.html is asked for.
    assert [p.url for p in result.pages if p.kind == "list"] == [f"{fx.TJJ_TJGB}/index.html"]
    for url, page in arts.items():
        rec = read_response(page.warc_path, page.warc_offset)
        doc = clean_html(rec.body, url=url, headers=rec.headers)
        key = url.rsplit("/", 1)[1][:-5]
        title, d = fx.TJGB_ARTICLES[key][1:3]
        assert doc.title == title and doc.published.date() == date.fromisoformat(d) and len(doc.text) > 40


def test_a_backfill_follows_the_list_pages_back_to_its_date(tmp_path):
    result = crawlers.crawl(["tjj_shenyang"], scan_date=fx.SCAN_DATE, since=fx.BACKFILL_SINCE,
                            archive_dir=tmp_path, replay=[WARC], timeout=60)
    assert result.errors == []
    lists = [p.url.rsplit("/", 1)[1] for p in result.pages if p.kind == "list"]
    # index_3 lists only entries older than `since`: the backfill stops there (index_4 is never asked for).
    assert lists == ["index.html", "index_1.html", "index_2.html", "index_3.html"]
    arts = {p.url.rsplit("/", 1)[1][:-5] for p in result.pages if p.kind == "article"}
    assert arts == set(fx.TJJ_ARTICLES)  # the daily scan's four and the two of index_2
    assert all(p.error is None for p in result.pages)


def test_since_after_the_scan_date_is_refused(tmp_path):
    with pytest.raises(ValueError, match="after the scan date"):
        crawlers.crawl(["tjj_shenyang"], scan_date=date(2026, 1, 15), since=date(2026, 2, 1), archive_dir=tmp_path)
