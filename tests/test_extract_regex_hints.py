"""extract/regex_hints.py: the hints read from a pattern never change what it finds."""
import random
import re

import pytest

from extract import periods
from extract.regex_hints import fast, may_match, required_strings

# words, digits and separators the period patterns are made of, to build texts full of near-matches
PIECES = ["月", "日", "年", "季度", "上半年", "下半年", "前", "第", "截至", "截止", "春节", "国庆", "中秋", "十一", "假期",
          "全年", "年末", "年底", "末", "今年", "去年", "同比", "比", "1", "2", "3", "12", "2024", "2025", "一", "三",
          "十", "-", "至", "到", "份", "，", "。", "\n", " ", "增长", "沈阳"]


def _texts(n: int, seed: int = 11):
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(0, 25))) for _ in range(n)]


@pytest.mark.parametrize("kind,pat", periods.PATTERNS, ids=[k for k, _ in periods.PATTERNS])
def test_fast_finds_the_same_matches(kind, pat):
    f = fast(pat)
    for text in _texts(3000):
        assert [(m.span(), m.groupdict()) for m in f.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in pat.finditer(text)], (kind, text)


@pytest.mark.parametrize("kind,pat", periods.PATTERNS, ids=[k for k, _ in periods.PATTERNS])
def test_may_match_never_hides_a_match(kind, pat):
    for text in _texts(3000, seed=12):
        if pat.search(text):
            assert may_match(pat, text), (kind, text)


def test_hints_read_from_the_pattern():
    assert required_strings(re.compile(r"(?P<half>上半年|下半年)")) == {"上半年", "下半年"}
    assert required_strings(re.compile(r"前(?P<n>\d{1,2})(?:个)?季度")) == {"季度"}
    # nothing can be required of an optional part or of \d: no hint, the scan always runs
    assert required_strings(re.compile(r"(?:上年)?\d+")) is None
    assert may_match(re.compile(r"(?:上年)?\d+"), "")
    assert not may_match(re.compile(r"季度"), "全年增长5%")


def test_fast_adds_a_lookahead_only_where_it_helps():
    month = re.compile(r"(?P<m>(?:\d{1,2}|[一二三]{1,3}))月")
    assert fast(month).pattern.startswith("(?=[")
    literal = re.compile(r"截[至止]\d+月")
    assert fast(literal) is literal  # the re compiler already searches for 截
    empty = re.compile(r"(?:月)?")
    assert fast(empty) is empty  # can match nothing: no first character to look for


def test_wrap_break_opens_with_its_line_break_and_finds_what_the_look_behind_form_finds():
    """A pattern opening with a look-behind is tried at every position of the text; opening with the \\n it
    is searched for (join_wrapped_lines runs on every text with a line break)."""
    from extract.normalize import WRAP_BREAK

    assert WRAP_BREAK.pattern.startswith("\\n")
    behind_first = re.compile(r"(?<=[^。！？!?；;：:\n\s])\n(?=[\u3400-\u9fff\d%])")
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choices(PIECES + ["\n", "\n", "：", "!", "%", "a"], k=rng.randint(0, 30)))
        assert [m.span() for m in WRAP_BREAK.finditer(text)] == [m.span() for m in behind_first.finditer(text)], text
