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

from extract.lexicon import HERE, data_rows

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
        for a in [name] + [x for x in aliases.split("|") if x]:
            key = _key(a)
            other = by_alias.get(key)
            if other is not None and other.id != iid:
                raise ValueError(f"indicators.tsv: {a!r} names both {other.id} and {iid}")
            by_alias[key] = ind
    return by_alias, by_id


_KEY_DROP = re.compile(r"[\s\"“”‘’「」『』《》〈〉()（）\[\]【】·]")


def _key(s: str) -> str:
    return _KEY_DROP.sub("", s).replace("优、良", "优良")


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for row in data_rows("subject_words.tsv"):
        role, words = row[0], row[1] if len(row) > 1 else ""
        roles.setdefault(role, []).extend(w for w in words.split("|") if w)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in roles.items()}


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
                for w in words:
                    if len(w) >= 2:
                        tk.add_word(w, freq=100000)
            _TK = tk
    return _TK


# time words and attributions that open a subject phrase, removed before segmenting
PRE_STRIP = re.compile(r"^(?:(?:(?:19|20)\d{2}年|前[一二三四五六七八九十两\d]{1,3}个?月|\d{1,2}(?:[-—至]\d{1,2})?月(?:份)?(?:\d{1,2}日)?|\d{1,2}日|[一二三四]季度|前三季度|上半年|下半年|全年|今年|去年|当天|当日|"
                       r"据[^,，。]{0,14}?(?:统计|显示|测算|调查|数据|获悉|了解)|数据显示|统计显示)[,，:：]?)+")
TIME_TOKEN = re.compile(r"^(?:(?:19|20)\d{2}年?|前[一二三四五六七八九十两\d]{1,3}个?月|\d{1,2}(?:-\d{1,2})?月(?:份|末|底)?|\d{1,2}日|[一二三四1-4]季度|前三季度|上半年|下半年|全年|年末|年底|年初|今年|去年|上年|本年|当年|同期|截至|截止|期间|假期|黄金周|长假|小长假)$")
NOISE = re.compile(r"^[\s\-—–~·\.,，、;；:：!！?？\"“”‘’'「」『』《》()（）\[\]【】*#|/]+$")
DIGITY = re.compile(r"\d")


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


def _strip(tokens: list[str], role: str, *, front: bool) -> list[str]:
    ws, pat = _strip_tables(role)
    while tokens:
        t = tokens[0] if front else tokens[-1]
        if t in ws or NOISE.match(t) or TIME_TOKEN.match(t) or (DIGITY.search(t) and not re.search(r"[\u4e00-\u9fff]{2}", t)):
            tokens = tokens[1:] if front else tokens[:-1]
            continue
        # a multi-character token that merely starts/ends with a listed word (jieba glued it on)
        m = pat.search(t) if pat is not None else None
        if m:
            rest = t[m.end():] if front else t[: m.start()]
            tokens = ([rest] + tokens[1:]) if front else (tokens[:-1] + [rest])
            continue
        break
    return tokens


@lru_cache(maxsize=20000)
def clean_subject(phrase: str) -> str:
    """The indicator phrase left when time, region, connective, verb and comparison words are removed."""
    phrase = PRE_STRIP.sub("", phrase.strip()).replace("优、良", "优良")
    if not phrase:
        return ""
    lists = _word_lists()
    tokens = [t for t in tokenizer().lcut(phrase, HMM=False) if t.strip()]
    # keep what follows the last clause-internal break (a verb that starts a new predicate)
    breakers = set(lists.get("break", ()))
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in breakers and i < len(tokens) - 1:
            tokens = tokens[i + 1:]
            break
    for _ in range(3):
        tokens = _strip(tokens, "prefix", front=True)
        tokens = _strip(tokens, "suffix", front=False)
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
        if any(head.endswith(s) or head == s for s in specifiers):
            return None
        best = ind
        break
    return best


def is_region(subject: str) -> bool:
    return subject in _region_words()


HEAD_NOUNS = ("产值", "增加值", "利润", "利润总额", "营业收入", "销售收入", "销售额", "投资", "产量", "出口", "进口", "收入")
TOPIC_END = re.compile(r"(?:\d|生产|继续|持续|保持|发挥|实现|完成|呈现|表现|生产|稳步|快速|平稳|同比|增长|的|,|，)")


def is_head_noun(subject: str) -> bool:
    return subject in HEAD_NOUNS


def topic(clause: str, longest: int = 14) -> str:
    """The noun phrase a sentence opens with (装备制造业继续发挥支撑作用 → 装备制造业)."""
    m = TOPIC_END.search(clause)
    head = clause[: m.start()] if m else clause
    out = clean_subject(head)
    return out if 2 <= len(out) <= longest and not is_region(out) else ""


def heads() -> tuple[str, ...]:
    """Head nouns that list items share (城镇和农村居民人均可支配收入), longest first."""
    return _word_lists().get("head", ())


HEAD_CHARS = re.compile(r"游客|旅游|人次|人数|人口|接待|收入|消费|花费|产值|总值|增加值|投资|额|量|数|率|比|价格|指数|利润|资金|"
                        r"保险|就业|岗位|工资|支出|面积|产量|销售|客流|用户|企业|项目|客|者|员|人|出口|进口|贸易|顺差|逆差|GDP|CPI|PPI|税|存款|贷款|电|天|浓度|噪声|床|户|金|费|值|款|值|产|业")


def has_head(subject: str) -> bool:
    """Whether a phrase names a measurable thing (收入, 游客, 产值 …) rather than a place or an actor."""
    return bool(HEAD_CHARS.search(subject))


@lru_cache(maxsize=1)
def _long_aliases() -> tuple[tuple[str, Indicator], ...]:
    by_alias, _ = catalogue()
    return tuple(sorted(((a, i) for a, i in by_alias.items() if len(a) >= 4), key=lambda x: -len(x[0])))


def find_in_text(text: str) -> Indicator | None:
    """The indicator of the last, longest catalogue name (4+ characters) written in a stretch of text."""
    best, best_end = None, -1
    for a, i in _long_aliases():  # longest first: on the same end the longest name wins
        p = text.rfind(a)
        if p >= 0 and p + len(a) > best_end:
            best, best_end = i, p + len(a)
    return best
