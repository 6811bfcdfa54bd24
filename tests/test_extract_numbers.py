"""Numbers and units."""
import pytest

from extract.numbers import find_numbers, parse_chinese
from extract.units import match_unit


@pytest.mark.parametrize("s,v", [("三千二百", 3200), ("十五", 15), ("两", 2), ("二〇二四", 2024), ("八点五", 8.5),
                                 ("一百零五", 105), ("十", 10), ("三千二百万", 32_000_000)])
def test_chinese_numerals(s, v):
    assert parse_chinese(s) == v


def test_bad_chinese_numeral_raises():
    with pytest.raises(ValueError):
        parse_chinese("")


def test_arabic_numbers_with_separators_decimals_and_sign():
    nums = find_numbers("收入12,345.6元，自然增长率-1.02‰，1-7月")
    vals = [n.value for n in nums if not n.chinese]
    assert 12345.6 in vals and -1.02 in vals
    assert -7 not in vals  # a range dash is not a minus sign


@pytest.mark.parametrize("text,unit,factor,over", [
    ("亿元，", "亿元", 1e8, False), ("万人次", "万人次", 1e4, False), ("个百分点", "个百分点", 1, False),
    ("余亿元", "亿元", 1e8, True), ("万余元", "万元", 1e4, True), ("千公顷", "千公顷", 1e3, False),
    ("千瓦时", "千瓦时", 1, False), ("万亿元", "万亿元", 1e12, False), ("多万", "万", 1e4, True),
    ("微克/立方米", "微克/立方米", 1, False), ("%", "%", 1, False)])
def test_units(text, unit, factor, over):
    m = match_unit(text, 0)
    assert m is not None
    assert m.unit.written == unit and m.unit.factor == factor and m.over == over


def test_no_unit():
    assert match_unit("年12月", 0) is None


def test_range_dash_after_a_percent_is_not_a_minus():
    from extract import extract_figures

    # one figure over the range (0.5.0): the dash is not the minus sign of 8
    figs = extract_figures("增长5%-8%。", published="2025-06-01")
    assert [(f.value, f.low, f.high, f.kind) for f in figs] == [(5, 5, 8, "growth")]


def test_ranges_share_the_unit():
    from extract import extract_figures

    # one figure whose span covers the range; value is the low bound, in the unit the second number gives
    text = "投资10亿至20亿元。"
    figs = extract_figures(text, published="2025-06-01")
    assert [(text[f.start:f.end], f.value, f.unit, f.value_base, f.low, f.high) for f in figs] == [
        ("10亿至20亿元", 10, "亿元", 1e9, 10, 20)]


def test_range_forms_and_signs():
    from extract import extract_figures

    text = "1-10月,全省出口增长5—8%,接待游客3万-5万人次;工业增加值下降5%～8%,常住人口100-120万人。"
    got = [(text[f.start:f.end], f.value, f.low, f.high) for f in extract_figures(text, published="2024-11-20")]
    assert got == [("5—8%", 5, 5, 8), ("3万-5万人次", 3, 3, 5), ("5%～8%", -5, -8, -5), ("100-120万人", 100, 100, 120)]
    # a single figure has no bounds in the contract
    one = extract_figures("1-10月,全省出口增长5%。", published="2024-11-20")[0].contract("d")
    assert "low" not in one and "high" not in one


def test_not_figures():
    from extract import extract_figures

    text = ("电话:024-12345678,传真024-2345678。沈政发〔2023〕12号文件。PM2.5,第十七届人大,“十四五”,地铁1号线,"
            "5G基站,“26条”,10+1产业集群,二期工程,60岁以上老人,2024年12月3日,连续18个月。")
    assert extract_figures(text, published="2025-06-01") == []


def test_a_vulgar_fraction_is_not_read_as_its_denominator():
    from extract import extract_figures
    # NFKC spells ¼ as 1⁄4: the 4 is not a figure of 4%
    assert extract_figures("¼%", published="2024-12-01") == []
    assert [f.value for f in extract_figures("增长5%,约¼的企业", published="2024-12-01")] == [5.0]
