"""extract.clean over the recorded pages: title, date, the article's key sentences, chrome removed;
and bad input (GBK without charset, empty, binary, too short) never raises."""
from datetime import datetime
from pathlib import Path

import pytest

from crawlers.archive import iter_responses
from extract.clean import about_shenyang, clean_html, decode_html, guess_script, shenyang_mentions
from extract.dates import SHANGHAI
from extract.document import CleanDocument

FIX = Path(__file__).parent / "fixtures"
SEEDS_DIR = Path("/work/shared/seeds") if not (Path(__file__).parents[2] / "shared" / "seeds").is_dir() \
    else Path(__file__).parents[2] / "shared" / "seeds"
LND = "http://epaper.lnd.com.cn/lnrbepaper/pc/con/202501/21/"
HKCD = "http://hkcd.com/hkcdweb/content/2026/01/15/"


@pytest.fixture(scope="module")
def docs():
    out = {}
    for r in iter_responses(FIX / "replay" / "seeds.warc.gz"):
        if "content_" in r.url:
            out[r.url] = clean_html(r.body, url=r.url, headers=r.headers)
    return out


def test_lnd_seed_article(docs):
    d = docs[LND + "content_386201.html"]
    assert d.rejected is None and d.encoding == "utf-8" and d.script == "hans"
    assert d.title == "沈阳:千字当头全力夺取决战决胜"
    assert d.published == datetime(2025, 1, 21, tzinfo=SHANGHAI) and d.published_from == "dateline"
    for sentence in ("今年,沈阳将深入实施“四个一批”专项行动,全年谋划项目总投资5.5万亿元以上",
                     "新落地亿元以上项目1109个,开复工重点项目3072个。",
                     "工业企业数字化研发设计工具普及率、关键工序数控化率分别达到82.8%和71.5%。",
                     "267个老旧小区、132条背街小巷等改造加快实施,5条快速路建成通车",
                     "城乡居民低保标准与特困人员基本生活保障提高3.5%。"):
        assert sentence in d.text
    assert "**" not in d.text and "\n- " not in d.text
    for chrome in ("版面导航", "往期回顾", "辽ICP备", "南京南街247号", "打印本页", "分享到", "上一版",
                   "2025年01月21日 星期二"):
        assert chrome not in d.text, chrome
    assert d.text.startswith("本报记者 刘桐\n")  # the byline stays, the title block above it does not
    assert about_shenyang(d)


def test_lnd_seed_keeps_every_seed_paragraph(docs):
    text = docs[LND + "content_386201.html"].text
    seed = (SEEDS_DIR / "000_cfc6f6ad63fdc188.txt").read_text(encoding="utf-8").splitlines()
    # Every line but the "# " headline (which is the page's title block) is a paragraph of the body.
    body = [ln.strip().lstrip("#").strip().removeprefix("- ").replace("**", "") for ln in seed
            if not ln.startswith("# ")]
    missing = [ln for ln in body if ln and ln not in text]
    assert missing == []


def test_hkcd_seed_article(docs):
    d = docs[HKCD + "content_8735593.html"]
    assert d.rejected is None and d.script == "hant"
    assert d.title == "新質生產力賦能 民生福祉提質 瀋陽2025多項指標逆勢飄紅"
    assert d.published == datetime(2026, 1, 15, 14, 11, 40, tzinfo=SHANGHAI)
    assert d.published_from == "dateline"
    assert d.text.startswith("2026年1月14日,瀋陽市第十七屆人民代表大會第五次會議上")
    assert "全年技術合同成交額突破830億元" in d.text
    assert d.text.endswith("(記者 王藝橋)")
    for chrome in ("責任編輯", "來源:香港商報網", "友情鏈接", "承印人", "852-2564 0768", "熱門新聞", "相關新聞",
                   "首頁", "-- 天氣"):
        assert chrome not in d.text, chrome
    assert about_shenyang(d)


def test_the_other_articles_are_not_about_shenyang(docs):
    # The e-paper footer names 沈阳 (the paper's address): it must not make these articles relevant.
    for url in (LND + "content_386202.html", LND + "content_386215.html", HKCD + "content_8735601.html"):
        d = docs[url]
        assert d.rejected is None, url
        assert not about_shenyang(d), url
    assert docs[LND + "content_386215.html"].text.startswith("本报记者 李娜\n")


def test_gbk_page_without_any_charset_declaration():
    body = (FIX / "pages" / "gbk_no_charset.html").read_bytes()
    assert b"charset" not in body.lower()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    d = clean_html(body, url="https://tjj.shenyang.gov.cn/sjfb/sqfx/202501/t20250121_4800001.html")
    assert d.encoding == "gb18030" and d.rejected is None
    assert d.title == "把民生愿景变幸福实景"
    assert "全年提供15万个就业岗位,帮扶1.5万名就业困难人员就业创业。" in d.text
    assert d.published == datetime(2025, 1, 21, tzinfo=SHANGHAI)  # 时间:2025年01月21日, not htmldate's guess
    assert "市府大路260号" not in d.text and "当前位置" not in d.text
    assert about_shenyang(d)


@pytest.mark.parametrize("body, reason", [
    (b"", "empty: the page has no content (0 bytes)"),
    (b"  \n\t ", "empty: the page has no content (5 bytes)"),
    ((FIX / "pages" / "empty.html").read_bytes(), "empty:"),
    ((FIX / "pages" / "binary.png").read_bytes(), "binary: PNG image"),
    (b"%PDF-1.7\n...", "binary: PDF document"),
    (b"<html>\x00\x01\x02</html>", "binary: binary data (NUL bytes)"),
    ("<html><head><title>通知</title></head><body><p>详见附件。</p></body></html>".encode(), "too short"),
])
def test_bad_input_is_rejected_with_a_reason_never_raised(body, reason):
    d = clean_html(body, url="http://x.test/p.html")
    assert isinstance(d, CleanDocument)
    assert d.rejected and d.rejected.startswith(reason)


def test_declared_type_that_is_not_a_page():
    d = clean_html(b"col1,col2\n1,2\n", headers={"Content-Type": "application/vnd.ms-excel"})
    assert d.rejected == "binary: not a web page (Content-Type application/vnd.ms-excel), not an HTML page (14 bytes)"


def test_decoding_rules():
    text = "沈阳市统计局"
    assert decode_html(text.encode("utf-8")) == (text, "utf-8")
    assert decode_html(text.encode("gbk")) == (text, "gb18030")
    assert decode_html(text.encode("gbk"), {"Content-Type": "text/html; charset=GB2312"}) == (text, "gb18030")
    # A wrong declaration (a UTF-8 page still saying gbk) does not turn the text into mojibake.
    assert decode_html(f"<meta charset='gbk'>{text}".encode("utf-8")) == (f"<meta charset='gbk'>{text}", "utf-8")
    assert decode_html(text.encode("gbk"), {"Content-Type": "text/html; charset=utf-8"}) == (text, "gb18030")
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    big5 = f'<meta charset="big5">{"瀋陽"}'.encode("big5")
    assert decode_html(big5) == ('<meta charset="big5">瀋陽', "big5hkscs")


def test_published_hint_wins_and_is_checked():
    body = (FIX / "pages" / "hkcd_content_8735593.html").read_bytes()
    d = clean_html(body, published_hint="2026-01-16")
    assert d.published == datetime(2026, 1, 16, tzinfo=SHANGHAI) and d.published_from == "given"
    with pytest.raises(ValueError, match="published_hint"):
        clean_html(body, published_hint="15/01/2026")


def test_script_and_relevance_helpers():
    assert guess_script("沈阳市地区生产总值增长") == "hans"
    assert guess_script("瀋陽市地區生產總值增長") == "hant"
    assert shenyang_mentions("瀋陽市渾南區") == ["沈阳市", "浑南区"]
    assert shenyang_mentions("天津市和平区") == []  # ambiguous without the city
    assert shenyang_mentions("沈阳市和平区") == ["沈阳市", "和平区"]
    assert not about_shenyang(CleanDocument(url=None, title="辽宁经济", text="沈阳、大连、鞍山等城市。"))
    assert about_shenyang(CleanDocument(url=None, title="辽宁经济", text="沈阳增长。于洪区增长。"))
    assert about_shenyang(CleanDocument(url=None, title="康平县冬捕节开幕", text="……"))


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

_pieces = st.sampled_from(["<p>", "</p>", "<div class='time'>", "</div>", "<title>", "</title>", "<table><tr><td>",
                           "沈阳", "瀋陽", "增长", "2024年03月28日", "发布时间：", "\x00", "<!--", "<?xml version='1.0'?>",
                           "&#0;", "<script>", "</script>", "<meta charset='gbk'>", "\n", "。"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300),
                 st.lists(st.one_of(_pieces, st.text(max_size=20)), max_size=40).map(lambda xs: "".join(xs).encode("utf-8")),
                 st.lists(st.one_of(_pieces, st.text(max_size=20)), max_size=40).map(
                     lambda xs: "".join(xs).encode("gb18030", "replace"))))
def test_clean_never_raises_and_always_says_why(body):
    d = clean_html(body, url="http://x.test/t20240328_1.html")
    assert isinstance(d, CleanDocument)
    assert d.rejected or len(d.text) >= 40
    assert d.script in ("hans", "hant")


def test_tables_of_the_article_only():
    rows = "".join(f"<tr><td>指标{i}</td><td>{i}.5</td></tr>" for i in range(1, 4))
    page = ("<html><head><title>沈阳市1-7月经济运行情况</title></head><body>"
            "<table><tr><td><a href='/'>首页</a></td><td><a href='/a'>机构</a></td></tr>"
            "<tr><td><a href='/b'>政务</a></td><td><a href='/c'>服务</a></td></tr></table>"
            "<div class='article'><p>" + "1-7月，沈阳市经济运行总体平稳，主要指标如下表所示，各项指标保持增长。" * 2 + "</p>"
            f"<table><tr><th>指标</th><th>增速</th></tr>{rows}</table></div></body></html>")
    d = clean_html(page.encode("utf-8"))
    assert d.tables == [[["指标", "增速"], ["指标1", "1.5"], ["指标2", "2.5"], ["指标3", "3.5"]]]
