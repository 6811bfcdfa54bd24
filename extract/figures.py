"""Figures from a text: numbers with units, their kind, sign, qualifier, indicator, period and region.

Pure function of its inputs (no database, no network, no clock): `extract_figures(text, ...)`.
The text is normalised (normalize.py) and everything is found in the working copy; offsets and the
evidence sentence are mapped back to the text as given.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from extract import indicators as ind
from extract.figure import Figure
from extract.normalize import join_wrapped_lines, normalize
from extract.numbers import Num, find_numbers, is_digit_amount, is_round_amount
from extract.periods import PeriodResolver
from extract.regex_hints import fast
from extract.regions import canonical_level, city_of, document_region, find_mentions as find_regions, province_of, venue_mentions
from extract.segment import lcut_no_hmm
from extract.tables import TableReader, find_tables
from extract.units import Unit, UnitMatch, match_unit

PARA_SEP = re.compile(r"\n+")
SENT_END = re.compile(r"[。！？!?\n]")
# (】 closes a dateline or a label, 【香港商報網訊】首三季…, 【数说2024】: not a footnote mark, 工业【4】增加值)
CLAUSE_SEP = re.compile(r"[,，;；:：。！？!?\n]|(?<!\d)】")
LIST_SEP = re.compile(r"^(?:、|和|及|与|以及|,|，)$")

GROWTH_WORDS = ("增长", "增加", "上涨", "上升", "提高", "提升", "增", "涨", "升", "下降", "降低", "减少", "下跌", "回落",
                "缩小", "减", "降", "跌", "增速", "增幅", "涨幅", "降幅", "升幅", "跌幅", "同比", "环比", "扩大", "负增长", "萎缩", "下滑",
                "收窄", "翻", "放缓", "加快")
# (跌幅, 升幅: Hong Kong papers' 降幅, 涨幅; 粮食…比上年减产8.2%)
NEG_WORDS = ("下降", "降低", "减少", "下跌", "回落", "缩小", "减", "降", "跌", "负增长", "降幅", "跌幅", "萎缩", "下滑", "收窄", "放缓",
             "减产", "减收")
SHARE_WORDS = ("占比", "比重", "占", "比例", "份额", "率", "覆盖率", "达标率", "普及率", "城镇化率")
GROWTH_RATE_NAMES = ("增长率", "增速", "增幅", "涨幅", "降幅", "升幅", "跌幅", "自然增长率")
# the comparison base of a rate, as written (同比, 环比, 比上年, 比2019年同期, 两年平均, 环比今年“五一”)
BASE_RE = re.compile(r"两年平均|三年平均|年均|(?:比|较|与)(?:(?:19|20)\d{2}年|上年|去年|上月|年初|上年末|今年)(?:同期)?(?:末)?|"
                     r"环比(?:今年|去年)?[“\"]?(?:五一|春节|国庆|端午|中秋|清明)?[”\"]?|同比")
QUAL_BEFORE = [("approaching", ("接近", "逼近", "将近", "近")), ("approx", ("大约", "约为", "约合", "约")),
               ("over", ("超过", "突破", "冲破", "超越", "超", "逾", "高达", "多达", "不少于", "不低于", "迈上", "跨上", "迈过", "站上",
                         "跃上", "破")),  # (破2,000億元, 衝破, 超越: Hong Kong papers)
               ("under", ("不足", "不到", "少于", "不超过", "低于"))]
QUAL_AFTER = [("approx", ("左右", "上下")), ("over", ("以上", "余", "多")), ("under", ("以下", "以内", "之内"))]
_QUAL_BEFORE_LAST = frozenset(w[-1] for _, words in QUAL_BEFORE for w in words)
_QUAL_AFTER_FIRST = frozenset(w[0] for _, words in QUAL_AFTER for w in words) | {"左"}
WORD_BEFORE_YUE = set("签制节条预契邀公合履特盟集大")
WORD_BEFORE_JIN = set("最附临靠接将逼赶")
WORD_BEFORE_PO = set("打击攻爆识看")
RIGHT_STOP = re.compile(r"(?:完成|实现|投入|入选|获评|达到|通过|开展|建成|成为|扮靓|焕新|持续|惠及|在|被|已|均|全部|正式|顺利|成功|享受|参与|参加|覆盖)")
RANK_UNIVERSE = re.compile(r"(?:在|于)?(?:全国|全省|全市|同类|[^,，。;；]{0,8}?)\d*个?[^,，。;；]{0,10}?中")
RANK_BEFORE = re.compile(r"(?:排名?|居|列|位列|位居|排在|名列|跃居|升至|跃升至|位于|保持|稳居|列居)[^,，。;；]{0,10}$")
RANK_UNITS = ("位", "名", "比特")
RANK_MOVE_VERB = re.compile(r"(?<=排名|排位|位次|名次)(?:提升|上升|提高|前移|前进|跃升|下降|下滑|后退|后移|回落)了?$")
RANK_MOVE = re.compile(r"(?:排名|排位|位次|名次)(?:(?:提升|上升|提高|前移|前进|跃升)|(?P<down>下降|下滑|后退|后移|回落))了?$")
# a number+unit followed by these is a threshold in a definition, not a figure (3000万元以上的项目)
# (年产品销售收入500万元以上非国有工业企业: a few words may describe the firms between 以上 and 企业)
THRESHOLD_AFTER = re.compile(r"^(?:及以上|以上的|以上[^,，;；:：。、()\d]{0,6}?(?:企业|项目|单位)|以下的)")
PLANNED = re.compile(r"计划(?:投资|完成|总投资|新建|建设)?$|目标(?:为|是)?$")
CONTRIBUTION = re.compile(r"(?:拉动|带动)[^,，。;；]*$|(?<!受)影响[^,，。;；]{0,12}(?:上涨|下降|上升|增长)[^,，。;；]{0,3}$")
BENCHMARK_GAP = re.compile(r"(?:比|较|高于|低于|快于|慢于|超过|超出)[^,，;；]{0,6}(?:全国|全省|全市|平均|各省|同类|经济增速|经济增长|GDP增速|生产总值增速)")
# 与2010年第六次全国人口普查的8106171人相比: the value of the base, for the base's year
BASE_VALUE = re.compile(r"(?:[与同和比较])(?P<y>(?:19|20)\d{2})年[^,，。;；\d]{0,20}?的$")
# …相比,十年共增加963922人: a change stated after a comparison clause
AFTER_COMPARISON_CLAUSE = re.compile(r"(?:相比|比较|相较)[,，][^,，。;；]*$")
BARE_CHANGE = re.compile(r"(?:共|累计|净)?(?:增加|减少|增|减|多|少)了?")
ABS_CHANGE = re.compile(r"(?:增加|减少|增长|下降|提高|降低|增产|减产|多|少|增|减)(?:了)?$")
BASE_WORD = re.compile(r"同比|环比|比上年|比去年|较上年|较去年|比年初|较年初|比20\d\d年|较20\d\d年|同期")
UNIVERSE_AFTER = re.compile(r"^[^\d,，。;；、:：!?！？]{1,10}中(?:[,，]|有|排|居|列|位)")
AFTER_NOT_COUNT = re.compile(r"^(?:月|季度|小时|工作日|年度|周|星期|百分点)")
CURRENCY_BEFORE = ("人民币", "港币", "港元")
LABEL_CHARS = set("+＋⁄")  # (⁄: NFKC spells ¼ as 1⁄4, a fraction this extractor does not read)
# 全省首位, 全国第17, 全市平均: the region is the universe of a rank or a benchmark, not the figure's
SELF_BENCHMARK = re.compile(r"(?:首位|第|排|前列|前|中|平均|水平|的|遥遥|领先|率先|范围)")
# (占全省进出口总值的20.3%: the whole a share is of; its place is not the figure's)
BENCHMARK_BEFORE = re.compile(r"(?:(?<![同环])比|较|高于|低于|快于|慢于|超过|和|与|占|拉动|带动)$|(?:(?<![同环])比|高于|低于)[^,，。;；]{0,5}(?:和|、)$")
COMPARISON = re.compile(r"(?:同比|环比|(?<![同环占对无相好可])比(?!重|例|率)|(?<!比)较|高于|低于|快于|慢于|好于(?![一二三]级|国家)|相比|与上年|与去年|"
                        r"[与同和](?=(?:19|20)\d{2}年))")
NAME_WITH_GROWTH_WORD = re.compile(r"增加值|增值税|增长率|增长点|增速(?=排)|增长面|下降面|增长的?贡献率")  # (增长面: the share of units that grew; 对经济增长的贡献率: a share of the growth)
CN_SINGLE_UNITS = ("%", "‰", "倍", "成", "个百分点", "百分点")
FROM_YEAR_TO = re.compile(r"(?:从|由)(?:(?P<y>(?:19|20)\d{2})年(?:末|底)?|上半年|一季度|前三季度|[一二三四]季度|\d{1,2}(?:-\d{1,2})?月(?:份)?|上月|"
                          r"上年同期|去年同期)的[^,，。;；]*?(?:提高到|提高至|升至|增至|上升到|上升至|下降到|降至|增加到|减少到|达到|转为)(?:增长|下降|上涨|回落)?$")
LAST_YEAR_SAME_TIME = re.compile(r"(?:由|从)(?:上年|去年)同期的[^,，。;；\d]{0,6}$")
# 沈阳GDP占全省比重为26.9%, 铁西区产值佔全市三成: the region after 占 is the whole, not the figure's region
SHARE_OF_BEFORE = re.compile(r"[占佔](?:到|了)?$")
UNIVERSE_AFTER_REGION = re.compile(r"率先|首|排|第|中|范围|内")
DIGITS = re.compile(r"\d")
RATE_BASES = ("%", "百分点", "倍", "成", "‰")
RANK_OF_GROWTH = re.compile(r"增幅|增速|增长率|涨幅|增长")
RANK_OF_LEVEL = re.compile(r"^[,，]?(?:经济)?(?:总量|规模|总额)")
# what may stand between a unit-less number and the next one whose unit it takes (4.8、3和0.2个百分点; 10-20亿元)
LIST_GAPS = ("、", "和", "及", "与", "-", "—", "–", "~", "至", "到", "或", ",")
QUOTES_OPEN = frozenset("“「『\"《")  # (a set: the empty string at either end of the text is no quote)
QUOTES_CLOSE = frozenset("”」』\"》")
# compiled once (re.match(str, …) looks its pattern up in re's cache on every call)
RANK_WORD_END = re.compile(r"(?:排名|排|居|列|位)$")
LATIN = re.compile(r"[A-Za-z]")
PERIOD_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")
PERIOD_QH = re.compile(r"Q(\d)$|H(\d)$")
YEAR_END_TAIL = re.compile(r"(?:(?:19|20)\d{2}年)?(?:末|底)?的?$")
RIGHT_WORD = re.compile(r"[\u4e00-\u9fff“”\"「」A-Za-z0-9]{1,20}")
ASCII_DIGIT = re.compile(r"[0-9](?![0-9]*[A-Za-z])")  # (5G, 4A级 are names, not the next number)
DEFINING_PREDICATE = re.compile(r"(?:入选|获评|达到|建成|享受)")


@dataclass
class Cand:
    num: Num
    um: UnitMatch | None
    start: int
    end: int  # end of the unit (or number) in the working copy
    value: float
    unit: Unit | None
    rank: bool = False
    qualifier: str | None = None
    inherited: bool = False
    kind: str = "level"
    base: str | None = None
    subject: str = ""
    items: list[str] = field(default_factory=list)
    low: float | None = None  # a range (10亿至20亿元, 5%-8%): its bounds as written
    high: float | None = None


class _Bounds(list):
    """Segments (start, end) that tile the text, with their starts for bisect (_find runs for every figure)."""
    starts: list[int]


def _segments(text: str, pat: re.Pattern) -> list[tuple[int, int]]:
    ends = [m.end() for m in pat.finditer(text)]  # (the separators' ends: each segment ends with one)
    if text and (not ends or ends[-1] < len(text)):
        ends.append(len(text))
    starts = [0] + ends[:-1] if ends else []
    out = _Bounds(zip(starts, ends))
    out.starts = starts
    return out


def _find(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    starts = getattr(bounds, "starts", None)
    if starts is not None and bounds:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0:
            s, e = bounds[i]
            if pos < e:
                return s, e
    lo, hi = 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = bounds[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return s, e
    return (0, 0) if not bounds else bounds[-1]


def _qualifier_before(left: str) -> tuple[str | None, int]:
    if left[-1:] not in _QUAL_BEFORE_LAST:
        return None, 0  # most figures: no qualifier word can end here
    for q, words in QUAL_BEFORE:
        for w in words:
            if left.endswith(w):
                if w == "约" and left[-2:-1] in WORD_BEFORE_YUE:
                    continue  # 签约, 制约, 节约: part of a word
                if w in ("近", "超") and left[-2:-1] in WORD_BEFORE_JIN:
                    continue  # 最近, 附近, 赶超
                if w == "破" and left[-2:-1] in WORD_BEFORE_PO:
                    continue  # 打破, 击破
                return q, len(w)
    return None, 0


def _qualifier_after(t: str, pos: int) -> tuple[str | None, int]:
    rest = t[pos:pos + 4].lstrip("\n ")
    if rest and rest[0] not in _QUAL_AFTER_FIRST:
        return None, 0  # most figures (a split 左\n右 after no space starts with 左 too)
    skipped = len(t[pos:pos + 4]) - len(rest)
    for q, words in QUAL_AFTER:
        for w in words:
            if rest.startswith(w):
                if w == "多" and rest[1:2] in ("个", "项", "家"):
                    continue
                return q, skipped + len(w)
    # a qualifier split over line breaks (4%\n左\n右)
    joined = t[pos:pos + 6].replace("\n", "")
    if joined.startswith("左右"):
        return "approx", t[pos:pos + 6].find("右") + 1
    return None, 0


def _after_place_name(t: str, pos: int) -> bool:
    names = _place_names()
    return any(t[pos - k:pos] in names for k in (2, 3, 4) if pos >= k)


def _place_names() -> frozenset:
    global _PLACES
    if _PLACES is None:
        from extract.regions import _table

        _PLACES = frozenset(_table()[0])
    return _PLACES


_PLACES: frozenset | None = None


@lru_cache(maxsize=1)
def _unit_starts() -> frozenset:
    """The characters match_unit reads a unit from (any other: None)."""
    from extract.units import _start_chars

    return _start_chars()


@lru_cache(maxsize=1)
def _kept_after() -> frozenset:
    """What may follow a number that _candidates keeps when no 第 stands before it and it is not 百分之…:
    a unit's first character or a list gap (every other such number is dropped below, step by step)."""
    return _unit_starts() | frozenset(LIST_GAPS)


def _candidates(t: str) -> list[Cand]:
    kept_after = _kept_after()
    nums = find_numbers(t, kept_after)  # (the numbers the check below drops are not even built)
    unit_starts = _unit_starts()
    out: list[Cand] = []
    prev_end = -1
    for i, n in enumerate(nums):
        if n.start < prev_end:
            continue
        before = t[max(0, n.start - 1):n.start]
        after_num = t[n.end:n.end + 1]
        if after_num not in kept_after and before != "第" and not n.percent:
            continue  # (most numbers of a dense text: the checks below would drop it too)
        if before in LABEL_CHARS or after_num in LABEL_CHARS:
            continue
        if after_num == "." and not n.chinese:
            continue  # truncated (1219.) or a version number
        if before == "第" or (n.chinese and t[max(0, n.start - 1):n.start] == "第"):
            left = t[max(0, n.start - 14):n.start - 1]
            if RANK_BEFORE.search(left) or RANK_WORD_END.search(left):
                e = n.end
                if t.startswith(RANK_UNITS, e):
                    # 第5位 has the unit 位; a rank in Chinese numerals (第四位) is written without one,
                    # and 第2比特 (a conversion artefact for 第2位) keeps none either
                    unit = None if (n.chinese or not t.startswith("位", e)) else Unit("位", "位", 1.0, "rank")
                    e += 2 if t.startswith("比特", e) else 1
                else:
                    unit = None
                out.append(Cand(n, None, n.start - 1, e, n.value, unit, rank=True, kind="rank"))
                prev_end = e
            continue
        if not n.chinese and t.startswith("位", n.end) and (move := RANK_MOVE.search(t, max(0, n.start - 8), n.start)):
            # 全国排名提升33位: a move in a rank is annotated as a rank (signed: 下降5位 is -5)
            down = move["down"]
            out.append(Cand(n, None, n.start, n.end + 1, -n.value if down else n.value, Unit("位", "位", 1.0, "rank"),
                            rank=True, kind="rank"))
            prev_end = n.end + 1
            continue
        if n.percent:
            out.append(Cand(n, None, n.start, n.end, n.value, Unit("%", "%", 1.0, "pct")))
            prev_end = n.end
            continue
        round_amount = n.chinese and is_round_amount(t, n.start, n.end)
        digit_amount = n.chinese and is_digit_amount(t, n.start, n.end)
        if n.chinese and n.end - n.start == 1 and not t.startswith(CN_SINGLE_UNITS, n.end) and not round_amount and not digit_amount:
            continue  # 一个, 统一: one Chinese numeral counts only before %, 倍, 成, ‰ or 个百分点 (see below)
        # (no unit can start with the next character: the usual case, decided without the call)
        um = match_unit(t, n.end) if after_num in unit_starts else None
        if um is None:
            # may inherit a unit from a list (below): only when one of LIST_GAPS follows it; the others are
            # dropped at the end, and their digits keep their neighbours from counting as adjacent anyway
            if t[n.end:n.end + 1] in LIST_GAPS:
                out.append(Cand(n, None, n.start, n.end, n.value, None))
            continue
        u = um.unit
        if u.cls == "mult" and i + 1 < len(nums) and nums[i + 1].start == um.end:
            # 十二亿三千万人, 九百一十四万七千人, 1亿2000万元: one amount written across its multipliers
            merged = _compound(t, n, um, nums[i + 1])
            if merged is not None:
                n, um = merged
                u = um.unit
        if n.chinese:
            # Chinese numerals count as percentages, multiples and tenths, or before a unit with at least
            # two numeral characters (三千二百万元): 一个, 两项 are words, not figures
            ok = u.cls in ("pct", "permille", "times", "cheng") or ((len(t[n.start:n.end]) >= 2 or round_amount or digit_amount) and u.cls != "mult")
            if not ok or (t[n.start:n.end] in ("十一", "十二", "十三", "十四", "十五", "十六") and u.cls not in ("pct", "permille")):
                continue  # (十一黄金周, 十四五 are labels; 增长十二% is a rate)
            if (round_amount or digit_amount) and ROUND_THEN_EXACT.match(t, um.end):
                continue  # 首次突破千亿元,达到1082亿元: the milestone passed, the exact figure follows
        if u.cls == "count" and AFTER_NOT_COUNT.match(t[um.end:um.end + 3]):
            continue
        if u.base in ("天", "日", "个月", "周", "年") and t[n.start - 1:n.start] in ("前", "头", "后", "第") and n.decimals == 0:
            continue  # 国庆假期前5天, 头3个月: a stretch of the period, not a figure
        if u.base in ("天", "日") and n.decimals == 0 and HOLIDAY_LENGTH.search(t[max(0, n.start - 30):n.start]):
            continue  # “五一”假期5天, 春节长假8天: the length of the holiday, not a figure
        if u.base in ("天", "日") and n.decimals == 0 and DURATION_AFTER.match(t, um.end):
            continue  # 8天共接待游客28.6万人次, 3天累计…: the stretch the figure after it covers
        if u.base in ("天", "日") and n.decimals == 0 and HOLIDAY_AFTER.match(t, um.end):
            continue  # 8天假期, 5天小长假: the same length written before the holiday word
        if u.base == "天" and n.decimals == 0 and n.value <= 10 and STRETCH_THEN_FIGURE.match(t, um.end) \
                and not QUANTITY_BEFORE.search(t, max(0, n.start - 3), n.start):
            continue  # 中街步行街8天客流量达526.3万人次: the days the figure after it covers
        if PAGE_COUNTER.search(t, max(0, n.start - 8), n.start):
            continue  # 浏览:2210次, 阅读量 1.2万: the page's counters, not the report's
        if u.base == "岁" and n.decimals == 0:
            continue  # age brackets and thresholds (60岁以上), not a life expectancy
        if THRESHOLD_AFTER.match(t[um.end:um.end + 12]):
            continue
        if u.cls == "count" and DIVISIONS_AFTER.match(t[um.end:um.end + 3]) and re.search(r"(?:全省|全市|全国|全区|省内|有|辽宁)$", t[max(0, n.start - 3):n.start]):
            continue  # 全省14个市地区生产总值均…, 有9个市…增速高于…: a number of the province's cities, not a figure
        if u.base == "个" and COUNTIES_AFTER.match(t, um.end) and (n.start == 0 or t[n.start - 1] in ",，;；:：。\n"):
            continue  # (从县区看,)3个县(市)区实现增长: how many of the counties did so, not a figure
        if u.cls == "count" and u.base == "个" and DIVISIONS_AMONG.search(t, max(0, n.start - 12), n.start):
            continue  # 7个县(市)区中有3个实现正增长: how many of the places did so, not a figure
        if u.cls == "count" and UNIVERSE_AFTER.match(t[um.end:um.end + 14]):
            continue  # 在15个副省级城市中排第5位, 41个大类行业中: the size of a universe, not a figure
        # a quoted label: “26条”, “10+1”
        if t[n.start - 1:n.start] in QUOTES_OPEN and t[um.end:um.end + 1] in QUOTES_CLOSE:
            continue
        # 2吨级无人机, 10万吨级码头: a class named by its size, not a figure
        if t[um.end:um.end + 1] == "级":
            continue
        # latin letters glued after the unit: 5G, 4A级 are names
        if LATIN.match(t, um.end, um.end + 1) and u.cls not in ("pct",):
            continue
        out.append(Cand(n, um, n.start, um.end, n.value, u, qualifier="over" if um.over else None))
        prev_end = um.end
    # unit-less numbers in a list or range take the unit of the next one (4.8、3和0.2个百分点; 10-20亿元)
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        gap = t[c.end:nxt.start]
        if (c.unit is not None and nxt.unit is not None and not c.rank and not nxt.rank and gap in ("、", "和", "及", "与")
                and nxt.unit.written.startswith(c.unit.written) and nxt.unit.written != c.unit.written):
            c.unit = nxt.unit  # 0.1个和0.7个百分点
            continue
        if c.unit is not None or c.rank or nxt.unit is None:
            continue
        if gap in LIST_GAPS and not nxt.rank:
            c.unit = nxt.unit
            c.inherited = True
    # a range 10亿至20亿元: the first number's bare multiplier takes the second's unit
    for i in range(len(out) - 1):
        c, nxt = out[i], out[i + 1]
        if c.unit is not None and c.unit.cls == "mult" and nxt.unit is not None and nxt.unit.cls != "mult":
            gap = t[c.end:nxt.start]
            if gap in ("-", "—", "–", "~", "至", "到", "、", "和"):
                base_written = nxt.unit.written
                for m in ("万亿", "千万", "百万", "亿", "万"):
                    if base_written.startswith(m):
                        base_written = base_written[len(m):]
                        break
                c.unit = Unit(c.unit.written + base_written, nxt.unit.base, c.unit.factor * (nxt.unit.factor / _mult_of(nxt.unit.written)), nxt.unit.cls)
    return _merge_ranges(t, [c for c in out if c.unit is not None or c.rank])


def _compound(t: str, n: Num, um: UnitMatch, rest: Num) -> tuple[Num, UnitMatch] | None:
    """An amount written across its multipliers (十二亿三千万人: 12亿 and 3000万 人), read in the larger one:
    12.3 亿人. None when what follows the second number is not a unit with a smaller multiplier."""
    if rest.value < 0 or rest.percent:
        return None
    um2 = match_unit(t, rest.end)
    if um2 is None or um2.unit.cls in ("mult", "pct", "permille", "pp", "times", "cheng", "rank"):
        return None
    mult2 = _mult_of(um2.unit.written)
    if mult2 >= um.unit.factor or rest.value * mult2 >= um.unit.factor:
        return None  # (3亿5亿元 is no amount; 1亿20000万 neither)
    own = um2.unit.written
    for m in ("万亿", "千万", "百万", "亿", "万"):
        if mult2 != 1.0 and own.startswith(m):
            own = own[len(m):]
            break
    value = round(n.value + rest.value * mult2 / um.unit.factor, 10)
    unit = Unit(um.unit.written + own, um2.unit.base, um.unit.factor * um2.unit.factor / mult2, um2.unit.cls)
    num = Num(n.start, rest.end, value, chinese=n.chinese or rest.chinese, decimals=max(n.decimals, len(repr(value).partition(".")[2].rstrip("0"))))
    return num, UnitMatch(unit, um2.end, um.over or um2.over)


ROUND_THEN_EXACT = re.compile(r"(?:大关|关口|台阶)?[,，]?(?:达到|达|为|至|实现)?\d")
RANGE_GAPS = ("-", "—", "–", "~", "～", "至", "到")
RANGE_CLASSES = ("pct", "pp", "permille", "money", "count", "measure")


# 常住人口減少27萬人至4,155萬人, 增加1.2万户至56万户: a change by the first amount to the second, not a range
# (增长5%至8% is a range of rates)
CHANGE_BY_TO = re.compile(r"(?:增加|减少|增长|下降|提高|降低|上升|回落|扩大|缩小|多|少)了?$")


def _merge_ranges(t: str, cands: list[Cand]) -> list[Cand]:
    """10亿至20亿元, 5%-8%, 5—8%, 3万-5万人次: one figure over the whole range, its value the low bound."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and not c.rank and not nxt.rank and c.unit is not None and nxt.unit is not None:
            gap = t[c.end:nxt.start]
            # 3万-5万人次: the dash was read as the second number's minus sign
            dash = gap == "" and t[nxt.start:nxt.start + 1] in ("-", "—", "–") and nxt.value < 0
            same = (c.unit.base == nxt.unit.base and abs(c.unit.factor - nxt.unit.factor) < 1e-9) or (
                c.unit.cls == "mult" and abs(c.unit.factor - _mult_of(nxt.unit.written)) < 1e-9)
            hi = abs(nxt.value) if dash else nxt.value
            if ((gap.strip() in RANGE_GAPS and gap.strip()) or dash) and same and nxt.unit.cls in RANGE_CLASSES \
                    and nxt.unit.base not in ("年", "月", "日", "岁") and 0 <= c.value < hi \
                    and not (gap.strip() == "至" and c.unit.cls in ("count", "money", "measure")
                             and CHANGE_BY_TO.search(t, max(0, c.start - 4), c.start)):
                r = Cand(c.num, nxt.um, c.start, nxt.end, c.value, nxt.unit, qualifier=nxt.qualifier or c.qualifier)
                r.low, r.high = c.value, hi
                out.append(r)
                i += 2
                continue
        out.append(c)
        i += 1
    return out


FUTURE = re.compile(r"(?<!预计)将(?!近)|计划|力争|目标|争取")
# 今年,沈阳将…: a sentence that opens with this year and a future verb is a plan, clause after clause
FUTURE_TOPIC = re.compile(r"^[^。]{0,12}(?:今年|明年|\d{4}年)[^。]{0,12}(?<!预计)将(?!近)")


# words that make a statement a target or a plan (to the end of its sentence), and words after them that
# report the outcome after all (计划投资100亿元,实际完成120亿元)
# (争取 is left out: 争取资金34亿元 is money obtained; 计划投资 is PLANNED, a figure of its own)
PLAN = re.compile(r"力争|确保|预期目标|预期增长|目标(?:是|为|任务是)|(?<![原比较超])计划(?!生育|单列|经济|总?投资)|"
                  r"将(?:新建|新增|实施|完成|达到|实现|突破|增长|开工|建成|提供|改造|推动|继续|新开工|力争|确保)")
DONE_AFTER_PLAN = re.compile(r"实际|已完成|完成了|实现了|超额|已经|已达|达到了")


def _explicit_past(mention, ref) -> bool:
    """Whether a period mention names a year before the publication's (2024年…, 去年…) explicitly."""
    if mention is None or ref is None:
        return False
    if mention.kind == "plan":
        return mention.data["end"] < ref.year  # (十四五期间,力争… in 2025: the plan is not over)
    if mention.year is not None:
        return mention.year < ref.year
    return mention.rel is not None and mention.rel < 0


@lru_cache(maxsize=4096)
def _period_end(period: str | None) -> tuple[int, int] | None:
    """(year, last month) of a period string."""
    if not period:
        return None
    last = period.split("..")[-1]
    m = PERIOD_YEAR_MONTH.match(last)
    if not m:
        return None
    if m[2]:
        return int(m[1]), int(m[2])
    q = PERIOD_QH.search(last)
    if q:
        return int(m[1]), int(q[1]) * 3 if q[1] else int(q[2]) * 6
    return int(m[1]), 12


def _mult_of(written: str) -> float:
    for m, f in (("万亿", 1e12), ("千万", 1e7), ("百万", 1e6), ("亿", 1e8), ("万", 1e4)):
        if written.startswith(m):
            return f
    return 1.0


NEG_NEAR = re.compile("|".join(w for w in NEG_WORDS if len(w) >= 2))
GROWTH_ANY = re.compile("|".join(sorted(GROWTH_WORDS, key=len, reverse=True)))
# a rate named after the number: 实现4.8%的增长, 錄得4.8%的按年增長 (实现4.8%的同比增长), 錄得5.3%升幅 (涨幅)
RATE_NAMED_AFTER = re.compile(r"^(?:的(?:同比|环比)?(?:增幅|增速|增长|涨幅|降幅|跌幅)|(?:同比|环比)?(?:增幅|涨幅|降幅|跌幅))")
DROP_NAME = re.compile("降幅|跌幅")
GROWTH_RATE_NAME = re.compile("|".join(GROWTH_RATE_NAMES))
# a region's statistics bureau as the one that computed the figures (经辽宁省统计局统一核算)
ACCOUNTED_BY = re.compile(r"(?:省|市)?统计局(?:统一|联合)?(?:核算|审定|反馈|认定)")
LEVEL_TO = ("提高到", "增加到", "上升到", "下降到", "减少到", "降至", "升至", "增至", "提高至", "增加至", "增长到", "增长至", "达到", "降到")


def _kind_and_sign(c: Cand, left: str, subject_hint: str, right: str = "") -> tuple[str, float, str | None]:
    if c.rank:
        return "rank", c.value, None
    u = c.unit
    # names that hold a growth word (增加值, 增长率) are not a change: 占规模以上工业增加值的比重为30.2%
    # (every such name holds 增: without it there is nothing to remove)
    tail = (NAME_WITH_GROWTH_WORD.sub("", left) if "增" in left or "降面" in left else left)[-12:]
    bm = BASE_RE.search(left[-20:])
    base = bm.group() if bm else None
    neg = tail.endswith(NEG_WORDS) or bool(NEG_NEAR.search(tail[-6:]))  # (not a regex ending in $: tried at every position)
    # 由2014年的52.3%升至2021年的86.3%: a level reached, not a rate of change
    growthish = bool(GROWTH_ANY.search(tail)) and not YEAR_END_TAIL.sub("", tail).endswith(LEVEL_TO)
    named_after = RATE_NAMED_AFTER.match(right)
    if named_after:
        growthish = True
        neg = named_after.group().endswith(("降幅", "跌幅"))
    v = c.value
    if u.cls == "pp":
        return "change_pp", (-abs(v) if neg else v), base
    if u.cls in ("pct", "permille", "times", "cheng"):
        # (the hint is names joined by |: a word in one of them is a word in the hint)
        if DROP_NAME.search(subject_hint):
            neg = True
        if growthish or GROWTH_RATE_NAME.search(subject_hint) or u.cls == "times":
            return "growth", (-abs(v) if neg else v), base
        if v < 0:
            return "growth", v, base  # 食品价格-1.5%: a part of a whole is never below zero; a change is
        return "share", v, base
    return "level", v, base


def _right_phrase(t: str, pos: int, listed: bool = False) -> str:
    m = RIGHT_WORD.match(t, pos)
    if not m:
        return ""
    s = m.group()
    s = ASCII_DIGIT.split(s)[0]
    stop = RIGHT_STOP.search(s, 2)
    if stop and not (not listed and len(s) == len(m.group()) and DEFINING_PREDICATE.match(s, stop.start())
                     and t[m.end():m.end() + 1] in ("", ",", "，", "。", ";", "；", "\n")):
        s = s[: stop.start()]  # 老旧管网完成改造 → 老旧管网
    # (5条快速路建成通车, 2家企业入选国家级5G工厂: a predicate that ends the clause and is not shared by a list
    # says which of the things are counted, and stays in the name)
    if s[:1] in ("以", "左", "余", "多", "的", "和", "及", "与", "、", "同", "增", "比", "较", "，", "。"):
        return ""
    if s.startswith(MILESTONE_NOUNS):
        return ""  # 迈上9000亿元台阶, 突破千亿大关: the milestone passed, not the thing counted
    return s


MILESTONE_NOUNS = ("台阶", "新台阶", "大台阶", "大关", "关口", "新关口", "量级")


# sex and age groups of a population (男性人口, 0-17岁人口) and the totals they are part of
SUBGROUP = re.compile(r"(?:男性|女性|男孩|女孩|男|女|\d{1,3}(?:[-—~至到]\d{1,3}岁|岁)(?:及以上|以上|以下|及以下)?)(?:人口)?(?:总数|总量)?")
WHOLE_AREA = re.compile(r"^(?:年末)?(?:全市|全省|全区|全县)?")
AGE_SUBGROUP = re.compile(r"\d{1,3}(?:[-—~至到]\d{1,3})?岁")
POPULATION_TOTAL = re.compile(r"(?:户籍|常住|出生|年末户籍|年末常住|年末总)人口(?:总数|总量)?|总人口")
# a bare 收入 after a count of tourists is the tourism income (接待国内游客…,收入110亿元)
TOURIST_COUNT = re.compile(r"(国内|入境|国际)?(?:游客|旅游者|旅游人数|接待人数|接待人次)")
# what stands before the number of a rank besides its subject: 列全国, 在全国排名, 位居全省
# (a peer group is a scope too: 居副省级城市第3位 ranks the subject of the clause before)
_RANK_SCOPE = r"(?:全国|全省|全市|全区|东北|国内|(?:全国)?(?:15个)?副省级城市中?|同类城市中?|东北四市中?|(?:东北|全省|全国)城市中?|(?:全国|全省|东北)[^,，。;；第]{0,6}?(?:城市|目的地|省份|地区)中?)"
RANK_WORDS = re.compile(rf"(?:[,，]?(?:在|于)?{_RANK_SCOPE}?(?:排名|排位|排在|排|列|居|位列|位居|名列|跃居|升至|稳居)?"
                        rf"{_RANK_SCOPE}?)$")
PARTNER = re.compile(r"(?:^|[,，。;；])(?:[^,，。;；]{0,8}看[,，])?(?:[^,，。;；]{0,10}?[,，])?(?P<p>[\u4e00-\u9fff“”]{2,8}?)(?:仍|继续|依然|已)?(?:为|是|成为)"
                     r"[^,，。;；]{0,12}(?:贸易伙伴|贸易国|出口市场|进口来源地|市场)")
# 中国有7个省、直辖市的地区生产总值超过一万亿元, 全市有5家企业营业收入超百亿元: the bar a count of members
# clears, not a figure of theirs
MEMBERS_OVER_BAR = re.compile(r"有(?:\d+|[一二两三四五六七八九十]+)(?:个|家|座|所)")
COUNTIES_AFTER = re.compile(r"(?:县|区|县区|区县|县市区|县\(市\)区)(?![场长委级民域])")
DIVISIONS_AMONG = re.compile(r"(?:市|县|区|县区|县市区|县\(市\)区|城市|地区)中有?$")
DIVISIONS_AFTER = re.compile(r"(?:市|县|区|地市|城市|省份|县区|县\(市\)区)(?![场长委级民])")
ORDINAL_LIST = re.compile(r"第?(?P<a>[一二三])(?:、|和)第?(?P<b>[一二三])(?:(?:、|和|及)第?(?P<c>[一二三]))?(?P<kind>产业)|"
                          r"(?P<a2>进|出)、(?P<b2>进|出)(?P<kind2>口)")
SUPERSCRIPTS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉")
SHARE_OF_PLACE = re.compile(r"[,，;；]?占(?P<place>全省|全市|全国)(?:的)?(?:比重|份额)?(?:为|达|达到)?")
BARE_SHARE = re.compile(r"[,，;；]?占(?:比)?(?:为|达|达到)?")
PAID_OUT = re.compile(r"(?:资金|金|补贴|补助|贷款|救助款|善款)$")
# 三次产业增加值占地区生产总值的比重分别为…: the three sectors, in their order (with a list of three numbers)
GROUP_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])[两三四五六七八九十]大(?:支柱|主导|优势|重点|传统|新兴|战略性新兴)?(?P<noun>产业|行业|板块|领域)")
THREE_SECTORS = re.compile(r"(?:三次|三大|一二三)产业|一二三产(?!品)")
# 均 of "all of them" (同比增加均在50%以上), not of a per-head or per-day name (人均花费同比增长5.6%)
ALL_OF = re.compile(r"(?<![人日月年户平场])均")
URBAN_RURAL = ("城市", "农村", "城镇", "乡村")
REGION_BREAKDOWN = re.compile(r"(?:[分从按]各?(?:县|区|市|地区|区域|县区|县市区|县\(市\)区|地市|各市)[^,，。]{0,4}?(?:看|来看|分))")
PRODUCT_UNITS = frozenset({"吨", "辆", "台", "套", "块", "千瓦时", "千瓦", "芯千米", "部", "件", "立方米"})
PRODUCT_LIST = re.compile(r"产品产量|主要产品|产品中|主要工业产品")
DURATION_AFTER = re.compile(r"(?:来|内|里|间)?(?:共|累计|合计|总共|共计)")
# (a name of up to 8 characters, then the figure: 8天客流量达526.3万人次; not 300天,同比增加28天)
STRETCH_THEN_FIGURE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:达到|达|为|共|累计|超过|超|近|约)?\d")
QUANTITY_BEFORE = re.compile(r"(?:为|达|有|增加|减少|提前|延长|缩短|用时|历时|停留|平均)$")
HOLIDAY_AFTER = re.compile(r"(?:的)?(?:假期|长假|小长假|黄金周|假日)")
# (春节假期(1月28日至2月4日)8天, 1月28日至2月4日共8天: the holiday's dates may stand between)
HOLIDAY_LENGTH = re.compile(r"(?:(?:假期|长假|小长假|黄金周|假日)(?:期间)?|\d日\)?)(?:\([^()]{0,16}\))?(?:共|共计|为期|连续|连休)?$")
RATIO_OF = re.compile(r"(?:(?:恢复至|恢复到|恢复为|相当于|完成)[^,，。;；]{0,16}|(?<![\u4e00-\u9fff])是(?:19|20)\d{2}年(?:同期)?)的$")
# …分别恢复至2019年的118%和110%: the later members of a list of ratios are ratios too
RATIO_OF_LIST = re.compile(r"(?:恢复至|恢复到|恢复为|相当于|完成)[^,，。;；]{0,16}?的\d[\d.]*(?:%|倍)"
                           r"(?:[、和及与]\d[\d.]*(?:%|倍))*[、和及与]$")
# a count of the units a figure right after it is for (7家5A级旅游景区接待游客…, 120家规模以上企业实现营业收入…)
# (纳入监测的120家星级饭店平均客房出租率为72.4%, 36个滑雪场接待游客…)
UNIVERSE_GROUP = re.compile(r"(?:[^,，。;；、:：\d]|\dA){0,10}?(?:景区|景点|企业|单位|行业|酒店|饭店|宾馆|商场|商户|门店|监测点|滑雪场|博物馆|场馆)")
UNIVERSE_TO_FIGURE = re.compile(r"(?:[^,，。;；、:：\d]|\dA){0,10}?(?:景区|景点|企业|单位|行业|酒店|饭店|宾馆|商场|商户|门店|监测点|滑雪场|博物馆|场馆)"
                                r"(?:共|累计|合计|总计)?(?:接待|实现|完成|营业|销售|主营|利润|收入|游客|产值|增加值|平均|客房|入住|出租|门票|客流)[^,，。;；、:：\d]{0,12}?"
                                r"(?:达到|达|为|超过|突破|超|约|近|逾)?")
SCHEDULE_SHIFT = re.compile(r"(?:提前|推迟|延后|缩短|延长)了?$")
PROJECT_INVESTMENT = re.compile(r"完成投资额?(?=(?:同比|比上年|较上年)?(?:分别)?(?:增长|下降|增加|减少|为|达|达到)?$)")
CLAUSE_BENCHMARK = re.compile(r"(?:与|和|同|比|较|高于|低于|快于|慢于)(?:全国|全省|全市|上年|去年)")
RANK_NATIONAL = re.compile(r"(?:全国|全中国|全国各省|全国\d*个?[^,，。;；]{0,6}(?:城市|省份|省区市))")


def _rank_universe(clause_left: str) -> str | None:
    """全国 when the rank is among the country's regions (在全国排名第17, 列全国第13位), else None."""
    return "全国" if RANK_NATIONAL.search(clause_left) and not re.search(r"副省级|省会|同类", clause_left) else None


QUOTED_LABEL = re.compile(r"[“\"「][^”\"」]{1,8}[”\"」](?:产品|行业|产业|企业)?$")
ITEM_GAPS = ("、", "和", "及", "与", "以及", ",", "，")


def _list_length(t: str, cands: list, k: int, end: int) -> int:
    """How many numbers the list right after 分别 (at k) holds: 分别增长13.3%、9.8%和9.3% → 3."""
    n, prev = 0, None
    for c in cands:
        if c.start <= k:
            continue
        if c.start >= end:
            break
        if prev is not None and t[prev.end:c.start].strip().rstrip("个") not in ITEM_GAPS and not (
                t[prev.end:c.start] in ("左右、", "以上、") or t[prev.end:c.start].endswith(("、", "和"))
                and len(t[prev.end:c.start]) <= 3):
            break
        n += 1
        prev = c
    return n


def _comma_list(t: str, ss: int, head_start: int, n_list: int, clauses, cand_starts) -> list[str]:
    """The n_list - 1 comma-separated clauses right before the head clause, when none holds a number or a
    verb, else []: the items of a list written with commas (医药,化学原料及化学制品,…)."""
    out: list[str] = []
    pos = head_start - 1
    while len(out) < n_list - 1 and pos > ss:
        a, b = _find(clauses, pos - 1)
        if a < ss or t[b - 1:b] not in (",", "，"):
            return []
        piece = t[a:b - 1].strip()
        if not piece or DIGITS.search(piece) or len(piece) > 24 or re.search(r"看|中|是|为|有|了|从|按|其中", piece):
            return []
        out.insert(0, piece)
        pos = a
    return out if len(out) == n_list - 1 else []


# (the separator is checked behind the word, not before it: a pattern that opens with a look-behind is tried
# at every position of the text, one that opens with the words is searched for)
PAGE_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问|评论|点赞|转发|收藏)(?:次数|量|数|人次)?[:：]?\s*$")
ZONE_WORDS = ("开发区", "高新区", "经开区")
BARE_ZONE = re.compile(r"(?:开发区|高新区|经开区)(?<=[,，、;；和及与]...)(?=[增下同实完为达分])")


def _fuller_before(paragraphs: list, para_subjects: dict, ps: int, measure: str) -> str | None:
    """The last subject of the paragraph before `ps` that ends with the bare `measure` (产值 → 规模以上工业总产值)."""
    k = bisect.bisect_left(paragraphs, (ps, ps)) - 1
    if k < 0:
        return None
    return next((x for x in reversed(para_subjects.get(paragraphs[k][0], [])) if x.endswith(measure) and len(x) > len(measure)), None)


def _lead_before(paragraphs: list, para_subjects: dict, ps: int) -> str | None:
    """The first subject of the paragraph before `ps` (its lead indicator)."""
    k = bisect.bisect_left(paragraphs, (ps, ps)) - 1
    subjects = para_subjects.get(paragraphs[k][0]) if k >= 0 else None
    return subjects[0] if subjects else None


def _region_in(mentions: list, starts: list[int], lo: int, hi: int) -> bool:
    """Whether a place (not 全市/全省) is named in t[lo:hi]."""
    return any(m.region for m in mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)])


def _bare_zones(t: str, mentions: list, city: str) -> list:
    """A bare 开发区 in a list of a city's districts and counties (…清河区增长6.0%,开发区下降2.8%) is that
    city's 开发区 (铁岭开发区)."""
    from extract.regions import RegionMention

    extra = []
    for m in BARE_ZONE.finditer(t):
        before = [r for r in mentions if r.end <= m.start() and r.region and m.start() - r.end < 40]
        if before and canonical_level(before[-1].region) in ("district", "county") and city_of(before[-1].region) == city:
            extra.append(RegionMention(m.start(), m.end(), city + m.group()))
    return sorted(mentions + extra, key=lambda r: r.start) if extra else mentions


ACTION_ON = re.compile(r"(?P<what>[\u4e00-\u9fff]{1,10}?)(?:实施了?|开展了?|进行了?|实行了?)(?P<action>[\u4e00-\u9fff]{2,10})")
COUNT_ACTION = re.compile(r"(?:实施|建成|新建|打造)$")
STOCK_WORD = re.compile(r"^(?:总数|总量)")
CUMULATIVE = re.compile(r"^累计(?:达到|达|已达|共)?$")
# 每万人拥有5G基站38个: the per-head ratio names the thing counted after the number
PER_HEAD = re.compile(r"每[十百千万]+(?:人口?|名老人|户)(?:拥有)?$")
# nouns of the actors a list of kinds shares (外商投资和国有企业, 城镇和农村居民): an item without one takes it
LIST_ACTORS = ("企业", "单位", "居民")


def _group_items(head_raw: str, group: re.Match, n: int) -> list[str]:
    """The items of 钢铁、菱镁、装备制造三大产业增加值 (n of them), each with the group's noun and measure
    (钢铁产业增加值); [] when the list does not hold n items."""
    items = [x for x in ind.clean_subject(head_raw[:group.start()]).split("、") if x]
    if len(items) == n - 1 and (m := re.search(r"(?<=.)(?:和|及|与)(?=.)", items[-1])):
        items[-1:] = [items[-1][:m.start()], items[-1][m.end():]]
    tail = group["noun"] + ind.clean_subject(head_raw[group.end():])
    return [x + tail for x in items] if len(items) == n else []


def _split_items(phrase: str, n: int | None = None) -> list[str]:
    """A list subject split into its items (jieba tokens 、和及与, so 普及率 stays whole); a short item
    takes the head of the last one (新能源、集成电路产业产值 → 新能源产业产值)."""
    tokens = lcut_no_hmm(ind.tokenizer(), phrase)
    items, cur = [], ""
    for tok in tokens:
        if tok in ("、", "和", "及", "与", "以及", ",", "，"):
            if cur:
                items.append(cur)
            cur = ""
        else:
            cur += tok
    if cur:
        items.append(cur)
    if n is not None and len(items) != n and "、" in phrase and len(phrase.split("、")) == n:
        # 批发和零售业、住宿和餐饮业增加值分别…: 和 inside an industry's name; the list is the 、 one
        items = [x for x in phrase.split("、")]
    if len(items) < 2:
        return items
    # 对欧盟、东盟、日本: the preposition of the first item is every item's (对东盟, 对日本)
    prep = items[0][:1]
    if prep in ("对", "向", "与", "自") and len(items[0]) > 2:
        return [items[0]] + [x if x.startswith(prep) else prep + x for x in items[1:]]
    last = items[-1]
    last_tokens = lcut_no_hmm(ind.tokenizer(), last)
    bounds, pos = [], 0
    for tok in last_tokens[:-1]:
        pos += len(tok)
        bounds.append(pos)
    done = []
    last_measure = next((m for m in ind.measures() if last.endswith(m) and len(last) > len(m)), None)
    for it in items[:-1]:
        full = it
        actor = min((p for p in (last.find(a) for a in LIST_ACTORS) if p >= 2), default=-1)
        if actor > 0 and actor + 2 < len(last) and not any(a in it for a in LIST_ACTORS):
            # 外商投资和国有企业进出口比重: the last item's actor noun (企业) and what follows it are every item's
            done.append(it + last[actor:])
            continue
        if any(it.endswith(h) and len(it) > len(h) for h in ("游客", "人次", "人数", "收入", "产值", "增加值", "投资", "价格", "额", "量")):
            done.append(it)  # 接待游客和旅游收入: the item names its own measure
            continue
        if it.endswith("率") and last.endswith("率") and len(it) >= 2:
            done.append(it)  # 出生率、死亡率和自然增长率: each rate is named whole
            continue
        if it.endswith("业") and len(it) >= 3 and last_measure and last[: len(last) - len(last_measure)].endswith("业"):
            done.append(it + last_measure)  # 装备制造业、石化工业…和农产品加工业增加值: each industry's 增加值
            continue
        # the item already ends with the shared head (股份合作企业、私营企业产值): add what follows it
        for k in range(min(len(it), 4), 1, -1):
            p = last.find(it[-k:])
            if p >= 0 and p + k < len(last):
                full = it + last[p + k:]
                break
        else:
            if len(it) >= 2 and last.endswith(it[-2:]):
                done.append(it)  # 亿元以上建设项目和新开工建设项目: the item is whole already
                continue
            if len(it) <= 3 and it[:1] == last[:1] and len(last) > len(it) + 1:
                done.append(it + last[len(it):])  # 第二、第三产业投资 → 第二产业投资
                continue
            head = next((h for h in ind.heads() if last.endswith(h) and len(last) > len(h) and not it.endswith(h)), None)
            if head is not None and len(it) <= 8:
                done.append(it + head)
                continue
            if last_measure is not None and len(it) <= 4 and not ind.ends_with_measure(it):
                done.append(it + last_measure)  # 小学、初中和普通高中在校生: 小学在校生, 初中在校生
                continue
            if len(it) in bounds or not bounds:
                cut = len(it)
            else:
                cut = min(bounds, key=lambda b: abs(b - len(it)))
            if cut < len(last) and len(it) <= 4 and ind.has_head(last[cut:]):
                full = it + last[cut:]
        done.append(full)
    return done + [last]


# searched for most figures and opening with look-behinds or alternatives (tried whole at every position):
# the same patterns with a look-ahead for the characters their matches start with (regex_hints.fast, the
# same matches), about half the time each
COMPARISON, FUTURE, PLAN, BENCHMARK_BEFORE, TOURIST_COUNT = (
    fast(p) for p in (COMPARISON, FUTURE, PLAN, BENCHMARK_BEFORE, TOURIST_COUNT))


LIST_JOINERS = frozenset("、和及与,，")


def _region_list(t: str, mentions, starts, lo: int, hi: int) -> tuple[list[str], int]:
    """The regions listed at the start of t[lo:hi] (大东区、皇姑区和于洪区…): their names and where the list
    ends; ([], lo) unless two or more are joined only by 、/和/及/与."""
    found: list[str] = []
    pos = lo
    while pos < hi and t[pos] in " \u3000":
        pos += 1
    for j in range(bisect.bisect_left(starts, pos), len(mentions)):
        m = mentions[j]
        if m.start >= hi or m.region is None or m.start != pos:
            break
        found.append(m.region)
        pos = m.end
        if t[pos:pos + 1] not in LIST_JOINERS:
            break
        pos += 1
    if len(found) < 2 or len(set(found)) < len(found):
        return [], lo
    return found, pos


@lru_cache(maxsize=1)
def _wrap_words() -> frozenset:
    """Words a hard line break may split (indicator names and aliases, units with their multipliers), of
    two to eight characters and not all ASCII: a break inside one of them is a wrapped line, not a paragraph."""
    from extract.units import tables

    units, mults, _ = tables()
    names = set(ind.catalogue()[0])
    names |= {m + u for u in units for m, _ in mults if len(m + u) <= 8}
    names |= set(units)
    return frozenset(w for w in names if 2 <= len(w) <= 8 and not w.isascii())


def extract_figures(text: str, *, published: date | datetime | str | None = None, url: str | None = None,
                    title: str | None = None, default_region: str = "沈阳") -> list[Figure]:
    """Every figure in `text`, in order. Offsets are into `text` as given."""
    if not isinstance(text, str):
        raise TypeError(f"extract_figures() needs the text as str, got {type(text).__name__}")
    if not text.strip():
        return []
    raw_norm = normalize(text)
    if title:
        title = normalize(title).text  # 大連市2023年…統計公報: the title in the text's normal form (simplified)
    norm = join_wrapped_lines(raw_norm, _wrap_words()) if "\n" in raw_norm.text else raw_norm
    t = norm.text
    cands = _candidates(t)
    tables = find_tables(t) if "|" in t else []
    if tables:
        # a table's rows of cells are read by rows and columns (tables.py), not as prose (a row of one cell,
        # a sentence laid out in a table, still is prose)
        rows = [(line.start, line.end) for tb in tables for line, cells in tb.rows if len(cells) >= 2]
        starts = [a for a, _ in rows]  # (in text order, not overlapping)
        cands = [c for c in cands if (k := bisect.bisect_right(starts, c.start) - 1) < 0 or c.start >= rows[k][1]]
    if not cands and not tables:
        return []
    cand_starts = [x.start for x in cands]
    paragraphs = _segments(t, PARA_SEP)
    sentences = _segments(t, SENT_END)
    clauses = _segments(t, CLAUSE_SEP)
    periods = PeriodResolver(t, paragraphs, published=published, url=url, title=title,
                             hard_wrapped=norm is not raw_norm)
    reg_mentions = find_regions(t)
    doc_region = document_region(t, default_region, reg_mentions, title=title, url=url)
    reg_mentions = _bare_zones(t, reg_mentions, city_of(doc_region))
    if "统计局" in t:
        # 经辽宁省统计局统一核算,全年地区生产总值…: the bureau that did the accounting is not the region of the
        # figures (it still counts towards the document's region above)
        reg_mentions = [m for m in reg_mentions if not ACCOUNTED_BY.match(t, m.end)]
    reg_starts = [m.start for m in reg_mentions]
    venues = venue_mentions(t)
    venue_starts = [m.start for m in venues]
    province = province_of(doc_region)
    city = city_of(doc_region)
    # the places below the document's: a list of them is a breakdown (大连市…;沈阳市… in a province's release),
    # and the paragraph's region does not pass to them
    sub_levels = ("district", "county", "city") if canonical_level(doc_region) == "province" else ("district", "county")

    figures: list[Figure] = []
    last_subject: dict[int, str] = {}  # sentence start → last subject in it
    para_subject: dict[int, str] = {}
    prev_end_in_clause: dict[int, int] = {}
    para_unit_subject: dict[tuple[int, str | None], str] = {}  # (paragraph, base unit) → last real subject
    right_in_clause: dict[int, str] = {}  # clause start → the phrase after the last number-first figure
    prev_cand_in_clause: dict[int, tuple[str, float, str | None, bool]] = {}  # (… whether its sign was written)
    sentence_subjects: dict[int, list[str]] = {}
    subject_units: dict[tuple[int, str], set] = {}  # (sentence start, subject) → base units of its figures
    para_share_of: dict[int, str] = {}  # paragraph start → the whole of its last X占Y share (Y)
    para_total: dict[int, str] = {}  # paragraph start → the last subject named outside 其中 and breakdowns
    para_subjects: dict[int, list[str]] = {}  # paragraph start → its subjects so far
    para_project: dict[int, str] = {}  # paragraph start → the last projects counted (新开工项目)
    para_population: dict[int, str] = {}  # paragraph start → the last total population named (户籍人口)
    para_stock_population: dict[int, str] = {}  # … the last one that is a stock (not 出生人口)
    para_region: dict[int, str] = {}  # paragraph start → region of its last city- or province-level figure
    sentence_units: dict[int, str | None] = {}  # sentence start → base unit of its last subject's figure
    sentence_level_subjects: dict[int, list[str]] = {}  # level subjects since the last rate (for 均)
    respective: dict[int, list[str]] = {}  # clause start → items of a 分别 list
    resp_index: dict[int, int] = {}
    resp_regions: dict[int, list[str]] = {}  # 分别 → the regions listed before it, one per figure
    resp_list_end: dict[int, int] = {}  # 分别 → where the list of regions before it ends
    cs = ce = ss = se = ps = pe = -1
    change_end: tuple[int, str | None] = (-1, None)  # (end, base unit) of the last absolute change left out
    for c in cands:
        # (the segments tile the text: the next figure is mostly in the same clause, sentence and paragraph)
        if not cs <= c.start < ce:
            cs, ce = _find(clauses, c.start)
        if not ss <= c.start < se:
            ss, se = _find(sentences, c.start)
        if not ps <= c.start < pe:
            ps, pe = _find(paragraphs, c.start)
        lstart = max(cs, prev_end_in_clause.get(cs, cs))
        left_raw = t[lstart:c.start]
        if c.unit is not None and c.unit.cls == "money" and left_raw.endswith(CURRENCY_BEFORE):
            # 達人民幣30209.4億元, 逾人民幣2萬億元: the currency written before the amount is neither name nor verb
            left_raw = left_raw[: len(left_raw) - len(next(w for w in CURRENCY_BEFORE if left_raw.endswith(w)))]
        q, qlen = _qualifier_before(left_raw)
        if q and not c.rank:
            c.qualifier = q
        left_wo_q = left_raw[: len(left_raw) - qlen] if qlen else left_raw
        qa, qalen = _qualifier_after(t, c.end)
        if qa and not c.rank and c.qualifier is None:
            c.qualifier = qa
        prev_end_in_clause[cs] = c.end + qalen
        if c.qualifier in ("over", "under") and not c.rank and MEMBERS_OVER_BAR.search(t, cs, c.start):
            continue
        resolved = None
        sent_left = t[ss:c.start]
        clause_left = t[cs:c.start]
        if not c.rank and c.unit is not None:
            # not values of the region's own indicator: a planned amount (当年计划投资594.1亿元), a gap to
            # a benchmark (比全国高0.1个百分点, 快于全市平均增速2.3个百分点), an absolute change against a
            # base (同比增加28天, 比上年增产25万吨)
            if PLANNED.search(left_wo_q[-8:]):
                continue
            if c.unit.cls == "pp" and BENCHMARK_GAP.search(clause_left):
                continue
            if c.unit.cls == "pp" and CONTRIBUTION.search(clause_left):
                continue  # 拉动全市工业增长1.3个百分点, 影响价格总水平上涨约0.61个百分点: a contribution, no kind for it
            if c.unit.cls in ("count", "measure", "money", "mult") and ABS_CHANGE.search(left_wo_q) and (
                    BASE_WORD.search(clause_left) or AFTER_COMPARISON_CLAUSE.search(sent_left)
                    or (BARE_CHANGE.fullmatch(left_wo_q.strip(" ,，")) and sentence_units.get(ss) == c.unit.base)):
                # (全市常住人口突破920万人,增加5.7万人: a clause that is only the verb, after a level in the same
                # unit, is that level's change)
                change_end = (c.end, c.unit.base)
                continue
            if change_end[1] == c.unit.base and t[change_end[0]:c.start] in LIST_JOINERS:
                # 比上年分别增加1682元和400元: the later members of a list of changes are changes too
                change_end = (c.end, c.unit.base)
                continue
            if c.unit.cls in ("pct", "times") and (RATIO_OF.search(left_wo_q) or RATIO_OF_LIST.search(clause_left)):
                continue  # 恢复至2019年同期的112.3%, 完成预算的109.9%, 相当于…的2.5倍: a ratio, no kind for it
            if SCHEDULE_SHIFT.search(left_wo_q):
                continue  # 进度比原计划提前了50多天, 审批时间缩短20天: a shift of a schedule, not a level
            if c.unit.cls == "count" and UNIVERSE_GROUP.match(t, c.end):
                nxt = bisect.bisect_right(cand_starts, c.start)
                if nxt < len(cands) and not cands[nxt].rank and UNIVERSE_TO_FIGURE.fullmatch(t, c.end, cands[nxt].start):
                    continue  # 全市重点监测的120家景区接待游客86.3万人次: the group the figure is for, not a figure
        if (periods.ref is not None and not c.num.chinese and c.num.decimals == 0 and c.num.end - c.num.start == 4
                and periods.ref.year - 2 <= c.value <= periods.ref.year + 1 and _after_place_name(t, c.start)):
            continue  # 沈阳2025多项指标: the year after a place name is a label, not a count
        fut = FUTURE.search(t[cs:c.start]) or (FUTURE_TOPIC.search(sent_left) if "预计" not in sent_left else None)
        if periods.ref is not None:
            resolved = periods.resolve(c.start, ps)
            pe_ = _period_end(resolved[0])
            ref_ym = (periods.ref.year, periods.ref.month)
            # a period that ends after publication cannot hold an outcome: a plan or a target
            if pe_ is not None and pe_ > ref_ym and (fut or pe_[0] > ref_ym[0] or FUTURE.search(t[ps:c.start])
                                                    or (pe_ == (ref_ym[0], 12) and ref_ym[1] < 11)):
                continue
            if fut and not c.rank and pe_ is None:
                continue
            plan_scope = sent_left[max(sent_left.rfind(";"), sent_left.rfind("；")) + 1:]
            plan = PLAN.search(plan_scope) if "预计" not in sent_left else None
            if plan and not c.rank and not DONE_AFTER_PLAN.search(plan_scope, plan.end()) and not _explicit_past(resolved[1], periods.ref):
                # 力争全年接待游客突破2亿人次, 下半年力争实现…增长6%, 全年预期目标为…: a target stated for a
                # period the text does not place in the past is not an outcome
                continue
        # the subject: text before the number in the clause
        full_left = t[cs:c.start]
        subject = ""
        listed_region = None
        list_item = None  # the item of a 分别 list this figure is for
        # a comparison (比上年, 较2019年同期, 高于全国) ends the subject: what follows is the base
        cmp = COMPARISON.search(left_wo_q)
        subj_left = left_wo_q[: cmp.start()] if cmp else left_wo_q
        k = t.rfind("分别", ss, c.start)
        if k >= 0 and not c.rank and not re.search(r"[;；]", t[k:c.start]):
            # each 分别 has its own list (…分别达到7392元和3845元,分别增长8.2%和6.4%), up to a semicolon
            key = k
            if key not in respective:
                head_start = max(ss, max((t.rfind(ch, ss, k) for ch in ",，;；:："), default=ss) + 1)
                head_left = t[head_start:k]
                hc = COMPARISON.search(head_left)
                head_raw = QUOTED_LABEL.sub("", head_left[: hc.start()] if hc else head_left)
                n_list = _list_length(t, cands, k, se)
                listed, list_end = _region_list(t, reg_mentions, reg_starts, head_start, k)
                if listed and len(listed) == n_list:
                    # 大东区、皇姑区和于洪区地区生产总值分别增长5.1%、4.8%和6.3%: one region a figure
                    resp_regions[key] = listed
                    resp_list_end[key] = list_end
                    head_raw = head_raw[list_end - head_start:]  # (the list opens head_left; nothing before it changed)
                elif not listed:
                    # 沈阳、大连两市地区生产总值分别为…亿元和…亿元,分别增长5.1%和5.5%: the second list is for the
                    # regions of the first, in its sentence
                    prev = max((kk for kk in resp_regions if ss <= kk < k), default=None)
                    if prev is not None and len(resp_regions[prev]) == n_list:
                        resp_regions[key] = resp_regions[prev]
                        resp_list_end[key] = resp_list_end[prev]
                group = GROUP_COUNT.search(head_raw) if "大" in head_raw and "、" in head_raw else None
                head = ind.clean_subject(head_raw)
                if ind.is_region(head):
                    head = ""  # 其中,沈阳、大连两市分别增长…: the places counted are not the list's subject
                parts = head_raw.split("、")
                if len(parts) >= 2 and "、" not in head and head and parts[-1].strip().endswith(head[-2:]):
                    # 第二、第三产业投资: cleaning took the first item for a prefix word (第二); keep the list
                    head = "、".join(x.strip() for x in parts[:-1]) + "、" + ind.clean_subject(parts[-1])
                items = _split_items(head, n_list if n_list >= 2 else None) if not ind.is_generic(head) else []
                if group is not None and "、" in head_raw[:group.start()]:
                    # 钢铁、菱镁、装备制造三大产业增加值: each item is named with what follows the group's count
                    items = _group_items(head_raw, group, n_list) or items
                ol = ORDINAL_LIST.search(head_raw)
                if ol:
                    # 第一、二、三产业增加值分别…, 进、出口分别…: an abbreviated list of parallel names
                    if ol["kind"]:
                        rest = ind.clean_subject(head_raw[ol.end():])
                        items = [f"第{d}产业{rest}" for d in ol.group("a", "b", "c") if d]
                    else:
                        items = [ol["a2"] + "口", ol["b2"] + "口"]
                elif n_list == 3 and (ts := THREE_SECTORS.search(head_raw)) is not None and "、" not in head_raw[:ts.start()]:
                    # (钢铁、菱镁、装备制造三大产业增加值: three industries named, not the three sectors)
                    rest = ind.clean_subject(head_raw[ts.end():])
                    items = [f"第{d}产业{rest}" for d in "一二三"]
                if len(items) == 1 and n_list == 2 and (head_raw.strip().endswith("城乡" + items[0]) or items[0].startswith("城乡")):
                    # 城乡居民人均可支配收入分别增长3.1%和5.6%: the town and the country, in that order
                    rest = items[0][2:] if items[0].startswith("城乡") else items[0]
                    items = ["城镇" + rest, "农村" + rest]
                if 2 <= len(items) + 0 < n_list or (len(items) < 2 and n_list >= 3):
                    # 医药,化学原料及化学制品,…,汽车制造业增加值同比分别增长13.3%、9.8%…: a list written with
                    # commas, one clause an item, exactly as many as the numbers
                    comma_items = _comma_list(t, ss, head_start, n_list, clauses, cand_starts)
                    if comma_items:
                        last = head
                        tail = next((m for m in ind.measures() if last.endswith(m) and len(last) > len(m)), "")
                        sector = "制造业" if last[: len(last) - len(tail)].endswith("制造业") else ""
                        # 医药 → 医药制造业增加值, 烟草制品业 → 烟草制品业增加值 (the last item's sector word and measure)
                        items = [x if not tail or x.endswith(tail) else
                                 (x + tail if x.endswith("业") else x + sector + tail) for x in comma_items] + [last]
                if len(items) < 2:
                    # 过夜游57.87万人次,一日游140.65万人次,同比分别增加4.5%、26.7%: the earlier subjects
                    n_after = n_list if n_list >= 2 else bisect.bisect_left(cand_starts, se) - bisect.bisect_right(cand_starts, k)
                    prev = [s_ for s_ in sentence_subjects.get(ss, []) if s_]
                    # the last mention of each subject keeps its place (故宫接待游客…,门票收入…;帅府接待游客…,门票收入…)
                    distinct = list(dict.fromkeys(reversed(prev)))[::-1]
                    if n_after >= 2 and len(distinct) >= n_after:
                        items = distinct[-n_after:]
                        inv = PROJECT_INVESTMENT.search(head_raw.strip())
                        if inv and all(x.endswith("项目") for x in items):
                            # …建设项目和新开工建设项目分别增长…,完成投资额分别增长…: each list's own investment
                            items = [x + inv.group() for x in items]
                    elif ind.is_head_noun(head):
                        # 股份合作、联营和外商投资企业生产增长快于…,产值分别增长…: the list is in the clause before
                        kc = _find(clauses, k)[0]
                        pc0 = _find(clauses, kc - 1)[0] if kc > ss else None
                        topic = ind.topic(t[pc0:kc], longest=24) if pc0 is not None else ""
                        t_items = _split_items(topic) if topic else []
                        items = [x + head for x in t_items] if len(t_items) >= 2 else [head]
                    else:
                        items = [head] if head else []
                # 对欧盟、东盟、日本分别进出口500亿元…: what stands between 分别 and the number completes each item
                mid = ind.clean_subject(t[k + 2:c.start]) if len(items) >= 2 else ""
                if mid and not ind.is_generic(mid) and len(mid) <= 8 and not DIGITS.search(mid):
                    items = [x if x.endswith(mid) else x + mid for x in items]
                respective[key] = items
                resp_index[key] = 0
            items = respective[key]
            i = resp_index[key]
            if key in resp_regions and i < len(resp_regions[key]):
                listed_region = resp_regions[key][i]
                if not (items and len(items) >= 2 and i < len(items)):
                    resp_index[key] = i + 1  # (the subject below does not advance the list)
            if items and len(items) >= 2 and i < len(items):
                subject = list_item = items[i]
                resp_index[key] = i + 1
            elif items and items[-1]:
                subject = items[-1]
        if not subject:
            if listed_region is not None and resp_list_end.get(k, -1) > lstart:
                # 开原市、铁岭县和开发区分别下降…: the regions listed are not the subject (it is named before)
                subj_left = t[resp_list_end[k]:c.start]
            subject = ind.clean_subject(subj_left)
            if subject[:3] in ZONE_WORDS and (len(subject) > 4 or len(subject) == 3) and any(
                    m.end - m.start == 3 and cs <= m.start < c.start and t[m.start:m.end] == subject[:3] for m in reg_mentions):
                subject = subject[3:]  # 开发区完成产值107.7亿元 (铁岭开发区): the place, read as the region, is no part of the name
            if subject and c.unit is not None and c.unit.cls == "count" and not c.rank:
                # 实施智能升级项目105个, 建成口袋公园12座: a count of things done keeps the action (the prefix
                # words took it off: 实施, 建成, 新建, 打造 also open phrases that are not counts)
                act = COUNT_ACTION.search(subj_left, 0, max(0, subj_left.rfind(subject)))
                if act is not None and subj_left.rfind(subject) == act.end() and not ind.lookup(subject):
                    subject = act.group() + subject
            use_right = False
            if c.unit is not None and c.unit.cls in ("count", "measure", "mult", "money") and not c.rank:
                raw = subj_left.rstrip()
                prev_right = right_in_clause.get(cs)
                listed = raw.endswith("、") or t[c.end + qalen:c.end + qalen + 25].split("，")[0].split(",")[0].count("、") > 0
                if _right_phrase(t, c.end + qalen, listed) and (
                        not subject or ind.ends_with_verb(subject) or ind.ends_with_verb(raw)
                        or raw.endswith(("等", "及", "和", "与", "、", "让", "使"))
                        or (prev_right is not None and raw.startswith(prev_right))
                        or (c.unit.cls == "count" and "、" in raw)
                        or (c.unit.cls == "count" and raw.endswith(("实现", "共有", "拥有", "新增")))):
                    use_right = True
            act = ACTION_ON.match(t, c.end + qalen) if subj_left.rstrip().endswith(("对", "向")) and len(subject) <= 1 else None
            if act is not None:
                # 对36家污染企业实施了限期治理: a count of what the action was taken on, named by the action
                subject, use_right = ind.clean_subject(act["action"]) + act["what"], False
            if use_right:
                rp = _right_phrase(t, c.end + qalen, listed)
                per_head = PER_HEAD.search(raw)
                right_subject = ind.clean_subject(rp)
                subject = (per_head.group() + right_subject if per_head and right_subject else right_subject) or subject
                right_in_clause[cs] = rp
            if c.rank:
                # 在15个副省级城市中排第5位, 列全国第13位: the universe and the verb are not the subject
                p_in = max(subj_left.rfind("在"), subj_left.rfind("于"))
                if p_in > 0 and RANK_UNIVERSE.match(subj_left, p_in):
                    bare = subj_left[:p_in] + RANK_UNIVERSE.sub("", subj_left[p_in:])  # 地区生产总值在15个…城市中
                else:
                    bare = RANK_UNIVERSE.sub("", subj_left)
                bare = RANK_MOVE_VERB.sub("", bare)  # 排名提升33位: the move's verb is not part of the name
                bare = RANK_WORDS.sub("", bare) if RANK_WORDS.search(bare).group() else bare
                subject = ind.clean_subject(bare)
            if ind.is_generic(subject) or (c.rank and (not subject or ind.is_region(subject))) or ind.is_region(subject):
                # the subject of the previous clause when it held no figure (其中二氧化硫降幅最大,达到30.6%),
                # else the last subject of the sentence or paragraph
                pcs = _find(clauses, cs - 1)[0] if cs > ss else None
                prev_clause = None
                before_i = bisect.bisect_left(cand_starts, pcs) - 1 if pcs is not None else -1
                # (a clause that a figure runs into is not figure-less: 8,122亿元 splits at its comma)
                if pcs is not None and pcs >= ss and bisect.bisect_left(cand_starts, cs) == bisect.bisect_left(cand_starts, pcs) \
                        and not (before_i >= 0 and cands[before_i].end > pcs):
                    pc_text = t[pcs:cs]
                    bm = CLAUSE_BENCHMARK.search(pc_text)
                    # 涨幅与全国平均水平持平,列全国第13位: a comparison with a benchmark names nothing
                    pc = ind.clean_subject(pc_text[: bm.start()] if bm else pc_text)
                    if pc and not ind.is_generic(pc) and not ind.is_region(pc):
                        prev_clause = pc
                        tp = ind.topic(pc_text, longest=16)
                        gm = re.match(r"(?:规模|总量|总额|产值|营业收入)", subj_left.strip())
                        if gm and tp and not ind.ends_with_measure(tp):
                            # 新材料产业异军突起,规模突破730亿元: the scale of the topic just named
                            prev_clause = tp + gm.group()
                # a figure earlier in this clause (由…的52.3%升至…的86.3%) names it before a figure-less clause does
                if lstart > cs and last_subject.get(ss):
                    prev = last_subject[ss]
                elif REGION_BREAKDOWN.match(sent_left.lstrip()) and para_total.get(ps):
                    # …固定资产投资下降8.5%。其中,工业投资…。分县(市)区看,开原市增长12.3%: the total, not the last part
                    # (unless the breakdown names its own measure: 分县区看,昌图县规模以上工业总产值…;开原市完成…)
                    prev = last_subject.get(ss) or para_total[ps]
                else:
                    prev = prev_clause or last_subject.get(ss) or para_subject.get(ps)
                if not prev and REGION_BREAKDOWN.match(t[ps:ps + 16].lstrip()):
                    # 1-10月,全市规模以上工业增加值同比下降4.1%…。\n从县(市)区看,…调兵山市增长6.3%: a breakdown paragraph
                    # of its own is the breakdown of the lead indicator of the paragraph before
                    prev = _lead_before(paragraphs, para_subjects, ps)
                place_only = ind.is_region(subject) or (not subject and _region_in(reg_mentions, reg_starts, cs, c.start))
                if prev and place_only and prev.startswith(URBAN_RURAL) and para_total.get(ps):
                    # 其中,城市上涨0.1%,农村上涨0.2%。沈阳上涨0.3%: a place's figure is its whole, not the last part
                    prev = para_total[ps]
                if prev:
                    # 新增市场主体12.3万户,总量突破90万户: the stock of what was added
                    # (总数达到3520家: the suffix words took 总数 itself, the clause still opens with it)
                    stock = STOCK_WORD.match(subj_left.strip())
                    stock_word = subject if subject in ("总量", "总数") else (stock.group() if stock else "")
                    # (新增专精特新中小企业312家,累计达到1235家: the cumulative count is the stock too)
                    cumulative = CUMULATIVE.match(subj_left.strip()) is not None
                    subject = prev[2:] + stock_word if (stock_word or cumulative) and prev.startswith("新增") and len(prev) > 3 else prev
                    if subject.endswith("户") and len(subject) > 2 and c.unit is not None and c.unit.base == "人":
                        subject = subject[:-1] + "人数"  # 低保户2314户,共3213人: the people of those households
            elif subject == "收入" and TOURIST_COUNT.search(last_subject.get(ss) or para_subject.get(ps) or ""):
                # 接待国内游客1219.55万人次,收入110余亿元: the income of those tourists
                subject = (TOURIST_COUNT.search(last_subject.get(ss) or para_subject.get(ps))[1] or "") + "旅游收入"
            elif ind.is_head_noun(subject) and cs > ss:
                # 装备制造业继续发挥支撑作用,完成产值5826.7亿元: the sentence's topic owns the head noun
                # (the first clause that names one: 前三季度,全市服务业稳定发展,增加值增长5.1%)
                topic, tcs = "", ss
                while tcs < cs and not topic:
                    tce = _find(clauses, tcs)[1]
                    if (tcs > ss and DIGITS.search(t[tcs:tce])) or bisect.bisect_left(cand_starts, tcs) < bisect.bisect_left(cand_starts, tce):
                        # a clause with a figure has its own subject, not the sentence's topic (出口增长8.2%,进口
                        # 下降3.1%: 进口 is not 出口's)
                        break
                    topic = ind.topic(t[tcs:tce])
                    tcs = tce
                # …进出口总额4200亿元,其中出口…: a topic that is itself an indicator is not an industry
                if topic and topic != subject and not ind.ends_with_measure(topic):
                    subject = topic + subject
        if not subject and not c.rank:
            # 其中法库县增幅最高,达95.9%: the indicator was named earlier in the paragraph
            hit0 = ind.find_in_text(t[max(ps, c.start - 160):c.start])
            if hit0 is None and c.start - ps < 20:
                # a figure line under a heading line (接待国内游客\n同比增长221.43%)
                hit0 = ind.find_in_text(t[max(0, c.start - 60):c.start])
            if hit0 is not None:
                subject = hit0.name
        # 其中,中街区域186.74万人次: a place, not an indicator — the figure continues the previous subject
        if (subject and not c.rank and c.unit is not None and c.unit.base in ("人次", "人", "元", "万元") and
                not ind.has_head(subject) and not ind.lookup(subject) and para_unit_subject.get((ps, c.unit.base))
                and not ind.is_contrast_pair(subject, para_unit_subject[(ps, c.unit.base)])):  # (城镇居民…;农村居民18234元)
            # (日均3.6万人次: the same subject per day, filled in below)
            subject = para_unit_subject[(ps, c.unit.base)] if subject not in ind.PER_WORDS else subject
        # 均: 接待人数约25万人,门票收入超过620万元,同比增加均在50%以上 → one row per named subject
        also: list[str] = []
        if not c.rank and c.unit is not None and c.unit.cls in ("pct", "pp", "times", "cheng") and ALL_OF.search(left_wo_q[-8:]):
            group = [s_ for s_ in sentence_level_subjects.get(ss, [])]
            distinct = list(dict.fromkeys(group))
            own = [x for x in _split_items(subject) if x] if re.search(r"和|、|及|与", subject or "") else []
            if len(own) >= 2:
                subject, also = own[0], own[1:]
            elif len(distinct) >= 2:
                subject, also = distinct[0], distinct[1:]
        if subject and not c.rank:
            prev_subjects = sentence_subjects.get(ss)
            if prev_subjects:
                prev_u = sentence_units.get(ss)
                same_unit = c.unit is not None and prev_u is not None and (
                    prev_u == c.unit.base or (prev_u in RATE_BASES and c.unit.base in RATE_BASES))
                # 汽车产量80.2万辆,增长5.1%;其中新能源汽车15.3万辆: any figure of the subject before counts
                same_unit = same_unit or (c.unit is not None and c.unit.base in subject_units.get((ss, prev_subjects[-1]), ()))
                subject = ind.fill_from_context(subject, prev_subjects[-1], same_unit=same_unit)
            elif para_subject.get(ps) and ind.partner_trade(subject, para_subject[ps]):
                # 对日本贸易总额最多…。美国则增长72.5%: the pair of partners spans sentences of one paragraph
                subject = ind.partner_trade(subject, para_subject[ps])
            elif para_total.get(ps) and ind.is_bare_part(subject) and (
                    "其中" in sent_left or ind.BREAKDOWN.match(sent_left.lstrip())):
                # 规模以上工业增加值增长7.8%。其中,采矿业增长2.1%: the sector's (or category's) part of the paragraph's total
                subject = ind.fill_from_context(subject, para_total[ps])
            elif para_subject.get(ps) and (ind.is_contrast_word(subject) or ind.is_contrast_pair(subject, para_subject[ps])):
                # 居民消费价格上涨0.3%。其中,城市上涨0.4%: the pair spans sentences of one paragraph
                subject = ind.fill_from_context(subject, para_subject[ps])
            elif ind.is_bare_measure(subject):
                # …规模以上工业企业实现营业收入456.3亿元…。其中,昌图县实现营业收入85.2亿元: the measure named in
                # full earlier in the paragraph
                fuller = next((x for x in reversed(para_subjects.get(ps, [])) if x.endswith(subject) and len(x) > len(subject)), None)
                if fuller is None and (REGION_BREAKDOWN.match(t, ps) or (
                        (k_ := bisect.bisect_left(reg_starts, cs)) < len(reg_starts) and reg_starts[k_] < c.start)):
                    # 1-10月,全市规模以上工业总产值…。\n分县(市)区看,开原市完成产值128.5亿元: a place's bare measure
                    # is the measure named in full in the paragraph before
                    fuller = _fuller_before(paragraphs, para_subjects, ps, subject)
                subject = fuller or subject
        if subject.startswith("对其") and not c.rank:
            # 欧盟仍为辽宁省最大贸易伙伴,对其进出口达504亿元: 其 is the partner just named
            partner = PARTNER.search(t[ss:c.start])
            if partner:
                subject = "对" + partner["p"] + subject[2:]
        inv = PROJECT_INVESTMENT.search(subj_left.strip()) if not c.rank else None
        own_projects = ind.clean_subject(subj_left.strip()[: inv.start()]) if inv else ""
        if own_projects.endswith("项目"):
            subject = own_projects + inv.group()  # 亿元以上项目完成投资增长8.5%: the projects are named here
        if inv and para_project.get(ps) and not subject.endswith("项目" + inv.group()):
            # 续建项目243个,…完成投资17.5亿元: the investment completed by the projects just counted
            subject = para_project[ps] + inv.group()
        elif subject and subject.endswith("项目") and not c.rank:
            para_project[ps] = subject
        if (subject and not c.rank and c.unit is not None and c.unit.base in PRODUCT_UNITS and not ind.ends_with_measure(subject)
                and not ind.lookup(subject) and PRODUCT_LIST.search(t[ps:c.start])):
            # 主要产品产量中,粗钢5420.1万吨,…轿车41.2万辆: a product of the list is named by its output
            subject += "产量"
        if subject and not c.rank and c.unit is not None and c.unit.base in ("人", "人口"):
            age_group = AGE_SUBGROUP.match(subject) is not None
            total = para_stock_population.get(ps) if age_group else para_population.get(ps)
            if SUBGROUP.fullmatch(subject) and total:
                # 户籍人口763.98万人,其中男性人口…: a sex or age group is a part of the total named before
                # (an age group of a stock: 出生人口…,60岁及以上人口 is not a part of the births)
                subject = f"{total}中{subject}"
            elif POPULATION_TOTAL.fullmatch(WHOLE_AREA.sub("", subject)) or subject in ("出生", "死亡"):
                # (全市常住人口 is one catalogue word: the area word is stripped here, not by the cleaning;
                # 全年出生2934人 is the births)
                total = WHOLE_AREA.sub("", subject)
                para_population[ps] = total + "人口" if total in ("出生", "死亡") else re.sub(r"(?:总数|总量)$", "", total)
                if not para_population[ps].startswith(("出生", "死亡")):
                    para_stock_population[ps] = para_population[ps]
        c.subject = subject
        raw_hint = ind.clean_subject(subj_left)
        prev_c = prev_cand_in_clause.get(cs)
        if prev_c is not None and left_wo_q.strip() in ("、", "和", "及", "与", ",", "以及") and prev_c[0] in ("growth", "change_pp", "share") and c.unit is not None and c.unit.cls in ("pct", "pp", "times", "cheng", "permille") \
                and not (list_item and c.unit.cls == "permille"):
            # (下降1.6%、2.4%: the decline word covers the list; a minus sign written on one item does not)
            kind, value, base = prev_c[0], (-abs(c.value) if prev_c[1] < 0 and not prev_c[3] else c.value), prev_c[2]
        else:
            prev_clause_raw = t[_find(clauses, cs - 1)[0]:cs] if cs > ss and not raw_hint else ""
            # 人口出生率、死亡率和自然增长率分别为…: each item is a rate of its own kind (the list's growth word is
            # the last item's)
            hint = list_item if list_item and c.unit is not None and c.unit.cls == "permille" else (
                raw_hint + "|" + subject + "|" + prev_clause_raw.rstrip(",，;；:："))
            kind, value, base = _kind_and_sign(c, left_wo_q if left_wo_q.strip() else full_left, hint,
                                               t[c.end + qalen:c.end + qalen + 6])
        prev_cand_in_clause[cs] = (kind, value, base, c.value < 0)
        if kind == "share" and subject and not c.rank:
            if "占" not in subject[1:] and BARE_SHARE.fullmatch(subj_left.strip()) and para_share_of.get(ps):
                # …一般贸易进出口…,占全市外贸进出口总额的50.4%;加工贸易进出口…,占23.9%: the same whole
                subject = subject + "占" + para_share_of[ps]
                c.subject = subject
            elif "占" not in subject[1:] and (sp := SHARE_OF_PLACE.fullmatch(subj_left.strip())):
                # 大连市进出口总值1806.9亿元,占全省的56.2%: the place's share of the whole of the province
                subject = subject + "占" + sp["place"]
                c.subject = subject
            elif "占" in subject[1:]:
                para_share_of[ps] = subject.rsplit("占", 1)[1]
        if subject and c.unit is not None and (ind.has_head(subject) or ind.lookup(subject)):
            para_unit_subject[(ps, c.unit.base)] = subject
        if subject:
            if ("其中" not in sent_left and not REGION_BREAKDOWN.match(sent_left.lstrip()) and not ind.is_region(subject)
                    and not ind.BREAKDOWN.match(sent_left.lstrip())):  # (分三大门类看,采矿业…: parts, not the total)
                para_total[ps] = subject
            last_subject[ss] = subject
            para_subject[ps] = subject
            para_subjects.setdefault(ps, []).append(subject)
            sentence_subjects.setdefault(ss, []).append(subject)
            sentence_units[ss] = c.unit.base if c.unit is not None else None
            if c.unit is not None:
                subject_units.setdefault((ss, subject), set()).add(c.unit.base)
            if kind == "level":
                sentence_level_subjects.setdefault(ss, []).append(subject)
            elif kind in ("growth", "share"):
                sentence_level_subjects[ss] = []
        # a target or plan (今年将…, 计划…, 力争…) for the publication year or later is not an outcome
        for subject in [subject] + also:
            gr = RANK_OF_GROWTH.search(t[max(ss, c.start - 30):c.start]) if c.rank else None
            if gr is not None and RANK_OF_LEVEL.search(t[cs:c.start]):
                gr = None  # 增长6.7%,总量居东北城市第2位: the clause ranks the amount, not its growth
            name, hit = ind.canonical_name(subject, unit_cls=c.unit.cls if c.unit is not None else None, kind=kind,
                                           growth_rank=(gr.group() if gr else False),
                                           universe=_rank_universe(t[cs:c.start]) if c.rank else None)
            if (hit is None and kind == "level" and c.unit is not None and c.unit.cls == "money" and PAID_OUT.search(name)
                    and "发放" in t[cs:c.start] and name[-2:] in t[t.rfind("发放", cs, c.start):c.start]):
                # 发放城乡低保资金3.2亿元: an amount paid out is the fund's 发放额 (as 发放低保金 is 低保金发放额)
                name += "发放额"
            # period
            period, mention = resolved if resolved is not None else periods.resolve(c.start, ps)
            clause_before = t[cs:c.start]
            ft = FROM_YEAR_TO.search(clause_before)
            if ft is not None:
                # 从2008年的62.5%提高到70.8%: the level reached is for the period in force before 从…年
                period, mention = periods.resolve(cs + ft.start(), ps) if cs + ft.start() > ss else periods.resolve(ss, ps)
                if period and ft["y"] and period.startswith(ft["y"]):
                    period = None
            elif (bv := BASE_VALUE.search(clause_before)) is not None:
                period = bv["y"]  # (a year: the base of a census or a bulletin comparison is a whole year)
            elif period and LAST_YEAR_SAME_TIME.search(clause_before):
                # 由上年同期的上涨1.4%转为下降0.4%: the first figure is last year's
                period = re.sub(r"(?:19|20)\d{2}", lambda y: str(int(y.group()) - 1), period)
            # region: the last one named before the figure in its sentence, else opening its paragraph
            region = listed_region
            lo = bisect.bisect_left(reg_starts, ss)
            hi = bisect.bisect_left(reg_starts, c.start)
            in_clause = set()
            named_end = ss  # where the last region named in the sentence ends
            for m in reg_mentions[lo:hi] if listed_region is None else ():
                if m.start >= ss and not BENCHMARK_BEFORE.search(t[max(ss, m.start - 6):m.start]) and not (m.self_word and SELF_BENCHMARK.match(t[m.end:m.end + 3])) \
                        and not SHARE_OF_BEFORE.search(t, max(ss, m.start - 3), m.start):
                    region = m.region or (province if m.self_word in ("全省", "我省", "本省") else city)
                    named_end = m.end
                    if m.start >= cs and m.region and canonical_level(m.region) in ("district", "county"):
                        in_clause.add(m.region)
            if len(in_clause) >= 2 and listed_region is None:
                # 浑南区奥体中心、于洪区丁香湖…日均接待游客超4000人: places in several districts → their city
                parents = {city_of(r) for r in in_clause}
                if len(parents) == 1:
                    region = parents.pop()
            venue_region = None
            if listed_region is None and venues:
                # 全省…。沈阳故宫接待游客12.6万人次: a venue named after the sentence's region is in its city's
                # (that sentence only: the paragraph's region carries on after it)
                k_v = bisect.bisect_left(venue_starts, c.start) - 1
                if k_v >= 0 and venues[k_v].start >= named_end:
                    region = venue_region = venues[k_v].region
            if region is None:
                # the region opening the paragraph: the last one named in its first clause (辽宁省沈阳…)
                pcs, pce = _find(clauses, ps)
                for j in range(bisect.bisect_left(reg_starts, ps), len(reg_mentions)):  # (no copy of the rest)
                    m = reg_mentions[j]
                    if m.start >= min(pce, c.start):
                        break
                    if m.start >= ps and not (m.self_word and SELF_BENCHMARK.match(t[m.end:m.end + 3])):
                        region = m.region or (province if m.self_word in ("全省", "我省", "本省") else city)
            if region is None and ss > ps:
                # 皇姑区在沈阳市率先开展“引博工程”…。截至目前,已有157名博士签约: the actor named in an
                # earlier sentence of the paragraph (not the universe of 在沈阳市率先)
                for m in reversed(reg_mentions[bisect.bisect_left(reg_starts, ps):bisect.bisect_left(reg_starts, ss)]):
                    if m.self_word and not SELF_BENCHMARK.match(t[m.end:m.end + 3]) \
                            and not BENCHMARK_BEFORE.search(t[max(ps, m.start - 6):m.start]):
                        # 在辽宁省委…领导下,…。全年全市GDP…。全年粮食产量…: the later 全市 is the actor, not the
                        # region named before it
                        region = province if m.self_word in ("全省", "我省", "本省") else city
                        break
                    if m.region and not (t[m.start - 1:m.start] == "在" and UNIVERSE_AFTER_REGION.match(t[m.end:m.end + 3])) \
                            and not BENCHMARK_BEFORE.search(t[max(ps, m.start - 6):m.start]):
                        # 分县(市)区看,昌图县增长5.1%,开原市下降8.7%…。分行业看,…: districts or counties
                        # listed in one sentence are a breakdown, not the actor of the sentences after it
                        ms_, me_ = _find(sentences, m.start)
                        listed_subs = {x.region for x in reg_mentions[bisect.bisect_left(reg_starts, ms_):
                                                                      bisect.bisect_left(reg_starts, me_)]
                                       if x.region and canonical_level(x.region) in sub_levels}
                        if len(listed_subs) < 2:
                            region = m.region
                        break
            if region is None and para_region.get(ps):
                # 全省居民消费价格上涨0.3%。其中,城市…: the paragraph's city or province carries on
                region = para_region[ps]
            region = region or doc_region
            if canonical_level(region) not in sub_levels and venue_region is None:
                para_region[ps] = region
            o_s, o_e = norm.span(c.start, c.end)
            if text[o_s:o_e].lstrip("-+－—–")[:1] in SUPERSCRIPTS:
                break  # m²%, ³: a superscript (an exponent or a note mark) that NFKC made a digit is not a number
            if t[c.start:c.start + 1] == "-" and value > 0 and kind != "growth":
                value = -value
            sent_s, sent_e = norm.span(ss, se)
            sentence = text[sent_s:sent_e].strip()
            unit = c.unit
            vb = value * unit.factor if unit is not None else value
            conf = 0.55 + (0.25 if hit else 0.0) + (0.1 if mention is not None else 0.0) - (0.15 if not subject else 0.0)
            low = high = None
            if c.low is not None:
                # the bounds carry the figure's sign: 下降5%-8% is -8..-5
                low, high = (c.low, c.high) if value >= 0 else (-c.high, -c.low)
            figures.append(Figure(
                start=o_s, end=o_e, value=value, unit=(unit.written if unit else None),
                value_base=vb, base_unit=(unit.base if unit else None), kind=kind, qualifier=c.qualifier,
                indicator=name, indicator_id=hit.id if hit else None, period=period, region=region,
                sentence=sentence, confidence=round(max(0.05, min(conf, 0.99)), 2), indicator_raw=subject or None,
                base=base, sentence_start=sent_s, low=low, high=high))
    if tables:
        ref_ym = (periods.ref.year, periods.ref.month) if periods.ref is not None else None
        # (a row or column of a period not over when the page came out holds targets, not outcomes)
        reader = TableReader(t, text, norm, periods, doc_region,
                             not_over=lambda p: ref_ym is not None and (_period_end(p) or (0, 0)) > ref_ym)
        figures += [f for tb in tables for f in reader.figures(tb)]
        figures.sort(key=lambda f: f.start)
    return figures
