"""Indicator names: the catalogue (lexicon/indicators.tsv), subject-phrase cleaning with jieba, lookup.

The subject phrase of a figure is the text before its number in its clause; it is segmented with a
dedicated jieba Tokenizer whose user dictionary holds the catalogue's names (so 规模以上工业增加值 stays
whole), then time, region and connective words are stripped from its start and verbs, qualifiers and
comparison words from its end. The cleaned phrase is looked up in the catalogue (exact alias, then the
longest alias it ends with); an unknown phrase is kept as it is, with no id.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import data_rows
from extract.regex_hints import may_match
from extract.segment import lcut_no_hmm

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str | None
    kind: str | None


@lru_cache(maxsize=1)
def catalogue() -> tuple[dict[str, Indicator], dict[str, Indicator]]:
    """(alias → indicator, id → indicator); aliases include the canonical names."""
    by_alias: dict[str, Indicator] = {}
    by_id: dict[str, Indicator] = {}
    for row in data_rows("indicators.tsv"):
        row += [""] * (5 - len(row))
        iid, name, aliases, unit, kind = row[:5]
        if not iid or not name:
            raise ValueError(f"indicators.tsv: id and name are required, got {row!r}")
        if iid in by_id:
            raise ValueError(f"indicators.tsv: duplicate id {iid}")
        ind = Indicator(iid, name, unit or None, kind or None)
        by_id[iid] = ind
        for a in [name] + [x.lstrip("=") for x in aliases.split("|") if x]:
            key = _key(a)
            other = by_alias.get(key)
            if other is not None and other.id != iid:
                raise ValueError(f"indicators.tsv: {a!r} names both {other.id} and {iid}")
            by_alias[key] = ind
    return by_alias, by_id


@lru_cache(maxsize=1)
def _own_spellings() -> frozenset:
    """Aliases written =… in indicators.tsv: an official spelling as good as the canonical name (实际使用外资 /
    实际利用外资), kept as the text writes it (the id is the same)."""
    out = set()
    for row in data_rows("indicators.tsv"):
        if len(row) > 2:
            out.update(_key(x[1:]) for x in row[2].split("|") if x.startswith("="))
    return frozenset(out)


@lru_cache(maxsize=1)
def _own_spelling_ends() -> tuple[str, ...]:
    """_own_spellings as a tuple, for one str.endswith call."""
    return tuple(sorted(_own_spellings()))


_KEY_DROP = re.compile(r"[\s\"“”‘’「」『』《》〈〉()（）\[\]【】·]")


# the definition 规模以上 stands for, as bulletins spelled it out before the word (500万元 until 2010, then
# 2000万元): 国有及年销售收入500万元以上非国有工业企业 is 国有及规模以上非国有工业企业
SIZE_THRESHOLD = re.compile(r"(?:年|全年)?(?:产品)?(?:销售收入|主营业务收入|营业收入)(?:在)?(?:500|2000)万元(?:及)?以上(?:的)?")


def _key(s: str) -> str:
    if "万元" in s:
        s = SIZE_THRESHOLD.sub("规模以上", s)
    return _KEY_DROP.sub("", s).replace("优、良", "优良")


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for row in data_rows("subject_words.tsv"):
        role, words = row[0], row[1] if len(row) > 1 else ""
        roles.setdefault(role, []).extend(w for w in words.split("|") if w)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in roles.items()}


NAMING_ROLES = frozenset({"total", "partner", "facility", "facility_attribute", "name_prefix_spec", "quantifier", "filler", "counted", "contrast", "measure", "bare_measure", "casualty"})
_TK_LOCK = threading.Lock()
_TK = None


def tokenizer():
    """A dedicated jieba Tokenizer with the catalogue as user dictionary (the global one is untouched)."""
    global _TK
    if _TK is not None:
        return _TK
    with _TK_LOCK:
        if _TK is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            by_alias, _ = catalogue()
            for a in by_alias:
                if len(a) >= 2:
                    tk.add_word(a, freq=200000)
            for w in _region_words():
                tk.add_word(w, freq=300000)
            for role, words in _word_lists().items():
                if role in NAMING_ROLES:
                    continue  # naming data, not segmentation words
                for w in words:
                    if len(w) >= 2:
                        tk.add_word(w, freq=100000)
            _TK = tk
    return _TK


# time words and attributions that open a subject phrase, removed before segmenting
PRE_STRIP = re.compile(r"^(?:(?:(?:19|20)\d{2}年|[前首头][一二三四五六七八九十两\d]{1,3}个?月|(?:今年|年初|入年|本年)(?:以来|至今)|今年来|\d{1,2}(?:[-—至]\d{1,2})?月(?:份)?(?:\d{1,2}日)?|上季度?|上一季度?|上个?月份?|\d{1,2}日|[一二三四]季度|第[一二三四]季度?|前三季度?|[首头][二两三]?季度?|上半年|下半年|全年|今年|去年|当天|当日|"
                       r"[另又]?据[^,，。]{0,14}?(?:统计|显示|测算|调查|数据|获悉|了解)|数据显示|统计显示|"
                       # a news agency's dateline (新华社沈阳10月25日电, 据中新社大连电): not part of the name
                       r"据?(?:[^,，。\d]{0,12}?\d{1,2}月\d{1,2}日|(?:新华社|中新社|中评社)[^,，。\d]{0,6}?)电\s*(?:/|[(（][^()（）\d]{0,16}[)）])?)[,，:：]?)+")
MONITORED_GROUP = re.compile(r"^(?:全省|全市|全区|全县)?(?:纳入|重点)?监测的?(?:\d+|[一二三四五六七八九十百]+)(?:家|个)(?=.)")
HOLIDAY_DAYS = re.compile(r"(?:(?:中秋国庆|国庆中秋|春节|五一|国庆|中秋|元旦|清明|端午)(?:节)?)?(?:小长假|长假|假期|黄金周|假日)?(?:前|第)(?:\d{1,2}|[一二三四五六七八九十]{1,2})天\s*")
STRETCH_DAYS = re.compile(r"(?<![\d.第前头后近续])(?:\d{1,2}|[二三四五六七八九十])天(?:来|内|里|间|时间里)?(?=[\u4e00-\u9fff])")
TIME_TOKEN = re.compile(r"^(?:(?:19|20)\d{2}年?|(?:今年|年初|入年|本年)(?:以来|至今)|今年来|至今|以来|月份|月末|月底|[前首头][一二三四五六七八九十两\d]{1,3}个?月|\d{1,2}(?:-\d{1,2})?月(?:份|末|底)?|上季度?|上一季度?|上个?月份?|\d{1,2}日|[一二三四1-4]季度|第[一二三四1-4]季度?|前三季度?|[首头][二两三]?季度?|上半年|下半年|全年|年末|年底|年初|今年|去年|上年|本年|当年|同期|截至|截止|期间|假期|黄金周|长假|小长假)$")
MONTH_COUNT = re.compile(r"^(?:[一二三四五六七八九十两]{1,3}个月?|\d{1,2}(?:个月?)?)$")
NOISE = re.compile(r"^[\s\-—–~·\.,，、;；:：!！?？\"“”‘’'「」『』《》()（）\[\]【】*#|/]+$")
DIGITY = re.compile(r"\d")
# (城镇调查失业率平均为5.3%: the 均为 of 平均为 is no "all are")
ALL_ARE = re.compile(r"(?<=.)(?<!平)(?:均为|均居|均列|均排|均位|均占|均实现|均保持|均呈|均有)[^,，;；]*$")
# 全省14个市地区生产总值: the divisions a statement runs over are not part of the name
# (沈阳、大连两市社会消费品零售总额: the count of the places listed before, 个 left out)
DIVISIONS = re.compile(r"^(?:(?:全省|全市|全国|全区)?[\d一二三四五六七八九十]+个(?:市|县|区|地市|城市|县区|县\(市\)区)"
                       r"|[两二三四五六七八九十](?:市|县|地|城市|县区|地市)(?=[\u4e00-\u9fff]{2}))")
GENERATION = re.compile(r"^[2-6]G$")  # 5G移动电话用户: the network generation is part of the name
TWO_HAN = re.compile(r"[\u4e00-\u9fff]{2}")
MILESTONE = re.compile(r"(?<=.)(?:首次|首度|历史性地|一举|成功)?(?:突破|跨越|迈上|站上|跨上|越过|超过)"
                       r"[一二三四五六七八九十百千万亿两\d.]+(?:亿元|万元|元|万人次|人次|万人|万吨|吨)?(?:大关|台阶|关口|规模)?$")
FROM_YEAR = re.compile(r"(?:由|从)(?:19|20)\d{2}年(?:末|底)?的?$")
LEVEL_TO_ONLY = re.compile(r"(?:升至|降至|增至|提高到|提高至|上升到|上升至|下降到|下降至|增加到|增加至|减少到|减少至|达到)"
                           r"(?:(?:19|20)\d{2}年(?:末|底)?)?的?")


BREAKDOWN = re.compile(r"^(?:[分从按][^,，;；。]{1,10}?(?:看|来看|分|划分)|分[^,，;；。]{1,8}?(?:统计))(?:[,，:：]|$)")
GRADE = re.compile(r"[1-5一二三四五]A级|[1-5一二三四五]星级|[1-5一二三四五]A(?=景区|旅游景区)")
FOOTNOTE = re.compile(r"\[\d{1,2}\]|〔\d{1,2}〕|【\d{1,2}】")
# 固定资产投资(不含农户): a note on what the figure covers is not part of the name
SCOPE_NOTE = re.compile(r"[(（](?:不含|含|不包括|包括|不包含|包含)[^()（）]{1,14}[)）]")
# 外商直接投资(FDI), 居民消费价格指数(CPI): the Latin abbreviation in brackets after a name repeats it
ABBREVIATION_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][A-Za-z&]{2,6}[)）]")
POLLUTANT_END = re.compile(r"[(（]?(?:PM_?2\.5|PM_?10|O_?3|NO_?2|SO_?2)[)）]?$")
# 首要污染物为细颗粒物(PM_2.5)占64.0%: the code before the verb of a share still ends the name
POLLUTANT_BEFORE_VERB = re.compile(POLLUTANT_END.pattern[:-1] + r"(?=(?:的)?(?:占|约占|为|是|达)$)")
AGE_GROUP = re.compile(r"\d{1,3}(?:[-—~至到]\d{1,3}岁|岁)(?:及以上|以上|以下|及以下)?")


@lru_cache(maxsize=None)
def _strip_tables(role: str) -> tuple[frozenset, re.Pattern | None]:
    words = _word_lists().get(role, ())
    if role == "prefix":
        words = tuple(words) + _region_words()
    long_words = sorted((w for w in words if len(w) >= 2), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in long_words)
    if not alt:
        return frozenset(words), None
    pat = re.compile(f"^(?:{alt})(?=.)" if role == "prefix" else f"(?<=.)(?:{alt})$")
    return frozenset(words), pat


@lru_cache(maxsize=1)
def _region_words() -> tuple[str, ...]:
    return tuple(r[0] for r in data_rows("regions.tsv"))


@lru_cache(maxsize=1)
def _region_words_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_region_words(), key=len, reverse=True))


def _strip(tokens: list[str], role: str, *, front: bool) -> list[str]:
    ws, pat = _strip_tables(role)
    while tokens:
        t = tokens[0] if front else tokens[-1]
        if t in ws or NOISE.match(t) or TIME_TOKEN.match(t) or (DIGITY.search(t) and not TWO_HAN.search(t) and not GENERATION.match(t)):
            if front and DIGITY.search(t) and len(tokens) > 3 and tokens[1] == "个" and tokens[2] in _PLACES_COUNTED:
                tokens = tokens[:1] + tokens[2:]
            if front and DIGITY.search(t) and len(tokens) > 2 and tokens[1] in _PLACES_COUNTED:
                tokens = tokens[:1] + tokens[2:]  # 辽宁14(个城)市GDP排名: the number of cities compared is no part of the name
            tokens = tokens[1:] if front else tokens[:-1]
            continue
        if front and t in ("首", "前", "头") and len(tokens) > 1 and MONTH_COUNT.match(tokens[1]) and (
                tokens[1].endswith("月") or tokens[2:3] in (["月"], ["个月"], ["个"])):  # (首|两个|月: not 首|两个|项目)
            tokens = tokens[2:]  # 首|十个月, 前|8|个|月: a stretch of months jieba split (the period, not the name)
            while tokens and tokens[0] in ("个", "月", "个月"):
                tokens = tokens[1:]
            continue
        # a multi-character token that merely starts/ends with a listed word (jieba glued it on)
        m = pat.search(t) if pat is not None else None
        if m and t not in catalogue()[0]:  # a catalogue name (第一产业增加值) is whole, whatever it starts with
            rest = t[m.end():] if front else t[: m.start()]
            tokens = ([rest] + tokens[1:]) if front else (tokens[:-1] + [rest])
            continue
        break
    return tokens


_PLACES_COUNTED = frozenset({"市", "个市", "城市", "个城市", "地市", "县", "个县", "县区", "省", "个省", "省份", "个省份"})


@lru_cache(maxsize=20000)
def clean_subject(phrase: str) -> str:
    """The indicator phrase left when time, region, connective, verb and comparison words are removed."""
    # 规模以上工业[4]增加值: a bulletin's footnote marker is not part of the name
    if "含" in phrase or "包括" in phrase:
        phrase = SCOPE_NOTE.sub("", phrase)
    if "(" in phrase or "（" in phrase:
        phrase = ABBREVIATION_NOTE.sub("", phrase)
    phrase = PRE_STRIP.sub("", FOOTNOTE.sub("", phrase).strip().rstrip(",，;；:：")).replace("优、良", "优良")
    if "天" in phrase:
        phrase = STRETCH_DAYS.sub("", HOLIDAY_DAYS.sub("", phrase))  # 中街步行街8天客流量, 假期第三天 全省…: the period
    if "监测" in phrase:
        phrase = MONITORED_GROUP.sub("", phrase)  # 纳入监测的82家A级旅游景区: the sample, not the name
    if "万元" in phrase:
        phrase = SIZE_THRESHOLD.sub("规模以上", phrase)
    # 分县(市)区看, 从行业看, 按经济类型分: how the figures that follow are broken down, not a name
    phrase = BREAKDOWN.sub("", phrase)
    # 优良天数比例由2014年的52.3%升至2021年的86.3%: the start year is not part of the name, and a
    # phrase that is only the verb and the end year names nothing (the figure continues the subject)
    phrase = FROM_YEAR.sub("", phrase)
    # 地区生产总值首次突破三万亿元大关(,达到30209.4亿元): the milestone passed is not part of the name
    if may_match(MILESTONE, phrase):
        phrase = MILESTONE.sub("", phrase)
    if not phrase or LEVEL_TO_ONLY.fullmatch(phrase):
        return ""
    # 旅游总接待人次和消费规模均为全省首位: what follows 均为 is a predicate, not the name
    phrase = DIVISIONS.sub("", ALL_ARE.sub("", phrase))
    lists = _word_lists()
    air = AIR_STANDARD_DAYS.search(phrase) if "二级" in phrase else None
    if air is not None:
        # 空气质量达到(或好于)二级标准的天数: one name, 达到 inside it is no verb that starts a new predicate
        rest = clean_subject(phrase[air.end():]) if air.end() < len(phrase) else ""
        return air.group().replace("的", "") + (rest if rest.startswith("占") else "")
    grade = GRADE.search(phrase)
    if grade is not None and grade.end() < len(phrase):
        # 5A级景区, 四星级饭店: the grade is part of the name; its digit must not be stripped
        rest = clean_subject(phrase[grade.end():])
        return grade.group() + rest if rest else phrase[grade.start():]
    pol = POLLUTANT_END.search(phrase) or (POLLUTANT_BEFORE_VERB.search(phrase) if "PM" in phrase else None)
    if pol is not None:
        # 首要污染物为细颗粒物(PM_2.5): a pollutant's code ends the name; its digits are not a number to strip
        rest = clean_subject(phrase[: pol.start()]) if pol.start() > 0 else ""
        if pol.end() < len(phrase):
            return rest + pol.group()  # (a share of days by pollutant keeps the code as the text writes it)
        return rest + pol.group().replace("_", "")
    age = AGE_GROUP.search(phrase)
    if age is not None and age.end() < len(phrase) and len(phrase) - age.end() <= 6:
        # 0-17岁人口总数: the age bracket names the group; the digit tokens must not be stripped
        rest = clean_subject(phrase[age.end():])
        return age.group() + rest if rest else phrase[age.start():]
    tokens = [t for t in lcut_no_hmm(tokenizer(), phrase) if t.strip()]
    # keep what follows the last clause-internal break (a verb that starts a new predicate)
    breakers = set(lists.get("break", ()))
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in breakers and i < len(tokens) - 1:
            after = "".join(tokens[i + 1:])
            if after in _role_set("bare_measure") and i > 0:
                # 第一产业完成增加值93.6亿元: a bare measure after the verb belongs to what comes before it
                tokens = tokens[:i] + tokens[i + 1:]
            else:
                tokens = tokens[i + 1:]
            break
    if len(tokens) > 2:
        # 沈阳地铁全年客运量: a time word inside the phrase is the period, not part of the name (地铁客运量)
        tokens = [tokens[0]] + [x for x in tokens[1:-1] if x not in _INNER_TIME] + [tokens[-1]]
    for _ in range(3):
        before = tokens
        tokens = _strip(tokens, "prefix", front=True)
        tokens = _strip(tokens, "suffix", front=False)
        if tokens is before:
            break  # nothing stripped: another round would strip nothing either
    out = "".join(tokens)
    out = out.strip("的之")
    if len(out) > 40:
        # keep whole tokens from the end
        kept = ""
        for tok in reversed(tokens):
            if len(kept) + len(tok) > 40:
                break
            kept = tok + kept
        out = kept.strip("的之")
    return out


# 水果产量52.3万吨,其中,苹果12.5万吨,梨8.3万吨: a one-character product after an output (梨, 桃, 鱼 …)
_ONE_CHAR_PRODUCE = re.compile(r"^[\u4e00-\u9fff]$")
_INCOME_SPENDING = {"支出": "收入", "收入": "支出"}
_ACCIDENT = re.compile(r"^(.{2,}事故)(?:(?:死亡|受伤|失踪|遇难)人数)?$")
# (铁路累计发送旅客: 累计 inside a name says the figure is a running total, it names nothing)
_INNER_TIME = frozenset({"全年", "年末", "年底", "当年", "今年", "去年", "累计"})


@lru_cache(maxsize=None)
def _role_set(role: str) -> frozenset:
    return frozenset(_word_lists().get(role, ()))


@lru_cache(maxsize=None)
def _role_suffix_re(role: str) -> re.Pattern:
    words = _word_lists().get(role, ())
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + ")$") if words else re.compile(r"(?!)")


def is_generic(subject: str) -> bool:
    """A subject that names no indicator by itself (增速, 占比, 总量 …): the figure is about the previous one."""
    return not subject or subject in _role_set("generic")


def ends_with_verb(subject: str) -> bool:
    return bool(_role_suffix_re("verb_before_count").search(subject))


@lru_cache(maxsize=20000)
def lookup(phrase: str) -> Indicator | None:
    """The catalogue indicator a cleaned phrase names, or None."""
    if not phrase:
        return None
    by_alias, _ = catalogue()
    key = _key(phrase)
    hit = by_alias.get(key)
    if hit:
        return hit
    if "类价格" in key:
        # 交通通信类价格, 医疗保健类价格: the CPI categories are written with and without 类
        hit = by_alias.get(key.replace("类价格", "价格"))
        if hit:
            return hit
    if "居民家庭" in key:
        # 城镇居民家庭人均可支配收入, 农村居民家庭人均纯收入 (older bulletins): the household survey's own name
        hit = by_alias.get(key.replace("居民家庭", "居民"))
        if hit:
            return hit
    if _ABBREVIATED.match(key):
        # 规上工业企业数, 限上单位餐饮收入: the catalogue spells the name out
        return lookup(_ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], key))
    specifiers = _word_lists().get("specifier", ())
    best = None
    for n in range(len(key) - 1, 1, -1):
        tail = key[-n:]
        ind = by_alias.get(tail)
        if ind is None:
            continue
        head = key[:-n]
        if n < 3:
            continue  # a two-character alias (投资, 出口) names an indicator only on its own
        if len(head) >= 2 and ind.name.startswith(_SECTOR_STARTS) and tail.startswith(_SECTOR_STARTS) and not _SCOPE_HEAD.search(head):
            return None  # 汽车制造业投资, 高端装备制造业增加值: a sub-industry's figure, not the sector's
        if "每" in head and _PER_HEAD.search(head):
            return None  # 每万人拥有5G基站, 每千名老人拥有养老床位: a ratio to the population, not the count
        if head.endswith("级") or _SELECTED.search(head):
            return None  # 企业获评国家卓越级智能工厂: the firms given a grade or a title, not the catalogue's total
        if any(head.endswith(s) or head == s for s in specifiers) or head[:1] in ("对", "与"):
            return None  # 对东盟进出口 is trade with a partner, not the total
        if head.endswith("中") or ind.id in _totals() or len(head) == 1:
            # (a one-character head is part of a word: 海水产品产量 is not 水产品产量)
            return None  # 户籍人口中男性人口 is a part; 钢材出口额, 外资企业出口额 are parts of the total
        best = ind
        break
    return best


_PER_HEAD = re.compile(r"每[十百千万]+(?:名|个)?[\u4e00-\u9fff]{0,2}(?:拥有)?$")
_SELECTED = re.compile(r"入选|获评|获批|评为|认定为|达到|享受")
# names that start with a sector: a phrase with more before them is a narrower industry (汽车制造业投资)
_SECTOR_STARTS = ("制造业", "装备制造业", "工业", "服务业", "产业")
# …unless what stands before is only the scope of the statistics (规模以上工业企业利润)
_SCOPE_HEAD = re.compile(r"(?:规模以上|规上|限额以上|限上|全部|全社会|全市|全省)$")


def _totals() -> frozenset:
    """Ids of totals that a phrase merely ending with their name is a part of (subject_words.tsv, role total)."""
    return _role_set("total")


ZONES = frozenset({"开发区", "高新区", "经开区", "保税区", "自贸区"})


# 沈阳、大连两市分别增长…: the count of the places listed names no indicator
PLACE_COUNT = re.compile(r"^[两二三四五六七八九十\d]{1,2}个?(?:市|区|县|县区|县市|县\(市\)区|地区|城市|地市)$")


def is_region(subject: str) -> bool:
    return subject in _region_word_set() or subject in ZONES or (len(subject) <= 6 and PLACE_COUNT.match(subject) is not None)


def is_bare_measure(subject: str) -> bool:
    """A subject that is only what is measured (营业收入, 利润总额, 产值): it belongs to a fuller name."""
    return subject in _role_set("bare_measure") or subject in HEAD_NOUNS or subject in ("利润总额", "营业收入", "主营业务收入")


@lru_cache(maxsize=1)
def _region_word_set() -> frozenset:
    return frozenset(_region_words())


HEAD_NOUNS = ("产值", "增加值", "利润", "利润总额", "营业收入", "销售收入", "销售额", "投资", "产量", "出口", "进口", "收入")
TOPIC_END = re.compile(r"(?:\d|生产|继续|持续|保持|发挥|实现|完成|呈现|表现|生产|稳步|快速|平稳|稳定|发展|运行|回升|向好|恢复|较快|同比|增长|的|,|，|"
                       r"异军突起|蓬勃|迅猛|不断|加快|加速|持续|壮大|势头|增势|提质|稳中)")


def is_head_noun(subject: str) -> bool:
    return subject in HEAD_NOUNS


def topic(clause: str, longest: int = 14) -> str:
    """The noun phrase a sentence opens with (装备制造业继续发挥支撑作用 → 装备制造业)."""
    m = TOPIC_END.search(clause)
    if m is not None and m.group() == "的" and clause[m.end():m.end() + 1].isdigit():
        return ""  # 重点监测的120家景区…: the phrase before 的 modifies a counted group; it is not the topic
    head = clause[: m.start()] if m else clause
    out = clean_subject(head)
    return out if 2 <= len(out) <= longest and not is_region(out) else ""


def measures() -> tuple[str, ...]:
    """What a name measures (增加值, 产值, 投资 …), longest first."""
    return _word_lists().get("measure", ())


def heads() -> tuple[str, ...]:
    """Head nouns that list items share (城镇和农村居民人均可支配收入), longest first."""
    return _word_lists().get("head", ())


HEAD_CHARS = re.compile(r"游客|对象|旅游|人次|人数|人口|接待|收入|消费|花费|产值|总值|增加值|投资|额|量|数|率|比|价格|指数|利润|资金|"
                        r"保险|就业|岗位|工资|支出|面积|产量|销售|客流|用户|企业|项目|客|者|员|人|孩|童|幼儿|学生|招生|毕业生|教师|医师|护士|职工|农民工|出口|进口|贸易|顺差|逆差|GDP|CPI|PPI|税|存款|贷款|电|天|浓度|噪声|床|户|金|费|值|款|值|产|业")


def has_head(subject: str) -> bool:
    """Whether a phrase names a measurable thing (收入, 游客, 产值 …) rather than a place or an actor."""
    return bool(HEAD_CHARS.search(subject))


@lru_cache(maxsize=1)
def _long_aliases() -> tuple[tuple[str, Indicator], ...]:
    by_alias, _ = catalogue()
    return tuple(sorted(((a, i) for a, i in by_alias.items() if len(a) >= 4), key=lambda x: -len(x[0])))


@lru_cache(maxsize=1)
def _long_aliases_by_bigram() -> dict[str, tuple[int, ...]]:
    """The first two characters of each long alias → the alias's places in _long_aliases()."""
    out: dict[str, list[int]] = {}
    for k, (a, _) in enumerate(_long_aliases()):
        out.setdefault(a[:2], []).append(k)
    return {b: tuple(ks) for b, ks in out.items()}


def find_in_text(text: str) -> Indicator | None:
    """The indicator of the last, longest catalogue name (4+ characters) written in a stretch of text."""
    best, best_end = None, -1
    # only the aliases whose first two characters are in the text (not all of them), in the same order
    index = _long_aliases_by_bigram()
    ks = sorted({k for j in range(len(text) - 1) for k in index.get(text[j:j + 2], ())})
    aliases = _long_aliases()
    for a, i in (aliases[k] for k in ks):  # longest first: on the same end the longest name wins
        p = text.rfind(a)
        if p >= 0 and p + len(a) > best_end:
            best, best_end = i, p + len(a)
    return best


# spellings that differ only by these name one indicator (食品烟酒类价格 / 食品烟酒价格, 粮食产量 / 粮食总产量,
# 二氧化硫年均浓度 / 二氧化硫浓度, 人民币存款余额 / 金融机构人民币各项存款余额): the text's own spelling is kept; 实际使用外资 / 实际利用外资 likewise
_OPTIONAL_CHARS = re.compile(r"(?<=实际)(?:使用|利用)|(?<=居民)家庭|[类和及]|总(?=产量)|平均|年均|各项|^金融机构|政策|共建(?=一带一路)|(?<=一带一路)沿线|常住(?=居民)")
# trade values are amounts: 对俄罗斯进出口值 is 对俄罗斯进出口额 (the 统计公报 wording)
_TRADE_VALUE = re.compile(r"(进出口|出口|进口)(?:贸易)?值$")
# X占Y(的)比重: the share of X in Y, named X占Y比重 without the period word (同期) and X's own measure
_SHARE_OF = re.compile(r"^(?P<a>.+?)占(?:同期|全市|全省|全国)?(?P<b>[^占]{2,})$")
_AQI_LEVEL = re.compile(r"(?:I{1,3}|IV|VI?|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|[一二三四五六])级\(?(优|良|轻度污染|中度污染|重度污染|严重污染)\)?天数$")
# 规上工业, 限上单位: the 统计公报 spells them out
_ABBREVIATIONS = {"规上": "规模以上", "限上": "限额以上"}
_ABBREVIATED = re.compile(r"^(?:规上|限上)")
_SHARE_TAIL = re.compile(r"(?:的)?(?:比重|比例|份额|占比)?$")
_RANK_DONE = re.compile(r"(?:排名|排位|名次|位次)$")
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,3})\1")
_HAS_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff])拥有(?=[\u4e00-\u9fff])(?!量)")
_CJK_DE_CJK = re.compile(r"(?<=[\u4e00-\u9fff])的(?=[\u4e00-\u9fff])")
_INSURED = re.compile(r"^参加(.{2,}保险)的?人数$")
_COUNT_DONE = re.compile(r"(?:数|数量|量|人次|总数|个数|家数|户数)$")


@lru_cache(maxsize=1)
def _naming_tables() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, tuple[str, ...]]:
    lists = _word_lists()

    def alt(role: str) -> str:
        return "|".join(re.escape(w) for w in lists.get(role, ())) or "(?!)"

    return (re.compile(f"^(?:{alt('name_prefix_spec')})"), re.compile(f"(?:{alt('quantifier')})"),
            re.compile(f"(?:{alt('filler')})"), re.compile(f"(?:{alt('counted')})$"), lists.get("contrast", ()))


def tidy_name(subject: str) -> str:
    """An unknown subject as a name: no quantifiers (各类), fillers (监测点次), doubled words or 的 between
    words (抵达沈阳的客流总量 → 抵达沈阳客流总量), the common 统计公报 spelling."""
    _, quant, filler, _, _ = _naming_tables()
    out = quant.sub("", subject)
    out = filler.sub("", out)
    # (each step only when a match is possible: a doubled word repeats a character; may_match reads what the
    # others' matches hold from the patterns: 的, 级, 值)
    if len(set(out)) < len(out):
        out = _DOUBLED.sub(r"\1", out)
    if may_match(_CJK_DE_CJK, out):
        out = _CJK_DE_CJK.sub("", out)
    if "拥有" in out:
        out = _HAS_INSIDE.sub("", out)  # 卫生机构拥有床位 → 卫生机构床位 (not 有效发明专利拥有量)
    aqi = _AQI_LEVEL.search(out) if may_match(_AQI_LEVEL, out) else None
    if aqi is not None:
        # 环境空气质量指数(AQI)Ⅰ级(优)天数 → 空气质量优级天数; Ⅲ级(轻度污染)天数 → 轻度污染天数
        return f"空气质量{aqi[1]}级天数" if aqi[1] in ("优", "良") else f"{aqi[1]}天数"
    if may_match(_TRADE_VALUE, out):
        out = _TRADE_VALUE.sub(r"\1额", out)
    out = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], out)
    return out if len(out) >= 2 else subject


_OF_ALL_DAYS = re.compile(r"(?<=天数)的?占(?:全年|当年|同期)?(?:总|有效监测|有效|监测)?(?:天数)?(?:的)?(?:比例|比重)?$")
# the 统计公报 name of good-air days before the AQI (and after it, in some cities)
AIR_STANDARD_DAYS = re.compile(r"(?:环境)?空气质量(?:达到或好于|达到或优于|达到|好于|优于)(?:国家)?二级(?:标准)?(?:及以上|以上)?的?天数")


_SHARE_PLACE = re.compile(r"(?:同期)?(?P<p>全省|全市|全国)")


def _same_measure(a: str, b: str) -> bool:
    """Whether the part and the whole of a share name one indicator (进出口, 进出口总值)."""
    ha, hb = lookup(a), lookup(b)
    return ha is not None and ha == hb


def share_name(subject: str) -> str | None:
    """X占Y比重 for a share subject written 机电产品出口值占同期出口总值 (None when it is not one):
    X's own measure goes when Y names it (机电产品占出口总值比重), the period word 同期 goes."""
    m = _SHARE_OF.match(subject)
    if m is None:
        return None
    a, b = m["a"], _SHARE_TAIL.sub("", m["b"])
    place = _SHARE_PLACE.match(subject, len(m["a"]) + 1)
    # 占同期大连市外贸总值的36.9%: the whole is the region's own; its name is not part of the indicator
    b = next((b[len(r):] for r in _region_words_longest_first() if b.startswith(r) and len(b) > len(r) + 1), b)
    b = b[2:] if b.startswith(("同期", "全市", "全省", "全国")) else b
    if place is not None and (not b or _same_measure(a, b)):
        # 沈阳市进出口…,占全省(进出口总值)的20.3%: a place's share of the province's own total
        hit = lookup(a)
        return f"{hit.name if hit is not None else tidy_name(a)}占{place['p']}比重"
    if len(b) < 2:
        return None
    if b.startswith("外贸进出口"):
        b = b[2:]  # 占全市外贸进出口总额: the trade total (进出口总额; its spelling 总额/总值 is the text's)
    hit = lookup(a)
    a = hit.name if hit is not None else tidy_name(a)
    for measure in ("进出口额", "进出口", "出口额", "出口", "进口额", "进口", "增加值", "产值", "投资"):
        if a.endswith(measure) and len(a) > len(measure) + 1 and (b.startswith(measure[:2]) or (measure.startswith("进出口") and b.startswith("外贸"))):
            a = a[: -len(measure)]
            break
    return f"{a}占{b}比重"


@lru_cache(maxsize=20000)  # pure, asked for every figure
def canonical_name(subject: str, *, unit_cls: str | None, kind: str, growth_rank: bool | str = False,
                   universe: str | None = None) -> tuple[str, Indicator | None]:
    """(the indicator's name, its catalogue entry or None) for a cleaned subject phrase.

    A catalogue hit gives its canonical name; a rate-prefix (日均, 人均) before a catalogue name gives the
    prefix plus that canonical name (no id: it is another indicator); otherwise the subject is tidied.
    A count of things (个 项目) is named …数; a rank is named …排名 (…增速排名 for a rank of growth).
    """
    if not subject:
        return subject, None
    if may_match(_INSURED, subject):
        # 参加城镇职工基本养老保险人数: the 统计公报 name is 城镇职工基本养老保险参保人数
        subject = _INSURED.sub(r"\1参保人数", subject)
    if kind == "share" and "天数" in subject:
        subject = _OF_ALL_DAYS.sub("", subject)  # (优良天数)占全年天数(的87.9%): the whole is the year's days
    share_of = "占" in subject[1:]
    if kind in ("share", "change_pp") and share_of:  # (…占外贸总值的72.2%,提升0.8个百分点: the share's change)
        shared = share_name(subject)
        if shared is not None:
            return shared, None
    # X占Y比重 is a share of X in Y: neither X's nor Y's catalogue entry
    hit = lookup(subject) if not share_of else None
    if hit is not None and not hit.name.startswith("每") and PER_POPULATION.match(subject):
        # 每千人口执业(助理)医师, 每千名老年人拥有养老床位: a ratio to the population, not the catalogue's count
        # (named as written, 拥有 included, as 每万人拥有5G基站 is)
        return subject, None
    if kind == "share" and subject.endswith("天数") and (hit is None or hit.unit == "天"):
        # 优良天数为300天,占全年的82.2%: a share of days is the days' 比例 (空气质量优良天数比例), not the count
        days = hit.name if hit is not None else tidy_name(subject)
        ratio = lookup(days + "比例")
        return (ratio.name, ratio) if ratio is not None else (days + "比例", None)
    if hit is not None:
        name = hit.name
        if name != subject and (_OPTIONAL_CHARS.sub("", _key(name)) == _OPTIONAL_CHARS.sub("", _key(subject))
                                or _key(subject).endswith(_own_spelling_ends())):
            # (an own spelling =alias is kept also when more stands before it: 星级酒店客房出租率)
            name = _key(subject)  # 食品烟酒类价格 / 食品烟酒价格: both official spellings; keep the text's
            own = next((o for o in sorted(_own_spellings(), key=len, reverse=True) if name.endswith(o)), None)
            if own is not None and "、" in name[: -len(own)]:
                name = own  # 沈阳站、沈阳北站、沈阳南站发送旅客: a list of venues is the entity, not the name
    else:
        spec, _, _, counted, _ = _naming_tables()
        m = spec.match(subject)
        rest = lookup(subject[m.end():]) if m and len(subject) > m.end() + 1 else None
        if rest is not None:
            name = m.group() + rest.name
            # 人均国内生产总值 → 人均 + 地区生产总值: a catalogue name of its own (人均地区生产总值)
            hit = lookup(name)
        else:
            name = tidy_name(subject)
            if unit_cls == "count" and kind == "level" and counted.search(name) and not _COUNT_DONE.search(name):
                name += "数"
    if kind == "share" and hit is None and name.endswith("比重") and "占" not in name and len(name) > 4:
        # 外商投资企业进出口比重: the share of a part with no whole named is its 占比 (the 比重 of the X占Y form)
        name = name[:-2] + "占比"
    if kind == "rank" and not _RANK_DONE.search(name):
        if growth_rank and not re.search(r"增速|增幅|增长率|涨幅", name):
            # a rank of a price rise is a rank of its 涨幅 (居民消费价格涨幅排名), of anything else its 增速
            if growth_rank == "涨幅":
                name = re.sub(r"指数$", "", name) + "涨幅"
            else:
                name += "增速"
        # 列全国第13位: a national rank says so (…全国排名); a rank in the city or province does not
        name += "全国排名" if universe == "全国" else "排名"
    return name, hit


def fill_from_parallel(subject: str, previous: str) -> str:
    """An elliptical second member of a pair takes the rest of the first one's name:
    (功能区声环境昼间达标率, 夜间达标率) → 功能区声环境夜间达标率."""
    if not previous or not subject or len(subject) >= len(previous) or lookup(subject) is not None:
        return subject
    *_, contrast = _naming_tables()
    for w in contrast:
        if subject.startswith(w):
            rest = subject[len(w):]
            other = next((o for o in contrast if o != w and previous.startswith(o + rest) and len(previous) > len(o + rest) + 1), None)
            if rest and other is not None:
                # (城镇居民人均消费支出, 农村居民) → 农村居民人均消费支出: the other member of the pair, its measure left out
                return w + previous[len(other):]
            if len(rest) < 2 or not previous.endswith(rest):
                return subject
            head = previous[: len(previous) - len(rest)]
            for other in contrast:
                if other != w and head.endswith(other) and len(head) > len(other):
                    return head[: len(head) - len(other)] + subject
            for other in contrast:
                if other != w and head.startswith(other) and len(head) > len(other):
                    # (城镇固定资产投资, 农村投资) → 农村固定资产投资: the pair's other member, the name in full
                    return w + previous[len(other):]
            return subject
    return subject


_MEASURE_END = re.compile(r"(?:额|量|数|率|值|价|费|税|金|款|支出|人口|幼儿|儿童|学生|研究生|人员|医师|护士|教师|收入|指数|比重|比例|占比|增速|增幅|规模|面积|产量|天数|浓度|人次|游客|投资|价格|产值|利润)$")


@lru_cache(maxsize=20000)  # pure, asked for most figures after a sentence's first
def partner_trade(subject: str, previous: str) -> str | None:
    """The trade of a partner when the subject names only the partner or only the flow and the name before it
    is trade with a partner: (美国, 对日本贸易总额) → 对美国贸易总额; (出口, 对欧盟进出口) → 对欧盟出口."""
    m = _PARTNER_TRADE.match(previous or "")
    if m is None or not subject:
        return None
    if subject in _role_set("partner"):
        return m["w"] + subject + m["rest"]
    if subject in ("出口", "进口", "出口额", "进口额", "出口总额", "进口总额"):
        return m["w"] + m["p"] + subject[:2]
    return None


_PARTNER_TRADE = re.compile(r"^(?P<w>对|与)(?P<p>.{2,14}?)(?P<rest>(?:进出口|贸易|出口|进口).*)$")


PER_WORDS = ("日均", "人均", "户均", "月均")
PER_POPULATION = re.compile(r"每(?:\d+|[十百千万]+)(?:名|个|位)?(?:常住)?(?:人口|人|老年人|老人|户|儿童|学生|居民)")
# the measure of a part, named after the whole's: 粮食总产量…,其中玉米 → 玉米产量 (the 总 was the whole's);
# 固定资产投资…,其中制造业 → 制造业投资 (the 统计公报 name of an industry's share of the investment)
_PART_MEASURE = {"总产量": "产量", "固定资产投资": "投资"}


@lru_cache(maxsize=20000)  # pure; the pairs of a bulletin's sentences recur (其中 lists, 分别 lists)
def fill_from_context(subject: str, previous: str, *, same_unit: bool = True) -> str:
    """The name an elliptical subject stands for, given the subject named before it in the sentence:
    城市 after 居民消费价格 → 城市居民消费价格; 股份制企业 after 国有控股企业增加值 → 股份制企业增加值;
    总产量 after 蔬菜及食用菌播种面积 → 蔬菜及食用菌总产量; 夜间达标率 after 昼间… (fill_from_parallel)."""
    if not subject or not previous or subject == previous:
        return subject
    prev_hit = lookup(previous) if previous.endswith("业") else None
    if prev_hit is not None and len(prev_hit.name) > len(previous) and prev_hit.name.startswith(_key(previous)):
        # 其中,冶金工业增长8.6%,装备制造业增长15.3%: the name before is the catalogue's (冶金工业增加值), measure included
        previous = prev_hit.name
    other = _INCOME_SPENDING.get(subject)
    if other is not None and previous.endswith(other) and len(previous) > len(other) + 1:
        # 养老保险基金收入523.1亿元,支出612.3亿元: the spending of what the income was of
        return previous[: -len(other)] + subject
    housing = _housing_part(subject, previous)
    if housing is not None:
        return housing
    accident = _ACCIDENT.match(previous) if subject in _role_set("casualty") else None
    if accident is not None:
        # 发生道路交通事故1235起,死亡215人,受伤1356人: the deaths and injuries of those accidents
        return accident[1] + subject + "人数"
    if subject.endswith("类") and len(subject) >= 3 and "价格" in previous:
        # 居民消费价格上涨0.3%。其中,交通通信类下降1.8%: a CPI category's price
        return subject + "价格"
    traded = partner_trade(subject, previous)
    if traded is not None:
        return traded
    if subject in _role_set("facility_attribute") and _role_suffix_re("facility").search(previous):
        # 收养性社会福利机构41个,床位5462张: the beds of those institutions
        return previous + subject
    if subject.startswith("占") and len(subject) > 2 and not previous.startswith("占"):
        return previous + subject  # 装备制造业增加值…,占规模以上工业的比重: the share of the one before
    spec_re = _naming_tables()[0]
    if subject in PER_WORDS and not previous.startswith(PER_WORDS):
        # 共接待游客28.6万人次,日均3.6万人次: the same measure, per day (of the catalogue's name, so that the
        # specifier stands right before it: 日均接待游客, not 日均故宫博物院共接待游客)
        hit = lookup(previous)
        return subject + (hit.name if hit is not None else previous)
    spec = spec_re.match(subject)
    if spec is not None and lookup(subject) is None:
        # (人均GDP is a catalogue name of its own: it is not 人均 + the longer name before it, 东北老工业基地沈阳GDP)
        rest = subject[spec.end():]
        # 实现国内旅游收入110.11亿元,…日均收入增长32.27%: 日均 + the name the sentence gave the measure
        if 2 <= len(rest) <= 4 and previous.endswith(rest) and len(previous) > len(rest) and not spec_re.match(previous):
            return spec.group() + previous
    if subject in _role_set("bare_measure"):
        # 普通高等学校招生23.9万人,在校学生81.5万人: a bare measure replaces the measure of the name before it
        prev_hit = lookup(previous)
        for named in (previous, prev_hit.name if prev_hit is not None else ""):
            # (在学研究生6.5万人,毕业生1.8万人: the catalogue's name of the one before says its measure, 研究生在校生)
            pm = next((m for m in _word_lists().get("measure", ()) if named.endswith(m) and len(named) > len(m)), None)
            if pm is not None:
                return named[: len(named) - len(pm)] + subject
    hit = lookup(subject)
    if hit is not None:
        # a bare sector that the catalogue knows by one measure (冶金工业 → 冶金工业增加值, 第一产业) takes the
        # measure the sentence speaks of (工业投资增长25.6%,其中高技术制造业增长30% → 高技术制造业投资)
        if subject.endswith("业") and not (ends_with_measure(subject) or _key(subject) == _key(hit.name) or subject in _role_set("contrast")):
            pm = next((m for m in _word_lists().get("measure", ()) if previous.endswith(m) and len(previous) > len(m)), None)
            if pm is not None and not hit.name.endswith(pm) and same_unit:
                return subject + _PART_MEASURE.get(pm, pm)
        return subject
    lists = _word_lists()
    contrast = lists.get("contrast", ())
    measures = lists.get("measure", ())
    prev_measure = next((m for m in measures if previous.endswith(m) and len(previous) > len(m)), None)
    if subject in contrast:
        rest = previous
        for w in contrast:
            if rest.startswith(w):
                rest = rest[len(w):]
                break
        return subject + rest if len(rest) >= 2 else subject
    if subject in lists.get("bare_measure", ()):
        if prev_measure is not None:
            return previous[: len(previous) - len(prev_measure)] + subject
        return subject
    if (same_unit and prev_measure is not None and (len(subject) >= 2 or _ONE_CHAR_PRODUCE.match(subject))
            and not _MEASURE_END.search(subject)
            and not any(subject.endswith(m) for m in measures)
            and not is_region(subject) and not is_generic(subject)):
        # 粮食总产量135.6万吨,其中玉米105.3万吨: a part's output is its 产量 (the 总 was the whole's)
        return subject + _PART_MEASURE.get(prev_measure, prev_measure)
    return fill_from_parallel(subject, previous)


def is_contrast_word(subject: str) -> bool:
    return subject in _role_set("contrast")


def is_bare_part(subject: str) -> bool:
    """A subject that is only an industry or a category (采矿业, 汽车制造业, 交通通信类): it measures what the total
    before it does."""
    return len(subject) >= 2 and subject.endswith(("业", "类")) and not ends_with_measure(subject) and not is_generic(subject)


def _housing_part(subject: str, previous: str) -> str | None:
    """商品房销售面积652.3万平方米,其中住宅598.1万平方米: the housing part of the commercial buildings' figure."""
    if subject in ("住宅", "商品住宅") and previous.startswith("商品房") and len(previous) > 3:
        return "商品住宅" + previous[3:]
    return None


def is_contrast_pair(subject: str, previous: str) -> bool:
    """Whether a subject is the other member of a pair whose first member named the measure (城镇居民人均可支配收入
    …, 农村居民 …): it is named from that member, not from the last subject of its unit."""
    if subject in _role_set("casualty"):
        return _ACCIDENT.match(previous) is not None  # (道路交通事故…,死亡215人,受伤1356人)
    if _housing_part(subject, previous) is not None:
        return True  # (商品房销售额652.1亿元,其中住宅585.3亿元)
    return bool(subject) and bool(previous) and fill_from_parallel(subject, previous) != subject


def ends_with_measure(name: str) -> bool:
    """Whether a name already says what it measures (进出口总额, 产值), so it cannot be a topic."""
    return bool(_MEASURE_END.search(name)) or any(name.endswith(m) for m in _word_lists().get("measure", ()))
