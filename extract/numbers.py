"""Numbers in a normalised text: Arabic (separators, decimals, sign) and Chinese numerals.

`find_numbers(text)` yields every `Num` with its offsets in the working copy; whether a number is a
figure (it has a unit, it is not a date, a label or an ordinal) is decided in figures.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}

# (each pattern opens with a look-ahead for the characters a match starts with: a pattern that opens with
# a look-behind or an optional group costs two to three times as much at every position of the text)
ARABIC = re.compile(r"(?=[-\d])(?:(?<![0-9A-Za-z.\u2024_])|(?<=GDP))(?P<sign>-(?=\d))?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![0-9])")
# Chinese numerals: digits and 十百千 (万/亿 are read as multipliers by the unit matcher).
_CN_NUM = "零〇○一二两三四五六七八九十百千"
_CN_DIGIT = "零〇○一二三四五六七八九"
LONE_NUMERAL_NEXT = frozenset("%‰倍成个百")
# 近千万人次, 逾百亿元, 超千亿元: a lone 十/百/千 before 万/亿 is a round amount when a qualifier precedes it
# (without one, 百万市民 and 千万家庭 are words)
ROUND_BEFORE = "近逾超约破达"
# 五亿元, 两万多家: one digit before 万/亿 is an amount (the unit is checked in figures.py)
AMOUNT_DIGITS = "一二两三四五六七八九"
# A lone numeral (一个, 统一) is dropped below unless 第 is before it or a rate unit after it; the gate after
# 百分之 lets the scan skip those at once (most Chinese text is full of them): the same matches are kept.
CHINESE = re.compile(rf"(?=[{_CN_NUM}])"
                     rf"(?:(?P<pct>百分之)(?=[{_CN_NUM}])|(?=[{_CN_NUM}]{{2}}|[{_CN_NUM}]点[{_CN_DIGIT}]|(?<=第)[{_CN_NUM}]|"
                     rf"[{_CN_NUM}][{''.join(sorted(LONE_NUMERAL_NEXT))}]|(?<=[{ROUND_BEFORE}])[十百千][万亿]|[{AMOUNT_DIGITS}][万亿]))"
                     rf"(?P<num>[{_CN_NUM}]+(?:点[{_CN_DIGIT}]+)?)")


_START = attrgetter("start")
_KEPT: dict[frozenset, re.Pattern] = {}


def _arabic_kept(followed_by: frozenset) -> re.Pattern:
    """ARABIC's matches that find_numbers keeps with `followed_by` (one of these characters after it, or 第
    before it), the others skipped by the scan instead of made and dropped one by one. The atomic group is
    ARABIC's own match at a position; a position inside a dropped one starts after its , or - and ends
    where it ends (dropped too), so the same numbers are kept (the check in the loop stays)."""
    pat = _KEPT.get(followed_by)
    if pat is None:
        body = ARABIC.pattern[ARABIC.pattern.index("(?P<sign>"):]
        lead = ARABIC.pattern[: ARABIC.pattern.index("(?P<sign>")]
        chars = "".join(re.escape(c) for c in sorted(followed_by) if len(c) == 1)
        pat = _KEPT[followed_by] = re.compile(rf"{lead}(?P<after_di>(?<=第))?(?>{body})(?(after_di)|(?=[{chars}]))")
    return pat


@dataclass(slots=True)  # (made for every number of a text, most of them no figure)
class Num:
    start: int  # offsets in the working copy (sign included)
    end: int
    value: float
    chinese: bool = False
    percent: bool = False  # 百分之… (the % is implied)
    decimals: int = 0


@lru_cache(maxsize=20000)  # pure; the same few numerals recur (一, 十二, 三千)
def parse_chinese(s: str) -> float:
    """三千二百 → 3200, 十五 → 15, 八点五 → 8.5, 二〇二四 → 2024 (digit by digit)."""
    if not s:
        raise ValueError("empty Chinese numeral")
    frac = 0.0
    if "点" in s:
        s, f = s.split("点", 1)
        digits = "".join(str(CN_DIGITS[c]) for c in f)
        frac = float("0." + digits) if digits else 0.0
    if s and all(c in CN_DIGITS for c in s) and len(s) > 1:
        return float(int("".join(str(CN_DIGITS[c]) for c in s))) + frac
    total = section = 0
    digit = 0
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_SMALL:
            section += (digit or 1) * CN_SMALL[c]
            digit = 0
        elif c in CN_BIG:
            section += digit
            total += section * CN_BIG[c]
            section = digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return float(total + section + digit) + frac


def is_round_amount(text: str, start: int, end: int) -> bool:
    """近千万, 逾百亿: a lone 十/百/千 after a qualifier and before 万/亿."""
    return (end - start == 1 and text[start] in "十百千" and text[end:end + 1] in ("万", "亿")
            and start > 0 and text[start - 1] in ROUND_BEFORE)


def is_digit_amount(text: str, start: int, end: int) -> bool:
    """五亿, 两万: one digit before 万/亿."""
    return end - start == 1 and text[start] in AMOUNT_DIGITS and text[end:end + 1] in ("万", "亿")


def find_numbers(text: str, followed_by: frozenset | None = None) -> list[Num]:
    """Every number, sorted by start. With `followed_by`: only those followed by one of these characters,
    preceded by 第 or written 百分之… (a caller that drops the others has them never built)."""
    out: list[Num] = []
    pat = ARABIC if followed_by is None else _arabic_kept(followed_by)
    for m in pat.finditer(text):  # (called for every number: one group lookup, positional Num)
        sign, num = m.group("sign", "num")
        if followed_by is not None:
            e = m.end()
            if text[e:e + 1] not in followed_by:
                s = m.start()
                if sign and s > 0 and text[s - 1] in "%‰)]）":
                    s += 1  # (the start below)
                if text[s - 1:s] != "第":
                    continue
        raw = num.replace(",", "") if "," in num else num
        try:
            v = float(raw)
        except ValueError:
            continue
        dec = len(raw) - raw.index(".") - 1 if "." in raw else 0  # one point at most
        start, end = m.span()
        if sign:
            if start > 0 and text[start - 1] in "%‰)]）":
                start += 1  # 5%-8%: a range dash, not a minus
            else:
                v = -v
        out.append(Num(start, end, v, False, False, dec))
    for m in CHINESE.finditer(text):
        if m.end() - m.start() == 1 and text[m.end():m.end() + 1] not in LONE_NUMERAL_NEXT and text[m.start() - 1:m.start()] != "第" \
                and not is_round_amount(text, m.start(), m.end()) and not is_digit_amount(text, m.start(), m.end()):
            continue  # 一个, 统一: a lone numeral is read only as a rank or before a rate unit (figures.py)
        if (followed_by is not None and text[m.end():m.end() + 1] not in followed_by and not m["pct"]
                and text[m.start() - 1:m.start()] != "第"):
            continue
        try:
            v = parse_chinese(m["num"])
        except (ValueError, KeyError):
            continue
        out.append(Num(m.start(), m.end(), v, chinese=True, percent=bool(m["pct"])))
    out.sort(key=_START)
    return out
