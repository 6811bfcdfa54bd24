"""The same report in traditional characters gives the same figures: judged text comes in both scripts
(mainland reposts in big5 gateways, Hong Kong and Taiwan mirrors), so every field but the evidence sentence
must not depend on the script. The simplified dev passages we tune on (d01-d30) and the simplified seed are
converted with OpenCC (s2t, s2hk, s2tw keep every character in place, so offsets compare directly).
The page store behind the dev set turned full-width punctuation into half-width; real pages use full-width,
so the passages with it restored must give the same figures too."""
from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest

from extract import extract_figures

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "eval" / "dev").is_dir()), None)
FIELDS = ("start", "end", "value", "unit", "value_base", "base_unit", "kind", "qualifier", "indicator", "indicator_id",
          "period", "region", "base", "low", "high")


def _texts() -> list[tuple[str, str, str | None]]:
    if SHARED is None:
        pytest.fail("../shared/eval/dev is missing", pytrace=False)
    out = []
    for line in (SHARED / "eval" / "dev" / "passages.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        if p["id"] <= "d30" and p["lang"] == "zh-Hans":
            out.append((p["id"], p["text"], p.get("date")))
    seed = next((SHARED / "seeds").glob("000_*.txt"))
    out.append(("seed000", seed.read_text(encoding="utf-8"), "2025-01-21"))
    return out


def _records(text: str, published: str | None) -> list[tuple]:
    return [tuple(getattr(f, k) for k in FIELDS) for f in extract_figures(text, published=published)]


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
def test_traditional_copies_give_the_same_figures(config):
    cc = opencc.OpenCC(config)
    compared = 0
    for pid, text, published in _texts():
        trad = cc.convert(text)
        assert len(trad) == len(text), pid  # a one-for-one conversion: offsets comparable
        assert trad != text, pid
        want, got = _records(text, published), _records(trad, published)
        assert got == want, (pid, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got)))
        compared += len(want)
    assert compared > 250  # the comparison covered real figures, not empty outputs


FULL_WIDTH = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？", ";": "；"})


def test_full_width_punctuation_gives_the_same_figures():
    compared = 0
    for pid, text, published in _texts():
        full = text.translate(FULL_WIDTH)
        assert full != text, pid
        want, got = _records(text, published), _records(full, published)
        assert got == want, (pid, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got)))
        compared += len(want)
    assert compared > 250


def _own_texts() -> list[tuple[str, str, str]]:
    """The simplified passages of the press and bulletin audits (invented in the sources' styles)."""
    from tests import test_extract_bulletin as bulletin
    from tests import test_extract_press as press

    out = [(f"press:{name}", text, pub) for name, (pub, text, _rows) in press.PASSAGES.items()]
    out += [(f"bulletin:{row[0]}", row[1], row[2]) for row in bulletin.PASSAGES if not row[0].endswith("_hant")]
    return out


def _comparable(text: str, published: str | None, t2s) -> list[tuple]:
    return [(f.value, t2s.convert(f.unit or ""), f.kind, f.qualifier, t2s.convert(f.indicator), f.indicator_id,
             f.period, f.region) for f in extract_figures(text, published=published)]


# the simplified text itself holds a conversion artefact (第2比特 for 第2位) that s2twp turns back into 第2位
S2TWP_EXCEPTIONS = {"press:tw_wiki_mirror", "press:anshan_opencc_mirror"}


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2twp"])
def test_own_passages_in_traditional_hong_kong_and_taiwan_wording_give_the_same_figures(config):
    # (found 比上年增產 read as 比上同比增长产 through the Taiwan 年增 rule, and 丛集/高阶/社群/装置 from s2twp)
    cc, t2s = opencc.OpenCC(config), opencc.OpenCC("t2s")
    compared = 0
    for src, text, published in _own_texts():
        if config == "s2twp" and src in S2TWP_EXCEPTIONS:
            continue
        want, got = _comparable(text, published, t2s), _comparable(cc.convert(text), published, t2s)
        assert got == want, (src, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got)))
        compared += len(want)
    assert compared > 500


# Mainland reports and their rewording by Hong Kong and Taiwan papers (invented): (name, published, simplified
# mainland text, traditional text in 香港商報 or Taiwan wording). 按年 is 同比, 按月 环比, 首季 一季度, 首三季 前三季度,
# 首兩個月 1-2月, 上月 the month before publication, 錄得 实现, 貨值 额, 億人民幣 亿元, 旅客 游客, 機械人 机器人,
# 成長 增长, 衰退 下降, 觀光客 游客, 總水準 总水平, 消費物價指數 CPI, 基建投資 基础设施投资.
HK_REWORDED = [
    ("hkcd_shenyang_annual", "2025-02-20",
     "沈阳日报讯 沈阳市统计局日前发布，2024年沈阳实现地区生产总值9027.1亿元，同比增长5.1%。其中，第一产业增加值同比增长3.6%；"
     "第二产业增加值同比增长4.5%；第三产业增加值同比增长5.5%。全年规模以上工业增加值同比增长6.3%，固定资产投资同比下降2.1%，"
     "社会消费品零售总额4532.6亿元，同比增长3.7%。城镇居民人均可支配收入53210元，同比增长4.1%。",
     "【香港商報訊】瀋陽市統計局日前公布，2024年瀋陽錄得本地生產總值9,027.1億元人民幣，按年增長5.1%。其中，第一產業增加值按年增長3.6%；"
     "第二產業增加值按年增長4.5%；第三產業增加值按年增長5.5%。全年規模以上工業增加值按年上升6.3%，固定資產投資按年下跌2.1%，"
     "社會消費品零售總額錄得4,532.6億元人民幣，按年增長3.7%。城鎮居民人均可支配收入53,210元人民幣，按年增長4.1%。"),
    ("hkcd_trade_quarter", "2025-04-25",
     "据沈阳海关统计，一季度沈阳外贸进出口总值298.6亿元，同比增长4.6%，其中出口136.2亿元，同比增长12.3%；"
     "进口162.4亿元，同比下降1.2%。3月份，沈阳居民消费价格同比上涨0.2%，环比下降0.6%。",
     "據瀋陽海關統計，首季瀋陽外貿進出口貨值錄得298.6億元人民幣，按年增長4.6%，當中出口貨值136.2億元，按年上升12.3%；"
     "進口貨值162.4億元，按年下跌1.2%。3月份，瀋陽消費物價指數按年上升0.2%，按月下降0.6%。"),
    ("hkcd_liaoning_q3", "2025-10-25",
     "辽宁前三季度地区生产总值23812亿元，同比增长4.8%，增速比上半年加快0.2个百分点。前三季度全省规模以上工业增加值同比增长6.1%，"
     "基础设施投资同比增长12.5%，社会消费品零售总额同比增长4.3%，其中网上零售额同比增长11.2%。",
     "遼寧首三季本地生產總值錄得23,812億元人民幣，按年增長4.8%，增速較上半年加快0.2個百分點。首三季全省規模以上工業增加值按年增長6.1%，"
     "基建投資按年增長12.5%，社會消費品零售總額按年升4.3%，其中網上零售額按年增長11.2%。"),
    ("hkcd_tourism_months", "2025-03-10",
     "今年1-2月，沈阳接待游客超过3100万人次，同比增长19.2%；旅游总收入约416亿元，同比增长两成。"
     "全市工业机器人产量同比增长35.7%，新能源汽车产量同比增长一倍以上。",
     "今年首兩個月，瀋陽接待旅客逾3,100萬人次，按年增長19.2%；旅遊總收入約416億元人民幣，按年升兩成。"
     "全市工業機械人產量按年增長35.7%，新能源汽車產量按年增長逾一倍。"),
    ("tw_liaoning_annual", "2025-03-10",
     "辽宁去年工业增加值增长6.0%，固定资产投资下降3.2%，社会消费品零售总额增长3.7%。沈阳2024年对外贸易总额达1360亿元，"
     "比上年增长4.2%。沈阳全年接待国内外游客约1.2亿人次，居民消费价格总水平比上年上涨0.6%。",
     "遼寧去年工業增加值成長6.0%，固定資產投資衰退3.2%，社會消費品零售總額成長3.7%。瀋陽2024年對外貿易總額達1,360億元人民幣，"
     "較前一年成長4.2%。瀋陽全年接待國內外觀光客約1.2億人次，居民消費價格總水準比上年上漲0.6%。"),
    ("hkcd_monthly_prices", "2025-04-20",
     "沈阳3月份新建商品住宅价格环比下降0.5%，同比下降5.8%。辽宁3月份出口额312亿元，同比增长6.1%，"
     "增速比上月加快1.2个百分点；辽宁一季度地区生产总值实现5.3%的增长。",
     "瀋陽上月新建商品住宅價格按月下跌0.5%，按年跌5.8%。遼寧上月出口貨值錄得312億人民幣，按年增長6.1%，"
     "增速較上月加快1.2個百分點；遼寧首季本地生產總值錄得5.3%的按年增長。"),
]


def _same_fields(text: str, published: str) -> list[tuple]:
    return [(f.value, f.value_base, f.base_unit, f.kind, f.qualifier, f.indicator, f.indicator_id, f.period, f.region)
            for f in extract_figures(text, published=published)]


@pytest.mark.parametrize("name,published,mainland,reworded", HK_REWORDED, ids=[r[0] for r in HK_REWORDED])
def test_hong_kong_and_taiwan_rewording_gives_the_mainland_figures(name, published, mainland, reworded):
    want, got = _same_fields(mainland, published), _same_fields(reworded, published)
    assert len(want) >= 6
    assert got == want, [(w, g) for w, g in zip(want, got) if w != g][:3] or (len(want), len(got))
