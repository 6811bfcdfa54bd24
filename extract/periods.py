"""Reference periods: the words that name them, and their resolution against the document's own year.

A period mention (全年, 上半年, 前三季度, 1-7月, 截至5月末, 8月份, 春节假期, 2025年 …) is found in the
normalised text with its position; a figure takes the last mention before it. A mention without a
year takes the last explicit year before it in its paragraph, else the year implied by the
publication date (never today's date): a month or a holiday later than the publication month belongs
to the year before; annual figures published in January-April are for the year before.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from extract.lexicon import data_rows
from extract.numbers import parse_chinese
from extract.regex_hints import fast, required_strings

log = logging.getLogger(__name__)

_CN = "一二三四五六七八九十两"
_YEAR = r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|去年|上年|本年|前年|明年|当年))?"
_M = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"

HOLIDAY_WORDS = {"春节": "春节", "五一": "五一", "劳动节": "五一", "国庆": "国庆", "十一": "国庆", "中秋": "中秋",
                 "中秋国庆": "中秋国庆", "国庆中秋": "中秋国庆", "中秋和国庆": "中秋国庆", "元旦": "元旦", "清明": "清明",
                 "端午": "端午"}

# The year written before a period word (2024年上半年, 去年春节) is read backwards from the match:
# a pattern that starts with an optional group is tried at every position and is slow.
YEAR_BEFORE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年|(?P<rel>今年|去年|上年|本年|前年|明年|当年))$")
# a five-year plan's years (“十三五”时期 is 2016-2020): 十一五 … 十五五
PLAN_FIRST_YEAR = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}
PATTERNS = [
    # “十三五”期间, 十四五时期, 十四五以来: the plan's years (以来: up to the last year before publication)
    ("plan", re.compile(r"[“\"]?十(?P<n>[一二三四五])五[”\"]?(?:规划)?(?P<how>时期|期间|以来)")),
    ("holiday", re.compile(r"(?P<h>中秋国庆|国庆中秋|中秋和国庆|春节|五一|劳动节|国庆|中秋|元旦|清明|端午|十一(?=假期|黄金周|长假|期间))"
                           r"(?:双节|节|小长假|长假|假期|黄金周|期间|假日)?(?:(?:的|)前(?P<firstn>\d{1,2}|[一二三四五六七八九十]{1,2})天|(?:的|)第(?P<nth>\d{1,2}|[一二三四五六七八九十]{1,2})天)?")),
    # 假期前四天, 长假第三天: days of the holiday named before (kept as a holiday mention once that is known)
    # (前三天, 首日 alone as well: they are kept only after a holiday was named)
    # (沈阳故宫5天累计接待…, 三天接待…: as many days as 前五天, written as the stretch a figure covers; 假期期间:
    # the whole holiday again, after a day of it)
    ("holidaydays", re.compile(r"(?P<whole>(?:小长假|长假|假期|黄金周|假日|节日)期间)|(?:(?:小长假|长假|假期|黄金周|假日)(?:的)?)?(?:前(?P<firstn>\d{1,2}|[一二三四五六七八九十]{1,2})天|(?<!连续)第(?P<nth>\d{1,2}|[一二三四五六七八九十]{1,2})天|(?P<first>首日)"
                               r"|(?<![前第续近头后多\d.点])(?P<spann>\d{1,2}|[二三四五六七八九十]{1,2})天(?=(?:来|内|里|间|时间里|假期|长假|小长假|假日)?(?:共|累计|合计|共计|接待|实现|全省|全市))"
                               r")")),
    # 大年初一至初三, 除夕至初六: days of the lunar new year (kept with 大年, 除夕 or as a range: 初一 alone is a school grade)
    ("lunar", re.compile(r"(?:大年|正月)?(?:初(?P<la>[一二三四五六七八九十])|(?P<eve>除夕))(?:(?:至|到|—|-|~)(?:大年|正月)?初(?P<lb>[一二三四五六七八九十]))?")),
    # 15、16日两天 (the month is the holiday's, named before)
    ("daylist", re.compile(r"(?<![\d月])(?P<d1>\d{1,2})日?(?:、|和|至|-|—)(?P<d2>\d{1,2})日(?=两天|三天|四天|期间|,|，)")),
    ("dayrange", re.compile(r"(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日?\s*(?:-|—|–|~|至|到)\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日")),
    ("day", re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?=当天|当日|全天|一天)")),
    # 当日,沈阳故宫接待游客…: the day named last (第三天, 10月3日), in its sentence only (kept only after a day)
    ("sameday", re.compile(r"(?<![日天])(?:当日|当天)(?=[,，])")),
    ("cutoff_day", re.compile(r"截[至止](?:(?P<y2>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")),
    ("cutoff", re.compile(r"截[至止]" + _YEAR.replace("?P<y>", "?P<y>").replace("?P<rel>", "?P<rel>") + rf"(?P<m>{_M})月(?:末|底|份)?")),
    # 10月5日,沈阳市接待游客…: a date opening a clause of a holiday report (kept only when a holiday is named)
    ("clauseday", re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?=[,，])")),
    ("monthrange", re.compile(rf"(?P<m1>{_M})(?:月份?)?\s*(?:-|—|–|~|至|到)\s*(?P<m2>{_M})月(?:份)?")),
    # (首八个月, 頭兩個月: Hong Kong wording for 前八个月; not 龙头, 码头 …)
    ("firstmonths", re.compile(rf"(?:[前首]|(?<![龙码源镜带车])头)(?P<n>{_M})(?:个)?月")),
    # 首季, 首三季, 頭三季: Hong Kong wording for 一季度, 前三季度
    ("quarters", re.compile(r"(?:(?:前(?P<nq>[一二三两四1-4])个?季度?|(?:首|(?<![龙码源镜带车])头)(?P<nq2>[二三两2-3])季度?)|首(?P<q0>)季度?|(?:第(?P<q>[一二三四1-4])季度?|(?P<qb>[一二三四1-4])季度|(?P<q1>[一二三四1-4])(?:-|—|至|到)(?P<q2>[一二三四1-4])季度))")),
    # 上季, 上一季度 (Hong Kong wording): the last quarter ended before publication
    ("lastquarter", re.compile(r"上一?季度?(?![度末])")),
    # 上月, 上个月 (瀋陽上月CPI按年升0.2%): the last month ended before publication (比上月 is a base: see BASE_BEFORE)
    ("lastmonth", re.compile(r"上个?月(?:份|末|底)?")),
    # 本月以来 (news of the 20th: since the 1st): the month of publication, so far
    ("thismonth", re.compile(r"本月(?:以来|至今)")),
    ("half", re.compile(r"(?P<half>上半年|下半年)")),
    # 9月末, 6月底: a stock at a month's end is that month's
    ("month", re.compile(rf"(?P<m>{_M})月(?:份|末|底)?(?![0-9一二三四五六七八九十]{{1,3}}日|\d)")),
    ("yearend", re.compile(r"(?P<ye>年末|年底|末)")),
    # 今年以来: from January to the last month before publication (the months a release covers)
    ("ytd", re.compile(r"(?P<ytd>今年以来|今年来|年初以来|入年以来|本年以来|年初至今)")),
    ("fullyear", re.compile(r"(?P<fy>全年|年度|一年)")),
    ("year", re.compile(r"(?P<y>(?:19|20)\d{2})年(?![0-9]{1,2}月[0-9]{1,2}日|以来|来|前|后|同期|相比|比)|(?P<rel>今年|去年|上年|本年|前年|明年|过去一年|过去的一年|过去五年|过去的五年|过去5年)(?!同期|以来|来)")),
]
# After a holiday's name: the holiday as a cause (春节错月, 春节因素) or a landmark (春节前, 节后), not a period.
HOLIDAY_NOT_PERIOD = re.compile(r"(?:错月|错期|因素|效应|影响|前后|前夕|临近|来临|过后|之后|以后|以前|之前|前|后)")
# A part that every match of these patterns holds, searched for once in a text before the pattern is: most
# texts hold none, while the pattern itself would be tried at every digit or numeral (the ranges' dash or 至
# with the month or day after it, 前三天/第2天/首日, 初一/除夕).
CORE = {
    "monthrange": re.compile(rf"(?:-|—|–|~|至|到)\s*{_M}月"),
    "dayrange": re.compile(r"(?:-|—|–|~|至|到)\s*(?:\d{1,2}月)?\d{1,2}日"),
    "holidaydays": re.compile(r"[前第](?:\d{1,2}|[一二三四五六七八九十]{1,2})天|首日"),
    "lunar": re.compile(r"初[一二三四五六七八九十]|除夕"),
}
# A year after these is a comparison base or a date, not the period of what follows.
BASE_NOISE = re.compile(r"[“”\"「」『』‘’]|今年|去年|上年|本年|(?:19|20)\d{2}年")
BASE_BEFORE = ("同比", "环比", "比", "较", "与", "同", "相比", "高于", "低于", "较之", "对比", "相当于", "恢复至", "恢复到",
               ",是", "，是")  # (…年均增长35.1%,是2003年的4.5倍)


HEADING = re.compile(r"(?:^|\n)#{1,6} ")
YEAR_IN_LINE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# (the look-behind after the \n: a pattern that opens with a literal is searched for, one that opens with a
# look-behind is tried at every position)
PLAIN_HEADING = re.compile(r"\n(?<=[。！？!?]\n)(?=[^\n。，,；;：:！？!?%]{2,24}\n)")
LOCAL_KINDS = ("half", "quarters", "month", "monthrange", "firstmonths", "cutoff", "ytd", "lastmonth", "thismonth")
CLAUSE_START = re.compile(r"[,，;；:：。！？!?\n]")
SENTENCE_BREAK = re.compile(r"[。！？!?\n]")
OPENER_NOISE = re.compile(r"[\s\d年()（）“”\"]|全省|全市|全区|全县|我省|我市|今年|去年|其中|据统计|统计显示|数据显示")


# the last clause start in a stretch (greedy: the match ends just after it)
_TO_LAST_CLAUSE_START = re.compile(r"[\s\S]*" + CLAUSE_START.pattern)


def _opens_clause(text: str, s: int) -> bool:
    """Whether a period word stands at the head of its clause (前三季度,全省…; 辽宁省1-10月…)."""
    # the clause so far, up to 23 characters back (one regex call instead of a loop over the characters)
    lo = max(0, s - 23)
    m = _TO_LAST_CLAUSE_START.match(text, lo, s)
    head = OPENER_NOISE.sub("", text[m.end() if m else lo:s])
    return len(head) <= 4 and not re.search(r"[这那是也即]", head)


@dataclass
class PeriodMention:
    start: int
    end: int
    kind: str
    year: int | None  # explicit
    rel: int | None  # -1 for 去年, 0 for 今年
    data: dict

    def resolve(self, year: int | None) -> str | None:
        y = self.year if self.year is not None else year
        if y is None:
            return None
        d, k = self.data, self.kind
        if k in ("year", "fullyear", "yearend"):
            return f"{y}"
        if k == "plan":
            return f"{y}-01..{d['y2']}-12"
        if k == "half":
            return f"{y}Q1-Q2" if d["half"] == "上半年" else f"{y}Q3-Q4"
        if k == "quarters":
            a, b = d["q"]
            return f"{y}Q{a}" if a == b else f"{y}Q{a}-Q{b}"
        if k == "month":
            return f"{y}-{d['m']:02d}"
        if k in ("monthrange", "firstmonths", "cutoff", "ytd"):
            a, b = d["m1"], d["m2"]
            if b is None:
                return None  # 今年以来 in a text with no publication date: the months are unknown
            return f"{y}-{a:02d}" if a == b else f"{y}-{a:02d}..{y}-{b:02d}"
        if k == "cutoff_day":
            if (d["m"], d["d"]) == (12, 31):
                return f"{y}"  # 截至12月31日: the year-end stock is the year's, as 年末 is
            return f"{y}-01-01..{y}-{d['m']:02d}-{d['d']:02d}"
        if k == "day":
            return f"{y}-{d['m']:02d}-{d['d']:02d}"
        if k == "dayrange":
            return f"{y}-{d['m1']:02d}-{d['d1']:02d}..{y}-{d['m2']:02d}-{d['d2']:02d}"
        if k == "lunar":
            ny = lunar_new_year(y)
            if ny is None:
                return f"{y}"
            a = date.fromordinal(ny.toordinal() + d["a"])
            b = date.fromordinal(ny.toordinal() + d["b"])
            return a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
        if k == "holiday":
            span = holiday(y, d["h"])
            if span is None:
                # a lunar holiday (端午, 中秋) of a year the calendar does not hold yet: its usual month, not the
                # year (not over when the report comes out: the figures would be dropped as targets)
                return f"{y}-{self.month():02d}" if _after_calendar(y, d["h"]) else f"{y}"
            a, b = span
            if d.get("firstn"):
                b = date.fromordinal(min(a.toordinal() + d["firstn"] - 1, b.toordinal()))
            elif d.get("nth"):
                a = b = date.fromordinal(a.toordinal() + d["nth"] - 1)
            # (a one-day holiday, 2025 元旦, or its first day: a day, written as one)
            return a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
        return f"{y}"

    def month(self) -> int | None:
        """The last month the mention covers (to place it before or after the publication date)."""
        d, k = self.data, self.kind
        if k == "month":
            return d["m"]
        if k in ("monthrange", "firstmonths", "cutoff", "ytd"):
            return d["m2"]
        if k in ("cutoff_day", "dayrange", "day"):
            return d.get("m2") or d["m"]
        if k == "quarters":
            return d["q"][1] * 3
        if k == "half":
            return 6 if d["half"] == "上半年" else 12
        if k == "lunar":
            return 2
        if k == "holiday":
            return {"春节": 2, "元旦": 1, "清明": 4, "五一": 5, "端午": 6, "中秋": 9, "国庆": 10, "中秋国庆": 10}[d["h"]]
        return 12


@lru_cache(maxsize=1)
def _holidays() -> dict[tuple[int, str], tuple[date, date]]:
    out = {}
    for row in data_rows("holidays.tsv"):
        y, h, a, b = row[:4]
        if y != "usual":
            out[(int(y), h)] = (date.fromisoformat(a), date.fromisoformat(b))
    return out


@lru_cache(maxsize=1)
def _usual_breaks() -> dict[str, tuple[str, str]]:
    return {r[1]: (r[2], r[3]) for r in data_rows("holidays.tsv") if r[0] == "usual"}


@lru_cache(maxsize=64)
def _usual_break(year: int, name: str) -> tuple[date, date] | None:
    """The usual break of a holiday in a year the calendar does not hold yet (the State Council's notice for
    next year comes out late in the year): a report on 2027 元旦 keeps its figures, with the usual days."""
    got = _usual_breaks().get(name)
    if got is None:
        return None
    a, b = got
    if "-" in a[1:]:  # month-day
        span = (date.fromisoformat(f"{year}-{a}"), date.fromisoformat(f"{year}-{b}"))
    else:  # days from 正月初一 (春节)
        ny = lunar_new_year(year)
        if ny is None:
            return None
        span = (ny + timedelta(days=int(a)), ny + timedelta(days=int(b)))
    log.warning("holidays.tsv has no %d %s: using the usual break %s..%s; add the year from the State Council's notice",
                year, name, span[0].isoformat(), span[1].isoformat())
    return span


@lru_cache(maxsize=256)
def _in_holiday(name: str, month: int, day: int) -> bool:
    """Whether month-day falls inside the holiday in any year of the calendar."""
    for (y, h), (a, b) in _holidays().items():
        if h == name:
            try:
                if a <= date(y, month, day) <= b:
                    return True
            except ValueError:
                return False
    return False


def holiday(year: int, name: str) -> tuple[date, date] | None:
    got = _holidays().get((year, name))
    if got is None and name in HOLIDAY_STANDS_IN:
        # 中秋国庆假期 in a year when the two are apart (2024): the National Day break the report is about; 中秋 in
        # a year when it falls inside that break (2025): the joint break (not the year, which is not over when
        # the report comes out)
        got = _holidays().get((year, HOLIDAY_STANDS_IN[name]))
    if got is None and year > max(y for y, _ in _holidays()):
        got = _usual_break(year, name)
    return got


HOLIDAY_STANDS_IN = {"中秋国庆": "国庆", "中秋": "中秋国庆"}


@lru_cache(maxsize=64)
def _after_calendar(year: int, name: str) -> bool:
    """Whether `year` comes after the calendar's last year (warned once: the table needs that year's notice)."""
    if year <= max(y for y, _ in _holidays()):
        return False
    log.warning("holidays.tsv has no %d %s: using its usual month; add the year from the State Council's notice",
                year, name)
    return True


@lru_cache(maxsize=1)
def _lunar_new_years() -> dict[int, date]:
    return {int(r[0]): date.fromisoformat(r[1]) for r in data_rows("lunar_new_year.tsv")}


def lunar_new_year(year: int) -> date | None:
    """正月初一 of that Gregorian year (lexicon/lunar_new_year.tsv), None outside the table."""
    return _lunar_new_years().get(year)


def _num(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    try:
        return int(parse_chinese(s))
    except (ValueError, KeyError):
        return None


YEAR_LOOKBACK = 600  # characters
# (过去一年 in a 政府工作报告 is the year it reviews; 过去五年 ends there too: its rates are read as that year's)
REL = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1,
       "过去一年": -1, "过去的一年": -1, "过去五年": -1, "过去的五年": -1, "过去5年": -1}


# Patterns whose every match holds a character at most so far after its start (the first 月 after 12 or 十二,
# the first 日 of 15、16日): tried only just before each such character instead of scanning the text.
NEAR = {"daylist": ("日", 5), "dayrange": ("月", 2), "day": ("月", 2), "month": ("月", 3), "clauseday": ("月", 2),
        # (前十二个月: 月 at most five characters in; 前三季度, 1-3季度: 季 at most three; each once in a match)
        "firstmonths": ("月", 5), "quarters": ("季", 3)}


def _matches(kind: str, pat: re.Pattern, text: str):
    """What `pat.finditer(text)` yields (leftmost first, each after the one before)."""
    if kind not in NEAR:
        return fast(pat).finditer(text)  # the same matches, the scan skips ahead to their first characters
    return _matches_near(pat, text, *NEAR[kind])


def _matches_near(pat: re.Pattern, text: str, ch: str, back: int):
    pos = 0
    k = text.find(ch)
    while k >= 0:
        # a match starting at p holds `ch` within back characters: the leftmost one from pos starts in
        # [k - back, k] for the first `ch` after its start
        for p in range(max(pos, k - back), k + 1):
            m = pat.match(text, p)
            if m is not None:
                yield m
                pos = m.end()
                break
        k = text.find(ch, max(k + 1, pos))


@lru_cache(maxsize=1)
def _scan_plan() -> tuple[tuple[str, re.Pattern, tuple[str, ...] | None, re.Pattern | None, re.Pattern | None], ...]:
    """(kind, pattern, the strings one of which its matches hold or None, the pattern to scan the text with or
    None when it is tried near a character, its CORE or None), made once: looking a pattern up in a dict
    hashes its compiled code, for every pattern of every text."""
    plan = []
    for kind, pat in PATTERNS:
        need = None if (r := required_strings(pat)) is None else tuple(r)
        plan.append((kind, pat, need, None if kind in NEAR else fast(pat), CORE.get(kind)))
    return tuple(plan)


def find_mentions(text: str) -> list[PeriodMention]:
    """Period mentions in a normalised text, sorted, non-overlapping (first pattern wins)."""
    taken = bytearray(len(text) + 1)
    out: list[PeriodMention] = []
    for kind, pat, need, scan, core in _scan_plan():
        # (regex_hints.may_match, inline: it runs for every pattern of every text)
        if need is not None and not any(map(text.__contains__, need)):
            continue  # the text holds none of the words every match holds: the scan is saved
        if core is not None and core.search(text) is None:
            continue  # nor the part every match holds
        # (what _matches yields)
        for m in (scan.finditer(text) if scan is not None else _matches_near(pat, text, *NEAR[kind])):
            s, e = m.start(), m.end()
            if e == s or taken.find(1, s, e) >= 0:  # (any(taken[s:e]) without the copy)
                continue
            g = m.groupdict()  # (a new dict on every call)
            if kind not in ("year", "cutoff", "plan"):
                yb = YEAR_BEFORE.search(text, max(0, s - 5), s)
                if yb and taken.find(1, yb.start(), s) < 0:
                    s = yb.start()
                    g["y"], g["rel"] = yb["y"], yb["rel"]
            y = int(g["y"]) if g.get("y") else (int(g["y2"]) if g.get("y2") else None)
            rel = REL.get(g.get("rel") or "")
            data: dict = {}
            before = BASE_NOISE.sub("", text[max(0, s - 9):s])
            if before.endswith(BASE_BEFORE):
                # 比2019年同期, 环比今年“五一”: a comparison base, not the period (nor is a part of it: 比1-9月份
                # holds 9月份)
                taken[s:e] = b"\x01" * (e - s)
                continue
            if kind == "plan":
                y = PLAN_FIRST_YEAR[g["n"]]
                # (its sentence only: the figures after it are for the text's own period again)
                data.update(y2=y + 4, end=y + 4, local=True)  # (y2: the years over when the text came out)
            elif kind in ("holiday", "holidaydays"):
                if kind == "holiday" and HOLIDAY_NOT_PERIOD.match(text, e):
                    continue  # 受春节错月影响, 春节前: the holiday as a cause or a landmark, not the period
                data["h"] = HOLIDAY_WORDS[g["h"]] if kind == "holiday" else None
                data["firstn"] = _num(g.get("firstn") or g.get("spann"))
                data["nth"] = 1 if g.get("first") else _num(g.get("nth"))
            elif kind == "lunar":
                if not (g.get("lb") or g.get("eve") or text.startswith(("大年", "正月"), s) or text.startswith(("当天", "当日"), e)):
                    continue
                a = -1 if g.get("eve") else _num(g["la"]) - 1
                b = _num(g["lb"]) - 1 if g.get("lb") else a
                if b < a:
                    continue
                data.update(a=a, b=b, local=True)  # (其中,大年初一至初三,…: that sentence's days only)
            elif kind == "dayrange":
                m1, d1, d2 = int(g["m1"]), int(g["d1"]), int(g["d2"])
                m2 = int(g["m2"]) if g.get("m2") else m1
                if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and 1 <= d1 <= 31 and 1 <= d2 <= 31):
                    continue
                data.update(m1=m1, d1=d1, m2=m2, d2=d2)
            elif kind == "daylist":
                d1, d2 = int(g["d1"]), int(g["d2"])
                if not 1 <= d1 < d2 <= 31:
                    continue
                data.update(d1=d1, d2=d2)
            elif kind in ("cutoff_day", "day", "clauseday"):
                data.update(m=int(g["m"]), d=int(g["d"]))
                if not (1 <= data["m"] <= 12 and 1 <= data["d"] <= 31):
                    continue
            elif kind == "cutoff":
                mm = _num(g["m"])
                if not mm or not 1 <= mm <= 12:
                    continue
                data.update(m1=1, m2=mm)
            elif kind == "monthrange":
                a, b = _num(g["m1"]), _num(g["m2"])
                if not a or not b or not (1 <= a <= b <= 12):
                    continue
                data.update(m1=a, m2=b)
                if text.startswith("平均", e):
                    # 1-10月平均,…: the year-to-date average of a monthly (CPI) release, in its sentence only;
                    # the sentences after it are the month's again
                    data["local"] = True
            elif kind == "firstmonths":
                n = _num(g["n"])
                if not n or not 1 <= n <= 12:
                    continue
                data.update(m1=1, m2=n)
            elif kind == "quarters":
                if g.get("q0") is not None:
                    data["q"] = (1, 1)
                elif g.get("nq") or g.get("nq2"):
                    n = _num(g["nq"] or g["nq2"])
                    data["q"] = (1, n)
                elif g.get("q") or g.get("qb"):
                    q = _num(g["q"] or g["qb"])  # (第三季: Hong Kong wording for 三季度)
                    data["q"] = (q, q)
                else:
                    data["q"] = (_num(g["q1"]), _num(g["q2"]))
                if not all(1 <= q <= 4 for q in data["q"]):
                    continue
            elif kind == "half":
                data["half"] = g["half"]
            elif kind == "ytd":
                # m2 and the year are set from the publication date (PeriodResolver). Local to its sentence:
                # 今年以来,形势…复杂 opens a passage whose figures keep the release's own period (前10个月)
                data.update(m1=1, m2=None, local=True)
            elif kind == "month":
                mm = _num(g["m"])
                if not mm or not 1 <= mm <= 12:
                    continue
                # 3月份 alone is a month; 3月 inside a clause (于3月启动) is a date: keep a bare month only with
                # 份 or a year (or 末/底: 9月末 is the month a stock is measured at), or when it heads its
                # clause, as monthly releases write it (8月,全市CPI…; 沈阳8月CPI…)
                if not (text[s:e].endswith(("份", "末", "底")) or y or rel is not None or _opens_clause(text, s)):
                    continue
                data["m"] = mm
                if text[s:e].endswith(("末", "底")) and any(o.kind in ("quarters", "half", "monthrange", "firstmonths", "cutoff")
                                                            for o in out):
                    # 9月末,贷款余额…: in a release for a longer period (前三季度), a month-end stock is that
                    # sentence's; the flows after it keep the release's period
                    data["local"] = True
            elif kind == "yearend" and g.get("ye") == "末" and y is None and rel is None:
                continue
            elif kind == "fullyear" and g.get("fy") == "一年" and y is None and rel is None:
                continue
            if kind == "year" and y is None and rel is None:
                continue
            if kind == "year" and text[max(0, s - 1):s] in ("从", "由"):
                data["local"] = True  # 从2008年的62.5%提高到70.8%: a starting point, not the period of what follows
            elif kind in ("day", "clauseday"):
                data["local"] = True  # 10月5日当天,…: that day's figures, in that sentence only
            elif kind in LOCAL_KINDS and not _opens_clause(text, s):
                # 这也是上半年经济增速与全国持平后: a sub-period named inside a clause is not the period of
                # the sentences after it
                data["local"] = True
            taken[s:e] = b"\x01" * (e - s)
            out.append(PeriodMention(s, e, kind, y, rel, data))
    out.sort(key=lambda p: p.start)
    # 春节假期前六天(2月15日-20日) … 春节假期: later mentions of the holiday keep the days first named
    days: dict[str, dict] = {}
    last_h = None
    kept: list[PeriodMention] = []
    named = {m.data["h"] for m in out if m.kind == "holiday"}
    for m in out:
        if m.kind == "sameday":
            day = next((k for k in reversed(kept) if k.kind == "day" or (k.kind == "holiday" and k.data.get("nth"))), None)
            if day is not None:
                kept.append(PeriodMention(m.start, m.end, day.kind, day.year, day.rel, dict(day.data, local=True)))
            continue
        if m.kind == "clauseday":
            # (a day of the holiday in some year: 10月8日,记者从…获悉 after the holiday is the report's date)
            if any(_in_holiday(h, m.data["m"], m.data["d"]) for h in named) and _opens_clause(text, m.start):
                m.kind = "day"
                kept.append(m)
            continue
        if m.kind == "holidaydays":
            if last_h is not None:
                # (the days of this mention are its own: they are not passed on to later mentions)
                data = dict(m.data, h=last_h.data["h"])
                if not (data["firstn"] or data["nth"]) and data["h"] in days:
                    data.update(days[data["h"]])  # 假日期间 in a report on 前六天: the days the report covers
                kept.append(PeriodMention(m.start, m.end, "holiday", last_h.year, last_h.rel, data))
            continue
        kept.append(m)
        if m.kind != "holiday":
            continue
        last_h = m
        key = m.data["h"]
        if m.data.get("firstn"):
            # (not a single day: 国庆假期第五天 … 国庆假期前五天 … 国庆假期全市…: a later mention is not that day)
            days[key] = {"firstn": m.data.get("firstn"), "nth": None}
        elif key in days and m.year is None and m.rel is None:
            m.data.update(days[key])
    return kept


def _to_date(published) -> date | None:
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        return _str_date(published)
    raise TypeError(f"published must be a date, datetime, ISO string or None, got {type(published).__name__}")


@lru_cache(maxsize=1024)  # pure; every text of a batch has its date parsed again
def _str_date(published: str) -> date:
    s = published.strip()
    m = re.match(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as e:
            raise ValueError(f"published is not a valid date: {published!r}") from e
    m = re.match(r"((?:19|20)\d{2})$", s)
    if m:
        return date(int(m[1]), 12, 31)
    raise ValueError(f"published is not an ISO date: {published!r}")


URL_DATE = [re.compile(r"(?<!\d)((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?!\d)"), re.compile(r"/((?:19|20)\d{2})(\d{2})/")]


def reference_date(published, url: str | None, title: str | None, text: str) -> tuple[date | None, str]:
    """The document's own date (publication, else URL), and where it came from."""
    d = _to_date(published)
    if d:
        return d, "published"
    if url:
        for pat in URL_DATE:
            m = pat.search(url)
            if m:
                try:
                    dd = int(m[3]) if m.lastindex and m.lastindex >= 3 else 28
                    return date(int(m[1]), int(m[2]), dd), "url"
                except ValueError:
                    pass
    return None, "none"


# the document's own report: 2023年沈阳市政府工作报告 (given early in 2023), 2022年…统计公报 (early 2023)
REPORT_TITLE = re.compile(r"((?:19|20)\d{2})\s*年[^\n。,，]{0,16}?(政府工作报告|国民经济和社会发展统计公报|统计公报)")


def _report_date(title: str | None, text: str) -> tuple[date, bool] | None:
    """The date a government work report or a statistical bulletin speaks from, when its heading names it, and
    whether it is a bulletin (of a year that must be over when it comes out)."""
    for src in (title or "", text[:200]):
        m = REPORT_TITLE.search(src) if "报" in src else None  # (both names hold 报: mostly no scan)
        if m:
            y = int(m[1])
            return (date(y, 2, 15), False) if m[2] == "政府工作报告" else (date(y + 1, 3, 31), True)
    return None


# periods that run from the start of the year (1-9月, 前三季度, 上半年, 今年以来, 截至9月底)
CUMULATIVE_KINDS = ("monthrange", "firstmonths", "quarters", "half", "ytd", "cutoff")


class PeriodResolver:
    """Resolves the period of a figure at a position of the normalised text."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], published=None, url=None, title=None,
                 hard_wrapped: bool | None = None):
        self.mentions = find_mentions(text)
        self.text = text
        self._headings: list[int] | None = None
        self._year_back: dict[int, int | None] = {}  # paragraph start → the year named up to 3 paragraphs back
        self._resolved: dict[tuple[int, int, int, int], tuple[str | None, PeriodMention | None]] = {}
        self._starts = [m.start for m in self.mentions]
        self.ref, self.ref_from = reference_date(published, url, title, text)
        for m in self.mentions if self.ref is not None else ():
            if m.kind == "ytd":  # 今年以来 in a release of 15 August: January to July of that year
                m.year, m.data["m2"] = self.ref.year, max(1, self.ref.month - 1)
            elif m.kind == "plan" and m.data["y2"] >= self.ref.year:
                # a plan not over when the text came out: the years of it that are (十四五以来 in 2025: 2021-2024)
                m.data["y2"] = max(m.year, self.ref.year - 1)
            elif m.kind == "lastquarter":  # 上季 in a report of 10 November: the third quarter
                q = (self.ref.month - 1) // 3
                m.kind, m.year, m.data["q"] = "quarters", self.ref.year if q else self.ref.year - 1, (q or 4, q or 4)
            elif m.kind == "lastmonth":  # 上月 in a report of 20 April: March
                m.kind, m.year, m.data["m"] = "month", self.ref.year - (self.ref.month == 1), (self.ref.month - 2) % 12 + 1
            elif m.kind == "thismonth":  # 本月以来 in a report of 20 April: April
                m.kind, m.year, m.data["m"] = "month", self.ref.year, self.ref.month
        relative = ("lastquarter", "lastmonth", "thismonth")
        if any(m.kind in relative for m in self.mentions):  # (undated: the period is unknown)
            self.mentions = [m for m in self.mentions if m.kind not in relative]
            self._starts = [m.start for m in self.mentions]
        for m in self.mentions if "政府工作报告" in text else ():  # (what the check below needs: mostly absent)
            if m.kind == "year" and m.year is not None and re.match(r"\s*年?[^\n。,，]{0,14}?政府工作报告", text[m.end:m.end + 24]):
                m.data["report"] = True  # 2024年政府工作报告 looks back on 2023: its year anchors nothing
        if "政府工作报告" in text:
            # (nor is it the period of the figures after it: the title is no period mention)
            self.mentions = [m for m in self.mentions if not m.data.get("report")]
            self._starts = [m.start for m in self.mentions]
        own, bulletin = _report_date(title, text) or (None, False)
        if own is not None and (self.ref is None or own < self.ref or (bulletin and self.ref.year < own.year)):
            # a 2023年政府工作报告 reposted in 2024 speaks from early 2023: 去年, 全年 are 2022; a 2023年…统计公报
            # "published" before 2023 was over carries a wrong date (a mirror's, a crawl's): it speaks from 2024
            self.ref, self.ref_from = own, "report"
        years = [m.year for m in self.mentions if m.year]
        if title:
            years += [int(y) for y in re.findall(r"((?:19|20)\d{2})年", title)]
        self.text_years = years
        self.paragraphs = paragraphs
        self._para_starts: list[int] | None = None  # starts of the non-blank paragraphs
        self._all_para_starts: list[int] | None = None
        if hard_wrapped is None:  # (extract_figures tells: the lengths are sorted only when it does not)
            lengths = sorted(e - s for s, e in paragraphs if e - s > 1)
            # a PDF copy: many short lines, each a "paragraph"
            hard_wrapped = len(lengths) >= 10 and lengths[len(lengths) // 2] < 40
        self.hard_wrapped = hard_wrapped

    def _default_year(self, mention: PeriodMention | None) -> int | None:
        if self.ref is None:
            if self.text_years:
                return max(set(self.text_years), key=self.text_years.count)
            return None
        y, month = self.ref.year, self.ref.month
        if mention is None or mention.kind in ("year", "fullyear", "yearend"):
            # a full year is reported after it ends: before December it is the year before
            return y - 1 if month < 12 else y
        last = mention.month() or 12
        if mention.kind == "holiday":
            span = holiday(y, mention.data["h"])
            if span and span[0] > self.ref:
                return y - 1
            return y
        if mention.kind == "lunar":
            ny = lunar_new_year(y)
            return y - 1 if ny and ny.toordinal() + mention.data["a"] > self.ref.toordinal() else y
        if mention.kind in ("quarters", "half"):
            # a quarter or half-year is reported after it ends: 一季度 published in March is last year's
            return y if last < month else y - 1
        return y if last <= month else y - 1

    def _previous_paragraph_start(self, para_start: int) -> int | None:
        """The start of the paragraph before (blank lines skipped), or None."""
        if self._para_starts is None:  # built once, on the first 全年 that needs it
            self._para_starts = [s for s, e in self.paragraphs if e - s > 1]
        starts = self._para_starts
        i = bisect.bisect_left(starts, para_start)
        return starts[i - 1] if i > 0 else None

    def _heading_between(self, a: int, b: int) -> bool:
        if self._headings is None:
            # headings that name a year (## 数说2024; in a page's text, which keeps no markdown, a short line
            # without punctuation after a finished sentence): a subtitle without a year continues the story
            found = {m.start() for m in HEADING.finditer(self.text)} if "#" in self.text else set()
            if not self.hard_wrapped:
                found |= {m.start() for m in PLAIN_HEADING.finditer(self.text)}
            self._headings = sorted(h for h in found if YEAR_IN_LINE.search(self.text, h + 1, self._line_end(h)))
        i = bisect.bisect_left(self._headings, a)
        return i < len(self._headings) and self._headings[i] < b

    def _resolve_in_section(self, pos: int, para_start: int) -> tuple[str | None, PeriodMention | None]:
        """The period of a figure in a section that names none before it: the year its heading gives."""
        h = self._headings[bisect.bisect_left(self._headings, pos) - 1]
        year = int(YEAR_IN_LINE.search(self.text, h + 1, self._line_end(h)).group())
        return f"{year}", None

    def _line_end(self, h: int) -> int:
        e = self.text.find("\n", h + 1)
        return len(self.text) if e < 0 else e

    def _paragraph_start(self, pos: int) -> int:
        if self._all_para_starts is None:  # built once, not on every call
            self._all_para_starts = [s for s, _ in self.paragraphs]
        i = bisect.bisect_right(self._all_para_starts, pos) - 1
        return self.paragraphs[i][0] if i >= 0 else 0

    def _year_before(self, pos: int, para_start: int) -> int | None:
        # the mentions are sorted: walk back from the last one before pos (called for most figures)
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.start < para_start:
                break
            if m.data.get("report") or m.kind == "plan":  # a reposted report's title year, a plan's first year anchor nothing
                i -= 1
                continue
            if m.year is not None:
                return m.year
            if m.rel is not None and self.ref is not None:
                return self.ref.year + m.rel  # 今年,… 全年: the year named last
            i -= 1
        return None

    def _mention_year(self, mention: PeriodMention, para_start: int) -> int | None:
        if mention.year is not None:
            return mention.year
        if mention.rel is not None and self.ref is not None:
            return self.ref.year + mention.rel
        return self._year_before(mention.start, para_start) or self._default_year(mention)

    def _days_to_cutoff(self, hol: PeriodMention, cut: PeriodMention, para_start: int) -> str | None:
        """The days of a holiday (or a range of days) up to a cut-off inside it, else None."""
        y = self._mention_year(hol, para_start)
        if not y:
            return None
        if hol.kind == "holiday":
            span = holiday(y, hol.data["h"])
            if span is None:
                return None
            a, b = span[0].isoformat(), span[1].isoformat()
        else:
            r = hol.resolve(y)
            if not r or ".." not in r or len(r) <= 12:
                return None
            a, b = r.split("..")
        cy = self._mention_year(cut, para_start) or y
        end = f"{cy}-{cut.data['m']:02d}-{cut.data['d']:02d}"
        if not a <= end <= b:
            return None
        return a if a == end else f"{a}..{end}"

    def resolve(self, pos: int, para_start: int) -> tuple[str | None, PeriodMention | None]:
        li_pos = bisect.bisect_left(self._starts, pos) - 1
        li = li_pos
        # a mention local to its sentence (a starting point, a sub-period inside a clause) stops there
        while li >= 0 and self.mentions[li].data.get("local") and SENTENCE_BREAK.search(self.text, self.mentions[li].end, pos):
            li -= 1
        if li >= 0 and self.mentions[li].kind == "month" and self.mentions[li].start < para_start:
            li = self._running_total_of(li)
        # the rest depends on pos only through the last mention before it (li_pos), the one in force (li) and
        # the headings before it: memoised on those (the figures of a sentence share them)
        self._heading_between(0, 0)  # (lists the headings)
        key = (li_pos, li, bisect.bisect_left(self._headings, pos), para_start)
        got = self._resolved.get(key)
        if got is None:
            got = self._resolved[key] = self._resolve(pos, para_start, li)
        if got[1] is not None and got[1].kind == "holiday" and got[1].data.get("nth") and got[0] and len(got[0]) == 10:
            return self._cumulative_to_day(got, pos)
        return got

    def _running_total_of(self, li: int) -> int:
        """1-9月,…。9月份,…。\n分县(市)区看,…: a single month named inside a paragraph whose period runs to that
        month is that paragraph's aside; the paragraphs after it go on with the running total (1-9月)."""
        m = self.mentions[li]
        ps = self._paragraph_start(m.start)
        for j in range(li - 1, -1, -1):
            o = self.mentions[j]
            if o.start < ps:
                break
            if o.kind in CUMULATIVE_KINDS and o.month() == m.month() and (o.year is None or o.year == m.year):
                return j
        return li

    def _cumulative_to_day(self, got: tuple[str, PeriodMention], pos: int) -> tuple[str, PeriodMention]:
        """国庆假期第五天,…。全省铁路累计发送旅客…: a cumulative figure under a day of the holiday is for the
        days up to it (当日累计 stays the day's)."""
        day, m = got
        br = list(SENTENCE_BREAK.finditer(self.text, m.end, pos))
        seg = self.text[br[-1].end() if br else m.end:pos]
        if "累计" not in seg or re.search(r"当日|当天|全天", seg):
            return got
        span = holiday(int(day[:4]), m.data["h"])
        if span is None or not span[0].isoformat() < day:
            return got
        return f"{span[0].isoformat()}..{day}", m

    def _resolve(self, pos: int, para_start: int, li: int) -> tuple[str | None, PeriodMention | None]:
        last = self.mentions[li] if li >= 0 else None
        if last is not None and self._heading_between(last.end, pos):
            # a markdown heading (## 数说2024) starts a new section: what the section before named stops there
            return self._resolve_in_section(pos, para_start)
        if last is None:
            # a headline figure before any period word: the document's first period word names it
            last = next((m for m in self.mentions if m.kind not in ("year",)), None)
        if last is not None and last.kind == "year" and last.year is not None:
            # 截至12月16日,2009年…: the year completes the period word just before it
            if li > 0:
                prev = self.mentions[li - 1]
                if prev.kind != "year" and prev.year is None and prev.rel is None and 0 <= last.start - prev.end <= 2:
                    last = PeriodMention(prev.start, last.end, prev.kind, last.year, None, prev.data)
                    li -= 1
        if last is not None and last.kind == "daylist":
            # the month of the holiday named before, when the days fall inside it; else the mention names nothing
            hol = next((m for m in reversed(self.mentions[:max(li, 0)]) if m.kind == "holiday"), None)
            span = None
            if hol is not None:
                hy = self._mention_year(hol, para_start)
                span = holiday(hy, hol.data["h"]) if hy else None
            if span is not None and span[0].day <= last.data["d1"] and last.data["d2"] <= span[1].day and span[0].month == span[1].month:
                y, mth = span[0].year, span[0].month
                return f"{y}-{mth:02d}-{last.data['d1']:02d}..{y}-{mth:02d}-{last.data['d2']:02d}", last
            li -= 1
            last = self.mentions[li] if li >= 0 else None
        if last is not None and last.kind == "cutoff_day":
            # 截至2月13日 inside a holiday report: the holiday's days up to it (国庆假期第五天…。截至10月5日,全省
            # 累计…: the first five days), not the year's
            prev = next((m for m in reversed(self.mentions[:max(li, 0)]) if m.kind in ("holiday", "dayrange")), None)
            days = self._days_to_cutoff(prev, last, para_start) if prev is not None else None
            if days is not None:
                return days, prev
        if last is not None and last.kind == "holiday" and not (last.data.get("firstn") or last.data.get("nth")) and li > 0:
            # 截至10月5日,国庆假期全省累计…: the cut-off just before the holiday ends its days
            cut = self.mentions[li - 1]
            if cut.kind == "cutoff_day" and not SENTENCE_BREAK.search(self.text, cut.end, last.start):
                days = self._days_to_cutoff(last, cut, para_start)
                if days is not None:
                    return days, last
        mention = last
        year = None
        if mention is not None:
            if mention.year is not None:
                year = mention.year
            elif mention.rel is not None:
                base = self.ref.year if self.ref else (self._default_year(None) or None)
                if base is not None:
                    # (undated, 过去的一年 is the year the text talks about, not the one before it)
                    past = self.ref is None and self.text[mention.start:mention.start + 2] == "过去"
                    year = base if past else base + mention.rel
            else:
                # a mention in an earlier paragraph is read where it stands (its paragraph, the one before it)
                mp = para_start if mention.start >= para_start else self._paragraph_start(mention.start)
                year = self._year_before(mention.start, mp) or self._year_before(pos, para_start)
                if year is None and mention.kind == "fullyear":
                    # …确定10个项目为沈阳市2025年民生实事。\n聚焦…,全年提供15万个就业岗位: 全年 opening a
                    # paragraph is the year the paragraph before named
                    # paragraph is the year the paragraph before named (up to three paragraphs back: a list of
                    # 2025年民生实事 runs over several)
                    if mp not in self._year_back:
                        prev_start = self._previous_paragraph_start(mp)
                        for _ in range(3):
                            if prev_start is None or year is not None:
                                break
                            year = self._year_before(mp, prev_start)
                            prev_start = self._previous_paragraph_start(prev_start)
                        self._year_back[mp] = year  # the same for every figure of the paragraph
                    year = self._year_back[mp]
                if year is None and self.hard_wrapped:
                    # hard-wrapped text (PDF copies) breaks paragraphs: an explicit year shortly before counts
                    year = self._year_before(mention.start, max(0, mention.start - YEAR_LOOKBACK))
                if year is None:
                    year = self._default_year(mention)
        else:
            year = self._default_year(None)
        if mention is None:
            return (f"{year}" if year else None), None
        return mention.resolve(year), mention
