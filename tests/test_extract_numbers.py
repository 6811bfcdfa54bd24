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
