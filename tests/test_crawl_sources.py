"""crawlers/sources.toml as data: the seven sources load, templates fill, bad entries fail clearly."""
from datetime import date

import pytest

from crawlers.sources import SourceConfigError, get_source, load_sources

GOOD = '''
[[source]]
id = "demo"
publisher = "示例"
authority = 3
region = "沈阳"
kind = "press"
start_urls = ["http://example.org/{date:%Y%m}/{date:%d}/node_01.html"]
article_pattern = 'content_\\d+\\.html$'
'''


def test_the_seven_sources_load():
    sources = load_sources()
    assert [s.id for s in sources] == ["tjj_shenyang", "gov_shenyang", "fgw_shenyang", "lnd_epaper",
                                       "syd_news", "hkcd", "cri_ln"]
    assert get_source("tjj_shenyang").authority == 1
    assert get_source("hkcd").relevance_filter and not get_source("tjj_shenyang").relevance_filter
    assert all(s.region == "沈阳" for s in sources)


def test_start_url_template_takes_the_scan_date():
    lnd = get_source("lnd_epaper")
    assert lnd.urls_for(date(2025, 1, 21)) == [
        "http://epaper.lnd.com.cn/lnrbepaper/pc/layout/202501/21/node_01.html"]
    assert lnd.domains == ["epaper.lnd.com.cn"]


def test_article_patterns_match_the_real_addresses_of_design_sources():
    cases = {
        "tjj_shenyang": "https://tjj.shenyang.gov.cn/sjfb/sqfx/202311/t20231109_4554105.html",
        "fgw_shenyang": "http://fgw.shenyang.gov.cn/fggz/202401/t20240123_4595096.html",
        "lnd_epaper": "http://epaper.lnd.com.cn/lswbepaper/pc/con/202005/15/content_71531.htm",
        "syd_news": "http://news.syd.com.cn/system/2018/03/20/011602543.shtml",
        "hkcd": "http://hkcd.com/hkcdweb/content/2026/01/15/content_8735593.html",
        "cri_ln": "https://ln.cri.cn/2021-11-04/f73aa318-7091-51bb-f013-a983a19cbf3b.html",
    }
    for sid, url in cases.items():
        assert get_source(sid).article_re.search(url), (sid, url)
    assert not get_source("hkcd").article_re.search("http://hkcd.com/hkcdweb/china/index.html")


def test_unknown_source_names_the_known_ones():
    with pytest.raises(KeyError, match="known: tjj_shenyang"):
        get_source("nope")


@pytest.mark.parametrize("change, message", [
    (("authority = 3", "authority = 0"), "'authority' must be an integer"),
    (("kind = \"press\"", "kind = \"blog\""), "'kind' must be one of"),
    (("article_pattern = 'content_\\d+\\.html$'", "article_pattern = 'content_(\\d+'"), "not a valid regex"),
    (("{date:%Y%m}", "{day:%Y%m}"), "does not format with the scan date"),
    (("region = \"沈阳\"\n", "region = \"沈阳\"\ncolour = \"red\"\n"), "unknown field(s) colour"),
    (("publisher = \"示例\"\n", ""), "missing required field 'publisher'"),
    (("http://example.org", "ftp://example.org"), "is not an http(s) URL"),
])
def test_bad_entries_fail_with_the_source_and_field(tmp_path, change, message):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(SourceConfigError) as err:
        load_sources(path)
    assert message in str(err.value)
    assert "demo" in str(err.value) or "[[source]] #1" in str(err.value)


def test_good_entry_and_duplicates(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD, encoding="utf-8")
    (s,) = load_sources(path)
    assert s.max_list_pages == 1 and s.enabled and s.urls_for(date(2026, 1, 5))[0].endswith("/202601/05/node_01.html")
    dup = tmp_path / "dup.toml"
    dup.write_text(GOOD + GOOD, encoding="utf-8")
    with pytest.raises(SourceConfigError, match="appears twice"):
        load_sources(dup)
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]\n", encoding="utf-8")
    with pytest.raises(SourceConfigError, match="not valid TOML"):
        load_sources(bad)
