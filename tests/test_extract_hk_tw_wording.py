"""Hong Kong and Taiwan wording and units (lexicon/hk_words.tsv, lexicon/units.tsv) in traditional text:
the figures come out as a mainland text would give them (invented sentences in the reposts' style)."""
from __future__ import annotations

import pytest

from extract.figures import extract_figures

TEXT = ("2025年，遼寧國內生產毛額按年增長5.1%，貨櫃吞吐量增長3.2%。城鎮居民平均每人可支配所得52000元。"
        "瀋陽進口鐵礦石120萬公噸，港資企業投資30億港幣，新建道路4500公尺，住宅竣工面積120萬平方公尺。")


@pytest.fixture(scope="module")
def figures():
    return {TEXT[f.start:f.end]: f for f in extract_figures(TEXT, published="2026-01-15")}


@pytest.mark.parametrize("span, indicator_id", [("5.1%", "gdp"), ("3.2%", "container_throughput"),
                                                ("52000元", "income_urban")])
def test_taiwan_and_hong_kong_names_find_the_catalogue_indicator(figures, span, indicator_id):
    assert figures[span].indicator_id == indicator_id


@pytest.mark.parametrize("span, unit, value_base, base_unit", [
    ("120萬公噸", "万公吨", 1.2e6, "吨"), ("30億港幣", "亿港币", 3e9, "港元"), ("4500公尺", "公尺", 4500, "米"),
    ("120萬平方公尺", "万平方公尺", 1.2e6, "平方米")])
def test_hong_kong_and_taiwan_units_have_their_base(figures, span, unit, value_base, base_unit):
    f = figures[span]
    assert (f.unit, f.base_unit) == (unit, base_unit) and f.value_base == pytest.approx(value_base)
