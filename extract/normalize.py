"""A normalised working copy of a text, with a map back to the original offsets.

Steps, each keeping the map: NFKC (full-width punctuation and digits → half-width), years in Chinese numerals
written with digits (二〇二四年 → 2024年), pinyin glosses
removed (`增長(zhǎng)` → `增長`, mirror sites insert them inside words and units), stray spaces inside
Chinese words and between a number and its unit removed (`8.7 万 人`), then traditional →
simplified with OpenCC (hk2s: t2s plus HK variants) only in paragraphs written in traditional characters (t2s over simplified
text damages it: 在沈落户 → 在沉落户), then the Hong Kong wording map (數碼 → 数字).

`Normalized.index[i]` is the original offset of `text[i]`; `index[len(text)]` is `len(original)`.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import data_lines

HAN = re.compile(r"[\u3400-\u9fff]")
# A pinyin gloss: ( + latin letters with at least one tone mark or ü + ), right after a Han character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# (the "(" is matched first and the Han character behind it checked after: a pattern opening with a
# look-behind is tried at every position, one opening with a literal is searched for)
PINYIN_GLOSS = re.compile(rf"\((?<=[\u3400-\u9fff]\()(?=[a-zA-Z{_TONED}]*[{_TONED}])[a-zA-Z{_TONED}]{{1,12}}\)")
# Spaces (not line breaks) inside Chinese text: between two Han characters, or between a number and
# a Han character (`280 亿元`, `增长 4%`), or between a number and % or ‰ (`增长 15 %`).
# (written to open with the space class, the character before checked by a look-behind over it: fast search)
INNER_SPACE = re.compile(r"[ \t\u3000\xa0](?:(?<=[\u3400-\u9fff\d%].)[ \t\u3000\xa0]*(?=[\u3400-\u9fff])|"
                         r"(?<=[\u3400-\u9fff].)[ \t\u3000\xa0]*(?=\d)|(?<=\d.)[ \t\u3000\xa0]*(?=[%‰]))")
# Markdown bold marks (the text of a page converted to Markdown: 达到**318**天)
MARKDOWN_BOLD = re.compile(r"\*\*|__")
PARAGRAPH = re.compile(r"[^\n]+")
# A year written in Chinese numerals (二〇二四年, 二○○○年 in bulletins and reposts): written with digits in the
# working copy (one digit a numeral: the map is unchanged), so that the period reader sees 2024年
CHINESE_YEAR = re.compile(r"(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2}(?=年)")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# A paragraph is converted when this share of its Han characters changes under t2s; simplified text
# changes well under 1%, traditional text 15-35%.
TRADITIONAL_SHARE = 0.04
MIN_HAN_FOR_OWN_DECISION = 12


@dataclass
class Normalized:
    original: str
    text: str
    index: list[int]
    traditional: bool  # any part converted

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the working-copy span [start, end)."""
        if end <= start:
            s = self.index[start]
            return s, s
        return self.index[start], self.index[end - 1] + 1


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("hk2s")  # t2s plus Hong Kong variant characters (衞→卫, 牀→床)


@lru_cache(maxsize=1)
def _hk_words() -> tuple[re.Pattern | None, dict[str, str]]:
    mapping = {}
    for line in data_lines("hk_words.tsv"):
        src, dst = line.split("\t")[:2]
        mapping[src] = dst
    if not mapping:
        return None, {}
    pat = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pat, mapping


_NFKC_CACHE: dict[str, str] = {}


def _rewrite(text: str, index: list[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Apply non-overlapping (start, end, replacement) edits, sorted by start, keeping the map."""
    if not edits:
        return text, index
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    for s, e, rep in edits:
        out.append(text[pos:s])
        idx.extend(index[pos:s])
        n, m = e - s, len(rep)
        if m:
            out.append(rep)
            if n == m:
                idx.extend(index[s:e])
            elif n == 0:
                idx.extend([index[s]] * m)
            else:  # spread the replacement over the replaced characters
                idx.extend(index[s + min(i * n // m, n - 1)] for i in range(m))
        pos = e
    out.append(text[pos:])
    idx.extend(index[pos:])  # includes the end sentinel
    return "".join(out), idx


def _compat_forms() -> tuple[dict[str, str], dict[str, str]]:
    """Compatibility forms common in Chinese pages (full-width forms, the ideographic space, ……, ①, ㎡):
    characters whose NFKC is also their full decomposition (NFKD). Replacing such a character by it leaves
    the NFKD of the text, hence its NFKC, unchanged. ({one for one}, {one for several})."""
    one, several = {}, {}
    blocks = [(0x2000, 0x2C00), (0x3200, 0x3400), (0xFE30, 0xFE70), (0xFF01, 0xFFEF)]
    for cp in [c for a, b in blocks for c in range(a, b)] + [0x3000, 0xA0]:
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch and unicodedata.normalize("NFKD", ch) == n:
            (one if len(n) == 1 else several)[ch] = n
    return one, several


_SIMPLE_FORMS, _EXPANDING_FORMS = _compat_forms()
_SIMPLE_FORM_RE = re.compile("[" + re.escape("".join(_SIMPLE_FORMS)) + "]")
_EXPANDING_FORM_RE = re.compile("[" + re.escape("".join(_EXPANDING_FORMS)) + "]")


def _nfkc_by_char(text: str) -> tuple[str, list[int]]:
    """Each character replaced by its own NFKC when it is a compatibility form above, with the map; other
    characters are kept (the caller checks that the result is normal)."""
    out = text
    for ch in set(_SIMPLE_FORM_RE.findall(text)):
        out = out.replace(ch, _SIMPLE_FORMS[ch])
    idx = list(range(len(text) + 1))
    if _EXPANDING_FORM_RE.search(out):  # …… → ......: one character for several, each mapped to it
        out, idx = _rewrite(out, idx, [(m.start(), m.end(), _EXPANDING_FORMS[m.group()])
                                        for m in _EXPANDING_FORM_RE.finditer(out)])
    return out, idx


def _chars_nfkc(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    idx: list[int] = []
    cache = _NFKC_CACHE
    # chunks that are already normal are copied whole (C speed); only the others go char by char
    step = 64
    for c0 in range(0, len(text), step):
        chunk = text[c0:c0 + step]
        if unicodedata.is_normalized("NFKC", chunk):
            out.append(chunk)
            idx.extend(range(c0, c0 + len(chunk)))
            continue
        for i, ch in enumerate(chunk, c0):
            n = cache.get(ch)
            if n is None:
                n = unicodedata.normalize("NFKC", ch)
                if len(cache) < 100_000:
                    cache[ch] = n
            out.append(n)
            idx.extend([i] * len(n))
    idx.append(len(text))
    return "".join(out), idx


def _nfkc(text: str) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFKC", text):
        return text, list(range(len(text) + 1))
    by_char, idx = _nfkc_by_char(text)
    if unicodedata.is_normalized("NFKC", by_char):
        # Unicode's NFKC is slow on most Chinese text (full-width punctuation, ……). Replacing compatibility
        # forms by their decomposition keeps the text's NFKD, so a normal result is the text's NFKC: what
        # the code below returns (one for one: the identity map; else _chars_nfkc's map, the same).
        return by_char, idx
    whole = unicodedata.normalize("NFKC", text)
    if len(whole) == len(text) and all(unicodedata.normalize("NFKC", a) == b
                                       for a, b in zip(text, whole) if a != b):
        # the usual case (full-width forms → half-width): one character for one
        return whole, list(range(len(text) + 1))
    return _chars_nfkc(text)


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern:
    """Characters that the converter changes on their own (phrase-level changes such as 在沈 → 在沉 do
    not count): their share tells traditional text from simplified. Built once from the CJK blocks."""
    chars = [chr(c) for c in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000))]
    conv = _t2s().convert("\n".join(chars)).split("\n")
    if len(conv) != len(chars):
        raise RuntimeError("OpenCC changed the number of lines while listing traditional characters")
    marks = "".join(a for a, b in zip(chars, conv) if a != b)
    return re.compile("[" + re.escape(marks) + "]")


def _changed_share(seg: str) -> tuple[int, int]:
    """(traditional characters, Han characters) of a segment."""
    return len(_marker_re().findall(seg)), len(HAN.findall(seg))


def _count(char_class: re.Pattern, s: str) -> int:
    """How many characters of `s` a one-character class matches (a substitution by "" makes no match
    objects: several times faster than len(findall) on Chinese text)."""
    return len(s) - len(char_class.sub("", s))


HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def _count_han(s: str) -> int:
    """_count(HAN, s), removing runs of Han characters instead of each one (a Chinese text's Han characters
    come in runs: about half the time)."""
    return len(s) - len(HAN_RUN.sub("", s))


def _convert(text: str, index: list[int], force: bool | None = None) -> tuple[str, list[int], bool]:
    """Traditional paragraphs of `text` converted to simplified, with the offset map."""
    if force is None and not _marker_re().search(text):
        # no character that converts on its own: no paragraph below would be converted (cheaper than OpenCC)
        return text, index, False
    marker = _marker_re()
    # (traditional, Han) characters of each paragraph; neither class holds \n: the text's are their sums
    paras = [(m.start(), m.end(), _count(marker, m.group()), _count_han(m.group())) for m in PARAGRAPH.finditer(text)]
    marks = sum(p[2] for p in paras)
    if not marks and force is None:
        return text, index, False
    han = sum(p[3] for p in paras)
    doc_trad = han > 0 and marks / han >= TRADITIONAL_SHARE
    trad_paras = []
    for s, e, c, h in paras:
        if c == 0 and force is None:
            continue
        trad = (c / h >= TRADITIONAL_SHARE) if h >= MIN_HAN_FOR_OWN_DECISION else (doc_trad and c > 0)
        if force is not None:
            trad = force
        if trad:
            trad_paras.append((s, e))
    if not trad_paras:
        return text, index, False
    # (OpenCC only now: the paragraphs were chosen by counting characters; a text it leaves as it is stays so)
    cc = _t2s()
    conv_all = cc.convert(text)
    if conv_all == text:
        return text, index, False
    if len(conv_all) == len(text):
        # character for character (the usual case): splice the converted paragraphs, the map is unchanged
        out, pos = [], 0
        for s, e in trad_paras:
            out.append(text[pos:s])
            out.append(conv_all[s:e])
            pos = e
        out.append(text[pos:])
        return "".join(out), index, True
    edits: list[tuple[int, int, str]] = []
    for s, e in trad_paras:
        seg = text[s:e]
        conv = cc.convert(seg)
        if conv == seg:
            continue
        if len(conv) == len(seg):
            edits.append((s, e, conv))
        else:
            sm = difflib.SequenceMatcher(None, seg, conv, autojunk=False)
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                if tag != "equal":
                    edits.append((s + i1, s + i2, conv[j1:j2]))
    t, idx = _rewrite(text, index, edits)
    return t, idx, True


# wording only Hong Kong papers use (按年增长, 录得, 首三季, 本地生产总值): their map applies in simplified text too
HK_STYLE = re.compile(r"按年(?:增长|上升|下跌|下降|增加|减少|升|跌)|录得|首三季|本地生产总值")


def normalize(text: str, *, traditional: bool | None = None) -> Normalized:
    """The working copy of `text` with its offset map. `traditional` forces the script decision."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs a str, got {type(text).__name__}")
    t, idx = _nfkc(text)
    if "年" in t:
        t, idx = _rewrite(t, idx, [(m.start(), m.end(), m.group().translate(_CHINESE_DIGITS))
                                   for m in CHINESE_YEAR.finditer(t)])
    edits = [(m.start(), m.end(), "") for m in PINYIN_GLOSS.finditer(t)]
    edits += [(m.start(), m.end(), "") for m in MARKDOWN_BOLD.finditer(t)]
    edits.sort()
    t, idx = _rewrite(t, idx, edits)
    edits = [(m.start(), m.end(), "") for m in INNER_SPACE.finditer(t)]
    t, idx = _rewrite(t, idx, edits)
    t, idx, trad = _convert(t, idx, traditional)
    if trad or (traditional is None and HK_STYLE.search(t)):
        # (a Hong Kong paper's simplified edition, or a report converted to simplified, keeps its wording)
        pat, mapping = _hk_words()
        if pat is not None:
            t, idx = _rewrite(t, idx, [(m.start(), m.end(), mapping[m.group()]) for m in pat.finditer(t)])
    t, idx = _rewrite(t, idx, [(s, e, "") for s, e in _spam_spans(t)])
    return Normalized(text, t, idx, trad)


# A web address (hg0088.com, www.xpj8866.com, http://888.6hc.com/?id=1): junk on a mirror site, never part of
# a figure's name. (Looked for only where the quick hint finds a dot before a top-level domain.)
_TLD = r"(?:com|net|org|cn|cc|vip|top|xyz|tv|me|co|info|biz|la|io|bet)(?![A-Za-z0-9])"
DOMAIN_HINT = re.compile(r"\." + _TLD)
DOMAIN = re.compile(r"(?:https?://)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\." + _TLD + r"(?:/[!-~]*)?")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


@lru_cache(maxsize=1)
def _spam_words() -> re.Pattern | None:
    words = sorted((w.strip() for w in data_lines("spam_words.txt")), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def _spam_spans(t: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of injected spam: the words of spam_words.txt with the letters and digits
    glued to either side (365体育投注, 365bet体育在线), and web addresses."""
    spans = []
    pat = _spam_words()
    if pat is not None:
        for m in pat.finditer(t):
            a, b = m.start(), m.end()
            while a > 0 and t[a - 1] in _ASCII_ALNUM:
                a -= 1
            if a < m.start() and t[a - 1:a] in (".", ","):
                a = m.start()  # (a decimal or grouped number before the word is a figure's, not the junk's)
            e = b
            while e < len(t) and t[e] in _ASCII_ALNUM:
                e += 1
            if not t[b:e].isdigit():
                b = e  # (皇冠体育hg0088: the junk's letters and digits; a bare number after the word may be a figure)
            spans.append((a, b))
    if "." in t and DOMAIN_HINT.search(t):
        spans += [m.span() for m in DOMAIN.finditer(t)]
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# (written to open with the \n, the character before it checked by a look-behind over both: a pattern that opens
# with a look-behind is tried at every position, one that opens with a literal is searched for)
WRAP_BREAK = re.compile(r"\n(?<=[^。！？!?；;：:\n\s]\n)(?=[\u3400-\u9fff\d%])")


# a list enumerator opening a line: 三、 十一、 二. （二） (二) (8)
ENUMERATOR = re.compile(r"[一二三四五六七八九十]{1,3}[、.]|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]")
# a bulletin's numbered section heading, short, with no figure or clause in it (三、工业; 七、交通邮电;
# (三)固定资产投资; 十一、人口和人民生活; (8)金融)
_HEADING_LINE = re.compile(rf"\s*(?:{ENUMERATOR.pattern})[^%。！？!?，,；;\n]{{0,24}}\s*$")
# a wiki mirror's section heading ends with its edit link: 對外經濟[編輯], 农业[编辑源代码]
_WIKI_HEADING = re.compile(r"[^，,。；;\n]{1,20}\[(?:编辑|編輯|编辑源代码|編輯原始碼|edit)\]\s*$")


# a short line with no figure or clause in it (卫生和社会保障, 旅游): a heading when the line before it ended a
# sentence (or there is none); a PDF's wrapped pieces (左\n右) follow a line that ends mid-sentence
_PLAIN_HEADING = re.compile(r"[^\d%，,。；;：:！？!?\n]{2,15}$")


def _is_numbered_heading(t: str, start: int, end: int) -> bool:
    return bool(_HEADING_LINE.match(t, start, end) or _WIKI_HEADING.match(t, start, end))


def _is_heading(t: str, start: int, end: int) -> bool:
    if _is_numbered_heading(t, start, end):
        return True
    if not _PLAIN_HEADING.match(t, start, end):
        return False
    k = start - 2  # (the last character of the line before, past the \n at start - 1)
    while k >= 0 and t[k] in " \t":
        k -= 1
    return k < 0 or t[k] in "。！？!?"


def _line_end(t: str, pos: int) -> int:
    end = t.find("\n", pos)
    return len(t) if end < 0 else end


def join_wrapped_lines(n: Normalized, words: frozenset | None = None, longest: int = 8) -> Normalized:
    """A PDF copy breaks lines inside words and figures (一般公共\n预算收入, 4%\n左\n右): when most
    lines are short, a line break that does not end a sentence is removed (the map is kept). In a shorter
    text, a break is removed where a known word runs across it (地区生产\n总值, 906.2亿\n元): `words` are the
    indicator names and units, up to `longest` characters."""
    if "\n" not in n.text:
        return n
    # a bulletin's section headings (二、农业, (三)工业) are short lines of their own: they don't make the
    # text look wrapped (nor, below, run into the paragraph under them)
    # (numbered ones only: a short plain line is a heading or a wrapped piece depending on the line before it)
    lengths = sorted(len(x) for x in n.text.split("\n") if x.strip() and not _is_numbered_heading(x, 0, len(x)))
    if len(lengths) >= 10 and lengths[len(lengths) // 2] < 40:
        breaks = list(WRAP_BREAK.finditer(n.text))
    elif words:
        t = n.text
        breaks = [m for m in WRAP_BREAK.finditer(t) if _word_across(t, m.start(), words, longest)]
        if not breaks:
            return n
    else:
        return n
    t = n.text
    # a bulletin's section heading (三、工业, （二）农业) is a line of its own: no break before or after it is a wrap
    breaks = [m for m in breaks if not (_is_heading(t, t.rfind("\n", 0, m.start()) + 1, m.start())
                                        or ENUMERATOR.match(t, m.end())
                                        or _is_heading(t, m.end(), _line_end(t, m.end())))]
    if not breaks:
        return n
    if "|" in n.text:
        # a table's rows (a | b | c, one a line) are lines of their own, however short
        t = n.text
        breaks = [m for m in breaks if "|" not in t[t.rfind("\n", 0, m.start()) + 1:m.start()]
                  and "|" not in t[m.end():(t.find("\n", m.end()) + 1 or len(t) + 1) - 1]]
        if not breaks:
            return n
    t, idx = _rewrite(n.text, n.index, [(m.start(), m.end(), "") for m in breaks])
    return Normalized(n.original, t, idx, n.traditional)


def _word_across(t: str, pos: int, words: frozenset, longest: int) -> bool:
    """Whether a word of `words` runs across the line break at t[pos]."""
    if t[pos - 1:pos] + t[pos + 1:pos + 2] not in _pairs(words):
        return False  # (no word holds the two characters around the break side by side: most breaks)
    for k in range(1, min(longest - 1, pos) + 1):
        left = t[pos - k:pos]
        if "\n" in left:
            break
        for j in range(1, min(longest - k, len(t) - pos - 1) + 1):
            right = t[pos + 1:pos + 1 + j]
            if "\n" in right:
                break
            if left + right in words:
                return True
    return False


_PAIRS: dict[frozenset, frozenset] = {}


def _pairs(words: frozenset) -> frozenset:
    """Every two adjacent characters inside the words (one set per word set, made once)."""
    got = _PAIRS.get(words)  # (a frozenset keeps its hash; the same object is found by identity)
    if got is None:
        got = _PAIRS[words] = frozenset(w[i:i + 2] for w in words for i in range(len(w) - 1))
    return got


def to_simplified(s: str) -> str:
    """A short phrase (unit, indicator, region) in simplified characters, NFKC'd; wording map applied."""
    n = normalize(s)
    return n.text
