"""Any string: no exception, offsets in bounds, the span covers the number."""
import re

from hypothesis import given, settings, strategies as st

from extract import extract_figures

ALPHABET = st.sampled_from(list("0123456789.,%‰-—~、和至第年月日号亿万千百十一二两三四五六七八九〇元人次个户天吨增长下降比同上半前季度截春节国庆假期天全市省沈阳瀋陽萬億個點約近超以上左右余多,，。；:\n (wàn)“”+GP"))
texts = st.one_of(st.text(max_size=200), st.lists(ALPHABET, max_size=120).map("".join))
DIGIT = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿萬億]")


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_string(text):
    for f in extract_figures(text, published="2025-06-30"):
        assert 0 <= f.start < f.end <= len(text)
        assert DIGIT.search(text[f.start:f.end]), (text, f)
        assert f.kind in ("level", "growth", "share", "change_pp", "rank")
        assert f.sentence is not None
