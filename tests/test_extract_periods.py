"""Periods resolved against the document's own year, never today."""
from datetime import date

import pytest

from extract.periods import PeriodResolver, find_mentions


def resolve(text, pos=None, published=None):
    r = PeriodResolver(text, [(0, len(text))], published=published)
    return r.resolve(len(text) if pos is None else pos, 0)[0]


@pytest.mark.parametrize("text,published,expected", [
    ("2024年全年地区生产总值", None, "2024"),
    ("上半年,地区生产总值", "2025-07-20", "2025Q1-Q2"),
    ("前三季度,全省", "2024-10-20", "2024Q1-Q3"),
    ("一季度,全省", "2024-04-20", "2024Q1"),
    ("1-7月,全省", "2023-08-15", "2023-01..2023-07"),
    ("1—10月份,全市", "2013-12-13", "2013-01..2013-10"),
    ("截至5月末,全省", "2023-06-15", "2023-01..2023-05"),
    ("8月份,沈阳居民消费价格", "2025-09-15", "2025-08"),
    ("12月份,沈阳居民消费价格", "2026-01-15", "2025-12"),
    ("全年城镇新增就业", "2026-01-15", "2025"),
    ("去年城镇新增就业", "2025-01-20", "2024"),
    ("2023年中秋国庆假期,沈阳", None, "2023-09-29..2023-10-06"),
    ("春节假期,沈阳接待游客", "2016-02-14", "2016-02-07..2016-02-13"),
    ("国庆假期前五天,全省", "2024-10-07", "2024-10-01..2024-10-05"),
    ("国庆假期第五天,全省", "2024-10-07", "2024-10-05"),
    ("截至12月16日,全市", "2009-12-20", "2009-01-01..2009-12-16"),
])
def test_periods(text, published, expected):
    assert resolve(text, published=published) == expected


def test_a_year_after_bi_is_a_base_not_a_period():
    kinds = [m.kind for m in find_mentions("比2010年提高7.45个百分点")]
    assert "year" not in kinds


def test_no_date_no_year_gives_none():
    assert resolve("全年城镇新增就业") is None


def test_never_today():
    # the same text published in different years resolves to different years
    assert resolve("全年城镇新增就业", published=date(2011, 2, 1)) == "2010"
    assert resolve("全年城镇新增就业", published=date(2021, 2, 1)) == "2020"


def test_bad_published_raises():
    with pytest.raises(ValueError):
        PeriodResolver("全年", [(0, 2)], published="soon")


def test_cut_off_completed_by_a_following_year():
    from extract import extract_figures

    figs = extract_figures("截至12月16日,2009年沈阳市空气质量优良天数为316天。")
    assert figs[0].period == "2009-01-01..2009-12-16"


def test_holiday_days_carry_to_later_mentions():
    text = "2018年春节假期前六天,沈阳接待游客230.7万人次。春节假期,旅行社接待团队约360个。"
    from extract import extract_figures

    assert [f.period for f in extract_figures(text)] == ["2018-02-15..2018-02-20"] * 2


def test_base_holiday_is_not_the_period():
    from extract import extract_figures

    figs = extract_figures("2023年中秋国庆假日,日均接待人次环比今年“五一”增长24.74%。")
    assert figs[0].period == "2023-09-29..2023-10-06"


def test_scan_near_a_character_finds_what_finditer_finds():
    # the month and day patterns are tried only just before 月/日 (periods.NEAR): the same matches
    import random

    from extract.periods import NEAR, PATTERNS, _matches

    rng = random.Random(7)
    alphabet = list("0123456789一二三十两月日、和至-—~ ,，。年份当天全天截止上半")
    seen = 0
    for _ in range(3000):
        s = "".join(rng.choices(alphabet, k=rng.randint(1, 80)))
        for kind, pat in PATTERNS:
            if kind in NEAR:
                expected = [(m.span(), m.groupdict()) for m in pat.finditer(s)]
                assert [(m.span(), m.groupdict()) for m in _matches(kind, pat, s)] == expected, (kind, s)
                seen += len(expected)
    assert seen > 100


def test_a_stock_at_a_months_end_is_that_months():
    from extract import extract_figures
    text = "前三季度,全市地区生产总值增长5.1%。\n9月末,全市金融机构本外币存款余额5210.3亿元,比年初增长6.2%。"
    assert [f.period for f in extract_figures(text, published="2024-10-25")] == ["2024Q1-Q3", "2024-09", "2024-09"]
    # a cut-off stays a range from the year's start
    text = "截至6月底,全市经营主体达到120.5万户。"
    assert [f.period for f in extract_figures(text, published="2024-07-25")] == ["2024-01..2024-06"]
