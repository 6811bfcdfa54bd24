"""jieba's accurate mode without HMM (`Tokenizer.lcut(s, HMM=False)`), the same tokens in half the time.

Subject phrases are segmented for most figures and jieba is the largest cost of a new article. This is
jieba 0.42.1's own algorithm (Tokenizer.cut → __cut_DAG_NO_HMM: get_DAG, calc, the route walk) in one
pass per block, with each word's log-probability computed once: the same floating-point sums in the
same order, so the same route and the same tokens (tests/test_extract_segment.py compares them). Another
jieba version is segmented by jieba itself.
"""
from __future__ import annotations

from functools import lru_cache
from math import log

_LOGP: dict[str, float] = {}  # word → log(freq or 1) - log(total), for _LOGP_OF
_LOGP_OF: tuple[object, int] | None = None  # (tokenizer, its total) the cache was made for


@lru_cache(maxsize=1)
def _jieba_patterns():
    """jieba's block, skip and latin patterns, or None for another version than the one copied here
    (imported on first use: importing extract does not load jieba)."""
    import jieba

    if jieba.__version__ != "0.42.1":
        return None
    return jieba.re_han_default, jieba.re_skip_default, jieba.re_eng


@lru_cache(maxsize=1)
def _eng_chars() -> frozenset | None:
    """What jieba's re_eng matches when it is 0.42.1's ASCII class (a set lookup for every one-character
    word instead of a regex call), else None."""
    import jieba

    if jieba.re_eng.pattern != "[a-zA-Z0-9]":
        return None
    return frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def lcut_no_hmm(tk, sentence: str) -> list[str]:
    """`tk.lcut(sentence, HMM=False)` for a str (tk: a jieba Tokenizer)."""
    global _LOGP_OF
    pats = _jieba_patterns()
    if pats is None or not isinstance(sentence, str):
        return tk.lcut(sentence, HMM=False)
    re_han, re_skip, re_eng = pats
    tk.check_initialized()
    if _LOGP_OF is None or _LOGP_OF[0] is not tk or _LOGP_OF[1] != tk.total:
        _LOGP.clear()  # another tokenizer, or words added since
        _LOGP_OF = (tk, tk.total)
    out: list[str] = []
    for blk in re_han.split(sentence):
        if not blk:
            continue
        if re_han.match(blk):
            out += _block(tk, blk, re_eng)
        else:
            for x in re_skip.split(blk):
                if re_skip.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out


_PREFIX = object()  # _LOGP's mark for a prefix of a dictionary word that is no word itself (frequency 0)


def _block(tk, sentence: str, re_eng) -> list[str]:
    freq, logp, logtotal = tk.FREQ, _LOGP, log(tk.total)
    n = len(sentence)
    # the best route from each position: its log-probability and the end of its first word
    route_lp = [0.0] * (n + 1)
    route_end = [0] * n
    for idx in range(n - 1, -1, -1):
        # the words starting at idx (get_DAG) and the best of them with the best route after it (calc:
        # the largest (log-probability, end); the ends grow, so of equal sums the last one is jieba's max)
        best_lp, best_i = None, -1
        i, frag = idx, sentence[idx]
        while i < n:
            lp = logp.get(frag)  # (one lookup for a word seen before instead of three)
            if lp is None:
                f = freq.get(frag)
                if f is None:
                    break  # no dictionary word starts with frag
                lp = logp[frag] = (log(f) - logtotal) if f else _PREFIX
            if lp is not _PREFIX:
                s = lp + route_lp[i + 1]
                if best_i < 0 or s >= best_lp:
                    best_lp, best_i = s, i
            i += 1
            frag = sentence[idx:i + 1]
        if best_i < 0:
            # no word: the character alone, with frequency 1 (it is no word: its frequency is 0 or none)
            best_lp, best_i = (log(1) - logtotal) + route_lp[idx + 1], idx
        route_lp[idx] = best_lp
        route_end[idx] = best_i
    out: list[str] = []
    x, buf = 0, ""
    eng = _eng_chars()
    while x < n:
        y = route_end[x] + 1
        word = sentence[x:y]
        if len(word) == 1 and (word in eng if eng is not None else re_eng.match(word)):
            buf += word  # single latin letters and digits run together (jieba's eng buffer)
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)
    return out
