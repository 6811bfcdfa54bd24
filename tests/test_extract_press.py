"""Press and government text the extractor was not tuned on: newspaper reports (沈阳日报, 辽宁日报, 中新网, 新华网,
沈阳晚报), 政府工作报告 reviews, holiday tourism, quarterly releases, county lists, 沈阳海关 trade releases, and Hong
Kong / Taiwan reposts (中評社, forums, wiki mirrors with OpenCC artefacts and pinyin glosses).

Every passage is invented for this file (none is copied from the dev passages or the seeds). The expected figures
follow the dev gold conventions (../shared/eval/dev/README.md): the indicator is the cleaned, simplified, explicit
subject with context filled in, compared with the scorer's lenient rule (the predicted name contains the expected
one, or is contained in it with at least half its length); 全市/我市/全省 take the region the lead names.
"""
import re
import unicodedata

import pytest

from extract import extract_figures

try:  # traditional copies of the simplified passages, as the big5 gateways and mirror sites make them
    import opencc

    _S2T = opencc.OpenCC("s2t")
    _T2S = opencc.OpenCC("t2s")
except Exception:  # pragma: no cover - the venv has OpenCC; without it the traditional copies are skipped
    _S2T = _T2S = None


def _norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    if _T2S is not None:
        s = _T2S.convert(s)
    return re.sub(r'[\s"“”‘’「」『』《》()（）\[\]]', "", s)


def name_ok(pred, gold):
    """The scorer's lenient indicator rule (../shared/eval/score.py indicator_ok)."""
    p, g = _norm(pred), _norm(gold)
    return bool(p and g) and (g in p or (p in g and len(p) * 2 >= len(g)))


# (span as written, value, unit (simplified, as the contract gives it), kind, indicator, period, region)
PASSAGES = {
    "dalian_labour_day": ("2025-05-06", (
        "大连日报讯(记者 王晓)记者从市文化和旅游局获悉,“五一”假期,我市共接待游客586.3万人次,同比增长12.4%;"
        "实现旅游收入53.2亿元,同比增长15.1%。5月5日当天,全市接待游客98.6万人次。"
        "假期前四天,星海广场、老虎滩海洋公园等重点景区累计接待游客120.5万人次。"), [
        ("586.3万人次", 586.3, "万人次", "level", "接待游客", "2025-05-01..2025-05-05", "大连"),
        ("12.4%", 12.4, "%", "growth", "接待游客", "2025-05-01..2025-05-05", "大连"),
        ("53.2亿元", 53.2, "亿元", "level", "旅游收入", "2025-05-01..2025-05-05", "大连"),
        ("15.1%", 15.1, "%", "growth", "旅游收入", "2025-05-01..2025-05-05", "大连"),
        ("98.6万人次", 98.6, "万人次", "level", "接待游客", "2025-05-05", "大连"),
        ("120.5万人次", 120.5, "万人次", "level", "接待游客", "2025-05-01..2025-05-04", "大连"),
    ]),
    "liaoning_national_day": ("2024-10-06", (
        "10月5日是国庆假期第五天,全省共接待游客1356.2万人次,同比增长8.7%。"
        "国庆假期前五天,全省累计接待游客6120.4万人次,实现旅游收入480.6亿元,按可比口径分别增长9.2%和10.5%。"
        "其中,鞍山市接待游客312.5万人次,旅游收入21.3亿元。"), [
        ("1356.2万人次", 1356.2, "万人次", "level", "接待游客", "2024-10-05", "辽宁"),
        ("8.7%", 8.7, "%", "growth", "接待游客", "2024-10-05", "辽宁"),
        ("6120.4万人次", 6120.4, "万人次", "level", "接待游客", "2024-10-01..2024-10-05", "辽宁"),
        ("480.6亿元", 480.6, "亿元", "level", "旅游收入", "2024-10-01..2024-10-05", "辽宁"),
        ("9.2%", 9.2, "%", "growth", "接待游客", "2024-10-01..2024-10-05", "辽宁"),
        ("10.5%", 10.5, "%", "growth", "旅游收入", "2024-10-01..2024-10-05", "辽宁"),
        ("312.5万人次", 312.5, "万人次", "level", "接待游客", "2024-10-01..2024-10-05", "鞍山"),
        ("21.3亿元", 21.3, "亿元", "level", "旅游收入", "2024-10-01..2024-10-05", "鞍山"),
    ]),
    "tieling_work_report": ("2025-01-15", (
        "铁岭市第十届人民代表大会第五次会议昨日开幕。市长在政府工作报告中回顾过去一年的工作时说,"
        "预计全市地区生产总值增长5.5%,规模以上工业增加值增长8%,一般公共预算收入完成63.2亿元,增长6.1%,"
        "社会消费品零售总额增长4.5%,城镇和农村居民人均可支配收入分别增长5%和7%。\n"
        "今年全市经济社会发展的主要预期目标是:地区生产总值增长5.5%左右,一般公共预算收入增长5%。"), [
        ("5.5%", 5.5, "%", "growth", "地区生产总值", "2024", "铁岭"),
        ("8%", 8.0, "%", "growth", "规模以上工业增加值", "2024", "铁岭"),
        ("63.2亿元", 63.2, "亿元", "level", "一般公共预算收入", "2024", "铁岭"),
        ("6.1%", 6.1, "%", "growth", "一般公共预算收入", "2024", "铁岭"),
        ("4.5%", 4.5, "%", "growth", "社会消费品零售总额", "2024", "铁岭"),
        ("5%", 5.0, "%", "growth", "城镇居民人均可支配收入", "2024", "铁岭"),
        ("7%", 7.0, "%", "growth", "农村居民人均可支配收入", "2024", "铁岭"),
    ]),
    "anshan_three_quarters": ("2025-10-25", (
        "中新网鞍山10月24日电 据鞍山市统计局消息,前三季度,鞍山市地区生产总值1520.3亿元,按不变价格计算,同比增长5.2%。"
        "其中,第一产业增加值68.4亿元,增长3.6%;第二产业增加值612.7亿元,增长6.1%;第三产业增加值839.2亿元,增长4.7%。\n"
        "1-8月,全市规模以上工业增加值同比增长7.3%,固定资产投资同比下降2.1%。"), [
        ("1520.3亿元", 1520.3, "亿元", "level", "地区生产总值", "2025Q1-Q3", "鞍山"),
        ("5.2%", 5.2, "%", "growth", "地区生产总值", "2025Q1-Q3", "鞍山"),
        ("68.4亿元", 68.4, "亿元", "level", "第一产业增加值", "2025Q1-Q3", "鞍山"),
        ("3.6%", 3.6, "%", "growth", "第一产业增加值", "2025Q1-Q3", "鞍山"),
        ("612.7亿元", 612.7, "亿元", "level", "第二产业增加值", "2025Q1-Q3", "鞍山"),
        ("6.1%", 6.1, "%", "growth", "第二产业增加值", "2025Q1-Q3", "鞍山"),
        ("839.2亿元", 839.2, "亿元", "level", "第三产业增加值", "2025Q1-Q3", "鞍山"),
        ("4.7%", 4.7, "%", "growth", "第三产业增加值", "2025Q1-Q3", "鞍山"),
        ("7.3%", 7.3, "%", "growth", "规模以上工业增加值", "2025-01..2025-08", "鞍山"),
        ("2.1%", -2.1, "%", "growth", "固定资产投资", "2025-01..2025-08", "鞍山"),
    ]),
    "tieling_counties": ("2024-11-21", (
        "铁岭市统计局数据显示,1-10月,全市规模以上工业增加值同比增长3.2%,固定资产投资同比下降5.6%。\n"
        "分县(市)区看,规模以上工业增加值昌图县增长8.1%,开原市下降4.3%,西丰县增长2.6%,调兵山市下降6.7%,"
        "铁岭县增长11.2%,开发区下降1.5%。"), [
        ("3.2%", 3.2, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "铁岭"),
        ("5.6%", -5.6, "%", "growth", "固定资产投资", "2024-01..2024-10", "铁岭"),
        ("8.1%", 8.1, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "昌图县"),
        ("4.3%", -4.3, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "开原市"),
        ("2.6%", 2.6, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "西丰县"),
        ("6.7%", -6.7, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "调兵山市"),
        ("11.2%", 11.2, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "铁岭县"),
        ("1.5%", -1.5, "%", "growth", "规模以上工业增加值", "2024-01..2024-10", "铁岭开发区"),
    ]),
    "shenyang_customs": ("2025-07-20", (
        "据沈阳海关统计,今年上半年,沈阳市货物贸易进出口总值698.5亿元,同比增长6.3%。其中,出口312.4亿元,增长10.2%;"
        "进口386.1亿元,增长3.4%。一般贸易进出口521.6亿元,增长7.8%,占全市进出口总值的74.7%;"
        "加工贸易进出口98.2亿元,下降2.5%。\n"
        "同期,沈阳市对东盟进出口65.3亿元,增长18.6%;对美国进出口42.1亿元,下降5.2%;"
        "对“一带一路”沿线国家进出口286.7亿元,增长9.1%。"), [
        ("698.5亿元", 698.5, "亿元", "level", "进出口总额", "2025Q1-Q2", "沈阳"),
        ("6.3%", 6.3, "%", "growth", "进出口总额", "2025Q1-Q2", "沈阳"),
        ("312.4亿元", 312.4, "亿元", "level", "出口总额", "2025Q1-Q2", "沈阳"),
        ("10.2%", 10.2, "%", "growth", "出口总额", "2025Q1-Q2", "沈阳"),
        ("386.1亿元", 386.1, "亿元", "level", "进口总额", "2025Q1-Q2", "沈阳"),
        ("3.4%", 3.4, "%", "growth", "进口总额", "2025Q1-Q2", "沈阳"),
        ("521.6亿元", 521.6, "亿元", "level", "一般贸易进出口额", "2025Q1-Q2", "沈阳"),
        ("7.8%", 7.8, "%", "growth", "一般贸易进出口额", "2025Q1-Q2", "沈阳"),
        ("74.7%", 74.7, "%", "share", "一般贸易占进出口总值比重", "2025Q1-Q2", "沈阳"),
        ("98.2亿元", 98.2, "亿元", "level", "加工贸易进出口额", "2025Q1-Q2", "沈阳"),
        ("2.5%", -2.5, "%", "growth", "加工贸易进出口额", "2025Q1-Q2", "沈阳"),
        ("65.3亿元", 65.3, "亿元", "level", "对东盟进出口额", "2025Q1-Q2", "沈阳"),
        ("18.6%", 18.6, "%", "growth", "对东盟进出口额", "2025Q1-Q2", "沈阳"),
        ("42.1亿元", 42.1, "亿元", "level", "对美国进出口额", "2025Q1-Q2", "沈阳"),
        ("5.2%", -5.2, "%", "growth", "对美国进出口额", "2025Q1-Q2", "沈阳"),
        ("286.7亿元", 286.7, "亿元", "level", "对“一带一路”沿线国家进出口额", "2025Q1-Q2", "沈阳"),
        ("9.1%", 9.1, "%", "growth", "对“一带一路”沿线国家进出口额", "2025Q1-Q2", "沈阳"),
    ]),
    "spring_festival_xinhua": ("2025-02-05", (
        "新华网沈阳2月4日电 春节假期,沈阳市累计接待游客1026.7万人次,同比增长15.6%,实现旅游总收入98.4亿元,同比增长17.2%。"
        "其中,沈阳故宫接待游客12.3万人次,北陵公园接待游客8.6万人次,棋盘山冰雪大世界日均接待游客1.2万人次。"), [
        ("1026.7万人次", 1026.7, "万人次", "level", "接待游客", "2025-01-28..2025-02-04", "沈阳"),
        ("15.6%", 15.6, "%", "growth", "接待游客", "2025-01-28..2025-02-04", "沈阳"),
        ("98.4亿元", 98.4, "亿元", "level", "旅游总收入", "2025-01-28..2025-02-04", "沈阳"),
        ("17.2%", 17.2, "%", "growth", "旅游总收入", "2025-01-28..2025-02-04", "沈阳"),
        ("12.3万人次", 12.3, "万人次", "level", "接待游客", "2025-01-28..2025-02-04", "沈阳"),
        ("8.6万人次", 8.6, "万人次", "level", "接待游客", "2025-01-28..2025-02-04", "沈阳"),
        ("1.2万人次", 1.2, "万人次", "level", "日均接待游客", "2025-01-28..2025-02-04", "沈阳"),
    ]),
    # Hong Kong / Taiwan reposts, written in traditional characters from the start
    "crntt_dispatch": ("2025-01-21", (
        "中評社北京1月21日電/遼寧省統計局公布,2024年遼寧省國內生產總值(GDP)為32612.7億元人民幣,按年增長5.1%。"
        "其中,第三產業增加值按年增長5.3%。全年社會消費品零售總額按年升3.9%,貨物進出口總額按年跌2.6%。"), [
        ("32612.7億元", 32612.7, "亿元", "level", "地区生产总值", "2024", "辽宁"),
        ("5.1%", 5.1, "%", "growth", "地区生产总值", "2024", "辽宁"),
        ("5.3%", 5.3, "%", "growth", "第三产业增加值", "2024", "辽宁"),
        ("3.9%", 3.9, "%", "growth", "社会消费品零售总额", "2024", "辽宁"),
        ("2.6%", -2.6, "%", "growth", "进出口总额", "2024", "辽宁"),
    ]),
    "tw_wiki_mirror": ("2024-03-02", (
        "大連市2023年地區生產總值8752.9億元,比上年增長(zhǎng)6.7%,總量居東北城市第2比特。"
        "全年規模以上工業增加值增長(zhǎng)5.6%,一般公共預算收入860.2億元。"), [
        ("8752.9億元", 8752.9, "亿元", "level", "地区生产总值", "2023", "大连"),
        ("6.7%", 6.7, "%", "growth", "地区生产总值", "2023", "大连"),
        # 第2比特 is OpenCC's 第2位; 总量居 ranks the amount, not its growth
        ("第2比特", 2.0, None, "rank", "地区生产总值排名", "2023", "大连"),
        ("5.6%", 5.6, "%", "growth", "规模以上工业增加值", "2023", "大连"),
        ("860.2億元", 860.2, "亿元", "level", "一般公共预算收入", "2023", "大连"),
    ]),
    "hk_forum_repost": ("2025-08-03", (
        "瀋陽上半年經濟數據出爐:本地生產總值4321.5億元人民幣,按年增長5.4%;固定資產投資按年跌1.8%;"
        "社會消費品零售總額2150.6億元,按年升4.2%。"), [
        ("4321.5億元", 4321.5, "亿元", "level", "地区生产总值", "2025Q1-Q2", "沈阳"),
        ("5.4%", 5.4, "%", "growth", "地区生产总值", "2025Q1-Q2", "沈阳"),
        ("1.8%", -1.8, "%", "growth", "固定资产投资", "2025Q1-Q2", "沈阳"),
        ("2150.6億元", 2150.6, "亿元", "level", "社会消费品零售总额", "2025Q1-Q2", "沈阳"),
        ("4.2%", 4.2, "%", "growth", "社会消费品零售总额", "2025Q1-Q2", "沈阳"),
    ]),
}

# simplified passages that the gateways and mirrors also carry in traditional characters (OpenCC s2t)
CONVERTED = ("dalian_labour_day", "liaoning_national_day", "tieling_counties", "shenyang_customs", "anshan_three_quarters")


def _cases():
    for name, (pub, text, rows) in PASSAGES.items():
        yield pytest.param(name, pub, text, rows, id=name)
        if name in CONVERTED and _S2T is not None:
            conv = _S2T.convert(text)
            conv_rows = [(_S2T.convert(r[0]),) + tuple(r[1:]) for r in rows]
            yield pytest.param(name + "-hant", pub, conv, conv_rows, id=name + "-hant")


def disagreements(text, published, rows):
    """[(span, field, expected, got)] for every expected figure (its n-th mention of the span, in order)."""
    figs = extract_figures(text, published=published)
    by_span = {}
    for f in figs:
        by_span.setdefault(text[f.start:f.end], []).append(f)
    seen = {}
    out = []
    for span, value, unit, kind, indicator, period, region in rows:
        n = seen.get(span, 0)
        seen[span] = n + 1
        hits = by_span.get(span, [])
        if n >= len(hits):
            out.append((span, "missing", None, None))
            continue
        f = hits[n]
        for field, want, got in (("value", value, f.value), ("unit", unit, f.unit), ("kind", kind, f.kind),
                                 ("period", period, f.period), ("region", region, f.region)):
            if want != got and not (field == "value" and abs(want - got) < 1e-9):
                out.append((span, field, want, got))
        if not name_ok(f.indicator or "", indicator):
            out.append((span, "indicator", indicator, f.indicator))
    for span, hits in by_span.items():
        for f in hits[seen.get(span, 0):]:
            out.append((span, "extra", None, f.indicator))  # a figure the passage does not have (a target, a label)
    return out


@pytest.mark.parametrize("name,published,text,rows", list(_cases()))
def test_press_passage(name, published, text, rows):
    assert disagreements(text, published, rows) == []


@pytest.mark.parametrize("span,indicator", [
    ("8家", "企业入选国家级绿色工厂"),
    ("6条", "城市主干道建成通车"),
    ("60条", "背街小巷"),
    ("12家", "企业获评省级专精特新企业"),
    ("3000余名", "困难群众享受临时救助"),
])
def test_a_predicate_that_says_which_things_are_counted_stays_in_the_name(span, indicator):
    """政府工作报告 counts: the things counted follow the unit, and a predicate that ends the clause (入选…, 获评…,
    建成通车, 享受…) says which of them are counted; a catalogue name the phrase ends with (绿色工厂, 临时救助) is not
    the indicator. A predicate shared by a list (…、60条背街小巷完成改造) is not part of an item's name."""
    text = ("去年,鞍山市新增8家企业入选国家级绿色工厂,6条城市主干道建成通车,45个老旧小区、60条背街小巷完成改造,"
            "12家企业获评省级专精特新企业,3000余名困难群众享受临时救助。")
    f = next(f for f in extract_figures(text, published="2025-01-20") if text[f.start:f.end] == span)
    assert name_ok(f.indicator, indicator) and f.region == "鞍山" and f.period == "2024", (f.indicator, f.region, f.period)
